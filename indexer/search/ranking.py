"""Ranking above the engine: the bonus for query words that stand close together in a text,
applied to the best hits the engine scored."""

from __future__ import annotations

import math

from ..segment import query_words
from .query import ParsedQuery

PROXIMITY_WINDOW = 60  # characters within which all the words of a query count as close
PROXIMITY_GAIN = 0.5  # a query whose words stand side by side scores up to 1.5 times as much
RERANK = 50  # how many of the best hits are re-ranked for proximity


def proximity_words(parsed: ParsedQuery) -> list[str]:
    """The plain words of a query whose closeness in a text earns a bonus (two or more)."""
    words = [w for group in parsed.groups if len(group) == 1 and group[0].kind == "word" and group[0].field is None
             for w in query_words(group[0].text)]
    return list(dict.fromkeys(words)) if len(set(words)) >= 2 else []


def closeness(plain: str, words: list[str]) -> float:
    """1.0 when the words stand side by side somewhere in the text, falling to 0.0 when the
    smallest stretch of text holding them all is PROXIMITY_WINDOW characters longer than they."""
    occurrences: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        start = plain.find(word)
        count = 0
        while start >= 0 and count < 400:
            occurrences.append((start, index))
            start = plain.find(word, start + 1)
            count += 1
    occurrences.sort()
    need = len(words)
    seen: dict[int, int] = {}
    best = math.inf
    left = 0
    for position, index in occurrences:
        seen[index] = seen.get(index, 0) + 1
        while len(seen) == need:
            start, first = occurrences[left]
            end = position + len(words[index])
            best = min(best, end - start)
            seen[first] -= 1
            if not seen[first]:
                del seen[first]
            left += 1
    if best is math.inf:
        return 0.0
    slack = best - sum(len(w) for w in words)
    return max(0.0, 1.0 - slack / PROXIMITY_WINDOW)
