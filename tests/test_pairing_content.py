"""Translations linked by what they say: file names that give nothing away, one
translation per language, ties unlinked, ``translation_of`` and stable re-indexing.

The releases are Markdown files named ``r1.md`` ..., dated by front matter, with no
issuer and no dateline; a small dictionary written here (``tests/dictd.py``
format) translates the German words, so the figures are the same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import AppFactory, BuiltIndex, build_index
from dictd import write_dictd
from releasesearch.enrich import enrich
from releasesearch.enrich.linkwords import link_words
from releasesearch.enrich.translations import evidence, link_translations
from releasesearch.index import indexer, store
from releasesearch.model import Release

ENGLISH = (
    "---\ndate: 2024-05-04\n---\n\n# Volunteers plant trees in the city park\n\n"
    "On Saturday, volunteers planted trees in the city park. The gardeners brought "
    "water and tools. Children watched the volunteers and the gardeners.\n"
)
GERMAN = (
    "---\ndate: 2024-05-04\n---\n\n# Freiwillige pflanzen Bäume im Stadtpark\n\n"
    "Am Samstag pflanzten Freiwillige Bäume im Stadtpark. Die Gärtner brachten "
    "Wasser und Werkzeuge. Kinder beobachteten die Freiwilligen und die Gärtner.\n"
)
OTHER_GERMAN = (  # the same day, no translation of anything here
    "---\ndate: 2024-05-05\n---\n\n# Neue Buslinie fährt zum Bahnhof\n\n"
    "Ab Montag fährt eine neue Buslinie zum Bahnhof. Die Stadtwerke erwarten viele "
    "Fahrgäste, auch am Wochenende.\n"
)
DEU_ENG: list[tuple[tuple[str, ...], str]] = [
    (("freiwillige", "freiwilligen"), "Freiwillige <f>\nvolunteer <n>\n"),
    (("pflanzen", "pflanzten"), "pflanzen <v>\nplant <v>\n"),
    (("bäume",), "Baum <m>\ntree <n>\n"),
    (("stadtpark",), "Stadtpark <m>\ncity park <n>, park <n>\n"),
    (("samstag",), "Samstag <m>\nSaturday <n>\n"),
    (("gärtner",), "Gärtner <m>\ngardener <n>\n"),
    (("wasser",), "Wasser <n>\nwater <n>\n"),
    (("werkzeuge",), "Werkzeug <n>\ntool <n>\n"),
    (("kinder",), "Kinder <pl>\nchildren <pl>\n"),
    (("beobachteten",), "beobachten <v>\nobserve <v>, watch <v>\n"),
]
REASON = "same date, 83 % of words translate"


@pytest.fixture(autouse=True)
def dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test dictionary for enrichment (indexing reads the ``dictionary`` setting)."""
    folder = tmp_path / "dictd"
    write_dictd(folder, "freedict-deu-eng", DEU_ENG)
    write_dictd(folder, "freedict-eng-deu", [(("tree",), "tree <n>\nBaum <m>\n")])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("RELEASESEARCH_DICTIONARY", str(folder))
    yield folder


def _docs(built: BuiltIndex) -> dict[str, dict[str, Any]]:
    ix = store.open_index(built.index)
    try:
        with ix.searcher() as searcher:
            return {d["path"]: d for d in searcher.all_stored_fields()}
    finally:
        ix.close()


def _pairs(built: BuiltIndex) -> dict[str, tuple[str, str]]:
    return {path: (d["pair"], d["pair_reason"]) for path, d in _docs(built).items()}


def test_german_words_become_english_stems() -> None:
    words = link_words("Die Gärtner brachten Wasser", "de")
    assert words.words == 3  # "die" is too common to count
    english = link_words("gardener gärtner water wasser brachten", "en")
    assert words.stems == english.stems


def test_content_links_a_pair_with_neutral_names(tmp_path: Path) -> None:
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r2.md": GERMAN, "r3.md": OTHER_GERMAN})
    assert _pairs(built) == {
        "r1.md": ("r1.md", ""),
        "r2.md": ("r1.md", REASON),
        "r3.md": ("r3.md", ""),
    }


def test_the_reason_is_on_the_page_and_in_the_api(tmp_path: Path, make_app: AppFactory) -> None:
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r2.md": GERMAN})
    client: FlaskClient = make_app(built.config()).test_client()
    body = client.get("/api/releases/r1.md").get_json()
    assert [(t["id"], t["reason"]) for t in body["translations"]] == [("r2.md", REASON)]
    page = client.get("/release/r2.md").get_data(as_text=True)
    assert f"(linked: {REASON})" in page


def test_adding_a_translation_links_it_without_relinking(tmp_path: Path) -> None:
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r3.md": OTHER_GERMAN})
    before = _docs(built)["r1.md"]
    (built.archive / "r2.md").write_text(GERMAN, encoding="utf-8")
    report = indexer.update(built.archive, built.index)
    assert (report.added, report.unchanged) == (1, 2)
    after = _docs(built)
    assert after["r1.md"] == before
    assert (after["r2.md"]["pair"], after["r2.md"]["pair_reason"]) == ("r1.md", REASON)


def test_one_translation_per_language(tmp_path: Path) -> None:
    copy = GERMAN.replace("Kinder", "Viele Kinder")  # a second German version, later
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r2.md": GERMAN, "r4.md": copy})
    assert _pairs(built)["r4.md"] == ("r4.md", "")


def test_a_tie_is_left_unlinked(tmp_path: Path) -> None:
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r2.md": ENGLISH, "r3.md": GERMAN})
    assert {p: pair for p, (pair, _) in _pairs(built).items()} == {
        "r1.md": "r1.md",
        "r2.md": "r2.md",
        "r3.md": "r3.md",
    }


def test_translation_of_forbids_and_forces(tmp_path: Path) -> None:
    forbidden = GERMAN.replace("date: 2024-05-04", "date: 2024-05-04\ntranslation_of: none")
    forced = OTHER_GERMAN.replace("date: 2024-05-05", "date: 2024-05-05\ntranslation_of: r1.md")
    built = build_index(tmp_path, {"r1.md": ENGLISH, "r2.md": forbidden, "r3.md": forced})
    assert _pairs(built) == {
        "r1.md": ("r1.md", ""),
        "r2.md": ("r2.md", ""),
        "r3.md": ("r1.md", "declared in the file (translation_of)"),
    }


def test_inspect_links_the_same_way() -> None:
    def release(name: str, text: str) -> Release:
        head, body = text.split("\n\n# ", 1)[1].split("\n\n", 1)
        return Release(name, name, None, head, body, "markdown")

    en, de, other = (
        enrich(release(n, t)) for n, t in (("e", ENGLISH), ("d", GERMAN), ("o", OTHER_GERMAN))
    )
    found = evidence(en, de)
    assert found is not None and found.reason() == "83 % of words translate"  # undated here
    assert evidence(en, other) is None
    assert [x.translations for x in link_translations([en, de, other])] == [("d",), ("e",), ()]
