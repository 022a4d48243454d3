"""PDF text with pdfminer.six: reading order over one or two columns, running headers, footers and
page numbers dropped, lines joined into paragraphs across columns and pages."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..models import Block, Hint, RefusedFile

# A CJK character or CJK punctuation: lines ending/starting with these join without a space.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–·•\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*共\s*\d{1,4}\s*页)?[-—–·•\s]*"
    r"|[ivxlcIVXLC]{1,6}|[-—–·]\s*[ivxlcIVXLC]{1,6}\s*[-—–·])\s*$"
)


@dataclass
class Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float
    column: int = 0  # 0 single/spanning, 1 left, 2 right


def _pdfminer_errors() -> tuple[type[BaseException], ...]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    errors: list[type[BaseException]] = [PDFSyntaxError, PSException]
    try:
        from pdfminer.pdfexceptions import PDFException

        errors.append(PDFException)
    except ImportError:  # older pdfminer.six
        pass
    return (PDFEncryptionError, PDFPasswordIncorrect, *errors)


def check_pdf_bytes(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise RefusedFile("扩展名是 .pdf，但内容不是 PDF（文件头不符）")
    if b"%%EOF" not in data[-2048:]:
        raise RefusedFile("PDF 文件不完整（缺少结尾标记 %%EOF，可能在下载或复制时被截断）")


def read_lines(data: bytes) -> tuple[list[Line], dict[int, float], int]:
    """All horizontal text lines of the PDF, the height of each page and the number of images."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTFigure, LTImage, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    laparams = LAParams(line_margin=0.3, char_margin=1.5, word_margin=0.2, boxes_flow=None, all_texts=True)
    lines: list[Line] = []
    heights: dict[int, float] = {}
    images = 0
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=laparams), start=1):
            height = heights[page_no] = page.height
            stack: list = list(page)
            while stack:
                item = stack.pop()
                if isinstance(item, LTTextBox):
                    stack.extend(item)
                elif isinstance(item, LTTextLine):
                    text = item.get_text().replace("\n", "").rstrip()
                    if not text.strip():
                        continue
                    sizes = [ch.size for ch in item if isinstance(ch, LTChar) and ch.get_text().strip()]
                    size = statistics.median(sizes) if sizes else item.height
                    lines.append(
                        Line(text, page_no, item.x0, item.x1, height - item.y1, height - item.y0, round(size, 1))
                    )
                elif isinstance(item, LTFigure):
                    stack.extend(item)
                elif isinstance(item, LTImage):
                    images += 1
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise RefusedFile("PDF 已加密，需要密码才能打开") from exc
    except _pdfminer_errors() as exc:
        raise RefusedFile(f"PDF 文件已损坏，无法解析（{type(exc).__name__}）") from exc
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError) as exc:
        raise RefusedFile(f"PDF 文件已损坏，无法解析（{type(exc).__name__}: {str(exc)[:80]}）") from exc
    return lines, heights, images


def merge_line_fragments(lines: list[Line]) -> list[Line]:
    """Pieces of one printed line that pdfminer kept apart (a justified line's wide spaces:
    "2018 年 3 月 11 日"): on the same baseline, less than two characters apart, one line again.
    (A column gutter is wider: columns stay apart.)"""
    ordered = sorted(lines, key=lambda ln: (ln.page, round(ln.top), ln.x0))
    out: list[Line] = []
    for ln in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.page == ln.page and abs(prev.top - ln.top) < 0.3 * ln.size
            and abs(prev.bottom - ln.bottom) < 0.3 * ln.size and abs(prev.size - ln.size) < 2.0
            and -0.5 * ln.size <= ln.x0 - prev.x1 < 2.0 * ln.size
        ):
            out[-1] = Line(prev.text.rstrip() + ln.text.strip(), prev.page, prev.x0, ln.x1, min(prev.top, ln.top),
                           max(prev.bottom, ln.bottom), min(prev.size, ln.size))
            continue
        out.append(ln)
    return out


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_running_heads(lines: list[Line], page_heights: dict[int, float]) -> list[Line]:
    """Remove running headers/footers (repeated in the page margins) and page numbers."""
    def in_margin(line: Line) -> bool:
        h = page_heights.get(line.page) or 842.0
        return line.bottom < 0.11 * h or line.top > 0.89 * h

    pages_by_key: dict[str, set[int]] = {}
    for line in lines:
        if in_margin(line):
            pages_by_key.setdefault(_repeat_key(line.text), set()).add(line.page)
    repeated = {key for key, pages in pages_by_key.items() if len(pages) >= 2}
    kept = []
    for line in lines:
        if in_margin(line) and (_PAGE_NUMBER.match(line.text) or _repeat_key(line.text) in repeated):
            continue
        kept.append(line)
    return kept


def _column_layout(lines: list[Line]) -> None:
    """Mark each line of one page as left column, right column or single/spanning."""
    if len(lines) < 6:
        return
    xmin = min(ln.x0 for ln in lines)
    xmax = max(ln.x1 for ln in lines)
    width = xmax - xmin
    mid = (xmin + xmax) / 2
    tol = 0.03 * width
    left = [ln for ln in lines if ln.x1 <= mid + tol and ln.x0 < mid - tol]
    right = [ln for ln in lines if ln.x0 >= mid - tol]
    spanning = [ln for ln in lines if ln.x0 < mid - tol and ln.x1 > mid + tol]
    # Two columns: both sides well filled, lines on the left end before the gutter.
    if len(left) >= 5 and len(right) >= 5 and len(spanning) < min(len(left), len(right)):
        for ln in left:
            ln.column = 1
        for ln in right:
            ln.column = 2


def reading_order(lines: list[Line]) -> list[Line]:
    ordered: list[Line] = []
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page in sorted(by_page):
        page_lines = sorted(by_page[page], key=lambda ln: (round(ln.top, 0), ln.x0))
        _column_layout(page_lines)
        band: list[Line] = []
        for ln in page_lines:
            if ln.column == 0:
                ordered.extend(_flush_band(band))
                band = []
                ordered.append(ln)
            else:
                band.append(ln)
        ordered.extend(_flush_band(band))
    return ordered


def _flush_band(band: list[Line]) -> list[Line]:
    return [ln for ln in band if ln.column == 1] + [ln for ln in band if ln.column == 2]


def _join(prev: str, nxt: str) -> str:
    if not prev:
        return nxt
    if _CJK_RE.match(prev[-1]) or _CJK_RE.match(nxt[0]) or prev.endswith("-"):
        return prev + nxt
    return prev + " " + nxt


@dataclass
class _Flow:
    """Left and right edges of the text in one column of one page."""

    left: float
    right: float


def _flows(lines: list[Line]) -> dict[tuple[int, int], _Flow]:
    groups: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        groups.setdefault((ln.page, ln.column), []).append(ln)
    flows = {}
    for key, group in groups.items():
        lefts = Counter(round(ln.x0) for ln in group)
        left = min(x for x, n in lefts.items() if n == max(lefts.values()))
        right = max(ln.x1 for ln in group)
        flows[key] = _Flow(float(left), right)
    # Spanning lines of a two-column page share the page-wide edges.
    return flows


def assemble_paragraphs(lines: list[Line]) -> list[Block]:
    """Join lines into paragraphs by geometry: a line that ran to the right edge of its column is
    continued by the next line unless that one is indented, changes font size or stands apart;
    this holds across columns and pages too."""
    if not lines:
        return []
    body_size = statistics.median([ln.size for ln in lines])
    flows = _flows(lines)
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.column == b.column and 0 <= b.top - a.bottom < 3 * body_size
    ]
    typical_gap = statistics.median(gaps) if gaps else body_size * 0.5
    blocks: list[Block] = []
    parts: list[str] = []
    para_page: int | None = None
    para_hint: Hint = ""
    prev: Line | None = None
    prev_full = False

    for ln in lines:
        flow = flows[(ln.page, ln.column)]
        cw = ln.size or body_size
        width = flow.right - flow.left
        left_gap, right_gap = ln.x0 - flow.left, flow.right - ln.x1
        # (a paragraph's first line, indented two characters and running to the right edge, is not
        # centred: a centred line leaves room on both sides)
        centered = left_gap > 2 * cw and right_gap > 1.5 * cw and abs(left_gap - right_gap) < 2.5 * cw
        right_aligned = not centered and left_gap > 0.35 * width and right_gap < 1.5 * cw
        indented = left_gap > 0.9 * cw and not centered and not right_aligned
        bigger = ln.size > body_size * 1.15
        hint: Hint = "heading" if bigger else "center" if centered else "right" if right_aligned else ""

        continues = False
        if prev is not None and parts:
            same_size = abs(prev.size - ln.size) < 1.0
            same_flow = prev.page == ln.page and prev.column == ln.column
            close = not same_flow or ln.top - prev.bottom < typical_gap + 0.8 * cw
            if para_hint in ("", "right") and hint == "" and not indented or para_hint in ("center", "heading") and hint in ("center", "heading"):
                continues = prev_full and same_size and close
        if not continues:
            _flush(blocks, parts, para_page, para_hint)
            parts, para_page, para_hint = [], ln.page, hint
        parts.append(ln.text.strip())
        if hint in ("center", "heading"):
            prev_full = (ln.x1 - ln.x0) > width - 3 * cw
        else:
            prev_full = right_gap < 1.6 * cw and not right_aligned
        prev = ln
    _flush(blocks, parts, para_page, para_hint)
    return blocks


def _flush(blocks: list[Block], parts: list[str], page: int | None, hint: Hint) -> None:
    text = ""
    for part in parts:
        text = _join(text, part)
    if text.strip():
        blocks.append(Block(text.strip(), page, hint))


def extract_pdf_blocks(data: bytes) -> tuple[list[Block], int, int, int]:
    """Paragraph blocks, page count, count of characters found and count of images."""
    check_pdf_bytes(data)
    lines, heights, images = read_lines(data)
    pages = len(heights)
    if not lines:
        return [], pages, 0, images
    lines = drop_running_heads(merge_line_fragments(lines), heights)
    blocks = assemble_paragraphs(reading_order(lines))
    chars = sum(len(b.text) for b in blocks)
    return blocks, pages, chars, images


def looks_scanned(pages: int, chars: int, images: int) -> bool:
    return pages > 0 and chars < 20 * pages and images >= 1
