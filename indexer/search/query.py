"""The query language, parsed in one linear pass (Whoosh's own parser slows down superlinearly on
long unspaced input); _engine.py evaluates what it gives.

    维护职工权益            all words must match (title or text), closer together ranks higher
    "维护职工合法权益"       exact phrase, character for character
    -欠薪  -"…"             exclude
    送温暖 OR 帮扶           either (OR binds closer than the implied AND)
    标题:… title:…          in the title        发言人:… speaker:…  in the speaker line
    文号:… 发文机关:… issuer:…
    苏发〔2010〕59号         a document number, however typed: any brackets, 2010年59号, without
    国务院令第535号 国令535号  号; a 令 number, 第二十四号 in Chinese numerals; 文号:苏发〔2010〕 a prefix
    4·28  1+6  2010.11.17   numbers with separators match only as a whole
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean import normalize_chars
from ..patterns import compact, query_number
from ..segment import query_words

FIELD_PREFIXES = {
    "标题": "title", "title": "title",
    "发言人": "speaker", "speaker": "speaker", "作者": "speaker", "author": "speaker",
    "文号": "doc_number", "docnum": "doc_number", "doc_number": "doc_number",
    "发文机关": "issuer", "发文单位": "issuer", "单位": "issuer", "issuer": "issuer",
}
_PREFIX = re.compile(r"(?P<name>" + "|".join(sorted(map(re.escape, FIELD_PREFIXES), key=len, reverse=True)) + r")[:：]", re.I)
_OPEN_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "＂": "＂", "”": "”"}
_SEPARATED_NUMBER = re.compile(r"\d+(?:[·•・.+\-/．~～]\d+)+")
_OR = {"OR", "|", "或"}
# what every engine scores, so that results come in the same order whatever the engine
DOC_NUMBER_SCORE = 1000.0  # the document that has the number asked for comes first
NAME_SCORE = 40.0  # a word that is the name of the speaker or issuer: their articles first


class QueryError(ValueError):
    """A query that cannot be run, with the reason in words for the person who typed it."""


@dataclass(frozen=True)
class Clause:
    kind: str  # word | phrase | docnum (a number's key) | docnum_prefix | number (4·28, matched whole)
    text: str
    field: str | None = None  # None: title and text
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of groups, OR inside a group
    excluded: list[Clause] = field(default_factory=list)
    unsearchable: bool = False  # typed, but nothing in it can be searched (operators, punctuation): finds nothing

    @property
    def empty(self) -> bool:
        """Nothing asked: every article matches (unless the query was unsearchable)."""
        return not self.groups and not self.excluded

    def highlight_terms(self) -> list[str]:
        """What to mark in the text: the words and phrases asked for (not the excluded ones)."""
        terms: list[str] = []
        for group in self.groups:
            for clause in group:
                if clause.field in ("speaker", "issuer") or clause.kind == "docnum_prefix":
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
    return _grouped(_items(normalize_chars(raw)))


def _items(raw: str) -> list[Clause | str]:
    """The clauses of a query in order, with "OR" markers between them."""
    items: list[Clause | str] = []
    i, n = 0, len(raw)
    negate = False
    prefix: str | None = None
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "-" and i + 1 < n and not raw[i + 1].isspace() and (i == 0 or raw[i - 1].isspace()):
            negate, i = True, i + 1
            continue
        match = _PREFIX.match(raw, i)
        if match and prefix is None:
            prefix, i = FIELD_PREFIXES[match["name"].lower()], match.end()
            continue
        number = query_number(raw, i) if prefix in (None, "doc_number") else None
        if number:
            end, key, is_prefix = number
            item: Clause | str | None = Clause("docnum_prefix" if is_prefix else "docnum", key,
                                               "doc_number" if prefix else None, negate)
        elif ch in _OPEN_QUOTES:
            item, end = _quote(raw, i, prefix, negate)
        else:
            item, end = _token(raw, i, prefix, negate)
        i = end
        if item is not None:
            items.append(item)
        if item != "OR":
            negate, prefix = False, None
    return items


def _quote(raw: str, start: int, prefix: str | None, negate: bool) -> tuple[Clause | None, int]:
    """A quote (an unbalanced one runs to the end): a phrase, or a document number quoted."""
    end = raw.find(_OPEN_QUOTES[raw[start]], start + 1)
    end = len(raw) if end == -1 else end
    inner = raw[start + 1:end].strip()
    if not inner:
        return None, end + 1
    docnum = query_number(compact(inner))
    if docnum and docnum[0] == len(compact(inner)) and not docnum[2]:
        return Clause("docnum", docnum[1], prefix if prefix == "doc_number" else None, negate), end + 1
    return Clause("phrase", inner, prefix, negate), end + 1


def _token(raw: str, start: int, prefix: str | None, negate: bool) -> tuple[Clause | str | None, int]:
    """A run of characters up to a space or a quote: OR, a number with separators (matched whole),
    a prefix of a document number (文号:苏发〔2010〕), or a word."""
    end = start
    while end < len(raw) and not raw[end].isspace() and raw[end] not in _OPEN_QUOTES:
        end += 1
    token = raw[start:end]
    if token in _OR:
        return "OR", end
    if _SEPARATED_NUMBER.fullmatch(token):
        return Clause("number", token, prefix, negate), end
    if prefix == "doc_number" and token.strip():
        return Clause("docnum_prefix", compact(token), prefix, negate), end
    if token.strip("-|+") and not (len(token) > 1 and token.startswith("+") and _SEPARATED_NUMBER.fullmatch(token[1:])):
        return Clause("word", token.strip("+"), prefix, negate), end
    return None, end


def _grouped(items: list[Clause | str]) -> ParsedQuery:
    """Clauses into groups: AND between groups, OR inside; excluded clauses apart."""
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
    parsed.unsearchable = parsed.empty
    return parsed
