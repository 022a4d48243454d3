"""A search request, and the one validation of it that the site, the API and the command line
share (limits from Settings)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..gazetteer import NATIONAL, Gazetteer
from ..settings import Settings
from .facets import BY_KEY, FACETS, MISSING
from .query import QueryError

SORTS = ("relevance", "date", "date_asc")
YEAR_RANGE = (1900, 2100)
# a year parameter as the API documents it: a year of YEAR_RANGE, or empty / 未标注 (no year)
YEAR_PATTERN = r"^(19[0-9][0-9]|20[0-9][0-9]|2100|未标注)?$"
MAX_PAGE = 100_000
MISSING_YEAR = 0  # the year "value" of articles without a year (未标注)


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    years: tuple[int, ...] = ()  # MISSING_YEAR: articles without a year
    year_from: int | None = None
    year_to: int | None = None
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    doctypes: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    size: int = 10
    literal: bool = False  # search the words as typed: no years, places or types read out of them

    def with_(self, **changes: object) -> SearchRequest:
        return replace(self, **changes)  # type: ignore[arg-type]

    def facet_values(self, facet: str) -> tuple[str, ...]:
        """The chosen values of a facet, as strings (years too)."""
        values = getattr(self, BY_KEY[facet].request_field)
        return tuple(str(v) if v != MISSING_YEAR else MISSING for v in values) if facet == "year" else tuple(values)


FACET_FIELDS = tuple(f.request_field for f in FACETS)
MISSING_WORDS = (MISSING, "未标注")  # (MISSING is the empty string)


def parse_year(text: str) -> int:
    """A year as typed in a URL or on the command line: four digits, or empty or 未标注 for the
    articles without a year (MISSING_YEAR)."""
    text = text.strip()
    if text in MISSING_WORDS:
        return MISSING_YEAR
    if not text.isascii() or not text.isdigit():
        raise QueryError(f"年份须为数字或“未标注”：{text[:20]}")
    return int(text)


def validate_request(request: SearchRequest, settings: Settings) -> SearchRequest:
    """The request made consistent, or QueryError saying what is wrong (the same rules on the
    site, in the API and on the command line): years within YEAR_RANGE (or MISSING_YEAR), a page
    from 1, a size from 1 to the settings' maximum, a known sort, a query within its length;
    provinces by short or full name (江苏, 江苏省); repeated values once."""
    problems = []
    low, high = YEAR_RANGE
    if any(y != MISSING_YEAR and not low <= y <= high for y in request.years):
        problems.append(f"年份须在 {low}—{high} 之间")
    for name in ("year_from", "year_to"):
        value = getattr(request, name)
        if value is not None and not low <= value <= high:
            problems.append(f"{'起始' if name == 'year_from' else '截止'}年份须在 {low}—{high} 之间")
    if not 1 <= request.page <= MAX_PAGE:
        problems.append(f"页码须在 1—{MAX_PAGE} 之间")
    if not 1 <= request.size <= settings.max_page_size:
        problems.append(f"每页条数须在 1—{settings.max_page_size} 之间")
    if request.sort not in SORTS:
        problems.append(f"排序须为 {'、'.join(SORTS)} 之一")
    if len(request.query.strip()) > settings.max_query_chars:
        problems.append(f"查询过长：最多 {settings.max_query_chars} 个字，现有 {len(request.query.strip())} 个字")
    if problems:
        raise QueryError("；".join(problems))
    gazetteer = Gazetteer.load()
    provinces = tuple(p if p in (NATIONAL, MISSING) else (gazetteer.province_of(p) or p) for p in request.provinces)
    changes: dict[str, object] = {name: tuple(dict.fromkeys(getattr(request, name))) for name in FACET_FIELDS}
    changes["provinces"] = tuple(dict.fromkeys(provinces))
    return request.with_(**changes)


