"""A Whoosh segment writer that files analysed fields' postings from arrays.

Whoosh's ``SegmentWriter`` puts every posting into a pure-Python pool as a
tuple, sorts the pool at commit and hands the postings one by one to the codec,
which looks up the document's field length for each: for releases' text, four
fifths of the writer's time. :class:`ArrayWriter` takes :class:`schema.Analysed`
values (postings analysed and encoded by the workers) into per-field columns
instead, sorts them by term and document with numpy at commit, and writes each
posting list in Whoosh's own block format (W3 codec: blocks of 128 postings,
pickled, compressed as Whoosh compresses them), byte for byte what Whoosh's
writer would write for the same documents. Other fields (identifiers,
keywords, dates) go through Whoosh's pool as before; the segment is one Whoosh
segment that Whoosh reads, merges and searches as any other.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pickle import dumps
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.fields import FieldType
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from releasesearch.index.schema import Analysed

# zlib's window bits and memory level for posting blocks. Whoosh compresses each
# block with zlib's defaults (15, 8), which allocate and clear 256 KiB per call:
# about 85 us for a block of 500 bytes, the largest single cost of writing
# postings. A block is at most a few KiB, so a 8 KiB window loses nothing
# (blocks of 1,500 releases: 16,995 bytes against 16,992) at a quarter of the
# cost; zlib reads any window size, so Whoosh decompresses them as its own.
DEFLATE = (13, 5)
WHOOSH_DEFLATE = (15, 8)  # byte for byte what Whoosh writes


@dataclass(slots=True)
class _Column:
    """One field's postings as added: per document, its terms' ids and columns."""

    vocabulary: dict[bytes, int] = field(default_factory=dict)
    docs: list[int] = field(default_factory=list)
    ids: list[npt.NDArray[np.int32]] = field(default_factory=list)
    weights: list[npt.NDArray[np.float64]] = field(default_factory=list)
    values: list[bytes] = field(default_factory=list)
    ends: list[npt.NDArray[np.int64]] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, docnum: int, value: Analysed, boost: float, length: int) -> None:
        vocabulary = self.vocabulary
        ids = [vocabulary.setdefault(term, len(vocabulary)) for term in value.terms]
        self.docs.append(docnum)
        self.ids.append(np.array(ids, dtype=np.int32))
        self.weights.append(value.weights * boost if boost != 1.0 else value.weights)
        self.values.append(value.values)
        self.ends.append(value.ends)
        self.lengths.append(length)


@dataclass(frozen=True, slots=True)
class _Sorted:
    """Postings of consecutive terms in (term, document) order, as lists for the block loop."""

    terms: list[bytes]
    bounds: list[int]  # postings of terms[i] are [bounds[i], bounds[i + 1])
    docs: list[int]
    weights: list[float]  # as added (the block's maximum weight)
    weights32: list[float]  # as Whoosh's block stores them (float32)
    lengths: list[int]  # the document's field length as the segment stores it
    starts: list[int]
    ends: list[int]
    values: bytes


CHUNK_POSTINGS = 1 << 16  # postings made into Python lists at a time (bounds the writer's memory)


def _sorted(column: _Column, size: int = CHUNK_POSTINGS) -> Iterator[_Sorted]:
    """The column's postings sorted by term and document, in chunks of whole terms.

    The sort is numpy's (one stable argsort of term ranks: documents were added
    in increasing order); only a chunk at a time becomes Python lists, which
    cost 30-40 bytes per item.
    """
    terms = sorted(column.vocabulary)
    rank = np.empty(len(terms), dtype=np.int64)
    rank[[column.vocabulary[t] for t in terms]] = np.arange(len(terms))
    counts = np.array([len(ids) for ids in column.ids], dtype=np.int64)
    key = rank[np.concatenate(column.ids)]
    column.ids.clear()
    order = np.argsort(key, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(key, minlength=len(terms)))))
    del key
    docs = np.repeat(np.array(column.docs, dtype=np.int32), counts)
    stored = [byte_to_length(length_to_byte(n)) for n in column.lengths]
    lengths = np.repeat(np.array(stored, dtype=np.int32), counts)
    sizes = np.array([len(v) for v in column.values], dtype=np.int64)
    ends = np.concatenate(column.ends) + np.repeat(np.cumsum(sizes) - sizes, counts)
    starts = np.concatenate(([0], ends[:-1]))
    weights = np.concatenate(column.weights)
    values = b"".join(column.values)
    column.values.clear()
    first = 0
    while first < len(terms):
        last = int(np.searchsorted(bounds, bounds[first] + size, side="right")) - 1
        last = min(max(last, first + 1), len(terms))
        lo, hi = int(bounds[first]), int(bounds[last])
        rows = order[lo:hi]
        chunk = weights[rows]
        yield _Sorted(
            terms=terms[first:last],
            bounds=(bounds[first : last + 1] - lo).tolist(),
            docs=docs[rows].tolist(),
            weights=chunk.tolist(),
            weights32=chunk.astype(np.float32).tolist(),
            lengths=lengths[rows].tolist(),
            starts=starts[rows].tolist(),
            ends=ends[rows].tolist(),
            values=values,
        )
        first = last


class ArrayWriter(SegmentWriter):  # type: ignore[misc]
    """``SegmentWriter`` whose :class:`Analysed` field values skip Whoosh's posting pool.

    ``add_document`` takes the same arguments as Whoosh's; a field given an
    :class:`Analysed` value is posted from it (its length stored as Whoosh
    stores lengths), any other value is indexed by its field as usual. When a
    merge puts an analysed field's postings from other segments into the pool
    (``commit(merge=True)`` after adding documents), the columns join the pool
    and Whoosh writes everything, as it would have.
    """

    def __init__(self, ix: Any, deflate: tuple[int, int] = DEFLATE, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.deflate = deflate
        self._columns: dict[str, _Column] = {}
        codec = self.codec
        self._arrays = type(codec) is W3Codec and codec._inlinelimit <= 1

    def add_document(self, **fields: Any) -> None:
        analysed = {n: v for n, v in fields.items() if isinstance(v, Analysed)}
        if not analysed:
            super().add_document(**fields)
            return
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pdw = self.perdocwriter
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                fieldobj = schema[name]
                if name in analysed:
                    self._add_analysed(
                        name, fieldobj, value, self._field_boost(fields, name, docboost)
                    )
                else:
                    self._add_value(name, fieldobj, value, fields, docboost)
        except ValueError:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_analysed(self, name: str, fieldobj: FieldType, value: Analysed, boost: float) -> None:
        if (
            fieldobj.vector
            or fieldobj.separate_spelling()
            or fieldobj.stored
            or fieldobj.column_type
        ):
            raise ValueError(f"field {name!r} cannot take analysed values")
        column = self._columns.get(name)
        if column is None:
            column = self._columns[name] = _Column()
        length = value.length if fieldobj.scorable else 0
        column.add(self.docnum, value, boost, length)
        self.perdocwriter.add_field(name, fieldobj, None, length)

    def _add_value(
        self, name: str, fieldobj: FieldType, value: Any, fields: dict[str, Any], docboost: float
    ) -> None:
        """Whoosh's ``add_document`` for one field (without term vectors, which we do not use)."""
        if fieldobj.vector:
            raise ValueError(f"field {name!r} has term vectors: use Whoosh's writer")
        docnum, add_post = self.docnum, self.pool.add
        length = 0
        if fieldobj.indexed:
            boost = self._field_boost(fields, name, docboost)
            for tbytes, freq, weight, vbytes in fieldobj.index(value):
                if fieldobj.scorable:
                    length += freq
                add_post((name, tbytes, docnum, weight * boost, vbytes))
        if fieldobj.separate_spelling():
            spellfield = fieldobj.spelling_fieldname(name)
            for word in fieldobj.spellable_words(value):
                add_post((spellfield, word.encode("utf-8"), 0, 1, None))
        custom = fields.get(f"_stored_{name}", value)
        self.perdocwriter.add_field(name, fieldobj, custom if fieldobj.stored else None, length)
        if fieldobj.column_type and custom is not None:
            cv = fieldobj.to_column_value(custom)
            self.perdocwriter.add_column_value(name, fieldobj.column_type, cv)

    def _flush_segment(self) -> None:
        """Whoosh's flush, with the analysed fields written from their columns in name order."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        mine = sorted(self._columns)
        if not self._arrays or self.pool.fieldnames & set(mine):
            self._pool_columns()
            mine = []
        fw = self.fieldwriter
        for fieldname, postings in itertools.groupby(self.pool.iter_postings(), key=itemgetter(0)):
            while mine and mine[0] < fieldname:
                self._write_column(mine.pop(0))
            fw.add_postings(self.schema, pdr, postings)
        for name in mine:
            self._write_column(name)
        self._columns.clear()
        fw.close()
        if pdr:
            pdr.close()

    def _pool_columns(self) -> None:
        """The columns' postings into Whoosh's pool (when Whoosh must write these fields)."""
        for name, column in self._columns.items():
            terms = list(column.vocabulary)  # in id order
            for docnum, ids, weights, values, ends in zip(
                column.docs, column.ids, column.weights, column.values, column.ends, strict=True
            ):
                start = 0
                for i, weight, end in zip(
                    ids.tolist(), weights.tolist(), ends.tolist(), strict=True
                ):
                    self.pool.add((name, terms[i], docnum, weight, values[start:end]))
                    start = end
        self._columns.clear()

    def _write_column(self, name: str) -> None:
        fw = self.fieldwriter
        fieldobj = self.schema[name]
        fw.start_field(name, fieldobj)
        files = (fw._postfile, fw._tindex, fw._fieldid)
        blocks = _BlockWriter(self.codec, fieldobj, files, self.deflate)
        for chunk in _sorted(self._columns[name]):
            blocks.write(chunk)
        fw.finish_field()


@dataclass(slots=True)
class _Stats:
    """A term's statistics over its blocks, gathered as ``W3TermInfo.add_block`` does."""

    weight: float = 0.0
    minlength: int | None = None
    maxlength: int = 0
    maxweight: float = 0

    def add(self, weight: float, minlength: int | None, maxlength: int, maxweight: float) -> None:
        self.weight += weight
        if self.minlength is None:
            self.minlength = minlength
        elif minlength is not None:
            self.minlength = min(self.minlength, minlength)
        self.maxlength = max(self.maxlength, maxlength)
        self.maxweight = max(self.maxweight, maxweight)


class _BlockWriter:
    """Whoosh 3 posting lists (``W3PostingsWriter``, ``W3TermInfo``) from sorted columns."""

    def __init__(
        self,
        codec: W3Codec,
        fieldobj: FieldType,
        files: tuple[Any, Any, int],
        deflate: tuple[int, int],
    ) -> None:
        self.limit = codec._blocklimit
        self.compression = codec._compression
        self.deflate = deflate
        self.fixed = fieldobj.format.fixed_value_size()
        self.postfile, self.tindex, fieldid = files
        self.prefix = pack_ushort(fieldid)

    def write(self, s: _Sorted) -> None:
        """Each term's posting list, then its entry in the term table (``W3FieldWriter``)."""
        bounds, limit, docs = s.bounds, self.limit, s.docs
        offset = self.postfile.tell()
        pack_info, add_term, prefix = W3TermInfo._struct.pack, self.tindex.add, self.prefix
        for i, term in enumerate(s.terms):
            first, last = bounds[i], bounds[i + 1]
            stats = _Stats()
            chunks = [WHOOSH3_HEADER_MAGIC]
            for lo in range(first, last, limit):
                hi = min(lo + limit, last)
                chunks.append(self._block(s, lo, hi, stats, hi == last))
            postings = b"".join(chunks)
            self.postfile.write(postings)
            info = pack_info(
                False,
                stats.weight,
                last - first,
                length_to_byte(stats.minlength),
                length_to_byte(stats.maxlength),
                stats.maxweight,
                docs[first],
                docs[last - 1],
            )
            add_term(prefix + term, info + pack_long(offset) + pack_int(len(postings)))
            offset += len(postings)

    def _block(self, s: _Sorted, lo: int, hi: int, stats: _Stats, last: bool) -> bytes:
        """One block as ``W3PostingsWriter._write_block`` writes it."""
        if hi - lo == 1:  # most terms occur in one document: no lists to build
            w32 = [s.weights32[lo]]
            weights: Any = None if w32[0] == 1.0 else w32[0]
            found = [s.values[s.starts[lo] : s.ends[lo]]]
            ids: Any = (s.docs[lo],)
            length = s.lengths[lo]
            minlength, maxlength = (length or None), length
            maxweight = s.weights[lo]
        else:
            docs = s.docs[lo:hi]
            ids = (docs[0], *[b - a for a, b in zip(docs, docs[1:], strict=False)])
            w32 = s.weights32[lo:hi]
            if all(w == 1.0 for w in w32):
                weights = None
            elif all(w == w32[0] for w in w32):
                weights = w32[0]
            else:
                weights = tuple(w32)
            values = s.values
            found = [values[a:b] for a, b in zip(s.starts[lo:hi], s.ends[lo:hi], strict=True)]
            lengths = [n for n in s.lengths[lo:hi] if n]
            minlength = min(lengths) if lengths else None
            maxlength = max(lengths, default=0)
            maxweight = max(s.weights[lo:hi])
        if self.fixed is None or self.fixed < 0:
            vs: Any = tuple(v for v in found if v)
        elif self.fixed == 0:
            vs = None
        else:
            vs = b"".join(found)
        data = dumps((ids, weights, vs), 2)
        comp = self.compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            deflater = zlib.compressobj(comp, zlib.DEFLATED, *self.deflate)
            data = deflater.compress(data) + deflater.flush()
        maxweight = maxweight if maxweight > 0 else 0
        head = dumps(
            (
                hi - lo,
                s.docs[hi - 1],
                maxweight,
                comp,
                length_to_byte(minlength),
                length_to_byte(maxlength),
            ),
            2,
        )
        stats.add(sum(w32), minlength, maxlength, maxweight)
        size = len(head) + len(data)
        block: bytes = pack_int(-size if last else size) + head + data
        return block
