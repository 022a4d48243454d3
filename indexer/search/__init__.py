"""Search over the Whoosh index. Every `import whoosh` of the product stays inside this package:
the web layer and the command line use only the names exported here."""

from ._backend import (
    MISSING,
    FacetValue,
    Hit,
    IndexBusyError,
    IndexMissingError,
    SchemaVersionError,
    SearchIndex,
    SearchRequest,
    SearchResult,
    normalize_request,
)
from ._highlight import Fragment, highlight, to_html
from ._query import QueryError, parse_query
from ._schema import SCHEMA_VERSION
from ._writer import BatchBuilder, IndexWriter


def open_index(settings, create: bool = False) -> SearchIndex:  # type: ignore[no-untyped-def]
    """The index in `settings.index_dir`; created empty when `create` and it does not exist."""
    return SearchIndex.open(settings, create=create)


__all__ = [
    "MISSING",
    "BatchBuilder",
    "SCHEMA_VERSION",
    "FacetValue",
    "Fragment",
    "Hit",
    "IndexBusyError",
    "IndexMissingError",
    "IndexWriter",
    "QueryError",
    "SchemaVersionError",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "highlight",
    "normalize_request",
    "open_index",
    "parse_query",
    "to_html",
]
