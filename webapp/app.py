"""The website and its JSON API. Routes read the request, call the search API of `indexer`, and
hand plain data to templates; nothing here knows how the index works."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer import Settings
from indexer.search import QueryError, SearchIndex, SearchRequest, highlight, normalize_request, parse_query

from . import serialize as S
from .citation import gbt7714, short_form
from .labels import LABELS, format_value

HERE = Path(__file__).parent
Year = Annotated[int, Field(ge=1900, le=2100)]
API_PREFIX = "/api/"


def search_request(
    q: Annotated[str, Query(description="检索词：\"…\" 精确短语，-词 排除，OR，标题: 发言人: 文号:")] = "",
    year: Annotated[list[Year], Query(description="年份，可重复（同一分面内为“或”）")] = [],  # noqa: B006
    year_from: Annotated[int | None, Query(ge=1900, le=2100, description="起始年份")] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100, description="截止年份")] = None,
    province: Annotated[list[str], Query(description="省份，可重复；江苏 或 江苏省；全国")] = [],  # noqa: B006
    topic: Annotated[list[str], Query(description="主题，可重复")] = [],  # noqa: B006
    doctype: Annotated[list[str], Query(description="类型，可重复")] = [],  # noqa: B006
    sort: Annotated[Literal["relevance", "date", "date_asc"], Query(description="排序")] = "relevance",
    page: Annotated[int, Query(ge=1, le=100000, description="页码")] = 1,
    size: Annotated[int, Query(ge=1, le=100, description="每页条数")] = 10,
) -> SearchRequest:
    return normalize_request(SearchRequest(
        query=q, years=tuple(dict.fromkeys(year)), year_from=year_from, year_to=year_to,
        provinces=tuple(dict.fromkeys(province)), topics=tuple(dict.fromkeys(topic)),
        doctypes=tuple(dict.fromkeys(doctype)), sort=sort, page=page, size=size,
    ))


def create_app(settings: Settings, index: SearchIndex) -> FastAPI:
    app = FastAPI(
        title="工会资料库 API", version="1.0",
        description="工会工作资料的检索：全文检索、分面统计、全文与引用。",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"labels": LABELS, **context}, status_code=status)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith(API_PREFIX)

    def error(request: Request, status: int, message: str, detail: Any = None) -> Response:
        if is_api(request):
            body: dict[str, Any] = {"error": message}
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status)
        return page(request, "error.html", status=status, message=message, query=request.query_params.get("q", ""))

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return error(request, 400, f"查询有误：{exc}")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        def name(error: dict[str, Any]) -> str:
            loc = error.get("loc", ())
            return str(loc[1]) if len(loc) > 1 else "请求"

        fields = sorted({name(e) for e in exc.errors()})
        detail = [{"field": name(e), "reason": e.get("msg", "")} for e in exc.errors()]
        return error(request, 400, f"参数有误：{'、'.join(fields)}", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "没有这个页面或文章" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        return error(request, 500, "服务器出错了，请稍后再试")

    # -- pages ------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        overview = index.search(SearchRequest(sort="date", size=6))
        return page(request, "home.html", total=overview.total, facets=S.facet_views(overview, SearchRequest()),
                    latest=overview.hits, meta_line=S.meta_line)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, req: Annotated[SearchRequest, Depends(search_request)]) -> HTMLResponse:
        result = index.search(req)
        return page(
            request, "search.html", req=req, result=result, facets=S.facet_views(result, req),
            filters=S.selected_filters(req), sorts=S.sort_views(req), pages=S.page_views(result, req),
            meta_line=S.meta_line, hidden=[p for p in S.request_params(req) if p[0] not in ("year_from", "year_to", "q")],
            base_params=[p for p in S.request_params(req) if p[0] != "q"],
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, q: str = "") -> HTMLResponse:
        article = index.get_article(doc_id)
        if article is None:
            raise StarletteHTTPException(404)
        terms = parse_query(q, settings.max_query_chars).highlight_terms() if q.strip() else []
        paragraphs = [highlight(p, terms) for p in article.paragraphs]
        rows = [(name, format_value(getattr(article, field)), article.provenance.get(field, ""))
                for field, name in LABELS if field not in ("title", "subtitle")]
        original = Path(article.source.path).exists()
        return page(
            request, "document.html", article=article, paragraphs=paragraphs, rows=rows, query=q,
            related=index.related(doc_id, 6), citation=gbt7714(article), short=short_form(article),
            original=original, meta_line=S.meta_line, accessed=dt.date.today().isoformat(),
        )

    @app.get("/documents/{doc_id}/original", include_in_schema=False)
    def original_file(doc_id: str) -> FileResponse:
        article = index.get_article(doc_id)
        if article is None or not Path(article.source.path).is_file():
            raise StarletteHTTPException(404)
        path = Path(article.source.path)
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if media.startswith("text/") and article.source.encoding:
            media += f"; charset={article.source.encoding}"
        return FileResponse(path, media_type=media, filename=path.name, content_disposition_type="inline")

    # -- JSON API ---------------------------------------------------------------------------------

    @app.get("/api/search", summary="检索", tags=["检索"])
    def api_search(req: Annotated[SearchRequest, Depends(search_request)]) -> dict[str, Any]:
        return S.result_to_dict(index.search(req))

    @app.get("/api/documents/{doc_id}", summary="一篇文章的全部标签、正文与来源", tags=["文章"])
    def api_document(doc_id: str) -> dict[str, Any]:
        article = index.get_article(doc_id)
        if article is None:
            raise StarletteHTTPException(404)
        data = S.article_to_dict(article)
        data["citation"] = {"gbt7714": gbt7714(article), "short": short_form(article)}
        return data

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, Any]:
        return {"ok": True, "articles": index.count()}

    return app
