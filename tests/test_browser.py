"""The site in a real browser (Debian's chromium driven by Playwright) against a real server:
search from the home page, narrow by a facet, open a document, copy its citation; phone-sized
screens and browsing without JavaScript. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "docs" / "screenshots"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(library):
    index, _ = library
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "webapp.cli", "serve", "--index", str(index.settings.index_dir), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode() if process.stdout else "server died") from None
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    yield page
    context.close()


def test_search_narrow_open_and_cite(page, server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # 1. search from the home page
    page.goto(server + "/")
    assert page.title() == "工会资料库"
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    page.fill("input[name=q]", "职工 权益")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    total_before = int(page.locator("p.total strong").inner_text())
    assert total_before > 1
    assert page.locator("ol.hits li.hit").count() == min(total_before, 10)
    assert page.locator("ol.hits mark").count() > 0
    # 2. narrow by a facet: the first province
    facet = page.locator("section.facet[data-facet=province] li a").first
    province = facet.inner_text().strip()
    facet.click()
    page.wait_for_load_state()
    assert parse_qs(urlparse(page.url).query)["province"] == [province]
    total_after = int(page.locator("p.total strong").inner_text())
    assert 0 < total_after < total_before
    assert page.locator(".chips a.chip").inner_text().startswith(f"省份：{province}")
    selected = page.locator("section.facet[data-facet=province] li.selected a")
    assert selected.inner_text().strip() == f"✓ {province}"
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
    # 3. open a document
    title = page.locator("ol.hits a.hit-title").first.inner_text()
    page.locator("ol.hits a.hit-title").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("article.document h1").inner_text() == title
    assert page.locator(".doc-text mark").count() > 0
    page.screenshot(path=str(SHOTS / "document.png"))
    # 4. copy its citation
    expected = page.locator("#cite-gbt").input_value()
    assert "[" in expected and expected.endswith(".")
    page.click("button.copy[data-target=cite-gbt]")
    page.wait_for_function("document.querySelector('button.copy[data-target=cite-gbt]').textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.click("button.copy[data-target=cite-short]")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cite-short").input_value()


def test_year_range_form(page, server):
    page.goto(server + "/search")
    page.fill("input[name=year_from]", "2008")
    page.fill("input[name=year_to]", "2012")
    page.click("form.year-range button")
    page.wait_for_load_state()
    years = {int(v.inner_text()) for v in page.locator("section.facet[data-facet=year] li a").all()}
    assert years and all(2008 <= y <= 2012 for y in years)


def test_readable_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    for path in ("/", "/search?q=%E5%B8%AE%E6%89%B6"):
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    page.locator("ol.hits a.hit-title").first.click()
    page.wait_for_url("**/documents/**")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.doc-text p')).fontSize)")
    assert size >= 15
    page.screenshot(path=str(SHOTS / "document-phone.png"))
    context.close()


def test_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/")
    page.fill("input[name=q]", "送温暖")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert int(page.locator("p.total strong").inner_text()) > 0
    page.locator("section.facet[data-facet=doctype] li a").first.click()
    page.wait_for_load_state()
    assert "doctype=" in page.url
    page.locator("ol.hits a.hit-title").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("#cite-gbt").input_value()  # the citation is there to select
    context.close()
