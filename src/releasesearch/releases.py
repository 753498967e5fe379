"""One release as its page shows it: full text, metadata, translations, more like this."""

from __future__ import annotations

import datetime as dt

from whoosh.searching import Searcher

from releasesearch import schema as F
from releasesearch.analysis import analyzer_for
from releasesearch.columns import Columns
from releasesearch.enrich.language import language_label
from releasesearch.enrich.places import gazetteer
from releasesearch.enrich.sectors import sector_label
from releasesearch.errors import NotFound
from releasesearch.highlight import field_terms, mark_all
from releasesearch.model import RelatedRef, ReleaseView
from releasesearch.query import parse_query
from releasesearch.search import translations_of

MORE_LIKE_THIS = 5


def _words(searcher: Searcher, query: str | None, fieldname: str) -> frozenset[str]:
    if not query:
        return frozenset()
    parsed = parse_query(searcher.schema, query)
    if parsed.is_browse:
        return frozenset()
    return frozenset(t.decode("utf-8") for t in field_terms(parsed.query, searcher, fieldname))


def _related(
    searcher: Searcher, docnum: int, fieldname: str, body: str, exclude: set[str]
) -> tuple[RelatedRef, ...]:
    if not body:
        return ()
    refs: list[RelatedRef] = []
    for hit in searcher.more_like(docnum, fieldname, text=body, top=MORE_LIKE_THIS + 3):
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
    words = _words(searcher, query, F.body_field(text_lang))
    title_words = _words(searcher, query, F.title_field(text_lang))
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
        paragraphs_html=tuple(mark_all(p, analyzer, words) for p in body.split("\n\n") if p),
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
