"""Cross-language search end to end: an English query finds German releases and back.

A real index of one German-only and one English-only release, the test dictionary
of ``tests/dictd.py``, and the search service, the web app and the CLI over them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AppFactory, BuiltIndex, build_index
from dictd import write_fixture_dictionary
from releasesearch.cli import main
from releasesearch.model import SearchResult
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

GERMAN = "fluss.txt"
ENGLISH = "river.txt"
FILES = {
    GERMAN: (
        "Konferenz am Fluss stärkt die Zusammenarbeit\n\n"
        "Die Städte am Fluss haben am Montag eine Konferenz über die Zusammenarbeit "
        "ihrer Häfen abgehalten. Die Bürgermeister wollen die Partnerschaft ausbauen.\n"
    ),
    ENGLISH: (
        "Port cities sign a partnership\n\n"
        "The two port cities on the river signed a partnership on Monday. The mayors "
        "want to extend their cooperation to schools and hospitals.\n"
    ),
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltIndex, Path]]:
    root = tmp_path_factory.mktemp("crosslang")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        built = build_index(root, FILES)
        yield built, write_fixture_dictionary(root / "dictd")


@pytest.fixture(scope="module")
def service(setup: tuple[BuiltIndex, Path]) -> Iterator[SearchService]:
    built, dictionary = setup
    svc = SearchService(built.index, dictionary)
    yield svc
    svc.close()


def search(service: SearchService, q: str, **args: str) -> SearchResult:
    return service.search(SearchRequest.from_args({"q": [q], **{k: [v] for k, v in args.items()}}))


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


def test_english_words_find_the_german_release_after_the_english_one(
    service: SearchService,
) -> None:
    result = search(service, "river partnership")
    assert ids(result) == [ENGLISH, GERMAN]
    notice = result.crosslang
    assert notice is not None
    assert (notice.source, notice.target, notice.words) == ("en", "de", ("river", "partnership"))
    assert (notice.source_label, notice.target_label) == ("English", "German")
    assert notice.only_query == "q=river+partnership&lang=en"


def test_german_words_find_the_english_release(service: SearchService) -> None:
    result = search(service, "Zusammenarbeit")
    assert ids(result) == [GERMAN, ENGLISH]
    assert result.crosslang is not None and result.crosslang.target == "en"


def test_translate_off_searches_the_words_as_typed(service: SearchService) -> None:
    result = search(service, "river partnership", translate="off")
    assert ids(result) == [ENGLISH]
    assert result.crosslang is None


def test_language_filter_still_filters_and_needs_no_notice(service: SearchService) -> None:
    assert ids(search(service, "river partnership", lang="de")) == [GERMAN]
    assert search(service, "river partnership", lang="de").crosslang is None
    assert ids(search(service, "river partnership", lang="en")) == [ENGLISH]


def test_snippets_mark_the_translations_that_matched(service: SearchService) -> None:
    german = search(service, "river conference").hits[0]
    assert german.id == GERMAN
    assert german.snippets == (
        'Städte am <mark class="translated">Fluss</mark> haben am Montag eine '
        '<mark class="translated">Konferenz</mark> über die Zusammenarbeit ihrer Häfen '
        "abgehalten. Die Bürgermeister",
    )


def test_no_notice_when_no_other_language_release_matches(service: SearchService) -> None:
    result = search(service, "schools hospitals")
    assert ids(result) == [ENGLISH]
    assert result.crosslang is None


def test_without_a_dictionary_the_feature_is_off(setup: tuple[BuiltIndex, Path]) -> None:
    built, _ = setup
    plain = SearchService(built.index, built.index / "no-dictionary")
    try:
        result = search(plain, "river partnership")
        assert ids(result) == [ENGLISH]
        assert result.crosslang is None
    finally:
        plain.close()


def test_api_and_page(setup: tuple[BuiltIndex, Path], make_app: AppFactory) -> None:
    built, dictionary = setup
    client = make_app(built.config(dictionary=dictionary)).test_client()
    body = client.get("/api/search?q=river+partnership").get_json()
    assert [h["id"] for h in body["hits"]] == [ENGLISH, GERMAN]
    assert body["crosslang"] == {
        "source": "en",
        "target": "de",
        "words": ["river", "partnership"],
        "only_source_url": "/api/search?q=river+partnership&lang=en",
    }
    off = client.get("/api/search?q=river+partnership&translate=off").get_json()
    assert ([h["id"] for h in off["hits"]], off["crosslang"]) == ([ENGLISH], None)
    bad = client.get("/api/search?q=river&translate=maybe")
    assert bad.status_code == 400
    page = client.get("/?q=river+partnership").get_data(as_text=True)
    assert "Also showing German releases for “river partnership”." in page
    assert '<a href="?q=river+partnership&amp;lang=en">only English</a>' in page


def test_cli_translate_option(setup: tuple[BuiltIndex, Path]) -> None:
    built, dictionary = setup
    env = {"RELEASESEARCH_DICTIONARY": str(dictionary)}
    runner = CliRunner()
    for option, expected in (("auto", [ENGLISH, GERMAN]), ("off", [ENGLISH])):
        out = runner.invoke(
            main,
            [
                "search",
                "river partnership",
                "--index",
                str(built.index),
                "--json",
                "--translate",
                option,
            ],
            env=env,
            catch_exceptions=False,
        )
        assert [h["id"] for h in json.loads(out.output)["hits"]] == expected
