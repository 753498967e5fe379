"""The search layer on a real index of the five seed releases."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from releasesearch.index import indexer
from releasesearch.search.query import without_sentence_punctuation
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
EN_NANJING = "000_1155c7d4176d89c5.txt"
DE_NANJING = "001_08a2519bc6076cba.txt"
MUNICH_VISIT = "002_2b7d03b8d94b1048.txt"
SHENZHEN = "003_228523de1d0d3c93.txt"
CHANGZHOU = "004_fdc124adaf6433fa.txt"
NANJING, STUTTGART, MUNICH = "1799962", "2825297", "2867714"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    root = tmp_path_factory.mktemp("search")
    shutil.copytree(SEEDS, root / "archive")
    indexer.update(root / "archive", root / "index")
    svc = SearchService(root / "index")
    yield svc
    svc.close()


def search(service: SearchService, q: str = "", **args: list[str] | str) -> object:
    params = {k: [v] if isinstance(v, str) else v for k, v in args.items()}
    return service.search(SearchRequest.from_args({"q": [q], **params}))


def ids(result: object) -> list[str]:
    return sorted(h.id for h in result.hits)  # type: ignore[attr-defined]


def test_german_compound_part_finds_the_german_release(service: SearchService) -> None:
    result = search(service, "Partnerschaft")
    assert ids(result) == [DE_NANJING]


def test_a_question_mark_ending_a_word_is_punctuation(service: SearchService) -> None:
    assert ids(search(service, "Wo ist die Partnerschaft?")) == [DE_NANJING]
    assert ids(search(service, "Changzhou?")) == ids(search(service, "Changzhou")) == [CHANGZHOU]


@pytest.mark.parametrize("spelling", ["Munich", "München", "Muenchen", "munchen"])
def test_city_spellings_find_the_same_releases(service: SearchService, spelling: str) -> None:
    assert ids(search(service, spelling)) == [MUNICH_VISIT, SHENZHEN]


def test_plural_finds_singular(service: SearchService) -> None:
    plural = set(ids(search(service, "investments")))
    assert EN_NANJING in plural and CHANGZHOU in plural


def test_translation_pair_is_one_hit_with_the_other_attached(service: SearchService) -> None:
    result = search(service, "Nanjing Stuttgart")
    assert result.total == 1  # the EN/DE pair counts once
    pair = [h for h in result.hits if h.id in (EN_NANJING, DE_NANJING)]
    assert len(pair) == 1
    assert [t.id for t in pair[0].translations] == [
        DE_NANJING if pair[0].id == EN_NANJING else EN_NANJING
    ]


def test_city_facet_counts_matching_releases(service: SearchService) -> None:
    result = search(service, "", lang="en")
    city = {v.value: v.count for v in next(f for f in result.facets if f.name == "city").values}
    assert city[NANJING] == 2  # seeds 000 and 002; 001 is German
    assert city[MUNICH] == 2  # seeds 002 and 003


def test_selecting_a_city_keeps_that_facets_other_counts(service: SearchService) -> None:
    before = search(service, "")
    after = search(service, "", city=MUNICH)

    def facet(r: Any) -> dict[str, int]:
        return {v.value: v.count for v in next(f for f in r.facets if f.name == "city").values}

    assert facet(after) == facet(before)
    assert after.total == 2
    assert [c.value for c in after.selected] == [MUNICH]


def test_city_filter_accepts_names_in_either_language(service: SearchService) -> None:
    assert ids(search(service, "", city="München")) == ids(search(service, "", city=MUNICH))


def test_snippet_marks_the_original_word(service: SearchService) -> None:
    result = search(service, "Partnerschaft")
    snippet = " ".join(result.hits[0].snippets)
    assert "<mark>" in snippet
    assert "Städte<mark>partnerschaft</mark>" in snippet


def test_snippets_are_escaped(service: SearchService) -> None:
    result = search(service, "Nanjing Day")
    for hit in result.hits:
        for snippet in hit.snippets:
            assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")


def test_malformed_syntax_falls_back_to_words(service: SearchService) -> None:
    for q in ['"unclosed', "(Nanjing OR", "AND", "Nanjing AND", "***", "city:", ")("]:
        search(service, q)  # never raises


def test_long_query_without_full_match_returns_ranked_partial_matches(
    service: SearchService,
) -> None:
    result = search(service, "Nanjing delegation visits Munich headquarters of Bosch zeppelin")
    assert result.relaxed is True
    assert result.hits[0].id == MUNICH_VISIT


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("Was ist die NASUWT?", "Was ist die NASUWT"),
        ("Wer sang die Nationalhymne?", "Wer sang die Nationalhymne"),
        ("Frage: wer? (Berlin.)", "Frage wer (Berlin)"),
        ("Hallo!!! Welt...", "Hallo Welt"),
        ("Changzhou ?", "Changzhou "),
        ("invest*?", "invest*"),
        ("Me?er", "Me?er"),
        ('source:"Acme Inc." Nanjing', 'source:"Acme Inc." Nanjing'),
        ("date:2024-01-01..2024-06-30 2.22", "date:2024-01-01..2024-06-30 2.22"),
    ],
)
def test_sentence_punctuation_is_dropped_outside_phrases(typed: str, parsed: str) -> None:
    assert without_sentence_punctuation(typed) == parsed


@pytest.mark.parametrize(
    "q",
    [
        "Changzhou?",
        "Changzhou!",
        "Changzhou.",
        "Changzhou:",
        "Changzhou ?",
        "Changz*?",
        "city:Changzhou?",
    ],
)
def test_sentence_punctuation_is_not_syntax(service: SearchService, q: str) -> None:
    assert ids(search(service, q)) == [CHANGZHOU]


def test_question_mark_does_not_turn_a_query_into_partial_matches(
    service: SearchService,
) -> None:
    result = search(service, "Nanjing delegation Munich?")
    assert (result.relaxed, ids(result)[0]) == (False, MUNICH_VISIT)


def test_a_question_needs_most_of_its_words(service: SearchService) -> None:
    """Typed as a question, three words need two: the release with all three first,
    then the one with two of them; typed as keywords, all three are required."""
    asked = ids(search(service, "Nanjing delegation Munich?"))
    assert asked == [MUNICH_VISIT, "003_228523de1d0d3c93.txt"]
    assert ids(search(service, "Nanjing delegation Munich")) == [MUNICH_VISIT]


def test_did_you_mean(service: SearchService) -> None:
    result = search(service, "Nanjnig", spell="off")
    assert result.suggestion == "Nanjing"  # written as it was typed
    assert result.total == 0 and result.corrected is None


def test_a_typo_that_finds_nothing_shows_the_corrected_results(service: SearchService) -> None:
    result = search(service, "Stutgart")
    assert ids(result) == ids(search(service, "Stuttgart")) and result.total
    assert result.corrected is not None
    assert (result.corrected.typed, result.corrected.query) == ("Stutgart", "Stuttgart")
    assert result.corrected.instead_query == "q=Stutgart&spell=off"
    assert search(service, "Stutgart", spell="off").total == 0
    kept = search(service, "Nanjnig lang:en")  # filters stay as typed
    assert kept.corrected is not None and kept.corrected.query == "Nanjing lang:en"
    assert search(service, "Qwxzvbn").corrected is None  # nothing to correct to


def test_date_filters_and_sort(service: SearchService) -> None:
    result = search(service, "", sort="oldest")
    dates = [h.date.isoformat() if h.date else None for h in result.hits]
    assert dates == ["2024-06-24", "2025-09-15", "2026-03-04", None]
    assert result.total == 4
    ranged = search(service, "", **{"from": "2025-01-01", "to": "2025-12-31"})
    assert ids(ranged) == [CHANGZHOU]


def test_field_syntax_in_the_query(service: SearchService) -> None:
    assert ids(search(service, "city:Changzhou")) == [CHANGZHOU]
    assert ids(search(service, "cooperation date:2024")) == [SHENZHEN]
    assert ids(search(service, "lang:de Nanjing")) == [DE_NANJING]


def test_phrase_or_not(service: SearchService) -> None:
    assert ids(search(service, '"sister cities"')) == [EN_NANJING, CHANGZHOU]  # "sister-city"
    assert ids(search(service, "Changzhou OR Shenzhen")) == [SHENZHEN, CHANGZHOU]
    assert ids(search(service, "Germany -Nanjing")) == [SHENZHEN, CHANGZHOU]


def test_paging_links(service: SearchService) -> None:
    req = SearchRequest.from_args({"q": [""]}, page_size=2)
    result = service.search(req)
    assert (result.total, result.pages, result.prev_query, result.next_query) == (
        4,
        2,
        None,
        "page=2",
    )


def test_release_view_with_translation_and_marks(service: SearchService) -> None:
    view = service.release(DE_NANJING, ui_language="de", query="Partnerschaft")
    assert view.language_label == "Deutsch"
    assert [t.id for t in view.translations] == [EN_NANJING]
    assert any("<mark>partnerschaft</mark>" in p.lower() for p in view.paragraphs_html)
