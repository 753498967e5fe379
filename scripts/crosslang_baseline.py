"""The plain baseline of the cross-language evaluation: BM25 with dictionary query translation.

The simplest honest method (Pirkola 1998, "structured queries"): every question
word becomes one synonym set made of the word itself and every translation the
FreeDict dictionary lists for it, Snowball-stemmed the way the releases are; a set
counts as one term, its term frequency the sum of its members' and its document
frequency that of the union of their postings, so a word with twelve translations
weighs what a word with one does.  No lemmas, no compounds, no weights: the
dictionary is looked up by the exact index key (lowercase word).

Also the untranslated BM25 run (the same ranking over the question's own words),
which shows what names and numbers find by themselves.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import Stemmer
from whoosh.lang.stopwords import stoplists

DICT_DIR = Path("/usr/share/dictd")
_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_WORD = re.compile(r"[^\W_]+")
_NOISE = re.compile(r"<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\([^)]*\)")
_NAMES = {"en": "english", "de": "german"}
_FILE = {("en", "de"): "freedict-eng-deu", ("de", "en"): "freedict-deu-eng"}
K1, B = 1.2, 0.75


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


class Dictionary:
    """Exact-key lookups in one dictd dictionary (index + gzip-readable .dict.dz)."""

    def __init__(self, stem: Path) -> None:
        self._data = gzip.open(stem.with_suffix(".dict.dz")).read()
        self._spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        with stem.with_suffix(".index").open(encoding="utf-8") as handle:
            for line in handle:
                key, offset, length = line.rstrip("\n").split("\t")
                self._spans[key].append((_b64(offset), _b64(length)))

    def translations(self, word: str) -> list[str]:
        """Every translation of ``word`` (a lowercase index key), in dictionary order."""
        found: list[str] = []
        for offset, length in self._spans.get(word, ()):
            entry = self._data[offset : offset + length].decode("utf-8")
            found.extend(_entry_translations(entry))
        return found


def _entry_translations(entry: str) -> list[str]:
    """The translation lines of one entry (not its notes, examples or references)."""
    out: list[str] = []
    for line in entry.split("\n")[1:]:
        stripped = line.strip()
        if not stripped or line.startswith("   ") or stripped.startswith(("see:", "Synonym")):
            continue
        out.extend(p.strip() for p in _NOISE.sub(" ", stripped).split(",") if p.strip())
    return out


@cache
def dictionary(source: str, target: str) -> Dictionary | None:
    stem = DICT_DIR / _FILE[(source, target)]
    return Dictionary(stem) if stem.with_suffix(".index").exists() else None


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_NAMES[language])


def terms(text: str, language: str) -> list[str]:
    """Lowercase words without stop words, Snowball-stemmed."""
    stops = stoplists[language]
    words = [w for w in _WORD.findall(text.lower()) if w not in stops]
    return _stemmer(language).stemWords(words)


class BM25:
    """Okapi BM25 over one corpus, with synonym sets as query units."""

    def __init__(self, texts: Iterable[str], language: str) -> None:
        self.language = language
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        lengths = []
        for doc, text in enumerate(texts):
            counts = Counter(terms(text, language))
            lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings[term][doc] = tf
        self.lengths = np.array(lengths, dtype=np.float64)
        self.size = len(lengths)

    def score(self, synonym_sets: list[set[str]]) -> np.ndarray:
        """Scores of every document for a query of synonym sets."""
        scores = np.zeros(self.size)
        norm = K1 * (1 - B + B * self.lengths / self.lengths.mean())
        for members in synonym_sets:
            tf: Counter[int] = Counter()
            for term in members:
                tf.update(self.postings.get(term, {}))
            if not tf:
                continue
            docs = np.fromiter(tf.keys(), dtype=np.int64)
            freq = np.fromiter(tf.values(), dtype=np.float64)
            df = len(docs)
            idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            scores[docs] += idf * freq * (K1 + 1) / (freq + norm[docs])
        return scores


def synonym_sets(question: str, source: str, target: str, translate: bool) -> list[set[str]]:
    """One set per question word: the word, and with ``translate`` its translations."""
    stops = stoplists[source]
    words = [w for w in _WORD.findall(question.lower()) if w not in stops]
    found = dictionary(source, target) if translate else None
    sets = []
    for word in words:
        members = set(terms(word, target))
        if found is not None:
            for translation in found.translations(word):
                members.update(terms(translation, target))
        if members:
            sets.append(members)
    return sets
