"""Clean: normalise characters, strip web boilerplate, rejoin lines broken inside sentences, drop
paragraphs that OCR printed twice, write document numbers one way, and keep a simplified copy of
traditional text for analysis (the original is what people see)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import patterns as P
from .dates import date_line
from .gazetteer import Gazetteer
from .models import CleanDocument, ExtractedDocument, Paragraph
from .pagemeta import add as add_metadata
from .pagemeta import cleaned as cleaned_metadata
from .pagemeta import is_table_residue, parse_meta_line

# zero-width and direction marks, soft hyphens, and private-use code points (scraping debris)
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad\ue000-\uf8ff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_HAS_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
# 二○一○年 / 二O一O年: look-alikes of 〇 inside a year written in Chinese numerals
_CN_YEAR = re.compile("[〇○◯OoＯ０0零一二三四五六七八九]{4}(?=\\s*年)")
_ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAS_ASCII_PUNCT = re.compile(r"[,;:?!]")
_CJK_NEIGHBOUR_PUNCT = re.compile(rf"(?<=[{P.CJK}])([,;:?!])|([,;:?!])(?=[{P.CJK}])")
_CJK_PAREN = re.compile(rf"\((?=[^()]*[{P.CJK}])([^()]{{0,60}})\)")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{P.CJK}])\s+(?=[\d])|(?<=[\d])\s+(?=[{P.CJK}])")
_SPACE_NEAR_PUNCT = re.compile(r"\s+(?=[，。；：、！？）》」』”])|(?<=[，。；：、！？（《「『“])\s+")
_LETTER_SPACED = re.compile(rf"^[{P.CJK}](?:\s+[{P.CJK}])+$")
_CJK_SPACE_CJK = re.compile(rf"(?<=[{P.CJK}])\s+(?=[{P.CJK}])")
_ARTICLE_NUMBER = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条章节]$")

# Lines that a web site wraps around an article (upload time, source, counters, share buttons…).
_WEB_META = re.compile(
    r"^[（(【\[]?(?:(?:发布|更新|上传|录入|添加|发表)?(?:时间|日期)|来源|作者|编辑|责任编辑|浏览(?:次数)?|点击(?:数|率)?|阅读(?:数|量)?|"
    r"字号|【?字体|打印|关闭|分享到|上一篇|下一篇|相关(?:阅读|文章|链接|推荐)|扫一扫|版权所有|Copyright|当前位置|您的位置|"
    r"首页\s*[>＞]|网站地图|联系我们|免责声明)\s*[:：>＞【]?",
    re.I,
)
_BREADCRUMB = re.compile(r"^(?:>>|»|＞＞)|^.{1,40}\s(?:>>|»|＞＞)\s|(?:\s*(?:>>?|»|＞|→)\s*[^>»＞→]{1,12}){2,}\s*$")
_WEB_NOISE = re.compile(r"^[【\[]?\s*(?:E-?mail推荐|打印(?:本页|此页)?|关闭(?:窗口)?|收藏|纠错|分享|查看原文|阅读原文|返回顶部|返回列表)\s*[】\]]?\s*(?:-->)?$|^[【】\[\]×]$|"
                        r"^.{0,40}(?:19|20)\d{2}\s*[-年.]\s*\d{1,2}\s*[-月.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:时]\s*\d{1,2}\s*分?)?\s+来源\s*[:：]|"
                        r"^.{0,20}(?:微信扫一扫|扫一扫|收听本文|分享到|收藏本页|打印本页|关闭窗口).{0,20}$|来源于网友上传|不代表本站观点|若需要原创文章|欢迎参考|本站(?:所有|部分)|ICP备|转载请注明|版权归原作者|网站标识码")
_GLUED_FURNITURE = re.compile(r"(?:更多信息请关注|欢迎关注我们|请关注官方微信|扫码关注|附件下载[:：]|E-?mail推荐[:：]?|"
                              r"主办单位[:：]|版权所有\s*[©:：]?)[^。]{0,80}$")
_WEB_DATE = re.compile(r"(?:发布|更新|上传|发表)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")
# a document number split over two lines: 苏发〔2010〕| 59号, or 苏发 | 〔2010〕59号
_OPEN, _CLOSE = "[〔\\[【（(［]", "[〕\\]】）)］]"
_DOC_NUMBER_SPLIT = (
    (re.compile(r"令\s*$"), re.compile(r"^[（(]?\s*第\s*[\d一二三四五六七八九十百零〇]+\s*号")),  # 国务院令 | 第535号
    (re.compile(rf"{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}?\s*$"), re.compile(rf"^{_CLOSE}?\s*第?\s*\d{{1,5}}\s*号")),
    (re.compile(r"^[\u4e00-\u9fff]{1,8}$"), re.compile(rf"^{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}\s*第?\s*\d{{1,5}}\s*号")),
)
_PARTICLE_END = "的了和与及在对把被为从向将是并而但或即其之所于以由给跟同让使"
# words whose last character is also a particle: a line ending with them is complete (劳动合同)
_NOUNS_ENDING_AS_PARTICLES = ("合同", "目的", "标的")
_CONTINUATION_END = "，、（“《‘「『—-·"
_CLOSING_START = "，。、；：）」』”’！？》"


@dataclass(frozen=True)
class Line:
    text: str
    plain: str  # simplified form of `text` (the same when the document is simplified)
    page: int | None
    hint: str
    blank_before: bool

    def with_text(self, text: str, traditional: bool) -> Line:
        return Line(text, to_simplified(text) if traditional else text, self.page, self.hint, self.blank_before)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


@lru_cache(maxsize=1)
def _changed_by_t2s() -> np.ndarray:
    """Code point -> whether t2s changes the character on its own (about 5,000 do): a text with
    none of them is already simplified, and OpenCC (a C call that copies the whole text, ten
    times slower than this lookup) is skipped for it."""
    chars = [chr(c) for first, last in _HAN_RANGES for c in range(first, last + 1)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    table = np.zeros(_HAN_RANGES[-1][1] + 1, dtype=bool)
    if len(converted) != len(chars):  # not one to one: always convert
        for first, last in _HAN_RANGES:
            table[first:last + 1] = True
        return table
    for char, simple in zip(chars, converted, strict=True):
        table[ord(char)] = simple != char
    return table


def _may_be_traditional(text: str) -> bool:
    table = _changed_by_t2s()
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return bool(table[np.minimum(points, len(table) - 1)].any())


def to_simplified(text: str) -> str:
    """Simplified characters for analysis, with the same length as `text` so that positions found
    in the simplified text mark the same characters in the original."""
    if not _may_be_traditional(text):
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _t2s().convert
    out = []
    for ch in text:
        simple = convert(ch)
        out.append(simple if len(simple) == 1 else ch)
    return "".join(out)


def is_traditional(text: str) -> bool:
    """Enough characters change under t2s conversion to call the text traditional."""
    sample = P.NOT_CJK_RE.sub("", text[:6000])
    if len(sample) < 10:
        return False
    before = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    after = np.frombuffer(to_simplified(sample).encode("utf-32-le"), dtype=np.uint32)
    return int(np.count_nonzero(before != after)) / len(sample) > 0.03


_ESCAPED_CODE_POINT = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")
_COMMENT_DEBRIS = re.compile(r"^\s*(?:<!--|-->|//\s*-->|//\s*<!\[CDATA\[|//\s*\]\]>)\s*$")


def normalize_chars(text: str) -> str:
    """Full-width letters and digits to ASCII, odd spaces to one space, invisible and control
    characters out, look-alikes of 〇 in Chinese-numeral years fixed, ASCII punctuation next to
    Chinese characters made full-width. (Each rewrite runs only when its characters are there.)"""
    if "<U+" in text:  # a crawler's escapes of characters it could not write: <U+00A0>
        text = _ESCAPED_CODE_POINT.sub(lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x110000 else "", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", text)
        if _HAS_FULLWIDTH_ALNUM.search(text):
            text = text.translate(_FULLWIDTH_ALNUM)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    if "年" in text:
        text = _CN_YEAR.sub(lambda m: re.sub("[○◯OoＯ０0零]", "〇", m.group(0)), text)
    if "(" in text:
        text = _CJK_PAREN.sub(lambda m: f"（{m.group(1)}）", text)
    if _HAS_ASCII_PUNCT.search(text):
        text = _CJK_NEIGHBOUR_PUNCT.sub(lambda m: _ASCII_TO_CJK_PUNCT[m.group(1) or m.group(2)], text)
    return text


def tidy_spaces(text: str, body: bool) -> str:
    """Spaces that typesetting or OCR put where Chinese has none."""
    text = text.strip()
    if " " not in text:
        return text
    if _LETTER_SPACED.match(text):  # 中 共 苏 州 市 委, 目 录
        return re.sub(r"\s+", "", text)
    text = _SPACE_CJK_DIGIT.sub("", text)
    text = _SPACE_NEAR_PUNCT.sub("", text)
    if body:  # OCR and justified typesetting put spaces between characters; not after 第一条
        text = _CJK_SPACE_CJK.sub(lambda m: m.group(0) if _ARTICLE_NUMBER.search(text, 0, m.start()) else "", text)
    return re.sub(r" {2,}", " ", text)


def take_metadata_lines(lines: list[Line], metadata: dict[str, str]) -> list[Line]:
    """The disclosure table a crawled page printed as text (索 引 号：… 发文机关：… 成文日期：…)
    into `metadata`, out of the text: a run of such lines near the top or the end, with at least
    two of the table's labels. Lines left of a table whose values are known go too."""
    keep = [True] * len(lines)
    run: list[tuple[int, dict[str, str]]] = []

    def close_run() -> None:
        names = {name for _, found in run for name in found}
        if len(run) >= 2 or len(names) >= 2:
            for index, found in run:
                keep[index] = False
                for name, value in found.items():
                    add_metadata(metadata, name, value)
        run.clear()

    edge = set(range(min(40, len(lines)))) | set(range(max(0, len(lines) - 20), len(lines)))
    for index, line in enumerate(lines):
        found = parse_meta_line(line.plain.strip()) if index in edge else None
        if found is None:
            close_run()
        else:
            run.append((index, found))
    close_run()
    for index, line in enumerate(lines):
        if keep[index] and index in edge and is_table_residue(line.plain, metadata):
            keep[index] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def strip_web_boilerplate(lines: list[Line]) -> tuple[list[Line], list[str], str | None]:
    """Drop a site's wrapping lines; return what is kept, what was dropped and the upload date the
    site showed (never the document's own date)."""
    kept: list[Line] = []
    dropped: list[str] = []
    uploaded = None
    for line in lines:
        text = line.text.strip()
        plain = line.plain.strip()
        if len(plain) > 160:  # (the site's lines are short)
            kept.append(line)
            continue
        date = _WEB_DATE.search(plain)
        if (_WEB_META.match(plain) and len(plain) < 120) or _WEB_NOISE.search(plain) or _BREADCRUMB.search(plain):
            dropped.append(text)
            if date and uploaded is None:
                uploaded = date.group(1)
            continue
        kept.append(line)
    # a site's invitation glued to the end of the text: …2023年11月30日更多信息请关注官方微信“河北人社”
    for k in range(max(0, len(kept) - 3), len(kept)):
        glued = _GLUED_FURNITURE.search(kept[k].plain)
        if glued and glued.start() > 0:
            dropped.append(glued.group(0))
            kept[k] = kept[k].with_text(kept[k].text[:glued.start()].rstrip(), kept[k].plain != kept[k].text)
    if dropped:
        # a web page repeats its title above the article: keep the first of identical short lines
        seen: set[str] = set()
        deduped = []
        for line in kept[:8]:
            key = P.compact(line.plain)
            if key in seen and len(key) < 60:
                dropped.append(line.text)
                continue
            seen.add(key)
            deduped.append(line)
        kept = deduped + kept[8:]
    return kept, dropped, uploaded


def drop_repeated_title(lines: list[Line]) -> list[Line]:
    """A title given twice at the top, the second time as printed over two or three lines (a
    crawl's title field, then the page): the first kept."""
    if len(lines) < 3:
        return lines
    first = P.compact(lines[0].plain)
    if not 8 <= len(first) <= 160:
        return lines
    for count in (2, 3):
        following = "".join(P.compact(line.plain) for line in lines[1:1 + count])
        if following == first:
            return lines[:1] + lines[1 + count:]
    return lines


def _unclosed(text: str) -> bool:
    return any(text.count(a) > text.count(b) for a, b in ("《》", "“”", "（）", "「」", "『』", "()"))


def _fragment(text: str) -> bool:
    """A scrap of a sentence OCR left on a line of its own (先后, 出台了)."""
    return (
        len(text) <= 3
        and bool(P.CJK_RE.match(text))
        and text not in P.STRUCTURAL_WORDS
        and not P.is_name(text)
        and date_line(text) is None
    )


def _headerish(text: str, gazetteer: Gazetteer) -> bool:
    """A line that belongs to a heading block: subtitle, byline, date, document number."""
    if (len(text) > 80 and not P.is_caption(text)) or ("。" in text and not P.SUBTITLE.match(text)):
        return False
    return bool(
        P.SUBTITLE.match(text)
        or P.is_caption(text)
        or date_line(text)
        or P.is_doc_number_line(text)
        or P.parse_byline(text, gazetteer)
    )


def _starts_next_piece(y: str, after: list[Line], gazetteer: Gazetteer) -> bool:
    """`y` is the title of the next piece: a subtitle or byline follows it, perhaps after a
    second title line."""
    if _fragment(y) or P.has_sentence_punct(y) or len(y) > 60:
        return False
    for nxt in after[:2]:
        text = nxt.plain.strip()
        if _headerish(text, gazetteer):
            return True
        if P.has_sentence_punct(text) or len(text) > 60 or _fragment(text):
            return False
    return False


def should_join(a: Line, b: Line, after: list[Line], wrap_width: int | None, gazetteer: Gazetteer) -> bool:
    """Whether line `b` goes on with the sentence that line `a` left unfinished (`after`: the
    lines following `b`)."""
    x, y = a.plain.strip(), b.plain.strip()
    closing = [line.plain for line in [b, *after[:2]]]
    if x and y and x[0] in "（(" and _unclosed(x) and any("）" in c or ")" in c for c in closing) and len(x) + len(y) < 400:
        return True  # a bracketed line (a law's 题注) broken in two or three
    if not x or not y or a.hint in ("heading", "center", "right") or b.hint in ("heading", "center", "right"):
        return False
    if P.NUMBERED_HEADING.match(y) or P.SUBTITLE.match(y) or P.REDHEAD.match(y):
        return False
    if any(head.search(x) and tail.match(y) for head, tail in _DOC_NUMBER_SPLIT):
        return True
    if _starts_next_piece(y, after, gazetteer):
        return False
    if _headerish(y, gazetteer) and not _fragment(y):
        return False
    if y[0] in _CLOSING_START:
        return True
    last = x[-1]
    if last in P.SENTENCE_END or x.endswith(tuple(f"{e}{q}" for e in P.SENTENCE_END for q in P.CLOSING_QUOTES)):
        return False
    if last in "：:；;":
        return False
    # a hard-wrapped text: a full line runs on unless the next line is indented
    if wrap_width and len(x) >= wrap_width - 1 and not b.blank_before and not b.text.startswith((" ", "　")):
        return True
    if last in _CONTINUATION_END or _unclosed(x):
        return True
    if _fragment(y) or _fragment(x):
        return True
    starts_text = bool(P.CJK_RE.match(y[0]) or y[0].isdigit() or y[0] in "“《（")
    if last in _PARTICLE_END and starts_text and not x.endswith(_NOUNS_ENDING_AS_PARTICLES):
        return True
    if not starts_text or not P.has_sentence_punct(x):
        return False
    # a sentence cut at the end of a line or page: several sentences, or a long one, with no full
    # stop; or the cut falls inside a word (凝|聚). A short line with commas may be a heading.
    return "。" in x[:-1] or len(x) >= 60 or _cuts_a_word(x, y)


def _cuts_a_word(x: str, y: str) -> bool:
    """Whether the line break falls inside a word: 理论凝|聚职工 -> 凝聚."""
    from .segment import cut

    left, right = x[-4:], y[:4]
    position = 0
    for word in cut(left + right):
        if position < len(left) < position + len(word) and len(word) >= 2:
            return True
        position += len(word)
    return False


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width a hard-wrapped text was cut at, if it was: many lines of the same length."""
    lengths = [len(line.text.strip()) for line in lines if len(line.text.strip()) >= 20]
    if len(lengths) < 10:
        return None
    top = max(lengths, key=lengths.count)
    near = sum(1 for n in lengths if top - 1 <= n <= top)
    return top if near / len(lengths) > 0.4 else None


_POST_ALONE = re.compile(rf"^.{{0,30}}(?:{P.POSTS})$")
# 政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上国务院总理 李克强: a crawler glued
# the title, the date-and-meeting line and the speaker line of a speech into one line
_GLUED_HEADER = re.compile(
    r"^(?P<title>[^—]{2,40}?)?(?P<sub>(?:——|(?=(?:19|20)\d{2}年))\s*(?:(?:19|20)\d{2}年.{1,8}日\s*)?在.{2,70}?(?:会议|大会|会|论坛)上"
    r"(?:的[\u4e00-\u9fff]{2,6})?)(?P<by>.{2,40})?$"
)


def split_glued_header(lines: list[Line], gazetteer: Gazetteer) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        plain = line.plain.strip().rstrip("。")
        glued = len(plain) <= 160 and "在" in plain and "上" in plain and ("——" in plain or "年" in plain[:8])
        match = _GLUED_HEADER.match(plain) if glued else None
        if match and "。" not in plain and (match["title"] or match["by"]) and (
                not match["by"] or P.parse_byline(match["by"], gazetteer)):
            for start, end in ((m, e) for m, e in (match.span("title"), match.span("sub"), match.span("by")) if m >= 0):
                text = line.text.strip()[start:end].strip()
                if text:
                    out.append(Line(text, plain[start:end].strip(), line.page, line.hint, line.blank_before))
        else:
            out.append(line)
    return out


def rejoin_broken_lines(lines: list[Line], gazetteer: Gazetteer) -> list[Line]:
    width = wrap_width(lines)
    out: list[Line] = []
    for i, line in enumerate(lines):
        if out and _POST_ALONE.match(out[-1].plain.strip()) and P.is_name(line.plain.strip()):
            prev = out[-1]  # 国务院总理 | 李克强: a speaker line broken after the post
            out[-1] = Line(prev.text.rstrip() + " " + line.text.strip(), prev.plain.rstrip() + " " + line.plain.strip(),
                           prev.page, prev.hint, prev.blank_before)
            continue
        if out and should_join(out[-1], line, lines[i + 1:i + 3], width, gazetteer):
            prev = out[-1]
            sep = "" if (P.CJK_RE.match(prev.text.strip()[-1:] or "x") or not line.text.strip()[:1].isascii()) else " "
            out[-1] = Line(
                prev.text.rstrip() + sep + line.text.strip(), prev.plain.rstrip() + sep + line.plain.strip(),
                prev.page, prev.hint, prev.blank_before,
            )
        else:
            out.append(line)
    return out


def drop_repeated_spans(paragraphs: list[Paragraph], min_chars: int = 40, max_chars: int = 2_000_000) -> list[Paragraph]:
    """Remove text that OCR printed a second time (a repeated paragraph, or a page scanned twice
    with the repeat starting mid-paragraph): every later copy of a run of `min_chars` or more
    characters that already appeared is cut, and paragraphs left empty go."""
    joined = "\n".join(p.plain for p in paragraphs)
    n, k, step = len(joined), min_chars, 4
    if n < 2 * k or n > max_chars or not _may_repeat(joined, k):
        return paragraphs
    # windows of the text seen so far, indexed every `step` characters to keep memory small
    seen: dict[str, int] = {}
    remove = bytearray(n)
    i = 0
    while i + k <= n:
        if joined[i] == "\n":  # a copy starts with its first character, not the line break before it
            i += 1
            continue
        j = seen.get(joined[i:i + k])
        if j is not None and j + k <= i:
            back = 0
            while (
                j - back > 0
                and joined[i - back - 1] != "\n"
                and not remove[i - back - 1]
                and joined[j - back - 1] == joined[i - back - 1]
                and j + k <= i - back - 1
            ):
                back += 1
            length = k
            while i + length < n and j + length < i - back and joined[j + length] == joined[i + length]:
                length += 1
            remove[i - back:i + length] = b"\x01" * (length + back)
            i += length
            continue
        if i % step == 0:
            seen.setdefault(joined[i:i + k], i)
        i += 1
    if not any(remove):
        return paragraphs
    out: list[Paragraph] = []
    pos = 0
    for para in paragraphs:
        span = remove[pos:pos + len(para.plain)]
        pos += len(para.plain) + 1
        if not any(span):
            out.append(para)
            continue
        text = "".join(ch for ch, gone in zip(para.text, span, strict=False) if not gone)
        plain = "".join(ch for ch, gone in zip(para.plain, span, strict=False) if not gone)
        if text.strip():
            out.append(Paragraph(text.strip(), plain.strip(), para.page, para.hint))
    return _merge_cut_paragraphs(out)


def _may_repeat(text: str, min_chars: int) -> bool:
    """Whether some run of `min_chars` characters could occur twice: a repeated run that long holds
    a whole chunk of half its length starting at a multiple of that length, and that chunk then
    occurs before (found at C speed)."""
    half = min_chars // 2
    rfind = text.rfind
    return any(rfind(text[i:i + half], 0, i) >= 0 for i in range(half, len(text) - half + 1, half))


def _merge_cut_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """After a repeat is cut, a paragraph that ends mid-sentence runs on into the next one."""
    out: list[Paragraph] = []
    for para in paragraphs:
        if out and out[-1].hint == "" and para.hint == "":
            prev = out[-1].plain
            if prev and prev[-1] not in P.SENTENCE_END + "：:；" + P.CLOSING_QUOTES and len(prev) >= 20 \
                    and P.has_sentence_punct(prev) and P.CJK_RE.match(para.plain[:1]):
                out[-1] = Paragraph(out[-1].text + para.text, out[-1].plain + para.plain, out[-1].page, out[-1].hint)
                continue
        out.append(para)
    return out


_INDENT_RUN = re.compile("\u3000{2,}")
_CRAWLED_LINE = 200  # a line this long holding indented paragraphs is a page that lost its line breaks


def _crawled_paragraphs(lines: list[str]) -> list[str]:
    """Lines of a crawled page that lost its line breaks but kept each paragraph's indent (two
    ideographic spaces), split at those indents: …请遵照执行。　　附件：…　　财政部科技部　　2023年12月28日."""
    split: list[str] = []
    for line in lines:
        if len(line) < _CRAWLED_LINE or "\u3000\u3000" not in line:
            split.append(line)
            continue
        parts = [part for part in _INDENT_RUN.split(line) if part.strip()]
        # (not a form's letter spacing: 甲　　　方, 性　　别)
        if len(parts) >= 3 and all(len(part.strip()) >= 4 for part in parts):
            split.extend(parts)
        else:
            split.append(line)
    return split


# a line that starts with a document number run into what follows it (the 主送 or the text):
# 国发〔2015〕32号各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
_LEADING_DOC_NUMBER = re.compile(
    r"^\s*(?P<number>[\u4e00-\u9fff]{1,8}\s*[〔\[【［﹝]\s*(?:19|20)\d{2}\s*[〕\]】］﹞]\s*第?\s*\d{1,5}\s*号)"
    r"(?P<rest>(?!文|精神|规定|要求|等|和|及|[，、。）)\s])[\u4e00-\u9fff].{3,})$"
)


# 各位代表：? — a character an encoding lost after a colon that ends the line
_LOST_AFTER_COLON = re.compile(r"(?<=[：:])\s*[?？]+\s*$")


def _split_leading_doc_number(lines: list[str]) -> list[str]:
    split: list[str] = []
    for line in lines:
        glued = _LEADING_DOC_NUMBER.match(line)
        split.extend((glued["number"], glued["rest"]) if glued else (line,))
    return split


def _lines_of(doc: ExtractedDocument) -> list[Line]:
    lines: list[Line] = []
    blank = True
    for block in doc.blocks:
        for raw in _split_leading_doc_number(_crawled_paragraphs(block.text.splitlines())):  # (\r, \x0b, \x1c-\x1e, \x85, \u2028 … end lines too)
            text = normalize_chars(raw)
            if "?" in text or "？" in text:
                text = _LOST_AFTER_COLON.sub("", text)
            if not text.strip() or _COMMENT_DEBRIS.match(text):
                blank = True
                continue
            lines.append(Line(text.strip(), text.strip(), block.page, block.hint, blank))
            blank = False
    return lines


def clean_document(doc: ExtractedDocument, gazetteer: Gazetteer | None = None) -> CleanDocument:
    gazetteer = gazetteer or Gazetteer.load()
    lines = _lines_of(doc)
    traditional = is_traditional("".join(line.text for line in lines[:400]))
    if traditional:
        lines = [line.with_text(line.text, True) for line in lines]
    metadata = dict(doc.metadata)
    lines = take_metadata_lines(lines, metadata)
    lines, dropped, uploaded = strip_web_boilerplate(lines)
    lines = drop_repeated_title(lines)
    lines = [line.with_text(tidy_spaces(line.text, body=False), traditional) for line in lines]
    lines = split_glued_header(lines, gazetteer)
    lines = rejoin_broken_lines(lines, gazetteer)
    paragraphs: list[Paragraph] = []
    for line in lines:
        text = tidy_spaces(line.text, body=len(line.text) > 30 and P.has_sentence_punct(line.text))
        text = P.normalize_doc_numbers(text)
        plain = to_simplified(text) if traditional else text
        if text:
            paragraphs.append(Paragraph(text, plain, line.page, line.hint))  # type: ignore[arg-type]
    if uploaded and not doc.web_published:
        doc.web_published = uploaded
    return CleanDocument(doc, paragraphs, traditional, dropped, cleaned_metadata(metadata))


def clean_text(text: str) -> list[Paragraph]:
    """The cleaner on a bare string (for tests and the command line)."""
    from .extract import text_blocks

    return clean_document(ExtractedDocument("<text>", "txt", text_blocks(text))).paragraphs

