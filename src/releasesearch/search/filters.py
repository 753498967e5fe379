"""Every filter and facet, declared once: what request parsing, matching, counting and
rendering all read.

A :class:`Filter` says which URL parameter (and CLI option) it is, which index field
holds its values, whether a release has one value or several, which names select it
inside the query text (``city:München``, ``stadt:München``), how a typed value
becomes the value the index stores, and how a value is labelled for the reader in
English and German. Adding a facet is one entry in :data:`FILTERS`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from releasesearch.index import schema as F
from releasesearch.vocab.gazetteer import gazetteer
from releasesearch.vocab.languages import language_label, normalise_language
from releasesearch.vocab.months import format_date, month_name
from releasesearch.vocab.sectors import resolve_sector, sector_label, sector_scope


def _as_typed(value: str) -> str:
    return value


def _label_as_is(value: str, ui: str) -> str:
    return value


def resolve_city(value: str) -> str:
    """A GeoNames id, or a city's name in any language (Munich, München) -> its id."""
    if value.isdigit():
        return value
    place = gazetteer().resolve(value)
    return place.id if place else value


def city_label(place_id: str, ui: str) -> str:
    return gazetteer().label(place_id, ui) or place_id


def _resolve_sector(value: str) -> str:
    return resolve_sector(value) or value


def _resolve_language(value: str) -> str:
    """``Deutsch``, ``de-DE``, ``ger`` -> ``de``; an unknown value is kept, lower-cased."""
    return normalise_language(value) or value.lower()


def _resolve_country(value: str) -> str:
    return value.upper()


YEAR_VALUE = re.compile(r"\d{4}")
MONTH_VALUE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


def month_label(value: str, ui: str) -> str:
    """``2026-03`` -> ``March 2026`` / ``März 2026``; anything else is shown as given."""
    if not MONTH_VALUE.fullmatch(value):
        return value
    return f"{month_name(int(value[5:]), ui)} {value[:4]}"


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter; a facet too when ``titles`` is set."""

    param: str  # URL parameter, CLI option and facet name
    field: str  # index field holding the values
    multi: bool  # several values per release (comma-separated in the index)
    aliases: tuple[str, ...] = ()  # names that select it in the query text: city:München
    titles: tuple[str, str] | None = None  # facet heading (English, German); None: no facet
    resolve: Callable[[str], str] = _as_typed  # a typed value -> the value the index stores
    label: Callable[[str, str], str] = _label_as_is  # (value, interface language) -> label
    order: str = "count"  # facet values by "count", by "value", or "newest" value first
    within: str | None = None  # shown only under a selected value of this filter (month: year)
    pattern: re.Pattern[str] | None = None  # what a readable value looks like; None: anything
    form: str = ""  # the pattern in words, for the error message
    describe: Callable[[str, str], str] | None = None  # (value, ui) -> what it covers, a tooltip

    @property
    def is_facet(self) -> bool:
        return self.titles is not None

    def title(self, ui: str) -> str:
        assert self.titles is not None
        return self.titles[1] if ui.startswith("de") else self.titles[0]


FILTERS: tuple[Filter, ...] = (
    Filter("city", F.CITY, True, ("city", "stadt"), ("City", "Stadt"), resolve_city, city_label),
    Filter(
        "sector",
        F.SECTOR,
        True,
        ("sector", "branche"),
        ("Sector", "Branche"),
        _resolve_sector,
        sector_label,
        describe=sector_scope,
    ),
    Filter(
        "lang",
        F.LANGUAGE,
        False,
        ("lang", "language", "sprache"),
        ("Language", "Sprache"),
        _resolve_language,
        language_label,
    ),
    Filter(
        "year",
        F.YEAR,
        False,
        ("year", "jahr"),
        ("Year", "Jahr"),
        order="newest",
        pattern=YEAR_VALUE,
        form="a year written YYYY",
    ),
    Filter(
        "month",
        F.MONTH,
        False,
        (),
        ("Month", "Monat"),
        label=month_label,
        order="value",
        within="year",
        pattern=MONTH_VALUE,
        form="a month written YYYY-MM",
    ),
    Filter("source", F.SOURCE, False, ("source", "quelle"), ("Source", "Quelle")),
    Filter("wire", F.WIRE, False, ("wire", "verteiler"), ("Wire", "Verteiler")),
    Filter("country", F.COUNTRY, False, ("country",), resolve=_resolve_country),
    Filter("tag", F.TAG, True, ("tag",)),
)
BY_PARAM: dict[str, Filter] = {f.param: f for f in FILTERS}
FACETS: tuple[Filter, ...] = tuple(f for f in FILTERS if f.is_facet)
QUERY_ALIASES: dict[str, Filter] = {alias: f for f in FILTERS for alias in f.aliases}


def label_for(param: str, value: str, ui: str) -> str:
    """A filter value as the reader sees it, in the interface language."""
    found = BY_PARAM.get(param)
    return found.label(value, ui) if found else value


_DATE_BOUNDS = {"from": ("from {date}", "ab {date}"), "to": ("until {date}", "bis {date}")}


def date_label(param: str, date: dt.date, ui: str) -> str:
    """A date bound as a chip shows it: ``from 1 March 2026`` / ``bis 31. März 2026``."""
    english, german = _DATE_BOUNDS[param]
    return (german if ui.startswith("de") else english).format(date=format_date(date, ui))
