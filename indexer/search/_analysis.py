"""Analysis for the Whoosh index, in one place.

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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.analysis import Token, Tokenizer

from ..segment import DEFAULT_USERDICT, get_segmenter, search_form

_SKIP_WORD = re.compile(r"^[\s\W_]+$")
_SPACES = re.compile(r"\s+")


class WordTokenizer(Tokenizer):
    """jieba words, positions counted in words, sub-words at the position of their word (index
    mode only)."""

    def __init__(self, userdict: str | None = None):
        self.userdict = userdict

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordTokenizer) and other.userdict == self.userdict

    def __hash__(self) -> int:
        return hash(("WordTokenizer", self.userdict))

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
        removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
        mode: str = "", **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        segmenter = get_segmenter(Path(self.userdict) if self.userdict else DEFAULT_USERDICT)
        text = search_form(value)
        if not tokenize:
            token.original = token.text = text
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        index_mode = mode == "index"
        for word, start, end in segmenter.tokenize(text):
            if _SKIP_WORD.match(word):
                continue
            token.text = word
            token.boost = 1.0
            if keeporiginal:
                token.original = value[start:end]
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token
            if index_mode and len(word) >= 3:
                for sub in segmenter.subwords(word):
                    token.text = sub
                    if chars:
                        offset = word.find(sub)
                        token.startchar, token.endchar = start_char + start + offset, start_char + start + offset + len(sub)
                    yield token
            pos += 1


class ExactTokenizer(Tokenizer):
    """The exact keys of a text (each distinct character and character pair), without positions."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactTokenizer)

    def __hash__(self) -> int:
        return hash("ExactTokenizer")

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
        removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
        mode: str = "", **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, key in enumerate(sorted(exact_keys(value)), start=start_pos):
            token.text = key
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


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


def query_words(text: str, userdict: Path = DEFAULT_USERDICT) -> list[str]:
    """How a query's words are cut (default mode, no sub-words)."""
    segmenter = get_segmenter(userdict)
    return [w for w, _, _ in segmenter.tokenize(search_form(text)) if not _SKIP_WORD.match(w)]


def word_analyzer(userdict: Path | None = None) -> WordTokenizer:
    return WordTokenizer(str(userdict) if userdict and userdict != DEFAULT_USERDICT else None)


def exact_analyzer() -> ExactTokenizer:
    return ExactTokenizer()
