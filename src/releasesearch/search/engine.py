"""Matching and BM25F over posting packs: a Whoosh query tree answered with numpy.

Whoosh's matchers visit every matching document in Python (about 7 µs per
document and pass); here every query node is a few array operations over the
posting packs of :mod:`releasesearch.index.postings`, whatever the number of
matches. The query tree is the one Whoosh's parser builds, and the answer is the
one Whoosh gives: the same documents, and the same BM25F scores (global
statistics: document count, document frequency and average field length over
all segments, deleted documents included, as Whoosh counts them), which the
differential tests prove on thousands of random queries. Where this engine
answers differently on purpose it says so here:

- A prefix or wildcard expands to at most :data:`MAX_EXPANSION` terms per field,
  the most frequent ones (Whoosh expands to every term, which one query of
  ``a*`` turns into a stall).
- The coordination bonus of a scaled OR (``Or(scale=...)``, the relaxed mode)
  counts a document's matched query words, not Whoosh's per-segment matchers.
- The typed words of a query (a :class:`~.semantics.MinMatch`, "at least m of
  these words") are ranked by :mod:`.ranking` (BM25F per word, proximity), not
  by Whoosh's sum of one BM25 per field; Whoosh's matcher reads the node as an
  AND of the words when all are required, else as their OR.

A node this engine does not know makes :meth:`Engine.run` return None, and the
caller asks Whoosh: an unknown query is slow, never wrong.
"""

from __future__ import annotations

import math
import re
import threading
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.reading import IndexReader

from releasesearch.index import schema as F
from releasesearch.index.postings import Pack, build_pack, load_pack, segment_id, write_pack
from releasesearch.search.ranking import rank_words
from releasesearch.search.semantics import MinMatch
from releasesearch.search.synonyms import SynonymSet

__all__ = ["Engine", "Matched", "forget_packs", "open_engine"]

K1 = 1.2
B = 0.75
MAX_EXPANSION = 64  # terms a prefix or wildcard expands to, per field
MAX_SCANNED = 200_000  # terms a wildcard pattern is tested against, per field and segment

Docs = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]


class Unsupported(Exception):
    """A query node the engine does not answer (Whoosh does)."""


@dataclass(frozen=True, slots=True)
class Matched:
    """Matching documents (global numbers, ascending, unique) and their scores."""

    docs: Docs
    scores: Scores

    @staticmethod
    def empty() -> Matched:
        return Matched(np.zeros(0, np.int64), np.zeros(0, np.float64))


@dataclass(frozen=True, slots=True)
class _Postings:
    """One term's postings over all segments, in global document numbers."""

    docs: Docs
    weights: npt.NDArray[np.float64]
    lengths: npt.NDArray[np.float64]
    segments: tuple[tuple[int, int, int, int], ...]  # (segment, term row, first, end) in docs


class Engine:
    """Answers query trees from the packs of one reader's segments.

    :param reader: the reader the packs belong to (global statistics come from it).
    :param packs: each segment's pack with its document base, in the reader's order.
    :param live: False for deleted documents (global numbers).
    """

    def __init__(self, reader: IndexReader, packs: list[tuple[Pack, int]], live: Any) -> None:
        self.reader = reader
        self.packs = packs
        self.live = live
        self.doc_count = reader.doc_count_all()
        self._avg: dict[str, float] = {}
        self._languages: dict[str, int] = {}

    # -- entry points ---------------------------------------------------------------

    def run(self, query: wq.Query) -> Matched | None:
        """The query's live matches with Whoosh's scores, or None when a node is unknown."""
        try:
            found = self._eval(query)
        except Unsupported:
            return None
        keep = self.live[found.docs]
        return Matched(found.docs[keep], found.scores[keep])

    # -- statistics -----------------------------------------------------------------

    def avg_length(self, field: str) -> float:
        if field not in self._avg:
            total = self.reader.field_length(field)
            self._avg[field] = (total / self.doc_count if self.doc_count else 0.0) or 1.0
        return self._avg[field]

    def language_count(self, language: str) -> int:
        """Releases in ``language`` (with any text in its body field), deleted ones included
        as in every other statistic."""
        if language not in self._languages:
            field = F.body_field(language)
            self._languages[language] = sum(
                int(np.count_nonzero(np.asarray(p.fields[field].lengths)))
                for p, _ in self.packs
                if field in p.fields
            )
        return self._languages[language] or 1

    def idf(self, field: str, df: float) -> float:
        return math.log(self.doc_count / (df + 1)) + 1

    def bm25(self, field: str, idf: float, tf: Any, lengths: Any) -> Scores:
        norm = K1 * ((1 - B) + B * lengths / self.avg_length(field))
        out: Scores = idf * ((tf * (K1 + 1)) / (tf + norm))
        return out

    # -- postings -------------------------------------------------------------------

    def postings(self, field: str, term: bytes) -> _Postings:
        docs, weights, lengths, where = [], [], [], []
        for s, (pack, base) in enumerate(self.packs):
            fp = pack.fields.get(field)
            row = fp.term_index(term) if fp is not None else -1
            if row < 0:
                continue
            assert fp is not None
            a, b = int(fp.at[row]), int(fp.at[row + 1])
            local = np.asarray(fp.docs[a:b])
            docs.append(local.astype(np.int64) + base)
            weights.append(np.asarray(fp.weights[a:b], dtype=np.float64))
            lengths.append(fp.lengths[local].astype(np.float64))
            where.append((s, row, a, b))
        if not docs:
            none = np.zeros(0, np.float64)
            return _Postings(np.zeros(0, np.int64), none, none, ())
        return _Postings(
            np.concatenate(docs), np.concatenate(weights), np.concatenate(lengths), tuple(where)
        )

    def _term(self, field: str, text: Any, boost: float = 1.0) -> Matched:
        term = self._bytes(field, text)
        if term is None:
            return Matched.empty()
        p = self.postings(field, term)
        if not p.docs.size:
            return Matched.empty()
        idf = self.idf(field, self.reader.doc_frequency(field, term))
        return Matched(p.docs, self.bm25(field, idf, p.weights, p.lengths) * boost)

    def term_bytes(self, field: str, text: Any) -> bytes | None:
        """``text`` as the field's index term, or None when the field cannot hold it."""
        return self._bytes(field, text)

    def occurrence_keys(self, field: str, postings: _Postings, docs: Docs) -> Docs:
        """``doc << 32 | position`` of each occurrence of the term in ``docs``, ascending."""
        return _occurrence_keys(self, field, postings, docs)

    def _bytes(self, field: str, text: Any) -> bytes | None:
        schema = self.reader.schema
        if field not in schema:
            return None
        try:
            out: bytes = schema[field].to_bytes(text)
        except ValueError:
            return None
        return out

    # -- the tree -------------------------------------------------------------------

    def _eval(self, q: wq.Query) -> Matched:
        kind = type(q)
        if q is wq.NullQuery or kind.__name__ == "_NullQuery":
            return Matched.empty()
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise Unsupported(kind.__name__)
        found: Matched = handler(self, q)
        return found

    def occurrences(self, doc: int, field: str, term: bytes) -> list[tuple[int, int, int]] | None:
        """(position, first character, end character) of each occurrence of ``term`` in
        document ``doc``; None when the pack holds no characters for ``field``."""
        holding = [(p, base) for p, base in self.packs if base <= doc]
        if not holding:
            return None
        pack, base = holding[-1]
        fp = pack.fields.get(field)
        if fp is None or not fp.starts.size:
            return None
        row = fp.term_index(term)
        if row < 0:
            return []
        a, b = int(fp.at[row]), int(fp.at[row + 1])
        local = doc - base
        k = a + int(np.searchsorted(fp.docs[a:b], local))
        if k >= b or int(fp.docs[k]) != local:
            return []
        lo, hi = int(fp.pos_at[k]), int(fp.pos_at[k + 1])
        return list(
            zip(
                fp.pos[lo:hi].tolist(),
                fp.starts[lo:hi].tolist(),
                fp.ends[lo:hi].tolist(),
                strict=True,
            )
        )

    def having(self, field: str) -> Matched:
        """Documents with any term in ``field`` (Whoosh's ``Every(field)``), scored 1.0."""
        found = [
            np.flatnonzero(np.asarray(p.fields[field].lengths) > 0).astype(np.int64) + base
            for p, base in self.packs
            if field in p.fields
        ]
        if field not in self.reader.schema or not any(f.size for f in found):
            raise Unsupported("Every(field) outside the packs")
        docs = np.concatenate(found)
        return Matched(docs, np.ones(docs.size, np.float64))

    def every(self) -> Matched:
        docs = np.arange(self.doc_count, dtype=np.int64)
        return Matched(docs, np.ones(docs.size, np.float64))


_PACKS: dict[str, Pack] = {}
_PACKS_LOCK = threading.Lock()


def open_engine(reader: IndexReader, folder: Path | None, live: Any) -> Engine:
    """An engine over ``reader``'s segments, their packs memory-mapped from ``folder``.

    Packs are cached by segment id (a segment never changes). A segment without a
    pack (an index written before packs existed) is converted once and saved
    beside it when the folder is writable, so only the first process pays.
    """
    packs = []
    for leaf, base in reader.leaf_readers():
        segment = segment_id(leaf)
        pack = _PACKS.get(segment) if segment else None
        if pack is None:
            pack = load_pack(folder, segment) if folder is not None and segment else None
            if pack is None:
                pack = build_pack(leaf)
                if folder is not None and segment:
                    with suppress(OSError):
                        write_pack(folder, pack)
            if segment:
                with _PACKS_LOCK:
                    _PACKS[segment] = pack
        packs.append((pack, base))
    return Engine(reader, packs, live)


def forget_packs(keep: set[str]) -> None:
    """Drop cached packs of segments no reader uses any more (after merges)."""
    with _PACKS_LOCK:
        for key in list(_PACKS):
            if key not in keep:
                del _PACKS[key]


# -- set algebra over (docs, scores) ------------------------------------------------


def union(parts: list[Matched]) -> tuple[Matched, npt.NDArray[np.int64]]:
    """Documents matching any part, scores summed; and how many parts each matched."""
    parts = [p for p in parts if p.docs.size]
    if not parts:
        return Matched.empty(), np.zeros(0, np.int64)
    if len(parts) == 1:
        return parts[0], np.ones(parts[0].docs.size, np.int64)
    docs = np.concatenate([p.docs for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    size = int(docs.max()) + 1
    if docs.size * 16 >= size:
        # many postings: accumulate over every document number (no sort), then compact
        summed_all = np.bincount(docs, weights=scores, minlength=size)
        counts_all = np.bincount(docs, minlength=size)
        unique = np.flatnonzero(counts_all).astype(np.int64)
        return Matched(unique, summed_all[unique].astype(np.float64)), counts_all[unique]
    unique, inverse = np.unique(docs, return_inverse=True)
    summed = np.bincount(inverse, weights=scores, minlength=unique.size).astype(np.float64)
    counts = np.bincount(inverse, minlength=unique.size).astype(np.int64)
    return Matched(unique, summed), counts


def intersection(parts: list[Matched]) -> Matched:
    """Documents matching every part, scores summed (rarest part first)."""
    parts = sorted(parts, key=lambda p: p.docs.size)
    out = parts[0]
    for p in parts[1:]:
        if not out.docs.size:
            break
        where = np.searchsorted(p.docs, out.docs)
        where[where >= p.docs.size] = 0
        hit = p.docs[where] == out.docs if p.docs.size else np.zeros(out.docs.size, bool)
        out = Matched(out.docs[hit], out.scores[hit] + p.scores[where[hit]])
    return out


def without(a: Matched, b: Matched) -> Matched:
    if not b.docs.size or not a.docs.size:
        return a
    keep = ~_members(a.docs, b.docs)
    return Matched(a.docs[keep], a.scores[keep])


def maybe(a: Matched, b: Matched) -> Matched:
    """``a``'s documents, with ``b``'s score added where ``b`` matches too."""
    if not a.docs.size or not b.docs.size:
        return a
    where = np.searchsorted(b.docs, a.docs)
    where[where >= b.docs.size] = 0
    hit = b.docs[where] == a.docs
    scores = a.scores.copy()
    scores[hit] += b.scores[where[hit]]
    return Matched(a.docs, scores)


def _scaled(m: Matched, boost: float) -> Matched:
    return m if boost == 1.0 else Matched(m.docs, m.scores * boost)


# -- node handlers ---------------------------------------------------------------------


def _h_term(e: Engine, q: wq.Term) -> Matched:
    return e._term(q.fieldname, q.text, q.boost)


def _split(e: Engine, subs: list[wq.Query]) -> tuple[list[Matched], list[Matched]]:
    pos, neg = [], []
    for s in subs:
        if isinstance(s, wq.Not):
            neg.append(e._eval(s.query))
        else:
            pos.append(e._eval(s))
    return pos, neg


def _inverse(e: Engine, negatives: list[Matched]) -> Matched:
    """Every document matching none of ``negatives``, scored 1.0 as Whoosh's inverse matcher."""
    inside = np.zeros(e.doc_count, np.bool_)
    for n in negatives:
        inside[n.docs] = True
    docs = np.flatnonzero(~inside & e.live).astype(np.int64)
    return Matched(docs, np.ones(docs.size, np.float64))


def _clauses(e: Engine, q: wq.CompoundQuery) -> list[Matched]:
    """The answers of a compound's subqueries, its NOT clauses as one inverse clause."""
    pos, neg = _split(e, list(q.subqueries))
    if neg:
        pos.append(_inverse(e, neg))
    return pos


def _h_and(e: Engine, q: wq.And) -> Matched:
    if not q.subqueries:
        return Matched.empty()
    return _scaled(intersection(_clauses(e, q)), q.boost)


def _h_or(e: Engine, q: wq.Or) -> Matched:
    if not q.subqueries:
        return Matched.empty()
    found, counts = union(_clauses(e, q))
    scale = getattr(q, "scale", None)
    if scale and found.docs.size:
        found = Matched(found.docs, _coord(found.scores, counts, _leaf_count(q), scale))
    return _scaled(found, q.boost)


def _coord(scores: Scores, matching: Any, termcount: int, scale: float) -> Scores:
    """Whoosh's coordination bonus (the "SQR" of its CoordMatcher)."""
    if termcount <= 1 or termcount == scale:
        return scores
    out: Scores = (scores + (matching - 1) / (termcount - scale) ** 2) * (
        (termcount - 1) / termcount
    )
    return out


def _leaf_count(q: wq.Query) -> int:
    return sum(1 for _ in q.leaves()) if not q.is_leaf() else 1


def _h_min_match(e: Engine, q: MinMatch) -> Matched:
    """At least ``q.minimum`` of the typed words, ranked by :mod:`.ranking`."""
    found = rank_words(e, list(q.subqueries), q.minimum, e._eval)
    return _scaled(Matched(found.docs, found.scores), q.boost)


def _h_not(e: Engine, q: wq.Not) -> Matched:
    return _inverse(e, [e._eval(q.query)])


def _h_andnot(e: Engine, q: wq.AndNot) -> Matched:
    return without(e._eval(q.a), e._eval(q.b))


def _h_andmaybe(e: Engine, q: wq.AndMaybe) -> Matched:
    return maybe(e._eval(q.a), e._eval(q.b))


def _h_every(e: Engine, q: wq.Every) -> Matched:
    if q.fieldname in (None, "", "*"):
        return e.every()
    return e.having(q.fieldname)


def _h_phrase(e: Engine, q: wq.Phrase) -> Matched:
    words = [w for w in q.words if w is not None]
    if not words:
        return Matched.empty()
    if len(words) == 1:
        return e._term(q.fieldname, words[0], q.boost)
    field = q.fieldname
    terms = [e._bytes(field, w) for w in words]
    if any(t is None for t in terms):
        return Matched.empty()
    lists = [e.postings(field, t) for t in terms if t is not None]
    if any(not p.docs.size for p in lists):
        return Matched.empty()
    # score as Whoosh's phrase matcher does: the sum of the words' own BM25F scores
    parts = [
        Matched(
            p.docs,
            e.bm25(field, e.idf(field, e.reader.doc_frequency(field, t)), p.weights, p.lengths),
        )
        for p, t in zip(lists, terms, strict=True)
        if t is not None
    ]
    candidates = intersection(parts)
    if not candidates.docs.size:
        return candidates
    hit = phrase_docs(e, field, lists, candidates.docs, q.slop)
    keep = _members(candidates.docs, hit)
    return _scaled(Matched(candidates.docs[keep], candidates.scores[keep]), q.boost)


def phrase_docs(e: Engine, field: str, lists: list[_Postings], docs: Docs, slop: int) -> Docs:
    """Documents of ``docs`` where the words occur in order, each within ``slop`` of the last.

    Every occurrence becomes a key ``doc << 32 | position``; for slop 1 the i-th
    word's keys are shifted back by i and intersected, all in numpy.
    """
    keys = [_occurrence_keys(e, field, p, docs) for p in lists]
    if slop <= 1:
        current = keys[0]
        for i, k in enumerate(keys[1:], start=1):
            current = current[_members(current, k - i)]
            if not current.size:
                break
        return np.unique(current >> 32)
    reached = keys[0]
    for k in keys[1:]:
        # an occurrence is reached when a reached occurrence of the previous word lies
        # 1..slop before it (the nearest such one decides; same document, as keys differ
        # by at least 2**32 across documents)
        before = np.searchsorted(reached, k, "left") - 1
        ok = before >= 0
        gap = k - reached[np.where(ok, before, 0)]
        reached = k[ok & (gap >= 1) & (gap <= slop)]
        if not reached.size:
            break
    return np.unique(reached >> 32)


def _occurrence_keys(e: Engine, field: str, p: _Postings, docs: Docs) -> Docs:
    """``doc << 32 | position`` of each occurrence of the term in ``docs``, ascending."""
    out = []
    offset = 0
    for s, _row, a, b in p.segments:
        pack, base = e.packs[s]
        fp = pack.fields[field]
        seg_docs = p.docs[offset : offset + (b - a)]
        offset += b - a
        wanted = _members(seg_docs, docs)
        if not wanted.any():
            continue
        rows = np.flatnonzero(wanted) + a
        starts = fp.pos_at[rows].astype(np.int64)
        ends = fp.pos_at[rows + 1].astype(np.int64)
        counts = ends - starts
        index = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        index += np.arange(int(counts.sum()), dtype=np.int64)
        positions = fp.pos[index].astype(np.int64)
        owners = np.repeat(seg_docs[wanted], counts)
        out.append((owners << 32) | positions)
    if not out:
        return np.zeros(0, np.int64)
    # ascending already: segments in document order, documents and positions ascending
    return np.concatenate(out)


def _members(values: Docs, sorted_set: Docs) -> npt.NDArray[np.bool_]:
    """Which of ``values`` are in ``sorted_set`` (ascending): one binary search each."""
    if not sorted_set.size:
        return np.zeros(values.size, np.bool_)
    where = np.searchsorted(sorted_set, values)
    where[where >= sorted_set.size] = 0
    found: npt.NDArray[np.bool_] = sorted_set[where] == values
    return found


def _expanded(
    e: Engine, field: str, prefix: bytes, pattern: re.Pattern[bytes] | None = None
) -> list[bytes]:
    """The field's terms starting with ``prefix`` (and matching ``pattern``), the most
    frequent :data:`MAX_EXPANSION` of them, in term order."""
    found: dict[bytes, int] = {}
    for pack, _base in e.packs:
        fp = pack.fields.get(field)
        if fp is None:
            continue
        lo, hi = fp.prefix_range(prefix)
        if hi <= lo:
            continue
        rows = np.arange(lo, hi, dtype=np.int64)
        if pattern is not None:
            rows = _matching_rows(fp, pattern, lo, hi)
        if not rows.size:
            continue
        sizes = np.asarray(fp.at)[rows + 1] - np.asarray(fp.at)[rows]
        best = np.argsort(-sizes, kind="stable")[:MAX_EXPANSION]
        for r, n in zip(rows[best], sizes[best], strict=True):
            t = fp.term(int(r))
            found[t] = found.get(t, 0) + int(n)
    return sorted(sorted(found, key=lambda t: (-found[t], t))[:MAX_EXPANSION])


_LINES: dict[int, tuple[Any, bytes, npt.NDArray[np.int64]]] = {}


def _matching_rows(fp: Any, pattern: re.Pattern[bytes], lo: int, hi: int) -> Docs:
    """Rows in ``[lo, hi)`` whose term matches ``pattern``: one regular-expression scan
    over the terms joined by newlines (cached per pack field), in C, not a loop in Python."""
    cached = _LINES.get(id(fp))
    if cached is None or cached[0] is not fp:
        blob_at = np.asarray(fp.blob_at, np.int64)
        raw = np.asarray(fp.blob, np.uint8)
        lines = np.insert(raw, blob_at[1:-1], ord("\n")).tobytes() if raw.size else b""
        starts = blob_at[:-1] + np.arange(blob_at.size - 1)
        cached = _LINES[id(fp)] = (fp, lines, starts)
        while len(_LINES) > 64:
            _LINES.pop(next(iter(_LINES)))
    _, lines, starts = cached
    first = int(starts[lo]) if lo < starts.size else len(lines)
    last = int(starts[hi]) if hi < starts.size else len(lines)
    hits = [m.start() for m in pattern.finditer(lines, first, last)]
    return np.searchsorted(starts, np.array(hits, dtype=np.int64)).astype(np.int64)


def _multi_terms(e: Engine, q: Any, terms: list[bytes]) -> Matched:
    """A prefix or wildcard: an OR of its expanded terms, each scored by BM25F (what
    Whoosh's tree of union matchers gives; its preloaded matcher, chosen only for
    archives under 5,000 documents, scores such matches 1.0 instead)."""
    return union([e._term(q.fieldname, t, q.boost) for t in terms])[0]


def _h_prefix(e: Engine, q: wq.Prefix) -> Matched:
    prefix = e._bytes(q.fieldname, q.text)
    if prefix is None:
        return Matched.empty()
    return _multi_terms(e, q, _expanded(e, q.fieldname, prefix))


def _h_wildcard(e: Engine, q: wq.Wildcard) -> Matched:
    text = q.text
    if not text.strip("*?"):
        return _h_every(e, wq.Every(q.fieldname, boost=q.boost))
    cut = min((i for i, c in enumerate(text) if c in "*?["), default=len(text))
    prefix = e._bytes(q.fieldname, text[:cut]) if cut else b""
    if prefix is None:
        return Matched.empty()
    if "[" in text:
        raise Unsupported("Wildcard character class")
    return _multi_terms(e, q, _expanded(e, q.fieldname, prefix, _glob(text)))


def _glob(text: str) -> re.Pattern[bytes]:
    """``in*f?x`` as a pattern matching whole terms of the newline-joined term list."""
    parts = [
        "[^\\n]*"
        if c == "*"
        else "(?:[\\x00-\\x09\\x0b-\\x7f]|[\\xc0-\\xff][\\x80-\\xbf]+)"
        if c == "?"
        else re.escape(c)
        for c in text
    ]
    return re.compile(("(?m)^" + "".join(parts) + "$").encode("utf-8"))


def _h_synonyms(e: Engine, q: SynonymSet) -> Matched:
    """A translated word's synonym set, scored as one term (see :mod:`.synonyms`)."""
    parts, df = [], 0.0
    for text, weight in q.members:
        term = e._bytes(q.fieldname, text)
        if term is None:
            continue
        df += weight * e.reader.doc_frequency(q.fieldname, term)
        p = e.postings(q.fieldname, term)
        if p.docs.size:
            parts.append((p, weight))
    if not parts:
        return Matched.empty()
    docs = np.concatenate([p.docs for p, _ in parts])
    tf_parts = np.concatenate([p.weights * w for p, w in parts])
    lengths = np.concatenate([p.lengths for p, _ in parts])
    unique, first, inverse = np.unique(docs, return_index=True, return_inverse=True)
    tf = np.bincount(inverse, weights=tf_parts, minlength=unique.size)
    scores = e.bm25(q.fieldname, e.idf(q.fieldname, df), tf, lengths[first]) * q.boost
    return Matched(unique, scores)


_HANDLERS: dict[type, Any] = {
    wq.Term: _h_term,
    wq.And: _h_and,
    wq.Or: _h_or,
    wq.Not: _h_not,
    wq.AndNot: _h_andnot,
    wq.AndMaybe: _h_andmaybe,
    wq.Every: _h_every,
    wq.Phrase: _h_phrase,
    wq.Prefix: _h_prefix,
    wq.Wildcard: _h_wildcard,
    SynonymSet: _h_synonyms,
    MinMatch: _h_min_match,
}
