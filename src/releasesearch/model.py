"""The data that flows through releasesearch, from archive file to search result.

Every step hands the next one a frozen dataclass, never a bare dict: a reader can
follow a release from :class:`ArchiveFile` through :class:`Release` and
:class:`Metadata` to the :class:`Hit` that shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ArchiveFile:
    """One file of the archive as bytes, before anyone has tried to read it."""

    path: str  # relative to the archive root, POSIX separators
    data: bytes
    mtime: float
    size: int


@dataclass(frozen=True, slots=True)
class Tag:
    """A keyword the file declares: ``key`` is language-independent, ``label`` localised."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Declared:
    """Metadata the file itself states; enrichment prefers it over what it infers.

    Raw strings on purpose: turning ``"5. März 2026"`` into a date is enrichment's job.
    """

    date: str | None = None
    language: str | None = None
    cities: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()
    source: str | None = None
    wire: str | None = None
    pair_key: str | None = None  # e.g. "news-20230119-01" for news-20230119-01.en.xhtml
    # "translation_of": the id, path or file name of the release this one translates
    # (a link forced), or "none" (no link by content); see enrich/translations.py
    translation_of: str | None = None


@dataclass(frozen=True, slots=True)
class Release:
    """What a parser reads from one file, or one row of a batch file."""

    id: str  # stable: the archive path, or "path#rowkey" for a row of a batch file
    path: str  # relative to the archive root, POSIX separators
    row: str | None  # row key within a batch file, else None
    title: str
    body: str  # clean text; paragraphs separated by one blank line
    format: str  # "text" | "markdown" | "html" | "csv" | "jsonl"
    declared: Declared = field(default_factory=Declared)
    contact: str = ""  # CONTACT / Pressekontakt block, kept out of the body
    about: str = ""  # "About X" / "Über X" boilerplate, kept out of the body
    url: str | None = None
    links: tuple[str, ...] = ()  # addresses the body links to (hrefs), for pairing translations


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer city: one id per place whatever the language it is named in."""

    id: str  # GeoNames id
    name: str  # English name (Munich)
    name_de: str  # German name (München)
    country: str  # ISO 3166-1 alpha-2 (DE)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What enrichment concludes about a release; all of it is facetable."""

    language: str | None  # BCP 47 tag: "en", "de", ...
    date: dt.date | None  # never invented: None when the release states none
    dateline_city: str | None  # Place id
    country: str | None  # ISO code of the dateline country
    cities: tuple[str, ...]  # Place ids, in order of first mention
    sectors: tuple[str, ...]  # sector ids from vocab/data/sectors.json
    source: str | None  # issuer ("Source:", "Quelle:")
    wire: str | None  # distributor (GLOBE NEWSWIRE, Business Wire, ...)
    tags: tuple[Tag, ...]
    content_hash: str  # sha256 of title and body, hex
    fingerprint: frozenset[str]  # numbers, places, names, addresses: for pairing translations
    words: bytes = b""  # English stems of the words, packed (enrich/linkwords.py)
    word_count: int = 0  # distinct content words behind ``words``


@dataclass(frozen=True, slots=True)
class EnrichedRelease:
    """A release with what enrichment found; what the indexer turns into a document."""

    release: Release
    meta: Metadata
    translations: tuple[str, ...] = ()  # ids of the same release in other languages


@dataclass(frozen=True, slots=True)
class IngestError:
    """A file or row that could not be ingested, and why, in words a keeper can act on."""

    path: str
    row: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet, as Datasette shows it: counted, labelled, toggleable.

    ``toggle_query`` is the query string (without ``?``) that selects the value
    when it is not selected and deselects it when it is, so that neither templates
    nor API clients ever build URLs themselves.
    """

    value: str
    label: str
    count: int
    selected: bool
    toggle_query: str
    param: str = ""  # the URL parameter it belongs to (set on chips: city, from, to, ...)
    description: str = ""  # what the value covers (a sector's scope), shown as a tooltip


@dataclass(frozen=True, slots=True)
class Facet:
    """A facet over all matching releases (not only the page shown)."""

    name: str  # request parameter name: city, sector, lang, source, wire, year, month
    label: str  # in the interface language
    values: tuple[FacetValue, ...]  # shown at once: the most frequent and the selected
    more: tuple[FacetValue, ...] = ()  # the next most frequent, behind "more"
    left_out: int = 0  # values beyond those (not listed; found by typing)


@dataclass(frozen=True, slots=True)
class TranslationRef:
    """The same release in another language, as a hit or a release page links to it."""

    id: str
    language: str
    language_label: str  # in the interface language: "Deutsch" / "German"
    title: str
    reason: str = ""  # why the two are linked: "same date, 7 shared names and numbers, ..."


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result, ready to render as HTML or JSON.

    ``snippets`` are HTML: release text escaped, then ``<mark>`` elements added.
    """

    id: str
    path: str
    title: str
    language: str | None
    language_label: str
    date: dt.date | None
    dateline_city: str | None  # label in the interface language
    cities: tuple[tuple[str, str], ...]  # (place id, label in the interface language)
    sectors: tuple[tuple[str, str], ...]  # (sector id, label in the interface language)
    source: str | None
    snippets: tuple[str, ...]
    translations: tuple[TranslationRef, ...]
    score: float
    url: str | None = None  # http(s) only


@dataclass(frozen=True, slots=True)
class CrossLanguage:
    """A search that also found releases in the other language through translation."""

    source: str  # the language the query is written in ("en")
    target: str  # the language also searched ("de")
    source_label: str  # both in the interface language: "English" / "Englisch"
    target_label: str
    words: tuple[str, ...]  # the typed words that were translated
    only_query: str  # query string of the same search limited to the source language


@dataclass(frozen=True, slots=True)
class Correction:
    """A query that found nothing, searched again with its misspelt words corrected."""

    typed: str  # what was typed ("Stutgart")
    query: str  # what was searched instead ("Stuttgart")
    instead_query: str  # query string of the search as typed, uncorrected


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one :class:`releasesearch.search.request.SearchRequest`.

    The HTML page, the JSON API, the Atom feed and the CLI all render this object.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[Facet, ...]
    suggestion: str | None  # a did-you-mean query, or None
    suggestion_query: str | None  # query string that runs the suggestion
    page: int
    pages: int
    page_size: int
    prev_query: str | None  # query string of the previous page, None on the first
    next_query: str | None  # query string of the next page, None on the last
    relaxed: bool = False  # True when not every word could be required
    selected: tuple[FacetValue, ...] = ()  # active filters, as removable chips
    crosslang: CrossLanguage | None = None  # set when other-language releases are shown
    corrected: Correction | None = None  # set when the results are those of a corrected query


@dataclass(frozen=True, slots=True)
class FileRef:
    """Another archive file (or row) holding the identical release."""

    id: str
    path: str
    row: str | None


@dataclass(frozen=True, slots=True)
class RelatedRef:
    """A release linked from another one (more like this)."""

    id: str
    title: str
    language: str | None
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class ReleaseView:
    """One release for its own page and for ``/api/releases/<id>``.

    ``title_html`` and ``paragraphs_html`` are escaped text with ``<mark>`` around
    the words of the query the reader came from (none without a query).
    """

    id: str
    path: str
    row: str | None
    title: str
    title_html: str
    paragraphs_html: tuple[str, ...]
    body: str
    contact: str
    about: str
    url: str | None  # http(s) only
    language: str | None
    language_label: str
    date: dt.date | None
    dateline_city: str | None  # label in the interface language
    country: str | None
    cities: tuple[tuple[str, str], ...]  # (place id, label)
    sectors: tuple[tuple[str, str], ...]  # (sector id, label)
    source: str | None
    wire: str | None
    tags: tuple[str, ...]
    translations: tuple[TranslationRef, ...]
    more_like_this: tuple[RelatedRef, ...]
    copies: tuple[FileRef, ...] = ()  # the same text in other files, shown as this one
