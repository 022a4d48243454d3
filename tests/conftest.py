from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import Article, Settings, process_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = {path.name[:3]: path for path in sorted(CORPUS.glob("0*.txt"))}


def articles_of(path: Path, settings: Settings | None = None) -> list[Article]:
    result = process_file(path, settings or Settings())
    assert result.refused is None, f"{path.name} refused: {result.refused}"
    return result.articles


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, list[Article]]:
    """The articles the pipeline finds in each of the five seed texts (keyed 000 … 004)."""
    return {key: articles_of(path) for key, path in SEEDS.items()}


@pytest.fixture(scope="session")
def heldout_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("heldout")


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory):
    """An index on disk of the sample library (corpus/) and the held-out documents, with every
    article it holds: (SearchIndex, [Article])."""
    from indexer.ingest import ingest
    from indexer.search import SearchRequest, open_index

    from .heldout import build_all

    root = tmp_path_factory.mktemp("library")
    build_all(root / "heldout")
    settings = Settings(index_dir=root / "index", workers=2)
    report = ingest([CORPUS, root / "heldout"], settings)
    assert not report.refused, report.refused
    index = open_index(settings)
    hits = index.search(SearchRequest(size=100)).hits
    return index, [index.get_article(hit.id) for hit in hits]


def needs(binary: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(binary) is None, reason=f"{binary} is not installed")
