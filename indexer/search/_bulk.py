"""Writing Whoosh segments in bulk.

Whoosh's own writer sends every posting through a sorting pool and a per-posting length lookup:
about 15-20 µs a posting here, which made indexing slower than segmenting. This module writes the
same segment format through Whoosh's codec (per-document writer for stored fields, columns and
lengths; field writer for terms and postings) from postings gathered in memory for a batch of
documents, and commits new segments (with deletions) by writing a new table of contents, which is
atomic: readers see the old state until the new TOC is there. Small segments are merged the same
way so that their number stays bounded."""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pickle import dumps
from typing import Any

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as W3_BLOCK_MAGIC
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, clean_files
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from ..segment import Segmenter
from ._schema import EXACT_FIELDS, WORD_FIELDS
from ._w3 import TERM_INFO as _TERM_INFO
from ._w3 import term_lists
from .analysis import compact_form, key_codes, key_text, word_counts

BUILD_TEMP_PREFIX = "build-"
# Merge policy. More than MAX_SEGMENTS after a commit: the smallest segments are merged, as many
# (2 to MERGE_FACTOR) as fit in MAX_MERGED_DOCS (a merge holds a segment's postings in memory: about
# 1 GB at 5,000 articles). Batches of 1,000 articles are merged five at a time, once, and a
# merged segment is left alone, so an archive built in small batches is copied once, not again
# and again. A large import writes larger batches (see workers.BatchSize) that need no merge at
# all; segments of more than half of MAX_MERGED_DOCS are never merged, so the number of segments
# grows with the archive beyond about 16 x 3,000 articles.
MAX_SEGMENTS = 16
MERGE_FACTOR = 5
MAX_MERGED_DOCS = 5_000


_FREQUENCIES = [pack_uint(n) for n in range(256)]


def _frequency(count: int) -> bytes:
    """Whoosh's Frequency format value of a posting."""
    return _FREQUENCIES[count] if count < 256 else pack_uint(count)


@dataclass
class PreparedDoc:
    """One document analysed and ready to be filed into a segment."""

    fields: list[tuple[str, Any, Any, int, Any]]  # name, field, stored value, length, column value
    postings: list[tuple[str, list[tuple[bytes, float, bytes]]]]  # fields with few terms (ids, facets)
    words: list[tuple[str, list[str], np.ndarray]]  # word fields: the document's distinct words, their counts
    keys: list[tuple[str, np.ndarray]]  # exact fields: the document's distinct key codes


class Compact(str):
    """A text already in compact form (see analysis.compact_form)."""


class _FieldOutput:
    """The postings and term entries of one field, gathered in memory and written at the end with
    one write each: what W3FieldWriter and its OrderedHashWriter term index write, without a call
    per block and per term."""

    def __init__(self, writer: Any):
        self.postfile = writer._postwriter._postfile
        self.base = self.postfile.tell()
        self.postings = bytearray()
        self.tindex = writer._tindex
        self.prefix = pack_ushort(writer._fieldid)
        self.entries: list[tuple[bytes, bytes]] = []

    def tell(self) -> int:
        return self.base + len(self.postings)

    def block(self, info: bytes, data: bytes, last: bool) -> None:
        size = len(info) + len(data)
        self.postings += pack_int(-size if last else size)
        self.postings += info
        self.postings += data

    def term(self, text: bytes, entry: bytes) -> None:
        self.entries.append((self.prefix + text, entry))

    def flush(self) -> None:
        """Write what was gathered so far (the terms in order after any flushed before)."""
        self.postfile.write(bytes(self.postings))
        self.base = self.postfile.tell()
        self.postings = bytearray()
        tindex = self.tindex
        dbfile = tindex.dbfile
        position = dbfile.tell()
        out = bytearray()
        for key, value in self.entries:  # OrderedHashWriter.add, key after key
            if key <= tindex.lastkey:
                raise ValueError(f"terms out of order: {tindex.lastkey!r}..{key!r}")
            tindex.index.append(position + len(out))
            hashed = tindex.hashfn(key)
            tindex.buckets[hashed & 255].append((hashed, position + len(out)))
            out += _HASH_LENGTHS.pack(len(key), len(value))
            out += key
            out += value
            tindex.lastkey = key
        dbfile.write(bytes(out))
        self.entries = []

    close = flush


def _inverted(keys: np.ndarray, docnums: np.ndarray, limit: int
              ) -> tuple[np.ndarray, list[int], list[int], np.ndarray, np.ndarray]:
    """Postings sorted by term key (stably: documents stay in the order they were added): the
    order, where each term's list starts and ends, each posting's document number as W3 blocks
    store it (the first of a block as it is, the others as the difference to the one before), and
    where each block starts."""
    order = np.argsort(keys, kind="stable")
    keys, docnums = keys[order], docnums[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    ends = np.append(starts[1:], len(keys))
    within = np.arange(len(keys)) - np.repeat(starts, ends - starts)  # a posting's place in its list
    block_start = within % limit == 0
    deltas = np.where(block_start, docnums, docnums - np.roll(docnums, 1))
    return order, starts.tolist(), ends.tolist(), deltas, np.flatnonzero(block_start)


def _write_key_postings(writer: Any, codes: np.ndarray, docnums: np.ndarray) -> None:
    """The postings of an exact field (Existence format), one per (key code, document number),
    written as Whoosh's W3 field writer writes them (short lists inline in the term's entry,
    longer ones as blocks of delta-coded document numbers, uncompressed). One stable sort inverts
    the codes, whose order is the keys' byte order, as the term file wants; the documents of a
    key must come in increasing order in the input."""
    if not len(codes):
        return
    limit = writer._postwriter._blocklimit
    order, starts, ends, deltas, _blocks = _inverted(codes, docnums, limit)
    sorted_docs = docnums[order]
    term_codes = codes[order[starts]].tolist()
    out = _FieldOutput(writer)
    for first_term, end_term in _term_chunks(starts, ends, _CHUNK_POSTINGS):
        # a chunk of terms at a time as Python lists (a merge can hold tens of millions of keys)
        base = starts[first_term]
        all_docs = sorted_docs[base:ends[end_term - 1]].tolist()
        all_deltas = deltas[base:ends[end_term - 1]].tolist()
        for term in range(first_term, end_term):
            start, end = starts[term] - base, ends[term] - base
            count = end - start
            first, last = all_docs[start], all_docs[end - 1]
            if count <= INLINE_LIMIT:
                entry = _TERM_INFO.pack(True, float(count), count, 0, 0, 1.0, first, last) + dumps(
                    (tuple(all_docs[start:end]), _ONES_TUPLE[:count], ()), 2)
            else:
                offset = out.tell()
                out.postings += W3_BLOCK_MAGIC
                for block in range(start, end, limit):
                    block_end = min(end, block + limit)
                    out.block(dumps((block_end - block, all_docs[block_end - 1], 1.0, 0, 0, 0), 2),
                              dumps((tuple(all_deltas[block:block_end]), None, None), 2), block_end == end)
                entry = (_TERM_INFO.pack(False, float(count), count, 0, 0, 1.0, first, last)
                         + pack_long(offset) + pack_int(out.tell() - offset))
            out.term(key_text(term_codes[term]).encode("utf-8"), entry)
        out.flush()


_CHUNK_POSTINGS = 2_000_000


def _term_chunks(starts: list[int], ends: list[int], size: int) -> Iterator[tuple[int, int]]:
    """Ranges of consecutive terms holding about `size` postings each (at least one term)."""
    first = 0
    while first < len(starts):
        end = max(first + 1, bisect_right(ends, starts[first] + size, lo=first))
        yield first, end
        first = end


def _write_word_postings(writer: Any, words: list[str], numbers: np.ndarray, docnums: np.ndarray,
                         counts: np.ndarray, lengths: np.ndarray, boost: float) -> None:
    """The postings of a word field (Frequency format: weight = count × field boost, value = the
    count), one per (word number, document number, count), written as Whoosh's W3 field writer
    writes them, with the same block and term statistics (lengths of the documents in a block,
    highest weight). Deltas, weights and statistics are computed for all blocks at once. The
    documents of a word must come in increasing order in the input."""
    if not len(numbers):
        return
    encoded = [w.encode("utf-8") for w in words]
    by_rank = sorted(range(len(encoded)), key=encoded.__getitem__)
    rank = np.empty(len(encoded), dtype=np.int64)
    rank[by_rank] = np.arange(len(encoded))
    terms = [encoded[i] for i in by_rank]
    limit = writer._postwriter._blocklimit
    order, starts, ends, deltas, block_starts = _inverted(rank[numbers], docnums, limit)
    keys, docnums = rank[numbers][order], docnums[order]
    counts = counts[order]
    weights = (counts * boost).astype(np.float32)
    doc_lengths = lengths[docnums]
    block_max_weight = np.maximum.reduceat(weights, block_starts).astype(np.float64).tolist()
    block_min_weight = np.minimum.reduceat(weights, block_starts).tolist()
    block_min_length = np.minimum.reduceat(doc_lengths, block_starts).tolist()
    block_max_length = np.maximum.reduceat(doc_lengths, block_starts).tolist()
    values = counts.astype(">u4").tobytes()
    all_docs, all_deltas, all_weights = docnums.tolist(), deltas.tolist(), weights.tolist()
    compression = writer._postwriter._compression
    out = _FieldOutput(writer)
    block = 0  # the number of the term's first block
    for start, end, key in zip(starts, ends, keys[starts].tolist(), strict=True):
        count = end - start
        first_block, block = block, block + -(-count // limit)
        head = (sum(all_weights[start:end]), count, length_to_byte(min(block_min_length[first_block:block])),
                length_to_byte(max(block_max_length[first_block:block])), max(block_max_weight[first_block:block]),
                all_docs[start], all_docs[end - 1])
        if count <= INLINE_LIMIT:
            entry = _TERM_INFO.pack(True, *head) + dumps(
                (tuple(all_docs[start:end]), tuple(all_weights[start:end]),
                 tuple(values[4 * i:4 * i + 4] for i in range(start, end))), 2)
        else:
            offset = out.tell()
            out.postings += W3_BLOCK_MAGIC
            for number, block_start in enumerate(range(start, end, limit), start=first_block):
                block_end = min(end, block_start + limit)
                first_weight = all_weights[block_start]
                same = block_max_weight[number] == block_min_weight[number]
                mini_weights = (None if first_weight == 1.0 else first_weight) if same else \
                    tuple(all_weights[block_start:block_end])
                data = zlib.compress(dumps((tuple(all_deltas[block_start:block_end]), mini_weights,
                                            values[4 * block_start:4 * block_end]), 2), compression)
                info = dumps((block_end - block_start, all_docs[block_end - 1], block_max_weight[number], compression,
                              length_to_byte(block_min_length[number]), length_to_byte(block_max_length[number])), 2)
                out.block(info, data, block_end == end)
            entry = _TERM_INFO.pack(False, *head) + pack_long(offset) + pack_int(out.tell() - offset)
        out.term(terms[key], entry)
    out.close()


_HASH_LENGTHS = struct.Struct("!ii")  # filetables._lengths: a term entry's key and value sizes
_ONES_TUPLE = (1.0,) * 64


class SegmentBuilder:
    """Collects a batch of documents and writes them as one new segment of the index."""

    def __init__(self, ix: Index, segmenter: Segmenter):
        self._ix = ix
        self.schema = ix.schema
        self._segmenter = segmenter
        self._codec = W3Codec(compression=1)  # block compression level 1: level 3 gains little, costs more
        self._segment: Any = None
        self._storage: _OwnTempStorage | None = None
        self._perdoc: Any = None
        self._postings: dict[str, dict[bytes, Any]] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        # exact fields: key codes and their documents, in parts
        self._keys: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
        self._terms: dict[str, dict[str, int]] = {}  # word fields: word -> its number in this batch
        # word fields: word numbers, their documents and counts, in parts
        self._words: dict[str, tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]] = {}
        self.doc_count = 0
        # every column field gets a value in every document (its default where the document has
        # none), so that every segment has a file for every column: Whoosh's multi-segment column
        # reader skips a segment without one and the columns no longer line up with the documents
        self._column_defaults = {name: field.column_type.default_value() for name, field in self.schema.items()
                                 if field.column_type is not None}

    def _start(self) -> None:
        self._segment = self._codec.new_segment(self._ix.storage, self._ix.indexname)
        self._storage = _OwnTempStorage(self._ix.storage.folder, f"{BUILD_TEMP_PREFIX}{self._segment.segment_id()}.tmp")
        self._perdoc = self._codec.per_document_writer(self._storage, self._segment)

    def prepare(self, doc: dict[str, Any]) -> PreparedDoc:
        """The analysis of a document (the costly part), touching nothing of the segment."""
        prepared = PreparedDoc([], [], [], [])
        for name in sorted(doc):
            value = doc[name]
            if value is None:
                continue
            field = self.schema[name]
            length = 0
            if field.indexed:
                if name in EXACT_FIELDS:
                    prepared.keys.append((name, key_codes(value if isinstance(value, Compact) else compact_form(value))))
                elif name in WORD_FIELDS:
                    counts = word_counts(value, self._segmenter)
                    frequencies = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
                    prepared.words.append((name, list(counts), frequencies))
                    length = int(frequencies.sum())
                else:
                    items, length = self._items(field, value)
                    length = length if field.scorable else 0
                    prepared.postings.append((name, items))
            column = field.to_column_value(value) if field.column_type is not None else None
            prepared.fields.append((name, field, value if field.stored else None, length, column))
        given = {name for name, *_rest in prepared.fields}
        for name, default in self._column_defaults.items():
            if name not in given:
                prepared.fields.append((name, self.schema[name], None, 0, default))
        return prepared

    @staticmethod
    def _items(field: Any, value: Any) -> tuple[list[tuple[bytes, float, bytes]], int]:
        items, length = [], 0
        for tbytes, freq, weight, vbytes in field.index(value):
            items.append((tbytes, weight, vbytes))
            length += freq
        return items, length

    def add_prepared(self, doc: PreparedDoc) -> None:
        if self._segment is None:
            self._start()
        docnum = self.doc_count
        perdoc = self._perdoc
        perdoc.start_doc(docnum)
        for name, field, stored, length, column in doc.fields:
            perdoc.add_field(name, field, stored, length)
            if length and field.scorable:
                self._lengths.setdefault(name, {})[docnum] = byte_to_length(length_to_byte(length))
            if column is not None:
                perdoc.add_column_value(name, field.column_type, column)
        perdoc.finish_doc()
        for name, items in doc.postings:
            postings = self._postings.setdefault(name, {})
            for tbytes, weight, vbytes in items:
                _append(postings, tbytes, docnum, weight, vbytes)
        for name, words, frequencies in doc.words:
            terms = self._terms.setdefault(name, {})
            for word in [w for w in words if w not in terms]:  # words are distinct
                terms[word] = len(terms)
            numbers = np.fromiter(map(terms.__getitem__, words), dtype=np.int64, count=len(words))
            self.add_word_postings(name, numbers, np.full(len(numbers), docnum, dtype=np.int32), frequencies)
        for name, codes in doc.keys:
            self.add_key_postings(name, codes, np.full(len(codes), docnum, dtype=np.int32))
        self.doc_count += 1

    def add_document(self, doc: dict[str, Any]) -> None:
        self.add_prepared(self.prepare(doc))

    def add_raw(self, stored: dict[str, Any], columns: dict[str, Any], lengths: dict[str, int]) -> int:
        """A document copied from another segment: its stored fields, column values and lengths
        (postings are added with add_posting). Returns its new number."""
        if self._segment is None:
            self._start()
        docnum = self.doc_count
        self._perdoc.start_doc(docnum)
        names = set(stored) | set(columns) | set(lengths)
        for name in sorted(names):
            field = self.schema[name]
            length = lengths.get(name, 0)
            self._perdoc.add_field(name, field, stored.get(name), length)
            if length:
                self._lengths.setdefault(name, {})[docnum] = length
            if name in columns and field.column_type is not None:
                self._perdoc.add_column_value(name, field.column_type, columns[name])
        self._perdoc.finish_doc()
        self.doc_count += 1
        return docnum

    def add_posting(self, name: str, tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        """A posting of a field that is neither a word nor an exact field."""
        _append(self._postings.setdefault(name, {}), tbytes, docnum, weight, vbytes)

    def add_key_postings(self, name: str, codes: np.ndarray, docnums: np.ndarray) -> None:
        """Postings of an exact field: key codes (see analysis.key_codes) and their documents."""
        parts = self._keys.setdefault(name, ([], []))
        parts[0].append(codes)
        parts[1].append(docnums)

    def add_word_postings(self, name: str, numbers: np.ndarray, docnums: np.ndarray, counts: np.ndarray) -> None:
        """Postings of a word field: word numbers (see word_number), their documents and counts."""
        parts = self._words.setdefault(name, ([], [], []))
        parts[0].append(numbers)
        parts[1].append(docnums)
        parts[2].append(counts)

    def word_number(self, name: str, word: str) -> int:
        terms = self._terms.setdefault(name, {})
        return terms.setdefault(word, len(terms))

    def finish(self) -> Any:
        """Write the postings and return the new segment (None when no document was added)."""
        if self._segment is None:
            return None
        self._perdoc.close()
        self._remove_temp()
        writer = self._codec.field_writer(self._ix.storage, self._segment)
        for name in sorted(set(self._postings) | set(self._keys) | set(self._words)):
            field = self.schema[name]
            writer.start_field(name, field)
            if name in self._keys:
                codes, key_docs = self._keys.pop(name)  # (the parts are let go as soon as joined)
                _write_key_postings(writer, np.concatenate(codes), np.concatenate(key_docs))
                writer.finish_field()
                continue
            if name in self._words:
                doc_lengths = np.zeros(self.doc_count, dtype=np.int64)
                for docnum, length in self._lengths.get(name, {}).items():
                    doc_lengths[docnum] = length
                numbers, word_docs, counts = (np.concatenate(parts) for parts in self._words.pop(name))
                _write_word_postings(writer, list(self._terms[name]), numbers, word_docs, counts, doc_lengths,
                                     field.format.field_boost)
                writer.finish_field()
                continue
            postings = self._postings[name]
            lengths = self._lengths.get(name, {})
            for tbytes in sorted(postings):
                writer.start_term(tbytes)
                docnums, weights, values = postings[tbytes]
                _write_term(writer._postwriter, docnums, weights, values, [lengths.get(d, 0) for d in docnums])
                if len(docnums) <= INLINE_LIMIT:
                    _finish_term_inline(writer)
                else:
                    _finish_term_blocks(writer)
            writer.finish_field()
        writer.close()
        segment = self._segment
        segment.set_doc_count(self.doc_count)
        self._segment = self._perdoc = None
        self._clear()
        return segment

    def abort(self) -> None:
        if self._perdoc is not None:
            with contextlib.suppress(Exception):
                self._perdoc.close()
        self._remove_temp()
        self._segment = self._perdoc = None
        self._clear()

    def _clear(self) -> None:
        self._postings.clear()
        self._lengths.clear()
        self._keys.clear()
        self._terms.clear()
        self._words.clear()
        self.doc_count = 0


    def _remove_temp(self) -> None:
        if self._storage is not None:
            shutil.rmtree(self._storage.temp_folder, ignore_errors=True)
            self._storage = None


class _OwnTempStorage(FileStorage):
    """The index's folder, with a temporary folder of this builder's own. (Whoosh puts every
    writer's temporary files in one `<index>.tmp` folder, and its writer empties and removes that
    folder when it finishes: a commit in the parent would pull the column files of a segment a
    worker is writing from under its feet.)"""

    def __init__(self, folder: str, temp_name: str):
        super().__init__(folder)
        self.temp_folder = os.path.join(folder, temp_name)

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return FileStorage(self.temp_folder).create()


def remove_build_temp(folder: str) -> None:
    """Temporary folders that builders of crashed processes left behind (call only when no
    builder is at work: at the end of an ingest run, under its lock)."""
    for entry in os.listdir(folder):
        if entry.startswith(BUILD_TEMP_PREFIX) and entry.endswith(".tmp"):
            shutil.rmtree(os.path.join(folder, entry), ignore_errors=True)


def remove_uncommitted(ix: Index) -> None:
    """What a failed run left: files of segments in no table of contents, tables of contents
    half written, builders' temporary folders. Writes nothing, so it works on a full disk (call
    only when no builder is at work)."""
    storage = ix.storage
    toc = TOC.read(storage, ix.indexname)
    clean_files(storage, ix.indexname, toc.generation, toc.segments)
    for name in os.listdir(storage.folder):
        if name.startswith(f"_{ix.indexname}_") and ".toc." in name:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(storage.folder, name))
    remove_build_temp(storage.folder)


def _append(postings: dict[bytes, Any], tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
    entry: tuple[list[int], list[float], list[bytes]] | None = postings.get(tbytes)
    if entry is None:
        entry = postings[tbytes] = ([], [], [])
    entry[0].append(docnum)
    entry[1].append(weight)
    entry[2].append(vbytes)


def _write_term(postwriter: Any, docnums: list[int], weights: list[float], values: list[bytes],
                lengths: list[int]) -> None:
    """A term's postings into Whoosh's W3 postings writer a block at a time: the blocks it would
    write posting by posting, written directly (same layout, same block statistics), and the last
    block (or the only one) left in its buffer for the term's finish."""
    limit = postwriter._blocklimit
    count = len(docnums)
    for start in range(0, count, limit):
        end = min(count, start + limit)
        postwriter._ids = array("I", docnums[start:end])
        chunk = weights[start:end]
        postwriter._weights = array("f", chunk)
        postwriter._maxweight = max(chunk)
        # (add_posting keeps only non-empty values: formats without values store none)
        postwriter._values = [v for v in values[start:end] if v]
        positive = [n for n in lengths[start:end] if n]
        postwriter._minlength = min(positive) if positive else None
        postwriter._maxlength = max(positive) if positive else 0
        if end < count:
            _write_block(postwriter)


def _write_block(postwriter: Any, last: bool = False) -> None:
    """W3PostingsWriter._write_block, with the ids delta-encoded in one pass."""
    if not postwriter._blockcount:
        postwriter._postfile.write(W3_BLOCK_MAGIC)
    postwriter._terminfo.add_block(postwriter)
    ids = postwriter._ids
    deltas = [ids[0], *map(int.__sub__, ids[1:], ids[:-1])]
    weights = postwriter._weights
    first = weights[0]
    mini_weights = (None if first == 1.0 else first) if weights.count(first) == len(weights) else tuple(weights)
    values = postwriter._values
    fixed = postwriter._format.fixed_value_size()
    mini_values = tuple(values) if fixed is None or fixed < 0 else None if fixed == 0 else b"".join(values)
    data = dumps((tuple(deltas), mini_weights, mini_values), 2)
    comp = postwriter._compression
    if comp:
        data = zlib.compress(data, comp)
    info = dumps((len(ids), ids[-1], postwriter._maxweight, comp, length_to_byte(postwriter._minlength),
                  length_to_byte(postwriter._maxlength)), 2)
    postfile = postwriter._postfile
    postfile.write_int(-(len(info) + len(data)) if last else len(info) + len(data))
    postfile.write(info)
    postfile.write(data)
    postwriter._blockcount += 1
    postwriter._new_block()


def _finish_term_blocks(writer: Any) -> None:
    """W3FieldWriter.finish_term (W3PostingsWriter.finish_postings) for a list of blocks."""
    postwriter = writer._postwriter
    terminfo = postwriter._terminfo
    if postwriter._ids:
        _write_block(postwriter, last=True)
    start = postwriter._startoffset
    terminfo.set_extent(start, postwriter._postfile.tell() - start)
    postwriter._terminfo = None
    writer._tindex.add(pack_ushort(writer._fieldid) + writer._btext, terminfo.to_bytes())


def _finish_term_inline(writer: Any) -> None:
    """W3FieldWriter.finish_term for a short posting list held in the block buffer: stored in the
    term's entry rather than as a block (Whoosh reads them so, but its writer's own path to write
    them calls a method W3TermInfo does not have)."""
    postwriter = writer._postwriter
    terminfo = postwriter._terminfo
    terminfo.add_block(postwriter)
    terminfo.set_inlined(postwriter._ids, postwriter._weights, postwriter._values)
    postwriter._terminfo = None
    writer._tindex.add(pack_ushort(writer._fieldid) + writer._btext, terminfo.to_bytes())


INLINE_LIMIT = 8


def merge_segments(ix: Index, segments: list[Any], segmenter: Segmenter) -> Any:
    """One segment holding the live documents of `segments`: documents copied one by one, the
    postings of the word and exact fields a whole field of a segment at a time."""
    from whoosh.reading import SegmentReader

    builder = SegmentBuilder(ix, segmenter)
    schema = ix.schema
    column_fields = [name for name, field in schema.items() if field.column_type is not None]
    scorable = [name for name, field in schema.items() if field.scorable]
    indexed = [name for name, field in schema.items() if field.indexed]
    for segment in segments:
        reader = SegmentReader(ix.storage, schema, segment)
        try:
            remap = np.full(reader.doc_count_all(), -1, dtype=np.int64)
            # (a segment without a column's file reads as the column's default: such segments,
            # written by gonghui-7 for a batch without any year, are mended by the merge)
            columns = {name: reader.column_reader(name, translate=False) for name in column_fields}
            for docnum in reader.all_doc_ids():
                stored = reader.stored_fields(docnum)
                values = {name: column[docnum] for name, column in columns.items()}
                lengths = {name: reader.doc_field_length(docnum, name, 0) for name in scorable}
                remap[docnum] = builder.add_raw(stored, values, {k: v for k, v in lengths.items() if v})
            for name in indexed:
                _copy_postings(builder, reader, name, remap)
        finally:
            reader.close()
    return builder.finish()


def _copy_postings(builder: SegmentBuilder, reader: Any, name: str, remap: np.ndarray) -> None:
    """The postings of one field of a segment into `builder`, documents renumbered by `remap`
    (-1: deleted, left out)."""
    field = builder.schema[name]
    if name not in EXACT_FIELDS and name not in WORD_FIELDS:
        frequency = isinstance(field.format, formats.Frequency)
        boost = field.format.field_boost
        for tbytes, ids, weights in term_lists(reader, name):
            for new, weight in zip(remap[ids].tolist(), weights.tolist(), strict=True):
                if new >= 0:
                    value = _frequency(round(weight / boost)) if frequency else b""
                    builder.add_posting(name, tbytes, new, weight, value)
        return
    numbers, sizes = array("q"), array("q")
    ids_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    for tbytes, ids, weights in term_lists(reader, name):
        text = tbytes.decode("utf-8")
        if name in EXACT_FIELDS:
            numbers.append(ord(text[0]) << 21 | (ord(text[1]) + 1 if len(text) > 1 else 0))
        else:
            numbers.append(builder.word_number(name, text))
            weight_parts.append(weights)
        sizes.append(len(ids))
        ids_parts.append(ids)
    if not ids_parts:
        return
    docnums = remap[np.concatenate(ids_parts)]
    live = docnums >= 0
    numbers_of = np.repeat(np.frombuffer(numbers, dtype=np.int64), np.frombuffer(sizes, dtype=np.int64))[live]
    if name in EXACT_FIELDS:
        builder.add_key_postings(name, numbers_of, docnums[live])
        return
    counts = np.rint(np.concatenate(weight_parts)[live] / field.format.field_boost).astype(np.int64)
    builder.add_word_postings(name, numbers_of, docnums[live], counts)


def segments_to_merge(segments: list[Any]) -> list[Any]:
    """The segments to merge next under the merge policy above (none: leave them as they are)."""
    if len(segments) <= MAX_SEGMENTS:
        return []
    small = [s for s in segments if s.doc_count() <= MAX_MERGED_DOCS // 2]
    smallest = sorted(small, key=lambda s: s.doc_count())[:MERGE_FACTOR]
    while len(smallest) >= 2 and sum(s.doc_count() for s in smallest) > MAX_MERGED_DOCS:
        smallest.pop()
    return smallest if len(smallest) >= 2 else []


def commit_segments(ix: Index, new_segments: list[Any], deleted_sources: list[str], segmenter: Segmenter,
                    timeout: float = 5.0, clean: bool = False) -> None:
    """Delete the articles of `deleted_sources`, add `new_segments`, merge the smallest segments
    when there are too many, and write the new table of contents (atomically). Files of no
    segment in the new table are removed only when `clean`: while workers write segments, their
    files are on disk before they are committed."""
    writer = ix.writer(timeout=timeout)
    try:
        if deleted_sources:  # one reader for all (Whoosh opens one per deletion otherwise)
            with writer.searcher() as searcher:
                present = {term.decode("utf-8") for term in searcher.reader().lexicon("source")}
                for key in dict.fromkeys(deleted_sources):
                    if key in present:
                        writer.delete_by_term("source", key, searcher=searcher)
        segments = [s for s in writer._merge_segments(None, False, False) if s.doc_count()]
        segments += [s for s in new_segments if s is not None]
        while (small := segments_to_merge(segments)):
            segments = [s for s in segments if s not in small]
            merged = merge_segments(ix, small, segmenter)
            if merged is not None:
                segments.append(merged)
        writer._close_segment()
        TOC(writer.schema, segments, writer.generation).write(writer.storage, writer.indexname)
        if clean:
            clean_files(writer.storage, writer.indexname, writer.generation, segments)
            remove_build_temp(writer.storage.folder)
    except BaseException:
        writer.cancel()
        raise
    writer._finish()
