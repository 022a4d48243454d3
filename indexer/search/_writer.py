"""Writing the index: articles into new segments (built in the ingest's worker processes or here),
deletions of the files they replace, and commits that make both visible at once.

One writer at a time: an ingest holds a lock file beside the index (naming its process) for its
whole run; Whoosh's own lock is taken only for the moment of a commit."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from pathlib import Path
from typing import Any

from whoosh.index import LockError

from ..models import Article
from ..patterns import number_keys
from ..segment import get_segmenter
from ..settings import Settings
from ._bulk import Compact, PreparedDoc, SegmentBuilder, commit_segments, remove_uncommitted
from ._schema import PLAIN_SEPARATOR
from .analysis import SearchForm, compact_form, search_form
from .engine import Batch
from .errors import IndexBusyError
from .facets import MISSING

RUN_LOCK = ".ingest.lock"


def fields_of(article: Article, key: str, sha: str) -> dict[str, Any]:
    """The values of the index fields for one article of the file `key` (SHA-256 `sha`)."""
    title = article.title + (f" {article.subtitle}" if article.subtitle else "")
    body = "\n".join(article.paragraphs)
    speaker = " ".join(x for x in (article.speaker, article.speaker_title) if x)
    issuer = article.issuer or ""
    # each part in search form and compact form, once: the words, the exact keys and the plain text
    # come from them
    forms = [SearchForm(search_form(part)) for part in (title, body, speaker, issuer)]
    compact = [compact_form(form) for form in forms]
    doc: dict[str, Any] = {
        "id": article.id, "source": key, "source_version": f"{key}\x1f{sha}", "title": forms[0],
        "title_exact": Compact(compact[0]), "body": forms[1], "exact": Compact(compact[0] + "\n" + compact[1]),
        "speaker": Compact(compact[2]), "issuer": Compact(compact[3]),
        "province": article.province or MISSING, "city": article.city or MISSING,
        "doctype": article.doctype, "topics": ",".join(article.topics), "date": article.date or MISSING,
        "level": article.level or MISSING, "issuer_name": article.issuer or MISSING,
        "speaker_name": article.speaker or MISSING, "source_name": source_name(article) or MISSING,
        "plain": PLAIN_SEPARATOR.join(compact).encode("utf-8"), "record": json.dumps(article.to_dict(), ensure_ascii=False),
    }
    if article.doc_number:
        doc["doc_number"] = article.doc_number
        doc["number_keys"] = ",".join(number_keys(article.doc_number))
    if article.year:
        doc["year"] = article.year
    return doc


def source_name(article: Article) -> str | None:
    """The book or the meeting collection an article was taken from."""
    book = article.source.book
    return book.title if book else article.source.collection


class BatchBuilder:
    """Whole files' articles into one new segment. Used in a worker process: `prepare` does the
    heavy analysis (and may be interrupted by a time limit without harm), `add` only files the
    prepared documents; `flush` writes the segment and says which files it holds."""

    def __init__(self, ix: Any, settings: Settings):
        self._builder = SegmentBuilder(ix, get_segmenter(settings.userdict_path))
        self._sources: list[tuple[str, str, int]] = []

    @property
    def sources(self) -> list[tuple[str, str, int]]:
        return self._sources

    @property
    def articles(self) -> int:
        return self._builder.doc_count

    def prepare(self, articles: list[Article], key: str, sha: str) -> list[PreparedDoc]:
        return [self._builder.prepare(fields_of(a, key, sha)) for a in articles]

    def add(self, prepared: list[PreparedDoc], key: str, sha: str) -> None:
        for doc in prepared:
            self._builder.add_prepared(doc)
        self._sources.append((key, sha, len(prepared)))

    def flush(self) -> Batch:
        batch = Batch(self._builder.finish(), self._sources)
        self._sources = []
        return batch

    def abort(self) -> None:
        self._builder.abort()
        self._sources = []


class IndexWriter:
    """The one writer of an index for the length of an ingest run. Batches built in the workers are
    added with `add_batch`; `commit` deletes the old articles of every file in the batches and adds
    the new segments in one new table of contents; what was not committed when something fails is
    never seen by readers."""

    def __init__(self, ix: Any, settings: Settings, wait_s: float = 0.0):
        self._ix = ix
        self._settings = settings
        self._lock_file = _acquire_run_lock(settings.index_dir / RUN_LOCK, wait_s)
        self._segments: list[Any] = []
        self._deleted: list[str] = []
        self.failed = False  # a commit failed: the run was abandoned (see abandon)

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None and not self.failed:
            self.commit(clean=True)
        else:
            self.cancel()
        self.close()

    def add_batch(self, batch: Batch) -> None:
        if batch.payload is not None:
            self._segments.append(batch.payload)
        self._deleted.extend(key for key, _sha, _n in batch.sources)

    def remove_source(self, key: str) -> None:
        self._deleted.append(key)

    def commit(self, clean: bool = False) -> None:
        """Make the batches and deletions so far visible. `clean` also removes files of segments
        that are in no table of contents (left by a crash, or merged away): only when no worker
        is writing a segment."""
        if self._segments or self._deleted or clean:
            try:
                commit_segments(self._ix, self._segments, self._deleted, get_segmenter(self._settings.userdict_path),
                                clean=clean)
            except LockError as error:
                raise IndexBusyError(f"索引 {self._settings.index_dir} 正被另一个程序写入") from error
        self._segments, self._deleted = [], []

    def abandon(self) -> None:
        """After a failed commit (the disk is full): forget what was not committed and remove
        its files, writing nothing; the last commit stays as it was. Only when no worker is at work."""
        self.cancel()
        self.failed = True
        with contextlib.suppress(OSError):
            remove_uncommitted(self._ix)

    def cancel(self) -> None:
        self._segments, self._deleted = [], []

    def close(self) -> None:
        if self._lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None


def _acquire_run_lock(path: Path, wait_s: float) -> Any:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the writer's life
    deadline = time.monotonic() + max(0.0, wait_s)
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "另一个进程"
                handle.close()
                raise IndexBusyError(
                    f"索引 {path.parent} 正在被另一个导入写入（{holder}）；请等它结束，或用 --wait 秒数 排队等待"
                ) from None
            time.sleep(0.2)
    handle.seek(0)
    handle.truncate()
    handle.write(f"进程 {os.getpid()}，始于 {time.strftime('%Y-%m-%d %H:%M:%S')}")
    handle.flush()
    return handle
