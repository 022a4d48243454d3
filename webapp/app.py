"""The website and its JSON API. Routes read the request, call the search API of `indexer`, and
hand plain data to templates; nothing here knows how the index works."""

# (no `from __future__ import annotations`: the routes' parameter annotations refer to the search
# parameters built per app from its settings, which FastAPI must see as objects, not strings)
import logging
import mimetypes
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer import Settings
from indexer.search import (
    MAX_PAGE,
    YEAR_PATTERN,
    YEAR_RANGE,
    QueryError,
    SearchIndex,
    SearchRequest,
    highlight,
    parse_query,
    parse_year,
)

from . import serialize as S
from .citation import gbt7714, short_form

HERE = Path(__file__).parent
log = logging.getLogger("gonghui.web")
YearText = Annotated[str, Field(pattern=YEAR_PATTERN)]
API_PREFIX = "/api/"
DOCS_PATHS = ("/docs", "/redoc")

# Every answer of the site: no framing, no referrer to other sites, no sniffing. Pages load
# only the site's own scripts and styles; the API docs (Swagger UI, ReDoc, from the package) also
# need the inline styles they set and ReDoc a worker; an original file imported from elsewhere
# is shown in a sandbox: no script of it runs, on this origin or any other.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
ORIGINAL_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
INLINE_ORIGINALS = ("text/plain", "text/html", "application/xhtml+xml", "text/markdown")


def search_request_dependency(settings: Settings) -> Callable[..., SearchRequest]:
    """The search parameters of the site and the API. The schema the API documents states the
    limits of `settings` and of the search request; the search API validates the request with the
    same limits (validate_request, as the command line does)."""
    low, high = YEAR_RANGE
    many = "可重复（同一分面内为“或”）；空值或“未标注”：没有此标签的文章"

    def search_request(
        q: Annotated[str, Query(max_length=settings.max_query_chars,
                                description="检索词：\"…\" 精确短语，-词 排除，OR，标题: 发言人: 发文机关: 文号:")] = "",
        year: Annotated[list[YearText], Query(description=f"年份，{many}")] = [],  # noqa: B006
        year_from: Annotated[int | None, Query(ge=low, le=high, description="起始年份")] = None,
        year_to: Annotated[int | None, Query(ge=low, le=high, description="截止年份")] = None,
        province: Annotated[list[str], Query(description=f"省份，江苏 或 江苏省；全国；{many}")] = [],  # noqa: B006
        city: Annotated[list[str], Query(description=f"城市，{many}")] = [],  # noqa: B006
        doctype: Annotated[list[str], Query(description=f"类型，{many}")] = [],  # noqa: B006
        level: Annotated[list[str], Query(description=f"效力级别，{many}")] = [],  # noqa: B006
        topic: Annotated[list[str], Query(description=f"主题，{many}")] = [],  # noqa: B006
        issuer: Annotated[list[str], Query(description=f"发文机关，{many}")] = [],  # noqa: B006
        speaker: Annotated[list[str], Query(description=f"发言人或作者，{many}")] = [],  # noqa: B006
        source: Annotated[list[str], Query(description=f"出处（书或汇编），{many}")] = [],  # noqa: B006
        sort: Annotated[Literal["relevance", "date", "date_asc"], Query(description="排序")] = "relevance",
        page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="页码")] = 1,
        size: Annotated[int, Query(ge=1, le=settings.max_page_size, description="每页条数")] = settings.page_size,
        literal: Annotated[bool, Query(description="按原词检索：不把检索词中的年份、地名、类型、机关当作筛选条件")] = False,
    ) -> SearchRequest:
        return SearchRequest(
            query=q, years=tuple(parse_year(y) for y in year), year_from=year_from, year_to=year_to,
            provinces=tuple(province), cities=tuple(city), doctypes=tuple(doctype), levels=tuple(level),
            topics=tuple(topic), issuers=tuple(issuer), speakers=tuple(speaker), sources=tuple(source),
            sort=sort, page=page, size=size, literal=literal,
        )

    return search_request


def api_docs_assets() -> Path:
    """Swagger UI and ReDoc as fastapi-offline ships them (served by the site: government
    intranets have no internet, so no CDN)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


class Pages:
    """Renders the site's templates with what every page shows (the library's state, the limits)."""

    def __init__(self, settings: Settings, library_status: Callable[[], Any] | None):
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.library_status = library_status
        self.limits = {"max_query_chars": settings.max_query_chars, "years": YEAR_RANGE}

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        library = self.library_status() if self.library_status else None
        return self.templates.TemplateResponse(request, name, {"library": library, "limits": self.limits, **context},
                                               status_code=status)

    def error(self, request: Request, status: int, message: str, detail: Any = None) -> Response:
        """An error as the API answers it (JSON) or as a page."""
        if request.url.path.startswith(API_PREFIX):
            body: dict[str, Any] = {"error": message}
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status)
        return self.render(request, "error.html", status=status, message=message,
                           query=request.query_params.get("q", ""))


def create_app(settings: Settings, index: SearchIndex, library_status: Callable[[], Any] | None = None) -> FastAPI:
    """The site over `index`. `library_status` says whether the library is still being built or
    incomplete (an object with `state` and `message`; see server.LibraryBuild)."""
    app = FastAPI(
        title="工会资料库 API", version="1.0",
        description="工会工作资料的检索：全文检索、分面统计、全文与引用。",
        docs_url=None, redoc_url=None,  # served below with their assets from the package (no CDN)
    )
    pages = Pages(settings, library_status)
    search_request = search_request_dependency(settings)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/apidocs-assets", StaticFiles(directory=str(api_docs_assets())), name="apidocs-assets")
    app.middleware("http")(log_and_protect)
    add_error_handlers(app, pages)
    add_pages(app, pages, index, settings, search_request)
    add_api(app, pages, index, search_request, library_status)
    app.openapi = lambda: api_schema(app)  # type: ignore[method-assign]
    return app


async def log_and_protect(request: Request, call_next: Any) -> Response:
    """A log line for every request; the security headers on every answer."""
    started = time.perf_counter()
    response: Response = await call_next(request)
    log.info("%s %s %d %.1f ms", request.method, request.url.path + (f"?{request.url.query}" if request.url.query else ""),
             response.status_code, (time.perf_counter() - started) * 1000)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    csp = DOCS_CSP if request.url.path.startswith(DOCS_PATHS) else PAGE_CSP
    response.headers.setdefault("Content-Security-Policy", csp)
    return response


def add_error_handlers(app: FastAPI, pages: Pages) -> None:
    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return pages.error(request, 400, f"查询有误：{exc}")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"field": parameter_name(e), "reason": parameter_problem(e)} for e in exc.errors()]
        reasons = dict.fromkeys(f"{d['field']} {d['reason']}" for d in detail)
        return pages.error(request, 400, f"参数有误：{'；'.join(reasons)}", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "没有这个页面或文章" if exc.status_code == 404 else str(exc.detail)
        return pages.error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        log.exception("error answering %s", request.url.path)
        return pages.error(request, 500, "服务器出错了，请稍后再试")


def add_pages(app: FastAPI, pages: Pages, index: SearchIndex, settings: Settings,
              search_request: Callable[..., SearchRequest]) -> None:
    page = pages.render

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        overview = index.search(SearchRequest(sort="date", size=6))
        return page(request, "home.html", total=overview.total, facets=S.facet_views(overview, SearchRequest()),
                    latest=overview.hits, meta_line=S.meta_line)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, req: Annotated[SearchRequest, Depends(search_request)]) -> HTMLResponse:
        result = index.search(req)
        shown = result.request or req  # with the filters read out of the query, when applied
        return page(
            request, "search.html", req=shown, result=result, facets=S.facet_views(result, shown),
            filters=S.selected_filters(shown), sorts=S.sort_views(shown), pages=S.page_views(result, shown),
            suggestions=S.suggestion_views(result), meta_line=S.meta_line,
            hidden=[p for p in S.request_params(shown) if p[0] not in ("year_from", "year_to", "q")],
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, q: str = "") -> HTMLResponse:
        article = index.get_article(doc_id)
        if article is None:
            raise StarletteHTTPException(404)
        terms = parse_query(q, settings.max_query_chars).highlight_terms() if q.strip() else []
        paragraphs = [highlight(p, terms) for p in article.paragraphs]
        original = Path(article.source.path).exists()
        return page(
            request, "document.html", article=article, paragraphs=paragraphs, rows=S.label_rows(article), query=q,
            related=index.related(doc_id, 6), citation=gbt7714(article), short=short_form(article),
            original=original, file_name=article.source.relpath or Path(article.source.path).name,
            meta_line=S.meta_line,
        )

    @app.get("/documents/{doc_id}/original", include_in_schema=False)
    def original_file(doc_id: str) -> FileResponse:
        """The imported file: text and web pages shown in a sandbox (none of their scripts run),
        anything else as a download."""
        article = index.get_article(doc_id)
        if article is None or not Path(article.source.path).is_file():
            raise StarletteHTTPException(404)
        path = Path(article.source.path)
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        inline = media in INLINE_ORIGINALS
        if media.startswith("text/") and article.source.encoding:
            media += f"; charset={article.source.encoding}"
        return FileResponse(path, media_type=media, filename=path.name,
                            content_disposition_type="inline" if inline else "attachment",
                            headers={"Content-Security-Policy": ORIGINAL_CSP})


def add_api(app: FastAPI, pages: Pages, index: SearchIndex, search_request: Callable[..., SearchRequest],
            library_status: Callable[[], Any] | None) -> None:
    page = pages.render

    @app.get("/api/search", summary="检索", tags=["检索"], responses=error_responses(400))
    def api_search(req: Annotated[SearchRequest, Depends(search_request)]) -> dict[str, Any]:
        return S.result_to_dict(index.search(req))

    @app.get("/api/documents/{doc_id}", summary="一篇文章的全部标签、正文与来源", tags=["文章"],
             responses=error_responses(400, 404))
    def api_document(doc_id: str) -> dict[str, Any]:
        article = index.get_article(doc_id)
        if article is None:
            raise StarletteHTTPException(404)
        data = S.article_to_dict(article)
        data["citation"] = {"gbt7714": gbt7714(article), "short": short_form(article)}
        return data

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        return page(request, "apidocs.html", viewer="swagger")

    @app.get("/redoc", response_class=HTMLResponse, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return page(request, "apidocs.html", viewer="redoc")

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, Any]:
        state = library_status().state if library_status else "ready"
        return {"ok": True, "articles": index.count(), "library": state}


def parameter_name(error: dict[str, Any]) -> str:
    loc = error.get("loc", ())
    return str(loc[1]) if len(loc) > 1 else "请求"


def parameter_problem(error: dict[str, Any]) -> str:
    """What is wrong with a parameter, in words (pydantic's messages are English)."""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 个字）"
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("int_"):
        return "须为整数"
    if kind == "literal_error":
        return f"须为 {ctx.get('expected', '')} 之一".replace("'", "")
    if kind == "missing":
        return "缺少"
    return "无效"


class ErrorBody(BaseModel):
    """What the API answers when it cannot: the reason in Chinese, and for bad parameters which
    ones and why."""

    error: str
    detail: list[dict[str, str]] | None = None


_ERROR_WORDS = {400: "参数或检索式有误（error 说明原因，detail 列出有误的参数）", 404: "没有这篇文章",
                500: "服务器出错"}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody, "description": _ERROR_WORDS[status]} for status in (*statuses, 500)}


def api_schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema as the API answers: invalid parameters are a 400 with ErrorBody (see
    bad_parameters), never FastAPI's 422."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema
