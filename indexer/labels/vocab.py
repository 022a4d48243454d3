"""The types of document and levels of force, from the editable indexer/data/vocab.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..settings import DATA_DIR

VOCAB_PATH = DATA_DIR / "vocab.toml"
OTHER = "其他"


@dataclass(frozen=True)
class Vocab:  # (frozen, and its cached index by last character is computed once)
    doctypes: tuple[str, ...]
    groups: dict[str, str]  # doctype -> 公文 | 法规 | 其他材料
    endings: tuple[tuple[str, str], ...]  # (ending, doctype), longest first
    levels: tuple[str, ...]

    def doctype_of_title(self, title: str) -> tuple[str, str] | None:
        """The type a title's ending names, with the ending: 关于…的实施细则 -> (细则, 实施细则)."""
        for ending, doctype in self.by_last_char.get(title[-1:], ()):
            if title.endswith(ending):
                return doctype, ending
        return None

    @cached_property
    def by_last_char(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """The endings by their last character, longest first."""
        grouped: dict[str, list[tuple[str, str]]] = {}
        for ending, doctype in self.endings:
            grouped.setdefault(ending[-1], []).append((ending, doctype))
        return {char: tuple(pairs) for char, pairs in grouped.items()}

    def group(self, doctype: str) -> str:
        return self.groups.get(doctype, "其他材料")


@lru_cache(maxsize=4)
def load_vocab(path: Path = VOCAB_PATH) -> Vocab:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    doctypes = data.get("doctypes", {})
    endings = sorted(((e, name) for name, table in doctypes.items() for e in table.get("endings", [])),
                     key=lambda pair: len(pair[0]), reverse=True)
    return Vocab(
        doctypes=tuple(doctypes), groups={name: table.get("group", "其他材料") for name, table in doctypes.items()},
        endings=tuple(endings), levels=tuple(data.get("levels", {}).get("order", [])),
    )


def doctypes() -> tuple[str, ...]:
    return load_vocab().doctypes


def levels() -> tuple[str, ...]:
    return load_vocab().levels
