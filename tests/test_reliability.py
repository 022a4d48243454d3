"""Reliability of ingest at scale: many batches written by parallel workers while the parent
commits, crashes, concurrent readers and writers, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import Settings
from indexer.ingest import ingest
from indexer.search import SearchRequest, open_index
from scripts.make_corpus import make_corpus


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("generated") / "corpus", 120)


def test_parallel_workers_and_many_commits_index_every_file_once(generated, tmp_path):
    # small batches: the workers write segments while the parent commits others (a commit once
    # emptied Whoosh's shared temporary folder under a worker: its batch was lost)
    settings = Settings(index_dir=tmp_path / "index", workers=2, batch_size=7)
    report = ingest([generated], settings)
    files = sorted(p for p in generated.rglob("*") if p.suffix in (".txt", ".html", ".docx"))
    assert report.refused == [] and report.redone == 0
    assert (report.files, report.indexed) == (len(files), len(files))
    assert report.commits >= len(files) // 7
    index = open_index(settings)
    assert sorted(index.sources()) == sorted(str(p.resolve()) for p in files)
    assert index.search(SearchRequest()).total == report.articles
    assert not [p.name for p in settings.index_dir.iterdir() if p.is_dir()]  # no temporary folders left
