"""Posting packs: one Whoosh segment's postings as flat numpy arrays, written beside it.

Whoosh stays the index of record (writer, segments, stored fields, spelling);
answering reads these arrays instead of Whoosh's matchers, which visit every
matching document in Python. A pack belongs to one segment and is named after
its id: segments never change once written (deletions live in Whoosh's segment
list and are applied as a mask), so a merge or a new segment never invalidates
another segment's pack.

Per analysed text field a pack holds:

- ``keys``: the field's terms, sorted, as fixed-width byte prefixes (``S24``) for
  ``np.searchsorted``; ``blob``/``blob_at``: the full terms, for the rare long
  term and for prefix checks;
- ``at``: where each term's postings start in ``docs`` (segment-local document
  numbers, ascending per term) and ``weights`` (Whoosh's posting weight: the
  term frequency times the field boost);
- ``pos_at``/``pos``: each posting's token positions, for phrases, and
  ``starts``/``ends`` beside them: each occurrence's characters in the stored
  text, where the field records them (bodies), for snippets;
- ``lengths``: every document's field length as Whoosh's scorer reads it (the
  decoded length byte, so scores equal Whoosh's).

Files are plain ``.npy`` opened with ``mmap_mode="r"``: a cold process maps them
and touches only the pages a query reads. A pack is written into a temporary
folder and renamed into place, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader

from releasesearch.index import schema as F

VERSION = 2
PACKS = "packs"  # folder beside the segments
KEY_WIDTH = 24
KEY_DTYPE = f"S{KEY_WIDTH}"
META = "meta.json"
ARRAYS = (
    "keys",
    "blob",
    "blob_at",
    "at",
    "docs",
    "weights",
    "pos_at",
    "pos",
    "starts",
    "ends",
    "lengths",
)

Array = npt.NDArray[Any]


def pack_fields() -> tuple[str, ...]:
    """The fields a pack covers: every analysed text field (titles and bodies)."""
    return F.text_fields()


@dataclass(frozen=True, slots=True)
class FieldPack:
    """One field's postings in one segment (arrays may be memory-mapped)."""

    keys: Array
    blob: Array
    blob_at: Array
    at: Array
    docs: Array
    weights: Array
    pos_at: Array
    pos: Array
    starts: Array
    ends: Array
    lengths: Array

    def term_index(self, term: bytes) -> int:
        """The term's row, or -1 when the segment does not have it."""
        key = np.array(term[:KEY_WIDTH], dtype=KEY_DTYPE)
        lo = int(np.searchsorted(self.keys, key, "left"))
        hi = int(np.searchsorted(self.keys, key, "right"))
        for i in range(lo, hi):
            if self.term(i) == term:
                return i
        return -1

    def term(self, i: int) -> bytes:
        return bytes(self.blob[int(self.blob_at[i]) : int(self.blob_at[i + 1])])

    def prefix_range(self, prefix: bytes) -> tuple[int, int]:
        """Rows of the terms starting with ``prefix`` (a contiguous range of the sorted terms)."""
        if not prefix:
            return 0, len(self.keys)
        head = prefix[:KEY_WIDTH]
        lo = int(np.searchsorted(self.keys, np.array(head, dtype=KEY_DTYPE), "left"))
        if len(prefix) < KEY_WIDTH:
            upper = _successor(head)
            hi = (
                len(self.keys)
                if upper is None
                else int(np.searchsorted(self.keys, np.array(upper, dtype=KEY_DTYPE), "left"))
            )
            return lo, hi
        hi = lo
        while hi < len(self.keys) and self.term(hi).startswith(prefix):
            hi += 1
        return lo, hi


def _successor(prefix: bytes) -> bytes | None:
    """The smallest byte string greater than every string starting with ``prefix``."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return None
    return stripped[:-1] + bytes([stripped[-1] + 1])


@dataclass(frozen=True, slots=True)
class Pack:
    """A segment's posting arrays, by field."""

    segment: str
    doc_count: int
    fields: dict[str, FieldPack]


def pack_folder(index_folder: Path, segment: str) -> Path:
    return index_folder / PACKS / segment


def load_pack(index_folder: Path, segment: str) -> Pack | None:
    """The segment's pack, memory-mapped; None when none was written (or another version)."""
    folder = pack_folder(index_folder, segment)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("version") != VERSION or meta.get("segment") != segment:
        return None
    fields = {}
    try:
        for name in meta["fields"]:
            arrays = {a: np.load(folder / f"{name}.{a}.npy", mmap_mode="r") for a in ARRAYS}
            fields[name] = FieldPack(**arrays)
    except (OSError, ValueError, KeyError):
        return None
    return Pack(segment, int(meta["doc_count"]), fields)


def segment_id(reader: IndexReader) -> str | None:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else None


def build_pack(reader: IndexReader) -> Pack:
    """Read one segment's postings into a pack (an index built before packs, or a merge)."""
    count = reader.doc_count_all()
    fields = {
        name: _field_pack(reader, name, count)
        for name in pack_fields()
        if name in reader.schema and reader.schema[name].format is not None
    }
    return Pack(segment_id(reader) or "", count, fields)


def _field_pack(reader: IndexReader, name: str, count: int) -> FieldPack:
    fmt = reader.schema[name].format
    positions = fmt.supports("positions")
    terms: list[bytes] = []
    docs: list[Array] = []
    weights: list[Array] = []
    values: list[bytes] = []
    for btext in reader.lexicon(name):
        ids, ws, vs = _postings(reader, name, btext)
        terms.append(btext)
        docs.append(ids)
        weights.append(ws)
        if positions:
            values.extend(vs)
    return _assemble(
        terms, docs, weights, values if positions else None, _lengths(reader, name, count)
    )


def _postings(reader: IndexReader, name: str, btext: bytes) -> tuple[Array, Array, list[bytes]]:
    """A term's document numbers, weights and encoded values, block by block.

    Whoosh's matcher yields one posting per call; its blocks hold the same data as
    tuples (private attributes of the pinned codec, proved by a test), so a whole
    block is taken at once. Any other matcher takes the general path.
    """
    m = reader.postings(name, btext)
    ids: list[int] = []
    ws: list[float] = []
    vs: list[bytes] = []
    if isinstance(m, W3LeafMatcher):
        while True:
            m._read_ids()
            m._read_weights()
            m._read_values()
            ids.extend(m._ids)
            ws.extend(m._weights)
            vs.extend(m._values)
            if m._lastblock:
                break
            m._next_block()
    else:
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            vs.append(m.value() or b"")
            m.next()
    return np.array(ids, dtype=np.int32), np.array(ws, dtype=np.float32), vs


def decode_positions(values: list[bytes]) -> tuple[Array, Array, Array, Array]:
    """Whoosh's encoded ``Positions``/``Characters`` values -> (offsets, positions,
    first characters, end characters); the characters are empty for ``Positions``.

    Each value is a pickled tuple of deltas from the previous occurrence; the
    deltas of all postings are summed in one pass and each posting's running
    sum before it is subtracted again.
    """
    counts = np.zeros(len(values) + 1, dtype=np.int64)
    codes: list[Any] = []
    for i, value in enumerate(values):
        if not value:
            continue
        if not value.endswith(b"."):
            value += b"."
        decoded = pickle.loads(value[4:])
        counts[i + 1] = len(decoded)
        codes.extend(decoded)
    at = np.cumsum(counts)
    chars = bool(codes) and isinstance(codes[0], tuple)
    table = np.array(codes, dtype=np.int64).reshape(len(codes), 3 if chars else 1)
    positions = _restarted_cumsum(table[:, 0], at, counts)
    if not chars:
        none = np.zeros(0, np.int32)
        return at, positions, none, none
    # Characters: start = previous end + delta, end = start + length, per posting
    ends = _restarted_cumsum(table[:, 1] + table[:, 2], at, counts)
    return at, positions, (ends - table[:, 2]).astype(np.int32), ends


def _restarted_cumsum(deltas: Array, at: Array, counts: Array) -> Array:
    total = np.cumsum(deltas)
    before = np.concatenate(([0], total))[at[:-1]]  # the running sum before each posting
    out: Array = (total - np.repeat(before, counts[1:])).astype(np.int32)
    return out


def _lengths(reader: IndexReader, name: str, count: int) -> Array:
    """Every document's field length as Whoosh's scorer sees it (decoded length byte)."""
    return np.fromiter(
        (reader.doc_field_length(doc, name, 0) or 0 for doc in range(count)), np.float32, count
    )


def _assemble(
    terms: list[bytes],
    docs: list[Array],
    weights: list[Array],
    values: list[bytes] | None,
    lengths: Array,
) -> FieldPack:
    order = sorted(range(len(terms)), key=terms.__getitem__)
    terms = [terms[i] for i in order]
    sizes = np.array([len(docs[i]) for i in order], dtype=np.int64)
    at = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    blob_sizes = np.array([len(t) for t in terms], dtype=np.int64)
    empty_i = np.zeros(0, np.int32)
    pos_at, pos, starts, ends = np.zeros(1, np.int64), empty_i, empty_i, empty_i
    if values is not None:
        # values were collected in the terms' original order: reorder per term
        spans = np.concatenate(([0], np.cumsum([len(d) for d in docs]))).astype(np.int64)
        ordered = [v for i in order for v in values[spans[i] : spans[i + 1]]]
        pos_at, pos, starts, ends = decode_positions(ordered)
    return FieldPack(
        keys=np.array([t[:KEY_WIDTH] for t in terms], dtype=KEY_DTYPE),
        blob=np.frombuffer(b"".join(terms), dtype=np.uint8),
        blob_at=np.concatenate(([0], np.cumsum(blob_sizes))).astype(np.int64),
        at=at,
        docs=np.concatenate([docs[i] for i in order]) if terms else empty_i,
        weights=(np.concatenate([weights[i] for i in order]) if terms else np.zeros(0, np.float32)),
        pos_at=pos_at,
        pos=pos,
        starts=starts,
        ends=ends,
        lengths=lengths,
    )


def write_pack(index_folder: Path, pack: Pack) -> Path:
    """Write ``pack`` beside its segment, atomically (temporary folder, then rename)."""
    root = index_folder / PACKS
    root.mkdir(exist_ok=True)
    final = root / pack.segment
    if final.exists():
        if load_pack(index_folder, pack.segment) is not None:
            return final
        _remove(final)  # a pack of another version (or a damaged one)
    tmp = Path(tempfile.mkdtemp(prefix=f".{pack.segment}.", dir=root))
    try:
        for name, fp in pack.fields.items():
            for a in ARRAYS:
                np.save(tmp / f"{name}.{a}.npy", np.ascontiguousarray(getattr(fp, a)))
        meta = {
            "version": VERSION,
            "segment": pack.segment,
            "doc_count": pack.doc_count,
            "fields": sorted(pack.fields),
        }
        (tmp / META).write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not final.exists():
            raise
    return final


def _remove(folder: Path) -> None:
    """Delete a pack folder: renamed first, so no reader finds it half deleted."""
    doomed = folder.with_name(f".{folder.name}.old.{os.getpid()}")
    with contextlib.suppress(OSError):
        os.replace(folder, doomed)
    shutil.rmtree(doomed, ignore_errors=True)


def ensure_packs(index_folder: Path, reader: IndexReader) -> list[str]:
    """Give every segment of ``reader`` its pack and drop packs of segments gone
    (merged away); returns the segments packed now. Called by the indexer after
    each commit, so a reader finds every pack written."""
    made = []
    live = set()
    for leaf, _base in reader.leaf_readers():
        segment = segment_id(leaf)
        if segment is None:
            continue
        live.add(segment)
        if load_pack(index_folder, segment) is None:
            write_pack(index_folder, build_pack(leaf))
            made.append(segment)
    root = index_folder / PACKS
    if root.is_dir():
        for old in root.iterdir():
            if old.name not in live and not old.name.startswith("."):
                _remove(old)
    return made
