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
# 某某关于…, 某某印发/转发/批转… : the body before the verb (a few words, an organisation's name)
_TITLE_ISSUER = re.compile(r"^(?P<org>[^，。：:“”《》]{2,60}?)(?:关于|印发|转发|批转|颁发|发布)")
_AND = re.compile(r"[、和及与]")
# 版记: 某某办公厅 2010年11月20日印发 / 抄送：…
_IMPRINT = re.compile(r"印发\s*$|^抄送|^抄报|^主送")
_GLUED_SIGNATURE = re.compile(
    r"[。！；）)]\s*(?P<org>[\u4e00-\u9fff（）、 ]{4,60}?)\s*(?P<date>(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
    r"[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日)\s*$"
)
_SIGNATURE_NOISE = re.compile(r"[（(【\[]?(?:此件公开发布|此件不公开|此页无正文|印章)[）)】\]]?")


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


def _title_issuer(reading: Reading) -> Iterator[Evidence]:
    match = _TITLE_ISSUER.match(reading.title_flat)
    if not match:
        return
    org = match["org"]
    first = _AND.split(org)[0]  # of several bodies issuing together, the first named
    if P.ORG_ENDINGS.search(first) or (reading.gazetteer.locate(first) and len(first) >= 4):
        yield Evidence("issuer", first, "标题中的发文机关", TITLE_WORDS)


def signature(reading: Reading) -> Iterator[Evidence]:
    """The 落款: the issuing body's name and the 成文日期 at the end, above the 版记."""
    lines = [line for line in reading.ending if line and not _SIGNATURE_NOISE.fullmatch(line)]
    # the 版记 (抄送, 印发) comes after the signature: leave it out
    while lines and _IMPRINT.search(lines[-1]):
        lines.pop()
    glued = _GLUED_SIGNATURE.search(lines[-1][-80:]) if lines else None
    if glued:  # the signature run into the last paragraph (a crawl that lost the line breaks)
        found = date_line(glued["date"])
        if found and found.month:
            yield Evidence("date", found, FROM_SIGNATURE, SIGNATURE - 2)
            byline = P.parse_byline(glued["org"].strip(), reading.gazetteer)
            if byline and byline.org_only and byline.title:
                yield Evidence("issuer", byline.title, FROM_SIGNATURE, SIGNATURE - 2)
    for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
        date = date_line(_SIGNATURE_NOISE.sub("", lines[k]))
        if date is None or date.month is None:
            continue
        yield Evidence("date", date, FROM_SIGNATURE, SIGNATURE)
        orgs: list[str] = []
        for line in reversed(lines[max(0, k - 3):k]):
            byline = P.parse_byline(line, reading.gazetteer)
            if byline and byline.org_only and byline.title and byline.title not in P.SIGNATURE_WORDS:
                orgs.insert(0, byline.title)
            elif byline and byline.name:
                break
            else:
                break
        if orgs:
            yield Evidence("issuer", orgs[0], FROM_SIGNATURE, SIGNATURE)
        return
