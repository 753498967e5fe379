"""Indexed text fields analysed in the worker that parsed the release.

A worker process analyses each release's title, body and spelling text
(:func:`analyse`) and encodes their postings as the field's format encodes
them, in columns (:class:`schema.Analysed`); the writer only files them
(:mod:`.segment`). Text fields go through :func:`analysis.index_tokens` (each
word form analysed once per process); a field whose analyzer is not an
:class:`analysis.IndexAnalyzer` (the spelling field, or an index created
before it) is analysed by Whoosh's own ``field.index``, so every field's
postings are exactly what Whoosh's writer would make of the string.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import fields

from releasesearch.analysis import IndexAnalyzer, index_tokens
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
    if not isinstance(analyzer, IndexAnalyzer):
        return F.Analysed.of(field.index(text))
    ids: dict[str, int] = {}
    found: list[list[Any]] = []
    chars = field.format.supports("characters")
    for term, pos, start, end in index_tokens(text, analyzer.language):
        i = ids.get(term)
        if i is None:
            i = ids[term] = len(found)
            found.append([])
        found[i].append((pos, start, end) if chars else pos)
    encode = field.format.encode
    values = [encode(occurrences) for occurrences in found]
    freqs = np.fromiter(map(len, found), dtype=np.int32, count=len(found))
    return F.Analysed(
        terms=tuple(term.encode("utf-8") for term in ids),
        freqs=freqs,
        weights=freqs * float(field.format.field_boost),
        values=b"".join(values),
        ends=np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values))),
    )
