"""Hostile requests: the JSON API fuzzed from its OpenAPI schema (schemathesis), the pages fuzzed
with generated parameters (hypothesis), and a table of known-nasty requests. No answer is a 500;
a bad request gets a 4xx that says what was wrong, in Chinese; a strange query gets a result."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from indexer import Settings
from indexer.search import MAX_PAGE, SORTS, YEAR_PATTERN, YEAR_RANGE
from webapp.app import create_app


@pytest.fixture(scope="module")
def app(library):
    index, _ = library
    return create_app(index.settings, index)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_answers_as_its_schema_says(app, mode):
    # (schemathesis' strategies with hypothesis directly: its pytest plugin's lazy fixture loader
    # reads a private attribute pytest 9 no longer has)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    assert {op.ok().path for op in schema.get_all_operations()} == {"/api/search", "/api/documents/{doc_id}"}

    @given(case=schema.as_strategy(generation_mode=mode))
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate()  # every check schemathesis has: statuses, bodies, headers, content types

    check()


PARAMS = st.dictionaries(
    st.sampled_from(["q", "year", "year_from", "year_to", "province", "topic", "doctype", "sort", "page", "size"]),
    st.one_of(st.text(max_size=60), st.integers(-10**12, 10**12).map(str), st.sampled_from(["", "2010", "江苏", "讲话"])),
    max_size=6,
)


def _valid_int(text: str, low: int, high: int) -> bool:
    try:
        return low <= int(text) <= high
    except ValueError:
        return False


def expected_status(params: dict[str, str]) -> int:
    """What the search answers, from the documented limits alone: 400 for a parameter out of
    them, else 200 (the home page takes no parameters)."""
    low, high = YEAR_RANGE
    for name, value in params.items():
        bad = {
            "year": not re.fullmatch(YEAR_PATTERN, value),
            "year_from": not _valid_int(value, low, high), "year_to": not _valid_int(value, low, high),
            "page": not _valid_int(value, 1, MAX_PAGE), "size": not _valid_int(value, 1, Settings().max_page_size),
            "sort": value not in SORTS, "q": len(value) > Settings().max_query_chars,
        }.get(name, False)
        if bad:
            return 400
    return 200


@given(params=PARAMS, path=st.sampled_from(["/search", "/api/search", "/"]))
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_pages_answer_as_the_parameters_deserve(client, params, path):
    response = client.get(path, params=params)
    assert response.status_code == (200 if path == "/" else expected_status(params)), (params, response.text[:300])


@given(doc_id=st.text(min_size=1, max_size=40).filter(lambda t: t.strip(".")))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_unknown_documents_are_404(client, doc_id):
    quoted = urllib.parse.quote(doc_id, safe="")
    for path in (f"/documents/{quoted}", f"/api/documents/{quoted}", f"/documents/{quoted}/original"):
        assert client.get(path).status_code == 404


NASTY = [
    ("operators only", {"q": "OR - | -- OR"}),
    ("prefixes only", {"q": "标题: 文号: 发言人:"}),
    ("unbalanced quote", {"q": '"困难职工帮扶'}),
    ("unbalanced Chinese quote", {"q": "“困难职工帮扶"}),
    ("empty quotes", {"q": '"" “”'}),
    ("SQL", {"q": "' OR 1=1; DROP TABLE docs; --"}),
    ("script", {"q": "<script>alert('工会')</script>"}),
    ("control characters", {"q": "工会\x00\x1b[31m\u202e"}),
    ("page far beyond the results", {"q": "工会", "page": "99999"}),
    ("Whoosh syntax", {"q": "title:工会* AND body:[a TO z] ~2 ^3"}),
]


@pytest.mark.parametrize("name, params", NASTY, ids=[n for n, _ in NASTY])
def test_nasty_queries_get_a_page_or_a_clear_refusal(client, name, params):
    page = client.get("/search", params=params)
    api = client.get("/api/search", params=params)
    assert page.status_code == api.status_code == 200
    assert isinstance(api.json()["total"], int)
    assert "<script>alert" not in page.text  # shown escaped, never run
    if api.json()["notices"]:  # nothing searchable in it: said on the page too
        assert api.json()["total"] == 0 and "没有可以检索的字词" in page.text


def test_page_beyond_the_results_is_empty_with_the_total(client):
    data = client.get("/api/search", params={"q": "工会", "page": "99999"}).json()
    assert data["hits"] == [] and data["total"] > 0


def test_a_query_of_ten_thousand_characters_is_refused_with_the_reason(client):
    response = client.get("/api/search", params={"q": "工a" * 5000})
    assert response.status_code == 400
    assert "过长" in response.json()["error"]
    assert "过长" in client.get("/search", params={"q": "工a" * 5000}).text


@pytest.mark.parametrize("params, field", [({"page": "0"}, "page"), ({"page": "-1"}, "page"), ({"page": "abc"}, "page"),
                                           ({"size": "1000"}, "size"), ({"year": "公元"}, "year"),
                                           ({"year": "99999"}, "year"), ({"sort": "random"}, "sort")])
def test_bad_parameters_are_named(client, params, field):
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert field in response.json()["error"]
    page = client.get("/search", params=params)
    assert page.status_code == 400 and "参数有误" in page.text


def test_invalid_utf8_in_the_url_is_no_server_error(client):
    # the bytes that are not UTF-8 are read as U+FFFD: no article holds them, nor has such an id
    for url, status in (("/search?q=%FF%FE%FD", 200), ("/api/search?q=%C3%28&province=%E6%B1", 200),
                        ("/documents/%FF%FE", 404), ("/api/documents/%ED%A0%80", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        if url.startswith("/api/search"):
            data = json.loads(response.text)  # the API answers JSON even then
            assert data["total"] == 0
            # the garbled province is shown chosen (with no articles), so that it can be removed
            assert data["facets"]["province"] == [{"value": "\ufffd", "count": 0, "selected": True}]
        elif url.startswith("/api/"):
            assert json.loads(response.text) == {"error": "没有这个页面或文章"}
