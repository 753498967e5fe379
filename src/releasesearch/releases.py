"""One release as its page shows it: full text, metadata, translations, more like this."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from whoosh.classify import Bo1Model, Expander
from whoosh.query import Or, Query, Term
from whoosh.searching import Searcher

from releasesearch import schema as F
from releasesearch.analysis import analyzer_for
from releasesearch.columns import Columns
from releasesearch.enrich.language import language_label
from releasesearch.enrich.places import gazetteer
from releasesearch.enrich.sectors import sector_label
from releasesearch.errors import NotFound
from releasesearch.highlight import field_terms, mark_all, marked_paragraphs, match_tokens
from releasesearch.model import RelatedRef, ReleaseView
from releasesearch.query import parse_query
from releasesearch.search import translations_of

MORE_LIKE_THIS = 5
KEY_TERMS = 5


def _terms(searcher: Searcher, query: str | None, fieldname: str) -> list[bytes]:
    if not query:
        return []
    parsed = parse_query(searcher.schema, query)
    if parsed.is_browse:
        return []
    return field_terms(parsed.query, searcher, fieldname)


def _key_terms_query(searcher: Searcher, fieldname: str, body: str) -> Query:
    """The release's most distinctive terms, OR-ed (Whoosh's more-like-this model).

    The body is analysed in query mode: index mode would split German compounds
    and load the compound lexicon into the web process for one page view.
    """
    analyzer = searcher.schema[fieldname].analyzer
    counts = Counter(t.text for t in analyzer(body, mode="query"))
    expander = Expander(searcher.reader(), fieldname, model=Bo1Model)
    expander.add(counts.items())
    return Or([Term(fieldname, word, boost=weight)
               for word, weight in expander.expanded_terms(KEY_TERMS, normalize=False)])


def _related(
    searcher: Searcher, docnum: int, fieldname: str, body: str, exclude: set[str]
) -> tuple[RelatedRef, ...]:
    if not body:
        return ()
    refs: list[RelatedRef] = []
    for hit in searcher.search(_key_terms_query(searcher, fieldname, body),
                               limit=MORE_LIKE_THIS + 3, mask={docnum}):
        stored = searcher.stored_fields(hit.docnum)  # not hit[...]: undated docs break columns
        if stored[F.ID] in exclude:
            continue
        date = stored.get(F.DATE)
        refs.append(
            RelatedRef(
                stored[F.ID],
                stored.get(F.TITLE) or stored[F.ID],
                stored.get(F.LANGUAGE),
                date.date() if isinstance(date, dt.datetime) else None,
            )
        )
    return tuple(refs[:MORE_LIKE_THIS])


def release_view(
    searcher: Searcher, columns: Columns, release_id: str, ui: str, query: str | None
) -> ReleaseView:
    """The release page's data; the query's words are marked when ``query`` is given.

    :raises NotFound: for an unknown id.
    """
    docnum = searcher.document_number(**{F.ID: release_id})
    if docnum is None:
        raise NotFound(f"no release with id {release_id!r}")
    stored = searcher.stored_fields(docnum)
    lang = stored.get(F.LANGUAGE)
    text_lang = F.text_language(lang)
    analyzer = analyzer_for(None if text_lang == "xx" else text_lang)
    body = stored.get(F.BODY) or ""
    title = stored.get(F.TITLE) or release_id
    body_field = F.body_field(text_lang)
    marks = match_tokens(searcher, docnum, body_field, _terms(searcher, query, body_field))
    title_words = frozenset(
        t.decode("utf-8") for t in _terms(searcher, query, F.title_field(text_lang))
    )
    places = gazetteer()
    translations = translations_of(searcher, columns, docnum, ui)
    dateline = stored.get(F.DATELINE_CITY) or None
    date = stored.get(F.DATE)
    return ReleaseView(
        id=release_id,
        path=stored[F.PATH],
        row=stored.get(F.ROW),
        title=title,
        title_html=mark_all(title, analyzer, title_words),
        paragraphs_html=marked_paragraphs(body, marks),
        body=body,
        contact=stored.get(F.CONTACT) or "",
        about=stored.get(F.ABOUT) or "",
        url=stored.get(F.URL) or None,
        language=lang,
        language_label=language_label(lang, ui) if lang else "",
        date=date.date() if isinstance(date, dt.datetime) else None,
        dateline_city=(places.label(dateline, ui) or dateline) if dateline else None,
        country=stored.get(F.COUNTRY) or None,
        cities=tuple((c, places.label(c, ui) or c) for c in F.split_multi(stored.get(F.CITY))),
        sectors=tuple((s, sector_label(s, ui) or s) for s in F.split_multi(stored.get(F.SECTOR))),
        source=stored.get(F.SOURCE) or None,
        wire=stored.get(F.WIRE) or None,
        tags=F.split_multi(stored.get(F.TAG)),
        translations=translations,
        more_like_this=_related(
            searcher, docnum, F.body_field(text_lang), body,
            {release_id} | {t.id for t in translations},
        ),
    )
