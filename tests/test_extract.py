"""Extraction: encodings detected, not assumed; bad files refused by name with a reason."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from indexer import Settings, process_file
from indexer.extract import decode_text, extract_file
from indexer.extract._docx import extract_docx_blocks
from indexer.models import RefusedFile

from .conftest import SEEDS, needs
from .producers import render_docx, render_pdf, to_traditional

SAMPLE = SEEDS["004"].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (to_traditional(SAMPLE).encode("big5", errors="replace"), "big5"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str):
    text, found = decode_text(data)
    assert found == encoding
    assert "苏发" in text or "蘇發" in text


def test_truncated_multibyte_text_still_decodes():
    data = SAMPLE.encode("gb18030")[:-1]  # cut in the middle of the last character
    text, found = decode_text(data)
    assert found == "gb18030" and "中共苏州市委" in text.replace(" ", "")


def refusal(path: Path, settings: Settings | None = None) -> str:
    result = process_file(path, settings or Settings())
    assert result.refused, f"{path.name} was taken"
    assert not result.articles
    return result.refused


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\r\n ")
    assert refusal(tmp_path / "empty.txt") == "文件为空"
    assert refusal(tmp_path / "blank.txt") == "文件为空"


def test_random_bytes_named_pdf_docx_txt(tmp_path):
    noise = bytes((i * 7919 + 13) % 256 for i in range(4000))
    for name in ("fake.pdf", "fake.docx", "fake.txt"):
        (tmp_path / name).write_bytes(noise)
    assert "不是PDF" in refusal(tmp_path / "fake.pdf")
    assert "Word" in refusal(tmp_path / "fake.docx")
    assert "二进制" in refusal(tmp_path / "fake.txt")


def test_undecodable_text(tmp_path):
    (tmp_path / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    assert "无法识别文本编码" in refusal(tmp_path / "latin.txt")


def test_truncated_pdf(tmp_path):
    whole = render_pdf(SAMPLE, tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) * 2 // 3])
    assert "不完整" in refusal(tmp_path / "cut.pdf")


@needs("qpdf")
def test_encrypted_pdf(tmp_path):
    render_pdf(SAMPLE, tmp_path / "open.pdf")
    subprocess.run(["qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--", str(tmp_path / "open.pdf"),
                    str(tmp_path / "locked.pdf")], check=True)
    assert "加密" in refusal(tmp_path / "locked.pdf")


def test_docx_zip_bomb(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"\0" * (60 * 1024 * 1024))
    (tmp_path / "bomb.docx").write_bytes(buffer.getvalue())
    assert buffer.tell() < 1024 * 1024
    assert "压缩炸弹" in refusal(tmp_path / "bomb.docx")


def _package(tmp_path: Path, name: str, document: bytes) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    (tmp_path / name).write_bytes(buffer.getvalue())
    return tmp_path / name


def test_docx_with_damaged_xml(tmp_path):
    path = _package(tmp_path, "damaged.docx", "<w:document><w:body><w:p>工会".encode())
    assert "Word 文档已损坏" in refusal(path)


def test_docx_entities_are_not_expanded(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "工会工会工会工会工会工会工会工会">'
              + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
              + f']><w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>正文&i;</w:t></w:r></w:p>'
              + "<w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:body></w:document>")
    path = _package(tmp_path, "laughs.docx", laughs.encode())
    try:
        blocks, _title = extract_docx_blocks(path.read_bytes(), 10**8)
    except RefusedFile as refused:  # libxml2 stops at the amplification
        assert "Word 文档已损坏" in str(refused)
    else:
        assert sum(len(b.text) for b in blocks) < 100  # 10**8 characters had the entities been expanded


def test_oversized_file(tmp_path):
    (tmp_path / "big.txt").write_bytes(SAMPLE.encode() * 4)
    assert "文件过大" in refusal(tmp_path / "big.txt", Settings(max_file_bytes=len(SAMPLE.encode()) * 2))


def test_unsupported_type_named_explicitly(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    assert "不支持的文件类型" in refusal(tmp_path / "photo.jpg")


def _scanned_pdf(tmp_path: Path) -> Path:
    """A page of text rendered to an image and wrapped in a PDF with no text layer."""
    from PIL import Image

    text = "关于做好困难职工帮扶工作的通知\n\n各级工会要切实做好困难职工帮扶工作，确保困难职工生活。"
    render_pdf(text, tmp_path / "typed.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(tmp_path / "typed.pdf"),
                    str(tmp_path / "page")], check=True)
    Image.open(tmp_path / "page.png").convert("RGB").save(tmp_path / "scanned.pdf", resolution=200)
    return tmp_path / "scanned.pdf"


@needs("pdftoppm")
def test_scanned_pdf_is_refused_when_ocr_is_missing(tmp_path, monkeypatch):
    scanned = _scanned_pdf(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no ocrmypdf, no tesseract
    reason = refusal(scanned)
    assert "扫描版" in reason and "ocrmypdf" in reason


@pytest.mark.slow
@needs("ocrmypdf")
@needs("pdftoppm")
def test_scanned_pdf_is_read_by_ocr(tmp_path):
    scanned = _scanned_pdf(tmp_path)
    result = process_file(scanned, Settings())
    assert result.refused is None, result.refused
    text = "".join(a.title + a.text for a in result.articles).replace(" ", "")
    assert "困难职工" in text and "帮扶" in text
    assert any("OCR" in note for note in result.notes)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("关于开展职工技能竞赛的通知")
    document.add_paragraph("各单位：")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "工种", "名额"
    table.cell(1, 0).text, table.cell(1, 1).text = "焊工", "10"
    document.add_paragraph("特此通知。")
    document.save(str(tmp_path / "t.docx"))
    blocks = [b.text for b in extract_file(tmp_path / "t.docx", Settings()).blocks]
    assert blocks == ["关于开展职工技能竞赛的通知", "各单位：", "工种　名额", "焊工　10", "特此通知。"]


def test_docx_from_producer_keeps_lines(tmp_path):
    path = render_docx(SAMPLE, tmp_path / "s.docx")
    text = "\n".join(b.text for b in extract_file(path, Settings()).blocks)
    assert "苏发〔2010〕59号" in text and "工会工作的意见\n（2010年11月17日）" in text


def test_refused_file_raises_nothing(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    result = process_file(tmp_path / "x.pdf", Settings())
    assert result.refused and "PDF" in result.refused


def test_decode_refuses_binary():
    with pytest.raises(RefusedFile, match="二进制"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
