"""Web pages and files that say what they are: the disclosure table and <meta> tags of
government sites (标题, 发文机关, 成文日期, 发文字号, 效力级别), a Markdown file's front matter (its
author's title and date), and the marks of a news report (新华社北京3月17日电, 本报讯, 记者). The
page's publication date is kept apart: it is a news report's date, never a 公文's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from ..dates import digits_date, find_dates
from .evidence import BODY, CONTEXT, DATED_PAGE, FALLBACK, FRONT_MATTER, SITE_TABLE, Evidence
from .official import first_body
from .reading import Reading

_TABLE = "网页的信息公开表"
# 新华社北京3月17日电 / 本报讯（记者 某某）/ 人民网北京1月5日电
NEWS_DATELINE = re.compile(
    r"^(?:(?:央视网|新华社|新华网|人民网|中新网|中工网)消息|[(（【]?(?:新华社|中新社|人民网|新华网|央视网|本报|中工网|工人日报)[\u4e00-\u9fff]{0,8}?"
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:专)?电|本报讯|本报[\u4e00-\u9fff]{2,6}讯)"
)
_NEWS_WORDS = re.compile(r"^[（(]原标题[:：]|^[\u4e00-\u9fff]{2,8}讯\s*[（(]?|^据[\u4e00-\u9fff]{2,12}(?:报道|消息)|记者\s*[\u4e00-\u9fff]{2,4}\s*(?:报道|摄)")
# a dated issue of a newspaper or broadcast holding the reports: 《新闻联播》 (20230301), 工人日报 2023年3月1日
_NEWS_ISSUE = re.compile(r"新闻|日报|晚报|早报|快讯|要闻|联播")
_REPORTER = re.compile(r"^[（(]?\s*(?:本报)?(?:记者|通讯员)\s*[\u4e00-\u9fff ]{2,20}[）)]?")


def read(reading: Reading) -> Iterator[Evidence]:
    meta = reading.metadata
    fmt = reading.doc.source.format
    where = _TABLE if fmt == "html" or "索引号" in meta or "发文机关" in meta or "发布机构" in meta else "文件开头的说明（front matter）"
    strength = SITE_TABLE if where == _TABLE else FRONT_MATTER
    if meta.get("标题"):
        yield Evidence("title", _without_number(meta["标题"]), f"{where}中的标题", strength)
    if meta.get("发文机关"):
        yield Evidence("issuer", first_body(meta["发文机关"].split("，")[0]), f"{where}中的发文机关", strength)
    if meta.get("发布机构"):  # (the unit that published it on the site: below what the document prints)
        yield Evidence("issuer", first_body(meta["发布机构"].split("，")[0]), f"{where}中的发布机构", FALLBACK + 10)
    for key in ("成文日期", "日期"):
        found = find_dates(meta.get(key, ""))
        if found:
            yield Evidence("date", found[0][2], f"{where}中的{key}", strength if key == "成文日期" else DATED_PAGE)
            break
    if meta.get("发文字号") and P.find_doc_number(meta["发文字号"] + ("" if "号" in meta["发文字号"] else "号")):
        yield Evidence("doc_number", P.find_doc_number(meta["发文字号"]), f"{where}中的发文字号", strength)
    if meta.get("效力级别"):
        yield Evidence("level", meta["效力级别"].strip(), f"{where}中的效力级别", strength)
    for line in [*reading.header.lines[-2:], *reading.opening[:2]]:
        dateline = NEWS_DATELINE.match(line)
        if dateline or _REPORTER.match(line) or _NEWS_WORDS.search(line[:60]):
            yield Evidence("doctype", "新闻", "正文开头的电头或记者署名", BODY + 5)
            found = find_dates(line[:40])
            if dateline and found and found[0][2].month:
                yield Evidence("news_date", found[0][2], "电头中的日期", BODY + 5)
            break
    yield from news_issue(reading)


def news_issue(reading: Reading) -> Iterator[Evidence]:
    """The reports of a dated news issue (the file's first heading names a newspaper or a
    broadcast and its day) are news of that day."""
    first = reading.doc.paragraphs[0] if reading.doc.paragraphs else None
    heading = first.plain.strip() if first is not None and first.hint == "heading" else ""
    if len(heading) > 40 or not _NEWS_ISSUE.search(heading):
        return
    found = [date for _s, _e, date in find_dates(heading) if date.day]
    digits = digits_date(heading)
    if digits:
        found.append(digits)
    if found:
        yield Evidence("doctype", "新闻", f"文件开头的“{heading}”（当日新闻）", CONTEXT)
        yield Evidence("date", found[0], f"文件开头的“{heading}”（当日的报道）", CONTEXT)


def _without_number(title: str) -> str:
    """A table's title sometimes carries the document number: keep the title."""
    return re.sub(r"\s*[（(]?[\u4e00-\u9fff]{1,8}〔(?:19|20)\d{2}〕\d+号[）)]?\s*$", "", title).strip()
