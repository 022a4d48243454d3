"""Web pages: the article body with trafilatura (not navigation or site boilerplate), the page's
address, its title and the date the site says it published the page (kept apart from the
document's own date)."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from ..models import Block, Hint, RefusedFile
from ..pagemeta import add, canonical, cleaned, parse_meta_line
from ._text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_CANONICAL = re.compile(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']""", re.I)
_CANONICAL_REV = re.compile(r"""<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']""", re.I)
_OG_URL = re.compile(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""", re.I)
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]\s+|-{2,}")
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
    metadata: dict[str, str] = field(default_factory=dict)  # see indexer.pagemeta


_META_TAG = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_META_ATTR = re.compile(r"""(name|content|property)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_WORD_EXPORT = re.compile(r"""<meta[^>]+content=["']?Microsoft Word|class=["']?Mso(?:Normal|Title)|<w:WordDocument""", re.I)


def meta_tags(html: str) -> dict[str, str]:
    """The page's <meta name=… content=…> tags that say what the document is (ArticleTitle,
    PubDate, ContentSource …), under the names of indexer.pagemeta."""
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(html[:60000]):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _META_ATTR.finditer(tag)}
        name = canonical(attrs.get("name") or attrs.get("property") or "")
        if name and attrs.get("content"):
            add(found, name, html_lib.unescape(attrs["content"]))
    return found


def table_metadata(root: Any) -> dict[str, str]:
    """The information-disclosure table: cells that name a label followed by its value, or cells
    holding `label：value`."""
    found: dict[str, str] = {}
    for row in root.iter("tr"):
        cells = [re.sub(r"\s+", " ", cell.text_content()).strip() for cell in row if cell.tag in ("td", "th")]
        k = 0
        while k < len(cells):
            pairs = parse_meta_line(cells[k]) if "：" in cells[k] or ":" in cells[k] else None
            name = canonical(cells[k]) if len(cells[k]) <= 8 else None
            if pairs:
                for key, value in pairs.items():
                    add(found, key, value)
            elif name and k + 1 < len(cells) and not canonical(cells[k + 1]):
                add(found, name, cells[k + 1], weak=re.sub(r"\s+", "", cells[k]) == "印发日期")
                k += 1
            k += 1
    return cleaned(found)


_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "pre", "blockquote", "center", "dd", "dt"}
_CENTER = re.compile(r"text-align\s*:\s*center", re.I)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.I)


def document_blocks(root: Any) -> list[Block]:
    """Every paragraph of an HTML file that is a document rather than a site's page (Word's
    export as a web page, the HTML part of a .docx), in order, headings and alignment hinted."""
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    blocks: list[Block] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.lower() not in _BLOCK_TAGS:
            continue
        if any(isinstance(child.tag, str) and child.tag.lower() in _BLOCK_TAGS for child in element.iterdescendants()):
            continue  # its text is taken from the blocks inside it
        text = re.sub(r"[ \t\r\f\v\u3000\xa0]+", " ", element.text_content()).strip()
        if not text:
            continue
        tag = element.tag.lower()
        style = (element.get("style") or "") + " " + (element.getparent().get("style") or "" if element.getparent() is not None else "")
        align = (element.get("align") or "").lower()
        hint: Hint = ""
        if tag in ("h1", "h2", "h3") or "MsoTitle" in (element.get("class") or ""):
            hint = "heading"
        elif align == "center" or tag == "center" or _CENTER.search(style):
            hint = "center"
        elif align == "right" or _RIGHT.search(style):
            hint = "right"
        for line in text.split("\n"):
            if line.strip():
                blocks.append(Block(line.strip(), None, hint))
    return blocks


_LIST_BULLET = re.compile(r"^[-*•]\s+")
_TABLE_ROW = re.compile(r"^\|.*\|$")


def _tidy_extracted(lines: list[str]) -> list[str]:
    """trafilatura's text marks list items with `- ` and table rows with `|`: plain lines again
    (a table row becomes its cells separated by spaces; rows without text go)."""
    out = []
    for line in lines:
        if _TABLE_ROW.match(line):
            cells = [c.strip() for c in line.strip("|").split("|")]
            line = "　".join(c for c in cells if c)
        else:
            line = _LIST_BULLET.sub("", line)
        if line.strip():
            out.append(line.strip())
    return out


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


_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]{1,2}\s*[^-_|｜—–]{1,14}?(?:网|网站|频道|报|台|社|首页|在线|新闻|门户))+\s*$")


def clean_page_title(title: str | None, body_start: str = "") -> str | None:
    """`关于…的通知_通知公告_江苏工会网` -> `关于…的通知`: drop the site's name and section."""
    if not title:
        return None
    title = _SITE_SUFFIX.sub("", title.strip()) or title.strip()
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


def _parse(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        return None


def extract_web_page(data: bytes) -> WebPage:
    html, encoding = decode_html(data)
    return extract_html(html, encoding)


def extract_html(html: str, encoding: str = "utf-8", document: bool = False) -> WebPage:
    """A web page (the article through trafilatura, its metadata from tags and tables), or with
    `document` (or for Word's export) every paragraph of an HTML document."""
    url = page_url(html)
    metadata = meta_tags(html)
    root = _parse(html)
    if root is not None:
        for key, value in table_metadata(root).items():
            add(metadata, key, value)
    if root is not None and (document or _WORD_EXPORT.search(html[:200000])):
        blocks = document_blocks(root)
        if not blocks:
            raise RefusedFile("网页中没有找到正文")
        title = clean_page_title(_page_title(html)) or None
        return WebPage(blocks, title, url, None, encoding, metadata)
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
        lines = _tidy_extracted([line.strip() for line in body.split("\n") if line.strip()])
        title = getattr(doc, "title", None)
        published = getattr(doc, "date", None)
        url = url or getattr(doc, "url", None)
        lines = recover_header_lines(lines, _fallback_text(html), title, getattr(doc, "author", None))
    else:
        lines = _fallback_text(html)
        title = _page_title(html)
    container = _cms_content(root) if root is not None else None
    blocks = [Block(line) for line in lines]
    if container is not None and _text_length(container.text_content()) > 1.2 * _text_length("".join(lines)):
        # the extractor missed the article that the site's CMS marks as its content
        blocks = document_blocks(container) or blocks
        lines = [b.text for b in blocks]
    if not lines:
        raise RefusedFile("网页中没有找到正文")
    title = metadata.get("标题") or clean_page_title(title, lines[0])
    if title and not any(title.replace(" ", "") in b.text.replace(" ", "") for b in blocks[:8]):
        blocks.insert(0, Block(title, None, "heading"))
    return WebPage(blocks, title, url, published or metadata.get("发布日期"), encoding, metadata)


# the article's container in the CMSs of Chinese government sites: UCAP (gov.cn and provinces),
# TRS (TRS_Editor), and the 字号 widget's target (zoom)
_CMS_CONTENT = (
    "//*[@id='UCAP-CONTENT' or @id='zoom' or @id='Zoom' or "
    "contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' pages_content ')]"
)
_CMS_XPATH = etree.XPath(_CMS_CONTENT)


def _cms_content(root: Any) -> Any:
    found = _CMS_XPATH(root)
    return found[0] if found else None


def _text_length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def _page_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", match.group(1))).strip() if match else None
