"""What a typed query asks for: which words must match, which may, which weigh nothing.

Whoosh's parser turns ``How much did Siemens invest in the new plant?`` into an
AND of one group per word, each group an OR over every language's title and body
fields. Read literally, that fails people who type questions and sentences:

- a stop word of one language is still a word in another (``the`` in German
  fields, ``die`` in English ones), so the AND requires ``the`` in every German
  release and finds none of them;
- question words (``who``, ``welche``) are rarely in the answer;
- a long query needs most of its words, not all (as Elasticsearch's
  ``minimum_should_match``): one word missing from the release is common.

:func:`shape` rewrites the parsed tree accordingly: the typed words become one
:class:`MinMatch`, "at least ``minimum`` of these", answered by the posting engine
and ranked by :mod:`.ranking` (Whoosh's matcher, the fallback without packs,
reads it as an AND when every word is required, else as an OR). Up to three words
are all required unless the query is a question (a question word, or ``?`` at its
end); more words, and questions, need half of them. The thresholds were chosen on
the ranking harness (``make eval``); the README gives the figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from whoosh import matching
from whoosh.query import And, CompoundQuery, Not, Or, Query, Term

from releasesearch.index import schema as F

__all__ = ["MinMatch", "QUESTION_WORDS", "all_words", "shape"]

ALL_REQUIRED_UP_TO = 3  # queries of up to this many words require every word
SHOULD_MATCH = 0.5  # longer ones need this share of their words (rounded up)

QUESTION_WORDS = frozenset(
    {
        # English
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "where",
        "when",
        "why",
        "how",
        # German
        "wer",
        "wen",
        "wem",
        "wessen",
        "was",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "welchem",
        "wo",
        "wohin",
        "woher",
        "wann",
        "warum",
        "weshalb",
        "wieso",
        "wie",
        "wieviel",
        "wieviele",
    }
)


class MinMatch(CompoundQuery):  # type: ignore[misc]
    """Documents matching at least ``minimum`` of the subqueries, scored by the sum
    of those that match. Indexes pickle nothing of this: it lives only in queries."""

    JOINT = " ~ "

    def __init__(self, subqueries: list[Query], minimum: int, boost: float = 1.0) -> None:
        super().__init__(subqueries, boost=boost)
        self.minimum = minimum

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, MinMatch)
            and self.subqueries == other.subqueries
            and self.minimum == other.minimum
            and self.boost == other.boost
        )

    def __hash__(self) -> int:
        return hash((tuple(self.subqueries), self.minimum, self.boost))

    def __repr__(self) -> str:
        return f"MinMatch({self.subqueries!r}, minimum={self.minimum})"

    def normalize(self) -> Query:
        return MinMatch([q.normalize() for q in self.subqueries], self.minimum, self.boost)

    def apply(self, fn: Any) -> Query:
        return MinMatch([fn(q) for q in self.subqueries], self.minimum, self.boost)

    def _matcher(self, subs: list[Query], searcher: Any, context: Any) -> Any:
        """Without the posting engine: an AND when every word is required, else an OR
        (every document the engine would find, and more)."""
        if self.minimum >= len(subs):
            return self._tree_matcher(subs, matching.IntersectionMatcher, searcher, context, None)
        return self._tree_matcher(subs, matching.UnionMatcher, searcher, context, None)


def shape(query: Query, *, question: bool = False, relaxed: bool = False) -> Query:
    """The parsed query as people mean it (see the module docstring): its typed words
    become one :class:`MinMatch`, ranked by :mod:`.ranking`. Phrases, wildcards and
    exclusions stay required; other trees (OR, field searches) are returned as they are.

    :param question: the text ended in ``?`` (a question word in it counts too).
    :param relaxed: no release has enough of the words: any one of them will do.
    """
    if _word_of(query) is not None and not _weightless(query):
        return MinMatch([query], 1)
    if type(query) is not And:
        return query
    kept = [g for g in query.subqueries if not _weightless(g)]
    if not kept:
        return query
    if relaxed:
        optional = [g for g in kept if not isinstance(g, Not)]
        minimum = 1
    else:
        optional = [g for g in kept if _word_of(g) is not None]
        minimum = _minimum(len(optional), question or _asks(query))
    required = [g for g in kept if all(g is not o for o in optional)]
    if not optional:
        return And(required) if len(required) > 1 else required[0]
    should: Query = MinMatch(optional, minimum)
    return And([*required, should]) if required else should


def _minimum(words: int, question: bool) -> int:
    """How many of ``words`` typed words a release must have."""
    if words <= ALL_REQUIRED_UP_TO and not question:
        return words
    return max(1, math.ceil(SHOULD_MATCH * words))


def _asks(query: And) -> bool:
    """A question word among the typed words: the query is a question."""
    return any(
        _word_of(g) is not None and bool({str(t.text) for t in _leaves(g)} & QUESTION_WORDS)
        for g in query.subqueries
    )


def all_words(query: Query) -> Query | None:
    """The query with every word of its "most of these" part required; None when it has
    none (then it already requires everything it asks for)."""
    if isinstance(query, MinMatch):
        return And(list(query.subqueries)) if query.minimum < len(query.subqueries) else None
    if type(query) is And and any(
        isinstance(q, MinMatch) and q.minimum < len(q.subqueries) for q in query.subqueries
    ):
        parts = [
            And(list(q.subqueries)) if isinstance(q, MinMatch) else q for q in query.subqueries
        ]
        return And(parts)
    return None


def _leaves(q: Query) -> Iterator[Query]:
    if q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _leaves(child)


def _word_of(group: Query) -> str | None:
    """The word of a group the parser made of one typed word (an OR of terms over the
    text fields), or None for anything else (phrases, wildcards, NOT, nesting)."""
    if not isinstance(group, (Or, Term)) or (isinstance(group, Or) and type(group) is not Or):
        return None
    leaves = list(_leaves(group))
    if not leaves or not all(type(t) is Term for t in leaves):
        return None
    fields = {t.fieldname for t in leaves}
    if not fields <= set(F.text_fields()):
        return None
    return str(leaves[0].text)


_TEXT_FIELDS = frozenset(F.text_fields())


def _weightless(group: Query) -> bool:
    """A question word, or a stop word of some language (its group lacks that
    language's fields, where the analyzer dropped it): it decides nothing."""
    word = _word_of(group)
    if word is None:
        return False
    leaves = list(_leaves(group))
    fields = {t.fieldname for t in leaves}
    raw = {str(t.text) for t in leaves}
    return fields != _TEXT_FIELDS or bool(raw & QUESTION_WORDS)
