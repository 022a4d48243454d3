"""The Whoosh engine behind the boundary of engine.py: an index folder in Whoosh's W3 segment
format (written in bulk by _bulk.py), opened with its schema version checked, read through
snapshots of the last commit, each used by one search at a time (Whoosh's readers seek shared
files): a small pool of them lets searches run side by side."""

from __future__ import annotations

import contextlib
import json
import pickle
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ..settings import Settings
from ._engine import Postings, either, evaluate, near_match
from ._schema import (
    PLAIN_PARTS,
    PLAIN_SEPARATOR,
    SCHEMA_VERSION,
    VERSION_FILE,
    build_schema,
    read_version,
    write_version,
)
from ._writer import BatchBuilder as WhooshBatchBuilder
from ._writer import IndexWriter
from .errors import IndexMissingError, SchemaVersionError
from .query import ParsedQuery

_POOL = 4  # snapshots kept per commit: searches beyond this many at once wait for one

_BODY_PART = PLAIN_PARTS.index("body")


def _rebuild_message(folder: Path, why: str) -> str:
    return f"索引 {folder} {why}，需要重建：gonghui ingest --rebuild --index {folder} 语料目录"


def open_whoosh(settings: Settings, create: bool = False) -> WhooshEngine:
    folder = settings.index_dir
    version = read_version(folder)
    # (whoosh's exists_in reads the table of contents, unpickling the schema: looked for by name)
    exists = folder.is_dir() and any(folder.glob(f"_{whoosh_index._DEF_INDEX_NAME}_*.toc"))
    if exists and version != SCHEMA_VERSION:
        raise SchemaVersionError(_rebuild_message(folder, f"由另一版本建立（结构版本 {version or '未知'}，当前 {SCHEMA_VERSION}）"))
    if not exists:
        if not create:
            raise IndexMissingError(f"索引 {folder} 不存在，请先运行 gonghui ingest")
        folder.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(folder), build_schema(settings.userdict_path))
        write_version(folder)
        return WhooshEngine(settings, ix)
    try:
        ix = whoosh_index.open_dir(str(folder))
    except (pickle.UnpicklingError, ImportError, AttributeError, EOFError, TypeError, ValueError) as error:
        # the schema pickles classes by their paths: an index made by code whose classes moved
        raise SchemaVersionError(_rebuild_message(folder, f"无法读取（{type(error).__name__}）")) from error
    return WhooshEngine(settings, ix)


def is_whoosh_index(folder: Path) -> bool:
    return (folder / VERSION_FILE).exists()


class WhooshEngine:
    def __init__(self, settings: Settings, ix: Any):
        self.settings = settings
        self._ix = ix
        self._lock = threading.Lock()
        self._generation = -1
        self._idle: list[WhooshSnapshot] = []
        self._lent = 0
        self._free = threading.Condition(self._lock)

    @contextlib.contextmanager
    def reading(self) -> Iterator[WhooshSnapshot]:
        """A snapshot of the last commit for the length of the block (one user at a time)."""
        snapshot = self._borrow()
        try:
            yield snapshot
        finally:
            self._give_back(snapshot)

    def _borrow(self) -> WhooshSnapshot:
        latest = self._ix.latest_generation()
        with self._free:
            if latest != self._generation:
                # a new commit: new snapshots (a new searcher, not Searcher.refresh(): whoosh-
                # reloaded's reader reuse brought merged segments back as duplicates)
                for old in self._idle:
                    old.close()
                self._idle, self._generation = [], latest
            while not self._idle and self._lent >= _POOL:
                self._free.wait()
            snapshot = self._idle.pop() if self._idle else None
            self._lent += 1
        if snapshot is None or snapshot.generation != latest:
            snapshot = WhooshSnapshot(self._ix.searcher(), latest, self.settings)
        return snapshot

    def _give_back(self, snapshot: WhooshSnapshot) -> None:
        with self._free:
            self._lent -= 1
            if snapshot.generation == self._generation and len(self._idle) < _POOL:
                self._idle.append(snapshot)
            else:
                snapshot.close()
            self._free.notify()

    def writer(self, wait_s: float = 0.0) -> IndexWriter:
        return IndexWriter(self._ix, self.settings, wait_s)

    def batch_builder(self) -> WhooshBatchBuilder:
        return WhooshBatchBuilder(self._ix, self.settings)

    def close(self) -> None:
        with self._free:
            for snapshot in self._idle:
                snapshot.close()
            self._idle = []


class WhooshSnapshot:
    """One searcher over one commit, with its postings reader and caches."""

    def __init__(self, searcher: Searcher, generation: int, settings: Settings):
        self.generation = generation
        self._searcher = searcher
        self._reader = searcher.reader()
        self._postings = Postings(searcher, settings.userdict_path)
        self.size = self._reader.doc_count_all()

    def close(self) -> None:
        self._searcher.close()

    def live(self) -> np.ndarray:
        """The documents not deleted (computed once a snapshot: the snapshot does not change)."""
        mask = getattr(self, "_live", None)
        if mask is None:
            mask = self._live = np.zeros(self.size, dtype=bool)
            if self.size:
                mask[list(self._reader.all_doc_ids())] = True
        return mask

    def column(self, name: str) -> list[Any]:
        """A column's values for every document of every segment, in document order. A segment
        without the column's file gives the column's default for each of its documents (Whoosh's
        multi-segment column reader leaves such a segment out, so the values no longer line up)."""
        values: list[Any] = []
        for leaf, _offset in self._reader.leaf_readers():
            if leaf.doc_count_all():
                values.extend(leaf.column_reader(name))
        return values

    def topics(self) -> dict[str, np.ndarray]:
        if not self.size:
            return {}
        found = {}
        for term in self._reader.lexicon("topics"):
            name = term.decode("utf-8") if isinstance(term, bytes) else term
            found[name] = np.fromiter(self._searcher.postings("topics", name).all_ids(), dtype=np.int64)
        return found

    def match(self, query: ParsedQuery, also: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
        return evaluate(query, self._postings, self.live_mask, also or {})

    def near_match(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids, scores = near_match(self._postings, text)
        keep = self.live_mask[ids] if len(ids) else np.zeros(0, dtype=bool)
        return ids[keep], scores[keep]

    @property
    def live_mask(self) -> np.ndarray:
        return self.live()

    def body_form(self, docnum: int) -> str:
        """The body of a document as searched (search form, white space left out)."""
        parts = self._postings.plain.get(docnum).decode("utf-8").split(PLAIN_SEPARATOR)
        return parts[_BODY_PART] if len(parts) > _BODY_PART else ""

    def record(self, docnum: int) -> dict[str, Any]:
        return json.loads(self._searcher.stored_fields(docnum)["record"])

    def docnum(self, article_id: str) -> int | None:
        found = self._searcher.document_number(id=article_id)
        return None if found is None else int(found)

    def similar(self, docnum: int, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        ids, scores = either([self._postings.bm25("body", term) for term in terms])
        keep = self.live_mask[ids] & (ids != docnum) if len(ids) else np.zeros(0, dtype=bool)
        return ids[keep], scores[keep]

    def sources(self) -> dict[str, str]:
        reader = self._reader
        found: dict[str, str] = {}
        for term in reader.lexicon("source_version"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            key, _, sha = text.rpartition("\x1f")
            # deleted documents keep their terms until segments merge: look for a live one
            if any(not reader.is_deleted(d) for d in reader.postings("source_version", text).all_ids()):
                found[key] = sha
        return found

    def word_frequency(self, word: str) -> int:
        return max(self._postings.doc_frequency(field, word) for field in ("title", "body"))

    def words_starting(self, prefix: str) -> Iterable[str]:
        seen: set[str] = set()
        for field in ("title", "body"):
            for term in self._reader.expand_prefix(field, prefix):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                if word not in seen:
                    seen.add(word)
                    yield word
