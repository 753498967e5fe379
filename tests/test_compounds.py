"""The German compound splitter: real compounds split, simplex words stay whole."""

from __future__ import annotations

import pickle

import pytest

from releasesearch.analysis import german_analyzer
from releasesearch.compounds import compound_spans, decompound, zipf


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Städtepartnerschaft", ("städte", "partnerschaft")),
        ("Glasfasernetzbetreiber", ("glas", "faser", "netz", "betreiber")),
        ("Arbeitsamt", ("arbeits", "amt")),
        ("Versicherungsagentur", ("versicherungs", "agentur")),
        ("Wirtschaftsförderung", ("wirtschafts", "förderung")),
        ("Sonnenschein", ("sonnen", "schein")),
        ("Schulbus", ("schul", "bus")),
        ("Umweltschutzmaßnahmen", ("umwelt", "schutz", "maßnahmen")),
        ("Bürgermeisterwahl", ("bürger", "meister", "wahl")),
    ],
)
def test_compounds_split(word: str, parts: tuple[str, ...]) -> None:
    assert decompound(word) == parts
    assert "".join(parts) == word.lower()


@pytest.mark.parametrize(
    "word",
    [
        "Partnerschaft",
        "Investitionen",
        "Vertrag",
        "Aufbau",
        "Sicherheit",
        "Verwaltung",
        "Mitarbeiter",
        "Tomate",
        "Kartoffel",
        "german",
        "Entsatz",
        "Muenchen",
        "E-Mail",
        "2024",
        "Haus",
    ],
)
def test_simplex_words_stay_whole(word: str) -> None:
    assert decompound(word) == ()


def test_spans_include_known_inner_compounds() -> None:
    assert compound_spans("glasfasernetzbetreiber") == (
        ("glas", 0),
        ("glasfaser", 0),
        ("glasfasernetz", 0),
        ("faser", 4),
        ("netz", 9),
        ("netzbetreiber", 9),
        ("betreiber", 13),
    )
    assert compound_spans("partnerschaft") == ()


def test_lexicon_reads_sharp_s() -> None:
    assert zipf("straße") == zipf("strasse") > 5.0
    assert zipf("qqqxq") == 0.0


def test_analyzer_pickle_carries_no_lexicon() -> None:
    analyzer = german_analyzer()
    list(analyzer("Städtepartnerschaft", mode="index"))
    assert len(pickle.dumps(analyzer)) < 1000
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer
