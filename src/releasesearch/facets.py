"""Facets as data: counts over all matching releases, each value labelled and toggleable.

Within one facet, selected values combine with OR, and that facet's own counts
ignore its own selection (so ticking Munich does not hide Stuttgart's count);
across facets, filters combine with AND. Everything is numpy over the columns of
:mod:`releasesearch.columns`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from releasesearch import schema as F
from releasesearch.columns import BoolArray, Columns, day_number, vocabulary
from releasesearch.enrich.language import language_label
from releasesearch.enrich.places import gazetteer
from releasesearch.enrich.sectors import sector_label
from releasesearch.model import Facet, FacetValue
from releasesearch.request import SearchRequest

MAX_VALUES = 12


@dataclass(frozen=True, slots=True)
class FacetSpec:
    param: str  # request parameter and facet name
    field: str  # index field
    multi: bool


FACETS = (
    FacetSpec("city", F.CITY, True),
    FacetSpec("sector", F.SECTOR, True),
    FacetSpec("lang", F.LANGUAGE, False),
    FacetSpec("year", F.YEAR, False),
    FacetSpec("month", F.MONTH, False),
    FacetSpec("source", F.SOURCE, False),
)
FILTERS = FACETS + (FacetSpec("country", F.COUNTRY, False), FacetSpec("tag", F.TAG, True))

_TITLES = {
    "en": {"city": "City", "sector": "Sector", "lang": "Language", "year": "Year",
           "month": "Month", "source": "Source"},
    "de": {"city": "Stadt", "sector": "Branche", "lang": "Sprache", "year": "Jahr",
           "month": "Monat", "source": "Quelle"},
}
_MONTH_VALUE = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")  # ?month=München is no month
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
}


def value_mask(columns: Columns, spec: FacetSpec, values: tuple[str, ...]) -> BoolArray:
    """Documents having any of ``values`` in the facet's field."""
    codes = vocabulary(spec.field).lookup(values)
    if spec.multi:
        multi = columns.multi[spec.field]
        mask = np.zeros(columns.size, np.bool_)
        mask[multi.docs[np.isin(multi.codes, codes)]] = True
        return mask
    return np.isin(columns.single[spec.field], codes)


def date_mask(columns: Columns, req: SearchRequest) -> BoolArray | None:
    if req.date_from is None and req.date_to is None:
        return None
    mask: BoolArray = columns.days != np.int32(-(2**31))
    if req.date_from is not None:
        mask &= columns.days >= day_number(req.date_from)
    if req.date_to is not None:
        mask &= columns.days <= day_number(req.date_to)
    return mask


def selection_masks(columns: Columns, req: SearchRequest) -> dict[str, BoolArray]:
    """One mask per facet or filter with a selection."""
    selected = req.filters()
    return {
        spec.param: value_mask(columns, spec, selected[spec.param])
        for spec in FILTERS
        if selected.get(spec.param)
    }


def combine(base: BoolArray, masks: dict[str, BoolArray], skip: str | None = None) -> BoolArray:
    out = base.copy()
    for name, mask in masks.items():
        if name != skip:
            out &= mask
    return out


def distinct(columns: Columns, mask: BoolArray) -> int:
    """Releases in ``mask``, a translation pair counted once."""
    alone = int(np.count_nonzero(mask & ~columns.paired))
    return alone + int(np.unique(columns.single[F.PAIR][mask & columns.paired]).size)


def count(columns: Columns, spec: FacetSpec, mask: BoolArray) -> list[tuple[str, int]]:
    """(value, count) of one facet over ``mask``, most frequent first; pairs count once."""
    vocab = vocabulary(spec.field)
    size = len(vocab.values)
    if spec.multi:
        multi = columns.multi[spec.field]
        chosen = mask[multi.docs]
        docs: npt.NDArray[np.intp] = multi.docs[chosen].astype(np.intp)
        codes = multi.codes[chosen]
    else:
        docs = np.flatnonzero(mask)
        codes = columns.single[spec.field][docs]
    twin = columns.paired[docs]
    counts = np.bincount(codes[~twin], minlength=size)
    if twin.any():
        keys = columns.single[F.PAIR][docs[twin]].astype(np.int64) * size + codes[twin]
        counts += np.bincount(np.unique(keys) % size, minlength=size)
    nonzero = np.flatnonzero(counts)
    pairs = [(vocab.values[c], int(counts[c])) for c in nonzero if c != 0]
    pairs.sort(key=lambda p: (-p[1], p[0]))
    return pairs


def label_for(param: str, value: str, ui: str) -> str:
    """A facet value as the reader sees it, in the interface language."""
    if param == "city":
        return gazetteer().label(value, ui) or value
    if param == "sector":
        return sector_label(value, ui) or value
    if param == "lang":
        return language_label(value, ui)
    if param == "month" and _MONTH_VALUE.match(value):
        return f"{_MONTHS.get(ui, _MONTHS['en'])[int(value[5:]) - 1]} {value[:4]}"
    return value


def build_facets(
    columns: Columns,
    base: BoolArray,
    masks: dict[str, BoolArray],
    req: SearchRequest,
    toggle: Callable[[str, str], str],
) -> tuple[Facet, ...]:
    """Every facet's values over the matches, ignoring the facet's own selection."""
    facets: list[Facet] = []
    chosen = req.filters()
    for spec in FACETS:
        if spec.param == "month" and not req.year:
            continue
        pairs = count(columns, spec, combine(base, masks, skip=spec.param))
        if spec.param == "month":
            pairs = [p for p in pairs if p[0][:4] in req.year]
            pairs.sort(key=lambda p: p[0])
        elif spec.param == "year":
            pairs.sort(key=lambda p: p[0], reverse=True)  # a timeline, newest first
        shown = pairs[:MAX_VALUES]
        shown += [p for p in pairs[MAX_VALUES:] if p[0] in chosen[spec.param]]
        missing = [v for v in chosen[spec.param] if v not in {p[0] for p in shown}]
        shown += [(v, 0) for v in missing]
        values = tuple(
            FacetValue(
                value=v,
                label=label_for(spec.param, v, req.ui_language),
                count=n,
                selected=v in chosen[spec.param],
                toggle_query=toggle(spec.param, v),
            )
            for v, n in shown
        )
        if values:
            title = _TITLES.get(req.ui_language, _TITLES["en"])[spec.param]
            facets.append(Facet(spec.param, title, values))
    return tuple(facets)


def chips(req: SearchRequest, toggle: Callable[[str, str], str]) -> tuple[FacetValue, ...]:
    """The active filters, each with the query string that removes it."""
    return tuple(
        FacetValue(v, label_for(name, v, req.ui_language), 0, True, toggle(name, v))
        for name, values in req.filters().items()
        for v in values
    )
