"""Label: title, subtitle, type, date and year, province and city, speaker, issuer, document
number, topics and keywords of one article, each with where it came from.

Place is decided by who issued or spoke (the speaker's posts, the issuing body, 某市总工会 in the
title, the meeting a speech was given at), never by places the text merely mentions. A web page's
upload date is never the document's date."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from . import patterns as P
from .clean import to_simplified
from .dates import PartialDate, date_line, find_dates, infer_year, trailing_date
from .gazetteer import NATIONAL, Gazetteer, Place
from .keywords import extract_keywords
from .models import Article, ArticleDraft, CleanDocument, FileOrigin, Paragraph, Source
from .segment import get_segmenter, search_form
from .split import BYLINE, DATE, DOCNUM, REDHEAD, SUBTITLE, role_of
from .topics import Taxonomy, assign_topics

# Where a label came from, in the words the curator reads in `gonghui inspect`.
FROM_TITLE_DATE = "标题下的日期"
FROM_SIGNATURE = "落款"

_SPEECH_SUBTITLE = re.compile(r"(?:讲话|发言|致辞|讲话摘要|发言摘要|致词|演讲|报告会上)[^\u4e00-\u9fff]*$")
_TITLE_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:调研报告|调查报告|调查与思考|研究报告|调研与思考)"), "调研报告"),
    (re.compile(r"(?:通知|通报|紧急通知)$"), "通知"),
    (re.compile(r"(?:意见|指导意见|实施意见)$"), "意见"),
    (re.compile(r"(?:办法|细则|规定|规则|条例|制度|规程|守则)$"), "办法"),
    (re.compile(r"决定$"), "决定"),
    (re.compile(r"(?:工作报告|报告)$"), "报告"),
    (re.compile(r"(?:讲话|致辞|致词|发言|讲话稿)$"), "讲话"),
    (re.compile(r"(?:纪实|侧记)$"), "纪实"),
)
_SECTION_TYPES: tuple[tuple[str, str], ...] = (
    ("讲话", "讲话"), ("论文", "论文"), ("调研", "调研报告"), ("调查", "调研报告"), ("经验", "经验材料"),
    ("交流", "经验材料"), ("典型", "经验材料"),
)
_SPEECH_BODY = re.compile(r"^(?:同志们|各位领导|各位代表|各位来宾|女士们)|我讲|下面，?我|我就|我代表|我谈")
_PAPER_BODY = re.compile(r"摘\s*要[:：]|关键词[:：]|参考文献")
_EXPERIENCE_BODY = re.compile(r"近年来|近几年|多年来|几年来|\d+年来|以来，|取得了|主要做法|成效")
_MEETING_IN_OPENING = re.compile(
    r"(?:这次|本次|今天的|这个|此次)(?P<meeting>[^，。；]{2,40}?(?:会议|大会|座谈会|培训班|研讨班|现场会|交流会|论坛|研讨会))"
)
_TITLE_ISSUER = re.compile(r"^(?P<org>[^关于]{2,40}?)(?:关于|印发|转发)")
_SPEECH_MEETING = re.compile(r"在(?P<meeting>.{2,60}?)(?:上|会上)的(?:讲话|发言|致辞|报告)")
_DOC_PREFIX_PROVINCE = {
    "京": "北京", "津": "天津", "冀": "河北", "晋": "山西", "蒙": "内蒙古", "内蒙": "内蒙古", "辽": "辽宁", "吉": "吉林",
    "黑": "黑龙江", "沪": "上海", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东",
    "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西", "琼": "海南", "渝": "重庆", "川": "四川",
    "黔": "贵州", "贵": "贵州", "滇": "云南", "云": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃", "青": "青海",
    "宁": "宁夏", "新": "新疆", "国": NATIONAL, "中": NATIONAL, "总工": NATIONAL,
}


@dataclass
class _Header:
    """The header lines of an article sorted by what they are."""

    title: str = ""
    title_plain: str = ""
    subtitle: str | None = None
    subtitle_plain: str = ""
    bylines: list[P.Byline] = field(default_factory=list)
    dates: list[PartialDate] = field(default_factory=list)
    title_date: PartialDate | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)


_COUPLET = re.compile(r"^[^\s，。]{3,}(?:\s[^\s，。]{3,})+$")
_SPACE_AT_PARTICLE = re.compile(r"(?<=[的和与及之])\s+(?=\S)|(?<=\S)\s+(?=[的和与及之])")


def _join_title(lines: list[Paragraph], plain: bool) -> str:
    """Title lines as one title. Spaces between phrases (求真务实 锐意进取) are the typesetter's and
    kept; a space next to a particle (工作的 深入发展) is a line break and goes."""
    texts = [(p.plain if plain else p.text).strip() for p in lines]
    if not texts:
        return ""
    sep = " " if " " in texts[0] else ""
    return _SPACE_AT_PARTICLE.sub("", re.sub(r"\s+", " ", sep.join(texts))).strip()


def read_header(draft: ArticleDraft, gazetteer: Gazetteer) -> _Header:
    header = _Header()
    title_lines = list(draft.title_lines)
    subtitle_lines: list[Paragraph] = []
    # a first line marked as a heading with plain lines under it, or a first line that is a
    # couplet of phrases (确立桥港时代思维 凝聚全市职工力量): the lines under it are a subtitle
    if len(title_lines) > 1 and (
        (title_lines[0].hint == "heading" and all(p.hint == "" for p in title_lines[1:]))
        or _COUPLET.match(title_lines[0].plain.strip())
    ):
        subtitle_lines = title_lines[1:]
        title_lines = title_lines[:1]
    for para in draft.header:
        role = role_of(para, gazetteer)
        text = para.plain.strip()
        if role == SUBTITLE or (subtitle_lines and role not in (BYLINE, DATE, DOCNUM, REDHEAD) and not P.has_sentence_punct(text)):
            subtitle_lines.append(para)
        elif role == BYLINE:
            byline = P.parse_byline(text, gazetteer)
            if byline:
                header.bylines.append(byline)
        elif role == DATE:
            date = date_line(text)
            if date:
                header.dates.append(date)
        elif role == DOCNUM:
            header.doc_number = header.doc_number or P.find_doc_number(text)
        elif role == REDHEAD:
            match = P.REDHEAD.match(P.compact(text))
            if match:
                header.issuers.append(match["org"])
    title = _join_title(title_lines, plain=False)
    title_plain = _join_title(title_lines, plain=True)
    found = trailing_date(title_plain)
    if found:
        cut = len(found[0])
        title, title_plain, header.title_date = title[:cut].strip(), found[0], found[1]
    if subtitle_lines:
        sub = "".join(p.text.strip() for p in subtitle_lines)
        sub_plain = "".join(p.plain.strip() for p in subtitle_lines)
        sub, sub_plain = _strip_dashes(sub), _strip_dashes(sub_plain)
        found = trailing_date(sub_plain)
        if found:
            cut = len(found[0])
            sub, sub_plain = sub[:cut].strip(), found[0]
            header.title_date = header.title_date or found[1]
        header.subtitle, header.subtitle_plain = sub or None, sub_plain
    header.title, header.title_plain = title, title_plain
    return header


def _strip_dashes(text: str) -> str:
    return re.sub(r"^[—－\-–\s]+", "", text).strip()


def _closing(draft: ArticleDraft, gazetteer: Gazetteer) -> tuple[list[str], PartialDate | None]:
    orgs: list[str] = []
    date = None
    for para in draft.closing:
        text = para.plain.strip()
        found = date_line(text)
        if found:
            date = found
            continue
        byline = P.parse_byline(text, gazetteer)
        if byline and byline.org_only and byline.title not in P.SIGNATURE_WORDS:
            orgs.append(byline.title or "")
        elif byline and byline.title:
            orgs.append(byline.title)
    return orgs, date


def decide_doctype(header: _Header, draft: ArticleDraft, body_plain: str) -> tuple[str, str]:
    if draft.kind == "preface":
        return "其他", "书的前言"
    sub = header.subtitle_plain
    if sub:
        if _SPEECH_SUBTITLE.search(sub):
            return "讲话", f"副标题“{sub[-8:]}”"
        if re.search(r"(?:纪实|侧记)$", sub):
            return "纪实", "副标题以“纪实”结尾"
        if re.search(r"调查报告|调研报告|调查与思考", sub):
            return "调研报告", "副标题"
    title = P.compact(header.title_plain)
    for pattern, doctype in _TITLE_TYPES:
        if pattern.search(title):
            return doctype, "标题"
    if draft.collection and _SPEECH_SUBTITLE.search(draft.collection):
        return "讲话", "会议发言汇编"
    for section in reversed(draft.sections):
        for word, doctype in _SECTION_TYPES:
            if word in section:
                return doctype, f"所在栏目“{section}”"
    opening = body_plain[:400]
    if _SPEECH_BODY.search(opening):
        return "讲话", "正文开头的称呼语"
    if _PAPER_BODY.search(body_plain[:2000]) or _PAPER_BODY.search(body_plain[-3000:]):
        return "论文", "摘要、关键词或参考文献"
    if re.search(r"经验|做法|探索|实践|纪实", title) or (
        header.bylines and len(_EXPERIENCE_BODY.findall(body_plain[:4000])) >= 2
    ):
        return "经验材料", "介绍工作做法的署名文章"
    return "其他", "未识别"


def decide_date(
    header: _Header, closing_date: PartialDate | None, draft: ArticleDraft
) -> tuple[PartialDate | None, str | None]:
    if header.dates:
        return header.dates[0], FROM_TITLE_DATE
    if header.title_date:
        return header.title_date, "标题中的日期"
    if closing_date:
        return closing_date, FROM_SIGNATURE
    if draft.toc and draft.toc.date_text:
        found = find_dates(draft.toc.date_text)
        if found:
            return found[0][2], "书的目录"
    for para in draft.body[-2:]:
        found_line = date_line(para.plain)
        if found_line:
            return found_line, "文末日期"
    return None, None


@dataclass
class _PlaceVote:
    place: Place
    why: str


def decide_place(
    header: _Header, issuers: list[str], draft: ArticleDraft, body_plain: str, gazetteer: Gazetteer
) -> _PlaceVote | None:
    for byline in header.bylines:
        if byline.title and not byline.org_only:
            place = gazetteer.locate(byline.title)
            if place:
                return _PlaceVote(place, f"发言人/作者职务“{byline.title}”")
    for org in issuers:
        place = gazetteer.locate(org)
        if place:
            return _PlaceVote(place, f"发文机关“{org}”")
    for byline in header.bylines:
        if byline.org_only and byline.title:
            place = gazetteer.locate(byline.title)
            if place:
                return _PlaceVote(place, f"作者单位“{byline.title}”")
    sub = header.subtitle_plain
    if sub:
        meeting = _SPEECH_MEETING.search(sub)
        target = meeting["meeting"] if meeting else sub
        if meeting or gazetteer.is_place_start(sub):
            place = gazetteer.locate(target)
            if place:
                return _PlaceVote(place, f"{'会议名称' if meeting else '副标题中的单位'}“{target}”")
    title = header.title_plain
    if title and gazetteer.is_place_start(P.compact(title)):
        place = gazetteer.locate(P.compact(title)[:20])
        if place:
            return _PlaceVote(place, "标题中的单位")
    opening = _MEETING_IN_OPENING.search(body_plain[:300])
    if opening:
        place = gazetteer.locate(opening["meeting"])
        if place:
            return _PlaceVote(place, f"讲话开头提到的会议“{opening['meeting']}”")
    if draft.collection:
        meeting = _SPEECH_MEETING.search(draft.collection)
        if meeting and not any(b.name for b in header.bylines):
            place = gazetteer.locate(meeting["meeting"])
            if place:
                return _PlaceVote(place, f"会议名称“{meeting['meeting']}”")
    for section in reversed(draft.sections):
        place = gazetteer.locate(section)
        if place and place.province == NATIONAL:
            return _PlaceVote(place, f"所在栏目“{section}”")
    if draft.toc and draft.toc.author:
        place = gazetteer.locate(draft.toc.author)
        if place:
            return _PlaceVote(place, f"目录中的作者“{draft.toc.author}”")
    if header.doc_number:
        prefix = header.doc_number.split("〔")[0]
        for key in sorted(_DOC_PREFIX_PROVINCE, key=len, reverse=True):
            if prefix.startswith(key):
                return _PlaceVote(Place(_DOC_PREFIX_PROVINCE[key]), f"文号“{header.doc_number}”的代字")
    return None


def decide_issuers(header: _Header, closing_orgs: list[str], gazetteer: Gazetteer) -> list[str]:
    issuers = list(header.issuers)
    for byline in header.bylines:
        if byline.org_only and byline.title and byline.title not in P.SIGNATURE_WORDS:
            issuers.append(byline.title)
    match = _TITLE_ISSUER.match(P.compact(header.title_plain))
    if match and (P.ORG_ENDINGS.search(match["org"]) or gazetteer.locate(match["org"])):
        issuers.append(match["org"])
    issuers.extend(closing_orgs)
    return list(dict.fromkeys(i for i in issuers if i))


def _title_fallback(doc: CleanDocument, draft: ArticleDraft, body_text: str) -> tuple[str, str]:
    if draft.toc:
        return draft.toc.title, "书的目录"
    if doc.source.title_hint and draft.ordinal == 0:
        return doc.source.title_hint, "网页或文档属性中的标题"
    from pathlib import Path

    stem = Path(doc.source.path).stem
    if P.CJK_RE.search(stem) and len(stem) >= 4:
        return stem, "文件名"
    sentences = (s.strip() for s in re.split(r"[。！？!?\n]", body_text))
    first = next((s for s in sentences if P.WORD_CHAR_RE.search(s)), "")
    if not first:
        return "（无标题）", "未识别"
    return (first[:30] + ("…" if len(first) > 30 else "")), "正文首句"



def article_id(source_key: str, ordinal: int) -> str:
    return hashlib.sha1(f"{source_key}#{ordinal}".encode()).hexdigest()[:16]


def label_article(
    draft: ArticleDraft, doc: CleanDocument, origin: FileOrigin, taxonomy: Taxonomy, gazetteer: Gazetteer,
    collection_text: str = "",
) -> Article:
    """`collection_text` is the text of all pieces of the meeting collection the draft belongs to:
    they were given on one occasion, so what dates one dates all."""
    header = read_header(draft, gazetteer)
    provenance: dict[str, str] = {}
    paragraphs = [p.text for p in draft.body + draft.closing]
    body_plain = "\n".join(p.plain for p in draft.body)

    title, title_plain = header.title, header.title_plain
    if draft.kind == "preface" and draft.book:
        title = title_plain = f"《{draft.book.title}》{P.compact(title) or '前言'}"
        provenance["title"] = "书名与前言标题"
    elif title:
        provenance["title"] = "标题行"
    else:
        title, provenance["title"] = _title_fallback(doc, draft, body_plain)
        title_plain = title
        header.title, header.title_plain = title, to_simplified(title) if doc.traditional else title
    if header.subtitle:
        provenance["subtitle"] = "标题下的副标题"

    closing_orgs, closing_date = _closing(draft, gazetteer)
    issuers = decide_issuers(header, closing_orgs, gazetteer)
    if draft.kind == "preface" and draft.book and draft.book.editor:
        issuers.insert(0, draft.book.editor)

    doc_number = header.doc_number
    if doc_number:
        provenance["doc_number"] = "文头的发文字号"
    else:
        for para in draft.body[:2]:
            if P.is_doc_number_line(para.plain):
                doc_number = P.find_doc_number(para.plain)
                provenance["doc_number"] = "正文前的发文字号"
                break
    header.doc_number = doc_number

    doctype, why = decide_doctype(header, draft, body_plain)
    provenance["doctype"] = why

    date, why_date = decide_date(header, closing_date, draft)
    year: int | None = None
    if date:
        year = date.year
        provenance["date"] = why_date or ""
        provenance["year"] = provenance["date"]
    elif doc_number:
        year = int(doc_number.split("〔")[1][:4])
        provenance["year"] = "文号中的年份"
    else:
        upper = draft.book.year if draft.book and draft.book.year else None
        if draft.collection:
            inferred = infer_year(draft.collection + "\n" + collection_text, upper)
            where = "推断（同一会议的发言）："
        else:
            inferred = infer_year(body_plain, upper)
            where = "推断："
        if inferred:
            year = inferred[0]
            provenance["year"] = where + inferred[1]

    vote = decide_place(header, issuers, draft, body_plain, gazetteer)
    province = city = None
    if vote:
        province, city = vote.place.province, vote.place.city
        provenance["province"] = vote.why
        if city:
            provenance["city"] = vote.why

    speaker = speaker_title = None
    person = next((b for b in header.bylines if b.name), None)
    if person:
        speaker, speaker_title = person.name, person.title
        provenance["speaker"] = "署名行"
    elif draft.toc and draft.toc.author and P.is_name(draft.toc.author):
        speaker = draft.toc.author
        provenance["speaker"] = "书的目录"
    issuer = issuers[0] if issuers else None
    if issuer:
        provenance["issuer"] = "发文机关/署名单位"
    elif draft.toc and draft.toc.author and not P.is_name(draft.toc.author):
        issuer = draft.toc.author
        provenance["issuer"] = "书的目录"

    topics = assign_topics(title_plain, body_plain, taxonomy)
    if topics:
        provenance["topics"] = "主题词表关键词"
    # the words of the title and the text as the index counts them (the segmenter keeps the counts)
    segmenter = get_segmenter()
    words = Counter(segmenter.count_words(search_form("\n".join(paragraphs))))  # a copy, by dict.update
    words.update(segmenter.count_words(search_form(title + (f" {header.subtitle}" if header.subtitle else ""))))
    keywords = extract_keywords(words)

    pages, page_basis = None, None
    if draft.toc and draft.toc.page:
        pages, page_basis = (draft.toc.page, draft.toc.end_page or draft.toc.page), "目录"
    else:
        numbers = [p.page for p in draft.title_lines + draft.body + draft.closing if p.page]
        if numbers:
            pages, page_basis = (min(numbers), max(numbers)), "PDF"
    source = Source(
        path=origin.key, relpath=origin.relpath, format=doc.source.format, ordinal=draft.ordinal, pages=pages, page_basis=page_basis,
        book=draft.book, collection=draft.collection, sections=tuple(draft.sections), url=doc.source.url,
        web_published=doc.source.web_published, encoding=doc.source.encoding, ocr=doc.source.ocr,
        file_sha256=origin.sha256, file_mtime=origin.mtime,
    )
    return Article(
        id=article_id(origin.key, draft.ordinal), title=title, paragraphs=paragraphs, source=source,
        subtitle=header.subtitle, doctype=doctype, date=date.iso() if date else None, year=year,
        province=province, city=city, speaker=speaker, speaker_title=speaker_title, issuer=issuer,
        doc_number=doc_number, topics=topics, keywords=keywords, traditional=doc.traditional, provenance=provenance,
    )
