"""The seed texts printed to PDF (one and two columns, running headers, page numbers), saved as
Word files (and printed from Word by LibreOffice), and encoded as GB18030, Big5, UTF-16 and
UTF-8 with BOM give the same articles and labels as the plain texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import Article
from indexer.clean import to_simplified

from .conftest import SEEDS, articles_of, needs
from .producers import encodings_of, libreoffice_to_pdf, render_docx, render_pdf

VARIANTS = ["pdf-1col", "pdf-2col", "docx", "gb18030", "big5", "utf-16", "utf-16-le-nobom", "utf-8-sig"]


def projection(articles: list[Article]) -> list[tuple[object, ...]]:
    return [
        (
            to_simplified(a.title).replace(" ", ""), a.doctype, a.date, a.year, a.province, a.city, a.speaker,
            a.issuer, a.doc_number, tuple(a.topics),
        )
        for a in articles
    ]


@pytest.fixture(scope="module")
def variant_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("variants")
    files: dict[tuple[str, str], Path] = {}
    for key, seed in SEEDS.items():
        text = seed.read_text(encoding="utf-8")
        files[key, "pdf-1col"] = render_pdf(text, folder / f"{key}-1col.pdf", columns=1)
        files[key, "pdf-2col"] = render_pdf(text, folder / f"{key}-2col.pdf", columns=2)
        files[key, "docx"] = render_docx(text, folder / f"{key}.docx")
        for name, data in encodings_of(text).items():
            path = folder / f"{key}-{name}.txt"
            path.write_bytes(data)
            files[key, name] = path
    return files


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_same_articles_and_labels(seed: str, variant: str, variant_files, seed_articles):
    assert projection(articles_of(variant_files[seed, variant])) == projection(seed_articles[seed])


def test_pdf_pages_are_recorded(variant_files):
    from pdfminer.high_level import extract_pages

    path = variant_files["004", "pdf-2col"]
    pages = sum(1 for _ in extract_pages(path))
    assert pages >= 2
    (opinion,) = articles_of(path)
    assert opinion.source.page_basis == "PDF" and opinion.source.pages == (1, pages)
    speeches = articles_of(variant_files["002", "pdf-1col"])
    starts = [a.source.pages[0] for a in speeches]
    assert starts == sorted(starts) and starts[0] == 1 and starts[-1] > 1


def test_running_headers_and_page_numbers_are_dropped(variant_files):
    for seed in SEEDS:
        for article in articles_of(variant_files[seed, "pdf-2col"]):
            assert "工会工作资料" not in article.text  # the running header
            assert "- 1 -" not in article.text and "- 2 -" not in article.text


def test_two_columns_read_in_order(variant_files, seed_articles):
    (plain,) = seed_articles["004"]
    (printed,) = articles_of(variant_files["004", "pdf-2col"])
    assert printed.paragraphs == plain.paragraphs


@pytest.mark.slow
@needs("soffice")
def test_word_files_printed_by_libreoffice(variant_files, seed_articles, tmp_path):
    pdfs = libreoffice_to_pdf([variant_files[seed, "docx"] for seed in sorted(SEEDS)], tmp_path)
    for seed, pdf in zip(sorted(SEEDS), pdfs, strict=True):
        assert projection(articles_of(pdf)) == projection(seed_articles[seed]), seed
