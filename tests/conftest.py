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


def needs(binary: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(binary) is None, reason=f"{binary} is not installed")
