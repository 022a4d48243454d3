"""Reading W3 posting lists (Whoosh 3's segment format) straight from a segment's term index and
postings file, a block at a time, as arrays: for queries (one term) and merges (every term of a
field), without a Whoosh matcher per term."""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterator
from io import BytesIO
from pickle import load, loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as W3_BLOCK_MAGIC
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.system import pack_ushort

PostingList = tuple[np.ndarray, np.ndarray]  # document numbers (int64), weights (float64)

TERM_INFO = W3TermInfo._struct  # a term entry's head: flags, weight, doc frequency, lengths, ids
_LONG = struct.Struct("!q")
_INT = struct.Struct("!i")


def posting_list(leaf: Any, field: str, tbytes: bytes) -> PostingList | None:
    """The posting list of one term in a segment (a leaf reader), or None when it has none."""
    terms = leaf._terms
    fieldnum = terms._fieldmap.get(field)
    if fieldnum is None:
        return None
    entry = terms._tindex.get(pack_ushort(fieldnum) + tbytes)
    return None if entry is None else _entry_list(entry, terms._postfile)


def term_lists(leaf: Any, field: str) -> Iterator[tuple[bytes, np.ndarray, np.ndarray]]:
    """Every term of a field in a segment, in term order, with its posting list."""
    terms = leaf._terms
    fieldnum = terms._fieldmap.get(field)
    if fieldnum is None:
        return
    prefix = pack_ushort(fieldnum)
    postfile = terms._postfile
    for key, entry in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):
            return
        yield (key[2:], *_entry_list(entry, postfile))


def _entry_list(entry: bytes, postfile: Any) -> PostingList:
    head = TERM_INFO.size
    if entry[0]:  # inlined: (ids, weights, values) pickled in the term's entry
        ids, weights, _values = loads(entry[head:])
        return (np.asarray(ids, dtype=np.int64),
                np.asarray(weights, dtype=np.float64) if weights else np.ones(len(ids)))
    offset, = _LONG.unpack_from(entry, head)
    length, = _INT.unpack_from(entry, head + _LONG.size)
    return _block_lists(postfile.get(offset, length))


def _block_lists(data: bytes) -> PostingList:
    """The document numbers and weights of a W3 list of blocks (as W3LeafMatcher reads them).
    A block stores its first document number as it is and the others as differences; the first
    is made a difference to the last of the block before, so that one running sum gives all."""
    deltas, weights = array("q"), array("d")
    stream = BytesIO(data)
    position = len(W3_BLOCK_MAGIC)
    last_id = 0
    while True:
        size, = _INT.unpack_from(data, position)
        stream.seek(position + _INT.size)
        count, max_id, _maxweight, compression, _minlength, _maxlength = load(stream)
        start, position = stream.tell(), position + _INT.size + abs(size)
        raw = data[start:position]
        block_deltas, block_weights, _values = loads(zlib.decompress(raw) if compression else raw)
        first = len(deltas)
        deltas.extend(block_deltas)
        deltas[first] -= last_id
        last_id = max_id
        if block_weights is None or isinstance(block_weights, float):  # one weight for the block
            weights.extend(array("d", [1.0 if block_weights is None else block_weights]) * count)
        else:
            weights.extend(block_weights)
        if size < 0:
            return (np.cumsum(np.frombuffer(deltas, dtype=np.int64)),
                    np.frombuffer(weights, dtype=np.float64))
