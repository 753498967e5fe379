"""Indexed text fields analysed in the worker that parsed the release.

A worker process analyses each release's title, body and spelling text
(:func:`analyse`) and encodes their postings as the field's format encodes
them, in columns (:class:`schema.Analysed`); the writer only files them
(:mod:`.segment`). Text fields go through :func:`analysis.index_occurrences` (each
word form analysed once per process), the spelling field's plain words are
counted directly, and any other field (an index created before them) is
analysed by Whoosh's own ``field.index``: every field's postings are exactly
what Whoosh's writer would make of the string.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from whoosh import fields, formats
from whoosh.analysis import SimpleAnalyzer
from whoosh.system import pack_uint

from releasesearch.analysis import IndexAnalyzer, index_occurrences
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease


def analyse(schema: fields.Schema, item: EnrichedRelease) -> dict[str, F.Analysed]:
    """The indexed text fields of ``item``'s document, analysed by ``schema`` (the index's own)."""
    out: dict[str, F.Analysed] = {}
    for name, text in F.analysed_values(item).items():
        if text and name in schema:
            out[name] = analyse_field(schema[name], text)
    return out


def analyse_field(field: fields.FieldType, text: str) -> F.Analysed:
    """One field's postings: exactly ``field.index(text)``, as columns."""
    analyzer = field.analyzer
    if isinstance(analyzer, IndexAnalyzer):
        found = index_occurrences(text, analyzer.language)
        encode = field.format.encode
        if field.format.supports("characters"):
            values = [encode(occurrences) for occurrences in found.values()]
        else:
            values = [encode([o[0] for o in occurrences]) for occurrences in found.values()]
        terms = tuple(term.encode("utf-8") for term in found)
        freqs = np.fromiter(map(len, found.values()), dtype=np.int32, count=len(found))
    elif _plain_words(field):
        counts = Counter(m.group().lower() for m in _SIMPLE_WORDS.finditer(text))
        values = [pack_uint(n) for n in counts.values()]
        terms = tuple(term.encode("utf-8") for term in counts)
        freqs = np.fromiter(counts.values(), dtype=np.int32, count=len(counts))
    else:
        return F.Analysed.of(field.index(text))
    return F.Analysed(
        terms=terms,
        freqs=freqs,
        weights=freqs * float(field.format.field_boost),
        values=b"".join(values),
        ends=np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values))),
    )


_SIMPLE = SimpleAnalyzer()
_SIMPLE_WORDS = _SIMPLE.items[0].expression


def _plain_words(field: fields.FieldType) -> bool:
    """Whether ``field`` is the spelling field's kind: Whoosh's ``SimpleAnalyzer``
    (its word pattern, lowercased) and word frequencies, which :func:`analyse_field`
    counts without Whoosh's token stream."""
    return field.analyzer == _SIMPLE and type(field.format) is formats.Frequency
