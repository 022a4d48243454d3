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

import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.searching import Searcher

from ..clean import normalize_chars
from ..patterns import DOC_NUMBER, normalize_doc_number
from ._analysis import exact_terms, exact_units, query_words, search_form

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


def _phrase(fieldname: str, terms: list[str], slop: int = 1, boost: float = 1.0) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return wq.Phrase(fieldname, terms, slop=slop, boost=boost)


def _exact(fields: tuple[str, ...], text: str) -> wq.Query | None:
    """Character-for-character match of `text` in any of `fields` (exact fields)."""
    units = exact_units(search_form(text))
    if not units:
        return None
    if len(units) == 1 and len(units[0][0]) == 1 and not units[0][0].isascii():
        # one Chinese character: the exact field holds pairs; look for it as a word
        word_fields = tuple(f.replace("_exact", "") for f in fields)
        return wq.Or([wq.Term(f, units[0][0]) for f in word_fields])
    terms = exact_terms(text)
    queries = [_phrase(f, terms) for f in fields]
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _word_query(word: str, fields: tuple[str, ...], searcher: Searcher | None) -> wq.Query:
    """One query word in the word fields; when the index has never seen it as a word (jieba cut
    the text differently), as an exact run of characters instead."""
    term_queries = [wq.Term(f, word) for f in fields]
    if searcher is not None and len(word) >= 2 and not any(searcher.doc_frequency(f, word) for f in fields):
        exact = _exact(tuple(f + "_exact" for f in fields), word)
        if exact is not None:
            term_queries.append(exact)
    return term_queries[0] if len(term_queries) == 1 else wq.Or(term_queries)


def clause_query(clause: Clause, searcher: Searcher | None) -> wq.Query | None:
    if clause.kind == "docnum":
        exact_doc = wq.ConstantScoreQuery(wq.Term("doc_number", clause.text), DOC_NUMBER_SCORE)
        if clause.field == "doc_number":
            return exact_doc
        citing = _exact(("body_exact", "title_exact"), clause.text)
        return wq.Or([exact_doc, citing]) if citing is not None else exact_doc
    if clause.field == "doc_number":
        return wq.Prefix("doc_number", normalize_chars(clause.text).replace(" ", ""))
    if clause.field in ("speaker", "issuer"):
        return _exact((clause.field,), clause.text)
    word_fields = ("title",) if clause.field == "title" else ("title", "body")
    if clause.kind == "phrase":
        return _exact(tuple(f + "_exact" for f in word_fields), clause.text)
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
