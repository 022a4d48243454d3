"""Laws, regulations and rules: the 题注 under the title (某年某月某日 某会议通过 / 公布 / 修正 /
修订 / 批准 / 施行), the body that made the text, 令 numbers, and the level of force (效力级别).

The date of a law is that of its latest 通过, 公布, 修正, 修订 or 批准 (the text in force), never
the day it takes effect (施行); its issuer is the body of the latest 通过, 修正 or 修订 (a city's
people's congress, though a province 批准)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import patterns as P
from ..dates import PartialDate, find_dates
from .evidence import CAPTION, HEADER, TITLE, Evidence
from .official import first_body
from .reading import Reading, is_site_line

ACTIONS = ("通过", "公布", "修正", "修订", "修改", "批准", "施行", "发布", "颁布", "印发", "制定", "三读", "增订", "增訂",
           "删除", "刪除")
_MAKES_TEXT = {"通过", "修正", "修订", "修改", "制定", "三读"}
_NOT_THE_DATE = {"施行"}
_ACTION = re.compile("|".join(ACTIONS))
_QUOTED = re.compile(r"《[^》]*》")
# 第十三届全国人民代表大会常务委员会第三十二次会议, 云南省第十二届人民代表大会常务委员会第二十六次会议
_SESSION = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{0,14}?)第[一二三四五六七八九十百零〇\d]+届(?P<body>[\u4e00-\u9fff]{0,8}?"
    r"(?:人民代表大会(?:常务委员会)?|委员会|政治协商会议[\u4e00-\u9fff]{0,8}?委员会))"
)
_MEETING = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{2,24}?)(?:第[一二三四五六七八九十百零〇\d]+次)?(?:常务会议|部务会议|委务会议|局务会议|署务会议|"
    r"审判委员会|检察委员会|全体会议|主任会议|务会议)"
)
# 《中华人民共和国就业促进法》已由中华人民共和国第十届全国人民代表大会常务委员会第二十九次会议于
# 2007年8月30日通过，现予公布: the 令 that publishes a law or regulation
_PROMULGATION = re.compile(
    r"已(?:经)?由(?P<body>.{2,60}?)于(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:修订)?(?:通过|批准)"
)
# 《女职工劳动保护特别规定》已经2012年4月18日国务院第200次常务会议通过，现予公布: the 令 names the rule
_PUBLISHED_NAME = re.compile(r"^《(?P<name>[^《》]{4,60})》已(?:经|由|于)[^。]{4,120}?(?:通过|批准|修订)[，,]\s*现予(?:公布|发布|颁布)")
# …现予公布，自2023年7月1日起施行。部长 王志刚 2023年5月26日: the date a 令 is signed
_ORDER_SIGNED = re.compile(
    r"现予(?:公布|发布|颁布)[^。]{0,40}。\s*[\u4e00-\u9fff]{0,12}(?:部长|主任|局长|署长|总理|主席|行长|院长|省长|市长|区长)\s*"
    r"[\u4e00-\u9fff·]{2,8}?\s*(?P<date>(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日)"
)
ORDER = P.ORDER
order_number = P.order_number
_NPC = re.compile(r"全国人民代表大会")
_LOCAL_CONGRESS = re.compile(r"(?:省|市|自治区|自治州|县)人民代表大会")
_MINISTRY = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fff]{2,16}?(?:部|委员会|总局|局|署|银行)$")
_LOCAL_GOVERNMENT = re.compile(r"(?:省|市|自治区|自治州|县)人民政府$")
_COURTS = re.compile(r"最高人民法院|最高人民检察院")
_PARTY = re.compile(r"^(?:中共中央|中国共产党中央委员会|中央办公厅|中共中央办公厅|中央纪委|中共)")
_RULES = {"法律", "条例", "规定", "办法", "细则", "规则", "章程", "决定", "决议", "司法解释"}


@dataclass(frozen=True)
class Action:
    date: PartialDate
    action: str
    body: str | None  # the body that acted, as it names itself without sessions
    order: str | None  # the 令 it was published by
    text: str


def caption_of(reading: Reading) -> str | None:
    """The 题注: the lines under the title, in brackets or not, that date what bodies did to the
    text (a history table on some sites, a line each). Looked for in the header and the first
    lines of the text."""
    found: list[str] = []
    for line in [*reading.header.lines, *reading.opening]:
        flat = line.strip()
        if is_site_line(flat):
            continue  # (法编号：01189版本：100061000, a site's label line among them)
        # (inside a history table a line may end with 。: …条文定自中华民国101年7月1日施行。)
        caption_line = P.is_caption(flat) or bool(found and len(flat) <= 300 and P.CAPTION.match(flat))
        if caption_line and find_dates(flat) and _ACTION.search(_QUOTED.sub("", flat)):
            found.append(flat.strip("（）()【】[] "))
        elif found:
            break
    return " ".join(found) or None


def caption_actions(caption: str) -> list[Action]:
    """Each date of a 题注 with what was done then, by whom, under which 令."""
    dates = find_dates(caption)
    actions: list[Action] = []
    for k, (_start, end, date) in enumerate(dates):
        stop = dates[k + 1][0] if k + 1 < len(dates) else len(caption)
        segment = caption[end:stop]
        bare = _QUOTED.sub("", segment)
        found = _ACTION.findall(bare)
        if not found:
            continue
        order = ORDER.search(segment)
        actions.append(Action(date, found[0], body_of(bare), order_number(order) if order else None, segment))
    return actions


def body_of(text: str) -> str | None:
    """The body a 题注 names, without its sessions: 第十三届全国人民代表大会常务委员会第三十二次会议
    -> 全国人民代表大会常务委员会."""
    session = _SESSION.search(text)
    if session:
        place = session["place"].removeprefix("根据").removeprefix("中华人民共和国")
        return place + session["body"]
    order = ORDER.search(text)
    if order:
        return first_body(order["org"]) if "主席" not in order["org"] else None
    meeting = _MEETING.search(text)
    if meeting:
        return meeting["body"].removeprefix("根据").removeprefix("经")
    return None


def read(reading: Reading) -> Iterator[Evidence]:
    """Evidence from the 题注 and the 令 lines."""
    for rule in (_caption, _order_signed, _issued_line, _promulgation, _order_number):
        yield from rule(reading)


def _caption(reading: Reading) -> Iterator[Evidence]:
    """The 题注: the latest date of what was done to the text, the body that made it, the 令."""
    caption = caption_of(reading)
    if not caption:
        return
    dated = [a for a in caption_actions(caption) if a.action not in _NOT_THE_DATE]
    if not dated:
        return
    latest = max(dated, key=lambda a: a.date)
    yield Evidence("date", latest.date, f"题注“{_short(latest)}”", CAPTION)
    makers = [a for a in dated if a.action in _MAKES_TEXT and a.body] or [a for a in dated if a.body]
    # (a rule that bodies made together is issued by the 令 that published it: its first body)
    published = [(a.date, a.order) for a in dated if a.order and "主席" not in a.order]
    if published:
        order = max(published)[1]
        yield Evidence("issuer", first_body(order.split("令")[0]), f"题注中的令“{order}”", CAPTION)
    elif makers:
        maker = max(makers, key=lambda a: a.date)
        yield Evidence("issuer", maker.body, f"题注“{_short(maker)}”", CAPTION)
    ordered = [a for a in dated if a.order]
    if ordered:
        last = max(ordered, key=lambda a: a.date)
        yield Evidence("doc_number", last.order, f"题注中的令号“{last.order}”", CAPTION)
    yield Evidence("doctype_hint", "law", "题注", CAPTION)


def _order_signed(reading: Reading) -> Iterator[Evidence]:
    """The date a 令 is signed: its sentence, the minister's name and the date (one line, or a line each)."""
    opening = "".join(P.compact(line) for line in reading.opening[:4])  # (总 理 温家宝: letter-spaced posts)
    signed = _ORDER_SIGNED.search(opening) if "现予" in opening else None
    found = find_dates(signed["date"]) if signed else None
    if found:
        yield Evidence("date", found[0][2], "令的签署日期", CAPTION)


def _issued_line(reading: Reading) -> Iterator[Evidence]:
    """劳动部一九九四年十二月十四日发布, under the title."""
    for line in [*reading.header.lines[:6], *reading.opening[:2]]:
        issued = P.ISSUED_LINE.match(P.compact(line))
        if issued:
            found = find_dates(issued["date"])
            if found and found[0][2].month:
                yield Evidence("date", found[0][2], f"发布行“{P.compact(line)}”", CAPTION - 1)
                yield Evidence("issuer", issued["org"], f"发布行“{P.compact(line)}”", CAPTION - 1)
            return


def _promulgation(reading: Reading) -> Iterator[Evidence]:
    """《…法》已由…于…通过，现予公布: the 令 that publishes a law or regulation (and names it)."""
    for line in reading.opening[:4]:
        named = _PUBLISHED_NAME.match(line)
        if named:
            yield Evidence("title", named["name"], "公布令中的名称", TITLE - 5)
        promulgated = _PROMULGATION.search(line) if "已" in line else None
        if promulgated:
            found = find_dates(promulgated["date"])
            if found:
                yield Evidence("date", found[0][2], f"公布令“{promulgated.group(0)[:30]}…”", CAPTION - 1)
                body = body_of(promulgated["body"])
                if body:
                    yield Evidence("issuer", body, f"公布令“{promulgated.group(0)[:30]}…”", CAPTION - 1)
            return


def _order_number(reading: Reading) -> Iterator[Evidence]:
    """A 令 number in the header: the document's number, and its body the issuer."""
    for line in [reading.header.doc_number or "", *reading.header.lines[:6], *reading.opening[:2]]:
        order = ORDER.search(P.compact(line)) if "令" in line else None
        if order and len(P.compact(line)) <= 40:
            yield Evidence("doc_number", order_number(order), "文头的令号", HEADER)
            if "主席" not in order["org"]:
                issuer = first_body(order["org"])  # (of bodies ordering together, the first)
                yield Evidence("issuer", issuer, f"令“{order_number(order)}”", HEADER)


def _short(action: Action) -> str:
    text = action.date.iso() + action.text.strip()
    return text if len(text) <= 40 else text[:38] + "…"


def level_of(doctype: str, issuer: str | None, doc_number: str | None, title: str) -> tuple[str, str] | None:
    """The level of force a rule or document has, from who made it and what it is."""
    body = issuer or ""
    order = bool(doc_number and "令" in doc_number)
    if _COURTS.search(body) or (doc_number or "").startswith(("法释", "高检发释")) or doctype == "司法解释":
        return "司法解释", "最高人民法院或最高人民检察院的解释"
    if _NPC.search(body) and not _LOCAL_CONGRESS.search(body) and doctype in ("法律", "决定", "决议"):
        return "法律", f"制定机关“{body}”"
    if _LOCAL_CONGRESS.search(body) and doctype in _RULES:
        return "地方性法规", f"制定机关“{body}”"
    if body == "国务院" and (order or doctype in ("条例", "规定", "办法", "细则")):
        return "行政法规", "国务院制定的条例、规定或办法"
    if _PARTY.search(body) and doctype in ("条例", "规定", "办法", "细则", "规则"):
        return "党内法规", f"制定机关“{body}”"
    if _MINISTRY.search(body) and (order or (doctype in ("规定", "办法", "细则") and title.startswith(body))):
        return "部门规章", f"部门令或部门制定的{doctype}"
    if _LOCAL_GOVERNMENT.search(body) and (order or doctype in ("规定", "办法", "细则", "条例")):
        return "地方政府规章", f"地方政府令或地方政府制定的{doctype}"
    if doctype in ("通知", "意见", "决定", "通告", "公告", "办法", "规定", "细则", "规则", "命令") and _state_organ(body):
        return "规范性文件", f"国家机关“{body}”的{doctype}"
    return None


_STATE_ORGAN = re.compile(r"(?:人民政府|办公厅|办公室|部|委员会|厅|局|署|总局|人民代表大会|常务委员会|法院|检察院|国务院)$")


def _state_organ(body: str) -> bool:
    return bool(body) and bool(_STATE_ORGAN.search(body)) and not re.search(r"工会|共青团|妇联|党委|党组|中共|委员会办公室$", body)
