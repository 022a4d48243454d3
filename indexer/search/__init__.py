"""Search over the library's index. The web layer, the command line and the ingest use only the
names exported here; the engine (Whoosh, in the private modules `_*.py` and in whoosh_types.py,
whose classes an index pickles) stays behind the interface of engine.py."""

from .engine import Batch, BatchBuilder, Engine, Snapshot, Writer
from .errors import IndexBusyError, IndexMissingError, SchemaVersionError
from .facets import BY_PARAM, FACETS, MISSING, Facet
from .highlight import Fragment, highlight, to_html
from .index import EngineKind, SearchIndex, is_index_dir, open_index, register_engine
from .query import QueryError, parse_query
from .request import (
    MAX_PAGE,
    MISSING_YEAR,
    SORTS,
    YEAR_PATTERN,
    YEAR_RANGE,
    SearchRequest,
    parse_year,
    validate_request,
)
from .results import FacetValue, Hit, SearchResult, Suggestion

__all__ = [
    "BY_PARAM",
    "FACETS",
    "MAX_PAGE",
    "MISSING",
    "MISSING_YEAR",
    "SORTS",
    "YEAR_PATTERN",
    "YEAR_RANGE",
    "Batch",
    "BatchBuilder",
    "Engine",
    "EngineKind",
    "Facet",
    "FacetValue",
    "Fragment",
    "Hit",
    "IndexBusyError",
    "IndexMissingError",
    "QueryError",
    "SchemaVersionError",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "Snapshot",
    "Suggestion",
    "Writer",
    "highlight",
    "is_index_dir",
    "open_index",
    "parse_query",
    "parse_year",
    "register_engine",
    "to_html",
    "validate_request",
]
