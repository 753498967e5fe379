"""Enrichment: from a parsed Release to facetable metadata (EnrichedRelease).

Pure and deterministic: the same Release always yields the same metadata, so an
index can be rebuilt and compared. What a file declares wins over what is inferred.
"""

from __future__ import annotations

import hashlib

from releasesearch.model import EnrichedRelease, Metadata, Release
from releasesearch.vocab.gazetteer import country_code, district_city, gazetteer, region_country
from releasesearch.vocab.languages import normalise_language

from .datelines import normalise_wire, parse_dateline
from .language import detect_language
from .linkwords import link_words
from .places import find_cities
from .release_date import find_release_date
from .sectors import find_sectors
from .text import first_paragraph, normalise_source
from .translations import fingerprint, link_translations

__all__ = ["content_hash", "enrich", "home_city", "link_translations", "release_text"]


def content_hash(release: Release) -> str:
    """sha256 of title and body: what makes two files the same release."""
    return hashlib.sha256((release.title + "\n" + release.body).encode("utf-8")).hexdigest()


def _language(release: Release) -> str:
    if release.declared.language:
        declared = normalise_language(release.declared.language)
        if declared is not None:
            return declared
    return detect_language(release.title + "\n" + release.body)


def _dateline_place(release: Release) -> tuple[str | None, str | None, str | None]:
    """(place id, country code, wire) from the dateline."""
    dateline = parse_dateline(first_paragraph(release.body))
    if dateline is None:
        return None, None, None
    country = None
    if dateline.country_text:
        country = country_code(dateline.country_text)
    elif dateline.region_text:
        country = region_country(dateline.region_text) or country_code(dateline.region_text)
    place = None
    if dateline.city_text:
        place = gazetteer().resolve(dateline.city_text, country, dateline.region_text)
        if place is None and country is None:
            country = country_code(dateline.city_text)  # "HONG KONG, ..." / "SINGAPORE"
    if place is not None and country is None:
        country = place.country
    return (place.id if place else None), country, dateline.wire


def release_text(release: Release) -> str:
    """The parts of a release that name places: title, body, contact and about block."""
    parts = (release.title, release.body, release.contact, release.about)
    return "\n\n".join(p for p in parts if p)


def home_city(release: Release) -> str | None:
    """The city a local release is about: the one whose district its file declares
    ("Pankow" in a Berlin police report)."""
    for name in release.declared.cities:
        if gazetteer().resolve(name) is None and district_city(name):
            return district_city(name)
    return None


def _cities(release: Release, language: str, dateline_city: str | None) -> tuple[str, ...]:
    ids = []
    for name in release.declared.cities:
        place = gazetteer().resolve(name)
        pid = place.id if place is not None else district_city(name)
        if pid is not None:
            ids.append(pid)
    if dateline_city:
        ids.append(dateline_city)
    ids.extend(find_cities(release_text(release), language, home_city(release)))
    return tuple(dict.fromkeys(ids))


def enrich(release: Release) -> EnrichedRelease:
    """Everything enrichment knows about one release; translations are linked later."""
    language = _language(release)
    dateline_city, country, wire = _dateline_place(release)
    cities = _cities(release, language, dateline_city)
    declared_wire = normalise_wire(release.declared.wire) if release.declared.wire else None
    words = link_words(release.title + "\n" + release.body, language)
    meta = Metadata(
        language=language,
        date=find_release_date(release),
        dateline_city=dateline_city,
        country=country,
        cities=cities,
        sectors=find_sectors(
            release.body,
            release.declared.sectors,
            release.title,
            about=release.about,
            language=language,
        ),
        source=normalise_source(release.declared.source),
        wire=declared_wire or wire,
        tags=release.declared.tags,
        content_hash=content_hash(release),
        fingerprint=fingerprint(release, cities, language),
        words=words.packed,
        word_count=words.words,
    )
    return EnrichedRelease(release=release, meta=meta)
