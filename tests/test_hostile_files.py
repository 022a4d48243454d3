"""Hostile files: every pipeline stage on generated input (hypothesis) must either give articles
or refuse the file with a reason, never crash; and a whole ingest of hostile files goes on, with
time limits per file, naming each refused file and why."""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indexer import Settings
from indexer.extract import decode_text
from indexer.ingest import ingest
from indexer.models import Block, ExtractedDocument, FileOrigin, RefusedFile
from indexer.pipeline import INTERNAL_ERROR, articles_of, process_file
from indexer.search import QueryError, SearchRequest, open_index, parse_query
from indexer.workers import Task, process_with_limits

from .conftest import SEEDS

SEED_LINES = [line for path in SEEDS.values() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
MARKERS = ["一、", "（一）", "第一章", "目  录", "目录", "图书在版编目（CIP）数据", "ISBN 978-7-5008-4228-6", "苏发〔2010〕59号",
           "二〇一〇年三月五日", "2010年3月5日", "——", "同志们：", "（2008年1月）", "讲话", "通知", "中共江苏省委",
           "在全省工会工作会议上的讲话", "主席 王兆国", "附件：", "发布时间：2012-03-01", "返回首页", "1", "〇", "\u3000"]
CONTROL = st.characters(codec=None, categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Mn"))
FRAGMENT = st.one_of(
    st.text(max_size=120),  # any Unicode
    st.sampled_from(SEED_LINES),
    st.sampled_from(MARKERS),
    st.text(alphabet=CONTROL, max_size=20),
    st.builds(lambda c, n: c * n, st.sampled_from(["工", "a", " ", "。", "〔", "\u200b", "-"]), st.integers(1, 5000)),
)
LINE = st.lists(FRAGMENT, max_size=5).map("".join)
LINES = st.lists(LINE, max_size=40)
BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\ufeff]")
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def builder(tmp_path_factory):
    index_settings = Settings(index_dir=tmp_path_factory.mktemp("hostile") / "index")
    return open_index(index_settings, create=True).engine.batch_builder()


@HYPOTHESIS
@given(lines=LINES, fmt=st.sampled_from(["txt", "pdf", "html", "docx"]))
def test_clean_split_label_index_any_text(builder, lines, fmt):
    extracted = ExtractedDocument(path=f"hostile.{fmt}", format=fmt, blocks=[Block(text) for text in lines])
    articles = articles_of(extracted, Settings(), FileOrigin("/hostile", "hostile"))
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        assert article.title.strip()
        assert not BAD_CHARS.search(article.title + "".join(article.paragraphs))
        assert article.year is None or 1900 <= article.year <= 2100
        assert all(p.strip() for p in article.paragraphs)
    builder.prepare(articles, "/hostile", "sha")  # analysed for the index without failing


@HYPOTHESIS
@given(data=st.one_of(st.binary(max_size=3000),
                      st.tuples(LINE, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "utf-16-le"]))
                      .map(lambda t: t[0].encode(t[1], errors="ignore"))))
@example(data="维护职工合法权益，工会工作。".encode("utf-16-le")[:-1])  # UTF-16 cut in half a character
@example(data="维护职工合法权益，工会工作。".encode("utf-16-be")[:-1])
def test_decoding_any_bytes_gives_text_or_a_reason(data):
    try:
        text, _encoding = decode_text(data)
    except RefusedFile as refused:
        assert refused.reason
    else:
        assert isinstance(text, str)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_cut_in_half_a_character_is_still_read(encoding):
    text, found = decode_text("维护职工合法权益，工会工作。".encode(encoding)[:-1])
    assert found == encoding and text.startswith("维护职工合法权益，工会工作")


@HYPOTHESIS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html", ".pdf", ".docx", ".doc"]))
def test_any_bytes_under_any_name_are_read_or_refused(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"hostile{suffix}"
    path.write_bytes(data)
    result = process_file(path, Settings(ocr=False))
    assert bool(result.refused) != bool(result.articles)
    assert not (result.refused or "").startswith(INTERNAL_ERROR), result.refused


def html_tree(depth: int) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "span", "table", "tr", "td", "script", "style", "h1", "a", "br", "article"])
    text = st.one_of(st.text(max_size=40), st.sampled_from(SEED_LINES), st.sampled_from(MARKERS))
    leaf = st.one_of(text.map(lambda t: t.replace("<", "&lt;")), st.just("<br>"), st.just("&nbsp;&#0;&#xD800;&bogus;"))
    return st.recursive(leaf, lambda inner: st.builds(lambda t, kids: f"<{t}>{''.join(kids)}</{t}>", tags,
                                                      st.lists(inner, max_size=4)), max_leaves=depth)


@HYPOTHESIS
@given(body=html_tree(60), head=st.sampled_from(["", "<meta charset='gbk'>", "<title>首页 - 工会新闻网</title>"]))
def test_any_web_page_is_read_or_refused(tmp_path_factory, body, head):
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(page, encoding="utf-8")
    result = process_file(path, Settings())
    assert not (result.refused or "").startswith(INTERNAL_ERROR), result.refused


@HYPOTHESIS
@given(query=st.one_of(st.text(max_size=300), st.lists(st.sampled_from(['"', "“", "-", "OR", "|", "标题:", "文号:",
                                                                         "发言人:", "(", ")", "工会", " ", "〔"]),
                                                       max_size=30).map("".join)))
def test_any_query_parses_or_says_why(query):
    try:
        parse_query(query)
    except QueryError as error:
        assert str(error)


# -- files that attack the reader: bounded time, the file named with the reason ----------------


def deeply_nested_html(depth: int = 100_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "工会工作" * 50 + "</div>" * depth + "</body></html>").encode()


def zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"\0" * (200 * 1024 * 1024))
    return buffer.getvalue()


def endless_pdf(operators: int = 20_000_000) -> bytes:
    """A small PDF whose one page holds a compressed content stream of millions of drawing
    operators: the parser works through them for minutes (a stand-in for a parser loop)."""
    content = zlib.compress(b"0 0 m 1 1 l S\n" * operators, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_that_keeps_the_parser_busy_is_stopped_by_the_time_limit(tmp_path):
    path = tmp_path / "endless.pdf"
    path.write_bytes(endless_pdf())
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = process_with_limits(Task(str(path)), Settings(file_timeout_s=3, ocr=False))
    assert time.monotonic() - started < 15
    assert "处理超时" in (result.refused or "")


def _process_with_a_gc_callback_that_swallows_the_alarm(path: Path, out) -> None:
    """In a child process: a garbage-collector callback that is busy when the first alarm comes,
    so the alarm's exception is raised inside the callback, where Python prints and drops it."""
    import gc

    calls = []

    def busy(phase, info):
        calls.append(phase)
        if len(calls) == 1:
            stop = time.monotonic() + 1.5
            while time.monotonic() < stop:
                pass

    gc.callbacks.append(busy)
    result = process_with_limits(Task(str(path)), Settings(file_timeout_s=1, ocr=False))
    out.send(result.refused or "")


def test_the_time_limit_holds_when_its_first_alarm_is_swallowed(tmp_path):
    import multiprocessing

    path = tmp_path / "endless.pdf"
    path.write_bytes(endless_pdf())
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_process_with_a_gc_callback_that_swallows_the_alarm, args=(path, send))
    child.start()
    child.join(30)
    if child.is_alive():
        child.kill()
        child.join()
    assert receive.poll(0), "the file ran on past its time limit"
    assert "处理超时" in receive.recv()


def test_deeply_nested_html_is_read_in_bounded_time(tmp_path):
    path = tmp_path / "nested.html"
    path.write_bytes(deeply_nested_html())
    started = time.monotonic()
    result = process_file(path, Settings())
    assert time.monotonic() - started < 30
    # the text at the bottom of the 100,000 nested elements is read (its endless repetition
    # shortened, as cleaning shortens any run of a repeated span)
    assert result.refused is None
    (article,) = result.articles
    assert article.text and article.text.replace("工会工作", "") == ""


def test_an_ingest_of_hostile_files_goes_on_and_names_each_refused_file(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(SEEDS["004"].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "endless.pdf").write_bytes(endless_pdf())
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    (folder / "nested.html").write_bytes(deeply_nested_html())
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "control.txt").write_text("\x00\x01\x02\x1b[31m" * 5000, encoding="utf-8")
    (folder / "one-line.txt").write_text(SEEDS["003"].read_text(encoding="utf-8").replace("\n", "") * 20, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", workers=2, file_timeout_s=4, ocr=False)
    started = time.monotonic()
    report = ingest([folder], settings)
    assert time.monotonic() - started < 120
    refused = {Path(path).name: reason for path, reason in report.refused}
    assert "处理超时" in refused["endless.pdf"]
    assert "压缩炸弹" in refused["bomb.docx"]
    assert "二进制" in refused["noise.txt"] or "编码" in refused["noise.txt"]
    assert "control.txt" in refused  # nothing but control characters: no article
    assert not any(reason.startswith(INTERNAL_ERROR) for reason in refused.values())
    index = open_index(settings)
    titles = [h.title for h in index.search(SearchRequest(size=50)).hits]
    assert "关于进一步加强和改进新形势下工会工作的意见" in titles  # the good file is in
    assert {"good.txt", "one-line.txt"} <= {Path(s).name for s in index.sources()}
