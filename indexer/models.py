"""Plain data passed between the stages: file -> extract -> clean -> split -> label -> index."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

# Layout hints an extractor can give about a block (used by the splitter, never required).
Hint = Literal["", "heading", "center", "right"]

class RefusedFile(Exception):
    """A file the pipeline will not take, with the reason in plain words (simplified Chinese)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of text as an extractor found it."""

    text: str
    page: int | None = None
    hint: Hint = ""


@dataclass
class ExtractedDocument:
    path: str
    format: str  # txt | pdf | docx | html
    blocks: list[Block]
    encoding: str | None = None
    title_hint: str | None = None  # <title>/<h1> of a web page, core title of a Word file
    url: str | None = None
    # The date a web page says it was published or uploaded: never the document's own date.
    web_published: str | None = None
    page_count: int | None = None
    ocr: bool = False
    notes: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # what the site says of it (see pagemeta)


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph: `text` is shown to people, `plain` (simplified, same length) is analysed."""

    text: str
    plain: str
    page: int | None = None
    hint: Hint = ""


@dataclass
class CleanDocument:
    source: ExtractedDocument
    paragraphs: list[Paragraph]
    traditional: bool = False
    web_boilerplate: list[str] = field(default_factory=list)  # lines removed as site boilerplate
    metadata: dict[str, str] = field(default_factory=dict)  # the page's, and its disclosure-table lines


@dataclass(frozen=True)
class BookInfo:
    """A compiled book (资料选编/汇编) that articles were taken from."""

    title: str
    editor: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: int | None = None
    isbn: str | None = None


@dataclass(frozen=True)
class TocEntry:
    title: str
    subtitle: str | None = None
    date_text: str | None = None
    author: str | None = None
    page: int | None = None
    end_page: int | None = None
    section: str | None = None


@dataclass
class ArticleDraft:
    """One article as the splitter cut it out of a file, not yet labelled."""

    title_lines: list[Paragraph]
    header: list[Paragraph]  # subtitle, byline, date, document number, issuer lines around the title
    body: list[Paragraph]
    closing: list[Paragraph] = field(default_factory=list)  # signature (落款) lines after the body
    sections: list[str] = field(default_factory=list)  # book sections it sits in (篇, 一、…)
    collection: str | None = None  # meeting collection header, e.g. "…——在…会议上的发言摘要"
    book: BookInfo | None = None
    toc: TocEntry | None = None
    ordinal: int = 0
    kind: str = "article"  # article | preface


@dataclass(frozen=True)
class FileOrigin:
    """Where the articles of a file come from: its key (absolute path), the path shown to people,
    its SHA-256 and modification time."""

    key: str
    relpath: str
    sha256: str | None = None
    mtime: float | None = None


@dataclass(frozen=True)
class Source:
    path: str  # absolute (the file's key in the index)
    format: str
    ordinal: int  # position of the article in its file, from 0
    pages: tuple[int, int] | None = None  # page range (book pages from the table of contents, or PDF pages)
    page_basis: str | None = None  # "目录" (printed book pages) or "PDF" (physical pages)
    book: BookInfo | None = None
    collection: str | None = None
    sections: tuple[str, ...] = ()
    url: str | None = None
    web_published: str | None = None
    encoding: str | None = None
    ocr: bool = False
    file_sha256: str | None = None
    file_mtime: float | None = None
    relpath: str | None = None  # the path shown to people: from the imported folder, its name included


@dataclass
class Article:
    """A labelled article, ready to index. `provenance` says where each label came from."""

    id: str
    title: str
    paragraphs: list[str]
    source: Source
    subtitle: str | None = None
    doctype: str = "其他"
    date: str | None = None  # ISO, as precise as known: 2010-11-17, 2004-09 or 2004
    year: int | None = None
    province: str | None = None
    city: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    level: str | None = None  # 效力级别 of a law, rule or official document
    topics: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    traditional: bool = False
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """As plain data (what asdict gives, without its deep copy of every paragraph)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(paragraphs=list(self.paragraphs), source=asdict(self.source), topics=list(self.topics),
                    keywords=list(self.keywords), provenance=dict(self.provenance))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        src = dict(data["source"])
        book = src.get("book")
        src["book"] = BookInfo(**book) if book else None
        src["pages"] = tuple(src["pages"]) if src.get("pages") else None
        src["sections"] = tuple(src.get("sections") or ())
        values = dict(data)
        values["source"] = Source(**src)
        return cls(**values)


@dataclass
class FileResult:
    """What the pipeline made of one file: its articles, or the reason it was refused."""

    path: str
    articles: list[Article] = field(default_factory=list)
    article_count: int = 0  # articles found (kept when the articles themselves went into a segment)
    refused: str | None = None
    notes: list[str] = field(default_factory=list)
    sha256: str | None = None
    unchanged: bool = False  # the file is the version already indexed (only hashed)
    bytes: int = 0
    seconds: float = 0.0
