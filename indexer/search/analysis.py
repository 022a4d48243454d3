"""How texts are analysed for searching, in one place; every engine indexes with these functions
(the Whoosh engine, and the dict engine of the tests), so that they find the same.

Text is analysed in simplified characters (OpenCC), full-width letters and digits as ASCII, ASCII
in lower case (`search_form`, which keeps the length so matches map back to the original).

* Words (`title`, `body`): jieba words (rjieba, with the union user dictionary) with their
  frequencies (no positions: phrases are answered by the exact fields, and nearness is measured
  on the plain text of the best candidates). At index time the dictionary words inside a longer
  word are counted too (中华全国总工会 also gives 全国总工会, 总工会, 工会 …), so a query for
  全国总工会 finds a text that says 中华全国总工会. Queries are cut in the default mode only.
  Digits, Latin letters and single characters are kept.
* Exact (`exact`, `title_exact`, `speaker`, `issuer`): every character and every pair of adjacent
  characters (white space left out, punctuation kept), as keys without positions. A quote is
  looked up by its keys, and the candidates are checked character for character against the stored plain text (`plain`
  column): the answer is exact however jieba would cut the quote or the text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from ..segment import search_form

_SKIP_WORD = re.compile(r"^[\s\W_]+$")


def skipped_word(word: str) -> bool:
    """Punctuation and white space: not a word of the word fields."""
    return bool(_SKIP_WORD.match(word))
_SPACES = re.compile(r"\s+")


class SearchForm(str):
    """A text already in search form (so that it is not converted twice)."""


def compact_form(text: str) -> str:
    """A text as quotes are matched in it: search form, white space left out."""
    return _SPACES.sub("", text if isinstance(text, SearchForm) else search_form(text))


def exact_keys(text: str) -> set[str]:
    """The keys a text is indexed under in the exact fields: its characters and adjacent pairs."""
    compact = compact_form(text)
    keys = set(compact)
    keys.update(compact[i:i + 2] for i in range(len(compact) - 1))
    return keys


def key_codes(compact: str) -> np.ndarray:
    """The distinct exact keys of a compact text as sorted integers, in the byte order of the keys:
    a character alone is `code << 21`, a pair `first << 21 | second + 1` (code points < 2**21)."""
    if not compact:
        return np.zeros(0, dtype=np.int64)
    points = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    pairs = (points[:-1] << 21) | (points[1:] + 1)
    codes = np.sort(np.concatenate((points << 21, pairs)))
    # distinct by sorting: np.unique's hash table (numpy >= 2.3) is about 10x slower on these
    distinct = np.empty(len(codes), dtype=bool)
    distinct[0] = True
    np.not_equal(codes[1:], codes[:-1], out=distinct[1:])
    return codes[distinct]


def key_text(code: int) -> str:
    first, second = code >> 21, code & 0x1FFFFF
    return chr(first) if not second else chr(first) + chr(second - 1)


def quote_keys(text: str) -> tuple[list[str], str]:
    """The keys every text holding the quote must have (its pairs, or its only character), and
    the quote as it is checked against the plain text."""
    compact = compact_form(text)
    pairs = list(dict.fromkeys(compact[i:i + 2] for i in range(len(compact) - 1)))
    return (pairs or ([compact] if compact else [])), compact


def word_counts(text: str, segmenter: Any) -> dict[str, int]:
    """Word -> occurrences, as the word fields index a text: every word, and the sub-words of a
    long word once for each of its occurrences (the tokens WordTokenizer yields in index mode)."""
    counts = Counter(segmenter.count_words(text if isinstance(text, SearchForm) else search_form(text)))
    expansions = segmenter.word_memo
    if len(expansions) > 500_000:
        expansions.clear()
    for word, count in list(counts.items()):
        expansion = expansions.get(word)
        if expansion is None:
            expansion = expansions[word] = _expansion(word, segmenter)
        if expansion is _SKIP:
            del counts[word]
        else:
            for sub in expansion:
                counts[sub] += count
    return counts


_SKIP: tuple[str, ...] = ("",)  # a word the word fields leave out


def _expansion(word: str, segmenter: Any) -> tuple[str, ...]:
    """What a word adds to the word fields besides itself: its sub-words, or _SKIP."""
    if _SKIP_WORD.match(word):
        return _SKIP
    return segmenter.subwords(word) if len(word) >= 3 else ()
