"""公文 (GB/T 9704-2012): the red head (某某文件), the 发文字号, the issuing body named in the title
(某某关于…的通知), the signature (发文机关署名 and 成文日期) — and not the 版记's 印发日期, which
is when the office printed it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from ..dates import date_line
from .evidence import HEADER, SIGNATURE, TITLE_WORDS, Evidence
from .reading import Reading

FROM_SIGNATURE = "落款"
# 某某关于…, 某某印发/转发/批转… : the body before the verb (a few words, an organisation's name);
# 河北省人力资源和社会保障厅2020年政府信息公开工作年度报告: a body, then a year
_TITLE_ISSUER = re.compile(
    r"^(?P<org>[^，。：:“”《》]{2,60}?)(?:关于|印发|转发|批转|颁发|发布)|"
    r"^(?P<org2>[^，。：:“”《》\d]{2,40}?(?:厅|局|部|委员会|委|人民政府|政府|总工会|工会|办公室|办公厅))(?=(?:19|20)\d{2}年)"
)
_AND = re.compile(r"[、及与\s]+")  # (not 和: 人力资源和社会保障部 is one body)
# the end of a body's name, where the next body's name starts (人力资源社会保障部国家发展改革委…)
_NATIONAL_START = re.compile(r"^(?:国家|国务院|财政|教育|科技|民政|中国|最高|全国)")
_BODY_END = re.compile(r"(?:办公厅|办公室|委员会|总局|人民政府|总工会|部|委|厅|局|署|院|会|行|联|办)")
# 版记: 某某办公厅 2010年11月20日印发 / 抄送：…
_IMPRINT = re.compile(r"印发\s*$|^抄送|^抄报|^主送")
_GLUED_SIGNATURE = re.compile(
    r"[。！；）)]\s*(?P<org>[\u4e00-\u9fff（）、 ]{2,60}?)\s*(?P<date>(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
    r"[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日)\s*$"
)
# bodies signing on one line, without spaces between them
_SIGNING_BODIES = re.compile(r"^(?:[\u4e00-\u9fff]{2,14}?(?:部|委|局|院|署|厅|办|会|行|室)){1,5}$")
# a full date closing the text, glued to what comes before it
_CLOSING_DATE = re.compile(r"(?<=[\u4e00-\u9fff])(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)$")
_SIGNATURE_NOISE = re.compile(r"[（(【\[]?(?:此件(?:主动|依申请|不予?)?公开(?:发布)?|此页无正文|印章)[）)】\]]?")


def read(reading: Reading) -> Iterator[Evidence]:
    header = reading.header
    for org in header.redheads:
        yield Evidence("issuer", org, "文头（发文机关标志）", HEADER + 3)
    for byline in header.bylines:
        if byline.org_only and byline.title and byline.title not in P.SIGNATURE_WORDS:
            yield Evidence("issuer", byline.title, "发文机关/署名单位", HEADER - 3)
            break
    if header.doc_number:
        yield Evidence("doc_number", header.doc_number, "文头的发文字号", HEADER)
    else:
        for line in reading.opening[:2]:
            if P.is_doc_number_line(line):
                yield Evidence("doc_number", P.find_doc_number(line), "正文前的发文字号", HEADER - 5)
                break
    yield from _title_issuer(reading)
    yield from signature(reading)
    for line in [*reading.header.lines[:6], *reading.opening[:2]]:
        dated = P.DATE_AND_BODY.match(P.compact(line))
        date = date_line(dated["date"]) if dated else None
        if dated and date:
            body = first_body(dated["org"])  # (of bodies issuing together, the first named)
            if P.ORG_ENDINGS.search(body):
                yield Evidence("date", date, "标题下的日期与发文机关", HEADER - 1)
                yield Evidence("issuer", body, "标题下的日期与发文机关", HEADER - 1)
            break


def _title_issuer(reading: Reading) -> Iterator[Evidence]:
    match = _TITLE_ISSUER.match(reading.title_flat)
    if not match:
        return
    org = match["org"] or match["org2"]
    first = first_body(org)  # of several bodies issuing together, the first named
    if P.ORG_ENDINGS.search(first) or (reading.gazetteer.locate(first) and len(first) >= 4):
        yield Evidence("issuer", first, "标题中的发文机关", TITLE_WORDS)


def first_body(names: str) -> str:
    """The first of bodies named together: 教育部科技部 -> 教育部, 人力资源社会保障部办公厅国家发展改革委办公厅
    -> 人力资源社会保障部办公厅, 河北省教育厅  河北省财政厅 -> 河北省教育厅, 中共中央国务院 -> 中共中央."""
    first = re.sub(r"等[\u4e00-\u9fff\d]{0,3}(?:部门|单位|机关|部委)$", "", _AND.split(names.strip())[0])
    if first.startswith("中共中央") and P.NATIONAL_ORG.match(first[4:]):  # 中共中央国务院关于…
        return "中共中央"
    for match in _BODY_END.finditer(first):
        end = match.end()
        rest = first[end:]
        if rest.startswith(("办公厅", "办公室")):
            continue
        body_then_body = len(rest) >= 2 and P.ORG_ENDINGS.search(first[:end]) and _BODY_END.search(rest)
        if body_then_body and (P.NATIONAL_ORG.match(rest) or _NATIONAL_START.match(rest) or _starts_place(rest)):
            return canonical_body(first[:end])
    return canonical_body(first)


def canonical_body(name: str) -> str:
    """A body as it names itself, without the session of a meeting nor the state's name: 第五届全国人民代表
    大会常务委员会 -> 全国人民代表大会常务委员会; 中华人民共和国财政部 -> 财政部; 全国总工会 -> 中华全国总工会."""
    name = re.sub(r"第[一二三四五六七八九十百\d]+届", "", name)
    name = re.sub(r"^中华人民共和国(?=.{2})", "", name)
    return _FULL_NAMES.get(name, name)


# bodies signing with their short name, named as they name themselves in their red head
_FULL_NAMES = {"全国总工会": "中华全国总工会", "全总": "中华全国总工会"}


def _starts_place(text: str) -> bool:
    from ..gazetteer import Gazetteer

    return Gazetteer.load().is_place_start(text)


def _glued_signature(last: str, reading: Reading) -> Iterator[Evidence]:
    """The signature run into the last paragraph (a crawl that lost the line breaks): …报告。人力资源
    社会保障部2023年11月30日, or with no stop before the body: …事项无河北省人力资源和社会保障厅2021年1月27日."""
    glued = _GLUED_SIGNATURE.search(last)
    if glued:
        found = date_line(glued["date"])
        if found and found.month:
            yield Evidence("date", found, FROM_SIGNATURE, SIGNATURE - 2)
            byline = P.parse_byline(glued["org"].strip(), reading.gazetteer)
            if byline and byline.org_only and byline.title:
                yield Evidence("issuer", byline.title, FROM_SIGNATURE, SIGNATURE - 2)
        return
    closing = _CLOSING_DATE.search(last)
    found = date_line(closing["date"]) if closing else None
    if closing is None or found is None or not found.month:
        return
    yield Evidence("date", found, "正文末尾的日期（落款）", SIGNATURE - 3)
    before = last[max(0, closing.start() - 30):closing.start()]
    for start in range(len(before) - 1):
        body = before[start:]
        if P.ORG_ENDINGS.search(body) and (reading.gazetteer.is_place_start(body) or P.NATIONAL_ORG.match(body)):
            yield Evidence("issuer", body, "正文末尾的日期前的机关（落款）", SIGNATURE - 3)
            break


def signature(reading: Reading) -> Iterator[Evidence]:
    """The 落款: the issuing body's name and the 成文日期 at the end, above the 版记; for a notice
    that issues or forwards a document, the covering notice's 落款 above that document."""
    yield from _covering_signature(reading)
    lines = [line for line in reading.ending if line and not _SIGNATURE_NOISE.fullmatch(line)]
    # the 版记 (抄送, 印发) comes after the signature: leave it out
    while lines and _IMPRINT.search(lines[-1]):
        lines.pop()
    if lines:
        yield from _glued_signature(_SIGNATURE_NOISE.sub("", lines[-1][-100:]).rstrip(), reading)
    for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
        date = date_line(_SIGNATURE_NOISE.sub("", lines[k]))
        if date is None or date.month is None:
            continue
        yield Evidence("date", date, FROM_SIGNATURE, SIGNATURE)
        orgs = _signing_bodies(lines[max(0, k - 12):k], reading)
        if orgs:
            yield Evidence("issuer", orgs[0], FROM_SIGNATURE, SIGNATURE)
        return


def _signing_bodies(lines: list[str], reading: Reading) -> list[str]:
    """The bodies signing on the lines above a signature's date, a line each (the first named is the issuer)."""
    orgs: list[str] = []
    for line in reversed(lines):
        byline = P.parse_byline(line, reading.gazetteer)
        if byline and byline.org_only and byline.title and byline.title not in P.SIGNATURE_WORDS:
            orgs.insert(0, byline.title)
        elif byline is None and _SIGNING_BODIES.match(P.compact(line)):  # 住房城乡建设部, 交通运输部中科院工程院
            orgs.insert(0, first_body(P.compact(line)))
        else:
            break
    return orgs


_ISSUES_A_DOCUMENT = re.compile(r"印发|转发|批转|发布")


def _covering_signature(reading: Reading) -> Iterator[Evidence]:
    """关于印发《…》的通知: the notice's own text, its 落款 (bodies and date), then the document it
    issues. The covering 落款 dates the notice, whatever the document ends with."""
    if not _ISSUES_A_DOCUMENT.search(reading.title_flat):
        return
    lines = [p.plain.strip() for p in reading.draft.body[:20]]
    for k in range(2, len(lines)):
        date = date_line(lines[k])
        if date is None or date.day is None or not lines[k - 1]:
            continue
        orgs = _signing_bodies(lines[max(0, k - 8):k], reading)
        if orgs and any("。" in line for line in lines[:k]):
            yield Evidence("date", date, "印发通知的落款", SIGNATURE + 1)
            yield Evidence("issuer", orgs[0], "印发通知的落款", SIGNATURE + 1)
        return
