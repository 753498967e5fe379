"""Pairing a release with its translations.

Translations share what translators leave alone: the figures, the years and the
places. Numbers are normalised across languages ("2.22 billion" and "2,22 Milliarden"
both become "2.22") and, with the place ids, form a release's fingerprint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from releasesearch.model import EnrichedRelease, Release

from .text import normalise_source

WINDOW_DAYS = 3
MIN_SHARED = 4
MIN_JACCARD = 0.5
_COMMON = 50  # a fingerprint item in more postings than this does not nominate candidates
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[.,'’ ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def _canonical(raw: str, language: str | None) -> str | None:
    """One spelling per number: German "2,22" and English "2.22" meet; "1.000"/"1,000" too."""
    text = raw.replace("'", "").replace("’", "").replace(" ", "")
    decimal = "," if language == "de" else "."
    group = "." if decimal == "," else ","
    if re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})+(?:\{decimal}\d+)?", text):
        text = text.replace(group, "")
    text = text.replace(decimal, ".").replace(",", ".")
    if text.count(".") > 1:
        return None
    value = text.rstrip("0").rstrip(".") if "." in text else text.lstrip("0") or "0"
    return value if len(value.replace(".", "")) >= 2 else None  # single digits say nothing


def numbers(text: str, language: str | None) -> set[str]:
    """Normalised numbers of at least two digits."""
    out = set()
    for m in _NUMBER.finditer(text):
        value = _canonical(m.group(0), language)
        if value is not None:
            out.add(value)
    return out


def fingerprint(
    release: Release, cities: Sequence[str], language: str | None = None
) -> frozenset[str]:
    """Numbers and place ids of a release: what survives translation."""
    items = numbers(release.title + "\n" + release.body, language)
    items.update(f"place:{c}" for c in cities)
    return frozenset(items)


def _close(a: dt.date | None, b: dt.date | None, *, both_none: bool) -> bool:
    if a is None or b is None:
        return both_none and a is None and b is None
    return abs((a - b).days) <= WINDOW_DAYS


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    union = len(a | b)
    return shared >= MIN_SHARED and union > 0 and shared / union >= MIN_JACCARD


def are_translations(a: EnrichedRelease, b: EnrichedRelease) -> bool:
    """Different languages and: one pair key, or one issuer and date, or one fingerprint."""
    la, lb = a.meta.language, b.meta.language
    if la is None or lb is None or la == lb or a.release.id == b.release.id:
        return False
    ka, kb = a.release.declared.pair_key, b.release.declared.pair_key
    if ka is not None and ka == kb:
        return True
    sa, sb = normalise_source(a.meta.source), normalise_source(b.meta.source)
    if sa is not None and sa == sb and _close(a.meta.date, b.meta.date, both_none=False):
        return True
    if not _close(a.meta.date, b.meta.date, both_none=True):
        return False
    return _overlap(a.meta.fingerprint, b.meta.fingerprint)


def _keys(item: EnrichedRelease) -> list[str]:
    """Posting keys that nominate candidates; years are too common to nominate."""
    keys = [f"fp:{x}" for x in item.meta.fingerprint if not _YEAR.match(x)]
    source = normalise_source(item.meta.source)
    if source:
        keys.append(f"src:{source}")
    if item.release.declared.pair_key:
        keys.append(f"pair:{item.release.declared.pair_key}")
    return keys


def _days(date: dt.date | None) -> list[int | None]:
    if date is None:
        return [None]
    day = date.toordinal()
    return list(range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1))


def _candidate_pairs(items: Sequence[EnrichedRelease]) -> set[tuple[int, int]]:
    """Index pairs worth checking: sharing a key within the date window, or a pair key."""
    postings: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    pair_keys: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, item in enumerate(items):
        keys = _keys(item)
        for key in keys:
            if key.startswith("pair:"):
                pairs.update((j, i) for j in pair_keys[key])
                pair_keys[key].append(i)
        for day in _days(item.meta.date):
            for key in keys:
                posting = postings.get((day, key), [])
                if len(posting) <= _COMMON:
                    pairs.update((j, i) for j in posting)
        own = item.meta.date.toordinal() if item.meta.date else None
        for key in keys:
            postings[(own, key)].append(i)
    return pairs


def link_translations(items: Sequence[EnrichedRelease]) -> list[EnrichedRelease]:
    """Same order, each release's ``translations`` filled (both ways, ids sorted)."""
    links: dict[int, set[str]] = defaultdict(set)
    for i, j in _candidate_pairs(items):
        if are_translations(items[i], items[j]):
            links[i].add(items[j].release.id)
            links[j].add(items[i].release.id)
    out = []
    for i, item in enumerate(items):
        found = tuple(sorted(links[i] | set(item.translations)))
        out.append(replace(item, translations=found) if found != item.translations else item)
    return out
