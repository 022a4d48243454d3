"""Province and city: decided by who issued or spoke, and where: the legislature a speech or
report was given at (某省人民代表大会: that province, whoever speaks), the speaker's posts, the
issuing body, the author's unit, the unit a report is about, the meeting a speech names, a
national section of a book, the document number's abbreviation (苏发 -> 江苏); a Taiwan law by its
bodies and its 民國 dates. Never by places the text merely mentions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..gazetteer import NATIONAL, Place
from .evidence import BODY, BOOK, CONTEXT, FALLBACK, HEADER, SIGNATURE, TITLE_WORDS, Evidence
from .reading import Reading
from .speech import MEETING

# a meeting of a place's legislature or its advisory body: the place of what was said there
_LEGISLATURE = re.compile(r"人民代表大会|政治协商会议|人大常委会|代表大会")
_TAIWAN = re.compile(r"立法院|行政院|司法院|考试院|监察院|总统府|中华民国\s*\d{1,3}\s*年|民国\s*\d{1,3}\s*年")
DOC_PREFIX_PROVINCE = {
    "京": "北京", "津": "天津", "冀": "河北", "晋": "山西", "蒙": "内蒙古", "内蒙": "内蒙古", "辽": "辽宁", "吉": "吉林",
    "黑": "黑龙江", "沪": "上海", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东",
    "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西", "琼": "海南", "渝": "重庆", "川": "四川",
    "黔": "贵州", "贵": "贵州", "滇": "云南", "云": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃", "青": "青海",
    "宁": "宁夏", "新": "新疆", "国": NATIONAL, "中": NATIONAL, "总工": NATIONAL, "法释": NATIONAL, "高检": NATIONAL,
    # ministries: 人社部发, 人社厅函, 劳部发, 劳社部发, 财教, 教技, 工信部, 发改, 安监总, 民发, 建标, 卫办; a
    # ministry's code in full where a city's starts the same (商丘: 商政, 建德: 建政, 卫辉: 卫政, 交城, 农安)
    **dict.fromkeys(("人社", "劳部", "劳社", "劳办", "劳险", "劳人", "财", "教", "工信", "发改", "安监", "民发",
                     "建标", "建办", "建房", "建城", "建村", "建科", "建质", "建人", "建市", "卫办", "卫医", "卫疾控",
                     "卫妇社", "卫监督", "卫规划", "商务", "商办", "商贸", "商资", "商运", "商服贸", "商流通", "交运",
                     "交公路", "交规划", "交办", "交水", "交安监", "交财", "农办", "农经", "农财", "农市", "农科教", "农医",
                     "农牧", "农计"), NATIONAL),
}


# a title whose subject is the whole country
_NATIONAL_TITLE = re.compile(r"^(?:(?:19|20)\d{2}年(?:度)?)?(?:中国|全国|我国|国务院|中共中央|中华人民共和国)")
# a speaker who speaks for the central party or state: 我代表党中央, 代表国务院
_ON_BEHALF_OF_THE_NATION = re.compile(r"代表(?:党中央|中共中央|国务院|全国人大常委会|中华全国总工会|全国总工会)")


def read(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """Places, each with what it was read from, the strongest first (the first one found wins, so
    the weaker sources are not read at all); `chosen`: the labels decided so far."""
    for rule in (_signature, _header, _title, _context, _doc_number):
        yield from rule(reading, chosen)


def _signature(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """The meeting of a legislature, the speaker's office, the issuing body, the red head."""
    locate = reading.gazetteer.locate
    meeting = chosen.get("meeting")
    if meeting and _LEGISLATURE.search(meeting.value):
        yield from _placed(locate(meeting.value), f"会议名称“{meeting.value}”", SIGNATURE + 2)
    speaker_title = chosen.get("speaker_title")
    if speaker_title:
        yield from _placed(locate(speaker_title.value), f"发言人/作者职务“{speaker_title.value}”", SIGNATURE)
    issuer = chosen.get("issuer")
    if issuer:
        yield from _placed(locate(issuer.value), f"发文机关“{issuer.value}”", SIGNATURE - 1)
    for org in reading.header.redheads:
        yield from _placed(locate(org), f"发文机关“{org}”", SIGNATURE - 2)


def _header(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """Taiwan's bodies or the ROC calendar, the author's unit, the site's disclosure table."""
    locate = reading.gazetteer.locate
    if _TAIWAN.search("\n".join(reading.header.lines[:8]) + reading.body_plain[:600]):
        yield Evidence("place", Place("台湾"), "台湾的机关或民国纪年", HEADER)
    for byline in reading.header.bylines:
        if byline.org_only and byline.title:
            yield from _placed(locate(byline.title), f"作者单位“{byline.title}”", HEADER)
    site_issuer = reading.metadata.get("发文机关") or reading.metadata.get("发布机构")
    if site_issuer:
        yield from _placed(locate(site_issuer), f"网页的信息公开表中的发文机关“{site_issuer}”", HEADER - 2)


def _title(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """A unit named at the start of the subtitle or the title."""
    locate = reading.gazetteer.locate
    meeting = chosen.get("meeting")
    sub = reading.header.subtitle_plain
    if sub and not (meeting and meeting.value in sub) and reading.gazetteer.is_place_start(sub):
        yield from _placed(locate(sub), f"副标题中的单位“{sub}”", TITLE_WORDS + 5)
    title = reading.title_flat
    if title and reading.gazetteer.is_place_start(title):
        yield from _placed(locate(title[:20]), "标题中的单位", TITLE_WORDS)
    national = _NATIONAL_TITLE.match(title) if title else None
    if national:  # 2003年中国货币政策大事记, 全国职工思想状况调查报告, 2016年国务院政府工作报告
        yield Evidence("place", Place(NATIONAL), f"标题以“{national.group(0)}”开头", TITLE_WORDS - 2)
    held = MEETING.search(title) if title else None
    if held:  # 在全国民族团结进步表彰大会上的讲话
        yield from _placed(locate(held["meeting"]), f"标题中的会议“{held['meeting']}”", TITLE_WORDS - 1)


def _context(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """The place the text names, the meeting, the collection's meeting, a national section."""
    locate = reading.gazetteer.locate
    place_text = chosen.get("place_text")
    if place_text:
        yield from _placed(locate(place_text.value), place_text.source, BOOK)
    meeting = chosen.get("meeting")
    if meeting:
        yield from _placed(locate(meeting.value), meeting.source, BODY + 10)
    speaker = chosen.get("speaker")
    opening = reading.body_plain[:400]
    if speaker:  # 中共中央总书记、国家主席习近平出席…: the report's lead
        post = re.search(rf"([\u4e00-\u9fff、]{{2,30}}?){re.escape(str(speaker.value))}", opening)
        if post:
            yield from _placed(locate(post.group(1)), f"正文开头的职务“{post.group(1)}”", BODY)
    on_behalf = _ON_BEHALF_OF_THE_NATION.search(opening)
    if on_behalf:  # 现在，我代表国务院，向大会报告政府工作
        yield Evidence("place", Place(NATIONAL), f"讲话开头“{on_behalf.group(0)}”", BODY - 1)
    collection = reading.draft.collection
    if collection:
        found = MEETING.search(collection)
        if found and not chosen.get("speaker"):
            yield from _placed(locate(found["meeting"]), f"会议名称“{found['meeting']}”", CONTEXT + 5)
    for section in reversed(reading.draft.sections):
        place = locate(section)
        if place and place.province == NATIONAL:
            yield Evidence("place", place, f"所在栏目“{section}”", CONTEXT)


def _doc_number(reading: Reading, chosen: dict[str, Evidence]) -> Iterator[Evidence]:
    """The province of a document number's prefix (苏发 -> 江苏), when nothing else says."""
    doc_number = chosen.get("doc_number")
    if doc_number:
        prefix = str(doc_number.value).split("〔")[0]
        for key in sorted(DOC_PREFIX_PROVINCE, key=len, reverse=True):
            if prefix.startswith(key):
                yield Evidence("place", Place(DOC_PREFIX_PROVINCE[key]), f"文号“{doc_number.value}”的代字", FALLBACK)
                break


def _placed(place: Place | None, source: str, strength: int) -> Iterator[Evidence]:
    if place is not None:
        yield Evidence("place", place, source, strength)

