"""Structured query translation (search/translate.py) with the test dictionary."""

from __future__ import annotations

import pytest

from dictd import write_fixture_dictionary
from releasesearch.search.translate import Weights, WordSets, detect_language, translate_words
from releasesearch.vocab.dictionary import Bilingual, bilingual


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Bilingual:
    root = tmp_path_factory.mktemp("translate")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        found = bilingual(write_fixture_dictionary(root / "dictd"))
    assert found is not None
    return found


def texts(sets: WordSets) -> list[list[str]]:
    return [[t.text for t in group] for group in sets.sets]


@pytest.mark.parametrize(
    ("words", "language"),
    [
        (["the", "river", "conference"], "en"),
        (["der", "Fluss"], "de"),
        (["Zusammenarbeit"], "de"),
        (["cooperation"], "en"),
        (["Nanjing", "2026"], None),
    ],
)
def test_query_language(book: Bilingual, words: list[str], language: str | None) -> None:
    assert detect_language(words, book) == language


def test_each_word_is_one_set_of_weighted_translations_with_the_word_kept(
    book: Bilingual,
) -> None:
    (fluss,) = translate_words(["Fluss"], "de", book)
    assert texts(fluss) == [["Fluss", "river", "outflow", "efflux"]]
    kept, river, outflow, efflux = fluss.sets[0]
    assert kept.weight == Weights().keep
    assert river.weight > outflow.weight > efflux.weight  # common words beat the first-listed
    assert round(river.weight + outflow.weight + efflux.weight, 6) == 1.0
    assert fluss.translated


def test_inflected_forms_through_the_dictionarys_lemmas(book: Bilingual) -> None:
    (liegt,) = translate_words(["liegt"], "de", book)
    assert texts(liegt) == [["liegt", "lie"]]
    (went,) = translate_words(["went"], "en", book)
    assert texts(went) == [["went", "gehen", "ging"]]  # the target's irregular form too


def test_plural_through_the_stem_of_a_headword(book: Bilingual) -> None:
    (plural,) = translate_words(["Partnerschaften"], "de", book)
    assert texts(plural) == [["Partnerschaften", "partnership"]]


def test_compounds_are_split_into_headwords_before_lookup(book: Bilingual) -> None:
    (compound,) = translate_words(["Apothekentechniker"], "de", book)
    assert texts(compound) == [["Apothekentechniker"], ["pharmacy"], ["technician"]]


def test_phrases_are_translated_as_phrases(book: Bilingual) -> None:
    power, supply = translate_words(["power", "supply"], "en", book)
    assert [[t.text for t in p] for p in power.phrases] == [["Stromversorgung"]]
    assert supply.phrases == ()  # the phrase counts once, with its first word
    assert texts(supply) == [["supply"]]


def test_numbers_and_names_stay_as_typed_and_stop_words_stay_home(book: Bilingual) -> None:
    found = translate_words(["the", "2026", "Nanjing"], "en", book)
    assert [texts(s) for s in found] == [[["the"]], [["2026"]], [["Nanjing"]]]
    assert [(s.stop, s.translated) for s in found] == [(True, True), (False, False), (False, False)]
