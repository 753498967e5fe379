"""The analysis chains produce the index terms search depends on."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh import highlight
from whoosh.analysis import Analyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import create_in, open_dir
from whoosh.qparser import MultifieldParser

from releasesearch.analysis import (
    ENGLISH_STOP_WORDS,
    GERMAN_STOP_WORDS,
    IndexAnalyzer,
    analyzer_for,
    english_analyzer,
    fold_accents,
    german_analyzer,
    index_occurrences,
    index_tokens,
    neutral_analyzer,
    stem,
    stop_words,
)

FIXTURES = Path(__file__).parent / "fixtures" / "snowball"


def terms(analyzer: Analyzer, text: str, mode: str = "index") -> list[str]:
    return [t.text for t in analyzer(text, mode=mode)]


def spans(analyzer: Analyzer, text: str) -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer(text, mode="index", positions=True, chars=True)
    ]


def test_english_sentence() -> None:
    text = "The investments in R&D grew 2.22 % to 4,2 billion in Sino-German cities."
    expected = ["invest", "r&d", "grew", "2.22", "4,2", "billion", "sino", "german", "citi"]
    assert terms(english_analyzer(), text) == expected
    assert terms(english_analyzer(), text, mode="query") == expected


def test_english_singular_and_plural_meet() -> None:
    analyzer = english_analyzer()
    assert terms(analyzer, "investments cities") == terms(analyzer, "investment city")


def test_english_folds_accents_and_keeps_numbers() -> None:
    assert terms(english_analyzer(), "Café opens 1 of 3 sites in 2024") == [
        "cafe",
        "open",
        "1",
        "3",
        "site",
        "2024",
    ]


def test_german_index_mode_adds_compound_parts() -> None:
    text = "Die Städtepartnerschaft mit München wird 2024 erneuert."
    assert terms(german_analyzer(), text) == [
        "stadtepartnerschaft",
        "stadt",
        "partnerschaft",
        "munch",
        "2024",
        "erneuert",
    ]


def test_german_query_mode_does_not_split() -> None:
    text = "Die Städtepartnerschaft mit München wird 2024 erneuert."
    assert terms(german_analyzer(), text, mode="query") == [
        "stadtepartnerschaft",
        "munch",
        "2024",
        "erneuert",
    ]


def test_german_parts_share_position_and_narrow_offsets() -> None:
    assert spans(german_analyzer(), "Neue Städtepartnerschaft") == [
        ("neu", 0, 0, 4),
        ("stadtepartnerschaft", 1, 5, 24),
        ("stadt", 1, 5, 11),
        ("partnerschaft", 1, 11, 24),
    ]


def test_german_nested_compound_indexes_inner_compounds() -> None:
    assert terms(german_analyzer(), "Glasfasernetzbetreiber") == [
        "glasfasernetzbetreib",
        "glas",
        "glasfas",
        "glasfasernetz",
        "fas",
        "netz",
        "netzbetreib",
        "betreib",
    ]
    assert terms(german_analyzer(), "Glasfaser", mode="query") == ["glasfas"]


def test_german_plural_meets_singular() -> None:
    analyzer = german_analyzer()
    assert (
        terms(analyzer, "Investitionen", "query")
        == terms(analyzer, "Investition")
        == ["investition"]
    )


@pytest.mark.parametrize("spelling", ["München", "Muenchen", "Munchen", "MÜNCHEN", "MUENCHEN"])
def test_munich_spellings_give_one_term(spelling: str) -> None:
    assert terms(german_analyzer(), spelling) == ["munch"]
    assert terms(german_analyzer(), spelling, mode="query") == ["munch"]


def test_fold_accents_has_no_umlaut_rule() -> None:
    assert fold_accents("muenchen münchen façade æsir") == "muenchen munchen facade aesir"


def test_stop_words() -> None:
    assert {"und", "der", "dass", "über"} <= GERMAN_STOP_WORDS
    assert {"the", "and", "of"} <= ENGLISH_STOP_WORDS
    assert stop_words("de") is GERMAN_STOP_WORDS
    assert stop_words("fr") == frozenset()
    assert terms(german_analyzer(), "der und die das über") == []


def test_neutral_chain_folds_without_stemming() -> None:
    assert terms(neutral_analyzer(), "Les Éditions de Montréal, 2024") == [
        "les",
        "editions",
        "de",
        "montreal",
        "2024",
    ]


def test_analyzer_for() -> None:
    assert analyzer_for("en") == english_analyzer()
    assert analyzer_for("de") == german_analyzer()
    assert analyzer_for("fr") == neutral_analyzer()
    assert analyzer_for(None) == neutral_analyzer()


def test_stem() -> None:
    assert stem("investments", "en") == "invest"
    assert stem("städte", "de") == "stadt"
    assert stem("maisons", "fr") == "maisons"


def _snowball_sample(language: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / f"{language}_sample.tsv").read_text(encoding="utf-8").splitlines()
    return [(line.split("\t")[0], line.split("\t")[1]) for line in lines]


@pytest.mark.parametrize(("word", "expected"), _snowball_sample("german"))
def test_snowball_german(word: str, expected: str) -> None:
    assert stem(word, "de") == expected


@pytest.mark.parametrize(("word", "expected"), _snowball_sample("english"))
def test_snowball_english(word: str, expected: str) -> None:
    assert stem(word, "en") == expected


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        body_de=TEXT(analyzer=german_analyzer(), stored=True, chars=True),
        body_en=TEXT(analyzer=english_analyzer(), stored=True, chars=True),
    )


DOCS = {
    "1": "Die Städtepartnerschaft mit Muenchen wurde 2024 erneuert.",
    "2": "Der Glasfasernetzbetreiber meldet eine neue Investition.",
}


def _search(searcher: object, schema: Schema, text: str) -> list[str]:
    query = MultifieldParser(["body_de", "body_en"], schema).parse(text)
    return sorted(hit["id"] for hit in searcher.search(query))  # type: ignore[attr-defined]


def test_whoosh_finds_compound_parts() -> None:
    schema = _schema()
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for doc_id, body in DOCS.items():
            writer.add_document(id=doc_id, body_de=body)
    with ix.searcher() as searcher:
        assert _search(searcher, schema, "Partnerschaft") == ["1"]
        assert _search(searcher, schema, "Stadt") == ["1"]
        assert _search(searcher, schema, "München") == ["1"]
        assert _search(searcher, schema, "Glasfaser") == ["2"]
        assert _search(searcher, schema, "Investitionen") == ["2"]
        assert _search(searcher, schema, "Städtepartnerschaft") == ["1"]


def test_highlight_marks_part_inside_compound() -> None:
    schema = _schema()
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="1", body_de=DOCS["1"])
    with ix.searcher() as searcher:
        query = MultifieldParser(["body_de"], schema).parse("Partnerschaft")
        results = searcher.search(query, terms=True)
        results.fragmenter = highlight.PinpointFragmenter(surround=8, autotrim=True)
        results.formatter = highlight.UppercaseFormatter()
        assert results[0].highlights("body_de") == "StädtePARTNERSCHAFT mit"


def test_schema_pickles_and_index_reopens(tmp_path: Path) -> None:
    schema = _schema()
    assert pickle.loads(pickle.dumps(schema)) == schema
    assert len(pickle.dumps(schema)) < 4000
    ix = create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        writer.add_document(id="1", body_de=DOCS["1"])
    ix.close()
    reopened = open_dir(str(tmp_path))
    assert reopened.schema["body_de"].analyzer == german_analyzer()
    with reopened.searcher() as searcher:
        assert _search(searcher, reopened.schema, "Partnerschaft") == ["1"]
    reopened.close()


TOKEN_TEXTS = {
    "en": "The investments in R&D grew 2.22 % to 4,2 billion in Sino-German cities. Café a I",
    "de": "Die Städtepartnerschaft mit München und Muenchen, Glasfasernetzbetreiber, daß İstanbul",
    "xx": "Le café de Zürich à 5 heures, İstanbul",
}


@pytest.mark.parametrize("language", ["en", "de", "xx"])
def test_index_tokens_equal_the_chain(language: str) -> None:
    chain = analyzer_for(None if language == "xx" else language)
    text = TOKEN_TEXTS[language]
    expected = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in chain(text, mode="index", positions=True, chars=True)
    ]
    assert list(index_tokens(text, language)) == expected
    assert list(index_tokens(text, language)) == expected  # from the word-form cache
    analyzer = IndexAnalyzer(language)
    assert spans(analyzer, text) == expected
    assert terms(analyzer, text, mode="query") == terms(chain, text, mode="query")


@pytest.mark.parametrize("language", ["en", "de", "xx"])
def test_index_occurrences_group_the_tokens_by_term(language: str) -> None:
    text = TOKEN_TEXTS[language] + " " + TOKEN_TEXTS[language]  # every term twice
    expected: dict[str, list[tuple[int, int, int]]] = {}
    for term, pos, start, end in index_tokens(text, language):
        expected.setdefault(term, []).append((pos, start, end))
    found = index_occurrences(text, language)
    assert list(found.items()) == list(expected.items())  # first appearance order too
    assert all(len(occurrences) >= 2 for occurrences in found.values())


def test_index_analyzer_pickles_as_its_language() -> None:
    analyzer = IndexAnalyzer("de")
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer
    assert analyzer != IndexAnalyzer("en")
    assert len(pickle.dumps(analyzer)) < 100
