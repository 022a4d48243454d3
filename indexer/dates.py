"""Dates in Chinese documents (2010年11月17日, 二〇一〇年十一月十七日, 2010.11.17) and a year
inferred from the events a text speaks of (党的十七大 just held -> 2007)."""

from __future__ import annotations

import contextlib
import io
import re
import time
from dataclasses import dataclass
from functools import lru_cache

_CN_DIGIT = "〇零一二三四五六七八九"
_CN_NUM = "一二三四五六七八九十"
_DATE_ARABIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?)?"
)
_DATE_CN = re.compile(
    rf"(?P<y>[{_CN_DIGIT}]{{4}})\s*年\s*(?:(?P<m>十[一二]?|[一二三四五六七八九])\s*月\s*(?:(?P<d>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日)?)?"
)
_DATE_DOTTED = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[.\-/](?P<m>1[0-2]|0?[1-9])[.\-/](?P<d>3[01]|[12]\d|0?[1-9])(?![\d])")
# 民國111年11月30日 (Taiwan: the year of the Republic, 1912 = 民國1年)
_DATE_ROC = re.compile(r"民[国國]\s*(?P<y>\d{1,3})\s*年\s*(?:(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?)?")
_ROC_OFFSET = 1911
_NUMERIC_DATE_HINT = re.compile(r"\d[.\-/]\d")
_DATE_PLACE = re.compile(r"(?<=日)\s*[，,、]\s*[\u4e00-\u9fff]{2,10}$")
_DATE_LINE = re.compile(r"^[\s(（\[【〔]*(?P<date>.+?)[\s)）\]】〕]*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@lru_cache(maxsize=4096)
def _parse_cn(text: str) -> tuple[int, int, int] | None:
    """Chinese-numeral dates through jionlp's time parser."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    try:
        parsed = jionlp.parse_time(text, time_base=time.time())
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    start = (parsed or {}).get("time", [None])[0]
    if not start:
        return None
    y, m, d = start[:10].split("-")
    return int(y), int(m), int(d)


def _valid(date: PartialDate) -> bool:
    import calendar

    if not 1900 <= date.year <= 2100:
        return False
    if date.month is None:
        return True
    if not 1 <= date.month <= 12:
        return False
    return date.day is None or 1 <= date.day <= calendar.monthrange(date.year, date.month)[1]


_DATE_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def digits_date(text: str) -> PartialDate | None:
    """A day written as eight digits (《新闻联播》 (20230301)), if it is one (not 20230231)."""
    match = _DATE_DIGITS.search(text)
    date = PartialDate(int(match[1]), int(match[2]), int(match[3])) if match else None
    return date if date and _valid(date) else None


def find_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every date written in `text`, with its span, as precise as written."""
    found: list[tuple[int, int, PartialDate]] = []
    for match in _DATE_ARABIC.finditer(text):
        date = PartialDate(
            int(match["y"]), int(match["m"]) if match["m"] else None, int(match["d"]) if match["d"] else None
        )
        if _valid(date):
            found.append((match.start(), match.end(), date))
    for match in _DATE_DOTTED.finditer(text):
        date = PartialDate(int(match["y"]), int(match["m"]), int(match["d"]))
        if _valid(date):
            found.append((match.start(), match.end(), date))
    if "民" in text:
        for match in _DATE_ROC.finditer(text):
            date = PartialDate(int(match["y"]) + _ROC_OFFSET, int(match["m"]) if match["m"] else None,
                               int(match["d"]) if match["d"] else None)
            if _valid(date):
                found.append((match.start(), match.end(), date))
    for match in _DATE_CN.finditer(text):
        parsed = _parse_cn(match.group(0).replace(" ", ""))
        if parsed is None:
            continue
        date = PartialDate(parsed[0], parsed[1] if match["m"] else None, parsed[2] if match["d"] else None)
        if _valid(date):
            found.append((match.start(), match.end(), date))
    found.sort(key=lambda item: item[0])
    return found


def date_line(text: str) -> PartialDate | None:
    """The date when the whole line is one date, possibly in brackets: （2010年11月17日）."""
    if "年" not in text and not _NUMERIC_DATE_HINT.search(text):
        return None  # (most lines: no date can be written without 年 or a separator between digits)
    match = _DATE_LINE.match(text.strip())
    if not match:
        return None
    inner = _DATE_PLACE.sub("", match["date"].strip())  # （2018年4月10日，海南博鳌）
    dates = find_dates(inner)
    if len(dates) == 1 and dates[0][0] == 0 and dates[0][1] >= len(inner.rstrip("。")):
        return dates[0][2]
    return None


def trailing_date(text: str) -> tuple[str, PartialDate] | None:
    """`工会工作的意见（2010年11月17日）` -> (`工会工作的意见`, 2010-11-17)."""
    match = re.search(r"[\s]*[(（]\s*([^()（）]{6,20})\s*[)）]\s*$", text)
    if not match:
        return None
    date = date_line(match.group(1))
    if date is None:
        return None
    return text[: match.start()].rstrip(), date


# Events whose year is known: what a text speaks of as held or just held bounds its year from below.
_CN_ORDINAL = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


def _cn_int(text: str) -> int | None:
    """一..九十九 (as in 十七大, 二十大)."""
    if not text:
        return None
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_ORDINAL.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_ORDINAL.get(tens, 0) * 10 + (_CN_ORDINAL.get(ones, 0) if ones else 0)
    return _CN_ORDINAL.get(text)


PARTY_CONGRESS = {12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017, 20: 2022, 21: 2027}
UNION_CONGRESS = {10: 1983, 11: 1988, 12: 1993, 13: 1998, 14: 2003, 15: 2008, 16: 2013, 17: 2018, 18: 2023}
# n-th plenary session of the k-th Central Committee: 1st and 2nd fall in or after the congress
# year, later ones roughly one a year.
_PLENUM_OFFSET = {1: 0, 2: 1, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5}
_NUM = "[一二三四五六七八九十]{1,3}"
_PARTY_RE = re.compile(rf"党的(?:第)?(?P<a>{_NUM})(?:次全国代表大会|大)|(?<!工会)(?<!全国工会)(?P<b>{_NUM})大(?:以来|精神|报告|召开|胜利)")
_UNION_RE = re.compile(rf"(?:中国工会|全国工会|工会)(?:第)?(?P<n>{_NUM})(?:次全国代表大会|大)")
_PLENUM_RE = re.compile(rf"(?P<k>{_NUM})届(?P<list>(?:[一二三四五六七]中[、，和及]?)+)全会")
# 全总十六届二次执委会议: the union's executive committee meets about once a year after its congress
_UNION_EXEC_RE = re.compile(rf"(?P<k>{_NUM})届(?P<s>{_NUM})次执委(?:（扩大）|\(扩大\))?会议?")
# five-year plans: a text that speaks of 建功“十一五” is written when that plan is in view
_PLAN_RE = re.compile(r"[“‘\"]?十(?P<n>[一二三四五]?)五[”’\"]?(?=时期|期间|规划|计划|末|以来|开局|发展|目标)|建功[“‘]?十(?P<m>[一二三四五]?)五")
_PLAN_START = {"": 2001, "一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
_AS_OF_YEAR = re.compile(r"(?:截至|截止|到|至)\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:\d{1,2}\s*月)?(?:底|末)?")


def infer_year(text: str, upper: int | None = None) -> tuple[int, str] | None:
    """The latest year the text shows it knows of: congresses and plenums it names, figures it
    gives 'as of' a date. A lower bound, offered only when no date is written."""
    upper = upper or time.gmtime().tm_year
    best: tuple[int, str] | None = None

    def consider(year: int, why: str) -> None:
        nonlocal best
        if year <= upper and (best is None or year > best[0]):
            best = (year, why)

    for match in _PARTY_RE.finditer(text):
        n = _cn_int(match["a"] or match["b"] or "")
        if n in PARTY_CONGRESS:
            consider(PARTY_CONGRESS[n], f"文中提到党的{match['a'] or match['b']}大")
    for match in _UNION_RE.finditer(text):
        n = _cn_int(match["n"])
        if n in UNION_CONGRESS:
            consider(UNION_CONGRESS[n], f"文中提到中国工会{match['n']}大")
    for match in _PLENUM_RE.finditer(text):
        k = _cn_int(match["k"])
        if k not in PARTY_CONGRESS:
            continue
        for session in re.findall(r"([一二三四五六七])中", match["list"]):
            consider(PARTY_CONGRESS[k] + _PLENUM_OFFSET[_CN_ORDINAL[session]], f"文中提到{match['k']}届{session}中全会")
    for match in _UNION_EXEC_RE.finditer(text):
        k, session = _cn_int(match["k"]), _cn_int(match["s"])
        if k in UNION_CONGRESS and session:
            consider(UNION_CONGRESS[k] + session - 1, f"文中提到工会{match['k']}届{match['s']}次执委会议")
    for match in _PLAN_RE.finditer(text):
        key = match["n"] if match["n"] is not None else match["m"] or ""
        if key in _PLAN_START:
            consider(_PLAN_START[key] - 1, f"文中提到“十{key}五”")
    for match in _AS_OF_YEAR.finditer(text):
        consider(int(match["y"]), f"文中统计数据截至{match['y']}年")
    return best
