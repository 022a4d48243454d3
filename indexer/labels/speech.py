"""Speeches and work reports: the date line under the title ((2026年1月25日), ——2026年1月25日在
某某会议上), the speaker line with posts (国务院总理 温家宝, 自治区主席 艾尔肯·吐尼亚孜), the meeting it
was given at, and the speaker named in the opening (省长王凯代表省人民政府作政府工作报告)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from ..dates import find_dates
from .evidence import BODY, BOOK, HEADER, TITLE, Evidence
from .reading import Reading

FROM_TITLE_DATE = "标题下的日期"
# ——2007年3月5日在第十届全国人民代表大会第五次会议上 / 在全省工会工作会议上的讲话
MEETING = re.compile(
    r"在(?P<meeting>[^，。；]{2,60}?(?:会议|大会|会|论坛|典礼|仪式))(?:上|会上)?(?:的(?:[\u4e00-\u9fff]{0,6}(?:讲话|发言|致辞|报告|演讲))|$|（|[\u4e00-\u9fff]{2,12}(?:省长|市长|主席|总理)|上)"
)
_OPENING_MEETING = re.compile(
    r"(?:这次|本次|今天的|这个|此次)(?P<meeting>[^，。；]{2,40}?(?:会议|大会|座谈会|培训班|研讨班|现场会|交流会|论坛|研讨会))"
)
# 省长王凯代表省人民政府作政府工作报告 / 国务院总理温家宝向大会作政府工作报告
_INLINE_SPEAKER = re.compile(
    rf"(?P<post>(?:代理?)?(?:省长|市长|区长|县长|州长|盟长|旗长|主席|总理|主任|书记|院长|检察长))\s*"
    rf"(?P<name>{P.NAME}|{P.DOTTED_NAME})\s*(?:代表|向|作|在)"
    rf"|(?P<name2>{P.NAME}|{P.DOTTED_NAME})(?P<post2>(?:代理?)?(?:省长|市长|区长|县长|州长|主席|总理))(?:在|代表|向|作)"
)


_POST_WORD = re.compile(P.POSTS)


def read(reading: Reading) -> Iterator[Evidence]:
    header = reading.header
    if header.dates:
        yield Evidence("date", header.dates[0][0], FROM_TITLE_DATE, HEADER)
    if header.title_date:
        yield Evidence("date", header.title_date, "标题中的日期", TITLE)
    subtitle = header.subtitle_plain
    if subtitle:
        dates = find_dates(subtitle)
        if dates and dates[0][0] <= 2 and dates[0][2].month:
            yield Evidence("date", dates[0][2], "副标题中的日期", HEADER)
        meeting = MEETING.search(subtitle)
        if meeting:
            yield Evidence("meeting", meeting["meeting"], f"会议名称“{meeting['meeting']}”", HEADER)
    person = next((b for b in header.bylines if b.name), None)
    if person:
        yield Evidence("speaker", person.name, "署名行", HEADER)
        if person.title:
            yield Evidence("speaker_title", person.title, "署名行", HEADER)
    toc = reading.draft.toc
    if toc and toc.author and P.is_name(toc.author):
        yield Evidence("speaker", toc.author, "书的目录", BOOK)
    for line, strength, where in [(subtitle, HEADER - 2, "副标题"), *((o, BODY, "正文开头") for o in reading.opening[:4])]:
        inline = _INLINE_SPEAKER.search(line[:160]) if _POST_WORD.search(line[:160]) else None
        if inline:
            source = f"{where}“{inline.group(0)[:24]}”"
            yield Evidence("speaker", inline["name"] or inline["name2"], source, strength)
            yield Evidence("speaker_title", inline["post"] or inline["post2"], source, strength)
            break
    opening = _OPENING_MEETING.search(reading.body_plain[:300])
    if opening:
        yield Evidence("meeting", opening["meeting"], f"讲话开头提到的会议“{opening['meeting']}”", BODY)
