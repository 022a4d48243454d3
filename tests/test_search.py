"""Chinese-correct search: a table of queries on the sample library (corpus/ and the held-out
documents of tests/heldout.py), checked against what the texts really contain."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import Article, Settings
from indexer.clean import to_simplified
from indexer.search import QueryError, SearchRequest
from indexer.search.analysis import compact_form, exact_keys, key_codes, key_text, quote_keys
from indexer.search.whoosh_types import ExactTokenizer, WordTokenizer
from indexer.segment import query_words


def ids(index, query: str, **filters) -> list[str]:
    result = index.search(SearchRequest(query=query, size=100, **filters))
    assert result.total == len(result.hits)
    return [h.id for h in result.hits]


def containing(articles: list[Article], text: str, where: str = "all") -> set[str]:
    """Ground truth: articles whose simplified title or text holds `text` character for character."""
    needle = to_simplified(text).replace(" ", "")
    found = set()
    for a in articles:
        haystack = {"title": a.title + (a.subtitle or ""), "all": a.title + (a.subtitle or "") + a.text}[where]
        if needle in to_simplified(haystack).replace(" ", ""):
            found.add(a.id)
    return found


# -- analysis, pinned token by token -------------------------------------------------------------


def test_word_tokens_with_subwords_at_the_position_of_their_word():
    tokens = [(t.text, t.pos) for t in WordTokenizer()("中华全国总工会维护職工合法權益，国发〔2018〕5号", positions=True,
                                                       mode="index")]
    assert tokens == [
        ("中华全国总工会", 0), ("中华", 0), ("中华全国", 0), ("全国", 0), ("全国总工会", 0), ("总工", 0), ("总工会", 0),
        ("工会", 0), ("维护", 1), ("职工", 2), ("合法权益", 3), ("合法", 3), ("合法权", 3), ("法权", 3), ("权益", 3),
        ("国", 4), ("发", 5), ("2018", 6), ("5", 7), ("号", 8),
    ]


def test_query_words_are_cut_without_subwords():
    assert query_words("全国总工会 維護職工合法權益") == ["全国总工会", "维护", "职工", "合法权益"]
    assert query_words("困难职工帮扶中心送温暖") == ["困难职工帮扶中心", "送温暖"]  # the union dictionary


def test_exact_keys_are_characters_and_character_pairs_with_punctuation():
    keys = sorted(t.text for t in ExactTokenizer()("维护職工，合法 IS"))
    assert keys == sorted(["维", "护", "职", "工", "，", "合", "法", "i", "s", "维护", "护职", "职工", "工，", "，合", "合法",
                           "法i", "is"])
    assert quote_keys("維護職工") == (["维护", "护职", "职工"], "维护职工")
    assert quote_keys("工") == (["工"], "工")


def test_key_codes_are_the_exact_keys_in_the_byte_order_of_the_term_file():
    text = compact_form("维护職工，合法 IS 2010年\U0001f600工")
    codes = key_codes(text).tolist()
    keys = [key_text(c) for c in codes]
    assert set(keys) == exact_keys(text)
    assert keys == sorted(keys, key=lambda k: k.encode("utf-8"))
    assert len(codes) == len(set(codes))


# -- the table ----------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["维护职工合法权益", "困难职工", "全心全意依靠工人阶级", "勞動合同法", "送温暖"])
def test_exact_phrase_matches_exactly_the_texts_that_hold_it(library, phrase):
    index, articles = library
    assert set(ids(index, f'"{phrase}"')) == containing(articles, phrase)


def test_phrase_is_found_in_traditional_text_and_marked_there(library):
    index, articles = library
    web_speech = next(a for a in articles if a.traditional)
    result = index.search(SearchRequest(query='"维护职工合法权益"', size=50))
    hit = next(h for h in result.hits if h.id == web_speech.id)
    marked = "".join(f.text for f in hit.snippet if f.mark)
    assert "維護職工合法權益" in marked  # traditional stays traditional


def test_phrase_is_exact_about_punctuation(library):
    index, articles = library
    # 004 says 促进职工队伍和社会和谐稳定；面对新形势下…
    exact = index.search(SearchRequest(query='"和谐稳定；面对新形势"', size=100))
    assert {h.id for h in exact.hits} == containing(articles, "和谐稳定；面对新形势") != set()
    assert not any(h.near for h in exact.hits)
    # without the ；the quote is found only as a near match, and said to be one
    near = index.search(SearchRequest(query='"和谐稳定面对新形势"', size=100))
    assert {h.id for h in near.hits} == {h.id for h in exact.hits}
    assert all(h.near for h in near.hits) and any("近似" in n for n in near.notices)
    assert ids(index, '"维护职工合法权益维护"') == []


def test_subword_query_finds_the_longer_name(library):
    index, articles = library
    found = set(ids(index, "全国总工会"))
    assert containing(articles, "中华全国总工会") <= found
    assert any(a.issuer == "中华全国总工会办公厅" for a in articles if a.id in found)
    assert containing(articles, "全国总工会") <= found


def test_every_plain_word_must_match(library):
    index, articles = library
    found = set(ids(index, "金秋助学 困难职工"))
    assert found == containing(articles, "金秋助学") & containing(articles, "困难职工")
    assert found


@pytest.mark.parametrize(
    "typed", ["苏发〔2010〕59号", "苏发[2010]59号", "苏发【2010】59号", "苏发（2010）59号", "苏发(2010)59号",
              "苏发 〔2010〕 59 号", "苏发［2010］第59号", '"苏发〔2010〕59号"', "文号:苏发[2010]59号"],
)
def test_document_number_however_typed_finds_that_document_first(library, typed):
    index, articles = library
    found = ids(index, typed)
    assert found, typed
    assert index.get_article(found[0]).doc_number == "苏发〔2010〕59号"


def test_document_number_digits_are_exact(library):
    index, _ = library
    assert ids(index, "苏发〔2010〕58号") == []
    assert ids(index, "粤工总〔2018〕4号") == []
    assert [index.get_article(i).doc_number for i in ids(index, "粤工总〔2018〕45号")][:1] == ["粤工总〔2018〕45号"]
    assert ids(index, "文号:粤工总") and ids(index, "文号:津党发〔2006〕") == ids(index, "津党发〔2006〕12号")


def test_traditional_and_simplified_both_ways(library):
    index, articles = library
    assert set(ids(index, "勞動合同法")) == set(ids(index, "劳动合同法"))
    assert set(ids(index, "劳动合同法")) >= containing(articles, "劳动合同法")
    traditional = {a.id for a in articles if a.traditional}
    assert traditional & set(ids(index, "劳动合同法"))
    assert set(ids(index, "職工素質")) == set(ids(index, "职工素质"))


def test_exclusion(library):
    index, articles = library
    with_union = set(ids(index, "工会"))
    without = set(ids(index, "工会 -辽宁"))
    assert without == with_union - containing(articles, "辽宁")
    assert without and without != with_union
    assert set(ids(index, '工会 -"困难职工"')) == with_union - containing(articles, "困难职工")


def test_or(library):
    index, articles = library
    assert set(ids(index, "送清凉 OR 金秋助学")) == containing(articles, "送清凉") | containing(articles, "金秋助学")
    both = set(ids(index, "帮扶 送温暖 OR 送清凉"))
    assert both == (set(ids(index, "帮扶")) & (set(ids(index, "送温暖")) | set(ids(index, "送清凉"))))


def test_field_prefixes(library):
    index, articles = library
    in_titles = set(ids(index, "标题:意见"))
    assert in_titles == containing(articles, "意见", where="title")
    assert set(ids(index, "title:意见")) == in_titles
    assert [index.get_article(i).speaker for i in ids(index, "发言人:赵国强")] == ["赵国强"]
    assert [index.get_article(i).speaker for i in ids(index, "speaker:李晓明")] == ["李晓明"]
    assert {index.get_article(i).issuer for i in ids(index, "发文机关:浙江省总工会")} == {"浙江省总工会"}


def test_facet_counts_add_up_to_the_total(library):
    index, _ = library
    for query in ("", "工会", "职工 权益", '"困难职工"'):
        result = index.search(SearchRequest(query=query))
        for facet in ("year", "province", "doctype"):
            assert sum(v.count for v in result.facets[facet]) == result.total, (query, facet)
        assert sum(v.count for v in result.facets["topics"]) >= result.total


def test_filters_or_within_a_facet_and_across_facets(library):
    index, articles = library
    jiangsu = set(ids(index, "", provinces=("江苏",)))
    assert jiangsu == {a.id for a in articles if a.province == "江苏"}
    assert set(ids(index, "", provinces=("江苏省",))) == jiangsu
    both = set(ids(index, "", provinces=("江苏", "辽宁")))
    assert both == {a.id for a in articles if a.province in ("江苏", "辽宁")}
    speeches = set(ids(index, "", provinces=("江苏", "辽宁"), doctypes=("讲话",)))
    assert speeches == {a.id for a in articles if a.province in ("江苏", "辽宁") and a.doctype == "讲话"}
    span = set(ids(index, "", year_from=2008, year_to=2012))
    assert span == {a.id for a in articles if a.year and 2008 <= a.year <= 2012}
    topic = set(ids(index, "", topics=("女职工工作", "送温暖")))
    assert topic == {a.id for a in articles if {"女职工工作", "送温暖"} & set(a.topics)}


def test_selected_facet_keeps_showing_its_alternatives(library):
    index, _ = library
    result = index.search(SearchRequest(provinces=("江苏",)))
    provinces = {v.value: v for v in result.facets["province"]}
    assert provinces["江苏"].selected and not provinces["辽宁"].selected
    assert provinces["辽宁"].count > 0  # what adding 辽宁 would bring


def test_empty_query_browses_everything_newest_first(library):
    index, articles = library
    result = index.search(SearchRequest(sort="date", size=100))
    assert result.total == len(articles)
    keys = [h.date or str(h.year or "") for h in result.hits]
    dated = [k for k in keys if k]
    assert dated == sorted(dated, reverse=True)


def test_pagination(library):
    index, _ = library
    first = index.search(SearchRequest(query="工会", size=3, page=1))
    second = index.search(SearchRequest(query="工会", size=3, page=2))
    six = index.search(SearchRequest(query="工会", size=6))
    assert [h.id for h in first.hits + second.hits] == [h.id for h in six.hits]
    beyond = index.search(SearchRequest(query="工会", size=3, page=999))
    assert beyond.hits == [] and beyond.total == first.total


def test_long_queries_are_refused_with_a_reason(library):
    index, _ = library
    with pytest.raises(QueryError, match="查询过长"):
        index.search(SearchRequest(query="工会" * 150))


@pytest.mark.parametrize("query", ["-", "OR", '""', "| |", "- OR -"])
def test_queries_of_operators_only_find_nothing_and_say_why(library, query):
    index, _ = library
    result = index.search(SearchRequest(query=query))
    assert result.total == 0 and result.hits == []
    assert result.notices == ["检索式中没有可以检索的字词（只有运算符或标点），请输入要找的字词"]


def test_unbalanced_quote_runs_to_the_end(library):
    index, articles = library
    assert set(ids(index, '"维护职工合法权益')) == containing(articles, "维护职工合法权益")


# -- ranking, judged on held-out queries --------------------------------------------------------

RANKING = [
    ("女职工权益保护 专项集体合同", "浙江省总工会关于进一步加强女职工工作的意见"),
    ("非公有制企业 工资集体协商 调研", "关于我省非公有制企业工资集体协商情况的调研报告"),
    ("元旦春节 送温暖 慰问", "广东省总工会关于做好2019年元旦春节期间送温暖活动的通知"),
    ("劳动竞赛 表彰大会", "在全市职工劳动竞赛表彰大会上的讲话"),
    ("帮扶资金 专款专用", "黑龙江省总工会困难职工帮扶资金管理办法"),
    ("劳动模范 先进工作者 表彰", "关于表彰天津市劳动模范和先进工作者的决定"),
    ("下岗失业人员 小额借款", "求真务实 锐意进取 努力推动工会促进再就业工作的深入发展"),
    ("职工文体场馆", "以创新思维建设先进职工文化"),
    ("农民工 法律援助", "以法治思维法治方式为农民工维权"),
    ("桥港时代", "确立桥港时代思维 凝聚全市职工力量"),
    ("工会经济 资产", "凝心聚力 真抓实干"),
    ("外资企业 行业性工资集体协商", "让职工在企业发展中共享成果"),
]


@pytest.mark.parametrize(("query", "title"), RANKING)
def test_ranking_puts_the_expected_article_first(library, query, title):
    index, _ = library
    result = index.search(SearchRequest(query=query))
    assert result.hits and result.hits[0].title == title, [h.title for h in result.hits[:3]]


def test_title_matches_rank_above_text_matches(library):
    index, _ = library
    hits = index.search(SearchRequest(query="职工文化")).hits
    assert hits[0].title == "以创新思维建设先进职工文化"


def test_words_close_together_rank_higher(tmp_path, monkeypatch):
    """Two texts of the same length with the words of 劳动关系 和谐: one says 和谐劳动关系, the other
    has 劳动关系 at its start and 和谐 twice at its end (so the engine's scores alone put it first).
    The words standing together win; without the proximity bonus they would not."""
    from indexer.ingest import ingest
    from indexer.search import open_index

    filler = "各级工会组织要认真做好职工服务工作。" * 20
    (tmp_path / "together.txt").write_text(f"关于职工服务工作的几点体会\n\n{filler}推动构建和谐劳动关系。{filler}\n", encoding="utf-8")
    (tmp_path / "apart.txt").write_text(f"关于职工服务工作的几点认识\n\n劳动关系是基础。{filler}{filler}和谐是目标，和谐是方向。\n", encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", workers=1)
    ingest([tmp_path / "together.txt", tmp_path / "apart.txt"], settings)
    index = open_index(settings)
    request = SearchRequest(query="劳动关系 和谐")

    def order() -> list[str]:
        return [Path(index.get_article(h.id).source.path).stem for h in index.search(request).hits]  # type: ignore[union-attr]

    assert order() == ["together", "apart"]
    monkeypatch.setattr("indexer.search.index.PROXIMITY_GAIN", 0.0)
    assert order() == ["apart", "together"]


def test_related_articles(library):
    index, articles = library
    speech = next(a for a in articles if a.speaker == "李登攀")
    related = index.related(speech.id, limit=5)
    assert related and speech.id not in {h.id for h in related}
    # the re-employment speech: the first related article is on re-employment too
    speech = next(a for a in articles if a.speaker == "张俊九")
    first = index.related(speech.id, limit=3)[0]
    assert "就业再就业" in first.topics and first.id != speech.id


def test_index_is_on_disk_with_its_schema_version(library):
    index, _ = library
    folder = Path(index.settings.index_dir)
    assert (folder / "SCHEMA_VERSION").read_text().strip().startswith("gonghui-")
    assert any(p.suffix == ".toc" for p in folder.iterdir())


def test_a_chosen_facet_value_without_hits_stays_listed_to_be_removed(library):
    index, articles = library
    assert not any(a.province == "西藏" for a in articles)
    result = index.search(SearchRequest(query="工会", provinces=("西藏",)))
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["province"] if v.selected] == [("西藏", 0, True)]


def test_the_articles_without_a_topic_are_a_filter(library):
    from indexer.search import MISSING

    index, articles = library
    untopical = {a.id for a in articles if not a.topics}
    assert untopical and len(untopical) < len(articles)
    hits = index.search(SearchRequest(topics=(MISSING,), size=100)).hits
    assert {h.id for h in hits} == untopical


def test_the_snippet_is_the_densest_window():
    from indexer.search.highlight import snippet

    # 工会 alone early; 工会, 职工 and 帮扶 together near the end: the snippet shows the end
    text = "工会" + "。" * 300 + "职工" + "。" * 300 + "要把困难职工帮扶工作作为工会的重要任务" + "。" * 50
    fragments = snippet(text, ["工会", "职工", "帮扶"], width=60)
    marked = [f.text for f in fragments if f.mark]
    assert marked == ["职工帮扶", "工会"] and fragments[0].text == "…"  # (adjacent matches marked as one)
