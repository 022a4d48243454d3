"""Spelling suggestions from the library's own words (engine-neutral): for a word that finds
nothing, the words of the library that sound the same (pinyin without tones: 帮付 -> 帮扶) or
differ in one character, the most used first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

_MIN_FREQUENCY = 2  # a word in fewer articles is too rare to suggest
_LENGTHS = range(2, 7)


class Speller:
    """Built once from the words of a library with the number of articles holding each."""

    def __init__(self, words: Iterable[tuple[str, int]]):
        self._frequency: dict[str, int] = {}
        by_length: dict[int, list[str]] = defaultdict(list)
        for word, frequency in words:
            if frequency >= _MIN_FREQUENCY and len(word) in _LENGTHS and _chinese(word):
                self._frequency[word] = frequency
                by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._by_sound: dict[str, list[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self._frequency

    def _sounds(self) -> dict[str, list[str]]:
        if self._by_sound is None:
            from pypinyin import lazy_pinyin

            sounds: dict[str, list[str]] = defaultdict(list)
            for word in self._frequency:
                sounds[" ".join(lazy_pinyin(word))].append(word)
            self._by_sound = dict(sounds)
        return self._by_sound

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Words of the library like `word`: the same sound first, then one character changed."""
        if len(word) not in _LENGTHS or not _chinese(word) or word in self._frequency:
            return []
        from pypinyin import lazy_pinyin

        same_sound = [w for w in self._sounds().get(" ".join(lazy_pinyin(word)), []) if w != word]
        one_off = [w for w in self._by_length.get(len(word), [])
                   if w != word and sum(a != b for a, b in zip(w, word, strict=True)) == 1]
        ranked = sorted(dict.fromkeys(same_sound), key=lambda w: -self._frequency[w])
        ranked += sorted((w for w in one_off if w not in same_sound), key=lambda w: -self._frequency[w])
        return ranked[:limit]


def _chinese(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)
