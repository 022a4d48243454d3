"""Web pages: the article body with trafilatura (not navigation or site boilerplate), the page's
address, its title and the date the site says it published the page (kept apart from the
document's own date)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Block, RefusedFile
from ._text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_CANONICAL = re.compile(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']""", re.I)
_CANONICAL_REV = re.compile(r"""<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']""", re.I)
_OG_URL = re.compile(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""", re.I)
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]\s+")
_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(r"<(?:/?p|br|/?div|/?h[1-6]|/?li|/?tr)\b[^>]{0,2000}>", re.I)
_SCRIPT = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)


@dataclass
class WebPage:
    blocks: list[Block]
    title: str | None
    url: str | None
    published: str | None
    encoding: str


def decode_html(data: bytes) -> tuple[str, str]:
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "ignore").lower()
        declared = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5"}.get(declared, declared)
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies; detect instead
    return decode_text(data)


def page_url(html: str) -> str | None:
    head = html[:20000]
    for pattern in (_CANONICAL, _CANONICAL_REV, _OG_URL, _SAVED_FROM):
        match = pattern.search(head)
        if match and match.group(1).startswith(("http://", "https://")):
            return match.group(1)
    return None


def clean_page_title(title: str | None, body_start: str = "") -> str | None:
    """`关于…的通知_通知公告_江苏工会网` -> `关于…的通知`: drop the site's name and section."""
    if not title:
        return None
    title = title.strip()
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p]
    if len(parts) > 1:
        # the longest piece is the article's own title; site and column names are short
        best = max(parts, key=len)
        if body_start and parts[0] in body_start:
            best = parts[0]
        return best
    return title


def _fallback_text(html: str) -> list[str]:
    text = _SCRIPT.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    import html as html_lib

    text = html_lib.unescape(text)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def recover_header_lines(lines: list[str], page_lines: list[str], title: str | None, author: str | None) -> list[str]:
    """Put back the lines between the title and the text that the extractor kept as metadata
    (the speaker's or author's line, the date under the title, the document number)."""
    if not title:
        return lines
    keys = [_key(line) for line in page_lines]
    title_key = _key(title)
    first_key = _key(lines[0])[:20]
    try:
        start = next(i for i, k in enumerate(keys) if k == title_key)
        end = next(i for i in range(start + 1, len(keys)) if keys[i].startswith(first_key) or first_key.startswith(keys[i][:20]))
    except StopIteration:
        start, end = -1, -1
    kept = {_key(line) for line in lines}
    between = [line for line in page_lines[start + 1:end] if len(_key(line)) <= 60 and _key(line) not in kept] if start >= 0 else []
    if not between and author and _key(author) not in kept:
        between = [author]
    if not between:
        return lines
    at = 1 if lines and _key(lines[0]) == title_key else 0
    return lines[:at] + between + lines[at:]


def extract_web_page(data: bytes) -> WebPage:
    html, encoding = decode_html(data)
    url = page_url(html)
    lines: list[str] = []
    title = published = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, favor_recall=True, with_metadata=True
        )
    except (ValueError, RecursionError, MemoryError, TypeError, AttributeError):
        doc = None
    body = str(getattr(doc, "text", None) or "")
    if body.strip():
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        title = getattr(doc, "title", None)
        published = getattr(doc, "date", None)
        url = url or getattr(doc, "url", None)
        lines = recover_header_lines(lines, _fallback_text(html), title, getattr(doc, "author", None))
    else:
        lines = _fallback_text(html)
        match = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
        title = match.group(1).strip() if match else None
    if not lines:
        raise RefusedFile("网页中没有找到正文")
    title = clean_page_title(title, lines[0])
    blocks = [Block(line) for line in lines]
    if title and not any(title.replace(" ", "") in b.text.replace(" ", "") for b in blocks[:3]):
        blocks.insert(0, Block(title, None, "heading"))
    return WebPage(blocks, title, url, published, encoding)
