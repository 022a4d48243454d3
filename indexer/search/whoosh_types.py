"""The classes that an index's schema pickles, at a path that never changes (renaming or moving
them would make every existing index unreadable): the word and exact-key tokenizers and the
exact field type. Their work is done by functions of analysis.py, which may change freely."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer

from ..segment import DEFAULT_USERDICT, get_segmenter, search_form


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
            if _skip(word):
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
        for pos, key in enumerate(sorted(_exact_keys(value)), start=start_pos):
            token.text = key
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


class EXACT(fields.FieldType):
    """Exact keys (characters and character pairs) without positions or scores."""

    indexed = True
    stored = False
    scorable = False

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = _exact_analyzer()
        self.column_type = None


def _exact_keys(text: str) -> set[str]:
    from .analysis import exact_keys

    return exact_keys(text)


def _skip(word: str) -> bool:
    from .analysis import skipped_word

    return skipped_word(word)


def _exact_analyzer() -> Any:
    return ExactTokenizer()
