"""A parsed query searched across languages: the other language's terms become synonym sets.

The parser analyses each word for every language's fields (``title_de``,
``body_de``, ...).  When the query is, say, English, every German-field term of
a typed word is replaced by the :class:`~.synonyms.SynonymSet` of that word's
German translations (the typed word kept in it), so one query ranks English
releases by the words as typed and German ones by their translations, together.
Words under NOT and inside quoted phrases are searched as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whoosh.fields import Schema
from whoosh.query import AndNot, Not, NullQuery, Or, Query, Term

from releasesearch.index import schema as F
from releasesearch.search.synonyms import SynonymSet
from releasesearch.search.translate import (
    DEFAULT_WEIGHTS,
    OTHER,
    Translation,
    Weights,
    WordSets,
    detect_language,
    translate_words,
)
from releasesearch.vocab.dictionary import Bilingual

__all__ = ["Translated", "translate_query"]

CROSS_BOOST = 0.8  # a translation weighs less than the typed word
WEIGHTS = DEFAULT_WEIGHTS  # the translation model (module-level so evaluation can vary it)


@dataclass(frozen=True, slots=True)
class Translated:
    """How a query was searched across languages."""

    query: Query
    source: str  # the language the query is written in
    target: str  # the language it was translated into
    words: tuple[str, ...]  # the typed words that have translations


def _spans(query: Query) -> list[tuple[int, int]]:
    """Character spans of the typed words behind the query's terms (not under NOT)."""
    found: set[tuple[int, int]] = set()

    def visit(q: Query) -> None:
        if isinstance(q, Not):
            return
        if isinstance(q, AndNot):
            visit(q.a)
            return
        if isinstance(q, Term):
            start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)
            if start is not None and end is not None:
                found.add((start, end))
            return
        if not q.is_leaf():
            for child in q.children():
                visit(child)

    visit(query)
    return sorted(found)


def _members(
    schema: Schema, fieldname: str, typed: str, translations: Sequence[Translation]
) -> tuple[tuple[tuple[str, float], ...], frozenset[str]]:
    """(index term, weight) pairs of one set in ``fieldname``, and which are translations."""
    analyzer = schema[fieldname].analyzer
    weights: dict[str, float] = {}
    translated: set[str] = set()
    for t in translations:
        is_typed = t.text == typed
        terms = [typed] if is_typed else [tok.text for tok in analyzer(t.text, mode="query")]
        for term in terms:
            weights[term] = min(1.0, weights.get(term, 0.0) + t.weight)
            if not is_typed:
                translated.add(term)
    if typed in weights:
        translated.discard(typed)
    return tuple(sorted(weights.items())), frozenset(translated)


def _term_sets(schema: Schema, term: Term, sets: WordSets, boost: float) -> Query:
    """What one other-language field term of a typed word becomes."""
    clauses: list[Query] = []
    groups = [*sets.sets, *sets.phrases]
    for i, group in enumerate(groups):
        typed_group = tuple(
            Translation(term.text, t.weight) if t.text == sets.word else t for t in group
        )
        members, translated = _members(schema, term.fieldname, term.text, typed_group)
        if not members:
            continue
        if i == 0 and len(members) == 1 and not translated:
            clauses.append(term)  # the typed word alone (a compound's parts follow)
        else:
            clauses.append(SynonymSet(term.fieldname, members, translated, boost=boost))
    if not clauses:
        return term
    return clauses[0] if len(clauses) == 1 else Or(clauses)


def _rewrite(query: Query, replace: Callable[[Term], Query]) -> Query:
    if isinstance(query, Not):
        return query
    if isinstance(query, AndNot):
        return AndNot(_rewrite(query.a, replace), query.b)
    if isinstance(query, Term):
        return replace(query)
    if query.is_leaf():
        return query
    return query.apply(lambda child: _rewrite(child, replace))


def translate_query(
    schema: Schema,
    query: Query,
    text: str,
    book: Bilingual,
    weights: Weights | None = None,
) -> Translated | None:
    """``query`` (parsed from ``text``) searched in the other language too, or None.

    None when the query's language cannot be told or no word has a translation.
    """
    spans = _spans(query)
    words = [text[start:end] for start, end in spans]
    source = detect_language(words, book)
    if source is None:
        return None
    target = OTHER[source]
    translated = translate_words(words, source, book, weights or WEIGHTS)
    by_span = {span: sets for span, sets in zip(spans, translated, strict=True) if sets.translated}
    if not by_span:
        return None
    fields = {F.title_field(target), F.body_field(target)}

    def replace(term: Term) -> Query:
        span = (getattr(term, "startchar", None), getattr(term, "endchar", None))
        sets = by_span.get(span)  # type: ignore[arg-type]
        if sets is None or term.fieldname not in fields:
            return term
        if sets.stop:
            return NullQuery  # "the", "which": noise in the other language's fields
        return _term_sets(schema, term, sets, CROSS_BOOST)  # read at call time

    words_done = tuple(dict.fromkeys(s.word for s in by_span.values() if not s.stop))
    if not words_done:
        return None
    return Translated(_rewrite(query, replace), source, target, words_done)
