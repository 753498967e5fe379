"""Plain BM25, computed here: the baseline releasesearch has to beat.

What a search box gives with no linguistics at all: lowercase word tokens (no
stemming, no stop words, no decompounding), title and body as one text, every
query word optional (OR), Lucene's BM25 with k1 = 1.2, b = 0.75.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

K1 = 1.2
B = 0.75
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class BM25:
    """An in-memory inverted index over (id, text) pairs."""

    def __init__(self, docs: Iterable[tuple[str, str]], *, k1: float = K1, b: float = B) -> None:
        self.ids: list[str] = []
        postings: dict[str, tuple[list[int], list[int]]] = {}
        lengths: list[int] = []
        for doc, (key, text) in enumerate(docs):
            words = tokens(text)
            self.ids.append(key)
            lengths.append(len(words))
            for term, tf in Counter(words).items():
                entry = postings.setdefault(term, ([], []))
                entry[0].append(doc)
                entry[1].append(tf)
        self.k1, self.b = k1, b
        self.length = np.array(lengths, dtype=np.float64)
        self.avg = float(self.length.mean()) if lengths else 0.0
        self.postings = {
            t: (np.array(d), np.array(f, dtype=np.float64)) for t, (d, f) in postings.items()
        }

    def idf(self, term: str) -> float:
        df = len(self.postings[term][0])
        n = len(self.ids)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> npt.NDArray[np.float64]:
        total = np.zeros(len(self.ids))
        for term in dict.fromkeys(tokens(query)):
            if term not in self.postings:
                continue
            docs, tf = self.postings[term]
            norm = self.k1 * (1 - self.b + self.b * self.length[docs] / self.avg)
            total[docs] += self.idf(term) * tf * (self.k1 + 1) / (tf + norm)
        return total

    def search(self, query: str, limit: int) -> list[str]:
        """Ids of the best ``limit`` matches, best first (ties in corpus order)."""
        total = self.scores(query)
        hits = np.flatnonzero(total > 0)
        order = hits[np.argsort(-total[hits], kind="stable")][:limit]
        return [self.ids[i] for i in order]
