"""How the typed words of a query rank a release: BM25F per word, words near each other.

Whoosh scores a typed word as the sum of one BM25 per field (title and body each
saturate on their own, the title doubled by its field boost), with an idf of
``log(N / (df + 1)) + 1``. On the ranking harness (``make eval``) that loses to
a plain BM25 over title and body as one text: a release with a common word in
its title outranks the one with the rare word in its body. So the words of a
query (the :class:`~.semantics.MinMatch` that :func:`~.semantics.shape` makes of
them) are ranked here instead:

- **BM25F per word** (Robertson and Zaragoza): the word's frequency in title and
  body, each divided by its field's length normalisation, the title's weighted
  by :data:`TITLE_WEIGHT`, are added first and saturated once (:data:`K1`), with
  a probabilistic idf (``log(1 + (N - df + 0.5) / (df + 0.5))``, Lucene's) over
  the releases of the word's language. A translated word's synonym set
  (:mod:`.synonyms`) counts as one word, its members' frequencies weighted.
- **Proximity** (BM25TP, Rasolofo and Savoy): among the best :data:`RERANK`
  releases, every pair of query words occurring within :data:`WINDOW` positions
  of each other adds ``1 / distance²`` to the pair's evidence, saturated like a
  term frequency and weighted by the rarer word's idf and :data:`PROXIMITY`.

Every constant was chosen on the tune half of the harness; the README lists the
figures that chose it. Whoosh's own matcher (the fallback without posting packs)
ranks the same documents by its own scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from whoosh import query as wq

from releasesearch.index import schema as F
from releasesearch.search.synonyms import SynonymSet

__all__ = ["RankedWords", "rank_words"]

K1 = 0.9  # saturation of a word's combined frequency
TITLE_WEIGHT = 1.0  # an occurrence in the title counts this many body occurrences
TITLE_B = 0.75  # length normalisation of titles
BODY_B = 0.5  # length normalisation of bodies
PROXIMITY = 0.0  # weight of the words-near-each-other evidence
WINDOW = 5  # positions within which two query words count as near
RERANK = 200  # releases (best first) whose proximity is computed
MINIMUM_SHARE = 0.5  # a release with fewer words matches when they carry this share of the idf
TITLE_OFFSET = 1 << 30  # title positions are kept apart from body positions

Docs = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_FIELDS: dict[str, tuple[str, bool]] = {
    **{F.title_field(lang): (lang, True) for lang in F.TEXT_LANGUAGES},
    **{F.body_field(lang): (lang, False) for lang in F.TEXT_LANGUAGES},
}


class Source(Protocol):
    """What ranking reads from the posting engine."""

    doc_count: int

    def postings(self, field: str, term: bytes) -> Any: ...
    def avg_length(self, field: str) -> float: ...
    def term_bytes(self, field: str, text: Any) -> bytes | None: ...
    def language_count(self, language: str) -> int: ...
    def occurrence_keys(self, field: str, postings: Any, docs: Docs) -> Docs: ...


@dataclass(frozen=True, slots=True)
class _Evidence:
    """One field's postings of one member of a word (a term, or a synonym set's member)."""

    field: str
    member: bytes
    weight: float  # the member's weight in its synonym set (1.0 for a plain term)
    boost: float
    postings: Any


@dataclass(frozen=True, slots=True)
class _Word:
    """A typed word's matches: documents (ascending), BM25F scores, each document's idf."""

    docs: Docs
    scores: Floats
    idf: Floats
    evidence: tuple[_Evidence, ...]  # what proximity reads (empty: the word has no positions)
    lang: npt.NDArray[np.int64] | None = None  # each document's language (TEXT_LANGUAGES index)
    idf_by_language: tuple[float, ...] = ()  # the word's idf in each language


@dataclass(frozen=True, slots=True)
class RankedWords:
    """Documents matching at least the minimum of the words, and their scores."""

    docs: Docs
    scores: Floats


def rank_words(
    source: Source,
    words: list[wq.Query],
    minimum: int,
    evaluate: Callable[[wq.Query], Any],
) -> RankedWords:
    """Documents with at least ``minimum`` of ``words``, ranked by BM25F and proximity.

    A word the parser made of one typed word (an OR of terms or synonym sets over
    the text fields) is scored here; anything else by ``evaluate`` (the engine).
    """
    scored = [_words_of(source, q, evaluate) for q in words]
    counted = [_counted(ws) for ws in scored]
    docs, scores, counts = _summed([(w.docs, w.scores) for w in counted])
    keep = counts >= minimum
    if MINIMUM_SHARE <= 1.0 and minimum < len(words) and not keep.all():
        keep |= _weighty(counted, docs) >= MINIMUM_SHARE
    docs, scores = docs[keep], scores[keep]
    flat = [w for ws in scored for w in ws if w.evidence]
    if PROXIMITY and len(flat) > 1 and docs.size:
        scores = scores + _proximity(source, flat, docs, scores)
    return RankedWords(docs, scores)


# -- one typed word -------------------------------------------------------------------


def _words_of(source: Source, q: wq.Query, evaluate: Callable[[wq.Query], Any]) -> list[_Word]:
    """The scored parts of one typed word: one, or one per part of a hyphenated word
    (``DFB-Pokalfinale``: every part must be there); scored by the engine otherwise."""
    parts = _hyphen_parts(q)
    if parts is not None:
        found = [_plain_word(source, p) for p in parts]
        if all(w is not None for w in found):
            return [w for w in found if w is not None]
    word = _plain_word(source, q)
    if word is not None:
        return [word]
    m = evaluate(q)
    return [_Word(m.docs, m.scores, np.zeros(m.docs.size), ())]


def _weighty(words: list[_Word], docs: Docs) -> Floats:
    """Per document: the share of the query's idf (in the document's language) that the
    words it has carry."""
    plain = [w for w in words if w.lang is not None and w.idf_by_language]
    if not plain:
        return np.zeros(docs.size, np.float64)
    matched = np.zeros(docs.size, np.float64)
    lang = np.zeros(docs.size, np.int64)
    for w in plain:
        where = np.searchsorted(docs, w.docs)
        matched[where] += w.idf
        assert w.lang is not None
        lang[where] = w.lang
    totals = np.sum([w.idf_by_language for w in plain], axis=0)
    share: Floats = matched / totals[lang]
    return share


def _counted(words: list[_Word]) -> _Word:
    """The parts of one typed word as one word: documents having every part."""
    if len(words) == 1:
        return words[0]
    docs, scores, counts = _summed([(w.docs, w.scores) for w in words])
    keep = counts == len(words)
    docs, scores = docs[keep], scores[keep]
    if any(w.lang is None or not w.idf_by_language for w in words):
        return _Word(docs, scores, np.zeros(docs.size), ())
    idf = np.zeros(docs.size)
    lang = np.zeros(docs.size, np.int64)
    for w in words:  # every part is in every kept document
        where = np.searchsorted(w.docs, docs)
        idf += w.idf[where]
        assert w.lang is not None
        lang = w.lang[where]
    by_language = tuple(np.sum([w.idf_by_language for w in words], axis=0).tolist())
    return _Word(docs, scores, idf, (), lang, by_language)


def _hyphen_parts(q: wq.Query) -> list[wq.Query] | None:
    """``Or(And(title_de:dfb, title_de:pokalfinal), And(body_de:dfb, ...), ...)`` ->
    ``[Or(title_de:dfb, body_de:dfb, ...), Or(title_de:pokalfinal, ...)]``."""
    if type(q) is not wq.Or or not q.subqueries:
        return None
    children = list(q.subqueries)
    if not all(type(c) is wq.And for c in children):
        return None
    size = len(children[0].subqueries)
    if size < 2 or any(len(c.subqueries) != size for c in children):
        return None
    return [wq.Or([c.subqueries[i] for c in children]) for i in range(size)]


def _leaves(q: wq.Query, boost: float = 1.0) -> Iterator[tuple[wq.Query, float]] | None:
    """The terms and synonym sets of a plain word with their boosts; None otherwise."""
    found: list[tuple[wq.Query, float]] = []

    def walk(node: wq.Query, b: float) -> bool:
        if node is wq.NullQuery or type(node).__name__ == "_NullQuery":
            return True
        if type(node) is wq.Or:
            return all(walk(c, b * node.boost) for c in node.subqueries)
        if type(node) in (wq.Term, SynonymSet) and node.fieldname in _FIELDS:
            found.append((node, b * node.boost))
            return True
        return False

    return iter(found) if walk(q, boost) and found else None


def _plain_word(source: Source, q: wq.Query) -> _Word | None:
    """BM25F of a plain word, each language's title and body saturated together."""
    leaves = _leaves(q)
    if leaves is None:
        return None
    by_language: dict[str, list[_Evidence]] = {}
    for node, boost in leaves:
        members = node.members if isinstance(node, SynonymSet) else ((node.text, 1.0),)
        for text, weight in members:
            term = source.term_bytes(node.fieldname, text)
            if term is None:
                continue
            p = source.postings(node.fieldname, term)
            if p.docs.size:
                lang = _FIELDS[node.fieldname][0]
                ev = _Evidence(node.fieldname, term, weight, boost, p)
                by_language.setdefault(lang, []).append(ev)
    scored = {lang: _language_score(source, lang, evs) for lang, evs in by_language.items()}
    idfs = tuple(
        scored[lang][2] if lang in scored else _idf(source.language_count(lang), 0.0)
        for lang in F.TEXT_LANGUAGES
    )
    evidence = tuple(ev for evs in by_language.values() for ev in evs)
    if not scored:
        empty = np.zeros(0, np.float64)
        return _Word(np.zeros(0, np.int64), empty, empty, (), np.zeros(0, np.int64), idfs)
    docs = np.concatenate([d for d, _, _ in scored.values()])
    scores = np.concatenate([s for _, s, _ in scored.values()])
    idf = np.concatenate([np.full(d.size, i) for d, _, i in scored.values()])
    codes = np.concatenate(
        [np.full(d.size, F.TEXT_LANGUAGES.index(lang)) for lang, (d, _, _) in scored.items()]
    ).astype(np.int64)
    order = np.argsort(docs, kind="stable")
    docs, scores, idf, codes = docs[order], scores[order], idf[order], codes[order]
    if docs.size > 1 and np.any(docs[1:] == docs[:-1]):  # a document in two languages' fields
        starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
        scores = np.add.reduceat(scores, starts)
        docs, idf, codes = docs[starts], np.maximum.reduceat(idf, starts), codes[starts]
    return _Word(docs, scores, idf, evidence, codes, idfs)


def _language_score(
    source: Source, lang: str, evidence: list[_Evidence]
) -> tuple[Docs, Floats, float]:
    """BM25F over one language's title and body: normalised frequencies added, then
    saturated once; the idf counts a document once whichever field holds the word."""
    docs, tfs = [], []
    member_docs: dict[bytes, list[Docs]] = {}
    member_weight: dict[bytes, float] = {}
    boost = max(ev.boost for ev in evidence)
    for ev in evidence:
        is_title = _FIELDS[ev.field][1]
        b = TITLE_B if is_title else BODY_B
        p = ev.postings
        norm = (1 - b) + b * p.lengths / source.avg_length(ev.field)
        weight = ev.weight * (TITLE_WEIGHT if is_title else 1.0)
        docs.append(p.docs)
        tfs.append(weight * p.weights / norm)
        member_docs.setdefault(ev.member, []).append(p.docs)
        member_weight[ev.member] = max(ev.weight, member_weight.get(ev.member, 0.0))
    df = sum(member_weight[m] * np.unique(np.concatenate(d)).size for m, d in member_docs.items())
    unique, inverse = np.unique(np.concatenate(docs), return_inverse=True)
    tf = np.bincount(inverse, weights=np.concatenate(tfs), minlength=unique.size)
    idf = _idf(source.language_count(lang), df)
    scores = boost * idf * tf * (K1 + 1) / (tf + K1)
    return unique, scores, idf


def _idf(n: int, df: float) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _summed(parts: list[tuple[Docs, Floats]]) -> tuple[Docs, Floats, npt.NDArray[np.int64]]:
    """Documents of any part, their scores added, and how many parts each is in."""
    parts = [p for p in parts if p[0].size]
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.int64)
    unique, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    scores = np.bincount(inverse, weights=np.concatenate([p[1] for p in parts]))
    counts = np.bincount(inverse, minlength=unique.size).astype(np.int64)
    return unique, scores.astype(np.float64), counts


# -- words near each other -----------------------------------------------------------


def _proximity(source: Source, words: list[_Word], docs: Docs, scores: Floats) -> Floats:
    """BM25TP's term-pair evidence for the best :data:`RERANK` documents (0 elsewhere)."""
    bonus = np.zeros(docs.size, np.float64)
    best = np.argsort(-scores, kind="stable")[:RERANK]
    top = np.sort(docs[best])
    keys = [_keys(source, w, top) for w in words]
    idf = [_idf_at(w, top) for w in words]
    total = np.zeros(top.size, np.float64)
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            acc = _pair_evidence(keys[i], keys[j], top)
            total += np.minimum(idf[i], idf[j]) * acc * (K1 + 1) / (acc + K1)
    where = np.searchsorted(docs, top)
    bonus[where] = PROXIMITY * total
    return bonus


def _keys(source: Source, word: _Word, top: Docs) -> Docs:
    """``doc << 32 | position`` of the word's occurrences in ``top``, titles offset."""
    found = []
    for ev in word.evidence:
        k = source.occurrence_keys(ev.field, ev.postings, top)
        found.append(k + TITLE_OFFSET if _FIELDS[ev.field][1] else k)
    return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)


def _idf_at(word: _Word, top: Docs) -> Floats:
    where = np.searchsorted(word.docs, top)
    where[where >= word.docs.size] = 0
    hit = word.docs[where] == top if word.docs.size else np.zeros(top.size, np.bool_)
    return np.where(hit, word.idf[where] if word.docs.size else 0.0, 0.0)


def _pair_evidence(a: Docs, b: Docs, top: Docs) -> Floats:
    """Per document of ``top``: the sum of ``1 / d²`` over occurrences of ``a`` whose
    nearest occurrence of ``b`` is ``d`` positions away, ``1 <= d <= WINDOW``."""
    acc = np.zeros(top.size, np.float64)
    if not a.size or not b.size:
        return acc
    after = np.searchsorted(b, a)
    before = np.clip(after - 1, 0, b.size - 1)
    after = np.clip(after, 0, b.size - 1)
    d = np.minimum(np.abs(a - b[before]), np.abs(b[after] - a))
    near = (d >= 1) & (d <= WINDOW)
    if not near.any():
        return acc
    owners = np.searchsorted(top, a[near] >> 32)
    acc += np.bincount(owners, weights=1.0 / d[near].astype(np.float64) ** 2, minlength=top.size)
    return acc
