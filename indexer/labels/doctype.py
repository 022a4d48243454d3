"""The type of a document: the words that end its title (…的通知, …实施细则, 政府工作报告; the
vocabulary in indexer/data/vocab.toml), its subtitle (——在…上的讲话, …纪实), a law's 题注 and
articles, and, when the title says nothing, its opening (同志们), a paper's abstract and
references, or an experience report's way of speaking."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from .evidence import BODY, CONTEXT, TITLE, Evidence
from .reading import Reading

_SPEECH_SUBTITLE = re.compile(r"(?:讲话|发言|致辞|讲话摘要|发言摘要|致词|演讲|报告会上)[^\u4e00-\u9fff]*$")
_REPORT_SUBTITLE = re.compile(r"上的(?:工作)?报告[^\u4e00-\u9fff]*$")
_SPEECH_BODY = re.compile(r"^(?:同志们|各位领导|各位代表|各位来宾|女士们)|我讲|下面，?我|我就|我代表|我谈")
# a report of a speech, not the speech: …学习贯彻习近平总书记…重要讲话, 栗战书主持并讲话
_REPORTED_SPEECH = re.compile(r"(?:学习|贯彻|传达|领会)[^，。]{0,60}讲话(?:精神)?$|(?:出席|主持)并(?:讲话|致辞)$")
# a government's work report, read to the congress: 现在，我代表市人民政府，向大会报告工作
_WORK_REPORT_BODY = re.compile(r"向大会报告(?:政府)?工作")
_PAPER_BODY = re.compile(r"摘\s*要[:：]|关键词[:：]|参考文献")
_EXPERIENCE_BODY = re.compile(r"近年来|近几年|多年来|几年来|\d+年来|以来，|取得了|主要做法|成效")


def read(reading: Reading, law_context: bool, title: str) -> Iterator[Evidence]:
    """`title`: the title chosen for the article (the page's table may give it); `law_context`: the
    text has a law's 题注."""
    yield from _subtitle(reading.header.subtitle_plain)
    title = P.compact(title)
    while re.search(r"[（(][^（）()]*[）)]$", title):  # (试行), (2018年修订), （2018）（上）
        title = re.sub(r"[（(][^（）()]*[）)]$", "", title)
    yield from _title(reading, law_context, title)
    yield from _context(reading)
    yield from _body(reading, title)


def _subtitle(sub: str) -> Iterator[Evidence]:
    # (the title's own ending names the type more surely than a subtitle: 政府工作报告 —— …上的讲话)
    if not sub:
        return
    if _REPORT_SUBTITLE.search(sub):
        yield Evidence("doctype", "报告", f"副标题“{sub[-8:]}”", TITLE - 2)
    elif _SPEECH_SUBTITLE.search(sub):
        yield Evidence("doctype", "讲话", f"副标题“{sub[-8:]}”", TITLE - 2)
    elif re.search(r"(?:纪实|侧记)$", sub):
        yield Evidence("doctype", "纪实", "副标题以“纪实”结尾", TITLE - 2)
    elif re.search(r"调查报告|调研报告|调查与思考", sub):
        yield Evidence("doctype", "调研报告", "副标题", TITLE - 2)


def _title(reading: Reading, law_context: bool, title: str) -> Iterator[Evidence]:
    found = reading.vocab.doctype_of_title(title)
    if found:
        doctype, ending = found
        if doctype == "讲话" and _REPORTED_SPEECH.search(title):
            yield Evidence("doctype", "新闻", f"标题报道讲话（“{title[-8:]}”）", TITLE)
        elif doctype != "法律" or law_context or title.startswith("中华人民共和国"):
            yield Evidence("doctype", doctype, f"标题以“{ending}”结尾", TITLE)
    elif law_context and title:
        yield Evidence("doctype", "法律", "题注与条文", BODY)


def _context(reading: Reading) -> Iterator[Evidence]:
    source = reading.doc.source
    if source.format == "html" and (source.web_published or reading.metadata.get("发布日期")) and reading.draft.ordinal == 0:
        # a page published with its time that says nothing else of its type: a news report
        yield Evidence("doctype", "新闻", "网页的发布时间（新闻报道）", CONTEXT)
    collection = reading.draft.collection
    if collection and _SPEECH_SUBTITLE.search(collection):
        yield Evidence("doctype", "讲话", "会议发言汇编", CONTEXT + 5)


def _body(reading: Reading, title: str) -> Iterator[Evidence]:
    body = reading.body_plain
    if _WORK_REPORT_BODY.search(body[:600]):
        yield Evidence("doctype", "报告", "正文开头“向大会报告工作”", BODY + 1)
    if _SPEECH_BODY.search(body[:400]):
        yield Evidence("doctype", "讲话", "正文开头的称呼语", BODY)
    if _PAPER_BODY.search(body[:2000]) or _PAPER_BODY.search(body[-3000:]):
        yield Evidence("doctype", "论文", "摘要、关键词或参考文献", BODY - 5)
    if re.search(r"经验|做法|探索|实践|纪实", title) or (
        reading.header.bylines and len(_EXPERIENCE_BODY.findall(body[:4000])) >= 2
    ):
        yield Evidence("doctype", "经验材料", "介绍工作做法的署名文章", BODY - 10)
