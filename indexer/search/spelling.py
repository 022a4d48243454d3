"""Spelling suggestions from the library's own words (engine-neutral): for a word that finds
nothing, the words of the library that sound the same (pinyin without tones: 帮付 -> 帮扶) or
are one edit away (a character changed, left out, added or two swapped), the most used first.

Candidates are generated from the word typed and looked up in the library (`frequency`), so
nothing is built over the whole vocabulary: a library of any size answers at once."""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

MIN_FREQUENCY = 2  # a word in fewer articles is too rare to suggest
LENGTHS = range(2, 7)


@functools.cache
def _homophones() -> dict[str, tuple[str, ...]]:
    """Each common character (GB 2312 level 1, the 3,755 most used) with the common characters
    that sound the same, tones left out."""
    from pypinyin.pinyin_dict import pinyin_dict

    by_sound: dict[str, list[str]] = defaultdict(list)
    sounds: dict[str, list[str]] = {}
    for point in range(0x4E00, 0xA000):
        char = chr(point)
        if not _common(char) or point not in pinyin_dict:
            continue
        readings = {_toneless(r) for r in pinyin_dict[point].split(",")}
        sounds[char] = sorted(readings)
        for reading in readings:
            by_sound[reading].append(char)
    return {char: tuple(dict.fromkeys(c for r in readings for c in by_sound[r] if c != char))
            for char, readings in sounds.items()}


def _common(char: str) -> bool:
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


class Speller:
    """Suggestions for the words of one commit of a library, with the frequencies looked up
    kept (`frequency(word)`: in how many articles the word stands as a word)."""

    def __init__(self) -> None:
        self._known: dict[str, int] = {}

    def _lookup(self, word: str, frequency: Callable[[str], int]) -> int:
        found = self._known.get(word)
        if found is None:
            if len(self._known) > 500_000:
                self._known.clear()
            found = self._known[word] = frequency(word)
        return found

    def suggest(self, word: str, frequency: Callable[[str], int], starting: Callable[[str], Iterable[str]],
                limit: int = 3) -> list[str]:
        """Words of the library like `word`: the same sound first, then one edit away; each
        group the most used first. `starting(prefix)`: the library's words that begin so."""
        if len(word) not in LENGTHS or not _chinese(word):
            return []
        ranked: list[str] = []
        for candidates in (self._same_sound(word), self._one_edit(word, starting)):
            found = {c: self._lookup(c, frequency) for c in dict.fromkeys(candidates)
                     if c != word and len(c) in LENGTHS}
            ranked += sorted((c for c, n in found.items() if n >= MIN_FREQUENCY),
                             key=lambda c: -found[c])
            if ranked:  # a word that sounds the same is the likelier slip: no need to look further
                break
        return ranked[:limit]

    @staticmethod
    def similar_names(word: str, names: Iterable[str], limit: int = 3) -> list[str]:
        """Names (of speakers, of bodies) like `word`: as long, and the same but for one character,
        or sounding the same (张俊久 -> 张俊九)."""
        if not 2 <= len(word) <= 12 or not _chinese(word):
            return []
        homophones = _homophones()
        found = []
        for name in names:
            if len(name) != len(word) or name == word:
                continue
            differ = [(a, b) for a, b in zip(word, name, strict=True) if a != b]
            if len(differ) == 1 or all(b in homophones.get(a, ()) for a, b in differ):
                found.append(name)
        return found[:limit]

    @staticmethod
    def _same_sound(word: str) -> Iterator[str]:
        """One character replaced by one that sounds the same (two, in a word of two)."""
        homophones = _homophones()
        for i, char in enumerate(word):
            for other in homophones.get(char, ()):
                changed = word[:i] + other + word[i + 1:]
                yield changed
                if len(word) == 2 and i == 0:
                    yield from (changed[0] + second for second in homophones.get(word[1], ()))

    @staticmethod
    def _one_edit(word: str, starting: Callable[[str], Iterable[str]]) -> Iterator[str]:
        """A character left out, two swapped, or one changed (after the first: the library's
        words that begin as the word does and end as it does)."""
        for i in range(len(word)):
            yield word[:i] + word[i + 1:]
            if i + 1 < len(word):
                yield word[:i] + word[i + 1] + word[i] + word[i + 2:]
        for i in range(1, len(word)):
            head, tail = word[:i], word[i + 1:]
            yield from (w for w in starting(head) if len(w) == len(word) and w.endswith(tail))


def _chinese(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)
