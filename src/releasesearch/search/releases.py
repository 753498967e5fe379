"""One release as its page shows it: full text, metadata, translations, more like this."""

from __future__ import annotations

from collections import Counter

from whoosh.classify import Bo1Model, Expander
from whoosh.query import Or, Query, Term
from whoosh.searching import Searcher

from releasesearch.analysis import analyzer_for
from releasesearch.errors import NotFound
from releasesearch.index import schema as F
from releasesearch.model import RelatedRef, ReleaseView
from releasesearch.search.columns import Columns
from releasesearch.search.filters import label_for
from releasesearch.search.highlight import field_terms, mark_all, marked_paragraphs, match_tokens
from releasesearch.search.links import http_url
from releasesearch.search.query import parse_query
from releasesearch.search.run import translations_of

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
    return Or(
        [
            Term(fieldname, word, boost=weight)
            for word, weight in expander.expanded_terms(KEY_TERMS, normalize=False)
        ]
    )


def _related(
    searcher: Searcher, docnum: int, fieldname: str, body: str, exclude: set[str]
) -> tuple[RelatedRef, ...]:
    if not body:
        return ()
    refs: list[RelatedRef] = []
    for hit in searcher.search(
        _key_terms_query(searcher, fieldname, body), limit=MORE_LIKE_THIS + 3, mask={docnum}
    ):
        stored = searcher.stored_fields(hit.docnum)  # not hit[...]: undated docs break columns
        item = F.record_of(stored, with_text=False)
        if item.release.id in exclude:
            continue
        refs.append(
            RelatedRef(item.release.id, item.release.title, item.meta.language, item.meta.date)
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
        more_like_this=_related(
            searcher,
            docnum,
            body_field,
            release.body,
            {release_id} | {t.id for t in translations},
        ),
    )
