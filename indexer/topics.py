"""Topics from the editable taxonomy file (indexer/data/topics.toml, or the one Settings names)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .settings import ConfigError


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, tuple[str, ...]]  # topic -> keywords

    @property
    def names(self) -> list[str]:
        return list(self.topics)


class TaxonomyError(ConfigError):
    pass


@lru_cache(maxsize=8)
def load_taxonomy(path: Path) -> Taxonomy:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"主题分类文件 {path} 无法读取：{exc}") from exc
    topics: dict[str, tuple[str, ...]] = {}
    for name, table in data.items():
        words = table.get("keywords") if isinstance(table, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise TaxonomyError(f"主题分类文件 {path}：主题“{name}”需要 keywords = [\"…\", …]")
        topics[name] = tuple(w for w in words if w)
    return Taxonomy(topics)


def assign_topics(title: str, text: str, taxonomy: Taxonomy, most: int = 4) -> list[str]:
    """Topics whose keywords the article uses enough: hits per thousand characters, a title hit
    worth five, at least three hits in all; the best few, strongest first."""
    length = max(len(text), 1)
    scored: list[tuple[float, str]] = []
    for topic, words in taxonomy.topics.items():
        body_hits = sum(map(text.count, words))
        title_hits = sum(map(title.count, words))
        hits = body_hits + 5 * title_hits
        if hits < 3:
            continue
        density = body_hits * 1000 / length
        score = density + 5 * title_hits
        if density >= 1.0 or title_hits:
            scored.append((score, topic))
    scored.sort(reverse=True)
    if not scored:
        return []
    top = scored[0][0]
    return [topic for score, topic in scored[:most] if score >= top * 0.25]
