"""`gonghui serve`: build the index from the corpus when there is none yet, then serve the site."""

from __future__ import annotations

import sys

from indexer import Settings
from indexer.ingest import ingest
from indexer.search import IndexMissingError, SchemaVersionError, SearchIndex, open_index

from .app import create_app
from .console import ProgressPrinter, print_report


def ensure_index(settings: Settings) -> SearchIndex:
    """The index, built from the corpus folder first when it does not exist yet."""
    try:
        return open_index(settings)
    except IndexMissingError:
        print(f"索引 {settings.index_dir} 尚不存在，正在从 {settings.corpus_dir} 建立……", file=sys.stderr)
        report = ingest([settings.corpus_dir], settings, progress=ProgressPrinter())
        print_report(report)
        return open_index(settings)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    try:
        index = ensure_index(settings)
    except SchemaVersionError as error:
        print(str(error), file=sys.stderr)
        return 4
    print(f"工会资料库：共 {index.count()} 篇文章，访问 http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(create_app(settings, index), host=host, port=port, log_level="warning")
    return 0
