"""Chinese word segmentation, the one place that talks to the segmenter (rjieba, the bindings of
jieba-rs: jieba's dictionary and algorithm, about 20x faster here) with the union user dictionary."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .settings import DATA_DIR

DEFAULT_USERDICT = DATA_DIR / "userdict.txt"
_DEFAULT_FREQ = 20000


class Segmenter:
    def __init__(self, userdicts: tuple[Path, ...] = (DEFAULT_USERDICT,)):
        import rjieba

        self._jieba = rjieba.Jieba()
        self._subword_cache: dict[str, tuple[str, ...]] = {}
        self.user_words = 0
        for path in userdicts:
            self.user_words += self._load_userdict(path)

    def _load_userdict(self, path: Path) -> int:
        count = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else _DEFAULT_FREQ
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            self._jieba.add_word(word, freq, tag)
            count += 1
        return count

    def cut(self, text: str) -> list[str]:
        return list(self._jieba.cut(text, hmm=True))

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

    def has_word(self, word: str) -> bool:
        return bool(self._jieba.has_word(word))

    def cut_all(self, text: str) -> list[str]:
        return list(self._jieba.cut_all(text))


@lru_cache(maxsize=8)
def get_segmenter(userdict: Path = DEFAULT_USERDICT) -> Segmenter:
    paths = (DEFAULT_USERDICT,) if userdict == DEFAULT_USERDICT else (DEFAULT_USERDICT, userdict)
    return Segmenter(paths)


def cut(text: str) -> list[str]:
    return get_segmenter().cut(text)
