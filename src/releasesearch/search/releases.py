"""One release as its page shows it: full text, metadata, translations, more like this."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from whoosh.classify import Bo1Model, Expander
from whoosh.query import Or, Query, Term
from whoosh.searching import Searcher

from releasesearch.analysis import analyzer_for
from releasesearch.errors import NotFound
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease, FileRef, Metadata, RelatedRef, ReleaseView
from releasesearch.search.columns import Columns
from releasesearch.search.filters import label_for
from releasesearch.search.highlight import field_terms, mark_all, marked_paragraphs, match_tokens
from releasesearch.search.links import http_url
from releasesearch.search.query import parse_query
from releasesearch.search.run import translations_of

MORE_LIKE_THIS = 5
KEY_TERMS = 8
MAX_CITIES = 5  # the first mentioned; a list of twenty stops places from meaning anything
CITY_WEIGHT = 0.6  # a clause's weight beside the best key term (1.0), times the value's idf
SECTOR_WEIGHT = 0.4
SOURCE_WEIGHT = 0.8
COUNTRY_WEIGHT = 0.5  # of the dateline
MIN_LIKENESS = 0.2  # share of the release's own score below which another is not "like" it


def _terms(searcher: Searcher, query: str | None, fieldname: str) -> list[bytes]:
    if not query:
        return []
    parsed = parse_query(searcher.schema, query)
    if parsed.is_browse:
        return []
    return field_terms(parsed.query, searcher, fieldname)


def key_terms(searcher: Searcher, fieldname: str, text: str) -> list[tuple[str, float]]:
    """The release's most distinctive terms that other releases also have (Bo1 weights).

    The text is analysed in query mode: index mode would split German compounds
    and load the compound lexicon into the web process for one page view. A term
    no other release has cannot find one, so it does not take a place.
    """
    analyzer = searcher.schema[fieldname].analyzer
    counts = Counter(t.text for t in analyzer(text, mode="query"))
    expander = Expander(searcher.reader(), fieldname, model=Bo1Model)
    expander.add(counts.items())
    reader = searcher.reader()
    ranked = expander.expanded_terms(KEY_TERMS * 3, normalize=False)
    shared = [
        (w, weight)
        for w, weight in ranked
        if not w.isdigit() and reader.doc_frequency(fieldname, w) > 1  # 2026 says nothing
    ]
    return shared[:KEY_TERMS]


def _word_clauses(searcher: Searcher, item: EnrichedRelease) -> list[Query]:
    """The release's key terms in its own language's field, the best weighing 1.0."""
    field = F.body_field(F.text_language(item.meta.language))
    words = key_terms(searcher, field, f"{item.release.title}\n{item.release.body}")
    if not words:
        return []
    top = max(weight for _, weight in words)
    return [Term(field, w, boost=weight / top) for w, weight in words]


def _meta_clauses(searcher: Searcher, meta: Metadata) -> list[Query]:
    """The same cities, sectors, issuer and dateline country.

    These fields are not scored by Whoosh (each match adds its boost only), while a
    word's score grows with its rarity (idf); so each value is weighted by its own
    idf, and sharing Nanjing with a release counts like sharing a word as rare,
    sharing Berlin (a quarter of the archive) much less.
    """
    values = [(F.CITY, c, CITY_WEIGHT) for c in meta.cities[:MAX_CITIES]]
    values += [(F.SECTOR, s, SECTOR_WEIGHT) for s in meta.sectors]
    if meta.source:
        values.append((F.SOURCE, meta.source, SOURCE_WEIGHT))
    if meta.country:
        values.append((F.COUNTRY, meta.country, COUNTRY_WEIGHT))
    return [Term(f, v, boost=w * searcher.idf(f, v)) for f, v, w in values]


def related_query(
    searcher: Searcher, item: EnrichedRelease, twins: Sequence[EnrichedRelease] = ()
) -> Query | None:
    """What makes another release like this one: its distinctive words (and those of
    its translations ``twins``, in their language), and the same cities, sectors,
    issuer and dateline country (exact values, so a city weighs the same in any language).

    Words alone let a release about a partnership in Nanjing find one about
    hospital workers that shares "cooperation" and "2026"; the metadata terms
    pull releases about the same place, sector or issuer ahead of those. A German
    release's words find only German releases: its English translation's words
    find the English ones about the same thing.
    """
    words = _word_clauses(searcher, item)
    for twin in twins:
        words += _word_clauses(searcher, twin)
    if not words:
        return None
    return Or(words + _meta_clauses(searcher, item.meta))


def _related(
    searcher: Searcher, columns: Columns, docnum: int, item: EnrichedRelease
) -> tuple[RelatedRef, ...]:
    """The releases most like this one, each translation pair or copy once, itself excluded.

    The list stops at the first release scoring under ``MIN_LIKENESS`` of what the
    release's own group scores (the most alike a release can be): a release with
    few neighbours shows few, rather than five of which the last are unrelated.
    """
    own = columns.group[docnum]
    members = {int(d) for d in np.flatnonzero((columns.group == own) & columns.live)}
    others = (F.record_of(searcher.stored_fields(d)) for d in sorted(members - {docnum}))
    twins = [t for t in others if t.meta.language != item.meta.language]
    query = related_query(searcher, item, twins)
    if query is None:
        return ()
    # not masked: the release itself (and its twins) come first, and give the floor
    found = searcher.search(query, limit=MORE_LIKE_THIS * 4 + len(members))
    hits = [hit for hit in found]  # not list(found): list() asks len(), which counts every match
    own_scores = [hit.score for hit in hits if hit.docnum in members]
    floor = MIN_LIKENESS * max(own_scores or [hit.score for hit in hits[:1]] or [0.0])
    seen = {int(own)}
    refs: list[RelatedRef] = []
    for hit in hits:
        if hit.score < floor:
            break
        group = int(columns.group[hit.docnum])
        if group in seen:
            continue
        seen.add(group)
        stored = searcher.stored_fields(hit.docnum)  # not hit[...]: undated docs break columns
        other = F.record_of(stored, with_text=False)
        refs.append(
            RelatedRef(other.release.id, other.release.title, other.meta.language, other.meta.date)
        )
        if len(refs) == MORE_LIKE_THIS:
            break
    return tuple(refs)


def copies_of(searcher: Searcher, columns: Columns, docnum: int) -> tuple[FileRef, ...]:
    """The other live documents with the identical text (same content hash)."""
    code = columns.single[F.CONTENT_HASH][docnum]
    if code == 0:
        return ()
    others = np.flatnonzero((columns.single[F.CONTENT_HASH] == code) & columns.live)
    refs = []
    for other in others:
        if int(other) != docnum:
            stored = searcher.stored_fields(int(other))
            refs.append(FileRef(stored[F.ID], stored[F.PATH], stored.get(F.ROW)))
    return tuple(sorted(refs, key=lambda r: r.id))


def release_view(
    searcher: Searcher, columns: Columns, release_id: str, ui: str, query: str | None
) -> ReleaseView:
    """The release page's data; the query's words are marked when ``query`` is given.

    :raises NotFound: for an unknown id.
    """
    docnum = searcher.document_number(**{F.ID: release_id})
    if docnum is None:
        raise NotFound(f"no release with id {release_id!r}")
    item = F.record_of(searcher.stored_fields(docnum))
    release, meta = item.release, item.meta
    text_lang = F.text_language(meta.language)
    analyzer = analyzer_for(None if text_lang == "xx" else text_lang)
    body_field = F.body_field(text_lang)
    marks = match_tokens(searcher, docnum, body_field, _terms(searcher, query, body_field))
    title_words = frozenset(
        t.decode("utf-8") for t in _terms(searcher, query, F.title_field(text_lang))
    )
    translations = translations_of(searcher, columns, docnum, ui)
    copies = copies_of(searcher, columns, docnum)
    return ReleaseView(
        id=release_id,
        path=release.path,
        row=release.row,
        title=release.title,
        title_html=mark_all(release.title, analyzer, title_words),
        paragraphs_html=marked_paragraphs(release.body, marks),
        body=release.body,
        contact=release.contact,
        about=release.about,
        url=http_url(release.url),
        language=meta.language,
        language_label=label_for("lang", meta.language, ui) if meta.language else "",
        date=meta.date,
        dateline_city=label_for("city", meta.dateline_city, ui) if meta.dateline_city else None,
        country=meta.country,
        cities=tuple((c, label_for("city", c, ui)) for c in meta.cities),
        sectors=tuple((s, label_for("sector", s, ui)) for s in meta.sectors),
        source=meta.source,
        wire=meta.wire,
        tags=tuple(t.key for t in meta.tags),
        translations=translations,
        more_like_this=_related(searcher, columns, docnum, item),
        copies=copies,
    )
