"""What a compiled book says about its pieces: the entry of its table of contents (title, date,
author), its preface (edited by the book's editor), the section a piece sits in, and the meeting
collection it belongs to."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from ..dates import find_dates
from .evidence import BOOK, CONTEXT, TITLE, Evidence
from .reading import Reading

_SECTION_TYPES: tuple[tuple[str, str], ...] = (
    ("讲话", "讲话"), ("论文", "论文"), ("调研", "调研报告"), ("调查", "调研报告"), ("经验", "经验材料"),
    ("交流", "经验材料"), ("典型", "经验材料"),
)


def read(reading: Reading) -> Iterator[Evidence]:
    draft = reading.draft
    if draft.kind == "preface" and draft.book:
        title = f"《{draft.book.title}》{P.compact(reading.header.title) or '前言'}"
        yield Evidence("title", title, "书名与前言标题", TITLE + 10)
        yield Evidence("doctype", "其他", "书的前言", TITLE + 10)
        if draft.book.editor:
            yield Evidence("issuer", draft.book.editor, "书的编者", BOOK + 20)
    toc = draft.toc
    if toc:
        yield Evidence("title", toc.title, "书的目录", BOOK)
        if toc.date_text:
            found = find_dates(toc.date_text)
            if found:
                yield Evidence("date", found[0][2], "书的目录", BOOK)
        if toc.author and not P.is_name(toc.author):
            yield Evidence("issuer", toc.author, "书的目录", BOOK)
            yield Evidence("place_text", toc.author, f"目录中的作者“{toc.author}”", BOOK)
        elif toc.author:
            yield Evidence("place_text", toc.author, f"目录中的作者“{toc.author}”", BOOK)
    for section in reversed(draft.sections):
        for word, doctype in _SECTION_TYPES:
            if word in section:
                yield Evidence("doctype", doctype, f"所在栏目“{section}”", CONTEXT)
                break
        else:
            continue
        break
