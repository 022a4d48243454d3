"""Test fixtures made by real producers: reportlab (PDF, one and two columns, running headers and
page numbers), python-docx (Word), LibreOffice (Word -> PDF), and text encoders."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape


def blocks_of(text: str) -> list[list[str]]:
    """A text's blank-line separated blocks, each a list of its lines."""
    blocks = []
    for raw in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        if lines:
            blocks.append([re.sub(r"^#+\s*", "", line) for line in lines])
    return blocks


def render_pdf(text: str, path: Path, columns: int = 1, running_header: str = "工会工作资料") -> Path:
    """The text printed as it stands: every block a paragraph with a first-line indent (its lines
    kept as lines), a running header on every page and the page number at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, firstLineIndent=21,
                          wordWrap="CJK", spaceAfter=3)

    def decorate(canvas, doc):  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 36, running_header)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=running_header)
    width = A4[0] - doc.leftMargin - doc.rightMargin
    if columns == 1:
        frames = [Frame(doc.leftMargin, doc.bottomMargin, width, doc.height)]
    else:
        gutter = 18
        col = (width - gutter) / 2
        frames = [Frame(doc.leftMargin, doc.bottomMargin, col, doc.height),
                  Frame(doc.leftMargin + col + gutter, doc.bottomMargin, col, doc.height)]
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    story = [Paragraph("<br/>".join(escape(line) for line in lines), body) for lines in blocks_of(text)]
    doc.build(story)
    return path


def render_docx(text: str, path: Path) -> Path:
    """One Word paragraph per block (its lines kept as line breaks), first line indented."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for lines in blocks_of(text):
        para = document.add_paragraph("\n".join(lines))
        para.paragraph_format.first_line_indent = Pt(21)
    document.save(str(path))
    return path


def libreoffice_to_pdf(sources: list[Path], outdir: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = outdir / ".lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(outdir), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )
    return [outdir / (src.stem + ".pdf") for src in sources]


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2tw").convert(text)  # Taiwan forms: what Big5 can hold


def encodings_of(text: str) -> dict[str, bytes]:
    """The text as GB18030, Big5 (in traditional characters), UTF-16 with and without BOM, UTF-8 with BOM."""
    trad = to_traditional(text)
    big5 = trad.encode("big5", errors="replace")
    return {
        "gb18030": text.encode("gb18030"),
        "big5": big5,
        "utf-16": text.encode("utf-16"),
        "utf-16-le-nobom": text.encode("utf-16-le"),
        "utf-8-sig": text.encode("utf-8-sig"),
    }
