"""Ingest: files and folders into the index. Unchanged files are skipped, changed files replace
their articles, refused files are reported and keep whatever the index already held for them;
the index is committed in batches, so a crash loses at most the batch in flight."""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .models import FileResult
from .pipeline import iter_input_files, source_key
from .search import SearchIndex, Writer, is_index_dir, open_index
from .settings import ConfigError, Settings
from .topics import load_taxonomy
from .workers import BatchDone, BatchFailed, Task, describe_write_error, index_files

log = logging.getLogger(__name__)


class IndexWriteError(RuntimeError):
    """The index could not be written (the disk is full): the run stops."""


@dataclass
class Progress:
    files_done: int
    files_total: int
    articles: int
    bytes_done: int
    bytes_total: int
    elapsed: float

    @property
    def mb_per_s(self) -> float:
        return self.bytes_done / 1e6 / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if not self.bytes_done or self.bytes_done >= self.bytes_total:
            return None
        return (self.bytes_total - self.bytes_done) * self.elapsed / self.bytes_done


@dataclass
class IngestReport:
    files: int = 0
    indexed: int = 0
    unchanged: int = 0
    articles: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    bytes: int = 0
    seconds: float = 0.0
    commits: int = 0
    redone: int = 0  # files done a second time because the batch holding them was lost
    # the run stopped because the index could not be written (the disk is full): why, and the
    # files whose new articles are not in the index (what was committed before stays)
    stopped: str | None = None
    not_taken: list[str] = field(default_factory=list)


def rebuild_index_dir(settings: Settings) -> None:
    """Remove the index folder, but only when it is one of ours (it holds our version file)."""
    folder = settings.index_dir
    if not folder.exists():
        return
    if not is_index_dir(folder, settings) and any(folder.iterdir()):
        raise ConfigError(f"{folder} 不是工会资料库的索引目录（没有索引的版本文件），不会删除；请用 --index 指定索引目录")
    shutil.rmtree(folder)


def ingest(
    paths: Iterable[Path], settings: Settings, *, prune: bool = False, rebuild: bool = False, wait_s: float = 0.0,
    progress: Callable[[Progress], None] | None = None, index: SearchIndex | None = None, follow_links: bool = False,
) -> IngestReport:
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    load_taxonomy(settings.taxonomy_path)  # a ConfigError before any file is read
    if rebuild:
        rebuild_index_dir(settings)
    index = index or open_index(settings, create=True)
    report = IngestReport()
    with index.writer(wait_s) as writer:
        known = index.sources()
        run = _Run(settings, writer, report, progress, started)
        run.plan(paths, follow_links, known)
        log.info("importing %d files into %s (%d already indexed)", len(run.todo), settings.index_dir, len(known))
        try:
            run.index_all()
        except IndexWriteError as error:
            # (leaving the loop closed the generator: the workers are stopped)
            log.error("import stopped, the index cannot be written: %s", error)
            writer.abandon()
            report.stopped = str(error)
        run.tally()
        if prune and not report.stopped:
            _prune(paths, known, writer, report)
    report.seconds = time.perf_counter() - started
    return report


class _Run:
    """One ingest: the files to do, their results as they come, the batches committed."""

    def __init__(self, settings: Settings, writer: Writer, report: IngestReport,
                 progress: Callable[[Progress], None] | None, started: float):
        self.settings, self.writer, self.report, self.progress, self.started = settings, writer, report, progress, started
        self.todo: list[Task] = []
        self.sizes: dict[str, int] = {}
        self.results: dict[str, FileResult] = {}  # a file done again (its batch was lost) counts once, as last done
        self.committed: set[str] = set()

    def plan(self, paths: list[Path], follow_links: bool, known: dict[str, str]) -> None:
        for item in iter_input_files(paths, follow_links):
            self.report.files += 1
            if item.refused:
                log.info("refused %s: %s", item.path, item.refused)
                self.report.refused.append((str(item.path), item.refused))
                continue
            # (the file is opened, hashed and read in a worker, under the per-file limits)
            with contextlib.suppress(OSError):
                self.sizes[str(item.path)] = item.path.stat().st_size
            key = source_key(item.path)
            self.todo.append(Task(str(item.path), key, known.get(key, ""), item.root))

    def index_all(self) -> None:
        total_bytes = sum(self.sizes.values())
        report = self.report
        for event in index_files(self.todo, self.settings):
            if isinstance(event, BatchFailed):  # nothing more can be written
                raise IndexWriteError(event.reason)
            if isinstance(event, BatchDone):
                self.commit(event)
                continue
            result = event.result
            previous = self.results.get(result.path)
            self.results[result.path] = result
            if previous is None:
                report.bytes += self.sizes.get(result.path, 0)
            else:
                report.redone += 1
                report.articles -= previous.article_count
            report.articles += result.article_count
            if self.progress:
                self.progress(Progress(len(self.results), len(self.todo), report.articles, report.bytes, total_bytes,
                                       time.perf_counter() - self.started))

    def commit(self, event: BatchDone) -> None:
        """A batch of whole files: committed now (with the deletions of those files' old
        articles), so that a crash loses at most the batches in flight."""
        self.writer.add_batch(event.batch)
        try:
            self.writer.commit()
        except OSError as error:
            raise IndexWriteError(describe_write_error(error)) from error
        self.committed.update(key for key, _sha, _n in event.batch.sources)
        self.report.commits += 1
        log.info("committed a batch: %d files (%d articles so far)", len(event.batch.sources), self.report.articles)

    def tally(self) -> None:
        report, results = self.report, self.results
        for result in results.values():
            if result.refused:
                log.info("refused %s: %s", result.path, result.refused)
                report.refused.append((result.path, result.refused))
            elif result.unchanged:
                report.unchanged += 1
            elif not report.stopped or source_key(Path(result.path)) in self.committed:
                report.indexed += 1
        if report.stopped:
            done = {p for p, r in results.items() if r.refused or r.unchanged}
            report.not_taken = [t.path for t in self.todo if t.key not in self.committed and t.path not in done]
            report.articles = sum(r.article_count for p, r in results.items() if source_key(Path(p)) in self.committed)


def _prune(paths: list[Path], known: dict[str, str], writer: Writer, report: IngestReport) -> None:
    """Remove the articles of files that are gone, under the folders (or of the files) imported."""
    roots = [p.resolve() for p in paths]
    for key in known:
        gone = not Path(key).exists()
        inside = any(Path(key).is_relative_to(root) for root in roots if root.is_dir()) or Path(key) in roots
        if gone and inside:
            writer.remove_source(key)
            report.removed.append(key)
    writer.commit()
    report.commits += 1


def remove(paths: Iterable[Path], settings: Settings, wait_s: float = 0.0) -> list[str]:
    """Delete the articles of these files (or of every file under these folders) from the index."""
    index = open_index(settings)
    targets = [Path(p).resolve() for p in paths]
    removed: list[str] = []
    with index.writer(wait_s) as writer:
        for key in index.sources():
            path = Path(key)
            if any(path == t or path.is_relative_to(t) for t in targets):
                writer.remove_source(key)
                removed.append(key)
    return removed


__all__ = ["IngestReport", "Progress", "ingest", "rebuild_index_dir", "remove"]
