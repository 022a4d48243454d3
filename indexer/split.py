"""Split: one cleaned file into its articles.

A compiled book (cover, CIP data, 前言, 目录, then the pieces) gives one article per piece with a
body and none for the cover, CIP block or table of contents; the table of contents is read for
sections, printed page numbers, dates and authors. A meeting collection (a header such as
"——在…会议上的发言摘要", then title + speaker line + text, again and again) gives one article per
speech; a file of several reports gives each.

Paragraphs that look like headings (title lines, subtitles, bylines, date lines, document
numbers) are grouped; a group starts a new article when it carries evidence of one (a subtitle, a
speaker or author line, a date under the title, a document number, a match in the table of
contents, a document title such as 关于…的通知). Numbered headings (一、 （一） 1．) and bare
headings inside a text stay in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .dates import date_line
from .gazetteer import Gazetteer
from .models import ArticleDraft, BookInfo, CleanDocument, Paragraph, TocEntry

# Roles of a paragraph for splitting.
BODY, HEADING, SUBTITLE, BYLINE, DATE, DOCNUM, REDHEAD, STRUCTURAL, CAPTION = (
    "body", "heading", "subtitle", "byline", "date", "docnum", "redhead", "structural", "caption",
)
_HEADERISH = {HEADING, SUBTITLE, BYLINE, DATE, DOCNUM, REDHEAD, STRUCTURAL, CAPTION}
_TOC_WORDS = {"目录", "目次", "目錄"}
_PREFACE_WORDS = {"前言", "序言", "序", "出版说明", "编辑说明", "编者按", "编者的话", "后记", "编后记", "引言", "导言"}
_PAGE_AT_END = re.compile(r"(?:[.…·。]{2,}\s*|\s+|\t|^)[(（]?\s*(\d{1,4})\s*[)）]?\s*$")
# a page number in brackets followed by the next entry: a table of contents laid out as one line
_PAGE_INSIDE = re.compile(r"(?<=[(（]\d)[)）]|(?<=[(（]\d\d)[)）]|(?<=[(（]\d\d\d)[)）]")
_DOTTED_LEADER = re.compile(r"\s*[.…·。]{3,}\s*")
_CIP_FIELD = re.compile(
    r"图书在版编目|CIP|ISBN|书号|版次|印次|定价|印张|开本|字数|册数|出版发行|出版者|经销|印刷|地址|邮编|电话|网址|传真|"
    r"版权所有|印装|责任编辑|封面设计|核字|^I+V?\.|^IV\.|^[IV]+\s*[.．]"
)
_CIP_TITLE = re.compile(
    r"^(?P<title>[^/／]{2,60})[/／](?P<editor>.{2,60}?)(?:主?编著?|编写|编辑|选编)?\s*[.．。]\s*[—－-]+\s*"
    r"(?P<place>[\u4e00-\u9fff]{2,6})\s*[：:]\s*(?P<publisher>.{2,30}?)\s*[，,]\s*(?P<year>(?:19|20)\d{2})"
)
_ISBN = re.compile(r"ISBN\s*([\dXx\s-]{10,20})")
_BOOK_WORDS = re.compile(r"选编|汇编|文集|文选|资料|摘编|读本|手册")
_DOC_TITLE = re.compile(
    r"^(?:.{0,40}?关于|.{0,40}?印发).{2,80}?(?:通知|意见|办法|决定|规定|细则|方案|报告|通报|批复|函|纲要|规划|制度|条例)$"
)
_COLLECTION_SUBTITLE = re.compile(r"发言摘要|讲话摘要|摘编|汇编|选编|发言摘登|交流材料|发言$")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[：:]?\s*$")


_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员|女士们|先生们|朋友们|各位来宾|尊敬的)[^。]{0,30}[！!：:]$")


# a form's field (鉴证编号：E1－, 签订日期：): text, never a title's second line
_FORM_FIELD = re.compile(r"(?:编号|日期|时间|地址|电话|姓名|名称|单位)[:：]|＿{2,}|_{3,}")


def role_of(para: Paragraph, gazetteer: Gazetteer) -> str:
    text = para.plain.strip()
    flat = P.compact(text)
    if flat in _TOC_WORDS or flat in _PREFACE_WORDS:
        return STRUCTURAL
    if P.is_caption(text):
        return CAPTION
    if len(flat) > 100:
        return BODY
    found = date_line(text)
    if found and found.month:  # (a bare year is a table cell or a heading, not a date line)
        return DATE
    if P.DATE_AND_BODY.match(flat) or P.ISSUED_LINE.match(flat):
        return DATE
    if P.is_doc_number_line(text):
        return DOCNUM
    if P.REDHEAD.match(flat) and len(flat) <= 30:
        return REDHEAD
    if "。" in text[:-1] or text.endswith(("：", ":", "；", ";", "，", ",", "、")) or _SALUTATION.match(flat) \
            or _FORM_FIELD.search(flat):
        return BODY
    if (P.SUBTITLE.match(text) or P.DATED_MEETING.match(text)) and len(flat) <= 100:
        return SUBTITLE
    if P.parse_byline(text, gazetteer):
        return BYLINE
    if text.endswith("。") and para.hint not in ("heading", "center"):
        return BODY
    limit = 100 if para.hint in ("heading", "center") else 50 if "，" in text else 60
    if len(flat) <= limit or (len(flat) <= 160 and _DOC_TITLE.match(flat) and not P.has_sentence_punct(text)):
        return HEADING  # (a 公文's title may be long)
    return BODY


@dataclass
class _Unit:
    """Title lines with the header lines around them."""

    pre: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, role)
    title: list[int] = field(default_factory=list)
    post: list[tuple[int, str]] = field(default_factory=list)


def _subtitle_incomplete(text: str) -> bool:
    return not P.COMPLETE_SUBTITLE.search(text.rstrip("）)").split("（")[0].split("(")[0])


def parse_units(indices: list[int], roles: list[str], paras: list[Paragraph]) -> list[_Unit]:
    units: list[_Unit] = []
    cur = _Unit()
    for pos, i in enumerate(indices):
        role = roles[i]
        nxt = roles[indices[pos + 1]] if pos + 1 < len(indices) else BODY
        if role == DOCNUM and cur.title and not cur.post:
            cur.post.append((i, role))  # a web page prints the number under the title
        elif role in (DOCNUM, REDHEAD):
            if cur.title or cur.post:
                units.append(cur)
                cur = _Unit()
            cur.pre.append((i, role))
        elif role == BYLINE:
            if cur.title:
                cur.post.append((i, role))
            elif nxt in (HEADING, DOCNUM, STRUCTURAL) or cur.pre:
                cur.pre.append((i, role))
            else:
                cur.post.append((i, role))
        elif role in (SUBTITLE, DATE, CAPTION):
            if cur.title or cur.post:
                cur.post.append((i, role))
            else:
                cur.pre.append((i, role))
        else:  # HEADING, STRUCTURAL
            last_post = cur.post[-1] if cur.post else None
            if (
                last_post
                and last_post[1] == SUBTITLE
                and _subtitle_incomplete(paras[last_post[0]].plain)
                and not _subtitle_incomplete(paras[i].plain)
            ):
                cur.post.append((i, SUBTITLE))  # the subtitle goes on on this line
                continue
            if cur.post or (role == STRUCTURAL and cur.title):
                units.append(cur)
                cur = _Unit()
            cur.title.append(i)
    if cur.pre or cur.title or cur.post:
        units.append(cur)
    return units


# ---------------------------------------------------------------------------------------------
# Front matter of a compiled book: cover, CIP data, table of contents.


@dataclass
class FrontMatter:
    book: BookInfo | None = None
    toc: list[TocEntry] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)  # paragraph indices that are cover, CIP or contents
    toc_sections: set[str] = field(default_factory=set)


_CIP_HEADING = re.compile(r"图书在版编目\s*[（(]\s*CIP\s*[)）]\s*数据")


def parse_cip(lines: list[str], cover: list[str]) -> BookInfo | None:
    joined = _CIP_HEADING.sub(" ", " ".join(lines))
    match = _CIP_TITLE.search(P.compact(joined))
    isbn = _ISBN.search(joined)
    isbn_text = re.sub(r"\s+", "", isbn.group(1)) if isbn else None
    if match:
        return BookInfo(
            title=match["title"].strip(), editor=match["editor"].strip(), publisher=match["publisher"].strip(),
            place=match["place"], year=int(match["year"]), isbn=isbn_text,
        )
    title = _cover_title(cover)
    return BookInfo(title=title, isbn=isbn_text) if title else None


def _cover_title(cover: list[str]) -> str | None:
    parts: list[str] = []
    for line in cover[:6]:
        flat = P.compact(line)
        if not flat or flat.isascii():
            continue
        parts.append(flat)
        if _BOOK_WORDS.search(flat):
            return "".join(parts)
    return None


def _strip_bullet(text: str) -> str:
    return re.sub(r"^[-–•·]\s+", "", text.strip())


def _is_toc_section(text: str) -> bool:
    flat = P.compact(text)
    return bool(P.SECTION_HEADING.match(flat)) and len(flat) <= 16


def parse_toc(lines: list[str]) -> tuple[list[TocEntry], set[str]]:
    entries: list[TocEntry] = []
    sections: list[str] = []
    all_sections: set[str] = set()
    buf: list[str] = []
    pieces = [piece for raw in lines for piece in _split_toc_line(raw)]
    for raw in pieces:
        text = raw.strip()
        if not text or P.compact(text) in _TOC_WORDS:
            continue
        page = _PAGE_AT_END.search(text)
        if page and (page.start() > 0 or buf):
            buf.append(text[: page.start()])
            entry = _toc_entry(buf, int(page.group(1)), sections)
            if entry:
                entries.append(entry)
            buf = []
        elif not buf and _is_toc_section(text):
            flat = P.compact(text)
            _enter_section(sections, flat)
            all_sections.add(flat)
        else:
            buf.append(text)
    # each piece runs to the page before the next one starts
    fixed: list[TocEntry] = []
    for k, entry in enumerate(entries):
        nxt = entries[k + 1].page if k + 1 < len(entries) else None
        end = nxt - 1 if nxt and entry.page and nxt > entry.page else entry.page
        fixed.append(TocEntry(entry.title, entry.subtitle, entry.date_text, entry.author, entry.page, end, entry.section))
    return fixed, all_sections


def _split_toc_line(line: str) -> list[str]:
    """`…创新发展 陈国华 (164)建立发展…` -> two entries' lines."""
    pieces: list[str] = []
    start = 0
    for match in _PAGE_INSIDE.finditer(line):
        if line[match.end():].strip():
            pieces.append(line[start:match.end()])
            start = match.end()
    pieces.append(line[start:])
    return pieces


def _is_toc_line(text: str) -> bool:
    return bool(_PAGE_AT_END.search(text) or _PAGE_INSIDE.search(text))


def _toc_entry(lines: list[str], page: int, sections: list[str]) -> TocEntry | None:
    text_lines = [_strip_bullet(line) for line in lines if line.strip()]
    if not text_lines:
        return None
    joined = " ".join(text_lines)
    author = None
    parts = _DOTTED_LEADER.split(joined)
    if len(parts) > 1 and parts[-1].strip():
        author = parts[-1].strip()
        joined = " ".join(parts[:-1])
    else:
        tabbed = re.split(r"\t|\s{2,}", joined)
        if len(tabbed) > 1 and len(tabbed[-1].strip()) <= 30:
            author = tabbed[-1].strip()
            joined = " ".join(tabbed[:-1])
    date_text = None
    date = re.search(r"[(（]\s*((?:19|20)\d{2}\s*年[^()（）]{0,12})[)）]", joined)
    if date:
        date_text = P.compact(date.group(1))
        tail = joined[date.end():].strip()
        joined = joined[: date.start()]
        if tail and not author:
            author = tail
    subtitle = None
    split = re.search(r"(?:——|－－|\s-\s*|^-\s*)(?=在|关于)|——", joined)
    if split and split.start() > 0:
        subtitle = joined[split.end():].strip(" -—")
        joined = joined[: split.start()]
    elif not split:
        speech = re.search(r"\s*(在[^，。]{2,60}?(?:上的讲话|上的发言|讲话))\s*$", joined)
        if speech and speech.start() > 0:
            subtitle = speech.group(1)
            joined = joined[: speech.start()]
    title = re.sub(r"\s+", " ", joined).strip(" -—")
    if author:
        author = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff]$)", "", author).strip()
    if not title:
        return None
    return TocEntry(title, subtitle, date_text, author or None, page, None, "／".join(sections) or None)


def find_front_matter(paras: list[Paragraph]) -> FrontMatter:
    flats = [P.compact(p.plain) for p in paras]
    limit = min(len(paras), 600)
    cip = next((i for i in range(limit) if "图书在版编目" in flats[i] or flats[i].startswith("ISBN")), None)
    toc = next((i for i in range(limit) if flats[i] in _TOC_WORDS), None)
    if cip is None and toc is None:
        return FrontMatter()
    front = FrontMatter()
    first_structural = min(i for i in (cip, toc) if i is not None)
    preface = next((i for i in range(limit) if flats[i] in _PREFACE_WORDS), None)
    cover_end = min(i for i in (first_structural, preface) if i is not None)
    cover = [p.plain for p in paras[:cover_end]]
    front.skip.update(range(cover_end))
    cip_lines: list[str] = []
    if cip is not None:
        end = cip
        for i in range(cip, min(len(paras), cip + 60)):
            if flats[i] in _PREFACE_WORDS or flats[i] in _TOC_WORDS:
                break
            if _CIP_FIELD.search(paras[i].plain) or i <= cip + 2:
                end = i
        # the CIP block starts a little before its heading on some pages (the book's title line)
        cip_lines = [p.plain for p in paras[cip:end + 1]]
        front.skip.update(range(cover_end, end + 1))
    front.book = parse_cip(cip_lines, cover) if (cip_lines or cover) else None
    if toc is not None and not _paged_toc(paras, toc):
        # a 目录 without page numbers is a document's own (a law's chapters), not a book's
        return FrontMatter()
    if toc is not None:
        last_entry = toc
        i = toc + 1
        while i < len(paras) and i - last_entry <= 8:
            if _is_toc_line(paras[i].plain.strip()) or flats[i] in _TOC_WORDS:
                last_entry = i
            i += 1
        front.toc, front.toc_sections = parse_toc([p.plain for p in paras[toc:last_entry + 1]])
        front.skip.update(range(toc, last_entry + 1))
    # front matter is made of short lines: a long paragraph (a text that lost its line breaks) is kept
    front.skip = {i for i in front.skip if len(flats[i]) <= _FRONT_MATTER_MAX}
    return front


_FRONT_MATTER_MAX = 1000


def _paged_toc(paras: list[Paragraph], toc: int) -> bool:
    """Whether the lines after 目录 list pieces with page numbers (two at least), rather than the
    chapters of one work (第一章, 第一节, 序言, 附则: a law's own contents, page numbers or not)."""
    entries = [p.plain.strip() for p in paras[toc + 1:toc + 60] if _is_toc_line(p.plain.strip())]
    chapters = sum(bool(_CHAPTER_ENTRY.match(P.compact(e))) for e in entries)
    return len(entries) >= 2 and chapters * 2 < len(entries)


_CHAPTER_ENTRY = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章节编部分]|序言|总则|附则|分则|前言|说明)")


# ---------------------------------------------------------------------------------------------


def _title_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _match_toc(title: str, toc: list[TocEntry], used: set[int]) -> int | None:
    key = _title_key(title)
    if len(key) < 4:
        return None
    for k, entry in enumerate(toc):
        if k in used:
            continue
        other = _title_key(entry.title)
        if key == other or (min(len(key), len(other)) >= 8 and (key in other or other in key)):
            return k
    return None


def split_document(doc: CleanDocument, gazetteer: Gazetteer | None = None) -> list[ArticleDraft]:
    return _Splitter(doc, gazetteer or Gazetteer.load()).split()


class _Splitter:
    """One pass over a document's paragraphs: body lines join the current piece, each block of
    heading-like lines either starts a new piece (with evidence: a header, a contents entry…) or
    stays inside the current one (its chapters, its signature), or names a part of a book."""

    def __init__(self, doc: CleanDocument, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.paras = paras = doc.paragraphs
        self.front = front = find_front_matter(paras)
        roles = [role_of(p, gazetteer) for p in paras]
        for i in front.skip:
            roles[i] = "skip"
        if not front.toc:
            # no book: 目录 is a document's own table of contents, part of its text
            roles = [BODY if r == STRUCTURAL and P.compact(paras[i].plain) in _TOC_WORDS else r for i, r in enumerate(roles)]
        for i, para in enumerate(paras):
            if roles[i] == HEADING and P.compact(para.plain) in front.toc_sections:
                roles[i] = "section"
        self.roles = roles
        # a web page is one document, whatever headings it has; so is a text that a site's
        # disclosure table or a Markdown front matter describes
        self.one_document = front.book is None and (doc.source.format == "html" or "标题" in doc.metadata)
        self.drafts: list[ArticleDraft] = []
        self.current: ArticleDraft | None = None
        self.sections: list[str] = []
        self.collection: str | None = None
        self.toc_used: set[int] = set()

    def split(self) -> list[ArticleDraft]:
        paras, roles = self.paras, self.roles
        i, n = 0, len(paras)
        while i < n:
            role = roles[i]
            if role == "section":
                _enter_section(self.sections, P.compact(paras[i].plain))
            elif role == BODY:
                if self.current is None:
                    self.start(_Unit(), None, "article")
                assert self.current is not None
                self.current.body.append(paras[i])
            if role in ("skip", "section", BODY):
                i += 1
                continue
            # a group of heading-like paragraphs
            j = i
            while j < n and roles[j] in _HEADERISH:
                j += 1
            units = parse_units(list(range(i, j)), roles, paras)
            i = j
            if self.one_document and self.current is None:
                units = _document_header_first(units)
            for position, unit in enumerate(units):
                self.place(unit, position == len(units) - 1, body_follows=i < n and roles[i] == BODY)
        kept = [d for d in self.drafts if d.body or d.kind == "preface"]
        if not kept:  # a document of which only the title is text (the rest is pictures)
            kept = [d for d in self.drafts if d.title_lines][:1]
        if len(kept) >= 2 and _is_lead(kept[0]) and kept[1].title_lines:
            kept[1].body[:0] = kept[0].body  # a page's lead above the document is part of it
            kept = kept[1:]
        for ordinal, draft in enumerate(kept):
            draft.ordinal = ordinal
        return kept

    def start(self, unit: _Unit, toc_index: int | None, kind: str) -> None:
        paras = self.paras
        draft = ArticleDraft(
            title_lines=[paras[i] for i in unit.title],
            header=[paras[i] for i, _ in unit.pre] + [paras[i] for i, _ in unit.post], body=[],
            sections=list(self.sections), collection=self.collection, book=self.front.book,
            toc=self.front.toc[toc_index] if toc_index is not None else None, ordinal=len(self.drafts), kind=kind,
        )
        self.drafts.append(draft)
        self.current = draft

    def place(self, unit: _Unit, last: bool, body_follows: bool) -> None:
        """A block of heading lines: a new piece, a part of the book, or lines of the current piece."""
        paras, current = self.paras, self.current
        title = " ".join(paras[k].plain for k in unit.title)
        toc_index = _match_toc(title, self.front.toc, self.toc_used) if unit.title else None
        evidence = _start_evidence(unit, self.roles, paras, toc_index)
        if not last and toc_index is None and (self.collection_header(unit, title) or self.book_sections(unit)):
            return
        if current is not None and current.body and unit.pre and any(r == DATE for _, r in unit.pre):
            # the signature of the piece before (issuer, date) printed right above the next title
            cut = max(pos for pos, (_, r) in enumerate(unit.pre) if r == DATE) + 1
            current.closing.extend(paras[k] for k, _ in unit.pre[:cut])
            unit.pre = unit.pre[cut:]
        if self.one_document and current is not None and _printed_header(current, unit, paras, self.gazetteer):
            # the document's own header under a page's headline and lead: the article's header
            current.title_lines = [paras[k] for k in unit.title]
            current.header = [paras[k] for k, _ in unit.pre + unit.post]
            return
        if current is not None and (self.one_document or _continues_document(current, unit, paras, self.roles, toc_index)):
            evidence = False
        attached = current is not None and current.body and _ATTACHMENT.match(P.compact(current.body[-1].plain))
        if current is None or (evidence and not attached):
            for flat in _leading_sections(unit, paras, self.front.toc_sections):
                _enter_section(self.sections, flat)
                unit.title = unit.title[1:]
            first_title = P.compact(paras[unit.title[0]].plain) if unit.title else ""
            self.start(unit, toc_index, "preface" if first_title in _PREFACE_WORDS else "article")
            if toc_index is not None:
                self.toc_used.add(toc_index)
            return
        # not a new piece: headings inside the text, or a signature at its end
        lines = [paras[k] for k, _ in unit.pre] + [paras[k] for k in unit.title] + [paras[k] for k, _ in unit.post]
        only_sign = not unit.title and all(r in (BYLINE, DATE, REDHEAD) for _, r in unit.pre + unit.post)
        if only_sign and (not body_follows or any(p.hint == "right" for p in lines)):
            current.closing.extend(lines)
        else:
            current.body.extend(lines)

    def collection_header(self, unit: _Unit, title: str) -> bool:
        """A header over the pieces that follow (以改革创新精神…——在…会议上的发言摘要): their collection."""
        if not unit.title or self.one_document or not any(r == SUBTITLE for _, r in unit.post):
            return False
        sub = " ".join(self.paras[k].plain for k, r in unit.post if r == SUBTITLE)
        if _COLLECTION_SUBTITLE.search(sub) or "会" in sub:
            self.collection = (title + sub).strip()
            return True
        return False

    def book_sections(self, unit: _Unit) -> bool:
        """Bare headings before a piece: parts and sections of a book."""
        if not unit.title or unit.post or unit.pre:
            return False
        flats = [P.compact(self.paras[k].plain) for k in unit.title]
        if not all(P.SECTION_HEADING.match(f) for f in flats):
            return False
        for flat in flats:
            _enter_section(self.sections, flat)
        return True


_LAW_TITLE = re.compile(r"(?:法|条例|规定|办法|细则|规则|章程|准则|解释|决定|规程)(?:（[^）]{0,20}）)?$")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
_FORWARD = re.compile(r"(?:转发|印发|批转|颁发|发布)")


def _is_lead(draft: ArticleDraft) -> bool:
    """A few lines without a title above the first titled piece: a page's lead or a photo's
    caption (3月5日，…国务院总理李克强作政府工作报告。), not a piece of its own."""
    return (not draft.title_lines and not draft.header and len(draft.body) <= 2
            and sum(len(p.plain) for p in draft.body) < 200)


def _is_document(draft: ArticleDraft) -> bool:
    """A 公文 or a law: its header has a document number or red head, or its title is one's."""
    title = P.compact("".join(p.plain for p in draft.title_lines))
    if any(P.is_doc_number_line(p.plain) or P.REDHEAD.match(P.compact(p.plain)) or P.is_caption(p.plain)
           for p in draft.header):
        return True
    if _DOC_TITLE.match(title):
        return True
    return bool(_LAW_TITLE.search(title)) and any(_ARTICLE.match(p.plain) for p in draft.body[:40])


def _continues_document(current: ArticleDraft, unit: _Unit, paras: list[Paragraph], roles: list[str],
                        toc_index: int | None) -> bool:
    """Whether a heading block inside a 公文 or a law is still part of it: its chapters, an
    attachment, the document a 转发/印发 notice forwards. A new document needs a header of its own
    (a document number or red head), an entry of the book's contents, or, after the signature of
    the one before, a document title that is not the one forwarded."""
    if toc_index is not None:
        return False
    if unit.title and current.title_lines and _title_key(paras[unit.title[-1]].plain) == _title_key(current.title_lines[-1].plain):
        return True  # its title again: the next page of an article crawled page by page
    if not _is_document(current) or any(r in (DOCNUM, REDHEAD) for _, r in unit.pre + unit.post):
        return False
    title = P.compact("".join(paras[k].plain for k in unit.title))
    current_title = P.compact("".join(p.plain for p in current.header + current.title_lines))
    if not current.closing and not any(date_line(p.plain) for p in current.body[-3:]):
        return True  # no signature yet: still inside the document
    if _ATTACHMENT.match(title) or title.startswith("附件") or any(
            _ATTACHMENT.match(P.compact(p.plain)) or P.compact(p.plain).startswith("附件") for p in current.body):
        return True
    key = re.sub(r"^关于|的", "", title)[:10]
    if _FORWARD.search(current_title) and key and key in current_title.replace("的", ""):
        return True
    return not _DOC_TITLE.match(title)


def _dated(unit: _Unit) -> bool:
    """A heading block with a date line, a speaker or a 题注 under its title."""
    return any(r in (DATE, BYLINE, CAPTION) for _, r in unit.post)


def _printed_header(current: ArticleDraft, unit: _Unit, paras: list[Paragraph], gazetteer: Gazetteer) -> bool:
    """Whether `unit`, a title with its date line or speaker under it, is the header the document
    printed under a web page's headline (whose own header has neither), near the top."""
    if not unit.title or not _dated(unit):
        return False
    if any(role_of(p, gazetteer) in (DATE, BYLINE, CAPTION, DOCNUM) for p in current.header):
        return False
    return len(current.body) <= 6 and not P.NUMBERED_HEADING.match(paras[unit.title[0]].plain)


def _document_header_first(units: list[_Unit]) -> list[_Unit]:
    """A web page prints its headline, then the document's own header (its title with the date line
    and the speaker under it): the page's headline, and what stands between, give way to it."""
    if len(units) < 2 or _dated(units[0]):
        return units
    for k, unit in enumerate(units[1:3], start=1):
        if unit.title and _dated(unit):
            return units[k:]
    return units


def _enter_section(sections: list[str], flat: str) -> None:
    """Parts (…篇, 第一部分) are the top level, numbered sections (一、…) the level below."""
    level = 0 if flat.endswith("篇") or flat.startswith("第") else 1
    del sections[level:]
    sections.append(flat)


def _leading_sections(unit: _Unit, paras: list[Paragraph], toc_sections: set[str]) -> list[str]:
    """Part and section headings printed above a piece's title, in the same heading block."""
    if len(unit.title) < 2:
        return []
    leading: list[str] = []
    for k in unit.title[:-1]:
        flat = P.compact(paras[k].plain)
        # (a column's short heading over a marked-up headline: 详细新闻 / 李克强会见白俄罗斯总统)
        column = len(flat) <= 6 and paras[k].hint == paras[k + 1].hint == "heading" and len(P.compact(paras[k + 1].plain)) >= 8
        if flat in toc_sections or column or P.SECTION_HEADING.match(flat) and (
                P.NUMBERED_HEADING.match(flat) or flat.endswith("篇")):
            leading.append(flat)
        else:
            break
    return leading


def _start_evidence(unit: _Unit, roles: list[str], paras: list[Paragraph], toc_index: int | None) -> bool:
    if toc_index is not None:
        return True
    if any(r in (DOCNUM, REDHEAD) for _, r in unit.pre + unit.post):
        return True
    if not unit.title:
        return False
    first = paras[unit.title[0]]
    flat = P.compact(first.plain)
    if flat in _PREFACE_WORDS:
        return True
    if P.NUMBERED_HEADING.match(first.plain):
        return False
    if any(r in (SUBTITLE, BYLINE, DATE) for _, r in unit.post):
        return True
    if any(r == BYLINE for _, r in unit.pre):
        return True
    title = P.compact("".join(paras[k].plain for k in unit.title))
    return bool(_DOC_TITLE.match(title)) or (first.hint == "heading" and len(title) >= 6)
