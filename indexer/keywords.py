"""Keywords by TF-IDF over the article's words, with jieba's IDF table and jionlp's stopwords."""

from __future__ import annotations

import contextlib
import heapq
import io
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

_WORDLIKE = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    import jieba

    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return frozenset(jionlp.stopwords_loader()) | {"工作", "同志", "进一步", "加强", "积极", "有关", "方面", "问题"}


def extract_keywords(counts: Mapping[str, int], top: int = 8) -> list[str]:
    """The words (with their counts in an article) that say most about the article."""
    total = sum(counts.values()) or 1
    weights = _WEIGHTS
    if len(weights) > 200_000:
        weights.clear()
    for word in [w for w in counts if w not in weights]:
        weights[word] = _word_weight(word)
    weight_of = weights.__getitem__
    scored = [(count / total * weight, word) for word, count in counts.items() if (weight := weight_of(word))]
    return [word for _, word in heapq.nlargest(top, scored)]


_WEIGHTS: dict[str, float] = {}  # word -> _word_weight(word), as words come


def _word_weight(word: str) -> float:
    """IDF times a small bonus for longer words; 0 for what is not a keyword."""
    if not _WORDLIKE.match(word) or word in _stopwords():
        return 0.0
    idf, median = _idf()
    return idf.get(word, median) * (1 + 0.1 * math.log(len(word)))
