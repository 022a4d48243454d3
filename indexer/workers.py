"""Files through the pipeline in worker processes (both cores), each file with a time and memory
limit. For an ingest, the workers also analyse the articles and write them as new index segments
(a batch of articles each), so the indexing work is shared by the cores too; the parent only
commits. A worker that hangs, crashes or runs out of memory costs only its file: the file is
reported with the reason, the worker replaced, the files of its unwritten batch done again, and
the run goes on."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import FileResult
from .pipeline import process_file
from .settings import Settings

if TYPE_CHECKING:
    from .search import Batch


class _FileTimeout(BaseException):
    """Raised by the alarm in the middle of any code: a BaseException, so that no handler of the
    pipeline that catches Exception takes it for an error of the file's own."""


class _Deadline:
    """Whether a file's time limit is being enforced in this process right now."""

    active = False


_RETRY_ALARM_S = 0.5


def _on_alarm(signum: int, frame: Any) -> None:
    if _Deadline.active:
        raise _FileTimeout()


def process_with_limits(
    task: Task, settings: Settings, then: Callable[[FileResult], Any] | None = None
) -> FileResult:
    """process_file (and `then` on its result, when it has articles) within a time limit
    (SIGALRM; main thread): the file is opened, hashed and read inside the limit too.

    The alarm repeats every half second after the limit: an exception raised while Python runs a
    garbage-collector callback or a __del__ method is printed and dropped, so one alarm alone can
    be lost and leave the file running for ever (it happened in CI)."""
    seconds = max(1, int(settings.file_timeout_s))
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    _Deadline.active = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _RETRY_ALARM_S)
    try:
        try:
            result = process_file(Path(task.path), settings, task.root, task.known_sha or None)
            if then is not None and result.articles:
                then(result)
            return result
        finally:
            _Deadline.active = False
    except _FileTimeout:
        _Deadline.active = False
        return FileResult(task.path, refused=f"处理超时（超过 {seconds} 秒），文件可能结构异常",
                          seconds=time.perf_counter() - started)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def warm_up() -> None:
    """Load the dictionaries once per process rather than inside the first file's time limit."""
    from .clean import to_simplified
    from .gazetteer import Gazetteer
    from .keywords import extract_keywords
    from .segment import get_segmenter

    Gazetteer.load()
    get_segmenter().cut("工会")
    to_simplified("工會")
    extract_keywords({"工会": 1})


@dataclass(frozen=True)
class Task:
    path: str
    key: str = ""  # the file's key in the index
    known_sha: str = ""  # SHA-256 of the version in the index (a file that still has it is only hashed)
    root: Path | None = None  # the imported folder it was found in


@dataclass
class FileDone:
    result: FileResult
    task: Task


@dataclass
class BatchDone:
    """A batch of whole files' articles written by a worker (for the index's writer)."""

    batch: Batch


@dataclass
class BatchFailed:
    """A worker could not write its batch (the reason): the batch's files must be done again;
    when `fatal` (the disk is full, the folder cannot be written) nothing more can be written and
    the run must stop."""

    reason: str
    fatal: bool = False


# Errors of writing that no retry mends: the run stops cleanly instead of redoing every batch.
FATAL_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO})


def write_failure(error: BaseException) -> BatchFailed:
    fatal = isinstance(error, OSError) and error.errno in FATAL_WRITE_ERRNOS
    return BatchFailed(describe_write_error(error), fatal)


def describe_write_error(error: BaseException) -> str:
    """A failure to write the index in words (no memory addresses, the same on every run)."""
    if isinstance(error, OSError) and error.errno is not None:
        words = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "索引所在的磁盘只读",
                 errno.EACCES: "没有写入索引目录的权限", errno.EPERM: "没有写入索引目录的权限",
                 errno.EIO: "磁盘读写错误"}
        return words.get(error.errno, f"写入出错：{error.strerror}")
    return f"{type(error).__name__}: {error}"[:300]


def _limit_memory(settings: Settings) -> None:
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = settings.worker_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


class _Indexer:
    """In one process: files through the pipeline, their articles into a batch segment."""

    def __init__(self, settings: Settings, build: bool):
        self.settings = settings
        self.builder: Any = None
        if build:
            from .search import open_index

            self.builder = open_index(settings).engine.batch_builder()

    def file(self, task: Task) -> FileResult:
        builder = self.builder
        if builder is None:
            return process_with_limits(task, self.settings)
        prepared: list[Any] = []
        try:
            result = process_with_limits(
                task, self.settings,
                then=lambda done: prepared.extend(builder.prepare(done.articles, task.key, done.sha256 or "")),
            )
        except MemoryError:
            return FileResult(task.path, refused="处理时内存超出上限，文件可能过大或结构异常")
        result.article_count = len(result.articles)
        if result.articles:
            builder.add(prepared, task.key, result.sha256 or "")
            result.articles = []
        return result

    def flush(self) -> BatchDone:
        return BatchDone(self.builder.flush())

    def abort(self) -> None:
        self.builder.abort()


def _die_with_parent(parent: int) -> None:
    """Linux: the worker is killed when the ingest process dies (even by SIGKILL), rather than
    finishing its file for nobody while holding a copy of the index's run lock."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _worker_main(conn: Connection, settings: Settings, build: bool, parent: int) -> None:
    if sys.platform.startswith("linux"):
        _die_with_parent(parent)
    _limit_memory(settings)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    warm_up()
    indexer = _Indexer(settings, build)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        try:
            conn.send(indexer.flush() if message == "flush" else indexer.file(message))
        except Exception as error:  # the batch is lost, not the worker
            indexer.abort()
            conn.send(write_failure(error))


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, build: bool):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, settings, build, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.flushing = False
        self.batch: list[Task] = []  # files whose articles wait in this worker's unwritten segment
        self.pending = 0  # articles in the unwritten segment
        self.pending_bytes = 0  # and the size of their files
        self.started = 0.0

    @property
    def busy(self) -> bool:
        return self.task is not None or self.flushing

    def start_batch(self) -> None:
        """The batch was written as a segment, or lost: the worker gathers a new one."""
        self.batch, self.pending, self.pending_bytes = [], 0, 0

    def give(self, task: Task) -> None:
        self.task = task
        self.started = time.monotonic()
        self.conn.send(task)

    def flush(self) -> None:
        self.flushing = True
        self.started = time.monotonic()
        self.conn.send("flush")

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


@dataclass
class BatchSize:
    """When a worker writes the articles it gathered as a segment. `settings.batch_size` fixes the
    number of articles; by default a batch grows with the run so that a large first import writes
    about RUN_SEGMENTS segments, which the parent then need not merge (merging copies every
    article once more): 1,000 articles, up to 4,000 (a run of 64,000 articles or more), estimated
    from the articles per file so far. Whatever the count, a batch ends at MAX_BYTES of files,
    which bounds a worker's memory (about 1 GB at 30 MB of text)."""

    fixed: int | None
    files_total: int
    files_done: int = 0
    articles_done: int = 0

    MIN_ARTICLES = 1_000
    MAX_ARTICLES = 4_000
    RUN_SEGMENTS = 16
    MAX_BYTES = 40 * 1024 * 1024

    def done(self, result: FileResult) -> None:
        self.files_done += 1
        self.articles_done += result.article_count

    @property
    def articles(self) -> int:
        if self.fixed:
            return self.fixed
        expected = self.articles_done * self.files_total // max(1, self.files_done)
        return min(self.MAX_ARTICLES, max(self.MIN_ARTICLES, -(-expected // self.RUN_SEGMENTS)))

    def full(self, articles: int, size: int) -> bool:
        return articles >= self.articles or size >= self.MAX_BYTES


Event = FileDone | BatchDone | BatchFailed


def index_files(tasks: Iterable[Task], settings: Settings, build: bool = True) -> Iterator[Event]:
    """Every file's result, and (when `build`) the segments holding their articles, a batch
    (see BatchSize) per worker at a time. A BatchFailed event is fatal (the disk is full): the
    caller stops; closing the generator stops the workers."""
    if settings.workers <= 1:
        yield from _serial(tasks, settings, build)
    else:
        yield from _parallel(tasks, settings, build)


def _serial(tasks: Iterable[Task], settings: Settings, build: bool) -> Iterator[Event]:
    warm_up()
    indexer = _Indexer(settings, build)
    tasks = list(tasks)
    sizing = BatchSize(settings.batch_size, len(tasks))
    batch: list[Task] = []
    batch_bytes = 0

    def flush() -> Iterator[FileDone | BatchDone | BatchFailed]:
        try:
            done = indexer.flush()
        except Exception as error:  # the batch's files are refused (with the reason), the run goes on
            indexer.abort()
            failed = write_failure(error)
            if failed.fatal:
                yield failed
                return
            for task in batch:
                yield FileDone(FileResult(task.path, refused=_write_failed(failed.reason)), task)
        else:
            yield done
        batch.clear()

    for task in tasks:
        try:
            result = indexer.file(task)
        except OSError as error:  # the batch could not be started (the disk is full)
            indexer.abort()
            yield write_failure(error)
            return
        sizing.done(result)
        if result.article_count:
            batch.append(task)
            batch_bytes += result.bytes
        yield FileDone(result, task)
        if build and sizing.full(indexer.builder.articles, batch_bytes):
            yield from flush()
            batch_bytes = 0
    if build and indexer.builder.sources:
        yield from flush()


def _write_failed(reason: str) -> str:
    return f"写入索引失败（{reason}）"


def _parallel(tasks: Iterable[Task], settings: Settings, build: bool) -> Iterator[Event]:
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":
        warm_up()  # the workers inherit the loaded dictionaries instead of loading them each
    pool = _Pool(mp.get_context(method), tasks, settings, build)
    try:
        yield from pool.run()
    finally:
        pool.stop()


class _Pool:
    """Worker processes doing the queue of files, each gathering a batch it writes when full."""

    def __init__(self, ctx: Any, tasks: Iterable[Task], settings: Settings, build: bool):
        self.ctx, self.settings, self.build = ctx, settings, build
        self.queue = deque(tasks)
        self.sizing = BatchSize(settings.batch_size, len(self.queue))
        self.retried: set[str] = set()
        self.workers = [_Worker(ctx, settings, build) for _ in range(max(1, min(settings.workers, len(self.queue))))]
        self.hard_limit = settings.file_timeout_s + 30.0

    def run(self) -> Iterator[Event]:
        for worker in self.workers:
            self.next_step(worker)
        while any(w.busy for w in self.workers):
            busy = [w for w in self.workers if w.busy]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
            now = time.monotonic()
            for index, worker in enumerate(self.workers):
                if not worker.busy:
                    continue
                message: Any = None
                if worker.conn in ready:
                    with contextlib.suppress(EOFError, OSError):
                        message = worker.conn.recv()
                if message is None:
                    yield from self.check_silent(index, worker, now)
                    continue
                if isinstance(message, BatchFailed) and message.fatal:
                    yield message
                    return
                yield from self.received(worker, message)
                self.next_step(worker)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.busy)

    def next_step(self, worker: _Worker) -> None:
        if self.build and worker.batch and (not self.queue or self.sizing.full(worker.pending, worker.pending_bytes)):
            worker.flush()
        elif self.queue:
            worker.give(self.queue.popleft())

    def batch_lost(self, worker: _Worker, reason: str) -> Iterator[FileDone]:
        """The files of a batch that was not written are done once more; a file whose batch is
        lost twice is refused, so that no file is ever dropped without a word."""
        again = [t for t in worker.batch if t.path not in self.retried]
        for task in worker.batch:
            if task.path in self.retried:
                yield FileDone(FileResult(task.path, refused=_write_failed(reason)), task)
        self.retried.update(t.path for t in again)
        self.queue.extendleft(reversed(again))
        worker.start_batch()

    def check_silent(self, index: int, worker: _Worker, now: float) -> Iterator[FileDone]:
        """A worker that said nothing: dead or past the time limit, it is lost with its unwritten
        batch; its current file is refused, the files of the batch are done again by a new worker."""
        dead = not worker.process.is_alive()
        late = now - worker.started > self.hard_limit
        if not (dead or late):
            return
        failed = worker.task
        reason = "处理超时，已终止" if late else "处理时进程意外退出（可能内存超限或解析器崩溃）"
        yield from self.batch_lost(worker, reason)
        worker.stop(kill=True)
        self.workers[index] = _Worker(self.ctx, self.settings, self.build)
        if failed is not None:
            yield FileDone(FileResult(failed.path, refused=reason, seconds=now - worker.started), failed)
        self.next_step(self.workers[index])

    def received(self, worker: _Worker, message: Any) -> Iterator[Event]:
        if isinstance(message, BatchFailed):  # (not fatal) the batch's files are done again
            worker.flushing = False
            if worker.task is not None:  # its file failed with the batch: done again with it
                worker.batch.append(worker.task)
                worker.task = None
            yield from self.batch_lost(worker, message.reason)
        elif isinstance(message, BatchDone):
            worker.flushing = False
            worker.start_batch()
            yield message
        else:
            task = worker.task
            assert task is not None
            worker.task = None
            self.sizing.done(message)
            if message.article_count:
                worker.batch.append(task)
                worker.pending += message.article_count
                worker.pending_bytes += message.bytes
            yield FileDone(message, task)


def process_files(tasks: Iterable[Task], settings: Settings) -> Iterator[FileDone]:
    """Files through the pipeline with their articles, under the same limits as an ingest, in
    the order they finish (no index involved)."""
    for event in index_files(tasks, settings, build=False):
        if isinstance(event, FileDone):
            yield event


__all__ = ["BatchDone", "BatchFailed", "BatchSize", "Event", "FileDone", "Task", "describe_write_error", "index_files",
           "process_files", "process_with_limits"]
