"""A second engine, over Python dicts kept in one JSON file, used only in tests: it implements the
interface of indexer/search/engine.py with the same analysis (indexer/search/analysis.py) and
no Whoosh name at all, to show that everything above the boundary (requests, filters, facets,
ranking, snippets, suggestions, the site) depends on the interface alone.

It scans every document for every query: fine for a test library of a hundred articles."""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from indexer import Article, Settings
from indexer.patterns import number_keys
from indexer.search import Batch, EngineKind, IndexMissingError, register_engine
from indexer.search.analysis import compact_form, word_counts
from indexer.search.engine import COLUMNS
from indexer.search.query import DOC_NUMBER_SCORE, Clause, ParsedQuery
from indexer.segment import get_segmenter, query_words

FILE = "dict-engine.json"
PARTS = ("title", "body", "speaker", "issuer")
TITLE_WEIGHT = 3.0
EMPTY: tuple[np.ndarray, np.ndarray] = (np.zeros(0, dtype=np.int64), np.zeros(0))


def open_dict_engine(settings: Settings, create: bool = False) -> DictEngine:
    path = settings.index_dir / FILE
    if not path.exists():
        if not create:
            raise IndexMissingError(f"索引 {settings.index_dir} 不存在，请先运行 gonghui ingest")
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        _save(path, [])
    return DictEngine(settings, path)


def register() -> None:
    register_engine("dict", EngineKind(open_dict_engine, lambda folder: (folder / FILE).exists()))


def _save(path: Path, docs: list[dict[str, Any]]) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def document(article: Article, key: str, sha: str, userdict: Path) -> dict[str, Any]:
    """An article as this engine keeps it: its record, the words of its title and text, the
    compact form of each part, its number keys."""
    segmenter = get_segmenter(userdict)
    title = article.title + (f" {article.subtitle}" if article.subtitle else "")
    parts = {"title": title, "body": "\n".join(article.paragraphs),
             "speaker": " ".join(x for x in (article.speaker, article.speaker_title) if x), "issuer": article.issuer or ""}
    book = article.source.book
    return {
        "id": article.id, "source": key, "sha": sha, "deleted": False, "record": article.to_dict(),
        "words": {part: dict(word_counts(parts[part], segmenter)) for part in ("title", "body")},
        "compact": {part: compact_form(text) for part, text in parts.items()},
        "number_keys": number_keys(article.doc_number) if article.doc_number else [],
        "columns": {"year": article.year or 0, "date": article.date or "", "province": article.province or "",
                    "city": article.city or "", "doctype": article.doctype, "level": article.level or "",
                    "issuer_name": article.issuer or "", "speaker_name": article.speaker or "",
                    "source_name": (book.title if book else article.source.collection) or ""},
        "topics": list(article.topics),
    }


class DictEngine:
    def __init__(self, settings: Settings, path: Path):
        self.settings = settings
        self.path = path
        self._loaded: tuple[int, DictSnapshot] | None = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[DictSnapshot]:
        stamp = self.path.stat().st_mtime_ns
        if self._loaded is None or self._loaded[0] != stamp:
            docs = json.loads(self.path.read_text(encoding="utf-8"))
            self._loaded = (stamp, DictSnapshot(docs, self.settings.userdict_path, stamp))
        yield self._loaded[1]

    def writer(self, wait_s: float = 0.0) -> DictWriter:
        return DictWriter(self.path)

    def batch_builder(self) -> DictBatchBuilder:
        return DictBatchBuilder(self.settings.userdict_path)

    def close(self) -> None:
        self._loaded = None


class DictBatchBuilder:
    def __init__(self, userdict: Path):
        self.userdict = userdict
        self._docs: list[dict[str, Any]] = []
        self._sources: list[tuple[str, str, int]] = []

    @property
    def articles(self) -> int:
        return len(self._docs)

    @property
    def sources(self) -> list[tuple[str, str, int]]:
        return self._sources

    def prepare(self, articles: list[Article], key: str, sha: str) -> list[Any]:
        return [document(a, key, sha, self.userdict) for a in articles]

    def add(self, prepared: list[Any], key: str, sha: str) -> None:
        self._docs.extend(prepared)
        self._sources.append((key, sha, len(prepared)))

    def flush(self) -> Batch:
        batch = Batch(self._docs or None, self._sources)
        self._docs, self._sources = [], []
        return batch

    def abort(self) -> None:
        self._docs, self._sources = [], []


class DictWriter:
    def __init__(self, path: Path):
        self.path = path
        self.failed = False
        self._new: list[dict[str, Any]] = []
        self._deleted: set[str] = set()

    def __enter__(self) -> DictWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None and not self.failed:
            self.commit(clean=True)
        self.close()

    def add_batch(self, batch: Batch) -> None:
        self._new.extend(batch.payload or [])
        self._deleted.update(key for key, _sha, _n in batch.sources)

    def remove_source(self, key: str) -> None:
        self._deleted.add(key)

    def commit(self, clean: bool = False) -> None:
        docs = json.loads(self.path.read_text(encoding="utf-8"))
        for doc in docs:
            if doc["source"] in self._deleted:
                doc["deleted"] = True
        _save(self.path, docs + self._new)
        self._new, self._deleted = [], set()

    def cancel(self) -> None:
        self._new, self._deleted = [], set()

    def abandon(self) -> None:
        self.cancel()
        self.failed = True

    def close(self) -> None:
        pass


class DictSnapshot:
    def __init__(self, docs: list[dict[str, Any]], userdict: Path, generation: int):
        self.generation = generation  # (the file's modification time: it changes with every commit)
        self.docs = docs
        self.userdict = userdict
        self.size = len(docs)
        self._live = np.array([not d["deleted"] for d in docs], dtype=bool)

    def live(self) -> np.ndarray:
        return self._live.copy()

    def column(self, name: str) -> list[Any]:
        assert name in COLUMNS, name
        return [d["columns"][name] for d in self.docs]

    def topics(self) -> dict[str, np.ndarray]:
        found: dict[str, list[int]] = {}
        for n, doc in enumerate(self.docs):
            for topic in doc["topics"]:
                found.setdefault(topic, []).append(n)
        return {topic: np.array(ids, dtype=np.int64) for topic, ids in found.items()}

    # -- matching ------------------------------------------------------------------------------

    def _scored(self, score: Any) -> tuple[np.ndarray, np.ndarray]:
        """The live documents with a score above 0 from `score(doc)`."""
        ids, scores = [], []
        for n, doc in enumerate(self.docs):
            if self._live[n]:
                value = score(doc)
                if value > 0:
                    ids.append(n)
                    scores.append(float(value))
        return np.array(ids, dtype=np.int64), np.array(scores)

    @staticmethod
    def _text(doc: dict[str, Any], part: str) -> str:
        compact = doc["compact"]
        return str(compact[part]) if part in PARTS else compact["title"] + "\n" + compact["body"]

    def _phrase(self, text: str, part: str) -> tuple[np.ndarray, np.ndarray]:
        """The documents holding the characters of `text` next to each other in `part`."""
        needle = compact_form(text)
        if not needle:
            return EMPTY

        def score(doc: dict[str, Any]) -> float:
            compact = doc["compact"]
            if part in ("speaker", "issuer"):
                found = compact[part].count(needle)
                return 1.0 + found if found else 0.0
            title = compact["title"].count(needle)
            body = compact["body"].count(needle) if part == "all" else 0
            return 1.0 + TITLE_WEIGHT * title + body if title or body else 0.0

        return self._scored(score)

    def _pattern(self, pattern: re.Pattern[str], part: str) -> tuple[np.ndarray, np.ndarray]:
        return self._scored(lambda d: len(pattern.findall(self._text(d, part))))

    def _word(self, word: str, part: str) -> tuple[np.ndarray, np.ndarray]:
        """A word as a word of the title or text (tf-idf), else as characters (in a longer word,
        or across punctuation, as the Whoosh engine does)."""
        if len(word) == 1:
            return self._phrase(word, part)
        fields = ("title",) if part == "title" else ("title", "body")
        frequency = sum(1 for d in self.docs if any(word in d["words"][f] for f in fields))
        if frequency:
            idf = math.log(self.size / (frequency + 1)) + 1
            return self._scored(lambda d: idf * sum(d["words"][f].get(word, 0) * (TITLE_WEIGHT if f == "title" else 1)
                                                    for f in fields))
        found = self._phrase(word, part)
        if not len(found[0]):
            found = self.near_match(word, part)
        return found

    def _clause(self, clause: Clause, also: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
        part = "title" if clause.field == "title" else clause.field if clause.field in ("speaker", "issuer") else "all"
        if clause.kind == "docnum":
            exact = self._scored(lambda d: DOC_NUMBER_SCORE if clause.text in d["number_keys"] else 0)
            return exact if clause.field == "doc_number" else _either([exact, self._phrase(clause.text, "all")])
        if clause.kind == "docnum_prefix":
            return self._scored(lambda d: any(k.startswith(clause.text) for k in d["number_keys"]))
        if clause.kind == "phrase" or part in ("speaker", "issuer"):
            return self._phrase(clause.text, part)
        if clause.kind == "number":
            needle = re.escape(compact_form(clause.text))
            return self._pattern(re.compile(r"(?<![0-9.])" + needle + r"(?![0-9])"), part)
        result: tuple[np.ndarray, np.ndarray] | None = None
        for word in query_words(clause.text, self.userdict):
            found = self._word(word, part)
            result = found if result is None else _both(result, found)
        result = result if result is not None else EMPTY
        named = also.get(clause.text) if clause.field is None else None
        return result if named is None else _either([result, named])

    def match(self, query: ParsedQuery, also: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
        also = also or {}
        if query.unsearchable:
            return EMPTY
        everything = np.flatnonzero(self._live)
        result: tuple[np.ndarray, np.ndarray] = (everything, np.zeros(len(everything)))
        for group in query.groups:
            result = _both(result, _either([self._clause(c, also) for c in group]))
        for clause in query.excluded:
            result = _without(result, self._clause(clause, also)[0])
        return result

    def near_match(self, text: str, part: str = "all") -> tuple[np.ndarray, np.ndarray]:
        chars = [ch for ch in compact_form(text) if ch.isalnum()]
        if len(chars) < 2:
            return EMPTY
        gap = r"[^0-9A-Za-z\u3400-\u9fff]{0,3}"
        return self._pattern(re.compile(gap.join(re.escape(ch) for ch in chars)), part)

    # -- documents -----------------------------------------------------------------------------

    def body_form(self, docnum: int) -> str:
        return str(self.docs[docnum]["compact"]["body"])

    def record(self, docnum: int) -> dict[str, Any]:
        return dict(self.docs[docnum]["record"])

    def docnum(self, article_id: str) -> int | None:
        return next((n for n, d in enumerate(self.docs) if d["id"] == article_id and self._live[n]), None)

    def similar(self, docnum: int, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        ids, scores = self._scored(lambda d: sum(d["words"]["body"].get(t, 0) for t in terms))
        keep = ids != docnum
        return ids[keep], scores[keep]

    def sources(self) -> dict[str, str]:
        return {d["source"]: d["sha"] for n, d in enumerate(self.docs) if self._live[n]}

    def word_frequency(self, word: str) -> int:
        return max(sum(1 for n, d in enumerate(self.docs) if self._live[n] and word in d["words"][f])
                   for f in ("title", "body"))


    def words_starting(self, prefix: str) -> list[str]:
        return sorted({w for d in self.docs for f in ("title", "body") for w in d["words"][f] if w.startswith(prefix)})

def _both(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    common, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return common, a[1][ia] + b[1][ib]


def _either(results: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    scores: dict[int, float] = {}
    for ids, values in results:
        for docnum, value in zip(ids.tolist(), values.tolist(), strict=True):
            scores[docnum] = scores.get(docnum, 0.0) + value
    ordered = sorted(scores)
    return np.array(ordered, dtype=np.int64), np.array([scores[d] for d in ordered])


def _without(a: tuple[np.ndarray, np.ndarray], ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = ~np.isin(a[0], ids)
    return a[0][keep], a[1][keep]
