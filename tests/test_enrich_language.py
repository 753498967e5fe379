"""Language detection, normalisation and labels."""

from __future__ import annotations

import pytest

from releasesearch.enrich.language import detect_language
from releasesearch.vocab.languages import language_label, normalise_language


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("EN", "en"),
        ("en-US", "en"),
        ("English", "en"),
        ("Deutsch", "de"),
        ("ger", "de"),
        ("deu", "de"),
        ("de_DE", "de"),
        ("xx", None),
        ("", None),
    ],
)
def test_normalise_language(tag: str, expected: str | None) -> None:
    assert normalise_language(tag) == expected


def test_language_label() -> None:
    assert language_label("de", "en") == "German"
    assert language_label("de", "de") == "Deutsch"
    assert language_label("en", "de") == "Englisch"
    assert language_label("EN", "de-DE") == "Englisch"


def test_detect_language() -> None:
    assert (
        detect_language("Die Konferenz fand nur eine Woche nach dem Besuch des Kanzlers statt.")
        == "de"
    )
    assert (
        detect_language("The conference took place one week after the chancellor's visit.") == "en"
    )
    assert detect_language("南京市政府今天宣布了新的合作项目。") == "zh"
    assert detect_language("   ") == "en"
