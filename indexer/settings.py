"""The one settings object of the product, passed explicitly to every stage that needs it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def sample_corpus_dir() -> Path:
    """The sample library: corpus/ of the source tree, installed with the package as
    gonghui_samples (so that `gonghui serve` works from any folder)."""
    try:
        import gonghui_samples

        return Path(next(iter(gonghui_samples.__path__)))
    except (ImportError, StopIteration):
        return Path(__file__).resolve().parent.parent / "corpus"


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, as a container or taskset limits it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def default_index_dir() -> Path:
    """$GONGHUI_HOME/index, else the user's data folder (XDG): never the working directory."""
    home = os.environ.get("GONGHUI_HOME")
    if home:
        return Path(home).expanduser() / "index"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "gonghui" / "index"


class ConfigError(ValueError):
    """A setting that cannot work (a missing taxonomy, a folder that is not an index): named
    before any file is read."""


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = field(default_factory=sample_corpus_dir)
    index_dir: Path = field(default_factory=default_index_dir)
    # search: the engine behind indexer/search/engine.py ("whoosh"; others are registered with
    # indexer.search.register_engine)
    engine: str = "whoosh"
    page_size: int = 10
    max_page_size: int = 100
    max_query_chars: int = 200
    # labelling data that users may edit
    taxonomy_path: Path = DATA_DIR / "topics.toml"
    userdict_path: Path = DATA_DIR / "userdict.txt"
    # ingest limits: one odd file must never stop or stall a run
    max_file_bytes: int = 200 * 1024 * 1024
    max_unzipped_bytes: int = 300 * 1024 * 1024
    file_timeout_s: float = 120.0
    worker_memory_bytes: int = 2 * 1024 * 1024 * 1024
    ocr: bool = True
    ocr_timeout_s: float = 600.0
    workers: int = field(default_factory=lambda: max(1, min(4, available_cpus())))
    # articles per segment written by one worker (at most this many per worker lost in a crash);
    # None: chosen per run, see workers.BatchSize
    batch_size: int | None = None

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed; paths (str or Path) made absolute, so that what they
        name does not change with the working directory."""
        fixed = {k: Path(v).expanduser().absolute() if k.endswith(("_dir", "_path")) and isinstance(v, str | Path) else v
                 for k, v in changes.items()}
        return replace(self, **fixed)  # type: ignore[arg-type]
