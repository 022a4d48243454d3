"""The bulk segment writer must write what Whoosh's own writer writes: the same terms, postings
(documents, weights, frequencies), stored fields, columns and field lengths; also across posting
lists long enough for several blocks, short ones stored inline, and segments merged together."""

from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index

from indexer.search._bulk import SegmentBuilder, commit_segments, merge_segments
from indexer.search._schema import build_schema
from indexer.segment import get_segmenter

WORDS = ["工会", "职工", "维护", "合法权益", "中华全国总工会", "困难职工帮扶中心", "送温暖", "劳动关系", "集体协商", "农民工",
         "增长3.5%", "ISO-9001", "e-mail", "  ", "——", "20世纪"]  # and tokens with punctuation inside


def documents(count: int, seed: int = 3) -> list[dict[str, object]]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))]
        if n % 50 == 0:
            words.append(f"罕见词{n}")  # a term with a posting list of one
        body = "，".join(words) + "。"
        title = rng.choice(WORDS) + "工作的通知"
        docs.append({
            "id": f"d{n}", "source": f"/f/{n // 3}", "source_version": f"/f/{n // 3}\x1fsha", "title": title,
            "title_exact": title, "body": body, "exact": title + "\n" + body, "speaker": "张三 主席",
            "issuer": "江苏省总工会", "province": rng.choice(["江苏", "浙江", ""]), "city": "", "doctype": "通知",
            "topics": "送温暖,工会组织建设" if n % 2 else "", "date": f"20{n % 20:02d}-01-01",
            "year": 2000 + n % 20, "plain": body.encode(), "record": f'{{"id": "d{n}"}}',
        })
    return docs


def dump(reader) -> dict[str, object]:
    postings, stats = {}, {}
    for fieldname, text in reader.all_terms():
        matcher = reader.postings(fieldname, text)
        items = []
        while matcher.is_active():
            # (block statistics too: Whoosh's scorers skip blocks by them)
            items.append((matcher.id(), round(matcher.weight(), 4), matcher.value() or None,  # no value: None or ""
                          matcher.block_max_weight(), matcher.block_min_length(), matcher.block_max_length()))
            matcher.next()
        postings[fieldname, text] = items
        info = reader.term_info(fieldname, text)
        stats[fieldname, text] = (round(info.weight(), 4), info.doc_frequency(), info.min_length(), info.max_length(),
                                  info.max_weight(), info.min_id(), info.max_id())
    schema = reader.schema
    columns = {name: list(reader.column_reader(name)) for name, f in schema.items() if f.column_type is not None}
    lengths = {(d, name): reader.doc_field_length(d, name) for d in reader.all_doc_ids()
               for name, f in schema.items() if f.scorable}
    stored = [reader.stored_fields(d) for d in reader.all_doc_ids()]
    return {"postings": postings, "stats": stats, "columns": columns, "lengths": lengths, "stored": stored}


def whoosh_written(folder, docs):
    ix = whoosh_index.create_in(str(folder), build_schema())
    with ix.writer() as writer:
        for doc in docs:
            writer.add_document(**doc)
    return ix


def bulk_written(folder, docs, batches=1):
    ix = whoosh_index.create_in(str(folder), build_schema())
    segmenter = get_segmenter()
    size = -(-len(docs) // batches)
    segments = []
    for start in range(0, len(docs), size):
        builder = SegmentBuilder(ix, segmenter)
        for doc in docs[start:start + size]:
            builder.add_document(doc)
        segments.append(builder.finish())
    commit_segments(ix, segments, [], segmenter, clean=True)
    return ix


@pytest.mark.parametrize("count", [5, 300])
def test_bulk_segment_equals_whoosh_segment(tmp_path, count):
    docs = documents(count)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with whoosh_written(tmp_path / "a", docs).reader() as expected, \
            bulk_written(tmp_path / "b", docs).reader() as got:
        want, have = dump(expected), dump(got)
    assert have["postings"].keys() == want["postings"].keys()
    lengths = [len(v) for v in want["postings"].values()]
    if count == 300:
        assert max(lengths) > 128 and min(lengths) == 1  # several blocks, and inline lists
    for key, items in want["postings"].items():
        assert have["postings"][key] == items, key
        assert have["stats"][key] == want["stats"][key], key
    assert have["columns"] == want["columns"]
    assert have["lengths"] == want["lengths"]
    assert have["stored"] == want["stored"]


@pytest.mark.parametrize("deleted", [[], ["/f/0", "/f/40", "/f/133"]])
def test_merged_segments_equal_one_segment(tmp_path, deleted):
    docs = documents(400)
    kept = [d for d in docs if d["source"] not in deleted]
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    single = bulk_written(tmp_path / "one", kept)
    several = bulk_written(tmp_path / "many", docs, batches=4)
    if deleted:  # articles deleted in the segments are left out of the merged one
        commit_segments(several, [], deleted, get_segmenter())
    assert len(several._segments()) == 4
    merged = merge_segments(several, several._segments(), get_segmenter())
    assert merged.doc_count() == len(kept) < len(docs) + (0 if deleted else 1)
    with single.reader() as one:
        want = dump(one)
    from whoosh.reading import SegmentReader

    reader = SegmentReader(several.storage, several.schema, merged)
    try:
        have = dump(reader)
    finally:
        reader.close()
    assert max(len(v) for v in want["postings"].values()) > 128  # lists of several blocks merged
    assert have["postings"] == want["postings"]
    assert have["stats"] == want["stats"]
    assert have["columns"] == want["columns"]
    assert have["lengths"] == want["lengths"]
    assert have["stored"] == want["stored"]


def test_merge_keeps_long_lists_of_words_said_once(tmp_path):
    # a word said once in each of more than a thousand articles of a segment: its blocks store no
    # weights (all 1.0), and the merge must keep every posting with its weight
    docs = documents(2200)
    for n, doc in enumerate(docs):
        doc["body"] = f"工会，编号{n}。"
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    single = bulk_written(tmp_path / "one", docs)
    several = bulk_written(tmp_path / "many", docs, batches=2)
    merged = merge_segments(several, several._segments(), get_segmenter())
    from whoosh.reading import SegmentReader

    reader = SegmentReader(several.storage, several.schema, merged)
    try:
        have = list(reader.postings("body", "工会").items_as("weight"))
    finally:
        reader.close()
    with single.reader() as one:
        want = list(one.postings("body", "工会").items_as("weight"))
    assert len(want) == 2200
    assert have == want


class _Segment:
    def __init__(self, docs: int):
        self.docs = docs

    def doc_count(self) -> int:
        return self.docs


def test_merge_policy_merges_small_segments_once_and_leaves_merged_ones_alone():
    from indexer.search._bulk import MAX_MERGED_DOCS, MAX_SEGMENTS, MERGE_FACTOR, segments_to_merge

    batches = [_Segment(1000) for _ in range(MAX_SEGMENTS)]
    assert segments_to_merge(batches) == []  # not too many yet
    batches.append(_Segment(400))
    chosen = segments_to_merge(batches)
    assert len(chosen) == MERGE_FACTOR and chosen[0].docs == 400
    # simulate an archive of 50,000 articles committed batch by batch
    segments: list[_Segment] = []
    copied = 0
    for _ in range(50):
        segments.append(_Segment(1000))
        while small := segments_to_merge(segments):
            segments = [s for s in segments if s not in small]
            segments.append(_Segment(sum(s.docs for s in small)))
            copied += segments[-1].docs
    assert len(segments) <= MAX_SEGMENTS
    assert max(s.docs for s in segments) <= MAX_MERGED_DOCS
    assert copied <= 50_000  # every article copied at most once
    # a large import in batches of 3,125 (16 of them) and the two workers' last, partial batches:
    # only the partial ones are merged
    segments = [_Segment(3125) for _ in range(16)] + [_Segment(700), _Segment(900)]
    assert sorted(s.docs for s in segments_to_merge(segments)) == [700, 900]
    assert segments_to_merge([_Segment(3125) for _ in range(40)]) == []


def test_commit_replaces_a_source_and_readers_keep_their_snapshot(tmp_path):
    docs = documents(30)
    (tmp_path / "b").mkdir()
    ix = bulk_written(tmp_path / "b", docs)
    before = ix.searcher()
    old_ids = {before.stored_fields(d)["id"] for d in before.document_numbers(source="/f/0")}
    assert old_ids == {"d0", "d1", "d2"}
    builder = SegmentBuilder(ix, get_segmenter())
    builder.add_document({**docs[0], "id": "new0"})
    commit_segments(ix, [builder.finish()], ["/f/0"], get_segmenter(), clean=True)
    # a reader opened before the commit still sees what it saw
    assert {before.stored_fields(d)["id"] for d in before.document_numbers(source="/f/0")} == old_ids
    before.close()
    with ix.searcher() as after:
        assert {after.stored_fields(d)["id"] for d in after.document_numbers(source="/f/0")} == {"new0"}
        assert after.doc_count() == 28
