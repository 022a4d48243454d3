"""Chinese word segmentation, the one place that talks to the segmenter (rjieba, the bindings of
jieba-rs: jieba's dictionary and algorithm, about 20x faster here) with the union user dictionary."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .clean import to_simplified
from .settings import DATA_DIR

DEFAULT_USERDICT = DATA_DIR / "userdict.txt"
_DEFAULT_FREQ = 20000
_RECENT_TEXTS = 128  # texts whose word counts are kept (the articles of a large compilation)
_RECENT_MAX_CHARS = 500_000


def search_form(text: str) -> str:
    """The form text is analysed in: simplified characters, full-width letters and digits as
    ASCII, ASCII in lower case. Always the same length as `text`, so that what is found in the
    search form marks the same characters of the original."""
    if _NEEDS_FOLD.search(text):
        text = _NEEDS_FOLD.sub(_fold, text)
    return to_simplified(text)


def _fold(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


_FOLD = {
    **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c - 0xFEE0).isalnum()},
    **{c: c + 32 for c in range(ord("A"), ord("Z") + 1)},
    **{c: c - 0xFEE0 + 32 for c in range(0xFF21, 0xFF3B)},
}
_NEEDS_FOLD = re.compile("[A-Z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


class Segmenter:
    def __init__(self, userdicts: tuple[Path, ...] = (DEFAULT_USERDICT,)):
        import rjieba

        self._jieba = rjieba.Jieba()
        self._subword_cache: dict[str, tuple[str, ...]] = {}
        self._recent_counts: dict[str, Counter[str]] = {}
        # per-word results of the analysis that uses this segmenter (they depend on its dictionary)
        self.word_memo: dict[str, tuple[str, ...]] = {}
        for path in userdicts:
            self._load_userdict(path)

    def _load_userdict(self, path: Path) -> None:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else _DEFAULT_FREQ
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            self._jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        return list(self._jieba.cut(text, hmm=True))

    def count_words(self, text: str) -> Counter[str]:
        """How often each of jieba's words occurs in the text (not to be modified: the counts of the
        last texts counted are kept and given again, since labelling and indexing both count the
        words of each article of a file, in search form)."""
        found = self._recent_counts.get(text)
        if found is None:
            found = Counter(self._jieba.cut(text, hmm=True))
            if len(text) <= _RECENT_MAX_CHARS:
                recent = self._recent_counts
                recent[text] = found
                if len(recent) > _RECENT_TEXTS:
                    del recent[next(iter(recent))]
        return found

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Words with their character offsets (default mode, no sub-words)."""
        return list(self._jieba.tokenize(text, mode="default", hmm=True))

    def subwords(self, word: str) -> tuple[str, ...]:
        """Dictionary words inside a longer word (中华全国总工会 -> 中华, 全国, 总工会, 全国总工会…)."""
        if len(word) < 3:
            return ()
        found = self._subword_cache.get(word)
        if found is None:
            found = tuple(w for w in dict.fromkeys(self._jieba.cut_all(word)) if 2 <= len(w) < len(word))
            if len(self._subword_cache) > 200_000:
                self._subword_cache.clear()
            self._subword_cache[word] = found
        return found

    def is_person_name(self, text: str) -> bool:
        """Whether jieba tags the text as a person's name (nr…) and not as a common word (党政, 文化)."""
        tags = self._jieba.tag(text)
        return bool(tags) and all(tag.startswith("nr") for _word, tag in tags)


_configured: list[Path] = [DEFAULT_USERDICT]


def use_userdict(userdict: Path) -> None:
    """The user dictionary of this process's settings: the segmenter that indexes is the one that
    queries and labels (every call without a dictionary named gets it)."""
    _configured[0] = Path(userdict)


def get_segmenter(userdict: Path | None = None) -> Segmenter:
    """The one segmenter of a user dictionary in this process (labelling and indexing share it,
    and with it the word counts of the articles they both count)."""
    return _segmenter_of_path(str(userdict or _configured[0]))


@lru_cache(maxsize=16)
def _segmenter_of_path(userdict: str) -> Segmenter:
    return _segmenter_for(Path(userdict).resolve())


@lru_cache(maxsize=8)
def _segmenter_for(userdict: Path) -> Segmenter:
    default = DEFAULT_USERDICT.resolve()
    return Segmenter((default,) if userdict == default else (default, userdict))


def cut(text: str) -> list[str]:
    return get_segmenter().cut(text)


_SKIP_WORD = re.compile(r"^[\s\W_]+$")


def query_words(text: str, userdict: Path | None = None) -> list[str]:
    """How a query's words are cut (default mode, no sub-words), in search form."""
    segmenter = get_segmenter(userdict)
    return [w for w, _, _ in segmenter.tokenize(search_form(text)) if not _SKIP_WORD.match(w)]
