"""Labels on documents the rules were not written against (see tests/heldout.py)."""

from __future__ import annotations

import pytest

from .conftest import articles_of
from .heldout import HELDOUT, build_all


@pytest.fixture(scope="module")
def heldout(heldout_dir):
    return build_all(heldout_dir)


@pytest.mark.parametrize("name", [name for name, _build, _expected in HELDOUT])
def test_heldout_labels(name, heldout):
    path, expected = next((p, e) for p, e in heldout if p.name == name)
    (article,) = articles_of(path)
    for key, want in expected.items():
        if key == "topics_include":
            assert want in article.topics, (key, article.topics)
        elif key == "subtitle_contains":
            assert article.subtitle and want in article.subtitle, (key, article.subtitle)
        elif key == "url":
            assert article.source.url == want
        else:
            assert getattr(article, key) == want, (key, getattr(article, key), article.provenance.get(key))


def test_web_page_upload_date_is_kept_apart(heldout):
    path = next(p for p, _ in heldout if p.name == "gd_notice.html")
    (notice,) = articles_of(path)
    assert notice.date == "2018-12-20" and notice.provenance["date"] == "落款"
    assert notice.source.web_published and notice.source.web_published.startswith("2018-12-25")
    for boilerplate in ("浏览次数", "当前位置", "版权所有", "分享到", "ICP"):
        assert boilerplate not in notice.text


def test_chinese_numeral_date_in_signature(heldout):
    path = next(p for p, _ in heldout if p.name == "zj_opinion.pdf")
    (opinion,) = articles_of(path)
    assert opinion.text.endswith("二〇一五年三月六日")
    assert opinion.provenance["date"] == "落款"
