"""The index on disk: opening it (checking the schema version), searching it with facet counts,
fetching articles, and one writer at a time that commits only what succeeded."""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ..gazetteer import NATIONAL, Gazetteer
from ..keywords import extract_keywords
from ..models import Article
from ..segment import DEFAULT_USERDICT, get_segmenter
from ..settings import Settings
from ._analysis import word_counts
from ._engine import RERANK, Postings, either, evaluate, proximity_words, rerank_by_proximity
from ._highlight import Fragment, snippet
from ._query import ParsedQuery, QueryError, parse_query
from ._schema import SCHEMA_VERSION, build_schema, read_version, write_version
from ._writer import MISSING, IndexBusyError

SORTS = ("relevance", "date", "date_asc")


RELATED_TERMS = 15  # words of an article that find related ones
UNSEARCHABLE = "检索式中没有可以检索的字词（只有运算符或标点），请输入要找的字词"


class IndexMissingError(RuntimeError):
    pass


class SchemaVersionError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    years: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    doctypes: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    size: int = 10


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    id: str
    title: str
    subtitle: str | None
    doctype: str
    date: str | None
    year: int | None
    province: str | None
    city: str | None
    speaker: str | None
    issuer: str | None
    doc_number: str | None
    topics: list[str]
    snippet: list[Fragment]
    score: float | None
    source: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchResult:
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    highlight_terms: list[str]
    sort: str
    notices: list[str] = field(default_factory=list)  # what the user should know about how the query was read

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))


# ---------------------------------------------------------------------------------------------


class DocTable:
    """The facet columns of every document in one reader, as numpy arrays (built once a commit)."""

    CODED = ("province", "city", "doctype")

    def __init__(self, searcher: Searcher, topic_names: list[str]):
        reader = searcher.reader()
        n = reader.doc_count_all()
        self.size = n
        self.live = np.zeros(n, dtype=bool)
        if n:
            self.live[list(reader.all_doc_ids())] = True
        years = np.fromiter((v or 0 for v in _column(reader, "year")), dtype=np.int64, count=n)
        self.year = np.where((years > 0) & (years < 3000), years, 0).astype(np.int32)  # a missing year reads as 2**32-1
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in (*self.CODED, "date"):
            column = list(_column(reader, name))
            values = sorted({v or MISSING for v in column})
            index = {v: i for i, v in enumerate(values)}
            self.values[name] = values
            self.codes[name] = np.fromiter((index[v or MISSING] for v in column), dtype=np.int32, count=n)
        dates = self.values.pop("date")
        date_keys = np.array([_date_key(d) for d in dates] or [0], dtype=np.int64)
        self.date_key = date_keys[self.codes.pop("date")] if n else np.zeros(0, dtype=np.int64)
        # an article dated by its year alone sorts with that year
        self.date_key = np.where(self.date_key == 0, self.year.astype(np.int64) * 10000, self.date_key)
        present = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("topics")} if n else set()
        self.topic_names = list(dict.fromkeys([*topic_names, *sorted(present)]))
        # one row per topic (as many topics as the taxonomy has), one column per document
        self.topic_rows = np.zeros((len(self.topic_names), n), dtype=bool)
        for row, name in enumerate(self.topic_names):
            if name in present:
                self.topic_rows[row, list(searcher.postings("topics", name).all_ids())] = True
        self.untopical = np.asarray(~self.topic_rows.any(axis=0))

    def mask_of(self, docnums: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[docnums] = True
        return mask & self.live

    def filter_mask(self, facet: str, values: tuple[Any, ...], year_from: int | None = None,
                    year_to: int | None = None) -> np.ndarray | None:
        if facet == "year":
            masks = []
            if values:
                masks.append(np.isin(self.year, [int(v) for v in values]))
            if year_from is not None or year_to is not None:
                low = year_from if year_from is not None else 1
                high = year_to if year_to is not None else 9999
                masks.append((self.year >= low) & (self.year <= high))
            if not masks:
                return None
            return np.logical_and.reduce(masks)
        if not values:
            return None
        if facet == "topics":
            rows = [self.topic_names.index(v) for v in values if v in self.topic_names]
            chosen = np.asarray(self.topic_rows[rows].any(axis=0)) if rows else np.zeros(self.size, dtype=bool)
            return chosen | self.untopical if MISSING in values else chosen
        codes = [self.values[facet].index(v) for v in values if v in self.values[facet]]
        return np.isin(self.codes[facet], codes)

    def counts(self, facet: str, mask: np.ndarray) -> list[tuple[str, int]]:
        if facet == "year":
            years, counts = np.unique(self.year[mask], return_counts=True)
            return [(str(y) if y else MISSING, int(c)) for y, c in zip(years, counts, strict=True)]
        if facet == "topics":
            found = list(zip(self.topic_names, self.topic_rows[:, mask].sum(axis=1).tolist(), strict=True))
            found.append((MISSING, int(self.untopical[mask].sum())))
            return [(v, int(c)) for v, c in found if c]
        counted = np.bincount(self.codes[facet][mask], minlength=len(self.values[facet]))
        return [(self.values[facet][i], int(c)) for i, c in enumerate(counted) if c]


def _column(reader: Any, name: str) -> Any:
    """A column's values for every document of every segment, in document order. A segment
    without the column's file gives the column's default for each of its documents (Whoosh's
    multi-segment column reader leaves such a segment out, so the values no longer line up)."""
    for leaf, _offset in reader.leaf_readers():
        if leaf.doc_count_all():
            yield from leaf.column_reader(name)


def _date_key(date: str) -> int:
    """2010-11-17 -> 20101117; 2004-09 -> 20040900; unknown -> 0."""
    if not date:
        return 0
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    parts += [0] * (3 - len(parts))
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


# ---------------------------------------------------------------------------------------------


class SearchIndex:
    """A search index in a folder. Safe to share between threads: searches take turns."""

    FACETS = ("year", "province", "topics", "doctype")

    def __init__(self, settings: Settings, ix: whoosh_index.Index):
        self.settings = settings
        self._ix = ix
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._table: DocTable | None = None
        self._postings: Postings | None = None
        self._matches: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._topic_names = _taxonomy_names(settings)

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, settings: Settings, create: bool = False) -> SearchIndex:
        folder = settings.index_dir
        version = read_version(folder)
        exists = folder.exists() and whoosh_index.exists_in(str(folder))
        if exists and version != SCHEMA_VERSION:
            raise SchemaVersionError(
                f"索引 {folder} 由另一版本建立（结构版本 {version or '未知'}，当前 {SCHEMA_VERSION}），需要重建："
                f"gonghui ingest --rebuild --index {folder} 语料目录"
            )
        if not exists:
            if not create:
                raise IndexMissingError(f"索引 {folder} 不存在，请先运行 gonghui ingest")
            folder.mkdir(parents=True, exist_ok=True)
            ix = whoosh_index.create_in(str(folder), build_schema(_userdict(settings)))
            write_version(folder)
            return cls(settings, ix)
        return cls(settings, whoosh_index.open_dir(str(folder)))

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    # -- reading -------------------------------------------------------------------------------

    def _current(self) -> tuple[Searcher, DocTable, Postings]:
        """The searcher over the last commit (a new one after a writer committed), its document
        table and its postings reader."""
        with self._lock:
            if self._searcher is None or not self._searcher.up_to_date():
                # a new searcher, not Searcher.refresh(): whoosh-reloaded's reader reuse adds the old
                # reader's segments to the new ones, so segments merged away came back as duplicates
                old, self._searcher = self._searcher, self._ix.searcher()
                self._table = self._postings = None
                self._matches.clear()
                if old is not None:
                    old.close()
            if self._table is None or self._postings is None:
                self._table = DocTable(self._searcher, self._topic_names)
                self._postings = Postings(self._searcher)
            return self._searcher, self._table, self._postings

    def count(self) -> int:
        with self._lock:
            _searcher, table, _postings = self._current()
            return int(table.live.sum())

    def _matching(self, parsed: ParsedQuery, key: str, postings: Postings, table: DocTable) -> tuple[np.ndarray, np.ndarray]:
        """The matching documents and their scores (kept for the next pages and facet clicks)."""
        found = self._matches.get(key)
        if found is None:
            found = evaluate(parsed, postings, table.live)
            self._matches[key] = found
            while len(self._matches) > 64:
                self._matches.popitem(last=False)
        return found

    def search(self, request: SearchRequest) -> SearchResult:
        parsed = parse_query(request.query, self.settings.max_query_chars)
        size = max(1, min(request.size, self.settings.max_page_size))
        page = max(1, request.page)
        sort = request.sort if request.sort in SORTS else "relevance"
        request = normalize_request(request)
        with self._lock:
            searcher, table, postings = self._current()
            ids, scores = self._matching(parsed, request.query.strip(), postings, table)
            base = table.mask_of(ids)
            filters = {
                # a year range narrows every facet, the year facet too; chosen years are alternatives
                "year_range": table.filter_mask("year", (), request.year_from, request.year_to),
                "year": table.filter_mask("year", request.years),
                "province": table.filter_mask("province", request.provinces),
                "city": table.filter_mask("city", request.cities),
                "topics": table.filter_mask("topics", request.topics),
                "doctype": table.filter_mask("doctype", request.doctypes),
            }
            active = {k: m for k, m in filters.items() if m is not None}
            everything = base.copy()
            for mask in active.values():
                everything &= mask
            total = int(everything.sum())
            facets = {}
            selected = {"year": {str(y) for y in request.years}, "province": set(request.provinces),
                        "topics": set(request.topics), "doctype": set(request.doctypes)}
            for facet in self.FACETS:
                mask = base.copy()
                for other, other_mask in active.items():
                    if other != facet:
                        mask &= other_mask
                facets[facet] = _ordered(facet, table.counts(facet, mask), selected[facet])
            start = (page - 1) * size
            page_ids: np.ndarray = np.zeros(0, dtype=np.int64)
            page_scores: list[float | None] = []
            if start < total:
                keep = everything[ids]
                hit_ids, hit_scores = ids[keep], scores[keep]
                if sort == "relevance" and not parsed.empty:
                    order = np.lexsort((hit_ids, -hit_scores))
                    hit_ids, hit_scores = hit_ids[order], hit_scores[order]
                    words = proximity_words(parsed)
                    if words:
                        top = min(RERANK, len(hit_ids))
                        boosted = rerank_by_proximity(postings, hit_ids[:top], hit_scores[:top], words)
                        again = np.lexsort((hit_ids[:top], -boosted))
                        hit_ids = np.concatenate((hit_ids[:top][again], hit_ids[top:]))
                        hit_scores = np.concatenate((boosted[again], hit_scores[top:]))
                    page_ids = hit_ids[start:start + size]
                    page_scores = [float(x) for x in hit_scores[start:start + size]]
                else:
                    keys = table.date_key[hit_ids]
                    order = np.lexsort((hit_ids, keys)) if sort == "date_asc" else np.lexsort((hit_ids, -keys))
                    page_ids = hit_ids[order][start:start + size]
                    page_scores = [None] * len(page_ids)
            terms = parsed.highlight_terms()
            hits = [self._hit(searcher, int(d), terms, s) for d, s in zip(page_ids, page_scores, strict=True)]
        notices = [UNSEARCHABLE] if parsed.unsearchable else []
        return SearchResult(total, page, size, hits, facets, terms, sort, notices)

    def _record(self, searcher: Searcher, docnum: int) -> dict[str, Any]:
        stored = searcher.stored_fields(docnum)
        return json.loads(stored["record"])

    def _hit(self, searcher: Searcher, docnum: int, terms: list[str], score: float | None) -> Hit:
        record = self._record(searcher, docnum)
        return hit_of(record, terms, score)

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            searcher, _table, _postings = self._current()
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                return None
            return Article.from_dict(self._record(searcher, docnum))

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        """Articles like this one (more-like-this on the words of its title and text)."""
        with self._lock:
            searcher, table, postings = self._current()
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                return []
            record = self._record(searcher, docnum)
            text = (record["title"] + "\n") * 3 + "\n".join(record["paragraphs"])[:20000]
            # the article's 15 most telling words (TF-IDF, as its keywords are chosen), scored
            # with BM25 over the postings with numpy: Whoosh's more_like looked up every word of
            # the text in every segment and scored posting by posting (half a second at 10,000)
            counts = word_counts(text, get_segmenter(self.settings.userdict_path))
            terms = extract_keywords(counts, top=RELATED_TERMS)
            ids, scores = either([postings.bm25("body", term) for term in terms])
            keep = table.live[ids] & (ids != docnum)
            ids, scores = ids[keep], scores[keep]
            best = np.argsort(-scores, kind="stable")[:limit]
            return [self._hit(searcher, int(ids[i]), [], float(scores[i])) for i in best]

    def sources(self) -> dict[str, str]:
        """Every indexed file (its key) with the SHA-256 of the version that was indexed."""
        with self._lock:
            searcher, _table, _postings = self._current()
            reader = searcher.reader()
            found: dict[str, str] = {}
            for term in reader.lexicon("source_version"):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                key, _, sha = text.rpartition("\x1f")
                # deleted documents keep their terms until segments merge: look for a live one
                if any(not reader.is_deleted(d) for d in reader.postings("source_version", text).all_ids()):
                    found[key] = sha
            return found

    def writer(self, wait_s: float = 0.0) -> Any:
        """The one writer of this index (see _writer.IndexWriter)."""
        from ._writer import IndexWriter

        return IndexWriter(self, wait_s)


def _taxonomy_names(settings: Settings) -> list[str]:
    from ..topics import load_taxonomy

    try:
        return load_taxonomy(settings.taxonomy_path).names
    except ValueError:
        return []


def _userdict(settings: Settings) -> Path | None:
    return None if settings.userdict_path == DEFAULT_USERDICT else settings.userdict_path


def normalize_request(request: SearchRequest) -> SearchRequest:
    """Province filters by short or full name (江苏, 江苏省)."""
    gazetteer = Gazetteer.load()
    provinces = tuple(dict.fromkeys(
        p if p in (NATIONAL, MISSING) else (gazetteer.province_of(p) or p) for p in request.provinces
    ))
    return SearchRequest(**{**request.__dict__, "provinces": provinces})


def _ordered(facet: str, counts: list[tuple[str, int]], selected: set[str]) -> list[FacetValue]:
    if facet == "year":
        counts = sorted(counts, key=lambda vc: (vc[0] == MISSING, -int(vc[0] or 0)))
    else:
        counts = sorted(counts, key=lambda vc: (vc[0] == MISSING, -vc[1], vc[0]))
    present = {v for v, _ in counts}
    values = [FacetValue(v, c, v in selected) for v, c in counts]
    values += [FacetValue(v, 0, True) for v in sorted(selected - present)]  # a selection with no hits stays removable
    return values


def hit_of(record: dict[str, Any], terms: list[str], score: float | None) -> Hit:
    text = "\n".join(record["paragraphs"])
    source = record.get("source") or {}
    return Hit(
        id=record["id"], title=record["title"], subtitle=record.get("subtitle"), doctype=record["doctype"],
        date=record.get("date"), year=record.get("year"), province=record.get("province"), city=record.get("city"),
        speaker=record.get("speaker"), issuer=record.get("issuer"), doc_number=record.get("doc_number"),
        topics=list(record.get("topics") or []), snippet=snippet(text, terms), score=score,
        source={"book": (source.get("book") or {}).get("title"), "collection": source.get("collection")},
    )


# ---------------------------------------------------------------------------------------------


__all__ = [
    "MISSING", "DocTable", "FacetValue", "Hit", "IndexBusyError", "IndexMissingError", "QueryError",
    "SchemaVersionError", "SearchIndex", "SearchRequest", "SearchResult", "normalize_request",
]
