"""Citations ready to paste.

* GB/T 7714-2025: a piece in a compiled book is cited as a contribution (析出文献) of that book,
  `作者. 题名: 其他题名信息[M]//编者. 书名. 出版地: 出版者, 出版年: 页码.`; a web page as
  `作者. 题名[EB/OL]. (发布日期)[引用日期]. 网址.`; an official document as
  `发文机关. 题名: 文号[A]. 日期.`; anything else as `[Z]` (other).
* The form speechwriters use: 《题名》（文号）, or the date when there is no number.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer import Article

_OFFICIAL_TYPES = {"通知", "意见", "办法", "决定"}


def _full_title(article: Article) -> str:
    """The title as a document is known: its issuer before 关于 when the title starts with it."""
    title = article.title.strip()
    if article.issuer and title.startswith(("关于", "關於")) and not title.startswith(article.issuer):
        return article.issuer + title
    return title


def _pages(article: Article) -> str:
    pages = article.source.pages
    if not pages or article.source.page_basis != "目录":
        return ""
    return f"{pages[0]}-{pages[1]}" if pages[1] != pages[0] else str(pages[0])


def _chinese_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    units = ["年", "月", "日"]
    return "".join(f"{p}{u}" for p, u in zip(parts, units, strict=False))


def gbt7714(article: Article, accessed: dt.date | None = None) -> str:
    accessed = accessed or dt.date.today()
    author = article.speaker or article.issuer
    title = _full_title(article)
    other = article.subtitle or ""
    book = article.source.book
    if book:
        head = f"{author}. " if author else ""
        entry = f"{head}{title}{': ' + other if other else ''}[M]//"
        entry += f"{book.editor}. " if book.editor else ""
        entry += f"{book.title}. "
        where = ", ".join(x for x in (book.publisher, str(book.year) if book.year else "") if x)
        if book.place and where:
            entry += f"{book.place}: {where}"
        elif where:
            entry += where
        pages = _pages(article)
        entry = entry.rstrip(". ") + (f": {pages}" if pages else "") + "."
        return entry
    if article.source.url:
        head = f"{author}. " if author else ""
        published = article.date or (article.source.web_published or "")[:10]
        when = f"({published})" if published else ""
        return f"{head}{title}{': ' + other if other else ''}[EB/OL]. {when}[{accessed.isoformat()}]. {article.source.url}."
    kind = "A" if article.doctype in _OFFICIAL_TYPES else "Z"
    head = f"{author}. " if author else ""
    extra = article.doc_number or other
    entry = f"{head}{title}{': ' + extra if extra else ''}[{kind}]"
    return entry + (f". {article.date}." if article.date else ".")


def short_form(article: Article) -> str:
    """《中共苏州市委关于…的意见》（苏发〔2010〕59号）"""
    title = re.sub(r"[《》]", "", _full_title(article))
    if article.doc_number:
        return f"《{title}》（{article.doc_number}）"
    if article.date:
        return f"《{title}》（{_chinese_date(article.date)}）"
    return f"《{title}》"
