"""An index stays readable whatever labels its articles lack (issue 11.1): segments written with
random subsets of labels missing are read back through every public read path; an index written
by gonghui-7, whose segments lacked the column file of a label no article of the batch had, is
read and mended without losing an article."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from indexer import Article, Settings, Source
from indexer.search import MISSING, SearchRequest, open_index

from .conftest import CORPUS, ROOT

LABELS = ("date", "province", "city", "speaker", "issuer", "doc_number", "topics", "subtitle")
PROVINCES = ("江苏", "全国", "辽宁")
TOPICS = ("困难职工帮扶", "民主管理", "农民工权益")


def make_article(number: int, present: frozenset[str], key: str) -> Article:
    year = 2000 + number % 15
    return Article(
        id=f"{number:016x}", title=f"关于工会工作的第{number}号意见", paragraphs=[f"工会要维护职工合法权益，第{number}段。"],
        source=Source(path=key, format="txt", ordinal=number), doctype="意见",
        date=f"{year}-0{1 + number % 9}-1{number % 10}" if "date" in present else None,
        year=year if "date" in present else None,
        province=PROVINCES[number % 3] if "province" in present else None,
        city="苏州" if "city" in present and "province" in present else None,
        speaker="张俊九" if "speaker" in present else None,
        issuer="江苏省总工会" if "issuer" in present else None,
        doc_number=f"苏发〔{year}〕{number}号" if "doc_number" in present else None,
        topics=[TOPICS[number % 3]] if "topics" in present else [],
        subtitle="在全省工会工作会议上的讲话" if "subtitle" in present else None,
    )


def write_batches(settings: Settings, batches: list[list[Article]], drop_columns: tuple[str, ...] = ()) -> None:
    """Each batch as one segment, as the ingest's workers write them; `drop_columns`: the column
    files removed from each new segment before the commit (the layout gonghui-7 wrote)."""
    index = open_index(settings, create=True)
    with index.writer() as writer:
        for batch in batches:
            builder = index.engine.batch_builder()
            for article in batch:
                builder.add(builder.prepare([article], article.source.path, "sha"), article.source.path, "sha")
            written = builder.flush()
            for name in drop_columns:  # (the payload of a Whoosh batch is its new segment)
                (settings.index_dir / f"{written.payload.make_filename('.' + name + '.col')}").unlink(missing_ok=True)
            writer.add_batch(written)
            writer.commit()
    index.close()


def read_everything(settings: Settings, articles: list[Article]) -> None:
    """Every public read path, checked against the articles written."""
    index = open_index(settings)
    everything = index.search(SearchRequest(size=100))
    assert index.count() == everything.total == len(articles)
    assert sorted(index.sources()) == sorted({a.source.path for a in articles})
    for article in articles:
        stored = index.get_article(article.id)
        assert stored is not None and stored.to_dict() == article.to_dict()
        index.related(article.id)
    facets = everything.facets
    expected = {
        "year": [str(a.year) if a.year else MISSING for a in articles],
        "province": [a.province or MISSING for a in articles],
        "doctype": [a.doctype for a in articles],
    }
    for facet, values in expected.items():
        assert {v.value: v.count for v in facets[facet]} == {v: values.count(v) for v in set(values)}, facet
    topic_counts = {v.value: v.count for v in facets["topics"]}
    for topic in (*TOPICS, MISSING):
        assert topic_counts.get(topic, 0) == sum((topic in a.topics) if topic else not a.topics for a in articles)
    # every facet value as a filter, the missing one too, and the sorts by date
    for value in facets["year"]:
        request = SearchRequest(years=(int(value.value),)) if value.value else SearchRequest(year_to=1)
        if value.value:
            assert index.search(request).total == value.count
    for value in facets["province"]:
        assert index.search(SearchRequest(provinces=(value.value,))).total == value.count
    for value in facets["topics"]:
        assert index.search(SearchRequest(topics=(value.value,))).total == value.count
    dated = sorted((a.date for a in articles if a.date), reverse=True)
    by_date = index.search(SearchRequest(sort="date", size=100)).hits
    assert [h.date for h in by_date][:len(dated)] == dated
    assert index.search(SearchRequest(query="工会", size=100)).total == len(articles)
    assert index.search(SearchRequest(query="发言人:张俊九")).total == sum(bool(a.speaker) for a in articles)
    index.close()


article_labels = st.frozensets(st.sampled_from(LABELS))


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(article_labels, min_size=1, max_size=4), min_size=1, max_size=4))
def test_segments_with_any_labels_missing_read_back_through_every_path(batches):
    folder = Path(tempfile.mkdtemp())
    try:
        settings = Settings(index_dir=folder / "index", workers=1)
        number = iter(range(1000))
        written = [[make_article(next(number), labels, f"/library/file{b}.txt") for labels in batch]
                   for b, batch in enumerate(batches)]
        write_batches(settings, written)
        read_everything(settings, [a for batch in written for a in batch])
    finally:
        shutil.rmtree(folder)


def test_an_index_written_with_missing_column_files_is_read_and_mended(tmp_path):
    # gonghui-7 wrote no year column for a batch whose articles had no year: every read failed
    # ("iterator too short"). Such an index is read as it is, and merging mends its segments.
    settings = Settings(index_dir=tmp_path / "index", workers=1)
    dated = [make_article(n, frozenset(LABELS), f"/library/dated{n}.txt") for n in range(3)]
    undated = [make_article(n, frozenset({"speaker"}), f"/library/undated{n}.txt") for n in range(3, 5)]
    write_batches(settings, [dated])
    write_batches(settings, [undated], drop_columns=("year", "province", "city", "date"))
    assert len(list(settings.index_dir.glob("*.year.col"))) == 1  # the second segment has none
    read_everything(settings, dated + undated)
    # a later ingest from the command line works on it, and its articles are all still there
    result = subprocess.run([sys.executable, "-m", "webapp.cli", "ingest", "--quiet", "--index",
                             str(settings.index_dir), str(CORPUS)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    index = open_index(settings)
    assert index.search(SearchRequest(query="发言人:张俊九", size=100)).total >= len(dated) + len(undated)
    assert all(index.get_article(a.id) is not None for a in dated + undated)


def test_an_undated_file_ingested_after_a_library_leaves_it_searchable(tmp_path):
    # the report of issue 11.1, as a user runs it
    undated = tmp_path / "undated.txt"
    undated.write_text("一些没有日期的文字\n\n这是正文，讲工会工作的一些事情。我们要把青年职工读书会办得更好。\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    for path in (CORPUS, undated):
        run = subprocess.run([sys.executable, "-m", "webapp.cli", "ingest", "--quiet", "--index", str(index_dir),
                              str(path)], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    search = subprocess.run([sys.executable, "-m", "webapp.cli", "search", "工会", "--json", "--index", str(index_dir)],
                            cwd=ROOT, capture_output=True, text=True)
    assert search.returncode == 0, search.stderr
    assert '"total"' in search.stdout
    index = open_index(Settings(index_dir=index_dir))
    years = {v.value: v.count for v in index.search(SearchRequest()).facets["year"]}
    assert years[MISSING] >= 1 and index.search(SearchRequest(query="\"青年职工读书会\"")).total == 1
