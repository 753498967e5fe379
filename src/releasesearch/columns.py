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
from whoosh.reading import IndexReader

from releasesearch import schema as F

IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
NO_DATE = np.int32(-(2**31))
_EPOCH = dt.date(1970, 1, 1)

SINGLE_FIELDS = (
    F.LANGUAGE, F.YEAR, F.MONTH, F.DATELINE_CITY, F.COUNTRY, F.SOURCE, F.WIRE, F.PAIR
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


def _read_segment(reader: IndexReader) -> SegmentColumns:
    size = reader.doc_count_all()
    single: dict[str, IntArray] = {}
    for name in SINGLE_FIELDS:
        vocab = vocabulary(name)
        values = reader.column_reader(name) if reader.has_column(name) else [""] * size
        single[name] = np.fromiter((vocab.code(v or "") for v in values), np.int32, size)
    multi: dict[str, Multi] = {}
    for name in F.MULTI_VALUED:
        vocab = vocabulary(name)
        docs: list[int] = []
        codes: list[int] = []
        values = reader.column_reader(name) if reader.has_column(name) else [""] * size
        for docnum, value in enumerate(values):
            for part in F.split_multi(value):
                docs.append(docnum)
                codes.append(vocab.code(part))
        multi[name] = Multi(np.array(docs, np.int32), np.array(codes, np.int32))
    dates = (
        reader.column_reader(F.DATE, translate=False) if reader.has_column(F.DATE) else [None] * size
    )
    days = np.fromiter((_days(v) for v in dates), np.int32, size)
    return SegmentColumns(size, single, multi, days)


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
    parts = [(_segment_columns(leaf), base, _live(leaf, leaf.doc_count_all()))
             for leaf, base in reader.leaf_readers()]
    size = reader.doc_count_all()
    if not parts:
        empty = np.zeros(0, np.int32)
        return Columns(0, np.zeros(0, np.bool_), {n: empty for n in SINGLE_FIELDS},
                       {n: Multi(empty, empty) for n in F.MULTI_VALUED}, empty)
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
    return Columns(size, live, single, multi, days)


def forget_segments(keep: set[str]) -> None:
    """Drop cached segments that no reader uses any more (after merges)."""
    with _LOCK:
        for key in list(_SEGMENTS):
            if key not in keep:
                del _SEGMENTS[key]


def day_number(value: dt.date) -> int:
    return (value - _EPOCH).days
