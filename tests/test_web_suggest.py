"""Suggestions as you type, from the index: the API, the OpenSearch format, the rules."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from conftest import AppFactory, ArchiveFactory

MUNICH = "2867714"
STUTTGART = "2825297"


def test_a_city_is_suggested_by_either_name_with_its_count(client: FlaskClient) -> None:
    for typed in ("Mün", "mun", "Munc"):
        body = client.get(f"/api/suggest?q={typed}&hl=de").json
        assert body["suggestions"][0] == {
            "kind": "city",
            "label": "München",
            "value": MUNICH,
            "count": 2,
            "url": f"/?city={MUNICH}&hl=de",
        }, typed


def test_city_and_titles_for_the_start_of_a_word(client: FlaskClient) -> None:
    found = client.get("/api/search?q=x").json  # a search first: suggestions stand alone
    assert found["total"] == 0
    body = client.get("/api/suggest?q=Stu").json
    assert [(s["kind"], s["label"][:30]) for s in body["suggestions"]] == [
        ("city", "Stuttgart"),
        ("title", "Chen Zhichang Leads Nanjing De"),
        ("title", "Die Wirtschafts- und Handelsfö"),
        ("title", 'The 2026 "Nanjing Day" Economi'),
    ]
    assert body["suggestions"][1]["url"] == "/release/002_2b7d03b8d94b1048.txt"


def test_earlier_words_stay_words_and_filters_stay_filters(client: FlaskClient) -> None:
    body = client.get("/api/suggest?q=Nanjing+Mun&lang=en").json
    assert [s["url"] for s in body["suggestions"]] == [f"/?q=Nanjing&city={MUNICH}&lang=en"]
    chosen = client.get(f"/api/suggest?q=Stutt&city={STUTTGART}").json
    assert [s["kind"] for s in chosen["suggestions"]] == ["title", "title"]


def test_too_short_or_unknown_gives_nothing(client: FlaskClient) -> None:
    for typed in ("", "s", "%00", "zzzzqq"):
        assert client.get(f"/api/suggest?q={typed}").json["suggestions"] == [], typed


def test_opensearch_suggestions_for_the_browser_bar(client: FlaskClient) -> None:
    response = client.get("/suggest?q=Chan")
    assert response.mimetype == "application/x-suggestions+json"
    assert json.loads(response.data) == [
        "Chan",
        [
            "Changzhou",
            "The Jiangsu-Germany Dialogue 2025 was successfully held in Changzhou from Sept. 12 to 13",
        ],
    ]


def test_facet_values_beyond_the_page_for_the_current_search(client: FlaskClient) -> None:
    body = client.get("/api/facets/city?q=Nanjing&contains=stutt").json
    assert body == {
        "facet": "city",
        "contains": "stutt",
        "values": [
            {
                "value": STUTTGART,
                "label": "Stuttgart",
                "count": 1,
                "selected": False,
                "toggle_url": f"/api/search?q=Nanjing&city={STUTTGART}",
                "url": f"/?q=Nanjing&city={STUTTGART}",
            }
        ],
    }
    munich = client.get("/api/facets/city?contains=M%C3%BCn").json["values"]
    assert [(v["label"], v["count"]) for v in munich] == [("Munich", 2)]
    assert client.get("/api/facets/month").status_code == 404
    assert client.get("/api/facets/nothing").status_code == 404


def test_sectors_issuers_and_wires_are_suggested(client: FlaskClient) -> None:
    def first(typed: str, also: str = "") -> tuple[str, str, str, int, str]:
        s = client.get(f"/api/suggest?q={typed}{also}").json["suggestions"][0]
        return s["kind"], s["label"], s["value"], s["count"], s["url"]

    assert first("Standort", "&hl=de") == (
        "sector",
        "Außenhandel & Standortförderung",
        "trade-investment",
        4,
        "/?sector=trade-investment&hl=de",
    )
    assert first("nansh") == (
        "source",
        "Nanshan District Government of Shenzhen",
        "Nanshan District Government of Shenzhen",
        1,
        "/?source=Nanshan+District+Government+of+Shenzhen",
    )
    assert first("Globen") == ("wire", "GlobeNewswire", "GlobeNewswire", 3, "/?wire=GlobeNewswire")


def test_words_joined_by_punctuation_are_typed_with_it(
    archive_factory: ArchiveFactory, make_app: AppFactory
) -> None:
    release = (
        "Berlin Gallery Opens\n\nBERLIN, GERMANY, March 05, 2025 /24-7PressRelease/ -- "
        "A gallery opens in Berlin.\n"
    )
    client = make_app(archive_factory({"gallery.txt": release}).config()).test_client()
    for typed in ("24-7", "24 7press", "24-7Pr"):
        found = client.get(f"/api/suggest?q={typed}").json["suggestions"]
        assert [(s["kind"], s["url"]) for s in found] == [("wire", "/?wire=24-7PressRelease")], (
            typed
        )
    values = client.get("/api/facets/wire?contains=24-7").json["values"]
    assert [v["label"] for v in values] == ["24-7PressRelease"]
