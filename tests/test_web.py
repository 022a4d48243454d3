"""The website and its JSON API through FastAPI's TestClient, over a real index on disk."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from indexer.search import SearchRequest
from webapp.app import create_app
from webapp.citation import gbt7714, short_form


@pytest.fixture(scope="module")
def client(library):
    index, _ = library
    return TestClient(create_app(index.settings, index), raise_server_exceptions=False)


def by(articles, **labels):
    return next(a for a in articles if all(getattr(a, k) == v for k, v in labels.items()))


def test_home_has_a_search_box_and_browse_lists_with_counts(client, library):
    _, articles = library
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert 'name="q"' in html and f"共 <strong>{len(articles)}</strong> 篇" in html
    for heading in ("按年份浏览", "按省份浏览", "按主题浏览", "按类型浏览"):
        assert heading in html
    jiangsu = sum(1 for a in articles if a.province == "江苏")
    assert re.search(rf'href="/search\?province=%E6%B1%9F%E8%8B%8F">江苏</a> <span class="count">{jiangsu}</span>', html)


def test_search_page_lists_hits_with_highlights_and_metadata(client):
    page = client.get("/search", params={"q": "苏发〔2010〕59号"})
    assert page.status_code == 200
    html = page.text
    assert "找到 <strong>1</strong> 篇" in html
    assert "关于进一步加强和改进新形势下工会工作的意见" in html
    # the place, the type and the issuing body link to the rest of their material
    assert ('<span>2010-11-17</span> · <a href="/search?province=%E6%B1%9F%E8%8B%8F">江苏</a> · '
            '<a href="/search?city=%E8%8B%8F%E5%B7%9E">苏州</a> · <a href="/search?doctype=%E6%84%8F%E8%A7%81">意见</a> · '
            '<a href="/search?issuer=%E4%B8%AD%E5%85%B1%E8%8B%8F%E5%B7%9E%E5%B8%82%E5%A7%94">中共苏州市委</a> · '
            '<span>苏发〔2010〕59号</span>') in html
    page = client.get("/search", params={"q": "困难职工"})
    assert "<mark>困难职工</mark>" in page.text


def test_facets_are_marked_when_selected_and_removable(client):
    page = client.get("/search", params=[("q", "工会"), ("province", "江苏省"), ("doctype", "讲话")])
    html = page.text
    assert page.status_code == 200
    assert 'aria-current="true" title="取消此条件">✓ 江苏</a>' in html  # 江苏省 taken as 江苏
    assert "省份：江苏" in html and "类型：讲话" in html
    # the chip removes only its own filter
    chip = re.search(r'<a class="chip" href="([^"]+)" title="移除">省份：江苏 ×</a>', html)
    assert chip and "province" not in chip.group(1) and "doctype=" in chip.group(1)


def test_years_as_filters(client, library):
    _, articles = library
    data = client.get("/api/search", params=[("year", 2010), ("year", 2014)]).json()
    assert data["total"] == sum(1 for a in articles if a.year in (2010, 2014)) > 0
    assert client.get("/api/search", params={"year": 1800}).status_code == 400
    assert client.get("/search", params={"year": 2010}).status_code == 200


def test_year_range_and_sorting(client, library):
    _, articles = library
    page = client.get("/api/search", params={"year_from": 2008, "year_to": 2012, "sort": "date", "size": 50})
    data = page.json()
    assert data["total"] == sum(1 for a in articles if a.year and 2008 <= a.year <= 2012)
    years = [h["year"] for h in data["hits"]]
    assert years == sorted(years, reverse=True)


def test_api_search_shape(client):
    data = client.get("/api/search", params={"q": "农民工", "size": 3}).json()
    assert set(data) >= {"total", "page", "hits", "facets"}
    assert set(data["facets"]) == {"year", "province", "city", "doctype", "level", "topic", "issuer", "speaker", "source"}
    assert all(set(v) == {"value", "count", "selected"} for v in data["facets"]["province"])
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "doctype", "date", "year", "province", "city", "speaker", "issuer",
                        "doc_number", "topics", "snippet", "score", "level", "near_match"}
    assert set(data) >= {"notices", "suggestions", "applied"}
    assert "<mark>农民工</mark>" in hit["snippet"]
    assert len(data["hits"]) == 3 and data["page"] == 1


def test_api_document_has_every_label_the_text_and_the_source(client, library):
    _, articles = library
    opinion = by(articles, doc_number="苏发〔2010〕59号")
    data = client.get(f"/api/documents/{opinion.id}").json()
    for key in ("title", "doctype", "date", "year", "province", "city", "speaker", "issuer", "doc_number", "topics",
                "keywords", "provenance", "text", "paragraphs", "source"):
        assert key in data
    assert data["text"].startswith("为全面贯彻党的十七大")
    assert data["source"]["path"].endswith("004_be697bfd65a46e33.txt")
    assert data["citation"]["short"] == "《中共苏州市委关于进一步加强和改进新形势下工会工作的意见》（苏发〔2010〕59号）"


def test_province_filter_takes_short_and_full_names(client):
    short = client.get("/api/search", params={"province": "江苏"}).json()
    full = client.get("/api/search", params={"province": "江苏省"}).json()
    assert short["total"] == full["total"] > 0
    assert [h["id"] for h in short["hits"]] == [h["id"] for h in full["hits"]]


def test_document_page(client, library):
    _, articles = library
    speech = by(articles, speaker="张俊九")
    page = client.get(f"/documents/{speech.id}", params={"q": "再就业"})
    html = page.text
    assert page.status_code == 200
    assert "<h1>求真务实 锐意进取 努力推动工会促进再就业工作的深入发展</h1>" in html
    assert "——在全国工会促进再就业工作现场经验交流会议上的讲话" in html
    assert "<mark>再就业</mark>" in html
    assert "出自《工会保障工作资料选编》，中华全国总工会保障工作部编，中国工人出版社，2008年" in html
    assert "书中页码 3–19 页" in html and "栏目：指导性文件篇／一、全总领导讲话" in html
    assert "相关资料" in html
    assert f'href="/documents/{speech.id}/original"' in html
    assert "复制引用" in html


def test_citations(library):
    _, articles = library
    speech = by(articles, speaker="张俊九")
    assert gbt7714(speech) == (
        "张俊九. 求真务实 锐意进取 努力推动工会促进再就业工作的深入发展: 在全国工会促进再就业工作现场经验交流会议上的讲话"
        "[M]//中华全国总工会保障工作部. 工会保障工作资料选编. 北京: 中国工人出版社, 2008: 3-19."
    )
    assert short_form(speech) == "《求真务实 锐意进取 努力推动工会促进再就业工作的深入发展》（2004年3月1日）"
    web = by(articles, doc_number="粤工总〔2018〕45号")
    cited = gbt7714(web)
    assert cited.startswith("广东省总工会. 广东省总工会关于做好2019年元旦春节期间送温暖活动的通知[EB/OL]. (2018-12-20)[")
    assert cited.endswith("]. http://www.gdftu.org.cn/tzgg/201812/t20181225_123456.htm.")
    opinion = by(articles, doc_number="苏发〔2010〕59号")
    assert gbt7714(opinion) == "中共苏州市委. 中共苏州市委关于进一步加强和改进新形势下工会工作的意见: 苏发〔2010〕59号[A]. 2010-11-17."


def test_original_file_is_served(client, library):
    _, articles = library
    opinion = by(articles, doc_number="苏发〔2010〕59号")
    response = client.get(f"/documents/{opinion.id}/original")
    assert response.status_code == 200
    assert response.content == Path(opinion.source.path).read_bytes()


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/search?q=" + "工会" * 150, 400, "参数有误：q 过长（最多 200 个字）"),
        ("/search?q=" + "a" * 10000, 400, "参数有误：q 过长（最多 200 个字）"),
        ("/search?year=abc", 400, "参数有误：year"),
        ("/search?page=0", 400, "参数有误：page"),
        ("/search?sort=random", 400, "参数有误：sort"),
        ("/search?q=-", 200, "没有可以检索的字词"),
        ("/documents/no-such-id", 404, "没有这个页面或文章"),
        ("/no/such/page", 404, "没有这个页面或文章"),
    ],
)
def test_bad_input_gets_a_friendly_page(client, url, status, words):
    page = client.get(url)
    assert page.status_code == status
    assert words in page.text
    assert ("回到首页" in page.text) == (status != 200)


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [({"size": 1000}, 400, "size"), ({"page": -1}, 400, "page"), ({"year": "二〇一〇"}, 400, "year"),
     ({"q": '"' * 201}, 400, "q")],
)
def test_api_errors_are_4xx_json_with_a_reason(client, params, status, field):
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    body = response.json()
    assert body["error"]
    if field:
        assert body["detail"][0]["field"] == field


def test_page_out_of_range_is_an_empty_result(client):
    data = client.get("/api/search", params={"q": "工会", "page": 5000}).json()
    assert data["hits"] == [] and data["total"] > 0


def test_everything_typed_is_escaped(client):
    attack = '<script>alert("x")</script>'
    page = client.get("/search", params={"q": attack})
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    # inside highlights too: a text that matches part of a hostile query
    page = client.get("/search", params={"q": '工会<img src=x onerror=alert(1)>'})
    assert "<img src=x" not in page.text
    data = client.get("/api/search", params={"q": "职工<b>"}).json()
    assert all("<b>" not in h["snippet"] for h in data["hits"])


def test_invalid_utf8_in_the_url(client):
    # read as U+FFFD, which no article holds: an answer with nothing found, never an error
    page = client.get("/search?q=%FF%FE")
    assert page.status_code == 200 and "找到 <strong>0</strong> 篇" in page.text
    api = client.get("/api/search?province=%C3%28")
    assert api.status_code == 200 and api.json()["total"] == 0
    assert client.get("/documents/%FF").status_code == 404


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "/api/documents/{doc_id}" in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert names >= {"q", "year", "year_from", "year_to", "province", "topic", "doctype", "sort", "page", "size"}
    assert client.get("/docs").status_code == 200


def test_search_page_matches_the_api(client, library):
    index, _ = library
    result = index.search(SearchRequest(query="帮扶", size=5))
    html = client.get("/search", params={"q": "帮扶", "size": 5}).text
    for hit in result.hits:
        assert f'href="/documents/{hit.id}?q=%E5%B8%AE%E6%89%B6"' in html


def facet_links(html: str) -> list[tuple[str, str, int, bool]]:
    """Every facet link of a page: (facet, href, count shown, selected)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    links = []
    for block in tree.xpath('//*[@data-facet]'):
        for item in block.xpath(".//li"):
            anchor = item.xpath(".//a")[0]
            count = item.xpath('.//span[@class="count"]/text()')
            links.append((block.get("data-facet"), anchor.get("href"), int(count[0]), "selected" in (item.get("class") or "")))
    return links


def test_every_facet_link_on_the_home_and_search_pages_works(client, library):
    """Each link answers 200 and, where it narrows the search, finds as many articles as its count
    said; 未标注 (no label) included, in every facet."""
    _, articles = library
    followed = 0
    missing_seen: set[str] = set()
    seen: set[str] = set()
    for start in ("/", "/search", "/search?q=工会", "/search?q=工会&province=江苏&doctype=讲话", "/search?year=&topic="):
        page = client.get(start)
        assert page.status_code == 200, start
        links = facet_links(page.text)
        seen.update(facet for facet, *_ in links)
        narrowed = {facet for facet, _, _, selected in links if selected}
        for facet, href, count, selected in links:
            answer = client.get(href)
            assert answer.status_code == 200, href
            if facet not in narrowed:  # (a second value of a facet widens: the counts add up)
                assert f"找到 <strong>{count}</strong> 篇" in answer.text, (href, count)
            if not selected and (facet, "") in parse_qsl(urlsplit(href).query, keep_blank_values=True):
                missing_seen.add(facet)
            followed += 1
    assert followed > 100
    assert seen == {"year", "province", "city", "doctype", "level", "topic", "issuer", "speaker", "source"}
    # the articles without a year, a city, a speaker… are reachable from their facets
    assert {"year", "city", "speaker", "issuer"} <= missing_seen


def test_every_request_is_logged_with_its_status_and_time(client, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="gonghui.web"):
        client.get("/search", params={"q": "工会"})
        client.get("/documents/nope")
    lines = [r.getMessage() for r in caplog.records if r.name == "gonghui.web"]
    assert re.fullmatch(r"GET /search\?q=%E5%B7%A5%E4%BC%9A 200 \d+\.\d ms", lines[0]), lines
    assert re.fullmatch(r"GET /documents/nope 404 \d+\.\d ms", lines[1]), lines


def test_synonyms_are_said_not_written_into_the_box(client):
    page = client.get("/search", params={"q": "全总"}).text
    assert '<input type="search" name="q" value="全总"' in page
    assert "同时检索：中华全国总工会、全国总工会" in page
    data = client.get("/api/search", params={"q": "全总"}).json()
    assert data["applied"] == {"q": ["全总"]} and data["total"] > 0
