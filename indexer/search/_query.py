"""The query language, parsed in one linear pass (Whoosh's own parser slows down superlinearly on
long unspaced input), and turned into Whoosh queries.

    维护职工权益            all words must match (title or text), closer together ranks higher
    "维护职工合法权益"       exact phrase, character for character
    -欠薪  -"…"             exclude
    送温暖 OR 帮扶           either (OR binds closer than the implied AND)
    标题:… title:…          in the title        发言人:… speaker:…  in the speaker line
    文号:… 发文机关:… issuer:…
    苏发〔2010〕59号         a document number, however its brackets and spaces are typed
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.searching import Searcher

from ..clean import normalize_chars
from ..patterns import DOC_NUMBER, normalize_doc_number
from ._analysis import query_words, quote_keys
from ._schema import PLAIN_PARTS, PLAIN_SEPARATOR, TITLE_BOOST

FIELD_PREFIXES = {
    "标题": "title", "title": "title",
    "发言人": "speaker", "speaker": "speaker", "作者": "speaker", "author": "speaker",
    "文号": "doc_number", "docnum": "doc_number", "doc_number": "doc_number",
    "发文机关": "issuer", "发文单位": "issuer", "单位": "issuer", "issuer": "issuer",
}
_PREFIX = re.compile(r"(?P<name>" + "|".join(sorted(map(re.escape, FIELD_PREFIXES), key=len, reverse=True)) + r")[:：]", re.I)
_OPEN_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "＂": "＂", "”": "”"}
_DOC_NUMBER_AT = re.compile(DOC_NUMBER.pattern)
_OR = {"OR", "|", "或"}
DOC_NUMBER_SCORE = 1000.0
PROXIMITY_SLOP = 8
PROXIMITY_BOOST = 2.0


class QueryError(ValueError):
    """A query that cannot be run, with the reason in words for the person who typed it."""


@dataclass(frozen=True)
class Clause:
    kind: str  # word | phrase | docnum
    text: str
    field: str | None = None  # None: title and text
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of groups, OR inside a group
    excluded: list[Clause] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded

    def highlight_terms(self) -> list[str]:
        """What to mark in the text: the words and phrases asked for (not the excluded ones)."""
        terms: list[str] = []
        for group in self.groups:
            for clause in group:
                if clause.field in ("speaker", "issuer"):
                    continue
                if clause.kind == "word":
                    terms.extend(query_words(clause.text))
                else:
                    terms.append(clause.text)
        return list(dict.fromkeys(t for t in terms if t.strip()))


def parse_query(text: str, max_chars: int = 200) -> ParsedQuery:
    raw = (text or "").strip()
    if len(raw) > max_chars:
        raise QueryError(f"查询过长：最多 {max_chars} 个字，现有 {len(raw)} 个字")
    if not raw:
        return ParsedQuery()
    raw = normalize_chars(raw)
    items: list[Clause | str] = []  # clauses and "OR" markers
    i, n = 0, len(raw)
    negate = False
    prefix: str | None = None
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "-" and i + 1 < n and not raw[i + 1].isspace() and (i == 0 or raw[i - 1].isspace()):
            negate = True
            i += 1
            continue
        match = _PREFIX.match(raw, i)
        if match and prefix is None:
            prefix = FIELD_PREFIXES[match["name"].lower()]
            i = match.end()
            continue
        number = _DOC_NUMBER_AT.match(raw, i)
        if number and (prefix in (None, "doc_number")):
            items.append(Clause("docnum", normalize_doc_number(number["prefix"], number["year"], number["num"]),
                                "doc_number" if prefix else None, negate))
            negate, prefix = False, None
            i = number.end()
            continue
        if ch in _OPEN_QUOTES:
            close = _OPEN_QUOTES[ch]
            end = raw.find(close, i + 1)
            end = n if end == -1 else end  # an unbalanced quote runs to the end
            inner = raw[i + 1:end].strip()
            i = end + 1
            if inner:
                docnum = _DOC_NUMBER_AT.fullmatch(inner.replace(" ", ""))
                if docnum:
                    items.append(Clause("docnum", normalize_doc_number(docnum["prefix"], docnum["year"], docnum["num"]),
                                        prefix if prefix == "doc_number" else None, negate))
                else:
                    items.append(Clause("phrase", inner, prefix, negate))
            negate, prefix = False, None
            continue
        end = i
        while end < n and not raw[end].isspace() and raw[end] not in _OPEN_QUOTES:
            end += 1
        token = raw[i:end]
        i = end
        if token in _OR:
            items.append("OR")
            continue
        if token.strip("-|+"):
            items.append(Clause("word", token.strip("+"), prefix, negate))
        negate, prefix = False, None
    parsed = ParsedQuery()
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(parsed.groups)
            continue
        assert isinstance(item, Clause)
        if item.negated:
            parsed.excluded.append(item)
        elif join_next:
            parsed.groups[-1].append(item)
        else:
            parsed.groups.append([item])
        join_next = False
    if parsed.empty:
        raise QueryError("查询中没有可以检索的词语")
    return parsed


# Where a quote is looked for: the exact field holding its keys, and the parts of the plain text.
PARTS = {
    "all": ("exact", ("title", "body")),
    "title": ("title_exact", ("title",)),
    "speaker": ("speaker", ("speaker",)),
    "issuer": ("issuer", ("issuer",)),
}


class ExactPhrase(wq.Query):
    """The characters of `text`, in order and next to each other, in one part of an article.

    Candidates are the documents holding every key of the quote (its character pairs); unless the
    quote is one key, each candidate's plain text is checked, so the answer is exact. The score
    grows with the number of occurrences, those in the title counting more."""

    def __init__(self, text: str, part: str = "all", boost: float = 1.0):
        self.text = text
        self.part = part
        self.boost = boost
        self.keys, self.needle = quote_keys(text)

    def __repr__(self) -> str:
        return f"ExactPhrase({self.part!r}, {self.needle!r}, boost={self.boost})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactPhrase) and (self.part, self.needle, self.boost) == (
            other.part, other.needle, other.boost)

    def __hash__(self) -> int:
        return hash(("ExactPhrase", self.part, self.needle, self.boost))

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return PARTS[self.part][0]

    def _terms(self, phrases: bool = True) -> Any:
        for key in self.keys:
            yield self.field(), key

    def estimate_size(self, ixreader: Any) -> int:
        return min((ixreader.doc_frequency(self.field(), k) for k in self.keys), default=0)

    def estimate_min_size(self, ixreader: Any) -> int:
        return 0

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        fieldname, parts = PARTS[self.part]
        if not self.keys:
            return NullMatcher()
        frequencies = sorted((reader.doc_frequency(fieldname, key), key) for key in self.keys)
        if frequencies[0][0] == 0:
            return NullMatcher()
        ids: np.ndarray | None = None
        for _, key in frequencies:
            found = np.fromiter(reader.postings(fieldname, key).all_ids(), dtype=np.int64)
            ids = found if ids is None else np.intersect1d(ids, found, assume_unique=True)
            if not len(ids):
                return NullMatcher()
        assert ids is not None
        if len(self.keys) == 1 and self.keys[0] == self.needle:
            return ListMatcher([int(d) for d in ids], [self.boost] * len(ids))
        column = reader.column_reader("plain")
        wanted = [PLAIN_PARTS.index(p) for p in parts]
        kept: list[int] = []
        weights: list[float] = []
        for docnum in ids.tolist():
            sections = column[docnum].decode("utf-8").split(PLAIN_SEPARATOR)
            score = 0.0
            for index in wanted:
                count = sections[index].count(self.needle) if index < len(sections) else 0
                if count:
                    score += math.log1p(count) * (TITLE_BOOST if PLAIN_PARTS[index] == "title" else 1.0)
            if score:
                kept.append(docnum)
                weights.append(self.boost * (1.0 + score))
        return ListMatcher(kept, weights) if kept else NullMatcher()


def _word_query(word: str, fields: tuple[str, ...], searcher: Searcher | None) -> wq.Query:
    """One query word in the word fields; when the index has never seen it as a word (jieba cut
    the text differently), as an exact run of characters instead."""
    term_queries: list[wq.Query] = [wq.Term(f, word) for f in fields]
    if searcher is not None and len(word) >= 2 and not any(searcher.doc_frequency(f, word) for f in fields):
        term_queries.append(ExactPhrase(word, "title" if fields == ("title",) else "all"))
    return term_queries[0] if len(term_queries) == 1 else wq.Or(term_queries)


def clause_query(clause: Clause, searcher: Searcher | None) -> wq.Query | None:
    if clause.kind == "docnum":
        exact_doc = wq.ConstantScoreQuery(wq.Term("doc_number", clause.text), DOC_NUMBER_SCORE)
        if clause.field == "doc_number":
            return exact_doc
        return wq.Or([exact_doc, ExactPhrase(clause.text, "all")])
    if clause.field == "doc_number":
        return wq.Prefix("doc_number", normalize_chars(clause.text).replace(" ", ""))
    if clause.field in ("speaker", "issuer"):
        return ExactPhrase(clause.text, clause.field)
    word_fields = ("title",) if clause.field == "title" else ("title", "body")
    if clause.kind == "phrase":
        return ExactPhrase(clause.text, "title" if clause.field == "title" else "all")
    words = query_words(clause.text)
    if not words:
        return None
    queries = [_word_query(w, word_fields, searcher) for w in words]
    return queries[0] if len(queries) == 1 else wq.And(queries)


def build_query(parsed: ParsedQuery, searcher: Searcher | None = None) -> wq.Query | None:
    """The Whoosh query, or None for 'every article' (an empty query browses everything)."""
    if parsed.empty:
        return None
    required: list[wq.Query] = []
    for group in parsed.groups:
        options = [q for q in (clause_query(c, searcher) for c in group) if q is not None]
        if options:
            required.append(options[0] if len(options) == 1 else wq.Or(options))
    excluded = [q for q in (clause_query(c, searcher) for c in parsed.excluded) if q is not None]
    if required:
        positive: wq.Query = required[0] if len(required) == 1 else wq.And(required)
    elif excluded:
        positive = wq.Every()
    else:
        raise QueryError("查询中没有可以检索的词语")
    # a bonus when the plain words of the query stand close together in the text
    plain = [w for group in parsed.groups if len(group) == 1 and group[0].kind == "word" and group[0].field is None
             for w in query_words(group[0].text)]
    if len(plain) >= 2:
        positive = wq.AndMaybe(positive, wq.Phrase("body", plain, slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST))
    if excluded:
        positive = wq.AndNot(positive, excluded[0] if len(excluded) == 1 else wq.Or(excluded))
    return positive
