"""Datelines in the styles of the distributors found in real releases."""

from __future__ import annotations

import datetime as dt

import pytest

from releasesearch.enrich.datelines import Dateline, normalise_wire, parse_dateline

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NANJING, China, March 04, 2026 (GLOBE NEWSWIRE) -- The 2026 conference",
            Dateline("NANJING", None, "China", D(2026, 3, 4), "GlobeNewswire"),
        ),
        (
            "SHENZHEN, China, June 24, 2024 (GLOBE NEWSWIRE) — An economic delegation",
            Dateline("SHENZHEN", None, "China", D(2024, 6, 24), "GlobeNewswire"),
        ),
        (
            "CHANGZHOU, China, Sept. 15, 2025 (GLOBE NEWSWIRE) -- The Jiangsu-Germany Dialogue",
            Dateline("CHANGZHOU", None, "China", D(2025, 9, 15), "GlobeNewswire"),
        ),
        (
            "(NewMediaWire) - September 25, 2024 - DALLAS — The American Heart Association",
            Dateline("DALLAS", None, None, D(2024, 9, 25), "NewMediaWire"),
        ),
        (
            "LOS ANGELES, CA, March 09, 2024 /24-7PressRelease/ -- Red Frog Publishing presents",
            Dateline("LOS ANGELES", "CA", None, D(2024, 3, 9), "24-7PressRelease"),
        ),
        (
            "LONDON & SEATTLE–(BUSINESS WIRE)–Acme Corp today announced",
            Dateline("LONDON", None, None, None, "Business Wire"),
        ),
        (
            "Lancaster, PA (Newsworthy.ai) Thursday Dec 14, 2023 @ 6:00 PM Eastern — New Brain",
            Dateline("Lancaster", "PA", None, D(2023, 12, 14), "Newsworthy.ai"),
        ),
        (
            "Heidelberg, Germany, August 19, 2025 The company announced",
            Dateline("Heidelberg", None, "Germany", D(2025, 8, 19), None),
        ),
        (
            "Berlin, 5. März 2026 – Die Firma hat",
            Dateline("Berlin", None, None, D(2026, 3, 5), None),
        ),
        ("MÜNCHEN (ots) - Die Firma hat", Dateline("MÜNCHEN", None, None, None, "ots")),
        (
            "TORONTO, Ontario - (NewMediaWire) - October 29, 2024 - ZenaTech, Inc. (Nasdaq: ZENA), a company",
            Dateline("TORONTO", "Ontario", None, D(2024, 10, 29), "NewMediaWire"),
        ),
        (
            "BURLINGTON, NJ / PR Karma / September 5, 2024 7:30",
            Dateline("BURLINGTON", "NJ", None, D(2024, 9, 5), "PR Karma"),
        ),
        (
            "DALLAS, TX -- April 1st, 2025 -- Alpha Cognition Inc. (NASDAQ: ACOG): Stonegate",
            Dateline("DALLAS", "TX", None, D(2025, 4, 1), None),
        ),
        (
            "MIAMI, FL — March 28, 2025 — (NOTICIAS NEWSWIRE) — AmigosMax.com, the premier network",
            Dateline("MIAMI", "FL", None, D(2025, 3, 28), "Noticias Newswire"),
        ),
    ],
)
def test_parse_dateline(text: str, expected: Dateline) -> None:
    assert parse_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp - the leader in widgets - announced a new product.",
        "The event was held in Stuttgart, Germany, on March 2.",
        "From November 19 to 22, local time, Mayor Chen Zhichang led a delegation.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_normalise_wire() -> None:
    assert normalise_wire("GLOBE NEWSWIRE") == "GlobeNewswire"
    assert normalise_wire(" BUSINESS  WIRE ") == "Business Wire"
    assert normalise_wire("Some Local Wire") == "Some Local Wire"
