"""The facets of the library, in one place (engine-neutral): how each is named on the site and in
the API, which field of a search request filters by it, and which column of the index counts it.
Facet values are ordered here; the site builds its toggle links from this list."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .analysis import compact_form

MISSING = ""  # the value of an article without the label (shown as 未标注)


@dataclass(frozen=True)
class Facet:
    key: str  # the facet's name in results
    param: str  # its query parameter on the site and in the API
    request_field: str  # the SearchRequest field holding the values chosen
    column: str  # the index column counted
    label: str  # as people read it
    limit: int | None = None  # how many values the site lists (the most frequent)
    note: str = ""


FACETS: tuple[Facet, ...] = (
    Facet("year", "year", "years", "year", "年份"),
    Facet("province", "province", "provinces", "province", "省份"),
    Facet("city", "city", "cities", "city", "城市", limit=20),
    Facet("doctype", "doctype", "doctypes", "doctype", "类型"),
    Facet("level", "level", "levels", "level", "效力级别"),
    Facet("topics", "topic", "topics", "topics", "主题", note="一篇文章可属多个主题，各主题篇数之和可能大于总数"),
    Facet("issuer", "issuer", "issuers", "issuer_name", "发文机关", limit=20),
    Facet("speaker", "speaker", "speakers", "speaker_name", "发言人/作者", limit=20),
    Facet("source", "source", "sources", "source_name", "出处（书或汇编）", limit=20),
)
BY_KEY = {f.key: f for f in FACETS}
NAMED = ("speaker", "issuer")  # the facets whose values a word typed may name
BY_PARAM = {f.param: f for f in FACETS}


def ordered(facet: str, counts: list[tuple[str, int]], selected: set[str]) -> list[tuple[str, int, bool]]:
    """A facet's values as the site lists them: years newest first, other facets by count; the
    missing value last; a chosen value with no hits kept (so that it can be removed)."""
    if facet == "year":
        counts = sorted(counts, key=lambda vc: (vc[0] == MISSING, -int(vc[0] or 0)))
    else:
        counts = sorted(counts, key=lambda vc: (vc[0] == MISSING, -vc[1], vc[0]))
    present = {v for v, _ in counts}
    values = [(v, c, v in selected) for v, c in counts]
    return values + [(v, 0, True) for v in sorted(selected - present)]


class FacetTable:
    """The facet columns of every document of a snapshot, as numpy arrays (built once a commit):
    filters are masks, counts are bin counts."""

    def __init__(self, size: int, live: np.ndarray, column: Any, topics: dict[str, np.ndarray], topic_names: Sequence[str]):
        """`column(name)`: the values of an engine column for every document."""
        self.size = size
        self.live = live
        years = np.fromiter((_year(v) for v in column("year")), dtype=np.int32, count=size)
        self.year = years
        self.values: dict[str, list[str]] = {}
        self.code_of: dict[str, dict[str, int]] = {}  # (a value's code, for filters and the chosen values)
        self.codes: dict[str, np.ndarray] = {}
        for facet in FACETS:
            if facet.key not in ("year", "topics"):
                self._code(facet.key, column(facet.column))
        self._code("date", column("date"))
        dates = self.values.pop("date")
        self.code_of.pop("date")
        date_keys = np.array([_date_key(d) for d in dates] or [0], dtype=np.int64)
        date_key = date_keys[self.codes.pop("date")] if size else np.zeros(0, dtype=np.int64)
        # an article dated by its year alone sorts with that year
        self.date_key = np.where(date_key == 0, self.year.astype(np.int64) * 10000, date_key)
        self.topic_names = list(dict.fromkeys([*topic_names, *sorted(topics)]))
        self.topic_row = {name: row for row, name in enumerate(self.topic_names)}
        # one row per topic (as many topics as the taxonomy has), one column per document
        self.topic_rows = np.zeros((len(self.topic_names), size), dtype=bool)
        for row, name in enumerate(self.topic_names):
            if name in topics:
                self.topic_rows[row, topics[name]] = True
        self.untopical = np.asarray(~self.topic_rows.any(axis=0))
        self._named: dict[str, np.ndarray] = {}
        self._name_forms: dict[str, list[str]] = {}
        self._by_length: dict[str, dict[int, list[str]]] = {}

    def _code(self, name: str, column: Sequence[Any]) -> None:
        values = sorted({v or MISSING for v in column})
        index = {v: i for i, v in enumerate(values)}
        self.values[name] = values
        self.code_of[name] = index
        self.codes[name] = np.fromiter((index[v or MISSING] for v in column), dtype=np.int32, count=self.size)

    def named(self, text: str) -> np.ndarray:
        """The live documents whose speaker or issuing body has `text` in its name (compared in
        search form: 張俊九 is 张俊九)."""
        needle = compact_form(text)
        found = self._named.get(needle)
        if found is None:
            mask = np.zeros(self.size, dtype=bool)
            for facet in NAMED:
                forms = self._name_forms.get(facet)
                if forms is None:
                    forms = self._name_forms[facet] = [compact_form(v) for v in self.values[facet]]
                codes = [code for code, form in enumerate(forms) if form and needle in form]
                if codes:
                    mask |= np.isin(self.codes[facet], codes)
            found = np.flatnonzero(mask & self.live)
            if len(self._named) > 10_000:
                self._named.clear()
            self._named[needle] = found
        return found

    def mask_of(self, docnums: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[docnums] = True
        return mask & self.live

    def year_range(self, year_from: int | None, year_to: int | None) -> np.ndarray | None:
        if year_from is None and year_to is None:
            return None
        low = year_from if year_from is not None else 1
        high = year_to if year_to is not None else 9999
        return (self.year >= low) & (self.year <= high)

    def filter_mask(self, facet: str, values: Sequence[str]) -> np.ndarray | None:
        """Documents with any of the values (MISSING: without the label); None: no filter."""
        if not values:
            return None
        if facet == "year":
            return np.isin(self.year, [int(v or 0) for v in values])
        if facet == "topics":
            rows = [self.topic_row[v] for v in values if v in self.topic_row]
            chosen = np.asarray(self.topic_rows[rows].any(axis=0)) if rows else np.zeros(self.size, dtype=bool)
            return chosen | self.untopical if MISSING in values else chosen
        codes = [self.code_of[facet][v] for v in values if v in self.code_of[facet]]
        return np.isin(self.codes[facet], codes)

    def counts(self, facet: str, rows: np.ndarray, keep: int | None = None, chosen: Collection[str] = ()
               ) -> list[tuple[str, int]]:
        """The values of a facet with how many of the documents `rows` (document numbers) have
        each (those with none left out); `keep`: only the most frequent that many, besides the
        missing value and the chosen ones."""
        if facet == "year":
            years, counts = np.unique(self.year[rows], return_counts=True)
            return [(str(y) if y else MISSING, int(c)) for y, c in zip(years, counts, strict=True)]
        if facet == "topics":
            found = list(zip(self.topic_names, self.topic_rows[:, rows].sum(axis=1).tolist(), strict=True))
            found.append((MISSING, int(self.untopical[rows].sum())))
            return [(v, int(c)) for v, c in found if c]
        values = self.values[facet]
        counted = np.bincount(self.codes[facet][rows], minlength=len(values))
        present = np.flatnonzero(counted)
        if keep is not None and len(present) > keep:
            top = present[np.lexsort((present, -counted[present]))[:keep]]
            code_of = self.code_of[facet]
            wanted = {code_of[v] for v in chosen if v in code_of} | ({0} if values and values[0] == MISSING else set())
            present = np.union1d(top, [c for c in wanted if counted[c]]).astype(np.int64)
        return [(values[i], int(counted[i])) for i in present.tolist()]

    def values_of_length(self, facet: str, length: int) -> list[str]:
        """The values of a facet (names of speakers, of bodies) of a given length."""
        by_length = self._by_length.get(facet)
        if by_length is None:
            by_length = self._by_length[facet] = {}
            for value in self.values[facet]:
                by_length.setdefault(len(value), []).append(value)
        return by_length.get(length, [])


def _year(value: Any) -> int:
    """A stored year; a missing one (None, 0, or a column's default 2**32-1) is 0."""
    try:
        year = int(value or 0)
    except (TypeError, ValueError):
        return 0
    return year if 0 < year < 3000 else 0


def _date_key(date: str) -> int:
    """2010-11-17 -> 20101117; 2004-09 -> 20040900; unknown -> 0."""
    if not date:
        return 0
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    parts += [0] * (3 - len(parts))
    return parts[0] * 10000 + parts[1] * 100 + parts[2]
