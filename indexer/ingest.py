"""Ingest: files and folders into the index. Unchanged files are skipped, changed files replace
their articles, refused files are reported and keep whatever the index already held for them;
the index is committed in batches, so a crash loses at most the batch in flight."""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .models import FileResult
from .pipeline import iter_input_files, source_key
from .search import SCHEMA_VERSION, SearchIndex, open_index
from .search._schema import VERSION_FILE
from .settings import Settings
from .workers import BatchDone, Task, index_files


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def rebuild_index_dir(settings: Settings) -> None:
    """Remove the index folder, but only when it is one of ours (it holds our version file)."""
    folder = settings.index_dir
    if not folder.exists():
        return
    if not (folder / VERSION_FILE).exists() and any(folder.iterdir()):
        raise RuntimeError(f"{folder} 不是工会资料库的索引目录，不会删除")
    shutil.rmtree(folder)


def ingest(
    paths: Iterable[Path], settings: Settings, *, prune: bool = False, rebuild: bool = False, wait_s: float = 0.0,
    progress: Callable[[Progress], None] | None = None, index: SearchIndex | None = None,
) -> IngestReport:
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    if rebuild:
        rebuild_index_dir(settings)
    index = index or open_index(settings, create=True)
    report = IngestReport()
    with index.writer(wait_s) as writer:
        known = index.sources()
        todo: list[Task] = []
        sizes: dict[str, int] = {}
        for item in iter_input_files(paths):
            report.files += 1
            try:
                sha = file_sha256(item.path)
                sizes[str(item.path)] = item.path.stat().st_size
            except OSError as error:
                report.refused.append((str(item.path), f"无法读取文件（{error.strerror}）"))
                continue
            key = source_key(item.path)
            if known.get(key) == sha:
                report.unchanged += 1
                continue
            todo.append(Task(str(item.path), key, sha))
        total_bytes = sum(sizes[t.path] for t in todo)
        results: dict[str, FileResult] = {}  # a file done again (its batch was lost) counts once, as last done
        for event in index_files(todo, settings):
            if isinstance(event, BatchDone):
                # a batch of whole files, written as a segment: commit it (and the deletions of
                # those files' old articles) now, so a crash loses at most the batches in flight
                writer.add_batch(event.segment, event.sources)
                writer.commit()
                report.commits += 1
                continue
            result = event.result
            previous = results.get(result.path)
            results[result.path] = result
            if previous is None:
                report.bytes += sizes[result.path]
            else:
                report.redone += 1
                report.articles -= previous.article_count
            report.articles += result.article_count
            if progress:
                progress(Progress(len(results), len(todo), report.articles, report.bytes, total_bytes,
                                  time.perf_counter() - started))
        for result in results.values():
            if result.refused:
                report.refused.append((result.path, result.refused))
            else:
                report.indexed += 1
        if prune:
            roots = [p.resolve() for p in paths]
            for key in known:
                gone = not Path(key).exists()
                inside = any(Path(key).is_relative_to(root) for root in roots if root.is_dir()) or Path(key) in roots
                if gone and inside:
                    writer.remove_source(key)
                    report.removed.append(key)
            writer.commit()
            report.commits += 1
    report.seconds = time.perf_counter() - started
    return report


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


__all__ = ["SCHEMA_VERSION", "IngestReport", "Progress", "ingest", "rebuild_index_dir", "remove"]
