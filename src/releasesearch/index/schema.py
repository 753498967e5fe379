"""The index schema: the only place where field names are written.

Text is indexed per language (``body_en`` with the English chain, ``body_de`` with
the German one, ``body_xx`` for anything else) so that a query can be analysed by
each language's own analyzer and searched across all of them. Display data is
stored once, in plain fields. Facet fields are sortable so that their values come
from Whoosh columns, not from stored documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from whoosh import fields
from whoosh.analysis import Analyzer, SimpleAnalyzer

from releasesearch import analysis
from releasesearch.model import Declared, EnrichedRelease, Metadata, Release, Tag

# Identity and bookkeeping
ID = "id"
PATH = "path"
ROW = "row"
STAMP = "stamp"  # "mtime:size" of the archive file, for incremental indexing
CONTENT_HASH = "content_hash"
FORMAT = "format"
PAIR = "pair"  # releases with the same pair id are translations of each other
PAIR_KEY = "pair_key"
PAIR_REASON = "pair_reason"  # why the release was linked to its translations (shown and served)
FINGERPRINT = "fingerprint"
LINK_WORDS = "link_words"  # (distinct words, packed English stems): translations by content
TRANSLATION_OF = "translation_of"  # what the file declares it translates ("none": nothing)

# Display
TITLE = "title"
BODY = "body"
CONTACT = "contact"
ABOUT = "about"
URL = "url"

# Facets and filters
LANGUAGE = "language"
DATE = "date"
YEAR = "year"
MONTH = "month"
CITY = "city"
DATELINE_CITY = "dateline_city"
COUNTRY = "country"
SECTOR = "sector"
SOURCE = "source"
WIRE = "wire"
TAG = "tag"

# Searchable text, per language
TEXT_LANGUAGES = ("en", "de", "xx")
SPELL = "spell"

MULTI_VALUED = (CITY, SECTOR, TAG)
FACET_FIELDS = (LANGUAGE, YEAR, MONTH, CITY, DATELINE_CITY, COUNTRY, SECTOR, SOURCE, WIRE, TAG)


def title_field(language: str) -> str:
    return f"title_{language}"


def body_field(language: str) -> str:
    return f"body_{language}"


def text_fields() -> tuple[str, ...]:
    """Every analysed text field, titles first (the query parser searches them all)."""
    return tuple(title_field(lang) for lang in TEXT_LANGUAGES) + tuple(
        body_field(lang) for lang in TEXT_LANGUAGES
    )


def text_language(language: str | None) -> str:
    """The text-field suffix a release of ``language`` is indexed under."""
    return language if language in ("en", "de") else "xx"


def _analyzer(language: str) -> Analyzer:
    """The language's chain; index-time analysis takes its per-word-form cache."""
    return analysis.IndexAnalyzer(language)


Posting = tuple[bytes, int, float, bytes]  # Whoosh's (term, frequency, weight, encoded value)


@dataclass(frozen=True, slots=True)
class Analysed:
    """One indexed field of one release, analysed where it was parsed (a worker process).

    Analysis and the encoding of positions and character offsets are the larger
    part of Whoosh's ``add_document``; done beside parsing, they run in parallel
    with the writer. The postings travel as columns, one row per distinct term
    in order of first appearance: ``terms``, their ``freqs`` and ``weights``,
    and their values as the field's format encodes them, concatenated in
    ``values`` (``ends[i]`` is where term ``i``'s value ends). Columns pickle in
    a few objects instead of four per posting, and :mod:`.segment` writes them
    from arrays without making a posting tuple.
    """

    terms: tuple[bytes, ...]
    freqs: Any  # numpy int32 array, one per term
    weights: Any  # numpy float64 array, one per term (frequency times the format's boost)
    values: bytes
    ends: Any  # numpy int64 array, one per term

    @classmethod
    def of(cls, postings: Iterable[Posting]) -> Analysed:
        """Columns of ``(term, frequency, weight, value)`` postings (what ``field.index`` gives)."""
        import numpy as np  # not at import: a run with nothing to index loads no numpy

        rows = list(postings)
        values = [row[3] or b"" for row in rows]
        return cls(
            terms=tuple(row[0] for row in rows),
            freqs=np.array([row[1] for row in rows], dtype=np.int32),
            weights=np.array([row[2] for row in rows], dtype=np.float64),
            values=b"".join(values),
            ends=np.cumsum([len(v) for v in values], dtype=np.int64),
        )

    @property
    def length(self) -> int:
        """The field's length in the document (Whoosh's: the sum of frequencies)."""
        return int(self.freqs.sum())

    def postings(self) -> Iterator[Posting]:
        """The postings as Whoosh's ``field.index`` gives them."""
        start = 0
        for term, freq, weight, end in zip(
            self.terms, self.freqs.tolist(), self.weights.tolist(), self.ends.tolist(), strict=True
        ):
            yield term, freq, weight, self.values[start:end]
            start = end


class AnalysedText(fields.TEXT):  # type: ignore[misc]
    """A TEXT field that also takes :class:`Analysed` values and posts them as they are.

    Strings are analysed as by TEXT. Indexes pickle their schema: keep this path.
    """

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if isinstance(value, Analysed):
            return value.postings()
        postings: Iterator[Posting] = super().index(value, **kwargs)
        return postings


def accepts_analysed(schema: fields.Schema) -> bool:
    """True when every text field of ``schema`` takes :class:`Analysed` values
    (indexes created before it existed analyse in the writer, with their own schema)."""
    return all(isinstance(schema[name], AnalysedText) for name in text_fields())


def build_schema() -> fields.Schema:
    """The schema of a new index (Whoosh pickles it, analyzers included)."""
    schema = fields.Schema(
        **{
            ID: fields.ID(unique=True, stored=True, sortable=True),
            PATH: fields.ID(stored=True, sortable=True),
            ROW: fields.STORED(),
            STAMP: fields.ID(stored=True, sortable=True),
            CONTENT_HASH: fields.ID(stored=True, sortable=True),  # a column: copies collapse
            FORMAT: fields.STORED(),
            PAIR: fields.ID(stored=True, sortable=True),
            PAIR_KEY: fields.ID(stored=True),
            FINGERPRINT: fields.STORED(),
            LINK_WORDS: fields.STORED(),
            TRANSLATION_OF: fields.STORED(),
            PAIR_REASON: fields.STORED(),
            TITLE: fields.STORED(),
            BODY: fields.STORED(),
            CONTACT: fields.STORED(),
            ABOUT: fields.STORED(),
            URL: fields.STORED(),
            LANGUAGE: fields.ID(stored=True, sortable=True),
            DATE: fields.DATETIME(stored=True, sortable=True),
            YEAR: fields.ID(stored=True, sortable=True),
            MONTH: fields.ID(stored=True, sortable=True),
            CITY: fields.KEYWORD(stored=True, commas=True, sortable=True),
            DATELINE_CITY: fields.ID(stored=True, sortable=True),
            COUNTRY: fields.ID(stored=True, sortable=True),
            SECTOR: fields.KEYWORD(stored=True, commas=True, sortable=True),
            SOURCE: fields.ID(stored=True, sortable=True),
            WIRE: fields.ID(stored=True, sortable=True),
            TAG: fields.KEYWORD(stored=True, commas=True, sortable=True),
            SPELL: fields.TEXT(analyzer=SimpleAnalyzer(), phrase=False),  # real words, unstemmed
        }
    )
    for lang in TEXT_LANGUAGES:
        schema.add(title_field(lang), AnalysedText(analyzer=_analyzer(lang), field_boost=2.0))
        schema.add(body_field(lang), AnalysedText(analyzer=_analyzer(lang), chars=True))
    return schema


def _commas(values: tuple[str, ...]) -> str:
    return ",".join(v.replace(",", " ") for v in values)


def to_document(
    item: EnrichedRelease, *, stamp: str, pair: str, reason: str = ""
) -> dict[str, Any]:
    """The Whoosh document of a release; ``pair`` groups it with its translations,
    ``reason`` says why it joined them (empty for the first of a pair)."""
    release, meta = item.release, item.meta
    date = meta.date
    doc: dict[str, Any] = {
        ID: release.id,
        PATH: release.path,
        ROW: release.row,
        STAMP: stamp,
        CONTENT_HASH: meta.content_hash,
        FORMAT: release.format,
        PAIR: pair,
        PAIR_KEY: release.declared.pair_key or "",
        FINGERPRINT: sorted(meta.fingerprint),
        LINK_WORDS: (meta.word_count, meta.words),
        TRANSLATION_OF: release.declared.translation_of or "",
        PAIR_REASON: reason,
        TITLE: release.title,
        BODY: release.body,
        CONTACT: release.contact,
        ABOUT: release.about,
        URL: release.url,
        LANGUAGE: meta.language or "und",
        YEAR: f"{date.year:04d}" if date else "",
        MONTH: f"{date.year:04d}-{date.month:02d}" if date else "",
        CITY: _commas(meta.cities),
        DATELINE_CITY: meta.dateline_city or "",
        COUNTRY: meta.country or "",
        SECTOR: _commas(meta.sectors),
        SOURCE: meta.source or "",
        WIRE: meta.wire or "",
        TAG: _commas(tuple(t.key for t in meta.tags)),
        SPELL: spell_text(release),
        **text_values(item),
    }
    if date is not None:
        doc[DATE] = dt.datetime(date.year, date.month, date.day)
    return doc


def text_values(item: EnrichedRelease) -> dict[str, str]:
    """The analysed text fields of a release: its title and body under its language."""
    lang = text_language(item.meta.language)
    return {title_field(lang): item.release.title, body_field(lang): item.release.body}


def analysed_values(item: EnrichedRelease) -> dict[str, str]:
    """Every field of a release that the worker analyses: its text fields and
    the spelling text (analysed there too, so the writer analyses nothing)."""
    return {**text_values(item), SPELL: spell_text(item.release)}


def spell_text(release: Release) -> str:
    """What spelling suggestions are drawn from: the title and the body's opening."""
    return f"{release.title}\n{_lead(release.body)}"


def record_of(stored: dict[str, Any], *, with_text: bool = True) -> EnrichedRelease:
    """A document's stored fields back as the release they were made from: the one
    inverse of :func:`to_document`, read by hits, the release page and pairing.

    ``with_text=False`` leaves body, contact and about empty (pairing keeps
    thousands of these in memory and compares metadata only).
    """
    date = stored.get(DATE)
    count, words = stored.get(LINK_WORDS) or (0, b"")

    def text(name: str) -> str:
        return str(stored.get(name) or "") if with_text else ""

    release = Release(
        id=stored[ID],
        path=stored[PATH],
        row=stored.get(ROW),
        title=stored.get(TITLE) or stored[ID],
        body=text(BODY),
        format=stored.get(FORMAT) or "",
        declared=Declared(
            pair_key=stored.get(PAIR_KEY) or None,
            translation_of=stored.get(TRANSLATION_OF) or None,
        ),
        contact=text(CONTACT),
        about=text(ABOUT),
        url=stored.get(URL) or None,
    )
    meta = Metadata(
        language=stored.get(LANGUAGE),
        date=date.date() if isinstance(date, dt.datetime) else None,
        dateline_city=stored.get(DATELINE_CITY) or None,
        country=stored.get(COUNTRY) or None,
        cities=split_multi(stored.get(CITY)),
        sectors=split_multi(stored.get(SECTOR)),
        source=stored.get(SOURCE) or None,
        wire=stored.get(WIRE) or None,
        tags=tuple(Tag(key, key) for key in split_multi(stored.get(TAG))),
        content_hash=stored.get(CONTENT_HASH) or "",
        fingerprint=frozenset(stored.get(FINGERPRINT) or ()),
        words=words,
        word_count=count,
    )
    return EnrichedRelease(release, meta)


def _lead(body: str, limit: int = 600) -> str:
    """The opening of the body: names and key words live there, and spelling
    suggestions from it cost a fraction of indexing every word twice."""
    return body[:limit]


def split_multi(value: str | None) -> tuple[str, ...]:
    """Values of a multi-valued facet field as stored (comma-separated)."""
    return tuple(v for v in (value or "").split(",") if v)
