"""Word .docx: body paragraphs and tables in document order, with layout hints, read from the
package's XML with lxml as python-docx does (python-docx parses every part of the package and
resolves each paragraph's style with an XPath query: it was most of the cost of a .docx).
Old binary .doc files are converted with LibreOffice when it is installed."""

from __future__ import annotations

import email
import email.policy
import io
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..models import Block, Hint, RefusedFile
from ._html import extract_html

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def check_zip(data: bytes, max_unzipped: int) -> zipfile.ZipFile:
    """Open the .docx container, refusing what is not one and what would inflate beyond reason."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise RefusedFile("不是有效的 Word 文档（.docx 文件应是 zip 格式，文件已损坏或扩展名不符）") from exc
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise RefusedFile("zip 文件中没有 word/document.xml，不是 Word 文档")
    total = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > max_unzipped or (total > 20 * 1024 * 1024 and total / packed > 100):
        raise RefusedFile(f"疑似压缩炸弹：解压后共 {total // (1024 * 1024)} MB（压缩比 {total // packed}:1）")
    return archive


def extract_docx_blocks(data: bytes, max_unzipped: int) -> tuple[list[Block], str | None]:
    """Paragraph blocks and the document's core title."""
    archive = check_zip(data, max_unzipped)
    try:
        body = _xml_part(archive, "word/document.xml").find(_W + "body")
        # the styles (a large part) only matter when paragraphs name one
        styles = _xml_part(archive, "word/styles.xml") if body is not None and body.find(".//" + _W + "pStyle") is not None else None
        core = _xml_part(archive, "docProps/core.xml")
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise RefusedFile(f"Word 文档已损坏，无法读取（{type(exc).__name__}）") from exc
    if body is None:
        raise RefusedFile("Word 文档已损坏，无法读取（word/document.xml 中没有正文）")
    chunks = _html_chunks(archive, body)
    style_names = _style_names(styles)
    blocks: list[Block] = []
    for child in body.iterchildren():
        if child.tag == _W + "altChunk":
            blocks.extend(chunks.get(child.get(_R + "id") or "", []))
        elif child.tag == _W + "p":
            text = _paragraph_text(child).strip()
            if text:
                blocks.append(Block(text, None, _paragraph_hint(child, style_names)))
        elif child.tag == _W + "tbl":
            blocks.extend(_table_rows(child))
    title_node = core.find(_DC_TITLE) if core is not None else None
    title = ((title_node.text if title_node is not None else None) or "").strip() or None
    return blocks, title


def _style_names(styles: Any) -> dict[str, str]:
    names = {}
    for style in styles.iterchildren(_W + "style") if styles is not None else ():
        name = style.find(_W + "name")
        names[style.get(_W + "styleId")] = name.get(_W + "val") if name is not None else ""
    return names


def _paragraph_hint(paragraph: Any, style_names: dict[str, str]) -> Hint:
    """A heading by its style, else centred or right-aligned by its alignment."""
    ppr = paragraph.find(_W + "pPr")
    if ppr is None:
        return ""
    style = ppr.find(_W + "pStyle")
    name = style_names.get(style.get(_W + "val"), "") if style is not None else ""
    jc = ppr.find(_W + "jc")
    align = jc.get(_W + "val") if jc is not None else ""
    if name.startswith(("Heading", "Title", "heading", "标题")):
        return "heading"
    if align == "center":
        return "center"
    if align in ("right", "end"):
        return "right"
    return ""


def _table_rows(table: Any) -> Iterator[Block]:
    """A table, a block per row, its cells apart (merged cells, which repeat, once)."""
    for row in table.iter(_W + "tr"):
        cells: list[str] = []
        for cell in row.iterchildren(_W + "tc"):
            value = "\n".join(_paragraph_text(p) for p in cell.iter(_W + "p")).strip()
            if value and (not cells or cells[-1] != value):
                cells.append(value)
        if cells:
            yield Block("　".join(cells))


def _html_chunks(archive: zipfile.ZipFile, body: Any) -> dict[str, list[Block]]:
    """The paragraphs of the HTML parts a document imports whole (w:altChunk: how some sites,
    the national law database among them, make their .docx downloads), by relationship id."""
    ids = [chunk.get(_R + "id") for chunk in body.iter(_W + "altChunk")]
    if not ids:
        return {}
    rels = _xml_part(archive, "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "").lstrip("/") for rel in rels} if rels is not None else {}
    found: dict[str, list[Block]] = {}
    for rel_id in ids:
        target = targets.get(rel_id)
        if not target:
            continue
        name = target if target.startswith("word/") else f"word/{target}"
        try:
            data = archive.read(name)
        except KeyError:
            continue
        html = _html_of_chunk(data)
        if html:
            found[rel_id or ""] = extract_html(html, document=True).blocks
    return found


def _html_of_chunk(data: bytes) -> str | None:
    """The HTML of an imported part: MHT (MIME) or HTML as it is."""
    if data.lstrip()[:20].lower().startswith((b"mime-version", b"content-type")):
        message = email.message_from_bytes(data, policy=email.policy.default)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                content = part.get_content()
                return content if isinstance(content, str) else None
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _xml_part(archive: zipfile.ZipFile, name: str) -> Any:
    """A part of the package parsed as python-docx parses it (no entities resolved), or None."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    return etree.fromstring(data, _PARSER)


def _paragraph_text(paragraph: object) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):  # type: ignore[attr-defined]
        tag = node.tag
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def convert_doc_to_docx(data: bytes, timeout_s: float) -> bytes:
    """Old Word (.doc, OLE) through LibreOffice, or a refusal saying what is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RefusedFile("旧版 Word 文档（.doc）需要安装 LibreOffice 才能读取，请另存为 .docx 后再导入")
    with tempfile.TemporaryDirectory(prefix="gonghui-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
                 "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=timeout_s,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise RefusedFile("旧版 Word 文档（.doc）转换失败，文件可能已损坏") from exc
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise RefusedFile("旧版 Word 文档（.doc）转换失败，文件可能已损坏")
        return out.read_bytes()
