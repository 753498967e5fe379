"""Facets as data: counts over all matching releases, each value labelled and toggleable.

Within one facet, selected values combine with OR, and that facet's own counts
ignore its own selection (so ticking Munich does not hide Stuttgart's count);
across facets, filters combine with AND. Everything is numpy over the columns of
:mod:`releasesearch.search.columns`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from releasesearch.model import Facet, FacetValue
from releasesearch.search.columns import BoolArray, Columns, day_number, vocabulary
from releasesearch.search.filters import BY_PARAM, FACETS, Filter, date_label, label_for
from releasesearch.search.request import SearchRequest

MAX_VALUES = 12  # values a facet shows at once
MAX_MORE = 200  # values behind its "more"; a page lists no more than this
Toggle = Callable[[str, str], str]


def value_mask(columns: Columns, spec: Filter, values: tuple[str, ...]) -> BoolArray:
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
    return {param: value_mask(columns, BY_PARAM[param], values) for param, values in req.selection}


def combine(base: BoolArray, masks: dict[str, BoolArray], skip: str | None = None) -> BoolArray:
    out = base.copy()
    for name, mask in masks.items():
        if name != skip:
            out &= mask
    return out


def distinct(columns: Columns, mask: BoolArray) -> int:
    """Releases in ``mask``, a translation pair counted once."""
    alone = int(np.count_nonzero(mask & ~columns.paired))
    return alone + int(np.unique(columns.group[mask & columns.paired]).size)


def count(columns: Columns, spec: Filter, mask: BoolArray) -> list[tuple[str, int]]:
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
        keys = columns.group[docs[twin]].astype(np.int64) * size + codes[twin]
        counts += np.bincount(np.unique(keys) % size, minlength=size)
    nonzero = np.flatnonzero(counts)
    pairs = [(vocab.values[c], int(counts[c])) for c in nonzero if c != 0]
    pairs.sort(key=lambda p: (-p[1], p[0]))
    return pairs


def facet_value(spec: Filter, req: SearchRequest, toggle: Toggle, value: str, n: int) -> FacetValue:
    """One value of ``spec`` with ``n`` releases, labelled, ticked when selected, toggleable."""
    ui = req.ui_language
    return FacetValue(
        value,
        spec.label(value, ui),
        n,
        value in req.selected(spec.param),
        toggle(spec.param, value),
        description=spec.describe(value, ui) if spec.describe else "",
    )


def _facet(spec: Filter, pairs: list[tuple[str, int]], req: SearchRequest, toggle: Toggle) -> Facet:
    """The most frequent values and every selected one (counted or not) first; the
    next :data:`MAX_MORE` behind "more"; of the rest only how many there are."""
    chosen = req.selected(spec.param)
    shown = pairs[:MAX_VALUES] + [p for p in pairs[MAX_VALUES:] if p[0] in chosen]
    present = {p[0] for p in shown}
    shown += [(v, 0) for v in chosen if v not in present]
    rest = [p for p in pairs[MAX_VALUES:] if p[0] not in chosen]
    return Facet(
        spec.param,
        spec.title(req.ui_language),
        tuple(facet_value(spec, req, toggle, v, n) for v, n in shown),
        more=tuple(facet_value(spec, req, toggle, v, n) for v, n in rest[:MAX_MORE]),
        left_out=max(0, len(rest) - MAX_MORE),
    )


def build_facets(
    columns: Columns,
    base: BoolArray,
    masks: dict[str, BoolArray],
    req: SearchRequest,
    toggle: Callable[[str, str], str],
) -> tuple[Facet, ...]:
    """Every facet's values over the matches, ignoring the facet's own selection."""
    facets: list[Facet] = []
    for spec in FACETS:
        outer = req.selected(spec.within) if spec.within else ()
        if spec.within and not outer:
            continue
        pairs = count(columns, spec, combine(base, masks, skip=spec.param))
        if spec.within:
            pairs = [p for p in pairs if p[0].startswith(outer)]
        if spec.order != "count":
            pairs.sort(key=lambda p: p[0], reverse=spec.order == "newest")
        facet = _facet(spec, pairs, req, toggle)
        if facet.values:
            facets.append(facet)
    return tuple(facets)


def chips(req: SearchRequest, toggle: Callable[[str, str], str]) -> tuple[FacetValue, ...]:
    """The active filters, date bounds included, each with the query string that removes it."""
    values = [
        FacetValue(v, label_for(name, v, req.ui_language), 0, True, toggle(name, v), name)
        for name, chosen in req.selection
        for v in chosen
    ]
    for name, bound in (("from", req.date_from), ("to", req.date_to)):
        if bound is not None:
            label = date_label(name, bound, req.ui_language)
            values.append(FacetValue(bound.isoformat(), label, 0, True, toggle(name, ""), name))
    return tuple(values)
