"""Evaluating a parsed query over the index with numpy.

Whoosh supplies the postings (read a block at a time), the term statistics, the field lengths and
the stored plain text; the matching, the BM25F scores (Whoosh's formula: K1=1.2, B=0.75, the
title boosted through its field boost) and the set operations of the query are array operations.
This gives every query its full set of matches (for exact facet counts and totals) in one pass,
instead of Whoosh's matcher tree walked twice (once for the matches, once for the top hits).

A query's result is a pair of arrays: the matching document numbers (sorted, unique) and their
scores. Deleted documents are removed by the caller (the live mask of the document table)."""

from __future__ import annotations

import bisect
import math
import mmap
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from ..segment import DEFAULT_USERDICT, query_words
from ._schema import PLAIN_PARTS, PLAIN_SEPARATOR, TITLE_BOOST
from ._w3 import posting_list
from .analysis import compact_form, quote_keys
from .query import DOC_NUMBER_SCORE, Clause, ParsedQuery

K1, B = 1.2, 0.75
# an unquoted word that is nowhere a word nor a run of characters is looked for across
# punctuation only among at most this many candidates (documents holding all of its characters)
NEAR_WORD_CANDIDATES = 2000
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_SCORES = np.zeros(0, dtype=np.float64)
PARTS = {"all": ("exact", ("title", "body")), "title": ("title_exact", ("title",)),
         "speaker": ("speaker", ("speaker",)), "issuer": ("issuer", ("issuer",))}
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)

Result = tuple[np.ndarray, np.ndarray]


class Postings:
    """Document numbers and weights of terms, read a block at a time, with a bounded cache (the
    postings of one reader do not change)."""

    def __init__(self, searcher: Any, userdict: Path = DEFAULT_USERDICT, max_items: int = 4_000_000):
        self.userdict = userdict
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = [(leaf, offset) for leaf, offset in self.reader.leaf_readers() if leaf.doc_count_all()]
        self._cache: OrderedDict[tuple[str, str], Result] = OrderedDict()
        self._cached = 0
        self._max = max_items
        self.doc_count = self.reader.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._plain: PlainTexts | None = None

    @property
    def plain(self) -> PlainTexts:
        if self._plain is None:
            self._plain = PlainTexts(self.reader)
        return self._plain

    def get(self, field: str, text: str) -> Result:
        key = (field, text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._read(field, text)
        self._cache[key] = found
        self._cached += len(found[0])
        while self._cached > self._max and self._cache:
            _, (ids, _w) = self._cache.popitem(last=False)
            self._cached -= len(ids)
        return found

    def _read(self, field: str, text: str) -> Result:
        field_obj = self.reader.schema[field]
        tbytes = field_obj.to_bytes(text)
        ids_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        for leaf, offset in self.leaves:
            found = posting_list(leaf, field, tbytes)
            if found is not None:
                ids_parts.append(found[0] + offset)
                weight_parts.append(found[1])
        if not ids_parts:
            return EMPTY_IDS, EMPTY_SCORES
        return np.concatenate(ids_parts), np.concatenate(weight_parts)

    def doc_frequency(self, field: str, text: str) -> int:
        return int(self.reader.doc_frequency(field, text))

    def lengths(self, field: str) -> np.ndarray:
        found = self._lengths.get(field)
        if found is None:
            parts = []
            for leaf, _offset in self.leaves:
                count = leaf.doc_count_all()
                column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                if column is None:
                    parts.append(np.zeros(count, dtype=np.uint8))
                else:
                    parts.append(np.fromiter((c or 0 for c in column), dtype=np.uint8, count=count))
            found = _LENGTHS[np.concatenate(parts)] if parts else np.zeros(0)
            self._lengths[field] = found
        return found

    def bm25(self, field: str, text: str) -> Result:
        ids, weights = self.get(field, text)
        if not len(ids):
            return ids, EMPTY_SCORES
        n = self.doc_count
        idf = math.log(n / (len(ids) + 1)) + 1
        average = (self.reader.field_length(field) / n) if n else 1.0
        lengths = self.lengths(field)[ids]
        scores = idf * (weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / max(average, 1e-9)))
        return ids, scores


class PlainTexts:
    """The plain text column (title, body, speaker, issuer in compact form, see _schema) of every
    document, read straight from each segment's column file through a memory map. UTF-8 is
    self-synchronising, so a byte match is a character match: a quote is counted in a candidate
    with a slice and a byte search, not Whoosh's read and a decode."""

    def __init__(self, reader: Any):
        self._leaves: list[_PlainLeaf] = []
        self._bounds: list[int] = []
        for leaf, offset in reader.leaf_readers():
            self._leaves.append(_PlainLeaf(leaf, offset))
            self._bounds.append(offset)

    def get(self, docnum: int) -> bytes:
        leaf = self._leaves[bisect.bisect_right(self._bounds, docnum) - 1]
        return leaf.get(docnum - leaf.offset)

    def count(self, docnums: np.ndarray, needle: bytes, wanted: list[tuple[int, float]]) -> Result:
        """The documents among `docnums` that hold `needle` in a wanted part (part number, weight),
        with the sum over those parts of log(1 + occurrences) × weight."""
        return self._scored(docnums, wanted, lambda stored, start, end: stored.count(needle, start, end),
                            lambda stored: needle in stored)

    def count_matching(self, docnums: np.ndarray, pattern: re.Pattern[bytes], wanted: list[tuple[int, float]]) -> Result:
        """As `count`, for the matches of a pattern over the UTF-8 text."""
        return self._scored(docnums, wanted, lambda stored, start, end: len(pattern.findall(stored, start, end)))

    def _scored(self, docnums: np.ndarray, wanted: list[tuple[int, float]],
                occurrences: Callable[[bytes, int, int], int], holds: Callable[[bytes], bool] | None = None) -> Result:
        kept: list[int] = []
        scores: list[float] = []
        for docnum in docnums.tolist():
            stored = self.get(docnum)
            if holds is not None and not holds(stored):
                continue
            ends = _part_ends(stored)
            score = 0.0
            for index, weight in wanted:
                if index < len(ends):
                    found = occurrences(stored, ends[index - 1] + 1 if index else 0, ends[index])
                    if found:
                        score += math.log1p(found) * weight
            if score:
                kept.append(docnum)
                scores.append(score)
        return np.asarray(kept, dtype=np.int64), np.asarray(scores, dtype=np.float64)


SEPARATOR = PLAIN_SEPARATOR.encode("utf-8")


def _part_ends(stored: bytes) -> list[int]:
    """Where each part of a plain text ends (the separators, and the end)."""
    ends: list[int] = []
    start = 0
    while len(ends) < len(PLAIN_PARTS):
        end = stored.find(SEPARATOR, start)
        if end < 0:
            ends.append(len(stored))
            break
        ends.append(end)
        start = end + 1
    return ends


class _PlainLeaf:
    """The plain texts of one segment: a memory map of its column file where there is one."""

    def __init__(self, leaf: Any, offset: int):
        self.offset = offset
        self.column = leaf.column_reader("plain", translate=False) if leaf.has_column("plain") else None
        self.data: mmap.mmap | None = None
        if self.column is not None and hasattr(self.column, "_offsets"):
            try:
                self.data = mmap.mmap(self.column._dbfile.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError, AttributeError):  # not a plain file: read through Whoosh
                self.data = None
        if self.data is not None and self.column is not None:
            self.starts = [self.column._basepos + o for o in self.column._offsets]
            self.lengths = self.column._lengths

    def get(self, local: int) -> bytes:
        if self.data is not None:
            start = self.starts[local]
            return self.data[start:start + self.lengths[local]]
        return bytes(self.column[local]) if self.column is not None else b""


# -- combining results --------------------------------------------------------------------------


def both(a: Result, b: Result) -> Result:
    common, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return common, a[1][ia] + b[1][ib]


def either(results: list[Result]) -> Result:
    results = [r for r in results if len(r[0])]
    if not results:
        return EMPTY_IDS, EMPTY_SCORES
    if len(results) == 1:
        return results[0]
    ids = np.concatenate([r[0] for r in results])
    scores = np.concatenate([r[1] for r in results])
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=len(unique))


def without(a: Result, ids: np.ndarray) -> Result:
    keep = ~np.isin(a[0], ids, assume_unique=True)
    return a[0][keep], a[1][keep]


# -- clauses ------------------------------------------------------------------------------------


def exact_phrase(postings: Postings, text: str, part: str = "all", boost: float = 1.0) -> Result:
    """Documents holding the characters of `text` in order and next to each other in `part`.
    Candidates hold every key (character pair) of the quote; unless the quote is one key, each
    candidate's plain text is checked. The score grows with the occurrences, the title's more."""
    field, _parts = PARTS[part]
    keys, needle = quote_keys(text)
    if not keys:
        return EMPTY_IDS, EMPTY_SCORES
    ids = _holding_all([postings.get(field, key)[0] for key in keys])
    if not len(ids):
        return EMPTY_IDS, EMPTY_SCORES
    if len(keys) == 1 and keys[0] == needle:
        return ids, np.full(len(ids), boost)
    encoded = needle.encode("utf-8")
    if SEPARATOR in encoded:
        return EMPTY_IDS, EMPTY_SCORES
    kept, scores = postings.plain.count(ids, encoded, _wanted(part))
    return kept, boost * (1.0 + scores)


def word(postings: Postings, text: str, fields: tuple[str, ...]) -> Result:
    """One query word in the word fields (BM25F over them); a word the index never saw as a word
    (jieba cut the text differently) is looked for as an exact run of characters instead, then
    with punctuation allowed between its characters (三型工会 in 建设“三型”工会); a single
    character is found wherever it stands, inside longer words too."""
    part = "title" if fields == ("title",) else "all"
    if len(text) == 1:
        return exact_phrase(postings, text, part)
    found = either([postings.bm25(f, text) for f in fields])
    if not len(found[0]):
        found = exact_phrase(postings, text, part)
    if not len(found[0]) and len(text) >= 3:
        found = near_match(postings, text, part, limit=NEAR_WORD_CANDIDATES)
    return found


def clause_result(postings: Postings, clause: Clause, also: Mapping[str, Result]) -> Result:
    if clause.kind == "docnum":
        ids, _ = postings.get("number_keys", clause.text)
        exact = (ids, np.full(len(ids), DOC_NUMBER_SCORE))
        if clause.field == "doc_number":
            return exact
        return either([exact, exact_phrase(postings, clause.text)])  # then the documents citing it
    if clause.kind == "docnum_prefix":
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t
                 for t in postings.reader.expand_prefix("number_keys", clause.text)]
        return either([(found, np.ones(len(found))) for found in (postings.get("number_keys", t)[0] for t in terms)])
    if clause.field in ("speaker", "issuer"):
        return exact_phrase(postings, clause.text, clause.field)
    part = "title" if clause.field == "title" else "all"
    if clause.kind == "phrase":
        return exact_phrase(postings, clause.text, part)
    if clause.kind == "number":
        return whole_number(postings, clause.text, part)
    fields = ("title",) if clause.field == "title" else ("title", "body")
    words = query_words(clause.text, postings.userdict)
    if not words:
        return EMPTY_IDS, EMPTY_SCORES
    result = word(postings, words[0], fields)
    for other in words[1:]:
        if not len(result[0]):
            break
        result = both(result, word(postings, other, fields))
    named = also.get(clause.text) if clause.field is None else None
    return result if named is None else either([result, named])


def whole_number(postings: Postings, text: str, part: str) -> Result:
    """A number with separators (4·28, 1+6, 2010.11.17) where it stands whole: not inside a
    longer number (4·28 is not in 14·285)."""
    ids, _ = exact_phrase(postings, text, part)
    if not len(ids):
        return ids, EMPTY_SCORES
    needle = re.escape(compact_form(text)).encode("utf-8")
    pattern = re.compile(rb"(?<![0-9.])" + needle + rb"(?![0-9])")
    return postings.plain.count_matching(ids, pattern, _wanted(part))


def near_match(postings: Postings, text: str, part: str = "all", limit: int | None = None) -> Result:
    """Documents holding the characters of `text` in order with only punctuation, spaces or
    full/half-width forms between or instead of what was typed (a quote remembered without its
    、 or with a “ ”): candidates hold every character, then each is checked (none when the
    rarest character, or all of them together, are in more than `limit` documents)."""
    chars = [ch for ch in compact_form(text) if ch.isalnum()]
    if len(chars) < 2:
        return EMPTY_IDS, EMPTY_SCORES
    field, _parts = PARTS[part]
    if limit is not None and min(postings.doc_frequency(field, ch) for ch in chars) > limit:
        return EMPTY_IDS, EMPTY_SCORES  # (known from the rarest character, before any list is read)
    ids = _holding_all([postings.get(field, ch)[0] for ch in dict.fromkeys(chars)])
    if not len(ids) or (limit is not None and len(ids) > limit):
        return EMPTY_IDS, EMPTY_SCORES
    gap = rb"(?:[^0-9A-Za-z\x80-\xff]|\xe3\x80[\x80-\xbf]|\xef\xbc[\x80-\x8f\x9a-\xa0\xbb-\xc0]|\xef\xbd[\x9b-\xa5]|\xe2\x80[\x90-\xa7]|\xc2\xb7){0,3}"
    pattern = re.compile(gap.join(re.escape(ch.encode("utf-8")) for ch in chars))
    return postings.plain.count_matching(ids, pattern, _wanted(part))


def _holding_all(lists: list[np.ndarray]) -> np.ndarray:
    """The documents in every one of the posting lists (the shortest first)."""
    lists = sorted(lists, key=len)
    ids = lists[0]
    for other in lists[1:]:
        if not len(ids):
            break
        ids = np.intersect1d(ids, other, assume_unique=True)
    return ids


def _wanted(part: str) -> list[tuple[int, float]]:
    return [(PLAIN_PARTS.index(p), TITLE_BOOST if p == "title" else 1.0) for p in PARTS[part][1]]


def evaluate(parsed: ParsedQuery, postings: Postings, live: np.ndarray, also: Mapping[str, Result]) -> Result:
    """The live documents matching the query, with their scores."""
    if parsed.unsearchable:
        return EMPTY_IDS, EMPTY_SCORES
    if parsed.empty:
        ids = np.flatnonzero(live)
        return ids, np.zeros(len(ids))
    result: Result | None = None
    for group in parsed.groups:
        options = either([clause_result(postings, c, also) for c in group])
        result = options if result is None else both(result, options)
        if not len(result[0]):
            break
    if result is None:  # only exclusions: everything else
        ids = np.flatnonzero(live)
        result = (ids, np.zeros(len(ids)))
    for clause in parsed.excluded:
        if not len(result[0]):
            break
        result = without(result, clause_result(postings, clause, also)[0])
    keep = live[result[0]]
    return result[0][keep], result[1][keep]


