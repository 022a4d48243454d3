"""Search results and articles as plain dicts (the JSON API) and as view data for templates:
facet values with their counts, whether selected and the URL that toggles them, built here so
that templates only loop."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from indexer import Article
from indexer.search import MISSING, FacetValue, Fragment, Hit, SearchRequest, SearchResult, to_html

API_FACET_NAMES = {"year": "year", "province": "province", "topics": "topic", "doctype": "doctype"}
FACET_LABELS = {"year": "年份", "province": "省份", "topic": "主题", "doctype": "类型"}
SORT_LABELS = {"relevance": "按相关度", "date": "按日期（新→旧）", "date_asc": "按日期（旧→新）"}
MISSING_LABEL = "未标注"


def fragments_text(fragments: list[Fragment]) -> str:
    """Fragments for a terminal: matches in 【】."""
    return "".join(f"【{f.text}】" if f.mark else f.text for f in fragments)


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id, "title": hit.title, "subtitle": hit.subtitle, "doctype": hit.doctype, "date": hit.date,
        "year": hit.year, "province": hit.province, "city": hit.city, "speaker": hit.speaker, "issuer": hit.issuer,
        "doc_number": hit.doc_number, "topics": hit.topics, "snippet": to_html(hit.snippet), "score": hit.score,
    }


def facet_to_list(values: list[FacetValue]) -> list[dict[str, Any]]:
    return [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]


def result_to_dict(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total, "page": result.page, "size": result.size, "pages": result.pages, "sort": result.sort,
        "hits": [hit_to_dict(h) for h in result.hits],
        "facets": {API_FACET_NAMES[k]: facet_to_list(v) for k, v in result.facets.items()},
        "notices": list(result.notices),
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """An article for the API: the file it came from by its path from the imported folder, never
    by where it lies on the server."""
    data = asdict(article)
    data["text"] = article.text
    source = data["source"]
    source["path"] = source.pop("relpath", None) or Path(source["path"]).name
    return data


# -- view data for the pages --------------------------------------------------------------------


def request_params(request: SearchRequest) -> list[tuple[str, str]]:
    """The query string of a search request (the form the site's URLs use)."""
    params: list[tuple[str, str]] = []
    if request.query:
        params.append(("q", request.query))
    params += [("year", str(y)) for y in request.years]
    if request.year_from is not None:
        params.append(("year_from", str(request.year_from)))
    if request.year_to is not None:
        params.append(("year_to", str(request.year_to)))
    params += [("province", p) for p in request.provinces]
    params += [("topic", t) for t in request.topics]
    params += [("doctype", d) for d in request.doctypes]
    if request.sort != "relevance":
        params.append(("sort", request.sort))
    return params


def search_url(params: list[tuple[str, str]], page: int = 1) -> str:
    query = params + ([("page", str(page))] if page > 1 else [])
    return "/search" + ("?" + urlencode(query) if query else "")


def toggled(params: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    if (name, value) in params:
        return [p for p in params if p != (name, value)]
    return params + [(name, value)]


def facet_views(result: SearchResult, request: SearchRequest) -> list[dict[str, Any]]:
    params = request_params(request)
    views = []
    for facet, values in result.facets.items():
        name = API_FACET_NAMES[facet]
        views.append({
            "name": name,
            "label": FACET_LABELS[name],
            "values": [
                {
                    "value": v.value, "label": v.value or MISSING_LABEL, "count": v.count, "selected": v.selected,
                    "toggle_url": search_url(toggled(params, name, v.value)),
                }
                for v in values
            ],
        })
    return views


def selected_filters(request: SearchRequest) -> list[dict[str, str]]:
    """The filters in force, each with the URL that removes it."""
    params = request_params(request)
    shown = []
    for name, value in params:
        if name in ("q", "sort"):
            continue
        label = {"year": "年份", "year_from": "起始年", "year_to": "截止年", "province": "省份", "topic": "主题",
                 "doctype": "类型"}[name]
        shown.append({"label": f"{label}：{value or MISSING_LABEL}",
                      "remove_url": search_url([p for p in params if p != (name, value)])})
    return shown


def sort_views(request: SearchRequest) -> list[dict[str, Any]]:
    base = [p for p in request_params(request) if p[0] != "sort"]
    return [
        {"label": label, "selected": request.sort == key,
         "url": search_url(base + ([("sort", key)] if key != "relevance" else []))}
        for key, label in SORT_LABELS.items()
    ]


def page_views(result: SearchResult, request: SearchRequest) -> list[dict[str, Any]]:
    params = request_params(request)
    pages = result.pages
    shown = sorted({1, pages, *range(max(1, result.page - 2), min(pages, result.page + 2) + 1)})
    views: list[dict[str, Any]] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            views.append({"gap": True})
        views.append({"number": number, "url": search_url(params, number), "current": number == result.page})
        previous = number
    return views


def meta_line(item: Hit | Article) -> list[str]:
    """date · province · type · speaker or issuer · document number"""
    place = "·".join(x for x in (item.province, item.city) if x)
    person = item.speaker or item.issuer
    return [str(x) for x in (item.date or item.year, place, item.doctype, person, item.doc_number) if x]


__all__ = ["MISSING"]
