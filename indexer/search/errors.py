"""What can go wrong with an index, as exceptions whose message is the sentence to show."""

from __future__ import annotations


class IndexMissingError(RuntimeError):
    """There is no index in the folder (and none was to be created)."""


class SchemaVersionError(RuntimeError):
    """The index was made by another version (or cannot be read by this one): rebuild it."""


class IndexBusyError(RuntimeError):
    """Another writer holds the index."""
