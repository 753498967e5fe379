"""Facet values of every document as numpy arrays, for counting without Python loops.

Whoosh's ``groupedby`` visits each matching document in Python; at 100,000
releases that dominates a query. Here each facet field becomes an array of
integer codes per segment, read once from Whoosh's columns and cached by segment
id (segments never change once written), so a facet count is one ``bincount``
over the matching documents and a filter is one ``isin``.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.reading import IndexReader

from releasesearch.index import schema as F

IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
NO_DATE = np.int32(-(2**31))
_EPOCH = dt.date(1970, 1, 1)

SINGLE_FIELDS = (
    F.LANGUAGE,
    F.YEAR,
    F.MONTH,
    F.DATELINE_CITY,
    F.COUNTRY,
    F.SOURCE,
    F.WIRE,
    F.PAIR,
    F.CONTENT_HASH,
)


class Vocabulary:
    """Interns the strings of one field to integer codes shared by all segments."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def code(self, value: str) -> int:
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.values)
            self.values.append(value)
        return found

    def lookup(self, values: tuple[str, ...]) -> IntArray:
        return np.array([self.codes[v] for v in values if v in self.codes], dtype=np.int32)


@dataclass(frozen=True, slots=True)
class Multi:
    """A multi-valued field as (document, code) pairs."""

    docs: IntArray
    codes: IntArray


@dataclass(frozen=True, slots=True)
class SegmentColumns:
    size: int
    single: dict[str, IntArray]
    multi: dict[str, Multi]
    days: IntArray  # days since 1970-01-01, NO_DATE when undated


@dataclass(frozen=True, slots=True)
class Columns:
    """Columns of a whole reader: segments concatenated at their document bases."""

    size: int
    live: BoolArray  # False for deleted documents
    single: dict[str, IntArray]
    multi: dict[str, Multi]
    days: IntArray
    group: IntArray  # one code per release shown once: its translations and identical copies
    paired: BoolArray  # live documents sharing their group with another one


_VOCAB: dict[str, Vocabulary] = {}
_SEGMENTS: dict[str, SegmentColumns] = {}
_LOCK = threading.Lock()


def vocabulary(fieldname: str) -> Vocabulary:
    return _VOCAB.setdefault(fieldname, Vocabulary())


_US_PER_DAY = 86_400_000_000
_EPOCH_DAY = (_EPOCH - dt.date.min).days  # Whoosh counts microseconds from datetime.min


def _days(raw: Any) -> int:
    """Whoosh's raw date column value -> days since 1970; undated documents get NO_DATE."""
    if not isinstance(raw, int):
        return int(NO_DATE)
    days = raw // _US_PER_DAY - _EPOCH_DAY
    return days if -200_000 < days < 200_000 else int(NO_DATE)


_SEP = "\x00"  # joins documents' raw values for one split in C; never inside a value


def _raw_strings(reader: IndexReader, name: str, size: int) -> list[str]:
    """Every document's value of a string column, "" where it has none.

    Whoosh's column iterator seeks and reads once per document, about 0.1 ms a
    document over all facet fields (10 s at 100,000 releases, paid at every cold
    start), so the contiguous layout is read in one piece when it can be
    (:func:`fast_strings`); any other column takes the general path.
    """
    if not reader.has_column(name):
        return [""] * size
    fast = fast_strings(reader.column_reader(name, translate=False), size)
    if fast is not None:
        return fast
    return [v or "" for v in reader.column_reader(name)]


def fast_strings(col: Any, size: int) -> list[str] | None:
    """A VarBytes column's values in one read, or None when it is not laid out as expected.

    A VarBytes column is one contiguous run of bytes with an array of lengths
    (private attributes of Whoosh's reader; a test proves this path is taken on
    the pinned version, so an upgrade cannot fall back to the slow path silently).
    """
    if not isinstance(col, VarBytesColumn.Reader) or len(col._lengths) != size:
        return None
    lengths = np.asarray(col._lengths, dtype=np.int64)
    raw = np.frombuffer(col._dbfile.get(col._basepos, int(lengths.sum())), np.uint8)
    if (raw == 0).any():
        return None
    joined = np.insert(raw, np.cumsum(lengths)[:-1], 0).tobytes().decode("utf-8")
    values = joined.split(_SEP) if size else []
    return values if len(values) == size else None


def _coded(vocab: Vocabulary, values: list[str]) -> IntArray:
    """Codes of ``values``, interned in order of first occurrence."""
    codes = {v: vocab.code(v) for v in dict.fromkeys(values)}
    return np.fromiter(map(codes.__getitem__, values), np.int32, len(values))


def _multi(vocab: Vocabulary, values: list[str]) -> Multi:
    """(document, code) pairs of comma-separated values, empty parts dropped."""
    counts = np.fromiter((v.count(",") + 1 for v in values), np.int64, len(values))
    docs = np.repeat(np.arange(len(values), dtype=np.int32), counts)
    codes = _coded(vocab, _SEP.join(values).replace(",", _SEP).split(_SEP) if values else [])
    keep = codes != 0  # code 0 is ""
    return Multi(docs[keep], codes[keep])


def _raw_days(reader: IndexReader, size: int) -> IntArray:
    """Days since 1970 from the raw date column (microseconds since datetime.min)."""
    if not reader.has_column(F.DATE):
        return np.full(size, NO_DATE, np.int32)
    col = reader.column_reader(F.DATE, translate=False)
    fast = fast_days(col, size)
    if fast is not None:
        return fast
    return np.fromiter((_days(v) for v in col), np.int32, size)


def fast_days(col: Any, size: int) -> IntArray | None:
    """The date column as one array of 8-byte integers, or None when it is laid out
    otherwise (private attributes of Whoosh's reader; a test proves the path is taken)."""
    if not (isinstance(col, NumericColumn.Reader) and col._typecode in "qQ" and col._fixedlen == 8):
        return None
    dtype = ">u8" if col._typecode == "Q" else ">i8"
    stored = np.frombuffer(col._dbfile.get(col._basepos, 8 * col._count), dtype)
    raw = np.full(size, col._default, dtype=dtype)
    raw[: min(size, stored.size)] = stored[:size]
    days = (raw // _US_PER_DAY).astype(np.int64) - _EPOCH_DAY
    valid = (days > -200_000) & (days < 200_000)
    out: IntArray = np.where(valid, days, int(NO_DATE)).astype(np.int32)
    return out


def _read_segment(reader: IndexReader) -> SegmentColumns:
    size = reader.doc_count_all()
    single = {
        name: _coded(vocabulary(name), _raw_strings(reader, name, size)) for name in SINGLE_FIELDS
    }
    multi = {
        name: _multi(vocabulary(name), _raw_strings(reader, name, size)) for name in F.MULTI_VALUED
    }
    return SegmentColumns(size, single, multi, _raw_days(reader, size))


def _segment_columns(reader: IndexReader) -> SegmentColumns:
    segment = reader.segment()
    key = segment.segment_id() if segment is not None else None
    if key is None:
        return _read_segment(reader)
    with _LOCK:
        cached = _SEGMENTS.get(key)
        if cached is None:
            cached = _SEGMENTS[key] = _read_segment(reader)
    return cached


def _live(reader: IndexReader, size: int) -> BoolArray:
    if not reader.has_deletions():
        return np.ones(size, dtype=np.bool_)
    live = np.zeros(size, dtype=np.bool_)
    live[np.fromiter(reader.all_doc_ids(), np.int64)] = True
    return live


def read_columns(reader: IndexReader) -> Columns:
    """The facet columns of every live document of ``reader`` (cached per segment)."""
    parts = [
        (_segment_columns(leaf), base, _live(leaf, leaf.doc_count_all()))
        for leaf, base in reader.leaf_readers()
    ]
    size = reader.doc_count_all()
    if not parts:
        empty = np.zeros(0, np.int32)
        none = np.zeros(0, np.bool_)
        return Columns(
            0,
            none,
            {n: empty for n in SINGLE_FIELDS},
            {n: Multi(empty, empty) for n in F.MULTI_VALUED},
            empty,
            empty,
            none,
        )
    single = {n: np.concatenate([p.single[n] for p, _, _ in parts]) for n in SINGLE_FIELDS}
    multi = {
        n: Multi(
            np.concatenate([p.multi[n].docs + base for p, base, _ in parts]).astype(np.int32),
            np.concatenate([p.multi[n].codes for p, _, _ in parts]),
        )
        for n in F.MULTI_VALUED
    }
    live = np.concatenate([lv for _, _, lv in parts])
    days = np.concatenate([p.days for p, _, _ in parts])
    group = groups(single[F.PAIR], single[F.CONTENT_HASH], live)
    return Columns(size, live, single, multi, days, group, _paired(group, live))


def groups(pair: IntArray, content: IntArray, live: BoolArray) -> IntArray:
    """One code per release as the reader sees it: translations (same pair id) and
    identical copies (same content hash, in two files) share it, transitively.

    Label propagation: each document takes the smallest document number of its
    pair, then of its copies, until nothing changes (two rounds in practice).
    """
    group = np.arange(pair.size, dtype=np.int32)
    has_copy = live & (content != 0)  # code 0: no hash (an index from before hashes were columns)
    for _ in range(pair.size + 1):
        before = group.copy()
        for key, members in ((pair, live), (content, has_copy)):
            if not members.any():
                continue
            smallest = np.full(int(key.max()) + 1, np.iinfo(np.int32).max, np.int32)
            np.minimum.at(smallest, key[members], group[members])
            group[members] = smallest[key[members]]
        if np.array_equal(before, group):
            break
    return group


def _paired(group: IntArray, live: BoolArray) -> BoolArray:
    """Live documents sharing their group with another live one.

    A translated or copied release is one hit, so it counts once in the total and
    in every facet, whichever of its documents match; computed once per reader.
    """
    sizes = np.bincount(group[live], minlength=group.size)
    out: BoolArray = live & (sizes[group] > 1)
    return out


def forget_segments(keep: set[str]) -> None:
    """Drop cached segments that no reader uses any more (after merges)."""
    with _LOCK:
        for key in list(_SEGMENTS):
            if key not in keep:
                del _SEGMENTS[key]


def day_number(value: dt.date) -> int:
    return (value - _EPOCH).days
