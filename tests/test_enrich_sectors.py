"""Sector list, labels, scopes, resolution and classification."""

from __future__ import annotations

import pytest

from releasesearch.enrich.sector_model import FEATURES, Evidence, Model, model, model_from_dict
from releasesearch.enrich.sectors import find_sectors, sector_evidence, sector_scores
from releasesearch.vocab.names import fold
from releasesearch.vocab.sectors import (
    MAX_SECTORS,
    SECTORS,
    VERSION,
    resolve_sector,
    sector_data,
    sector_label,
    sector_scope,
)

OLD_IDS = (  # the list of version 1: every id still resolves
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
)


def test_sector_list() -> None:
    assert [s.id for s in SECTORS] == [
        "agriculture-food",
        "ai-digital",
        "automotive",
        "biopharma-health",
        "blockchain-crypto",
        "business-services",
        "consumer-retail",
        "education-culture",
        "energy-climate",
        "finance-insurance",
        "government-public",
        "manufacturing-industry",
        "media-entertainment",
        "public-safety",
        "real-estate-construction",
        "smart-cities-mobility",
        "society-nonprofit",
        "sport",
        "trade-investment",
        "travel-hospitality",
    ]
    assert VERSION == 2
    assert MAX_SECTORS == 3
    assert sector_label("automotive", "en") == "Automotive & e-mobility"
    assert sector_label("trade-investment", "de") == "Außenhandel & Standortförderung"
    assert sector_label("unknown", "de") == "unknown"


def test_every_sector_has_a_scope_in_both_languages() -> None:
    assert all(s.scope_en and s.scope_de for s in SECTORS)
    assert sector_scope("trade-investment", "en").endswith("not investing in shares.")
    assert sector_scope("public-safety", "de").startswith("Polizei, Kriminalität")
    assert sector_scope("unknown", "en") == ""


def test_aliases_name_one_sector_each() -> None:
    seen: dict[str, str] = {}
    for item in sector_data()["sectors"]:
        for alias in item["aliases"]:
            assert seen.setdefault(fold(alias), item["id"]) == item["id"], alias


@pytest.mark.parametrize("old", OLD_IDS)
def test_old_ids_resolve(old: str) -> None:
    assert resolve_sector(old) == old


def test_resolve_sector() -> None:
    assert resolve_sector("AI & digital") == "ai-digital"
    assert resolve_sector("ki & digitales") == "ai-digital"
    assert resolve_sector("Sport") == "sport"
    assert resolve_sector("AI") == "ai-digital"
    assert resolve_sector("Trade & investment") == "trade-investment"  # the old label
    assert resolve_sector("Logistik") == "smart-cities-mobility"  # a part of the label
    assert resolve_sector("Crypto") == "blockchain-crypto"
    assert resolve_sector("Verkehrsdelikte") == "public-safety"  # a police category
    assert resolve_sector("Gardening") is None


def test_german_compounds_are_split_before_matching() -> None:
    # a text without a title is all lead (weight 2): batterie 2 + recycling 3
    assert sector_scores("Batterierecycling", language="de") == {"energy-climate": 10.0}
    assert sector_scores("Wohnimmobilienmarkt", language="de") == {
        "real-estate-construction": 6.0,
        "finance-insurance": 2.0,
    }
    assert sector_scores("Beispiel", language="de") == {}  # no compound of "Spiel"


def test_a_german_whole_word_cue_matches_its_genitive() -> None:
    # "Wahl" 3 and "Militär" 3, each in the lead (weight 2)
    assert sector_scores("Die Wahl des Militärs.", language="de") == {"government-public": 12.0}
    assert sector_scores("Die Wahl des Militär.", language="de") == {"government-public": 12.0}


def test_an_outlet_cited_as_a_source_is_no_media_cue() -> None:
    assert sector_scores("Der Rücktritt, berichtet die Zeitung.", language="de") == {}
    assert sector_scores("Die Zeitung stellt ein.", language="de") == {"media-entertainment": 6.0}


def test_a_repeated_cue_counts_logarithmically() -> None:
    once = sector_scores("The hotel.")["travel-hospitality"]
    thrice = sector_scores("The hotel, the hotel, the hotel.")["travel-hospitality"]
    assert (once, round(thrice, 3)) == (6.0, 12.592)


def test_one_word_does_not_decide() -> None:
    hvac = "Our HVAC technicians offer 24-hour emergency repair for heating and cooling systems."
    assert find_sectors(hvac) == ("consumer-retail",)  # not public safety
    router = "Routerfreiheit: Nutzer sollen ihre Router frei wählen, auch für mehr Sicherheit."
    assert find_sectors(router, language="de") == ("ai-digital",)
    stores = "The company will invest in new stores and expand its retail footprint."
    assert find_sectors(stores) == ("consumer-retail",)  # investing is not trade promotion
    book = "What every car owner must know about extended car warranties."
    title = "New book by the author explains car warranties"
    assert find_sectors(book, title=title) == ("automotive",)  # its subject, not finance


def test_declared_sectors_win() -> None:
    text = "Police arrested a suspect after the robbery. The police said the suspect fled."
    assert find_sectors(text, ("Sport", "Gardening")) == ("sport",)
    assert find_sectors(text) == ("public-safety",)


def test_main_sector_first() -> None:
    title = "Carmaker builds solar-powered EV charging network"
    text = (
        "The carmaker will build electric vehicle charging stations powered by solar energy and "
        "battery storage across its dealer network. Drivers of its cars charge with renewable "
        "electricity."
    )
    assert find_sectors(text, title=title) == ("automotive", "energy-climate")


def _evidence(score: float, title: float = 0.0) -> Evidence:
    return Evidence(title=title, lead=score - title, body=0.0, about=0.0, strong=0.0, cues=1)


# A model that only looks at a candidate's share of the best score (weight 10, intercept -5):
# the best has probability 0.993, one at half the best 0.5, one at a fifth of it 0.047.
SHARE_ONLY = Model(
    weights=tuple(10.0 if f == "share_of_best" else 0.0 for f in FEATURES),
    intercept=-5.0,
    prior={},
    main_threshold=0.3,
    other_threshold=0.5,
)


def test_the_decision_gives_the_likely_sectors_main_first() -> None:
    evidence = {"sport": _evidence(10.0), "media-entertainment": _evidence(5.0)}
    assert SHARE_ONLY.decide(evidence | {"finance-insurance": _evidence(2.0)}, False) == (
        "sport",
        "media-entertainment",
    )
    assert round(SHARE_ONLY.probability("x", (0.0, 0.5) + (0.0,) * (len(FEATURES) - 2)), 3) == 0.5


def test_at_most_three_sectors() -> None:
    evidence = {
        s: _evidence(10.0 - n / 10)
        for n, s in enumerate(("sport", "ai-digital", "automotive", "energy-climate"))
    }
    assert SHARE_ONLY.decide(evidence, False) == ("sport", "ai-digital", "automotive")


def test_none_when_even_the_best_is_unlikely() -> None:
    unsure = Model(SHARE_ONLY.weights, -12.0, {}, main_threshold=0.3, other_threshold=0.5)
    assert unsure.decide({"sport": _evidence(10.0)}, False) == ()  # p = 0.12
    assert SHARE_ONLY.decide({}, False) == ()


def test_a_prior_per_sector_shifts_the_decision() -> None:
    evidence = {"sport": _evidence(10.0), "media-entertainment": _evidence(5.0)}
    wary = Model(SHARE_ONLY.weights, -5.0, {"media-entertainment": -1.0}, 0.3, 0.5)
    assert wary.decide(evidence, False) == ("sport",)


def test_the_model_file_names_its_features() -> None:
    shipped = model()
    assert 0.0 < shipped.main_threshold <= shipped.other_threshold < 1.0
    assert set(shipped.prior) == {s.id for s in SECTORS}
    with pytest.raises(ValueError, match="sector model features"):
        model_from_dict({"weights": {"log_score": 1.0}, "intercept": 0.0, "prior": {}})


def test_evidence_is_kept_field_by_field() -> None:
    evidence = sector_evidence("The hotel opens.", title="A hotel for the city")
    assert evidence["travel-hospitality"] == Evidence(
        title=9.0, lead=6.0, body=0.0, about=0.0, strong=15.0, cues=1
    )


def test_ai_in_a_token_pitch_adds_no_ai_sector() -> None:
    title = "AI-powered meme coin launches"
    text = (
        "The new token launches on the exchange with AI-powered trading and staking rewards "
        "for holders. The crypto community can trade the coin on the DEX."
    )
    assert find_sectors(text, title=title) == ("blockchain-crypto",)


def test_the_about_paragraph_says_what_the_company_does() -> None:
    text = "The company announced its results for the third quarter today."
    about = "About Acme: Acme is a clinical-stage biopharmaceutical company developing therapies."
    assert find_sectors(text, about=about) == ("biopharma-health",)
    assert find_sectors(text, about="Disclaimer: not a biopharmaceutical company.") == ()
    wire = "About BioMedWire: BioMedWire is a specialized communications platform for biotech."
    assert find_sectors(text, about=wire) == ()  # a wire brand's boilerplate, not the issuer


def test_a_wire_name_is_no_cue() -> None:
    text = "Lancaster, PA (Newsworthy.ai) Thursday Dec 14, 2023 -- A quiet day."
    assert sector_scores(text) == {}
