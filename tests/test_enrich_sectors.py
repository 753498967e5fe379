"""Sector list, labels, resolution and inference."""

from __future__ import annotations

from releasesearch.enrich.sectors import find_sectors, sector_scores
from releasesearch.vocab.sectors import SECTORS, resolve_sector, sector_label


def test_sector_list() -> None:
    assert [s.id for s in SECTORS] == [
        "automotive",
        "ai-digital",
        "biopharma-health",
        "smart-cities-mobility",
        "energy-climate",
        "finance-insurance",
        "manufacturing-industry",
        "trade-investment",
        "education-culture",
        "public-safety",
        "sport",
    ]
    assert sector_label("automotive", "en") == "Automotive & new-energy vehicles"
    assert sector_label("ai-digital", "de") == "KI & Digitales"
    assert sector_label("unknown", "de") == "unknown"


def test_resolve_sector() -> None:
    assert resolve_sector("AI & digital") == "ai-digital"
    assert resolve_sector("ki & digitales") == "ai-digital"
    assert resolve_sector("Sport") == "sport"
    assert resolve_sector("AI") == "ai-digital"
    assert resolve_sector("Gardening") is None


def test_cues_hit_german_compounds_and_inflections() -> None:
    scores = sector_scores("Investitionen, Investitionsförderung und investments")
    assert scores["trade-investment"] == 3
    assert sector_scores("Batterierecycling")["energy-climate"] == 2  # batterie + recycling
    assert sector_scores("Elektrofahrzeuge")["automotive"] == 1


def test_declared_sectors_win() -> None:
    text = "Police arrested a suspect after the robbery. The police said the suspect fled."
    assert find_sectors(text, ("Sport", "Gardening")) == ("sport",)
    assert find_sectors(text, ()) == ("public-safety",)


def test_few_clear_sectors() -> None:
    text = "The new factory builds electric vehicles. Vehicle output doubles; the automotive plant hires."
    assert find_sectors(text, ()) == ("automotive",)  # one "factory" is not enough
    assert find_sectors("A football club.", ()) == ()
    assert find_sectors("A quiet day.", (), title="Football club wins league") == ("sport",)
