"""Datelines: the "CITY, Region, Date (WIRE) --" that opens a press release.

Each distributor has its own style (see the examples in the tests), so instead of one
pattern per distributor the opening is cut at dashes into segments, and segments are
taken while each one is made only of dateline material: a place, a date, a time, a
wire marker. The first segment of running text ends the dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from releasesearch.vocab.gazetteer import country_code

from .dates import find_dates
from .text import collapse

_SEP = re.compile(r"\s*(?:-{2,}|[—–]|\s-\s)\s*")
_PAREN = re.compile(r"\(\s*([^()]{2,40}?)\s*\)")
_SLASH = re.compile(r"/\s*([^/]{2,40}?)\s*/")
_TIME = re.compile(
    r"@?\s*\b\d{1,2}[:.]\d{2}\b(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s+(?:Uhr|[A-Z][\w/]*(?:\s+(?:Standard\s+)?Time)?))?"
)
_WIREISH = re.compile(r"wire|news|press|\bpr\b|\bots\b|\bdpa\b|\bapa\b|newsworthy", re.IGNORECASE)
_NOT_PLACES = {
    "on",
    "in",
    "since",
    "today",
    "as",
    "by",
    "at",
    "from",
    "until",
    "after",
    "before",
    "am",
    "seit",
    "ab",
    "bis",
    "heute",
    "date",
    "datum",
}
_CONNECTORS = {"&", "and", "und", "am", "an", "der", "de", "la", "del", "upon", "on", "im", "sur"}
_MAX_HEAD = 400

WIRES = {
    "globe newswire": "GlobeNewswire",
    "globenewswire": "GlobeNewswire",
    "business wire": "Business Wire",
    "businesswire": "Business Wire",
    "24-7pressrelease": "24-7PressRelease",
    "newsworthy.ai": "Newsworthy.ai",
    "newmediawire": "NewMediaWire",
    "noticias newswire": "Noticias Newswire",
    "pr newswire": "PR Newswire",
    "prnewswire": "PR Newswire",
    "accesswire": "ACCESSWIRE",
    "pr karma": "PR Karma",
    "news direct": "News Direct",
    "ots": "ots",
    "dpa": "dpa",
    "dpa-afx": "dpa-AFX",
    "apa-ots": "APA-OTS",
    "ein presswire": "EIN Presswire",
}


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline states, as written: resolving the place is the gazetteer's job."""

    city_text: str | None
    region_text: str | None
    country_text: str | None
    date: dt.date | None
    wire: str | None


@dataclass
class _Parts:
    place: str | None = None
    date: dt.date | None = None
    wire: str | None = None


def normalise_wire(name: str) -> str:
    """Distributor spelling as the distributor writes it: "GLOBE NEWSWIRE" -> "GlobeNewswire"."""
    clean = collapse(name).strip(" /()")
    return WIRES.get(clean.casefold(), clean)


def _take_wire(text: str, parts: _Parts) -> str:
    for pattern in (_PAREN, _SLASH):
        for m in pattern.finditer(text):
            if _WIREISH.search(m.group(1)) and parts.wire is None:
                parts.wire = normalise_wire(m.group(1))
                text = text.replace(m.group(0), " ", 1)
    return text


def _placeish(text: str) -> bool:
    """Comma-separated capitalised names of at most four words: "SANTA CLARA, CA"."""
    chunks = [c.strip() for c in text.split(",") if c.strip()]
    if not chunks or len(chunks) > 3 or chunks[0].split()[0].lower() in _NOT_PLACES:
        return False
    for chunk in chunks:
        words = chunk.replace(".", ". ").split()
        if len(words) > 4:
            return False
        if not all(w[0].isupper() or w.lower() in _CONNECTORS for w in words):
            return False
    return True


def _segment(text: str) -> _Parts | None:
    """The dateline material of one segment, or None if it is running text."""
    parts = _Parts()
    rest = _take_wire(text, parts)
    found = find_dates(rest)
    if found:
        parts.date = found[0].date
        rest = rest[: found[0].start] + " " + rest[found[0].end :]
    rest = collapse(_TIME.sub(" ", rest)).strip(" ,.;:|*")
    if rest:
        if not _placeish(rest):
            return None
        parts.place = rest
    return parts


def _prefix(text: str) -> _Parts | None:
    """ "Heidelberg, Germany, August 19, 2025 The company ...": cut after the first date."""
    found = find_dates(text[:150])
    if not found:
        return None
    return _segment(text[: found[0].end])


def _merge(total: _Parts, piece: _Parts) -> bool:
    """Add what a segment brings; False when it brings nothing new (so the text began)."""
    new = False
    for name in ("place", "date", "wire"):
        if getattr(piece, name) is not None and getattr(total, name) is None:
            setattr(total, name, getattr(piece, name))
            new = True
    return new


def _segments(head: str) -> list[str]:
    pieces, start = [], 0
    for m in _SEP.finditer(head):
        pieces.append(head[start : m.start()])
        start = m.end()
    pieces.append(head[start:])
    return pieces


def _collect(head: str) -> _Parts:
    total = _Parts()
    for index, segment in enumerate(_segments(head)):
        if not segment.strip():
            continue
        piece = _segment(segment)
        if piece is None:
            piece = _prefix(segment) if index == 0 or total.place is not None else None
            if piece is not None:
                _merge(total, piece)
            break
        if not _merge(total, piece) or (total.place and total.date and total.wire):
            break
    return total


def _split_place(place: str) -> tuple[str | None, str | None, str | None]:
    chunks = [c.strip() for c in place.split(",") if c.strip()]
    city = re.split(r"\s+(?:&|and|und)\s+|&", chunks[0])[0].strip() or None
    if len(chunks) >= 3:
        return city, chunks[1], chunks[-1]
    if len(chunks) == 2:
        if country_code(chunks[1]) is not None:
            return city, None, chunks[1]
        return city, chunks[1], None
    return city, None, None


def parse_dateline(first_paragraph: str) -> Dateline | None:
    """The dateline opening this paragraph, or None when the release has none."""
    head = first_paragraph.lstrip(" *_#>\t\n")[:_MAX_HEAD]
    total = _collect(head)
    if total.date is None and total.wire is None:
        return None
    city, region, country = _split_place(total.place) if total.place else (None, None, None)
    return Dateline(city, region, country, total.date, total.wire)
