"""Text fields analysed once, for Whoosh's postings and for posting packs alike.

A worker process analyses each release's title and body (:func:`analyse`): the
tokens become Whoosh's postings, encoded as the field's format encodes them, and
the same tokens as arrays, from which a pack is built without reading the
segment back. Analysis goes through :func:`analysis.index_tokens` (each word
form analysed once per process); a field whose analyzer is not an
:class:`analysis.IndexAnalyzer` (an index created before it) is analysed by
Whoosh, without arrays.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from whoosh import fields

from releasesearch.analysis import IndexAnalyzer, index_tokens
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease


def analyse(schema: fields.Schema, item: EnrichedRelease) -> dict[str, F.Analysed]:
    """The text fields of ``item``'s document, analysed by ``schema`` (the index's own)."""
    out: dict[str, F.Analysed] = {}
    for name, text in F.text_values(item).items():
        if text:
            out[name] = analyse_field(schema[name], text)
    return out


def analyse_field(field: fields.FieldType, text: str) -> F.Analysed:
    """One field's postings (exactly ``field.index(text)``) and its tokens as arrays."""
    analyzer = field.analyzer
    if not isinstance(analyzer, IndexAnalyzer):
        return F.Analysed(tuple(field.index(text)))
    ids: dict[str, int] = {}
    rows = [
        (ids.setdefault(term, len(ids)), pos, start, end)
        for term, pos, start, end in index_tokens(text, analyzer.language)
    ]
    occurrences = np.array(rows, dtype=np.int32).reshape(-1, 4)
    return F.Analysed(
        postings=_postings(field, list(ids), rows),
        terms=tuple(term.encode("utf-8") for term in ids),
        occurrences=occurrences,
    )


def _postings(
    field: fields.FieldType, terms: list[str], rows: list[tuple[int, int, int, int]]
) -> tuple[F.Posting, ...]:
    """What the field's format makes of these tokens (``Positions``/``Characters.word_values``)."""
    fmt = field.format
    chars = fmt.supports("characters")
    grouped: dict[int, list[Any]] = defaultdict(list)
    for term_id, pos, start, end in rows:
        grouped[term_id].append((pos, start, end) if chars else pos)
    boost = fmt.field_boost
    return tuple(
        (terms[t].encode("utf-8"), len(found), float(len(found)) * boost, fmt.encode(found))
        for t, found in grouped.items()
    )
