"""The Whoosh schema, in one place, with the version stored beside the index."""

from __future__ import annotations

from pathlib import Path

from whoosh import columns, fields

from ..segment import DEFAULT_USERDICT
from .whoosh_types import EXACT, WordTokenizer

# Bump when fields or analysis change: an index made by another version must be rebuilt.
SCHEMA_VERSION = "gonghui-8"
VERSION_FILE = "SCHEMA_VERSION"

TITLE_BOOST = 3.0
WORD_FIELDS = ("title", "body")
EXACT_FIELDS = ("exact", "title_exact", "speaker", "issuer")
# The parts of the `plain` column, in this order, joined by PLAIN_SEPARATOR.
PLAIN_PARTS = ("title", "body", "speaker", "issuer")
PLAIN_SEPARATOR = "\x00"


def word_analyzer(userdict: Path | None = None) -> WordTokenizer:
    return WordTokenizer(str(userdict) if userdict and userdict != DEFAULT_USERDICT else None)


def build_schema(userdict: Path | None = None) -> fields.Schema:
    words = word_analyzer(userdict)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        source=fields.ID(stored=True),  # the file an article came from (absolute path)
        source_version=fields.ID(),  # path and SHA-256 of the file's indexed version (path\x1fsha)
        title=fields.TEXT(analyzer=words, phrase=False, field_boost=TITLE_BOOST),
        body=fields.TEXT(analyzer=words, phrase=False),
        exact=EXACT(),  # title and text
        title_exact=EXACT(),
        speaker=EXACT(),
        issuer=EXACT(),
        doc_number=fields.ID(stored=True),
        number_keys=fields.KEYWORD(commas=True),  # the document number as it may be typed (patterns.number_keys)
        # facets: one value per article (sortable columns), topics several
        year=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False),
        province=fields.ID(stored=True, sortable=True),
        city=fields.ID(stored=True, sortable=True),
        doctype=fields.ID(stored=True, sortable=True),
        level=fields.ID(stored=True, sortable=True),
        issuer_name=fields.ID(sortable=True),  # facets on who issued, who spoke, which book or collection
        speaker_name=fields.ID(sortable=True),
        source_name=fields.ID(sortable=True),
        topics=fields.KEYWORD(stored=True, commas=True),
        date=fields.ID(stored=True, sortable=True),  # ISO, as precise as known
        plain=fields.COLUMN(columns.VarBytesColumn()),  # what quotes are checked against (uncompressed: read often)
        record=fields.STORED(),  # the whole article (labels, text, source) as JSON
    )


def read_version(index_dir: Path) -> str | None:
    path = index_dir / VERSION_FILE
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def write_version(index_dir: Path) -> None:
    (index_dir / VERSION_FILE).write_text(SCHEMA_VERSION + "\n", encoding="utf-8")
