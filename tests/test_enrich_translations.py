"""Fingerprints and translation pairing."""

from __future__ import annotations

import datetime as dt

from releasesearch.enrich import enrich
from releasesearch.enrich.translations import (
    are_translations,
    fingerprint,
    link_translations,
    numbers,
)
from releasesearch.model import Declared, EnrichedRelease, Metadata, Release


def test_numbers_meet_across_languages() -> None:
    assert numbers("$2.22 billion, $730 million, 1,000 staff in 2025, 5 sites", "en") == {
        "2.22",
        "730",
        "1000",
        "2025",
    }
    assert numbers("2,22 Milliarden, 730 Millionen, 1.000 Beschäftigte 2025, 5 Orte", "de") == {
        "2.22",
        "730",
        "1000",
        "2025",
    }


def _item(rid: str, lang: str, day: int | None, fp: set[str], **declared: str) -> EnrichedRelease:
    release = Release(rid, rid, None, "t", "b", "text", Declared(**declared))  # type: ignore[arg-type]
    date = dt.date(2024, 5, day) if day else None
    meta = Metadata(
        lang, date, None, None, (), (), declared.get("source"), None, (), "", frozenset(fp)
    )
    return EnrichedRelease(release, meta)


def test_are_translations_rules() -> None:
    fp = {"12", "345", "2024", "place:1"}
    assert are_translations(_item("a", "en", 1, fp), _item("b", "de", 4, fp))
    assert not are_translations(_item("a", "en", 1, fp), _item("b", "de", 5, fp))  # 4 days apart
    assert not are_translations(_item("a", "en", 1, fp), _item("b", "en", 1, fp))  # same language
    assert are_translations(_item("a", "en", None, fp), _item("b", "de", None, fp))
    assert not are_translations(_item("a", "en", 1, fp), _item("b", "de", None, fp))
    assert not are_translations(
        _item("a", "en", 1, {"12", "345", "2024"}), _item("b", "de", 1, {"12", "345", "2024"})
    )
    assert are_translations(
        _item("a", "en", 1, set(), pair_key="k"), _item("b", "de", 20, set(), pair_key="k")
    )
    assert are_translations(
        _item("a", "en", 1, set(), source="„X“"), _item("b", "de", 3, set(), source='"X"')
    )
    assert not are_translations(
        _item("a", "en", 1, set(), source="X"), _item("b", "de", 9, set(), source="X")
    )


def test_link_translations_many() -> None:
    items = []
    for i in range(300):
        fp = {f"{i}.01", f"{i}.02", f"{i}.03", f"{i}.04", "2024"}
        items.append(_item(f"en{i}", "en", 1 + i % 28, fp))
        items.append(_item(f"de{i}", "de", 1 + i % 28, fp))
    linked = link_translations(items)
    assert all(
        e.translations == ((f"de{i // 2}",) if i % 2 == 0 else (f"en{i // 2}",))
        for i, e in enumerate(linked)
    )


def test_fingerprint_includes_places_names_and_addresses() -> None:
    release = Release(
        "r",
        "r",
        None,
        "Title",
        "Growth of 12.5 percent in Nanjing, says FSFE (press@fsfe.org, https://www.fsfe.org/news/).",
        "text",
        links=("/activities/ilovefs/", "mailto:Info@FSFE.org"),
    )
    expected = {
        "12.5",
        "place:1799962",
        "name:nanjing",
        "name:fsfe",
        "mail:press@fsfe.org",
        "mail:info@fsfe.org",
        "url:fsfe.org/news",
        "url:/activities/ilovefs",
    }
    assert fingerprint(release, ("1799962",), "en") == frozenset(expected)
    assert enrich(release).meta.fingerprint == frozenset(expected)
