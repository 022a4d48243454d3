"""Extract: file bytes -> text blocks, whatever the format. The format is sniffed from the content;
the file name's extension only has to agree with it."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..models import Block, ExtractedDocument, RefusedFile
from ..settings import Settings
from ._docx import convert_doc_to_docx, extract_docx_blocks
from ._html import extract_html, extract_web_page
from ._ocr import ocr_available, ocr_pdf
from ._pdf import extract_pdf_blocks, looks_scanned
from ._text import decode_text

__all__ = ["SUPPORTED_SUFFIXES", "decode_text", "extract_bytes", "extract_file", "read_input", "text_blocks"]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt",
    ".pdf": "pdf",
    ".docx": "docx", ".doc": "doc",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
}
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+(\S.*)$")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta)\b", re.I | re.S)
_OCR_SPACES = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, suffix: str) -> str:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE):
        return "doc"
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    claimed = SUPPORTED_SUFFIXES.get(suffix, "txt")
    names = {"pdf": "PDF", "docx": "Word 文档（.docx）", "doc": "Word 文档（.doc）"}
    if claimed in names:
        raise RefusedFile(f"扩展名是 {suffix}，但内容不是{names[claimed]}（文件头不符）")
    return claimed


def text_blocks(text: str) -> list[Block]:
    """A plain text as lines, blank lines kept (as empty blocks) for the cleaner to judge."""
    blocks = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            blocks.append(Block(heading.group(2).strip(), None, "heading"))
        else:
            blocks.append(Block(line.rstrip()))
    return blocks


def extract_bytes(data: bytes, name: str, settings: Settings) -> ExtractedDocument:
    suffix = Path(name).suffix.lower()
    if not data.strip(b" \t\r\n\x00"):
        raise RefusedFile("文件为空")
    kind = sniff_format(data, suffix)
    if kind == "pdf":
        return _extract_pdf(data, name, settings)
    if kind in ("docx", "doc"):
        if kind == "doc":
            data = convert_doc_to_docx(data, settings.file_timeout_s)
        blocks, title = extract_docx_blocks(data, settings.max_unzipped_bytes)
        if not blocks:
            raise RefusedFile("Word 文档中没有文字")
        return ExtractedDocument(name, kind, blocks, title_hint=title)
    if kind == "html":
        page = extract_web_page(data)
        return ExtractedDocument(
            name, "html", page.blocks, encoding=page.encoding, title_hint=page.title, url=page.url,
            web_published=page.published, metadata=page.metadata,
        )
    text, encoding = decode_text(data)
    if not text.strip():
        raise RefusedFile("文件中没有文字")
    text, metadata = front_matter(text)
    blocks = markdown_blocks(text) if suffix in _MARKDOWN else text_blocks(text)
    return ExtractedDocument(name, "txt", blocks, encoding=encoding, metadata=metadata)


_MARKDOWN = {".md", ".markdown"}


def markdown_blocks(text: str) -> list[Block]:
    """A Markdown file as its paragraphs: rendered by markdown-it (CommonMark and tables), so that
    links, emphasis, lists, tables and HTML written inline leave their words and no syntax;
    headings are hinted."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
    # a line break inside a paragraph is a space (nothing between Chinese characters), as a reader
    # of the rendered file sees it: 党的十八届六中全会 / 正式明确 / 习近平 / 总书记的核心地位 is one sentence
    markdown.add_render_rule("softbreak", lambda *_args: _SOFT_BREAK)
    html = markdown.render(text)
    try:
        blocks = extract_html(f"<html><body>{html}</body></html>", document=True).blocks
    except RefusedFile:
        return text_blocks(text)
    return [Block(_SOFT_BREAK_RE.sub(_soft_break, b.text), b.page, b.hint) for b in blocks]


_SOFT_BREAK = "\ue000"
_SOFT_BREAK_RE = re.compile(r"\s*\ue000\s*")
_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


# a line that ends a sentence, or one that starts a 题注, subtitle or numbered part, stays a line
_ENDS_LINE = re.compile(r"[。！？：；!?:;]$")
_STARTS_LINE = re.compile(r"(?:[（(【〔]|——|第[一二三四五六七八九十百\d]+[章节条]|[一二三四五六七八九十]+、|"
                          r"[\u4e00-\u9fff]{2,8}\s*[:：]|"  # (…, a field: 发布日期: 2025-12-26,
                          r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号)")  # a 文号)


# a body signing on a line of its own (工业和信息化部 / 教育部 / … / 2024年1月18日)
_SIGNING_BODY = re.compile(r"(?:部|委员会|委|院|局|署|厅|办公室|人民政府|工会|中心|联合会)$")


def _soft_break(match: re.Match[str]) -> str:
    before, after = match.string[match.start() - 1:match.start()], match.string[match.end():match.end() + 1]
    line_start = match.string.rfind(_SOFT_BREAK, 0, match.start()) + 1
    line = match.string[line_start:match.start()].strip()
    if (_ENDS_LINE.search(line) or _STARTS_LINE.match(line) or _STARTS_LINE.match(match.string, match.end())
            or (len(line) <= 30 and _SIGNING_BODY.search(line))):
        return "\n"
    return "" if not before or not after or _CJK_CHAR.match(before) or _CJK_CHAR.match(after) else " "


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_KEYS = {"title": "标题", "date": "日期", "author": "作者", "source": "来源"}


def front_matter(text: str) -> tuple[str, dict[str, str]]:
    """A Markdown file's front matter (Jekyll, Hugo: `---` … `---` with title, date, author) as
    metadata, out of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    metadata: dict[str, str] = {}
    for line in match["body"].splitlines():
        key, _, value = line.partition(":")
        name = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if name and value:
            metadata[name] = value[:10] if name == "日期" and re.match(r"\d{4}-\d{2}-\d{2}", value) else value
    if not metadata:
        return text, {}
    return text[match.end():], metadata


def _extract_pdf(data: bytes, name: str, settings: Settings) -> ExtractedDocument:
    blocks, pages, chars, images = extract_pdf_blocks(data)
    notes: list[str] = []
    ocr = False
    if looks_scanned(pages, chars, images):
        missing = ocr_available() if settings.ocr else "OCR 已关闭"
        if missing:
            raise RefusedFile(f"扫描版 PDF，没有文字层；无法识别文字：缺少 {missing}")
        blocks, pages, chars, images = extract_pdf_blocks(ocr_pdf(data, settings.ocr_timeout_s))
        # tesseract puts a space between words, which Chinese does not have
        blocks = [Block(_OCR_SPACES.sub("", b.text), b.page, b.hint) for b in blocks]
        ocr = True
        notes.append(f"扫描版 PDF，已用 OCR（tesseract chi_sim）识别 {pages} 页")
    if not blocks:
        raise RefusedFile("PDF 中没有文字" if not images else "PDF 中只有图片，没有识别出文字")
    return ExtractedDocument(name, "pdf", blocks, page_count=pages, ocr=ocr, notes=notes)


def read_input(path: Path, settings: Settings) -> tuple[bytes, float]:
    """The bytes and modification time of a regular file, refusing anything else (a named pipe,
    a device: opened without blocking and checked before a byte is read), empty, unreadable and
    oversized files."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise RefusedFile(f"无法读取文件（{exc.strerror}）") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile("不是普通文件（命名管道、设备等），未读取")
        if info.st_size == 0:
            raise RefusedFile("文件为空")
        limit = settings.max_file_bytes
        if info.st_size > limit:
            raise RefusedFile(f"文件过大（{info.st_size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB）")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise RefusedFile(f"无法读取文件（{exc.strerror}）") from exc
    if len(data) > limit:  # it grew while being read
        raise RefusedFile(f"文件过大（上限 {limit // (1024 * 1024)} MB）")
    return data, info.st_mtime


def extract_file(path: Path, settings: Settings) -> ExtractedDocument:
    return extract_bytes(read_input(path, settings)[0], str(path), settings)
