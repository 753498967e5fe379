"""Which column of a batch file holds what, and how a row becomes a release.

Batch files come from spreadsheets and scrapers in English and German; their
columns are recognised by common names, and a ``<name>.mapping.json`` beside the
file names the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from releasesearch.errors import ParseError
from releasesearch.model import Declared, Release
from releasesearch.parse.common import derive_title, split_list, tags_from_labels
from releasesearch.parse.decode import clean_chars, join_paragraphs, one_line, paragraphs
from releasesearch.parse.sections import contact_text, split_sections

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "titel", "überschrift", "ueberschrift", "subject", "heading"),
    "date": (
        "date",
        "published",
        "published_at",
        "pubdate",
        "datum",
        "veröffentlicht",
        "veroeffentlicht",
        "publication_date",
        "date_published",
    ),
    "text": (
        "text",
        "body",
        "content",
        "description",
        "beschreibung",
        "inhalt",
        "article",
        "text_body",
        "meldung",
    ),
    "city": ("city", "location", "ort", "place", "ereignisort", "dateline", "stadt"),
    "sector": ("sector", "category", "kategorie", "industry", "branche", "rubrik"),
    "language": ("language", "lang", "sprache"),
    "url": ("url", "link"),
    "id": ("id", "key", "slug"),
    "source": ("source", "issuer", "quelle", "herausgeber"),
    "tags": ("tags", "keywords", "schlagworte", "schlagwörter"),
    "translation_of": ("translation_of", "translation", "übersetzung_von", "uebersetzung_von"),
}
_FIELD_OF = {norm: field for field, names in ALIASES.items() for norm in names}
_LABEL_PREFIX = re.compile(r"^[A-Za-zÄÖÜäöüß ]{2,30}:\s*(?=\S)")  # "Ereignisort:Mitte"
_URL_NUMBER = re.compile(r"(\d{3,})")


def normalize_name(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff").lower())


def assign_columns(names: Sequence[str], mapping: Mapping[str, str] | None) -> dict[str, int]:
    """Field -> column index. The mapping wins over recognised names; the first column wins.

    :raises ParseError: if the mapping names a field that does not exist.
    """
    wanted = {normalize_name(k): _field(v) for k, v in (mapping or {}).items()}
    fields: dict[str, int] = {}
    for index, name in enumerate(names):
        field = wanted.get(normalize_name(name))
        if field:
            fields.setdefault(field, index)
    for index, name in enumerate(names):
        field = _FIELD_OF.get(normalize_name(name))
        if field and index not in fields.values():
            fields.setdefault(field, index)
    return fields


def _field(value: str) -> str:
    field = _FIELD_OF.get(normalize_name(value), normalize_name(value))
    if field not in ALIASES:
        known = ", ".join(ALIASES)
        raise ParseError(f"column mapping names unknown field {value!r} (known: {known})")
    return field


def row_keys(rows: Sequence[Mapping[str, str]], numbers: Sequence[int]) -> list[str]:
    """Stable keys: the id column if unique, else the URL's tail, else the row number.

    Stable across re-imports of the same export, so search results keep their links.
    """
    for make in (_id_key, _url_key):
        keys = [make(row) for row in rows]
        if all(keys) and len(set(keys)) == len(keys):
            return keys
    return [str(n) for n in numbers]


def _id_key(row: Mapping[str, str]) -> str:
    return one_line(row.get("id", ""))


def _url_key(row: Mapping[str, str]) -> str:
    """``.../pressemitteilung.1478928.php`` -> ``1478928``; else the last path segment."""
    url = row.get("url", "").strip().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if not url:
        return ""
    tail = PurePosixPath(url).name
    number = _URL_NUMBER.findall(tail)
    return number[-1] if number else PurePosixPath(tail).stem


def build_release(path: str, key: str, kind: str, row: Mapping[str, str]) -> Release:
    """A release from one row of named fields.

    :raises ParseError: if the row has neither title nor text.
    """
    title = one_line(clean_chars(row.get("title", "")))
    sections = split_sections(paragraphs(clean_chars(row.get("text", ""))))
    body = join_paragraphs(sections.body)
    if not title and not body:
        raise ParseError("row has no text")
    city = _LABEL_PREFIX.sub("", one_line(row.get("city", "")))
    declared = Declared(
        date=one_line(row.get("date", "")) or None,
        language=one_line(row.get("language", "")) or None,
        cities=tuple(c.strip() for c in re.split(r"[;|]", city) if c.strip()),
        sectors=tuple(split_list(_LABEL_PREFIX.sub("", row.get("sector", "")))),
        tags=tags_from_labels(split_list(row.get("tags", ""))),
        source=one_line(row.get("source", "")) or None,
        translation_of=one_line(row.get("translation_of", "")) or None,
    )
    return Release(
        id=f"{path}#{key}",
        path=path,
        row=key,
        title=title or derive_title(body, f"{PurePosixPath(path).name} #{key}"),
        body=body,
        format=kind,
        declared=declared,
        contact=contact_text(sections.contact),
        about=join_paragraphs(sections.about),
        url=one_line(row.get("url", "")) or None,
    )
