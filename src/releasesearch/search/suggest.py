"""Suggestions as the reader types: cities, sectors and issuers whose names start
with what was typed, then titles of releases with words that do.

Everything comes from the index: a facet value is offered only when releases
have it (with how many), a title only when its release matches. A facet value
becomes a filter (the typed words it stands for leave the query); a title leads
to its release.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from whoosh.query import And, Prefix, Query, Term
from whoosh.searching import Searcher

from releasesearch.index import schema as F
from releasesearch.search.columns import Columns
from releasesearch.search.facets import count
from releasesearch.search.filters import BY_PARAM, Filter
from releasesearch.search.request import SearchRequest, default_sort
from releasesearch.vocab.names import WORD, fold, fold_plain

MAX_SUGGESTIONS = 8
MAX_TITLES = 3
MIN_CHARS = 2  # one letter would suggest half the archive
KINDS = ("city", "sector", "source", "wire")  # facets offered, in this order
LANGUAGES = ("en", "de")  # a value matches by its name in either language


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One completion: a facet value to filter on, or a release's title."""

    kind: str  # a facet parameter (city, sector, source, wire) or "title"
    label: str  # in the interface language
    value: str  # the facet value, or the release id of a title
    count: int  # releases with the value (0 for a title)
    query: str  # query string of the search page that applies it ("" for a title)


def label_starts(typed: str, label: str) -> bool:
    """Whether ``label`` or one of its later words starts with ``typed`` (folded words
    joined by one space), with umlauts spelled out or dropped (Muenchen, Munchen)."""
    return any(tail.startswith(typed) for tail in word_tails(label))


@lru_cache(maxsize=65536)
def word_tails(label: str) -> tuple[str, ...]:
    """``label``'s words folded both ways and joined by one space, from each word on
    ("frankfurt am main", "am main", "main"): what a typed prefix is compared with.

    Punctuation between words is a space on both sides, so "24-7" finds
    "24-7PressRelease" and "energy cl" finds "Energy & climate". Cached, as labels
    repeat at every keystroke.
    """
    tails: dict[str, None] = {}
    for folded in (fold(label), fold_plain(label)):
        words = WORD.findall(folded)
        for i in range(len(words)):
            tails.setdefault(" ".join(words[i:]), None)
    return tuple(tails)


@lru_cache(maxsize=65536)
def _names(param: str, value: str) -> tuple[str, ...]:
    """A facet value's labels in both interface languages (they never change)."""
    spec = BY_PARAM[param]
    return tuple(dict.fromkeys(spec.label(value, lang) for lang in LANGUAGES))


def _without_words(req: SearchRequest, rest: str) -> SearchRequest:
    """``req`` with only ``rest`` left of its words (the others became a filter)."""
    sort = default_sort(rest) if req.sort == default_sort(req.q) else req.sort
    return replace(req, q=rest, sort=sort, page=1)


def _facet_values(
    columns: Columns, spec: Filter, typed: str, req: SearchRequest, rest: SearchRequest
) -> list[Suggestion]:
    found = []
    for value, n in count(columns, spec, columns.live):
        names = _names(spec.param, value)
        if value in req.selected(spec.param) or not any(label_starts(typed, x) for x in names):
            continue
        query = rest.toggled(spec.param, value).to_query()
        found.append(Suggestion(spec.param, spec.label(value, req.ui_language), value, n, query))
    return found


def _values(
    columns: Columns, req: SearchRequest, typed: str, rest: SearchRequest
) -> list[Suggestion]:
    found: list[Suggestion] = []
    for kind in KINDS:
        found += _facet_values(columns, BY_PARAM[kind], typed, req, rest)
    return found


def _title_query(words: list[str]) -> Query:
    *whole, last = [w.lower() for w in words]
    return And([*(Term(F.SPELL, w) for w in whole), Prefix(F.SPELL, last)])


def _titles(searcher: Searcher, words: list[str], typed_last: str) -> list[Suggestion]:
    """Titles of the best releases whose title has a word starting with the last word."""
    found: list[Suggestion] = []
    for hit in searcher.search(_title_query(words), limit=MAX_TITLES * 5):
        stored = searcher.stored_fields(hit.docnum)
        title = str(stored.get(F.TITLE) or "")
        if title and label_starts(typed_last, title):
            found.append(Suggestion("title", title, str(stored[F.ID]), 0, ""))
        if len(found) == MAX_TITLES:
            break
    return found


def suggest(searcher: Searcher, columns: Columns, req: SearchRequest) -> tuple[Suggestion, ...]:
    """Completions of ``req.q``; the rest of ``req`` (its filters) is kept in their links."""
    words = WORD.findall(req.q)
    typed = fold(" ".join(words))
    if len(typed) < MIN_CHARS:
        return ()
    values = _values(columns, req, typed, _without_words(req, ""))
    if not values and len(words) > 1:  # "Nanjing Mun": Nanjing stays a word, Munich a filter
        rest = _without_words(req, " ".join(words[:-1]))
        values = _values(columns, req, fold(words[-1]), rest)
    values.sort(key=lambda s: -s.count)  # stable: cities before sectors at equal counts
    titles = _titles(searcher, words, fold(words[-1]))
    keep = MAX_SUGGESTIONS - len(titles)
    return (*values[:keep], *titles)
