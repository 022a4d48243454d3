"""Label: title, subtitle, type, date and year, province and city, speaker, issuer, document
number, level of force, topics and keywords of one article, each with where it came from.

Readers grouped by kind of document each look at the article for the conventions of their kind
and say what they saw as Evidence (official: 公文; law: laws and rules; speech: speeches and
work reports; web: pages and the files that describe themselves; book: compiled books; doctype:
the type), then the strongest evidence of each label wins (evidence.py). Place is read last, from
who issued or spoke and where (place.py). A new convention is one reader, or one line in one."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .. import patterns as P
from ..clean import to_simplified
from ..dates import PartialDate, date_line, find_dates, infer_year
from ..gazetteer import Gazetteer
from ..keywords import extract_keywords
from ..models import Article, ArticleDraft, CleanDocument, FileOrigin, Source
from ..segment import get_segmenter, search_form
from ..topics import Taxonomy, assign_topics
from . import book, doctype, law, official, place, speech, web
from .evidence import BODY, FALLBACK, HEADER, INFERRED, SITE_TABLE, TITLE, Evidence, resolve
from .reading import Reading, is_site_line, usable_title_hint, without_notes
from .vocab import OTHER, load_vocab

__all__ = ["article_id", "label_article"]


def article_id(source_key: str, ordinal: int) -> str:
    return hashlib.sha1(f"{source_key}#{ordinal}".encode()).hexdigest()[:16]


def label_article(
    draft: ArticleDraft, doc: CleanDocument, origin: FileOrigin, taxonomy: Taxonomy, gazetteer: Gazetteer,
    collection_text: str = "",
) -> Article:
    """`collection_text` is the text of all pieces of the meeting collection the draft belongs to:
    they were given on one occasion, so what dates one dates all."""
    reading = Reading(draft, doc, gazetteer, load_vocab(), collection_text)
    evidence = list(_read(reading))
    title = resolve(e for e in evidence if e.field == "title").get("title")
    law_context = any(e.field == "doctype_hint" for e in evidence)
    title_plain = to_simplified(str(title.value)) if title and doc.traditional else str(title.value) if title else ""
    evidence += doctype.read(reading, law_context, title_plain or reading.title_flat)
    chosen = resolve(evidence)
    chosen = _reconcile_issuer(chosen, evidence)
    if "issuer" in chosen:  # of bodies that issued it together, the first, named as it names itself
        item = chosen["issuer"]
        chosen["issuer"] = Evidence("issuer", official.first_body(str(item.value)), item.source, item.strength)
    where = next(place.read(reading, chosen), None)  # (read strongest first: the first found wins)
    if where is not None:
        chosen["place"] = where
    labels = _labels(reading, chosen)
    return _article(reading, origin, taxonomy, labels)


def _read(reading: Reading) -> Iterator[Evidence]:
    yield from web.read(reading)
    yield from law.read(reading)
    yield from official.read(reading)
    yield from speech.read(reading)
    yield from book.read(reading)
    yield from _title(reading)
    yield from _dates(reading)


def _title(reading: Reading) -> Iterator[Evidence]:
    header = reading.header
    if header.title:
        yield Evidence("title", header.title, "标题行", TITLE)
        stated = P.compact(reading.metadata.get("标题", ""))
        printed = P.compact(header.title_plain)
        at = stated.find(printed) if len(printed) >= 4 and printed != stated else -1
        if at >= 0 and (re.fullmatch(r"[\u4e00-\u9fff·]{2,8}[:：]", stated[:at]) or stated[at + len(printed):].startswith("——")):
            # the page's headline says more than the document's printed title (习近平：…——在…上的讲话)
            yield Evidence("title", header.title, f"标题行（网页标题作“{stated}”）", SITE_TABLE + 1)
    hint = usable_title_hint(reading.doc.source.title_hint)
    hint = without_notes(hint) if hint else None
    if hint and reading.draft.ordinal == 0 and P.compact(hint) != P.compact(header.title_plain):
        yield from _page_title(reading, hint)
    if header.subtitle:
        yield Evidence("subtitle", header.subtitle, "标题下的副标题", HEADER)
    source = reading.doc.source
    if hint and reading.draft.ordinal == 0:
        yield Evidence("title", hint, "网页或文档属性中的标题", FALLBACK + 5)
    stem = re.sub(r"^[\d\s_.\-]+", "", Path(source.path).stem)  # (015_河北省…: a numbering, not the title)
    if P.CJK_RE.search(stem) and len(stem) >= 4:
        yield Evidence("title", stem, "文件名", FALLBACK)
    sentences = (s.strip() for s in re.split(r"[。！？!?\n]", reading.body_plain))
    first = next((s for s in sentences if P.WORD_CHAR_RE.search(s)), "")
    yield Evidence("title", (first[:30] + ("…" if len(first) > 30 else "")) if first else "（无标题）", "正文首句", 1)


# a page's widgets and byline run into its headline: 小中大 (font size), 首頁, 字大字小, 发稿时间：…
_WIDGETS_BEFORE = re.compile(r"^(?:小中大|新闻|首页|首頁|正文)$")
_WIDGETS_AFTER = re.compile(r"^(?:(?:19|20)\d{2}|来源|記者|记者|作者|时间|发布|发稿|编辑|小中大|字[大小]|首页|首頁|打印|分享)")


def _with_widgets(line: str, title: str) -> bool:
    """Whether `line` is `title` with a page's widgets or byline run into it."""
    at = line.find(title)
    if at < 0 or line == title:
        return False
    before, after = line[:at], line[at + len(title):]
    return (not before or bool(_WIDGETS_BEFORE.match(before))) and (not after or bool(_WIDGETS_AFTER.match(after)))


def _page_title(reading: Reading, hint: str) -> Iterator[Evidence]:
    """A page's <title> against the heading block: the <title> when the block is the site's
    navigation (nothing in common with it) or the title run on into a date and source."""
    wanted, found = P.compact(to_simplified(hint)), P.compact(reading.header.title_plain)
    printed = [P.compact(p.plain) for p in reading.doc.paragraphs[:40]]
    header = reading.header
    title_lines = [P.compact(p.plain) for p in reading.draft.title_lines if not is_site_line(p.plain)]
    last_title_line = title_lines[-1] if title_lines else ""
    if (header.dates or header.bylines) and wanted in printed and wanted != last_title_line and len(found) >= 4:
        return  # the document's own printed header (title, date, speaker) under the page's headline
    if wanted in printed:
        yield Evidence("title", hint, "网页标题（正文中印有此行）", TITLE + 1)
    elif len(wanted) >= 6 and any(_with_widgets(line, wanted) for line in [found, *printed[:40]]):
        yield Evidence("title", hint, "网页标题（标题行连着日期、来源或网站的按钮）", TITLE + 1)
    elif len(set(wanted) & set(found)) < 0.4 * len(set(wanted)) and any(wanted in line for line in printed):
        yield Evidence("title", hint, "网页标题（标题块是网站导航）", TITLE + 1)


def _dates(reading: Reading) -> Iterator[Evidence]:
    draft = reading.draft
    for para in draft.body[-2:]:
        found = date_line(para.plain)
        if found and found.month:
            yield Evidence("date", found, "文末日期", BODY)


def _reconcile_issuer(chosen: dict[str, Evidence], evidence: list[Evidence]) -> dict[str, Evidence]:
    """A site's table names the body as it abbreviates it (市政府): the document's own fuller name
    for the same body (丽水市人民政府) is shown instead."""
    winner = chosen.get("issuer")
    if winner is None:
        return chosen
    for item in evidence:
        if item.field == "issuer" and item is not winner and _fuller(item.value, winner.value):
            chosen["issuer"] = Evidence("issuer", item.value, f"{item.source}（{winner.source}作“{winner.value}”）",
                                        winner.strength)
            break
    return chosen


def _fuller(name: str, short: str) -> bool:
    """丽水市人民政府 is a fuller name of 市政府; 国务院办公厅 is not of 国务院."""
    if len(name) <= len(short) or name == short:
        return False
    chars = iter(name)
    return all(ch in chars for ch in short) and name[-1] == short[-1] and short[:1] in "省市县区自州盟旗"


def _labels(reading: Reading, chosen: dict[str, Evidence]) -> dict[str, tuple[object, str]]:
    """The value and origin of every label."""
    labels: dict[str, tuple[object, str]] = {}
    for name in ("title", "subtitle", "doctype", "speaker", "speaker_title", "issuer", "doc_number", "level"):
        if name in chosen:
            labels[name] = (chosen[name].value, chosen[name].source)
    doctype_name = str(labels.get("doctype", (OTHER, "未识别"))[0])
    labels.setdefault("doctype", (OTHER, "未识别"))
    if doctype_name == "新闻":  # (a report names people; it has no speaker)
        labels.pop("speaker", None)
    if "speaker" not in labels:
        labels.pop("speaker_title", None)
    date = chosen.get("date")
    if date is None and doctype_name == "新闻":
        date = chosen.get("news_date") or _published(reading)
    if date is not None:
        labels["date"] = (date.value.iso(), date.source)
        labels["year"] = (date.value.year, date.source)
    else:
        year = _year(reading, chosen)
        if year:
            labels["year"] = year
    where = chosen.get("place")
    if where is not None:
        labels["province"] = (where.value.province, where.source)
        if where.value.city:
            labels["city"] = (where.value.city, where.source)
    if "level" not in labels:
        issuer = labels.get("issuer", (None, ""))[0]
        doc_number = labels.get("doc_number", (None, ""))[0]
        level = law.level_of(doctype_name, str(issuer) if issuer else None, str(doc_number) if doc_number else None,
                             reading.title_flat)
        if level:
            labels["level"] = level
    return labels


def _published(reading: Reading) -> Evidence | None:
    """A news report's date is the day its page published it."""
    published = reading.doc.source.web_published or reading.metadata.get("发布日期")
    found = find_dates(published or "") or _iso_dates(published or "")
    return Evidence("date", found[0][2], "网页发布时间（新闻的日期）", INFERRED) if found else None


def _iso_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    return [(0, 10, PartialDate(int(match[1]), int(match[2]), int(match[3])))] if match else []


def _year(reading: Reading, chosen: dict[str, Evidence]) -> tuple[int, str] | None:
    """A year when no date is printed: the document number's, the one the title starts with, else
    one inferred from the events the text speaks of (never from the page's upload date)."""
    doc_number = chosen.get("doc_number")
    if doc_number and "〔" in str(doc_number.value):
        year = re.search(r"〔((?:19|20)\d{2})〕", str(doc_number.value))
        if year:
            return int(year.group(1)), "文号中的年份"
    titled = re.match(r"((?:19|20)\d{2})年(?:度)?[\u4e00-\u9fff]", reading.title_flat)
    if titled:  # 2016年国务院政府工作报告
        return int(titled.group(1)), "标题开头的年份"
    draft = reading.draft
    upper = draft.book.year if draft.book and draft.book.year else None
    if draft.collection:
        inferred = infer_year(draft.collection + "\n" + reading.collection_text, upper)
        where = "推断（同一会议的发言）："
    else:
        inferred = infer_year(reading.body_plain, upper)
        where = "推断："
    return (inferred[0], where + inferred[1]) if inferred else None


def _article(reading: Reading, origin: FileOrigin, taxonomy: Taxonomy, labels: dict[str, tuple[object, str]]) -> Article:
    draft, doc = reading.draft, reading.doc
    provenance = {name: origin_ for name, (_value, origin_) in labels.items()}
    value = {name: v for name, (v, _origin) in labels.items()}
    title = str(value["title"])
    title_plain = to_simplified(title) if doc.traditional else title
    paragraphs = [p.text for p in draft.body + draft.closing]
    topics = assign_topics(title_plain, reading.body_plain, taxonomy)
    if topics:
        provenance["topics"] = "主题词表关键词"
    # the words of the title and the text as the index counts them (the segmenter keeps the counts)
    segmenter = get_segmenter()
    subtitle = value.get("subtitle")
    words = Counter(segmenter.count_words(search_form("\n".join(paragraphs))))  # a copy, by dict.update
    words.update(segmenter.count_words(search_form(title + (f" {subtitle}" if subtitle else ""))))
    pages, page_basis = None, None
    if draft.toc and draft.toc.page:
        pages, page_basis = (draft.toc.page, draft.toc.end_page or draft.toc.page), "目录"
    else:
        numbers = [p.page for p in draft.title_lines + draft.body + draft.closing if p.page]
        if numbers:
            pages, page_basis = (min(numbers), max(numbers)), "PDF"
    source = Source(
        path=origin.key, relpath=origin.relpath, format=doc.source.format, ordinal=draft.ordinal, pages=pages,
        page_basis=page_basis, book=draft.book, collection=draft.collection, sections=tuple(draft.sections),
        url=doc.source.url, web_published=doc.source.web_published, encoding=doc.source.encoding,
        ocr=doc.source.ocr, file_sha256=origin.sha256, file_mtime=origin.mtime,
    )

    def text(name: str) -> str | None:
        found = value.get(name)
        return str(found) if found else None

    year = value.get("year")
    return Article(
        id=article_id(origin.key, draft.ordinal), title=title, paragraphs=paragraphs, source=source,
        subtitle=text("subtitle"), doctype=str(value["doctype"]), date=text("date"),
        year=int(year) if isinstance(year, int) else None, province=text("province"), city=text("city"),
        speaker=text("speaker"), speaker_title=text("speaker_title"), issuer=text("issuer"),
        doc_number=text("doc_number"), level=text("level"), topics=topics, keywords=extract_keywords(words),
        traditional=doc.traditional, provenance=provenance,
    )

