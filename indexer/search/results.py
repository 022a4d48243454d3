"""What a search gives back (engine-neutral): hits with their snippets, facet values with their
counts, and what the page should tell the person who searched (notices, suggestions)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .highlight import Fragment, snippet
from .request import SearchRequest


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    id: str
    title: str
    subtitle: str | None
    doctype: str
    date: str | None
    year: int | None
    province: str | None
    city: str | None
    speaker: str | None
    issuer: str | None
    doc_number: str | None
    topics: list[str]
    snippet: list[Fragment]
    score: float | None
    level: str | None = None
    near: bool = False  # found by a near match of a quote (punctuation or width differs)


@dataclass(frozen=True)
class Suggestion:
    """Another search the page offers, in words (按 江苏、2010年 筛选; 困难职工帮扶?)."""

    label: str
    request: SearchRequest
    kind: str = ""  # filters | spelling | relaxed | field | undo


@dataclass
class SearchResult:
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    highlight_terms: list[str]
    sort: str
    notices: list[str] = field(default_factory=list)  # how the query was read, what was done with it
    suggestions: list[Suggestion] = field(default_factory=list)
    request: SearchRequest | None = None  # the request the hits answer (filters applied included)
    near: bool = False  # the hits were found by a near match of the quotes (punctuation or width differ)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def hit_of(record: dict[str, Any], terms: list[str], score: float | None, near: bool = False) -> Hit:
    text = "\n".join(record["paragraphs"])
    return Hit(
        id=record["id"], title=record["title"], subtitle=record.get("subtitle"), doctype=record["doctype"],
        date=record.get("date"), year=record.get("year"), province=record.get("province"), city=record.get("city"),
        speaker=record.get("speaker"), issuer=record.get("issuer"), doc_number=record.get("doc_number"),
        topics=list(record.get("topics") or []), snippet=snippet(text, terms), score=score,
        level=record.get("level"), near=near,
    )
