"""The five seed releases: what enrichment must conclude about each.

The seeds are built here directly as Release objects, independent of the parsers
(title, clean body with the dateline kept, declared date and source), so these tests
pin enrichment only. Other enrichment tests import ``seed_release`` from here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from releasesearch.enrich import enrich
from releasesearch.enrich.translations import are_translations, link_translations
from releasesearch.model import Declared, EnrichedRelease, Release

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
NAMES = {
    "000": "000_1155c7d4176d89c5.txt",
    "001": "001_08a2519bc6076cba.txt",
    "002": "002_2b7d03b8d94b1048.txt",
    "003": "003_228523de1d0d3c93.txt",
    "004": "004_fdc124adaf6433fa.txt",
}


def seed_release(key: str) -> Release:
    name = NAMES[key]
    text = (SEEDS / name).read_text("utf-8")
    date = None
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", text)
    if m:
        date, text = m.group(1), text[m.end() :]
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    source = None
    kept = []
    for para in paras:
        label = re.match(r"(Source|Quelle|CONTACT):\s*(.*)", para)
        if label and label.group(1) in ("Source", "Quelle"):
            source = label.group(2)
        elif not label:
            kept.append(para)
    if len(kept[0]) < 120 and not kept[0].endswith("."):
        title, body = kept[0], kept[1:]
    else:
        title, body = re.split(r"(?<=[.!?])\s", kept[0].split("-- ", 1)[-1], maxsplit=1)[0], kept
    declared = Declared(date=date, source=source)
    return Release(name, name, None, title, "\n\n".join(body), "text", declared)


NANJING, STUTTGART, FRANKFURT = "1799962", "2825297", "2925533"
MUNICH, NUREMBERG = "2867714", "2861650"
SHENZHEN, CHANGZHOU = "1795565", "1815456"
SOURCE_000 = 'The 2026 "Nanjing Day" Economic and Trade Promotion Conference'


@pytest.fixture(scope="module")
def seeds() -> dict[str, EnrichedRelease]:
    return {key: enrich(seed_release(key)) for key in NAMES}


def test_seed_000(seeds: dict[str, EnrichedRelease]) -> None:
    meta = seeds["000"].meta
    assert meta.language == "en"
    assert meta.date == dt.date(2026, 3, 4)
    assert meta.dateline_city == NANJING
    assert meta.country == "CN"
    assert meta.cities == (NANJING, STUTTGART, FRANKFURT)
    # a trade promotion day held by a city government; the gold set also lists
    # government-public, which the stricter secondary decision no longer gives
    assert meta.sectors == ("trade-investment",)
    assert meta.wire == "GlobeNewswire"
    assert meta.source == SOURCE_000
    assert len(meta.content_hash) == 64
    assert {"2.22", "730", "315", "4.2", "2025", f"place:{NANJING}"} <= meta.fingerprint


def test_seed_001_is_the_german_translation(seeds: dict[str, EnrichedRelease]) -> None:
    meta = seeds["001"].meta
    assert meta.language == "de"
    assert meta.date == dt.date(2026, 3, 5)
    assert meta.dateline_city == NANJING
    assert meta.source == SOURCE_000
    assert meta.sectors == ("trade-investment", "government-public")
    assert {"2.22", "730", "315", "4.2"} <= meta.fingerprint
    assert are_translations(seeds["000"], seeds["001"])
    assert are_translations(seeds["001"], seeds["000"])


def test_seed_002_has_no_date(seeds: dict[str, EnrichedRelease]) -> None:
    meta = seeds["002"].meta
    assert meta.date is None  # "November 19 to 22" has no year
    assert meta.dateline_city is None
    assert meta.cities[:2] == (NANJING, MUNICH)
    assert meta.language == "en"


def test_seed_003(seeds: dict[str, EnrichedRelease]) -> None:
    meta = seeds["003"].meta
    assert meta.date == dt.date(2024, 6, 24)
    assert meta.dateline_city == SHENZHEN
    # Heidelberg is named only in "Innovation Lab Heidelberg", an organisation
    assert meta.cities == (SHENZHEN, FRANKFURT, NUREMBERG, MUNICH)
    assert meta.source == "Nanshan District Government of Shenzhen"


def test_seed_004(seeds: dict[str, EnrichedRelease]) -> None:
    meta = seeds["004"].meta
    assert meta.date == dt.date(2025, 9, 15)
    assert meta.dateline_city == CHANGZHOU
    assert meta.sectors == ("trade-investment", "energy-climate")  # a dialogue on green transition


def test_link_translations_links_only_000_and_001(seeds: dict[str, EnrichedRelease]) -> None:
    items = [seeds[key] for key in sorted(NAMES)]
    linked = link_translations(items)
    assert [e.release.id for e in linked] == [e.release.id for e in items]
    assert [e.translations for e in linked] == [
        (NAMES["001"],),
        (NAMES["000"],),
        (),
        (),
        (),
    ]


def test_enrich_is_deterministic() -> None:
    assert enrich(seed_release("003")) == enrich(seed_release("003"))
