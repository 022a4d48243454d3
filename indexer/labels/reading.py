"""What the readers read: an article as the splitter cut it, with its header lines sorted by what
they are (title, subtitle, speaker and author lines, dates, document number, red head) and its
text in the simplified form that is analysed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .. import patterns as P
from ..dates import PartialDate, date_line, trailing_date
from ..gazetteer import Gazetteer
from ..models import ArticleDraft, CleanDocument, Paragraph
from ..split import BYLINE, CAPTION, DATE, DOCNUM, REDHEAD, SUBTITLE, role_of
from .vocab import Vocab


@dataclass
class Header:
    """The header lines of an article sorted by what they are."""

    title: str = ""
    title_plain: str = ""
    subtitle: str | None = None
    subtitle_plain: str = ""
    bylines: list[P.Byline] = field(default_factory=list)
    dates: list[tuple[PartialDate, str]] = field(default_factory=list)  # (date, the line)
    title_date: PartialDate | None = None
    doc_number: str | None = None
    redheads: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # every header line (simplified), in order


@dataclass
class Reading:
    draft: ArticleDraft
    doc: CleanDocument
    gazetteer: Gazetteer
    vocab: Vocab
    collection_text: str = ""  # the text of every piece of the meeting collection it belongs to

    @cached_property
    def header(self) -> Header:
        known = None
        if self.draft.ordinal == 0:
            known = self.doc.metadata.get("标题") or usable_title_hint(self.doc.source.title_hint)
        return read_header(self.draft, self.gazetteer, self.vocab, known)

    @cached_property
    def body_plain(self) -> str:
        return "\n".join(p.plain for p in self.draft.body)

    @cached_property
    def opening(self) -> list[str]:
        """The first lines of the text (where a 公文 prints its number, a speech its salutation)."""
        return [p.plain.strip() for p in self.draft.body[:6]]

    @cached_property
    def ending(self) -> list[str]:
        """The signature lines and the last lines of the text (where a 公文 signs and dates)."""
        return [p.plain.strip() for p in self.draft.body[-12:] + self.draft.closing]

    @property
    def metadata(self) -> dict[str, str]:
        """What the page or file says of the document (only for the first piece of a file)."""
        return self.doc.metadata if self.draft.ordinal == 0 else {}

    @cached_property
    def title_flat(self) -> str:
        return P.compact(self.header.title_plain)


_COUPLET = re.compile(r"^[^\s，。]{3,}(?:\s[^\s，。]{3,})+$")
_SPACE_AT_PARTICLE = re.compile(r"(?<=[的和与及之])\s+(?=\S)|(?<=\S)\s+(?=[的和与及之])")


def join_title(lines: list[Paragraph], plain: bool) -> str:
    """Title lines as one title. Spaces between phrases (求真务实 锐意进取) are the typesetter's and
    kept; a space next to a particle (工作的 深入发展) is a line break and goes."""
    texts = [(p.plain if plain else p.text).strip() for p in lines]
    if not texts:
        return ""
    sep = " " if " " in texts[0] else ""
    return _SPACE_AT_PARTICLE.sub("", re.sub(r"\s+", " ", sep.join(texts))).strip()


def strip_dashes(text: str) -> str:
    return re.sub(r"^[—－\-–\s]+", "", text).strip()


def usable_title_hint(hint: str | None) -> str | None:
    """A page's <title> or a Word file's title property, when it can be a title (not 法編號:01132)."""
    if not hint or is_site_line(hint) or len(P.CJK_RE.findall(hint)) < 4:
        return None
    return hint


def _known_title_lines(lines: list[Paragraph], known: str | None) -> list[Paragraph] | None:
    """The title lines that make up the title a page or file states (its <title> or table), when
    the heading block holds other lines too (the site's name, a 令 line, a dateline)."""
    if not known or len(lines) < 2:
        return None
    target = P.compact(known)
    for start in range(len(lines)):
        joined = ""
        for end in range(start, len(lines)):
            joined += P.compact(lines[end].plain)
            if joined == target:
                return lines[start:end + 1]
            if not target.startswith(joined):
                break
    # a <title> cut short, or a headline with more than the <title>
    for line in lines:
        flat = P.compact(line.plain)
        if len(target) >= 8 and len(flat) >= 8 and (flat.startswith(target) or target.startswith(flat)):
            return [line]
    return None


def _page_and_document_titles(lines: list[Paragraph], vocab: Vocab) -> list[Paragraph]:
    """A page's headline above the document's own printed title (2007年国务院政府工作报告 /
    政府工作报告): when two lines end as titles of a type, the last is the document's, with the
    lines just above that begin it."""
    typed = [k for k, p in enumerate(lines) if vocab.doctype_of_title(P.compact(p.plain))]
    if len(typed) < 2:
        return lines
    start = typed[-1]  # (with the lines that begin it: 国务院关于印发 / “十四五”国家应急体系规划的通知)
    while start - 1 > typed[-2] and _TITLE_BEGINS.search(P.compact(lines[start - 1].plain)):
        start -= 1
    return lines[start:typed[-1] + 1]


_TITLE_BEGINS = re.compile(r"关于|(?:印发|转发|批转|发布)$")


# lines a heading block holds that are not the title: a site's label line (法編號：01132, 来源：新华网;
# not 海外留学生看两会：出国前后关注点大不同), a news agency's dateline (新华社北京3月17日电), a line of
# page numbers, a site's 政策全文
_NOT_TITLE = re.compile(
    r"^[\w\s]{1,8}[:：]\s*[\w./-]{1,14}(?:\s*[\w\s]{1,8}[:：]\s*[\w./-]{1,14})*$|电$|^[-－—\d\s:/.]+$|^附件\s*\d*\s*[:：]?$|"
    r"^[\u4e00-\u9fff]{2,6}网$|^(?:政策|文件)?(?:全文|正文|原文)$"
)


def is_site_line(text: str) -> bool:
    """A line of a heading block that is the site's or a player's, not a title's."""
    return bool(_NOT_TITLE.search(P.compact(text)))


# 工會法(01132): a database's number, not the title's; 劳动合同书 编号：: a form's field; （原标题：…）: a
# news site's note of the headline it replaced
_CODE_SUFFIX = re.compile(r"\s*[(（]\d{3,}[)）]\s*$|(?<=[书同表单])\s*编号\s*[:：]?\s*[_＿]*$|\s*[(（]原标题[:：][^()（）]*[)）]$")


def title_lines_of(lines: list[Paragraph], known_title: str | None, vocab: Vocab,
                   printed_header: str = "") -> list[Paragraph]:
    """The lines of a heading block that are the title. With `printed_header` ("speech": a
    subtitle, date or speaker under the block; "document": a 文号), lines after the site's own
    (共产党员网, a player's 00:00/00:00, 政策全文) are the document's printed title, below the page's
    headline."""
    furniture = [k for k, p in enumerate(lines) if is_site_line(p.plain)]
    if printed_header and furniture and furniture[0] > 0 and furniture[-1] < len(lines) - 1:
        printed = lines[furniture[-1] + 1:]
        # (under a 文号 only, the lines must read as a document's title: 国务院关于印发…的通知)
        if printed_header == "speech" or vocab.doctype_of_title(P.compact("".join(p.plain for p in printed))):
            return printed
    known = _known_title_lines(lines, known_title)
    if known:
        return known
    kept = [p for k, p in enumerate(lines) if k not in furniture and P.CJK_RE.search(p.plain)]
    return _page_and_document_titles(kept, vocab)


def without_notes(title: str) -> str:
    """A title without the notes printed after it: a database's number, a form's 编号, （原标题：…）,
    its own document number or （date, issuer and number）, a page title's site (…__2009年第9号国务院公报)."""
    return strip_order(_CODE_SUFFIX.sub("", title.split("__")[0] if "__" in title[4:] else title))


def strip_order(title: str) -> str:
    """科学技术部令第21号 人类遗传资源管理条例实施细则, 人社部规〔2017〕1号 关于…的通知,
    关于…的通知（吉人社办字〔2017〕21号）: the number is not part of the title."""
    match = P.ORDER.match(title) or _LEADING_NUMBER.match(title)
    if match and title[match.end():].strip():
        title = title[match.end():].strip()
    return _TRAILING_NUMBER.sub("", title).strip() or title


def strip_speaker(title: str) -> str:
    """习近平：决胜全面建成小康社会…: a news headline's speaker is not part of the speech's title."""
    match = _HEADLINE_NAME.match(title)
    return title[match.end():].strip() if match and len(title) - match.end() >= 4 else title


_HEADLINE_NAME = re.compile(rf"^(?:{P.NAME}|{P.DOTTED_NAME})[:：]\s*")
_LEADING_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}〔(?:19|20)\d{2}〕\d{1,5}号\s*")
_TRAILING_NUMBER = re.compile(
    r"[（(]\s*[\u4e00-\u9fff]{1,12}〔(?:19|20)\d{2}〕\d{1,5}号\s*[）)]$|"
    r"[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[^（）()]{2,60}[）)]$"  # （2012年11月19日长春市人民政府办公厅 长府办发〔2012〕58号）
)


def read_header(draft: ArticleDraft, gazetteer: Gazetteer, vocab: Vocab, known_title: str | None = None) -> Header:
    header = Header()
    roles = [role_of(p, gazetteer) for p in draft.header]
    printed_header = "speech" if {SUBTITLE, DATE, BYLINE} & set(roles) else "document" if DOCNUM in roles else ""
    title_lines = title_lines_of(list(draft.title_lines), known_title, vocab, printed_header)
    subtitle_lines: list[Paragraph] = []
    # a first line marked as a heading with plain lines under it, or a first line that is a
    # couplet of phrases (确立桥港时代思维 凝聚全市职工力量): the lines under it are a subtitle
    if len(title_lines) > 1 and (
        (title_lines[0].hint == "heading" and all(p.hint == "" for p in title_lines[1:]))
        or _COUPLET.match(title_lines[0].plain.strip())
    ):
        subtitle_lines = title_lines[1:]
        title_lines = title_lines[:1]
    for para, role in zip(draft.header, roles, strict=True):
        text = para.plain.strip()
        header.lines.append(text)
        if role == CAPTION:
            continue  # (read by the law readers from the header lines)
        if role == SUBTITLE or (subtitle_lines and role not in (BYLINE, DATE, DOCNUM, REDHEAD) and not P.has_sentence_punct(text)):
            subtitle_lines.append(para)
        elif role == BYLINE:
            byline = P.parse_byline(text, gazetteer)
            if byline:
                header.bylines.append(byline)
        elif role == DATE:
            date = date_line(text)
            if date:
                header.dates.append((date, text))
        elif role == DOCNUM:
            header.doc_number = header.doc_number or P.find_doc_number(text)
        elif role == REDHEAD:
            match = P.REDHEAD.match(P.compact(text))
            if match:
                header.redheads.append(match["org"])
    joined = _CODE_SUFFIX.sub("", join_title(title_lines, plain=True))
    header.doc_number = header.doc_number or (P.find_doc_number(joined[:40]) if joined != strip_order(joined) else None)
    title = strip_speaker(without_notes(join_title(title_lines, plain=False)))
    title_plain = strip_speaker(strip_order(joined))
    found = trailing_date(title_plain)
    if found:
        cut = len(found[0])
        title, title_plain, header.title_date = title[:cut].strip(), found[0], found[1]
    if subtitle_lines:
        sub = strip_dashes("".join(p.text.strip() for p in subtitle_lines))
        sub_plain = strip_dashes("".join(p.plain.strip() for p in subtitle_lines))
        found = trailing_date(sub_plain)
        if found:
            cut = len(found[0])
            sub, sub_plain = sub[:cut].strip(), found[0]
            header.title_date = header.title_date or found[1]
        header.subtitle, header.subtitle_plain = sub or None, sub_plain
    header.title, header.title_plain = title, title_plain
    return header
