"""A weighted synonym set as one Whoosh query term: how a translated word is scored.

A query word translated into the other language becomes one set of index terms
(its translations, and the word itself for names and loan words), each with a
weight (the share the dictionary model gives it).  The set is scored as a single
term (probabilistic structured queries, Darwish & Oard 2003, after Pirkola 1998):
its term frequency in a document is the weighted sum of its members', its
document frequency the weighted sum of theirs, and BM25F is applied once.  So a
word with twelve translations weighs what a word with one does, and a rare,
unlikely translation cannot dominate the ranking through its idf, which is what
happens when the translations are separate OR terms.

The scores are computed per segment with numpy and handed to Whoosh as a list
matcher, so the set combines with AND, OR, NOT and the facet masks like any term.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import matching
from whoosh.query import Query
from whoosh.searching import Searcher

__all__ = ["SynonymSet"]

K1 = 1.2
B = 0.75


class SynonymSet(Query):  # type: ignore[misc]
    """Index terms of one field scored as one term.

    :param fieldname: the analysed text field the members belong to.
    :param members: (index term, weight) pairs, weights in (0, 1].
    :param translated: the members that are translations (marked as such in snippets).
    """

    def __init__(
        self,
        fieldname: str,
        members: tuple[tuple[str, float], ...],
        translated: frozenset[str] = frozenset(),
        boost: float = 1.0,
    ) -> None:
        self.fieldname = fieldname
        self.members = members
        self.translated = translated
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return (
            type(self) is type(other)
            and isinstance(other, SynonymSet)
            and (self.fieldname, self.members, self.boost)
            == (other.fieldname, other.members, other.boost)
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.members, self.boost))

    def __repr__(self) -> str:
        inner = ", ".join(f"{t}:{w:.2f}" for t, w in self.members)
        return f"SynonymSet({self.fieldname!r}, [{inner}], boost={self.boost})"

    def is_leaf(self) -> bool:
        return True

    def has_terms(self) -> bool:
        return True

    def field(self) -> str:
        return self.fieldname

    def terms(self, phrases: bool = False) -> Iterator[tuple[str, str]]:
        for text, _weight in self.members:
            yield (self.fieldname, text)

    def estimate_size(self, ixreader: Any) -> int:
        return sum(ixreader.doc_frequency(self.fieldname, t) for t, _ in self.members)

    def normalize(self) -> Query:
        return self

    def simplify(self, ixreader: Any) -> Query:
        return self

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        """The set's documents in this (sub)searcher's segment with their scores."""
        reader = searcher.reader()
        parent = searcher.get_parent()
        present = [(t, w) for t, w in self.members if (self.fieldname, t) in reader]
        if not present:
            return matching.NullMatcher()
        docs, tf = self._frequencies(reader, present)
        if not len(docs):
            return matching.NullMatcher()
        df = sum(w * parent.doc_frequency(self.fieldname, t) for t, w in self.members)
        idf = math.log(parent.doc_count_all() / (df + 1)) + 1
        avg = parent.avg_field_length(self.fieldname) or 1.0
        lengths = np.fromiter(
            (reader.doc_field_length(int(d), self.fieldname, 1) for d in docs),
            dtype=np.float64,
            count=len(docs),
        )
        norm = K1 * ((1 - B) + B * lengths / avg)
        scores = self.boost * idf * tf * (K1 + 1) / (tf + norm)
        return matching.ListMatcher(docs.tolist(), weights=scores.tolist())

    def _frequencies(
        self, reader: Any, present: list[tuple[str, float]]
    ) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.float64]]]:
        """Sorted document numbers and the weighted term frequency of the set in each."""
        ids: list[int] = []
        weights: list[float] = []
        for text, weight in present:
            postings = reader.postings(self.fieldname, text)
            while postings.is_active():
                ids.append(postings.id())
                weights.append(weight * postings.weight())
                postings.next()
        if not ids:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        docs, inverse = np.unique(np.array(ids, dtype=np.int64), return_inverse=True)
        tf = np.bincount(inverse, weights=np.array(weights), minlength=len(docs))
        return docs, tf.astype(np.float64)
