"""The boundary between the search API (SearchIndex: requests, filters, facets, ranking, hits,
snippets, suggestions, all engine-neutral) and the engine that stores and matches articles.

An engine offers a `Snapshot` of its last commit for reading, and a `Writer` and `BatchBuilder`
for writing. Document numbers (`docnum`) are the snapshot's own, valid while it lives; everything
that crosses the boundary is plain data or numpy arrays. The Whoosh engine (indexer/search/
_whoosh.py and the private modules beside it) implements this; tests implement it again over a
Python dict to show that nothing above depends on Whoosh."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, Self

import numpy as np

from ..models import Article
from .query import ParsedQuery

Matches = tuple[np.ndarray, np.ndarray]  # document numbers (sorted, unique) and their scores

# the columns a snapshot gives for facets and sorting, one value per document ("" or None when
# the article lacks the label)
COLUMNS = ("year", "date", "province", "city", "doctype", "level", "issuer_name", "speaker_name", "source_name")


class Snapshot(Protocol):
    """A consistent view of one commit."""

    @property
    def generation(self) -> int:
        """A number that changes with every commit: the key of what is kept per commit."""

    @property
    def size(self) -> int:
        """How many document numbers there are (deleted ones included)."""

    def live(self) -> np.ndarray:
        """Which document numbers hold an article (bool array of `size`)."""

    def column(self, name: str) -> Sequence[Any]:
        """The values of one of COLUMNS for every document number."""

    def topics(self) -> dict[str, np.ndarray]:
        """Each topic present with the document numbers that have it."""

    def match(self, query: ParsedQuery, also: Mapping[str, Matches] | None = None) -> Matches:
        """The live documents matching a parsed query, with relevance scores. `also`: documents
        that match a word clause besides those the engine finds, by the clause's text, with their
        scores (the articles of a speaker or a body the word names, found above the engine)."""

    def near_match(self, text: str) -> Matches:
        """Documents holding `text` when punctuation, spacing and full/half width are ignored."""

    def body_form(self, docnum: int) -> str:
        """The body of a document as it is searched (search form, white space left out)."""

    def record(self, docnum: int) -> dict[str, Any]:
        """The stored article (Article.to_dict()) of a document number."""

    def docnum(self, article_id: str) -> int | None:
        """The document number of an article, or None."""

    def similar(self, docnum: int, terms: list[str]) -> Matches:
        """Documents that share the given words with a document, scored."""

    def sources(self) -> dict[str, str]:
        """Every indexed file's key with the SHA-256 of its indexed version."""

    def word_frequency(self, word: str) -> int:
        """In how many documents `word` stands as a word (title or body, the larger)."""

    def words_starting(self, prefix: str) -> Iterable[str]:
        """The words of the library (title or body) that begin with `prefix`."""


@dataclass
class Batch:
    """Articles of whole files written by a BatchBuilder: `payload` is the engine's own (opaque
    above it, picklable), `sources` the files it holds (key, SHA-256, articles)."""

    payload: Any
    sources: list[tuple[str, str, int]] = field(default_factory=list)


class Writer(Protocol):
    """The one writer of an index for an ingest run (a lock held from creation to close)."""

    failed: bool

    def add_batch(self, batch: Batch) -> None:
        """A batch written by a BatchBuilder, and the deletions of its files' old articles."""

    def remove_source(self, key: str) -> None: ...

    def commit(self, clean: bool = False) -> None: ...

    def cancel(self) -> None: ...

    def abandon(self) -> None:
        """After a failed commit: forget and remove what was not committed, writing nothing."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None: ...


class BatchBuilder(Protocol):
    """Whole files' articles into one batch, built in a worker process."""

    @property
    def articles(self) -> int: ...

    @property
    def sources(self) -> list[tuple[str, str, int]]: ...

    def prepare(self, articles: list[Article], key: str, sha: str) -> list[Any]: ...

    def add(self, prepared: list[Any], key: str, sha: str) -> None: ...

    def flush(self) -> Batch:
        """The batch for Writer.add_batch (its payload None when empty)."""

    def abort(self) -> None: ...


class Engine(Protocol):
    def reading(self) -> AbstractContextManager[Snapshot]:
        """A view of the last commit, used by one search for the length of the block."""

    def writer(self, wait_s: float = 0.0) -> Writer: ...

    def batch_builder(self) -> BatchBuilder: ...

    def close(self) -> None: ...
