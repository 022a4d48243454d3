"""Search results and articles as plain dicts (the JSON API) and as view data for templates:
facet values with their counts, whether selected and the URL that toggles them, links to a
person's or a body's material, suggestions as links: built here so that templates only loop."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from indexer import Article
from indexer.search import FACETS, Fragment, Hit, SearchRequest, SearchResult, Suggestion, to_html

from .labels import LABELS, format_value

SORT_LABELS = {"relevance": "按相关度", "date": "按日期（新→旧）", "date_asc": "按日期（旧→新）"}
MISSING_LABEL = "未标注"
RANGE_LABELS = {"year_from": "起始年", "year_to": "截止年"}
# the labels of an article that link to the other material with the same value (a facet filter)
LINKED_LABELS = {"speaker": "speaker", "issuer": "issuer", "province": "province", "city": "city", "doctype": "doctype"}


def fragments_text(fragments: list[Fragment]) -> str:
    """Fragments for a terminal: matches in 【】."""
    return "".join(f"【{f.text}】" if f.mark else f.text for f in fragments)


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id, "title": hit.title, "subtitle": hit.subtitle, "doctype": hit.doctype, "date": hit.date,
        "year": hit.year, "province": hit.province, "city": hit.city, "level": hit.level, "speaker": hit.speaker,
        "issuer": hit.issuer, "doc_number": hit.doc_number, "topics": hit.topics, "snippet": to_html(hit.snippet),
        "score": hit.score, "near_match": hit.near,
    }


def suggestion_to_dict(suggestion: Suggestion) -> dict[str, Any]:
    params = request_params(suggestion.request)
    return {"label": suggestion.label, "kind": suggestion.kind, "url": search_url(params),
            "api_url": search_url(params, path="/api/search")}


def result_to_dict(result: SearchResult) -> dict[str, Any]:
    """A search result for the API; `applied` is the search the hits answer (with the filters
    read out of the query when they were applied)."""
    applied = result.request or SearchRequest()
    return {
        "total": result.total, "page": result.page, "size": result.size, "pages": result.pages, "sort": result.sort,
        "hits": [hit_to_dict(h) for h in result.hits],
        "facets": {f.param: [{"value": v.value, "count": v.count, "selected": v.selected} for v in result.facets[f.key]]
                   for f in FACETS},
        "notices": list(result.notices),
        "suggestions": [suggestion_to_dict(s) for s in result.suggestions],
        "applied": _grouped(request_params(applied)),
    }


def _grouped(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    return grouped


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
    for facet in FACETS:
        params += [(facet.param, value) for value in request.facet_values(facet.key)]
    if request.year_from is not None:
        params.append(("year_from", str(request.year_from)))
    if request.year_to is not None:
        params.append(("year_to", str(request.year_to)))
    if request.sort != "relevance":
        params.append(("sort", request.sort))
    if request.literal:
        params.append(("literal", "true"))
    return params


def search_url(params: list[tuple[str, str]], page: int = 1, path: str = "/search") -> str:
    query = params + ([("page", str(page))] if page > 1 else [])
    return path + ("?" + urlencode(query) if query else "")


def toggled(params: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """The parameters with one filter value added, or removed when present (a new search starts
    on page 1)."""
    if (name, value) in params:
        return [p for p in params if p != (name, value)]
    return params + [(name, value)]


def facet_views(result: SearchResult, request: SearchRequest) -> list[dict[str, Any]]:
    """Every facet with its values (the most frequent ones where a facet lists only some, the
    selected ones always) and the links that toggle them."""
    params = request_params(request)
    views = []
    for facet in FACETS:
        values = result.facets.get(facet.key, [])
        shown = values if facet.limit is None else values[:facet.limit] + [v for v in values[facet.limit:] if v.selected]
        views.append({
            "name": facet.param, "label": facet.label, "note": facet.note,
            "hidden": len(values) - len(shown),
            "values": [
                {"value": v.value, "label": v.value or MISSING_LABEL, "count": v.count, "selected": v.selected,
                 "toggle_url": search_url(toggled(params, facet.param, v.value))}
                for v in shown
            ],
        })
    return views


def selected_filters(request: SearchRequest) -> list[dict[str, str]]:
    """The filters in force, each with the URL that removes it."""
    labels = {f.param: f.label for f in FACETS} | RANGE_LABELS
    params = request_params(request)
    return [{"label": f"{labels[name]}：{value or MISSING_LABEL}",
             "remove_url": search_url([p for p in params if p != (name, value)])}
            for name, value in params if name in labels]


def suggestion_views(result: SearchResult) -> list[dict[str, str]]:
    return [{"label": s.label, "kind": s.kind, "url": search_url(request_params(s.request))} for s in result.suggestions]


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


def filter_url(param: str, value: str) -> str:
    """The search for every article with one label value (a person's speeches, a body's documents)."""
    return search_url([(param, value)])


def meta_line(item: Hit | Article) -> list[dict[str, str]]:
    """date · province·city · type · speaker or issuer · document number; the place, the type
    and the person or body link to the other material with the same value."""
    parts: list[dict[str, str]] = []
    when = item.date or item.year
    if when:
        parts.append({"text": str(when), "url": ""})
    if item.province:
        parts.append({"text": item.province, "url": filter_url("province", item.province)})
    if item.city:
        parts.append({"text": item.city, "url": filter_url("city", item.city)})
    parts.append({"text": item.doctype, "url": filter_url("doctype", item.doctype)})
    if item.speaker:
        parts.append({"text": item.speaker, "url": filter_url("speaker", item.speaker)})
    elif item.issuer:
        parts.append({"text": item.issuer, "url": filter_url("issuer", item.issuer)})
    if item.doc_number:
        parts.append({"text": item.doc_number, "url": ""})
    return parts


def meta_text(item: Hit | Article) -> str:
    """The meta line for a terminal."""
    return " · ".join(part["text"] for part in meta_line(item))


def label_rows(article: Article) -> list[dict[str, str]]:
    """The labels of an article as the document page lists them: name, value, the link to the
    other material with that value, and where the label was read."""
    rows = []
    for field, name in LABELS:
        if field in ("title", "subtitle"):
            continue
        value = format_value(getattr(article, field))
        param = LINKED_LABELS.get(field)
        rows.append({"name": name, "value": value, "url": filter_url(param, value) if value and param else "",
                     "origin": article.provenance.get(field, "") if value else ""})
    return rows
