"""Keeping the index in step with the files: re-ingest, changed files, removed files, one writer
at a time, a schema version that must match."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import Settings
from indexer.ingest import ingest, remove
from indexer.search import IndexBusyError, SchemaVersionError, SearchRequest, open_index

from .conftest import SEEDS


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for key in ("002", "004"):
        shutil.copy(SEEDS[key], docs / SEEDS[key].name)
    return docs


@pytest.fixture
def settings(tmp_path):
    return Settings(index_dir=tmp_path / "index", workers=1)


def titles(settings: Settings) -> list[str]:
    index = open_index(settings)
    return sorted(h.title for h in index.search(SearchRequest(size=100)).hits)


def test_reingest_adds_no_duplicates_and_skips_unchanged_files(folder, settings):
    first = ingest([folder], settings)
    assert (first.indexed, first.articles) == (2, 9)
    before = titles(settings)
    again = ingest([folder], settings)
    assert (again.indexed, again.unchanged) == (0, 2)
    assert titles(settings) == before and len(before) == 9


def test_changed_file_replaces_its_articles(folder, settings):
    ingest([folder], settings)
    opinion = folder / SEEDS["004"].name
    opinion.write_text(opinion.read_text(encoding="utf-8").replace("工会工作的意见", "工会工作的实施意见"), encoding="utf-8")
    report = ingest([folder], settings)
    assert (report.indexed, report.unchanged) == (1, 1)
    names = titles(settings)
    assert "关于进一步加强和改进新形势下工会工作的实施意见" in names
    assert "关于进一步加强和改进新形势下工会工作的意见" not in names
    assert len(names) == 9


def test_remove_and_prune(folder, settings):
    ingest([folder], settings)
    removed = remove([folder / SEEDS["004"].name], settings)
    assert len(removed) == 1 and len(titles(settings)) == 8
    ingest([folder], settings)
    (folder / SEEDS["002"].name).unlink()
    report = ingest([folder], settings, prune=True)
    assert len(report.removed) == 1
    assert titles(settings) == ["关于进一步加强和改进新形势下工会工作的意见"]


def test_a_refused_file_keeps_what_was_indexed(folder, settings):
    ingest([folder], settings)
    (folder / SEEDS["004"].name).write_bytes(b"")  # the file got damaged
    report = ingest([folder], settings)
    assert report.refused and "文件为空" in report.refused[0][1]
    assert "关于进一步加强和改进新形势下工会工作的意见" in titles(settings)


def test_second_writer_gets_a_clear_message(folder, settings):
    index = open_index(settings.with_(), create=True)
    with index.writer():
        with pytest.raises(IndexBusyError, match="正在被另一个导入写入"):
            ingest([folder], settings)
        run = subprocess.run(
            [sys.executable, "-m", "webapp.cli", "ingest", "--index", str(settings.index_dir), str(folder)],
            capture_output=True, text=True, timeout=120,
        )
        assert run.returncode == 3
        assert "正在被另一个导入写入" in run.stderr and "Traceback" not in run.stderr
    assert ingest([folder], settings).indexed == 2  # free again


def test_schema_version_mismatch_asks_for_a_rebuild(folder, settings):
    ingest([folder], settings)
    (settings.index_dir / "SCHEMA_VERSION").write_text("gonghui-0\n")
    with pytest.raises(SchemaVersionError, match="需要重建"):
        open_index(settings)
    run = subprocess.run([sys.executable, "-m", "webapp.cli", "search", "工会", "--index", str(settings.index_dir)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 4 and "需要重建" in run.stderr
    report = ingest([folder], settings, rebuild=True)
    assert report.indexed == 2 and len(titles(settings)) == 9


def test_cli_search_prints_ranked_hits_with_snippets_and_facets(folder, settings):
    ingest([folder], settings)
    run = subprocess.run(
        [sys.executable, "-m", "webapp.cli", "search", "农民工 法律援助", "--province", "四川省", "--index",
         str(settings.index_dir)], capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # 农民工 is searched with its synonyms, and the output says so first
    assert lines[0] == "说明：同时检索：进城务工人员、外来务工人员"
    assert lines[1] == "共 1 篇（第 1/1 页）"
    assert "以法治思维法治方式为农民工维权" in lines[2] and "四川" in lines[2] and "李登攀" in lines[2]
    assert "【农民工】" in lines[3] or "【法律援助】" in lines[3]
    assert any(line.startswith("省份：") and "四川(1)*" in line for line in lines)
    as_json = subprocess.run(
        [sys.executable, "-m", "webapp.cli", "search", "--json", "--doctype", "讲话", "--index", str(settings.index_dir)],
        capture_output=True, text=True, timeout=120,
    )
    import json

    data = json.loads(as_json.stdout)
    assert data["total"] == 8 and {h["doctype"] for h in data["hits"]} == {"讲话"}
    doctypes = data["facets"]["doctype"]
    # within the filtered facet: the chosen value adds up to the total, the others show what adding them brings
    assert sum(v["count"] for v in doctypes if v["selected"]) == 8
    assert sum(v["count"] for v in doctypes) == 9


def test_an_open_index_sees_commits_and_merges_without_duplicates(tmp_path):
    from scripts.make_corpus import make_corpus

    first = make_corpus(tmp_path / "first", 20)
    second = make_corpus(tmp_path / "second", 60, seed=3)
    settings = Settings(index_dir=tmp_path / "index", workers=1, batch_size=3)
    ingest([first], settings)
    index = open_index(settings)  # stays open, as the server's does
    assert index.count() == 20 and index.search(SearchRequest()).total == 20
    ingest([second], settings)  # 20 more commits: segments merged while the index is open
    assert index.count() == 80
    ids = [h.id for page in (1, 2, 3, 4) for h in index.search(SearchRequest(size=25, page=page)).hits]
    assert len(ids) == len(set(ids)) == 80


def test_prune_removes_only_what_is_gone_from_the_folders_named(tmp_path, settings):
    """Two folders imported; a file deleted from each; an import of the first with --prune
    removes that folder's missing file only."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, keys in ((first, ("000", "004")), (second, ("002", "003"))):
        folder.mkdir()
        for key in keys:
            shutil.copy(SEEDS[key], folder / SEEDS[key].name)
    ingest([first, second], settings)
    (first / SEEDS["004"].name).unlink()
    (second / SEEDS["003"].name).unlink()
    report = ingest([first], settings, prune=True)
    assert report.removed == [str((first / SEEDS["004"].name).resolve())]
    sources = set(open_index(settings).sources())
    assert str((second / SEEDS["003"].name).resolve()) in sources  # gone, but from a folder not named
    assert str((first / SEEDS["004"].name).resolve()) not in sources


def test_an_index_whose_classes_cannot_be_loaded_asks_for_a_rebuild(tmp_path, settings):
    """An index made by code whose pickled classes have since moved (the schema names a class by
    its module path): reported as needing a rebuild (exit 4), never a traceback."""
    import textwrap

    from indexer.search._schema import SCHEMA_VERSION  # (the Whoosh engine's own)

    (tmp_path / "moved_away.py").write_text(textwrap.dedent("""
        from whoosh.analysis import Tokenizer
        class OldTokenizer(Tokenizer):
            pass
    """), encoding="utf-8")
    make = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        from whoosh import fields, index
        from moved_away import OldTokenizer
        folder = {str(settings.index_dir)!r}
        import os; os.makedirs(folder)
        index.create_in(folder, fields.Schema(title=fields.TEXT(analyzer=OldTokenizer())))
        open(os.path.join(folder, "SCHEMA_VERSION"), "w").write({SCHEMA_VERSION!r} + "\\n")
    """)
    subprocess.run([sys.executable, "-c", make], check=True, timeout=120)
    (tmp_path / "moved_away.py").unlink()
    with pytest.raises(SchemaVersionError, match="需要重建"):
        open_index(settings)
    run = subprocess.run([sys.executable, "-m", "webapp.cli", "search", "工会", "--index", str(settings.index_dir)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 4 and "无法读取" in run.stderr and "需要重建" in run.stderr
    assert "Traceback" not in run.stderr


def test_log_level_shows_what_an_import_does(folder, settings):
    quiet = subprocess.run([sys.executable, "-m", "webapp.cli", "ingest", str(folder), "--index", str(settings.index_dir),
                            "--quiet"], capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""
    (folder / SEEDS["004"].name).write_text("关于工会工作的通知\n\n各单位：现将有关事项通知如下。\n", encoding="utf-8")
    told = subprocess.run([sys.executable, "-m", "webapp.cli", "--log-level", "info", "ingest", str(folder), "--index",
                           str(settings.index_dir), "--quiet"], capture_output=True, text=True, timeout=300)
    assert told.returncode == 0
    assert "INFO indexer.ingest: importing 2 files into" in told.stderr and "(2 already indexed)" in told.stderr
    assert "INFO indexer.ingest: committed a batch: 1 files" in told.stderr


def test_paths_given_are_kept_absolute(tmp_path, monkeypatch):
    """A folder named relative to where the command ran means that folder, wherever the work
    goes on afterwards (the server's build process, a later chdir)."""
    monkeypatch.chdir(tmp_path)
    settings = Settings().with_(index_dir="library/index", taxonomy_path=Path("topics.toml"))
    assert settings.index_dir == tmp_path / "library" / "index"
    assert settings.taxonomy_path == tmp_path / "topics.toml"


@pytest.mark.parametrize("options, reason", [(["--page", "0"], "页码须在 1—100000 之间"),
                                              (["--size", "1000"], "每页条数须在 1—100 之间"),
                                              (["--year", "1800"], "年份须在 1900—2100 之间"),
                                              (["--year", "去年"], "年份须为数字或“未标注”")])
def test_the_command_line_refuses_what_the_api_refuses(folder, settings, options, reason):
    ingest([folder], settings)
    run = subprocess.run([sys.executable, "-m", "webapp.cli", "search", "工会", *options, "--index",
                          str(settings.index_dir)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and reason in run.stderr and "Traceback" not in run.stderr
