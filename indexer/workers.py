"""Files through the pipeline in worker processes (both cores), each file with a time and memory
limit. A worker that hangs, crashes or runs out of memory costs only its file: the file is
reported with the reason, the worker replaced, and the run goes on."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .models import FileResult
from .pipeline import process_file
from .settings import Settings


class _FileTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _FileTimeout()


def process_with_limits(path: Path, settings: Settings) -> FileResult:
    """process_file with a time limit (SIGALRM, in the main thread of a process)."""
    seconds = max(1, int(settings.file_timeout_s))
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    started = time.perf_counter()
    try:
        return process_file(path, settings)
    except _FileTimeout:
        return FileResult(str(path), refused=f"处理超时（超过 {seconds} 秒），文件可能结构异常",
                          seconds=time.perf_counter() - started)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def warm_up() -> None:
    """Load the dictionaries once per process rather than inside the first file's time limit."""
    from .gazetteer import Gazetteer
    from .segment import get_segmenter

    Gazetteer.load()
    get_segmenter().cut("工会")
    from .clean import to_simplified

    to_simplified("工會")


def _worker_main(conn: Connection, settings: Settings) -> None:
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = settings.worker_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    warm_up()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result = process_with_limits(Path(task), settings)
        except MemoryError:
            result = FileResult(task, refused="处理时内存超出上限，文件可能过大或结构异常")
        conn.send(result)


class _Worker:
    def __init__(self, ctx: Any, settings: Settings):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, settings), daemon=True)
        self.process.start()
        child.close()
        self.task: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.task = path
        self.started = time.monotonic()
        self.conn.send(path)

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


def process_files(paths: Iterable[Path], settings: Settings) -> Iterator[FileResult]:
    """FileResults in the order files finish (in this process when one worker is asked for)."""
    if settings.workers <= 1:
        warm_up()
        for path in paths:
            yield process_with_limits(path, settings)
        return
    yield from _parallel(paths, settings)


def _parallel(paths: Iterable[Path], settings: Settings) -> Iterator[FileResult]:
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    queue = deque(str(p) for p in paths)
    workers = [_Worker(ctx, settings) for _ in range(max(1, min(settings.workers, len(queue))))]
    hard_limit = settings.file_timeout_s + 30.0
    try:
        for worker in workers:
            if queue:
                worker.give(queue.popleft())
        while any(w.task is not None for w in workers):
            busy = [w for w in workers if w.task is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
            now = time.monotonic()
            for index, worker in enumerate(workers):
                if worker.task is None:
                    continue
                result: FileResult | None = None
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        result = None
                dead = not worker.process.is_alive() and result is None
                late = result is None and now - worker.started > hard_limit
                if result is None and not (dead or late):
                    continue
                if result is None:
                    reason = "处理超时，已终止" if late else "处理时进程意外退出（可能内存超限或解析器崩溃）"
                    result = FileResult(worker.task, refused=reason, seconds=now - worker.started)
                    worker.stop(kill=True)
                    worker = workers[index] = _Worker(ctx, settings)
                worker.task = None
                yield result
                if queue:
                    worker.give(queue.popleft())
    finally:
        for worker in workers:
            worker.stop(kill=worker.task is not None)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
