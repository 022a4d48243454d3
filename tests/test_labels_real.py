"""Every label of every real document under tests/real/ (official documents of state organs, from
public repositories; see tests/real/README.md), against the truth taken from each source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import Settings, Task, process_files
from scripts.label_accuracy import FIELDS, normal

REAL = Path(__file__).parent / "real"
RECORDS = [json.loads(line) for line in (REAL / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results():
    tasks = [Task(str(REAL / r["file"]), root=REAL) for r in RECORDS]
    return {Path(event.task.path).relative_to(REAL).as_posix(): event.result
            for event in process_files(tasks, Settings(ocr=False, workers=2))}


def test_the_fixtures_are_many_kinds_of_real_documents():
    assert len(RECORDS) >= 60
    assert len({r["source"] for r in RECORDS}) >= 8
    assert {r["form"] for r in RECORDS} >= {"html", "word-html", "pdf", "docx", "txt", "md"}
    assert all(r.get("fixture") and r.get("truth_from") for r in RECORDS)


@pytest.mark.parametrize("record", RECORDS, ids=[r["file"] for r in RECORDS])
def test_every_label_of_a_real_document(record, results):
    result = results[record["file"]]
    assert result.refused is None, result.refused
    if record.get("articles") == 1:
        assert len(result.articles) == 1, [a.title for a in result.articles]
    article = result.articles[0]
    wrong = {}
    for name in FIELDS:
        if name in record and normal(name, getattr(article, name)) != normal(name, record[name]):
            wrong[name] = (record[name], getattr(article, name), article.provenance.get(name))
    assert not wrong, wrong
