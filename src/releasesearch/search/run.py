"""Answer a :class:`SearchRequest`: match, filter, count facets, rank, collapse, snippet.

The order of work keeps a query cheap at any archive size: the query's matches
become a boolean mask over all documents; filters and facet counts are numpy
over that mask; only the page shown is ranked into Whoosh hits, highlighted and
read from stored fields.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.query import Every, Query
from whoosh.searching import Searcher

from releasesearch.errors import NotFound
from releasesearch.index import schema as F
from releasesearch.model import (
    Correction,
    CrossLanguage,
    FacetValue,
    Hit,
    SearchResult,
    TranslationRef,
)
from releasesearch.search.columns import NO_DATE, BoolArray, Columns, IntArray, vocabulary
from releasesearch.search.engine import Engine
from releasesearch.search.facets import (
    build_facets,
    chips,
    combine,
    count,
    date_mask,
    distinct,
    facet_value,
    selection_masks,
)
from releasesearch.search.filters import BY_PARAM, Filter, label_for
from releasesearch.search.highlight import field_terms, lead, snippets, translated_terms
from releasesearch.search.links import http_url
from releasesearch.search.query import ParsedQuery, parse_query, query_words
from releasesearch.search.request import MAX_PAGE, SearchRequest
from releasesearch.search.semantics import all_words
from releasesearch.search.suggest import LANGUAGES, label_starts
from releasesearch.vocab.dictionary import Bilingual
from releasesearch.vocab.names import WORD, fold

__all__ = ["SearchRequest", "run_search"]

SUGGEST_BELOW = 3
FloatArray = npt.NDArray[np.float32]  # offer a did-you-mean when fewer releases than this match


@dataclass(frozen=True, slots=True)
class Matches:
    """Every live document the query matches, with its score (None when browsing)."""

    mask: BoolArray
    scores: FloatArray | None


def match(searcher: Searcher, columns: Columns, query: Query, engine: Engine | None) -> Matches:
    """Every match with its score, as a mask and a score per document.

    Facets need every match, and ranking needs the scores of every match that
    survives the filters. The engine answers from the posting packs with array
    operations; a query it does not know goes to Whoosh's matchers, in one
    unlimited scored pass (the same documents and scores, only slower).
    """
    if isinstance(query, Every):
        return Matches(columns.live.copy(), None)
    found = engine.run(query) if engine is not None else None
    if found is not None:
        scores = np.zeros(columns.size, np.float32)
        mask = np.zeros(columns.size, np.bool_)
        scores[found.docs] = found.scores
        mask[found.docs] = True
        return Matches(mask & columns.live, scores)
    items = searcher.search(query, limit=None).top_n
    scores = np.zeros(columns.size, np.float32)
    mask = np.zeros(columns.size, np.bool_)
    if items:
        pairs = np.array(items, dtype=np.float64)
        docs = pairs[:, 1].astype(np.int64)
        scores[docs] = pairs[:, 0]
        mask[docs] = True
    return Matches(mask & columns.live, scores)


def effective(req: SearchRequest, parsed: ParsedQuery) -> SearchRequest:
    """The request with filters written into the query text (``city:München``) added."""
    out = req
    for name, values in parsed.filters.items():
        typed = tuple(BY_PARAM[name].resolve(v) for v in values)
        out = out.with_values(name, out.selected(name) + typed)
    changes: dict[str, Any] = {}
    if parsed.date_from or parsed.date_to:
        changes["date_from"] = max(filter(None, (req.date_from, parsed.date_from)), default=None)
        changes["date_to"] = min(filter(None, (req.date_to, parsed.date_to)), default=None)
    return replace(out, **changes) if changes else out


def _first_of_each_pair(columns: Columns, order: IntArray) -> IntArray:
    """``order`` with each translation pair (and identical copy) kept at its best place."""
    _, first = np.unique(columns.group[order], return_index=True)
    return order[np.sort(first)]


def ranked(columns: Columns, final: BoolArray, sort: str, scores: FloatArray | None) -> IntArray:
    """The documents of ``final`` in the order shown, one per translation pair."""
    docs = np.flatnonzero(final)
    keys: npt.NDArray[Any]
    if sort == "relevance" and scores is not None:
        keys = -scores[docs].astype(np.float64)
    else:
        days = columns.days[docs].astype(np.int64)
        keys = -days if sort != "oldest" else np.where(days == NO_DATE, 2**40, days)
    order: IntArray = docs[np.argsort(keys, kind="stable")].astype(np.int32)
    return _first_of_each_pair(columns, order)


def translations_of(
    searcher: Searcher, columns: Columns, docnum: int, ui: str
) -> tuple[TranslationRef, ...]:
    """The other documents of this one's pair, each with why they were linked (the
    reason is stored on the document that joined the pair)."""
    code = columns.single[F.PAIR][docnum]
    others = np.flatnonzero((columns.single[F.PAIR] == code) & columns.live)
    refs = []
    own_reason: str | None = None
    for other in others:
        if int(other) == docnum:
            continue
        stored = searcher.stored_fields(int(other))
        item = F.record_of(stored, with_text=False)
        lang = item.meta.language or ""
        reason = str(stored.get(F.PAIR_REASON) or "")
        if not reason:
            if own_reason is None:
                own_reason = str(searcher.stored_fields(docnum).get(F.PAIR_REASON) or "")
            reason = own_reason
        refs.append(
            TranslationRef(
                item.release.id, lang, label_for("lang", lang, ui), item.release.title, reason
            )
        )
    return tuple(refs)


def build_hit(
    searcher: Searcher,
    columns: Columns,
    docnum: int,
    score: float,
    query: Query,
    terms_cache: dict[str, tuple[list[bytes], frozenset[bytes]]],
    ui: str,
    engine: Engine | None = None,
) -> Hit:
    """One result with its labels, snippets and translations."""
    item = F.record_of(searcher.stored_fields(docnum))
    release, meta = item.release, item.meta
    fieldname = F.body_field(F.text_language(meta.language))
    if fieldname not in terms_cache:
        terms_cache[fieldname] = (
            ([], frozenset())
            if isinstance(query, Every)
            else (field_terms(query, searcher, fieldname), translated_terms(query, fieldname))
        )
    terms, translated = terms_cache[fieldname]
    found = snippets(searcher, docnum, fieldname, release.body, terms, translated, engine)
    return Hit(
        id=release.id,
        path=release.path,
        title=release.title,
        language=meta.language,
        language_label=label_for("lang", meta.language, ui) if meta.language else "",
        date=meta.date,
        dateline_city=label_for("city", meta.dateline_city, ui) if meta.dateline_city else None,
        cities=tuple((c, label_for("city", c, ui)) for c in meta.cities),
        sectors=tuple((s, label_for("sector", s, ui)) for s in meta.sectors),
        source=meta.source,
        snippets=found or ((lead(release.body),) if release.body else ()),
        translations=translations_of(searcher, columns, docnum, ui),
        score=round(score, 4),
        url=http_url(release.url),
    )


def suggest(searcher: Searcher, q: str) -> str | None:
    """A did-you-mean query of real words from the archive, or None."""
    words = query_words(q)
    if not words:
        return None
    corrector = searcher.corrector(F.SPELL)
    reader = searcher.reader()
    changed, out = False, []
    for word in words:
        lower = word.lower()
        if len(lower) < 3 or (F.SPELL, lower) in reader:
            out.append(word)
            continue
        found = corrector.suggest(lower, limit=1, maxdist=2, prefix=1)
        changed |= bool(found)
        out.append(same_case(word, found[0]) if found else word)
    return " ".join(out) if changed else None


def same_case(typed: str, word: str) -> str:
    """``word`` written the way ``typed`` was: Stutgart -> Stuttgart, NANJNIG -> NANJING."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def _parse(
    searcher: Searcher,
    columns: Columns,
    req: SearchRequest,
    book: Bilingual | None,
    engine: Engine | None,
) -> tuple[ParsedQuery, Matches, bool]:
    book = book if req.translate == "auto" else None
    parsed = parse_query(searcher.schema, req.q, book=book)
    found = match(searcher, columns, parsed.query, engine)
    if found.mask.any():
        return parsed, found, _partial(searcher, columns, parsed.query, engine)
    if len(query_words(parsed.text)) < 2:
        return parsed, found, False
    relaxed = parse_query(searcher.schema, req.q, relaxed=True, book=book)
    return relaxed, match(searcher, columns, relaxed.query, engine), True


def _partial(searcher: Searcher, columns: Columns, query: Query, engine: Engine | None) -> bool:
    """True when a long query matched on most of its words because no release has all
    of them (the page says so, as it does for the relaxed retry of a short query)."""
    every = all_words(query)
    return every is not None and not match(searcher, columns, every, engine).mask.any()


def crosslang_notice(
    columns: Columns, final: BoolArray, parsed: ParsedQuery, req: SearchRequest
) -> CrossLanguage | None:
    """The "also showing German releases" notice, when such releases are among the matches."""
    translated = parsed.translated
    if translated is None or req.selected("lang"):
        return None
    code = vocabulary(F.LANGUAGE).codes.get(translated.target)
    if code is None or not np.any(columns.single[F.LANGUAGE][final] == code):
        return None
    ui = req.ui_language
    only = req.with_values("lang", (translated.source,))
    return CrossLanguage(
        source=translated.source,
        target=translated.target,
        source_label=label_for("lang", translated.source, ui),
        target_label=label_for("lang", translated.target, ui),
        words=translated.words,
        only_query=only.to_query(page=1),
    )


def _score(found: Matches, docnum: int) -> float:
    return float(found.scores[docnum]) if found.scores is not None else 0.0


def run_search(
    searcher: Searcher,
    columns: Columns,
    req: SearchRequest,
    book: Bilingual | None = None,
    engine: Engine | None = None,
) -> SearchResult:
    """Answer ``req`` from one searcher, the facet columns and the posting engine
    of the same reader (without an engine, Whoosh's matchers answer).

    With a dictionary (``book``) and ``req.translate == "auto"`` the query also
    searches the other language through its translations. A query that finds
    nothing and has a spelling correction shows the corrected query's results at
    once ("Showing results for Stuttgart"), unless ``req.spell == "off"``.
    """
    result = _answer(searcher, columns, req, book, engine)
    if result.total or not result.suggestion or req.spell == "off":
        return result
    fixed = corrected_text(req.q, result.suggestion)
    again = _answer(searcher, columns, replace(req, q=fixed, page=1), book, engine)
    if not again.total:
        return result
    instead = req.to_query(spell="off", page=1)
    return replace(again, corrected=Correction(typed=req.q, query=fixed, instead_query=instead))


def corrected_text(typed: str, suggestion: str) -> str:
    """``typed`` with each misspelt word replaced by the suggestion's word in its place,
    filters and syntax kept (``Stutgart city:Berlin`` -> ``Stuttgart city:Berlin``)."""
    out = typed
    for word, better in zip(query_words(typed), suggestion.split(), strict=False):
        if word != better:
            out = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, out, count=1)
    return out


def _answer(
    searcher: Searcher,
    columns: Columns,
    req: SearchRequest,
    book: Bilingual | None,
    engine: Engine | None,
) -> SearchResult:
    """The answer to ``req`` as typed."""
    parsed, found, relaxed = _parse(searcher, columns, req, book, engine)
    base = found.mask
    eff = effective(req, parsed)
    dates = date_mask(columns, eff)
    if dates is not None:
        base &= dates
    masks = selection_masks(columns, eff)
    final = combine(base, masks)
    total = distinct(columns, final)
    pages = max(1, min(MAX_PAGE, math.ceil(total / req.page_size)))
    number = min(req.page, pages)  # a page past the last shows the last, marked as current
    start = (number - 1) * req.page_size
    page = ranked(columns, final, req.sort, found.scores)[start : start + req.page_size]
    terms: dict[str, tuple[list[bytes], frozenset[bytes]]] = {}
    hits = tuple(
        build_hit(
            searcher,
            columns,
            int(d),
            _score(found, int(d)),
            parsed.query,
            terms,
            req.ui_language,
            engine,
        )
        for d in page
    )

    togglers: dict[str, Callable[[str], str]] = {}

    def toggle(name: str, value: str) -> str:
        found = togglers.get(name)
        if found is None:
            found = togglers[name] = req.toggler(name)
        return found(value)

    suggestion = suggest(searcher, req.q) if total < SUGGEST_BELOW and req.q else None
    return SearchResult(
        query=req.q,
        total=total,
        hits=hits,
        facets=build_facets(columns, base, masks, eff, toggle),
        suggestion=suggestion,
        suggestion_query=req.to_query(q=suggestion, page=1, spell="auto") if suggestion else None,
        page=number,
        pages=pages,
        page_size=req.page_size,
        prev_query=req.to_query(page=number - 1) if number > 1 else None,
        next_query=req.to_query(page=number + 1) if number < pages else None,
        relaxed=relaxed,
        selected=chips(req, toggle),
        crosslang=crosslang_notice(columns, final, parsed, req),
    )


FACET_SEARCH_LIMIT = 50


def facet_values(
    searcher: Searcher,
    columns: Columns,
    req: SearchRequest,
    name: str,
    typed: str,
    book: Bilingual | None = None,
    engine: Engine | None = None,
) -> tuple[FacetValue, ...]:
    """Values of one facet over ``req``'s matches with a word of their label starting with
    ``typed``, most frequent first: a facet's filter box finds the rare values that the
    page does not list. :raises NotFound: for a name that is no facet of its own.
    """
    spec = BY_PARAM.get(name)
    if spec is None or not spec.is_facet or spec.within:
        raise NotFound(f"no facet {name!r}")
    parsed, found, _ = _parse(searcher, columns, req, book, engine)
    eff = effective(req, parsed)
    base = found.mask
    dates = date_mask(columns, eff)
    if dates is not None:
        base &= dates
    pairs = count(columns, spec, combine(base, selection_masks(columns, eff), skip=name))
    wanted = " ".join(WORD.findall(fold(typed)))  # compared as labels are (word_tails)
    names = [(v, n) for v, n in pairs if not wanted or _named(spec, v, wanted)]

    def toggle(param: str, value: str) -> str:
        return req.toggled(param, value).to_query()

    return tuple(facet_value(spec, req, toggle, v, n) for v, n in names[:FACET_SEARCH_LIMIT])


def _named(spec: Filter, value: str, wanted: str) -> bool:
    return any(label_starts(wanted, spec.label(value, ui)) for ui in LANGUAGES)
