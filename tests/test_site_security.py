"""The site's defences (issue 11.5): an imported web page's scripts never run on the site's
origin, every answer carries security headers, the API never shows where files lie on the
server, and /docs works without internet (its assets come with the package)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer import Settings
from indexer.ingest import ingest
from indexer.search import SearchRequest, open_index
from webapp.app import create_app

from .conftest import CORPUS
from .producers import render_docx
from .test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port

HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>关于做好职工帮扶工作的通知</title>
<script>
  document.documentElement.setAttribute("data-pwned", "inline");
  fetch("/api/search?q=PWNED-BY-IMPORTED-PAGE");
  try { localStorage.setItem("pwned", "1"); } catch (e) {}
</script></head>
<body onload="document.body.setAttribute('data-pwned', 'onload')">
<h1>关于做好职工帮扶工作的通知</h1>
<p>各市总工会：为做好困难职工帮扶工作，切实维护职工合法权益，现就有关事项通知如下。</p>
<p>一、各级工会要把困难职工帮扶工作摆上重要位置，建立健全帮扶工作机制。</p>
<img src="x" onerror="document.body.setAttribute('data-pwned', 'onerror')">
</body></html>"""


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-site")
    folder = root / "网页"
    folder.mkdir()
    (folder / "notice.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    render_docx("关于开展劳模疗休养工作的通知\n\n各市总工会：为关心劳模身心健康，现就开展劳模疗休养工作通知如下。", folder / "劳模.docx")
    settings = Settings(index_dir=root / "index", workers=1)
    report = ingest([folder, CORPUS], settings)
    assert not report.refused, report.refused
    index = open_index(settings)
    (hit,) = index.search(SearchRequest(query='"困难职工帮扶工作摆上重要位置"')).hits
    return settings, index, hit.id


@pytest.fixture(scope="module")
def client(hostile_library):
    settings, index, _ = hostile_library
    return TestClient(create_app(settings, index))


def test_every_answer_carries_the_security_headers(client, hostile_library):
    _, index, doc_id = hostile_library
    for path in ("/", "/search?q=工会", f"/documents/{doc_id}", "/api/search?q=工会", f"/api/documents/{doc_id}",
                 "/static/style.css", "/no/such/page", "/search?page=0", "/docs", "/redoc", "/openapi.json",
                 f"/documents/{doc_id}/original"):
        response = client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["referrer-policy"] == "same-origin", path
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp, path
        if not path.startswith(("/docs", "/redoc")):
            assert "'unsafe-inline'" not in csp.split("style-src")[0], path  # no inline script anywhere


def test_an_imported_web_page_is_served_in_a_sandbox(client, hostile_library):
    _, _, doc_id = hostile_library
    response = client.get(f"/documents/{doc_id}/original")
    assert response.status_code == 200 and "PWNED" in response.text
    assert response.headers["content-security-policy"].startswith("sandbox;")
    assert "allow-scripts" not in response.headers["content-security-policy"]


def test_originals_other_than_text_and_web_pages_are_downloads(client, hostile_library):
    _, index, _ = hostile_library
    (word,) = index.search(SearchRequest(query='"劳模疗休养"')).hits
    response = client.get(f"/documents/{word.id}/original")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")


def test_the_api_shows_paths_from_the_imported_folder_never_server_paths(client, hostile_library):
    _, index, doc_id = hostile_library
    data = client.get(f"/api/documents/{doc_id}").json()
    assert data["source"]["path"] == "网页/notice.html"
    assert "/tmp" not in str(data) and str(Path.home()) not in str(data)
    samples = client.get("/api/search", params={"q": '"张俊九"'}).json()["hits"]
    sample = client.get(f"/api/documents/{samples[0]['id']}").json() if samples else None
    if sample:
        assert sample["source"]["path"].startswith(f"{CORPUS.name}/")


# -- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(hostile_library):
    settings, _, doc_id = hostile_library
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "webapp.cli", "serve", "--index", str(settings.index_dir),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url, doc_id
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def offline_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def offline_page(browser, requests: list[str]):
    """A page whose every request outside the local site fails (no internet), recording them all."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()

    def route(route):
        requests.append(route.request.url)
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    page.route("**/*", route)
    return context, page


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_a_script_inside_an_imported_page_does_not_run_on_the_site(site, offline_browser):
    url, doc_id = site
    requests: list[str] = []
    context, page = offline_page(offline_browser, requests)
    try:
        page.goto(f"{url}/documents/{doc_id}")
        link = page.locator(f'a[href="/documents/{doc_id}/original"]')
        assert link.count() == 1
        page.goto(f"{url}/documents/{doc_id}/original")
        page.wait_for_timeout(500)
        assert "困难职工帮扶" in page.content()
        assert page.locator("html").get_attribute("data-pwned") is None
        assert page.locator("body").get_attribute("data-pwned") is None
        assert not [r for r in requests if "PWNED" in r]  # it never called the API
        assert page.evaluate("() => self.origin") == "null"  # a sandbox: not the site's origin
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
@pytest.mark.parametrize("path, ready", [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_api_docs_render_without_internet(site, offline_browser, path, ready):
    url, _ = site
    requests: list[str] = []
    context, page = offline_page(offline_browser, requests)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(url + path)
        page.wait_for_selector(ready, timeout=20000)
        assert "工会资料库 API" in page.locator(ready).first.inner_text()
        assert not [r for r in requests if not r.startswith(url)], "asked the internet"
        # (ReDoc's own logo from its CDN is blocked by the policy, and need not load)
        assert not [e for e in errors if "Content Security Policy" in e and "img-src" not in e], errors
    finally:
        context.close()
