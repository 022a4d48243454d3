"""Reliability of ingest at scale: many batches written by parallel workers while the parent
commits, a SIGKILL in the middle of an ingest, readers and a second writer during an ingest."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer import Settings
from indexer.ingest import ingest
from indexer.search import IndexMissingError, SearchRequest, open_index
from scripts.load import run_load
from scripts.make_corpus import make_corpus
from scripts.serving import running_server

from .conftest import ROOT

GONGHUI = [sys.executable, "-m", "webapp.cli"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("generated") / "corpus", 120)


@pytest.fixture(scope="module")
def larger(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("larger") / "corpus", 500, seed=11)


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".html", ".docx"))


def stored_articles(index_dir: Path) -> list[tuple[str, str]]:
    """(id, source) of every live article, read straight from the Whoosh index."""
    with whoosh_index.open_dir(str(index_dir)).searcher() as searcher:
        return [(fields["id"], fields["source"]) for fields in searcher.documents()]


def test_parallel_workers_and_many_commits_index_every_file_once(generated, tmp_path):
    # small batches: the workers write segments while the parent commits others (a commit once
    # emptied Whoosh's shared temporary folder under a worker: its batch was lost)
    settings = Settings(index_dir=tmp_path / "index", workers=2, batch_size=7)
    report = ingest([generated], settings)
    files = corpus_files(generated)
    assert report.refused == [] and report.redone == 0
    assert (report.files, report.indexed) == (len(files), len(files))
    assert report.commits >= len(files) // 7
    index = open_index(settings)
    assert sorted(index.sources()) == sorted(str(p.resolve()) for p in files)
    assert index.search(SearchRequest()).total == report.articles
    assert not [p.name for p in settings.index_dir.iterdir() if p.is_dir()]  # no temporary folders left


def test_sigkill_in_the_middle_of_an_ingest_loses_only_the_batches_in_flight(larger, tmp_path):
    index_dir = tmp_path / "index"
    command = [*GONGHUI, "ingest", "--quiet", "--workers", "2", "--batch-size", "10", "--index", str(index_dir),
               str(larger)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    settings = Settings(index_dir=index_dir)
    committed = 0  # the most articles a reader has seen committed
    deadline = time.monotonic() + 180
    while committed < 60 and time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(IndexMissingError):
            committed = max(committed, open_index(settings).search(SearchRequest()).total)
        time.sleep(0.05)
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)  # the parent alone: its workers must not outlive it
    process.wait()

    files = corpus_files(larger)
    after = stored_articles(index_dir)
    assert committed <= len(after) < len(files)  # nothing committed was lost, the rest is not there
    assert len({i for i, _ in after}) == len(after)
    # the workers died with the parent, so the index is free for the next run at once
    rerun = subprocess.run([*command, "--wait", "0"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    final = stored_articles(index_dir)
    ids = [i for i, _ in final]
    assert len(ids) == len(set(ids)) == len(files)  # one article per generated file, none twice
    assert sorted({s for _, s in final}) == sorted(str(p.resolve()) for p in files)
    assert open_index(settings).search(SearchRequest()).total == len(files)


def test_second_ingest_during_an_ingest_refuses_or_waits(larger, tmp_path):
    index_dir = tmp_path / "index"
    first = subprocess.Popen([*GONGHUI, "ingest", "--quiet", "--workers", "2", "--index", str(index_dir), str(larger)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lock = index_dir / ".ingest.lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text(encoding="utf-8").strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = subprocess.run([*GONGHUI, "ingest", "--index", str(index_dir), str(larger)], cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
        assert first.poll() is None, "the first ingest ended too soon for this test"
        assert refused.returncode == 3
        assert "正在被另一个导入写入" in refused.stderr and "--wait" in refused.stderr
        waited = subprocess.run([*GONGHUI, "ingest", "--wait", "600", "--index", str(index_dir), str(larger)],
                                cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert first.wait(timeout=600) == 0
        assert waited.returncode == 0, waited.stderr
        assert "未变化 500 个" in waited.stdout  # it ran after the first had finished, and found it all done
    finally:
        if first.poll() is None:
            first.kill()


def api_total(base: str, query: str = "") -> int:
    url = base + "/api/search?" + urllib.parse.urlencode({"q": query})
    with urllib.request.urlopen(url, timeout=60) as answer:
        assert answer.status == 200
        return int(json.load(answer)["total"])


def test_the_site_answers_during_an_ingest_and_sees_new_articles_without_a_restart(generated, larger, tmp_path):
    index_dir = tmp_path / "index"
    ingest([generated], Settings(index_dir=index_dir, workers=2))
    with running_server(index_dir) as server:
        assert api_total(server.base) == 120
        writer = subprocess.Popen([*GONGHUI, "ingest", "--quiet", "--workers", "2", "--batch-size", "25", "--index",
                                   str(index_dir), str(larger)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        totals = []
        while writer.poll() is None:
            totals.append(api_total(server.base))  # raises on anything but a 200
            with urllib.request.urlopen(server.base + "/search?q=%E5%B7%A5%E4%BC%9A", timeout=60) as page:
                assert page.status == 200 and "找到" in page.read().decode()
        assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
        assert len(totals) >= 5
        assert totals == sorted(totals)  # each answer from a committed state, never going back
        assert len(set(totals)) >= 3  # commits became visible one after another, while the ingest ran
        assert api_total(server.base) == 620  # the running server sees the last commit


def test_eight_concurrent_readers_get_no_errors(library):
    index, _ = library
    with running_server(index.settings.index_dir) as server:
        result = run_load(server.base, clients=8, seconds=5)
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] >= 40


def test_batches_grow_with_a_large_import_and_end_at_their_size_in_files():
    from indexer.models import FileResult
    from indexer.workers import BatchSize

    def after(sizing: BatchSize, files: int, articles_per_file: int) -> BatchSize:
        for _ in range(files):
            sizing.done(FileResult("f.txt", article_count=articles_per_file))
        return sizing

    assert BatchSize(None, files_total=500).articles == BatchSize.MIN_ARTICLES  # nothing done yet
    assert after(BatchSize(None, files_total=500), 100, 1).articles == 1000  # a small run
    large = after(BatchSize(None, files_total=50_000), 100, 1)
    assert large.articles == 3125  # 50,000 articles in 16 segments, no merge needed
    assert large.full(3125, 0) and not large.full(3124, 0)
    assert large.full(1, BatchSize.MAX_BYTES)  # a batch of large files ends sooner
    # compiled books: many articles per file, the batch stays within its limit
    assert after(BatchSize(None, files_total=5_000), 10, 40).articles == BatchSize.MAX_ARTICLES
    assert after(BatchSize(7, files_total=50_000), 100, 1).articles == 7  # --batch-size fixes it
