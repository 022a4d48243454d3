"""What people type, and what they must get: a table of realistic queries on the sample library
plus the real documents under tests/real (laws, State Council and ministry notices, union
documents, government work reports, traditional-character law pages), each with its expected
answer decided from the texts and their printed headers (who spoke, who issued, which number),
never from the engine's output.

Kinds: names, numbers (文号 and 令号 in many writings, separators, wrong numbers), years,
places, types and bodies typed in the box, spelling slips, near quotes, abbreviations and
synonyms, traditional characters, single characters, operators and fields, and queries that must
find nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer import Article, Settings
from indexer.clean import to_simplified
from indexer.search import SearchIndex, SearchRequest, SearchResult

REAL = Path(__file__).parent / "real"
CORPUS = Path(__file__).parent.parent / "corpus"
PAGE = 100


@pytest.fixture(scope="module", params=["whoosh", "dict"])
def real_library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> tuple[SearchIndex, list[Article]]:
    """The library in the Whoosh engine, and in the dict engine of the tests (tests/dict_engine.py):
    every query must be answered alike by both, since all but matching happens above the engine."""
    from indexer.ingest import ingest
    from indexer.search import open_index

    from . import dict_engine
    from .heldout import build_all

    dict_engine.register()
    root = tmp_path_factory.mktemp("queries")
    build_all(root / "heldout")
    settings = Settings(index_dir=root / "index", workers=2, engine=request.param)
    folders = [CORPUS, root / "heldout", *(REAL / kind for kind in ("govpages", "laws", "speeches", "union"))]
    report = ingest(folders, settings)
    assert not report.refused, report.refused
    index = open_index(settings)
    assert (settings.index_dir / dict_engine.FILE).exists() == (request.param == "dict")
    articles = [index.get_article(hit.id) for hit in everything(index, SearchRequest())]
    return index, [a for a in articles if a is not None]


def everything(index: SearchIndex, request: SearchRequest) -> list:
    """Every hit of a search, page after page."""
    hits, page = [], 1
    while True:
        result = index.search(request.with_(size=PAGE, page=page))
        hits += result.hits
        if page >= result.pages:
            return hits
        page += 1


# -- ground truth, from the texts and their labels -----------------------------------------------

Truth = Callable[[list[Article]], set[str]]


def _simple(text: str) -> str:
    return to_simplified(text).replace(" ", "").replace("\u3000", "")


def has(*texts: str, where: str = "all") -> Truth:
    """Articles whose title (where="title") or title and text hold every one of `texts`."""
    def truth(articles: list[Article]) -> set[str]:
        found = set()
        for a in articles:
            haystack = _simple(a.title + (a.subtitle or "") + ("" if where == "title" else a.text))
            if all(_simple(t) in haystack for t in texts):
                found.add(a.id)
        return found
    return truth


def any_of(*truths: Truth) -> Truth:
    return lambda articles: set().union(*(t(articles) for t in truths))


def but_not(keep: Truth, drop: Truth) -> Truth:
    return lambda articles: keep(articles) - drop(articles)


def matching(pattern: str) -> Truth:
    compiled = re.compile(pattern)
    return lambda articles: {a.id for a in articles if compiled.search(_simple(a.title + a.text))}


def labelled(**labels: object) -> Truth:
    """Articles with these labels (year_range=(a, b) for a year between)."""
    def truth(articles: list[Article]) -> set[str]:
        found = set()
        for a in articles:
            ok = True
            for name, value in labels.items():
                if name == "year_range":
                    low, high = value  # type: ignore[misc]
                    ok &= a.year is not None and low <= a.year <= high
                elif name == "doc_number_prefix":
                    ok &= (a.doc_number or "").startswith(str(value))
                else:
                    ok &= getattr(a, name) == value
            if ok:
                found.add(a.id)
        return found
    return truth


def both(*truths: Truth) -> Truth:
    return lambda articles: set.intersection(*(t(articles) for t in truths))


# -- expectations --------------------------------------------------------------------------------

Check = Callable[[SearchIndex, list[Article], SearchResult, str], None]


def exactly(truth: Truth) -> Check:
    """The hits are the articles of the truth, no more, no fewer."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        expected = truth(articles)
        assert expected, "the expectation holds no article: the case tests nothing"
        found = {h.id for h in everything(index, result.request or SearchRequest(query=query))}
        assert found == expected, (sorted(_titles(articles, found - expected)), sorted(_titles(articles, expected - found)))
    return check


def includes(truth: Truth) -> Check:
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        expected = truth(articles)
        assert expected
        found = {h.id for h in everything(index, result.request or SearchRequest(query=query))}
        assert expected <= found, sorted(_titles(articles, expected - found))
    return check


def first(title: str, **labels: str) -> Check:
    """The first hit is the article with this title (and labels)."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        assert result.hits, "nothing found"
        top = result.hits[0]
        assert top.title == title, [h.title for h in result.hits[:5]]
        for name, value in labels.items():
            assert getattr(top, name) == value
    return check


def first_are(truth: Truth) -> Check:
    """The first hits are exactly the articles of the truth (a person's speeches before any
    mention of the name)."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        expected = truth(articles)
        assert expected
        top = {h.id for h in result.hits[:len(expected)]}
        assert top == expected, [h.title for h in result.hits[:len(expected) + 2]]
    return check


def nothing() -> Check:
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        assert result.total == 0 and not result.hits, [h.title for h in result.hits[:5]]
    return check


def suggests(kind: str, label: str, finds: Truth | None = None) -> Check:
    """A suggestion of this kind whose words hold `label`; following it finds `finds`."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        chosen = [s for s in result.suggestions if s.kind == kind and label in s.label]
        assert chosen, [(s.kind, s.label) for s in result.suggestions]
        if finds is not None:
            found = {h.id for h in everything(index, chosen[0].request)}
            assert found == finds(articles)
    return check


def says(words: str) -> Check:
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        assert any(words in notice for notice in result.notices), result.notices
    return check


def filtered(truth: Truth, shown: str) -> Check:
    """The years, places, types or bodies typed are recognised as filters (`shown` in their
    words); applied when the words alone find nothing, else offered; either way the filtered
    search finds exactly the truth."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        applied = result.request is not None and result.request.query != query
        if applied:
            assert any(shown in n for n in result.notices), result.notices
            request = result.request
        else:
            offered = [s for s in result.suggestions if s.kind == "filters"]
            assert offered and shown in offered[0].label, [(s.kind, s.label) for s in result.suggestions]
            request = offered[0].request
        assert request is not None
        found = {h.id for h in everything(index, request)}
        assert found == truth(articles), sorted(_titles(articles, found ^ truth(articles)))
    return check


def near(title: str) -> Check:
    """Found only as a near match (punctuation or width differ), and marked as one."""
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        assert result.hits and result.hits[0].title == title, [h.title for h in result.hits[:3]]
        assert all(h.near for h in result.hits)
        assert any("近似" in n for n in result.notices)
    return check


def not_near() -> Check:
    def check(index: SearchIndex, articles: list[Article], result: SearchResult, query: str) -> None:
        assert result.hits and not any(h.near for h in result.hits)
    return check


def _titles(articles: list[Article], ids: set[str]) -> list[str]:
    return [a.title for a in articles if a.id in ids]


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    checks: tuple[Check, ...]


def case(kind: str, query: str, *checks: Check) -> Case:
    return Case(kind, query, checks)


SUZHOU = "关于进一步加强和改进新形势下工会工作的意见"  # 苏发〔2010〕59号, 中共苏州市委
REGULATION = "中华人民共和国劳动合同法实施条例"  # 中华人民共和国国务院令第535号
LABOUR_LAW = "中华人民共和国劳动法"  # 中华人民共和国主席令第二十八号
UNION = "(?<!分)工会|工会(?!同)"  # 工会, but not in 分工会同 (分工 会同: dividing work, together with)

CASES = [
    # -- names: a bare name finds that person's speeches (or that body's documents) first ---------
    case("name", "张俊九", first("求真务实 锐意进取 努力推动工会促进再就业工作的深入发展", speaker="张俊九")),
    case("name", "赵国强", first("动员职工积极参与支持改革", speaker="赵国强")),
    case("name", "邢春宁", first("在深化改革中建设“三型”工会", speaker="邢春宁")),
    case("name", "梁伟 讲话", first("构建服务体系促进职工全面发展", speaker="梁伟")),
    case("name", "洪浩 职工文化", first("以创新思维建设先进职工文化", speaker="洪浩")),
    case("name", "李晓明", first("在全市职工劳动竞赛表彰大会上的讲话", speaker="李晓明")),
    case("name", "刘建华", first("凝心聚力 真抓实干", speaker="刘建华")),
    case("name", "任振鹤", first("2025年甘肃省政府工作报告", speaker="任振鹤")),
    case("name", "温家宝", first_are(labelled(speaker="温家宝"))),
    case("name", "李克强", first_are(labelled(speaker="李克强"))),
    case("name", "杜联合", first_are(labelled(speaker="杜联合"))),
    case("name", "黑龙江省总工会", first("黑龙江省总工会困难职工帮扶资金管理办法", issuer="黑龙江省总工会")),
    case("name", "中共天津市委", first("关于表彰天津市劳动模范和先进工作者的决定", issuer="中共天津市委")),
    case("name", "浙江省总工会", first("浙江省总工会关于进一步加强女职工工作的意见")),
    case("name", "发言人:张俊九", exactly(labelled(speaker="张俊九"))),
    case("name", "发言人:杜联合", exactly(labelled(speaker="杜联合"))),
    case("name", "发文机关:中共苏州市委", exactly(labelled(issuer="中共苏州市委"))),
    case("name", "张俊久", nothing(), suggests("name", "张俊九", labelled(speaker="张俊九"))),
    case("name", "邢春林", nothing(), suggests("name", "邢春宁", labelled(speaker="邢春宁"))),
    # -- numbers: 文号 and 令号 however they are written; a wrong one never matches --------------
    case("number", "苏发〔2010〕59号", first(SUZHOU, doc_number="苏发〔2010〕59号")),
    case("number", "苏发〔2010〕59", first(SUZHOU)),
    case("number", "苏发2010年59号", first(SUZHOU)),
    case("number", "苏发[2010]59号", first(SUZHOU)),
    case("number", "苏发(2010)59号", first(SUZHOU)),
    case("number", "苏发（2010）59号", first(SUZHOU)),
    case("number", "苏发〔２０１０〕５９号", first(SUZHOU)),
    case("number", "苏发 〔2010〕 59 号", first(SUZHOU)),
    case("number", "文号:苏发[2010]", exactly(labelled(doc_number_prefix="苏发〔2010〕"))),
    case("number", "文号:苏发〔2010〕", exactly(labelled(doc_number_prefix="苏发〔2010〕"))),
    case("number", "文号:国发〔1985〕", exactly(labelled(doc_number_prefix="国发〔1985〕"))),
    case("number", "国发〔1985〕2号", first("国务院关于国营企业工资改革问题的通知")),
    case("number", "国发〔1985〕17号", first("国务院批转关于上海经济发展战略汇报提纲的通知")),
    case("number", "国务院令第535号", first(REGULATION)),
    case("number", "国令第535号", first(REGULATION)),
    case("number", "国务院令535号", first(REGULATION)),
    case("number", "主席令第二十八号", first(LABOUR_LAW)),
    case("number", "主席令第28号", first(LABOUR_LAW)),
    case("number", "河北省人民政府令〔2021〕第1号", first("河北省无线电管理规定")),
    case("number", "河北省人民政府令〔2022〕第1号", first("河北省实施《军人抚恤优待条例》办法")),
    case("number", "广东省人民政府令第316号", first("广东省劳动人事争议处理办法")),
    case("number", "粤工总〔2018〕45号", first("广东省总工会关于做好2019年元旦春节期间送温暖活动的通知")),
    case("number", "浙工发〔2015〕18号", first("浙江省总工会关于进一步加强女职工工作的意见")),
    case("number", "总工办发〔2020〕8号", first("中华全国总工会办公厅关于开展2020年全国职工职业技能大赛的通知")),
    case("number", "吉人社办字〔2018〕47号", first("关于提高失业保险金标准的通知", doc_number="吉人社办字〔2018〕47号")),
    case("number", "吉人社办字〔2017〕21号", first("关于提高失业保险金标准的通知", doc_number="吉人社办字〔2017〕21号")),
    case("number", "穗人社函〔2024〕341号", first("广州市人力资源和社会保障局关于我市劳动保障监察综合行政执法管辖有关问题的通知")),
    case("number", "苏发〔2010〕58号", nothing()),
    case("number", "苏发〔2011〕59号", nothing()),
    case("number", "国务院令第536号", nothing()),
    case("number", "4·28", exactly(matching(r"(?<![0-9.])4·28(?![0-9])"))),
    case("number", "1+6", exactly(matching(r"(?<![0-9.])1\+6(?![0-9])"))),
    case("number", "28·4", nothing()),
    # -- years, places, types and bodies typed in the box -------------------------------------
    case("in the box", "2010 江苏", filtered(labelled(year=2010, province="江苏"), "江苏")),
    case("in the box", "2014年 辽宁", filtered(labelled(year=2014, province="辽宁"), "辽宁")),
    case("in the box", "苏州市委 2010 意见", filtered(labelled(year=2010, doctype="意见", issuer="中共苏州市委"), "2010年")),
    case("in the box", "2008-2012 工会", filtered(both(has("工会"), labelled(year_range=(2008, 2012))), "2008—2012年")),
    case("in the box", "黑龙江 2009", filtered(labelled(year=2009, province="黑龙江"), "黑龙江")),
    case("in the box", "河北 通知", filtered(both(has("河北", "通知"), labelled(province="河北", doctype="通知")), "河北")),
    case("in the box", "天津 条例", filtered(both(has("天津", "条例"), labelled(province="天津", doctype="条例")), "天津")),
    case("in the box", "长春 通知", filtered(labelled(city="长春", doctype="通知"), "长春")),
    case("in the box", "国务院 1985", filtered(labelled(year=1985, issuer="国务院"), "1985年")),
    case("in the box", "2022年 法律", filtered(both(has("2022", "法律"), labelled(year=2022, doctype="法律")), "2022年")),
    # -- spelling slips: a suggestion from the library's own words -------------------------------
    case("spelling", "困难职工帮付", suggests("spelling", "困难职工帮扶", has("困难职工", "帮扶"))),
    case("spelling", "帮付", suggests("spelling", "帮扶")),
    case("spelling", "职工代表大回", suggests("spelling", "职工代表大会")),
    case("spelling", "送温嗳", suggests("spelling", "送温暖", has("送温暖"))),
    case("spelling", "劳动合铜法", suggests("spelling", "劳动合同法")),
    case("spelling", "困难职工帮付", suggests("relaxed", "去掉“帮付”", has("困难职工"))),
    # -- quotes: exact, and near when only punctuation or width differ -------------------------------
    case("quote", '"和谐稳定；面对新形势"', exactly(has("和谐稳定；面对新形势")), not_near()),
    case("quote", '"和谐稳定面对新形势"', near(SUZHOU)),
    case("quote", '"促进职工队伍和社会和谐稳定、面对新形势"', near(SUZHOU)),
    # (a half-width comma for the text's full-width one: the same character to search)
    case("quote", '"全省工会工作会议精神,深入贯彻落实科学发展"', first(SUZHOU), not_near()),
    case("quote", '"十七届四中五中"', near(SUZHOU)),
    case("quote", "三型工会", first("在深化改革中建设“三型”工会")),
    case("quote", '"维护职工合法权益"', exactly(has("维护职工合法权益"))),
    # -- abbreviations and synonyms, said in the header ------------------------------------------------
    case("synonym", "全总", includes(any_of(has("全总"), has("中华全国总工会"))), says("同时检索：中华全国总工会")),
    case("synonym", "职代会", exactly(any_of(has("职代会"), has("职工代表大会"))), says("职工代表大会")),
    # (工会法律援助 holds 工会法 but is not about the law)
    case("synonym", "工会法", includes(matching("工会法(?!律)"))),
    # (实施农民工资性收入… is 农民 工资性收入)
    case("synonym", "农民工", includes(any_of(matching("农民工(?!资)"), has("进城务工人员"))), says("进城务工人员")),
    # (人力资源社会保障部门 is a department of any government, not the ministry)
    case("synonym", "人社部", includes(matching("人社部|人力资源社会保障部(?!门)"))),
    case("synonym", "劳模", includes(any_of(has("劳模"), has("劳动模范")))),
    case("synonym", "社保", includes(any_of(has("社保"), has("社会保险")))),
    # -- traditional characters ------------------------------------------------------------------------
    case("traditional", "勞動合同", exactly(has("劳动合同"))),
    case("traditional", "職業訓練法", first("職業訓練法")),
    case("traditional", "工會", exactly(matching(UNION))),
    # -- single characters: inside longer words too ----------------------------------------------
    case("single", "工", exactly(has("工"))),
    case("single", "会", exactly(has("会"))),
    case("single", "帮", exactly(has("帮"))),
    case("single", "薪", exactly(has("薪"))),
    # -- operators and fields --------------------------------------------------------------------
    case("operators", "送温暖 OR 帮扶", exactly(any_of(has("送温暖"), has("帮扶")))),
    # (an exclusion excludes the synonyms too)
    case("operators", "工会 -农民工", exactly(but_not(matching(UNION),
                                                      matching("农民工(?!资)|进城务工人员|外来务工人员"))),
         says("同时排除：进城务工人员")),
    case("operators", "标题:工会", exactly(has("工会", where="title"))),
    case("operators", "困难职工", exactly(has("困难职工"))),
    # -- queries that must find nothing --------------------------------------------------------------
    case("nothing", "量子纠缠", nothing()),
    case("nothing", "哈利波特 工会", nothing()),
    case("nothing", '"维护职工合法权益维护"', nothing()),
    case("nothing", "国发〔1985〕3号", nothing()),
    case("nothing", "国务院令第999号", nothing()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}:{c.query}" for c in CASES])
def test_query(real_library: tuple[SearchIndex, list[Article]], case: Case) -> None:
    index, articles = real_library
    result = index.search(SearchRequest(query=case.query, size=20))
    for check in case.checks:
        check(index, articles, result, case.query)


def test_the_table_is_large_and_varied() -> None:
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 80 and len(kinds) >= 10
