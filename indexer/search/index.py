"""The search API (engine-neutral): a request in, a page of hits with facets, notices and
suggestions out. The engine (engine.py) matches and stores; everything here is plain data and
numpy arrays: filters, facet counts, ranking, what the words typed mean (understand.py), what to
suggest when they find nothing, and the hits with their snippets, built outside the engine's
snapshot so that searches do not wait for one another's snippets."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..gazetteer import Gazetteer
from ..keywords import extract_keywords
from ..models import Article
from ..segment import get_segmenter, query_words, search_form, use_userdict
from ..settings import ConfigError, Settings
from ..topics import TaxonomyError, load_taxonomy
from .engine import Engine, Snapshot, Writer
from .facets import BY_KEY, FACETS, MISSING, FacetTable, ordered
from .query import NAME_SCORE, ParsedQuery, parse_query
from .ranking import PROXIMITY_GAIN, RERANK, closeness, proximity_words
from .request import MISSING_YEAR, SearchRequest, validate_request
from .results import FacetValue, Hit, SearchResult, Suggestion, hit_of
from .spelling import Speller
from .understand import Understanding, tokens_of, understand

RELATED_TERMS = 15  # words of an article that find related ones
FEW_HITS = 3  # at most this many hits: suggest other searches too
MAX_SPELLINGS = 3
KEPT_VALUES = 100  # values kept of a long facet (speakers, bodies, cities, books): the most frequent
FIELD_PREFIXES = ("发言人", "发文机关", "标题")  # suggested for a word that finds nothing alone
UNSEARCHABLE = "检索式中没有可以检索的字词（只有运算符或标点），请输入要找的字词"


class SearchIndex:
    """A library's index behind the search API. Safe to share between threads."""

    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.engine = engine
        use_userdict(settings.userdict_path)
        self._topic_names = _taxonomy_names(settings)
        self._lock = threading.Lock()  # guards the caches below (never held while searching)
        self._tables: OrderedDict[int, FacetTable] = OrderedDict()
        self._matches: OrderedDict[tuple[int, str], tuple[np.ndarray, np.ndarray, bool]] = OrderedDict()
        self._spellers: dict[int, Speller] = {}
        self._suggestions: OrderedDict[tuple[int, SearchRequest], list[Suggestion]] = OrderedDict()

    # -- caches per commit ---------------------------------------------------------------------

    def _table(self, snapshot: Snapshot) -> FacetTable:
        generation = snapshot.generation
        with self._lock:
            table = self._tables.get(generation)
        if table is None:
            table = FacetTable(snapshot.size, snapshot.live(), snapshot.column, snapshot.topics(), self._topic_names)
            with self._lock:
                self._tables[generation] = table
                while len(self._tables) > 2:
                    self._tables.popitem(last=False)
        return table

    def _match(self, snapshot: Snapshot, table: FacetTable, parsed: ParsedQuery, key: str
               ) -> tuple[np.ndarray, np.ndarray, bool]:
        """The matching documents and their scores (kept for the next pages and facet clicks), and
        whether they were found by a near match of the quotes. A word that is part of the name of
        a speaker or a body also finds their articles, first."""
        cache_key = (snapshot.generation, key)
        with self._lock:
            found = self._matches.get(cache_key)
        if found is None:
            ids, scores = snapshot.match(parsed, _named(table, parsed))
            near = False
            if not len(ids) and parsed.groups and all(c.kind == "phrase" for g in parsed.groups for c in g):
                ids, scores = _near_matches(snapshot, parsed)
                near = bool(len(ids))
            found = (ids, scores, near)
            with self._lock:
                self._matches[cache_key] = found
                while len(self._matches) > 64:
                    self._matches.popitem(last=False)
        return found

    def _speller(self, snapshot: Snapshot) -> Speller:
        generation = snapshot.generation
        with self._lock:
            speller = self._spellers.get(generation)
        if speller is None:
            speller = Speller()
            with self._lock:
                self._spellers = {generation: speller}
        return speller

    # -- searching -----------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.reading() as snapshot:
            return int(self._table(snapshot).live.sum())

    def search(self, request: SearchRequest) -> SearchResult:
        request = validate_request(request, self.settings)
        with self.engine.reading() as snapshot:
            table = self._table(snapshot)
            if request.literal or not request.query.strip():
                result, records = self._run(snapshot, table, request)
                return self._finish(result, records)
            understood = understand(request.query, Gazetteer.load(), table.values.get("issuer", ()))
            result, records = self._run(snapshot, table, request, _with_synonyms(understood))
            notices, suggestions = [], []
            also = [w for t, words in understood.synonyms.items() if not t.startswith("-") for w in words]
            excluded = [w for t, words in understood.synonyms.items() if t.startswith("-") for w in words]
            if also:
                notices.append(f"同时检索：{'、'.join(also)}")
            if excluded:
                notices.append(f"同时排除：{'、'.join(excluded)}")
            filters = understood.filters
            if filters:
                narrowed = _with_filters(request, understood)
                if result.total == 0:
                    filtered, filtered_records = self._run(snapshot, table, narrowed,
                                                           _with_synonyms(understood, understood.words))
                    if filtered.total:
                        result, records = filtered, filtered_records
                        notices.append(f"“{'”“'.join(filters.tokens)}”按原词检索没有结果，已改为按 "
                                       f"{'、'.join(filters.labels())} 筛选")
                        suggestions.append(Suggestion("仍按原词检索", request.with_(literal=True), "undo"))
                else:
                    suggestions.append(Suggestion(f"按 {'、'.join(filters.labels())} 筛选", narrowed, "filters"))
            if result.total <= FEW_HITS:
                suggestions += self._suggested(snapshot, table, request, understood, result)
            result.notices = notices + result.notices
            result.suggestions = suggestions
            return self._finish(result, records)

    def _run(self, snapshot: Snapshot, table: FacetTable, request: SearchRequest, query: str | None = None
             ) -> tuple[SearchResult, list[tuple[dict[str, Any], float | None]]]:
        """One search over a snapshot: the page's records (hits are made outside the snapshot).
        `query`: the words searched, when they are the request's widened (synonyms)."""
        query = request.query if query is None else query
        parsed = parse_query(query, self.settings.max_query_chars * 4)
        ids, scores, near = self._match(snapshot, table, parsed, query.strip())
        base = table.mask_of(ids)
        masks = {"year_range": table.year_range(request.year_from, request.year_to)}
        for facet in FACETS:
            masks[facet.key] = table.filter_mask(facet.key, request.facet_values(facet.key))
        active = {k: m for k, m in masks.items() if m is not None}
        everything = base.copy()
        for mask in active.values():
            everything &= mask
        total = int(everything.sum())
        facets = self._facets(table, request, base, active, everything)
        start = (request.page - 1) * request.size
        records: list[tuple[dict[str, Any], float | None]] = []
        if start < total:
            keep = everything[ids]
            hit_ids, hit_scores = ids[keep], scores[keep]
            if request.sort == "relevance" and not parsed.empty:
                hit_ids, hit_scores = self._ranked(snapshot, parsed, hit_ids, hit_scores)
                page = list(zip(hit_ids[start:start + request.size].tolist(),
                                hit_scores[start:start + request.size].tolist(), strict=True))
            else:
                keys = table.date_key[hit_ids]
                order = np.lexsort((hit_ids, keys)) if request.sort == "date_asc" else np.lexsort((hit_ids, -keys))
                page = [(d, None) for d in hit_ids[order][start:start + request.size].tolist()]
            records = [(snapshot.record(int(d)), s) for d, s in page]
        terms = parsed.highlight_terms()
        notices = [UNSEARCHABLE] if parsed.unsearchable else []
        if near:
            notices.append("没有逐字相同的引文；以下是只在标点、空格或全角半角上不同的近似结果")
        result = SearchResult(total, request.page, request.size, [], facets, terms, request.sort, notices, [], request,
                              near)
        return result, records

    @staticmethod
    def _facets(table: FacetTable, request: SearchRequest, base: np.ndarray, active: dict[str, np.ndarray],
                everything: np.ndarray) -> dict[str, list[FacetValue]]:
        """Each facet's values counted over the hits of every filter but its own (so that the
        values of a facet in use show what choosing them too would add)."""
        rows = np.flatnonzero(everything)
        facets: dict[str, list[FacetValue]] = {}
        for facet in FACETS:
            own = rows
            if facet.key in active:
                mask = base.copy()
                for other, other_mask in active.items():
                    if other != facet.key:
                        mask &= other_mask
                own = np.flatnonzero(mask)
            chosen = set(request.facet_values(facet.key))
            keep = KEPT_VALUES if facet.limit is not None else None  # (of a long facet: the most frequent)
            values = ordered(facet.key, table.counts(facet.key, own, keep, chosen), chosen)
            facets[facet.key] = [FacetValue(v, c, s) for v, c, s in values]
        return facets

    @staticmethod
    def _ranked(snapshot: Snapshot, parsed: ParsedQuery, ids: np.ndarray, scores: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        order = np.lexsort((ids, -scores))
        ids, scores = ids[order], scores[order]
        words = proximity_words(parsed)
        if not words:
            return ids, scores
        top = min(RERANK, len(ids))
        boosted = scores[:top].copy()
        for n, docnum in enumerate(ids[:top].tolist()):
            boosted[n] *= 1.0 + PROXIMITY_GAIN * closeness(snapshot.body_form(docnum), words)
        again = np.lexsort((ids[:top], -boosted))
        return np.concatenate((ids[:top][again], ids[top:])), np.concatenate((boosted[again], scores[top:]))

    @staticmethod
    def _finish(result: SearchResult, records: list[tuple[dict[str, Any], float | None]]) -> SearchResult:
        result.hits = [hit_of(record, result.highlight_terms, score, result.near) for record, score in records]
        return result

    def _suggested(self, snapshot: Snapshot, table: FacetTable, request: SearchRequest, understood: Understanding,
                   result: SearchResult) -> list[Suggestion]:
        """_when_few, kept for the commit (the same search again, a page or a facet later, asks
        nothing of the engine)."""
        key = (snapshot.generation, request.with_(page=1, sort="relevance"))
        with self._lock:
            found = self._suggestions.get(key)
        if found is None:
            found = self._when_few(snapshot, table, request, understood, result)
            with self._lock:
                self._suggestions[key] = found
                while len(self._suggestions) > 256:
                    self._suggestions.popitem(last=False)
        return found

    def _when_few(self, snapshot: Snapshot, table: FacetTable, request: SearchRequest, understood: Understanding,
                  result: SearchResult) -> list[Suggestion]:
        """Other searches to offer when a search finds few or no articles: the library's own words
        that look or sound like a word typed, the search without one of its words, the fields
        that a word may be meant for."""
        parsed = parse_query(understood.words, self.settings.max_query_chars)
        plain = [g[0].text for g in parsed.groups if len(g) == 1 and g[0].kind == "word" and g[0].field is None]
        suggestions = self._spelling(snapshot, request, plain)
        suggestions += self._names(table, request, plain)
        if result.total == 0 and len(plain) == len(parsed.groups) and not parsed.excluded:
            suggestions += self._relaxed(snapshot, request, plain)
            if len(plain) == 1:
                suggestions += self._fields(snapshot, request, plain[0])
        return suggestions

    def _finds(self, snapshot: Snapshot, query: str) -> int:
        table = self._table(snapshot)
        return len(self._match(snapshot, table, parse_query(query, self.settings.max_query_chars), query)[0])

    def _spelling(self, snapshot: Snapshot, request: SearchRequest, tokens: list[str]) -> list[Suggestion]:
        """For each word typed that the library does not hold, the query with a word of the library
        like it instead, when that finds something (困难职工帮付 -> 困难职工帮扶)."""
        speller = self._speller(snapshot)
        suggestions: list[Suggestion] = []
        for token in tokens:
            if self._finds(snapshot, token):
                continue
            # the run of characters as a whole first (送温嗳, which jieba cuts 送/温/嗳), then its words
            for word in dict.fromkeys([token, *query_words(token, self.settings.userdict_path)]):
                if word != token and self._finds(snapshot, word):
                    continue
                found = [fixed for better in speller.suggest(word, snapshot.word_frequency, snapshot.words_starting)
                         if (fixed := request.query.replace(word, better, 1)) != request.query
                         and self._finds(snapshot, fixed)]
                suggestions += [Suggestion(f"您是不是要找：{fixed}", request.with_(query=fixed, page=1), "spelling")
                                for fixed in found]
                if found:
                    break
        return suggestions[:MAX_SPELLINGS]

    @staticmethod
    def _names(table: FacetTable, request: SearchRequest, tokens: list[str]) -> list[Suggestion]:
        """A speaker or a body of the library whose name is like a word typed: their material."""
        suggestions = []
        for token in tokens:
            for facet, label in (("speaker", "发言人"), ("issuer", "发文机关")):
                for name in Speller.similar_names(token, table.values_of_length(facet, len(token))):
                    chosen = request.with_(query=request.query.replace(token, "", 1).strip(), page=1,
                                           **{BY_KEY[facet].request_field: (name,)})
                    suggestions.append(Suggestion(f"{label}“{name}”的资料", chosen, "name"))
        return suggestions

    def _relaxed(self, snapshot: Snapshot, request: SearchRequest, tokens: list[str]) -> list[Suggestion]:
        """The query (of plain words only) without the one word whose absence finds most (words
        apart, or the jieba words of a single run of characters)."""
        if len(tokens) == 1:
            tokens = query_words(tokens[0], self.settings.userdict_path)
        if len(tokens) < 2:
            return []
        best: tuple[int, str, str] | None = None
        for dropped in dict.fromkeys(tokens):
            rest = " ".join(t for t in tokens if t != dropped)
            found = self._finds(snapshot, rest)
            if found and (best is None or found > best[0]):
                best = (found, rest, dropped)
        if best is None:
            return []
        return [Suggestion(f"去掉“{best[2]}”，找到 {best[0]} 篇", request.with_(query=best[1], page=1), "relaxed")]

    def _fields(self, snapshot: Snapshot, request: SearchRequest, word: str) -> list[Suggestion]:
        """The field prefixes under which a word typed alone finds something."""
        suggestions = []
        for prefix in FIELD_PREFIXES:
            query = f"{prefix}:{word}"
            if self._finds(snapshot, query):
                suggestions.append(Suggestion(f"按{prefix}检索：{query}", request.with_(query=query, page=1), "field"))
        return suggestions

    # -- articles ------------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.reading() as snapshot:
            docnum = snapshot.docnum(article_id)
            return None if docnum is None else Article.from_dict(snapshot.record(docnum))

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        """Articles like this one: the article's most telling words (TF-IDF, as its keywords are
        chosen), scored by the engine over its postings."""
        with self.engine.reading() as snapshot:
            docnum = snapshot.docnum(article_id)
            if docnum is None:
                return []
            record = snapshot.record(docnum)
            text = (record["title"] + "\n") * 3 + "\n".join(record["paragraphs"])[:20000]
            terms = extract_keywords(get_segmenter().count_words(search_form(text)), top=RELATED_TERMS)
            ids, scores = snapshot.similar(docnum, terms)
            best = np.argsort(-scores, kind="stable")[:limit]
            records = [(snapshot.record(int(ids[i])), float(scores[i])) for i in best]
        return [hit_of(record, [], score) for record, score in records]

    def sources(self) -> dict[str, str]:
        """Every indexed file (its key) with the SHA-256 of the version that was indexed."""
        with self.engine.reading() as snapshot:
            return snapshot.sources()

    def writer(self, wait_s: float = 0.0) -> Writer:
        """The one writer of this index (a lock held until it is closed)."""
        return self.engine.writer(wait_s)

    def close(self) -> None:
        self.engine.close()


def _named(table: FacetTable, parsed: ParsedQuery) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """For each word typed (of two characters or more, in no field), the articles whose speaker or
    issuing body it names, scored NAME_SCORE: 张俊九 finds his speeches first."""
    named = {}
    for clause in [c for group in parsed.groups for c in group] + parsed.excluded:
        if clause.kind == "word" and clause.field is None and len(clause.text) >= 2:
            ids = table.named(clause.text)
            if len(ids):
                named[clause.text] = (ids, np.full(len(ids), NAME_SCORE))
    return named


def _near_matches(snapshot: Snapshot, parsed: ParsedQuery) -> tuple[np.ndarray, np.ndarray]:
    """Every quote of a query of quotes, matched near: only punctuation or width differ."""
    result: tuple[np.ndarray, np.ndarray] | None = None
    for group in parsed.groups:
        found = snapshot.near_match(group[0].text)
        if result is None:
            result = found
        else:
            common, ia, ib = np.intersect1d(result[0], found[0], assume_unique=True, return_indices=True)
            result = (common, result[1][ia] + found[1][ib])
    return result if result is not None else (np.zeros(0, dtype=np.int64), np.zeros(0))


def _with_synonyms(understood: Understanding, words: str | None = None) -> str:
    """The words with each synonym group as alternatives (全总 -> 全总 OR 中华全国总工会 OR 全国总工会),
    an exclusion with its synonyms excluded too (-农民工 -> -农民工 -进城务工人员 …)."""
    tokens = tokens_of(words if words is not None else understood.query)
    widened = []
    for token in tokens:
        others = understood.synonyms.get(token, ())
        if token.startswith("-"):
            widened.append(" ".join([token, *(f"-{w}" for w in others)]))
        else:
            widened.append(" OR ".join([token, *others]))
    return " ".join(widened)


def _with_filters(request: SearchRequest, understood: Understanding) -> SearchRequest:
    filters = understood.filters
    return request.with_(
        query=understood.words, page=1,
        years=tuple(dict.fromkeys((*request.years, *filters.years))),
        year_from=filters.year_from if filters.year_from is not None else request.year_from,
        year_to=filters.year_to if filters.year_to is not None else request.year_to,
        provinces=tuple(dict.fromkeys((*request.provinces, *filters.provinces))),
        cities=tuple(dict.fromkeys((*request.cities, *filters.cities))),
        doctypes=tuple(dict.fromkeys((*request.doctypes, *filters.doctypes))),
        levels=tuple(dict.fromkeys((*request.levels, *filters.levels))),
        issuers=tuple(dict.fromkeys((*request.issuers, *filters.issuers))),
    )


def _taxonomy_names(settings: Settings) -> list[str]:
    try:
        return load_taxonomy(settings.taxonomy_path).names
    except TaxonomyError:
        return []


@dataclass(frozen=True)
class EngineKind:
    """An engine the settings can name: how to open (or create) an index of it, and how to tell
    a folder holding one."""

    open: Callable[..., Engine]  # open(settings, create=False)
    holds_index: Callable[[Path], bool]


ENGINES: dict[str, EngineKind] = {}


def register_engine(name: str, kind: EngineKind) -> None:
    """Another engine, used where `Settings.engine` names it (the tests register one)."""
    ENGINES[name] = kind


def _engine_kind(name: str) -> EngineKind:
    if name == "whoosh" and name not in ENGINES:
        from ._whoosh import is_whoosh_index, open_whoosh

        ENGINES[name] = EngineKind(open_whoosh, is_whoosh_index)
    kind = ENGINES.get(name)
    if kind is None:
        raise ConfigError(f"未知的检索引擎：{name}（可用：whoosh）")
    return kind


def open_index(settings: Settings, create: bool = False) -> SearchIndex:
    """The index in `settings.index_dir`, of the engine `settings.engine`; created empty when
    `create` and it does not exist."""
    return SearchIndex(settings, _engine_kind(settings.engine).open(settings, create=create))


def is_index_dir(folder: Path, settings: Settings) -> bool:
    """Whether a folder holds a library's index (of any version): only such a folder is removed
    by a rebuild."""
    return _engine_kind(settings.engine).holds_index(folder)


__all__ = ["ENGINES", "MISSING", "MISSING_YEAR", "EngineKind", "SearchIndex", "is_index_dir", "open_index", "register_engine"]
