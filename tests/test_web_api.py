"""The JSON API: search, release, status, reindex, and its error answers."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import ADMIN_TOKEN, AppFactory, BuiltIndex
from releasesearch.index import store

EN_NANJING = "000_1155c7d4176d89c5.txt"
DE_NANJING = "001_08a2519bc6076cba.txt"
MUNICH_VISIT = "002_2b7d03b8d94b1048.txt"
SHENZHEN = "003_228523de1d0d3c93.txt"
CHANGZHOU = "004_fdc124adaf6433fa.txt"
BEARER = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def get_json(client: FlaskClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == "application/json"
    return response.json


def error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


def test_search_finds_the_german_compound_part(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=Partnerschaft")
    assert body["total"] == 1
    assert body["page"] == 1 and body["pages"] == 1
    hit = body["hits"][0]
    assert hit["id"] == DE_NANJING
    assert hit["path"] == DE_NANJING
    assert hit["language"] == "de" and hit["language_label"] == "German"
    assert hit["date"] == "2026-03-05"
    assert hit["dateline_city"] == "Nanjing"
    assert hit["url"] == f"/release/{DE_NANJING}"
    assert hit["original_url"] is None
    assert hit["translations"] == [
        {
            "id": EN_NANJING,
            "language": "en",
            "language_label": "English",
            "title": hit["translations"][0]["title"],
            "url": f"/release/{EN_NANJING}",
            "reason": "same issuer, 1 day apart, same dateline, 16 shared names and numbers",
        }
    ]
    assert any("<mark>" in s for s in hit["snippets"])
    assert body["links"] == {
        "self": "/api/search?q=Partnerschaft",
        "prev": None,
        "next": None,
    }
    assert body["relaxed"] is False and body["suggestion"] is None


def test_browse_is_newest_first_with_facets(client: FlaskClient) -> None:
    body = get_json(client, "/api/search")
    assert body["total"] == 4
    assert [h["id"] for h in body["hits"]] == [DE_NANJING, CHANGZHOU, SHENZHEN, MUNICH_VISIT]
    assert [(v["value"], v["label"], v["count"]) for v in body["facets"]["lang"]] == [
        ("en", "English", 4),
        ("de", "German", 1),
    ]
    assert body["facets"]["lang"][1]["toggle_url"] == "/api/search?lang=de"
    assert body["facet_labels"]["lang"] == "Language"
    assert [v["value"] for v in body["facets"]["year"]] == ["2026", "2025", "2024"]


def test_toggle_urls_select_and_chips_remove(client: FlaskClient) -> None:
    first = get_json(client, "/api/search?q=Nanjing")
    toggle = next(v["toggle_url"] for v in first["facets"]["lang"] if v["value"] == "de")
    assert toggle == "/api/search?q=Nanjing&lang=de"
    second = get_json(client, toggle)
    assert [h["id"] for h in second["hits"]] == [DE_NANJING]
    assert second["selected"] == [
        {"param": "lang", "value": "de", "label": "German", "remove_url": "/api/search?q=Nanjing"}
    ]
    selected = [v for v in second["facets"]["lang"] if v["selected"]]
    assert [v["value"] for v in selected] == ["de"]


def test_pages_link_to_each_other(built_index: BuiltIndex, make_app: AppFactory) -> None:
    client = make_app(built_index.config(page_size=3)).test_client()
    first = get_json(client, "/api/search?sort=oldest")
    assert (first["total"], first["pages"], first["page_size"]) == (4, 2, 3)
    assert first["links"]["next"] == "/api/search?sort=oldest&page=2"
    second = get_json(client, "/api/search?sort=oldest&page=2")
    assert second["links"]["prev"] == "/api/search?sort=oldest"
    assert second["links"]["next"] is None
    assert [h["id"] for h in second["hits"]] == [MUNICH_VISIT]


def test_interface_language_localises_labels_and_stays_in_links(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=Partnerschaft&hl=de")
    assert body["hits"][0]["language_label"] == "Deutsch"
    assert body["facet_labels"]["lang"] == "Sprache"
    assert body["links"]["self"] == "/api/search?q=Partnerschaft&hl=de"


def test_suggestion_url(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=Nanjnig&spell=off")
    assert body["total"] == 0 and body["corrected"] is None
    assert body["suggestion"] == "Nanjing"
    assert body["suggestion_url"] == "/api/search?q=Nanjing"


def test_a_typo_is_corrected_at_once(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=Nanjnig")
    assert body["total"] == get_json(client, "/api/search?q=Nanjing")["total"] > 0
    assert body["corrected"] == {
        "typed": "Nanjnig",
        "query": "Nanjing",
        "instead_url": "/api/search?q=Nanjnig&spell=off",
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "'page' must be a whole number, not 'abc'"),
        ("page=0", "'page' must be between 1 and 1000, not 0"),
        ("from=2024-13-45", "'from' must be a date written YYYY-MM-DD, not '2024-13-45'"),
        ("to=yesterday", "'to' must be a date written YYYY-MM-DD, not 'yesterday'"),
        ("sort=foo", "'sort' must be one of relevance, newest, oldest, not 'foo'"),
    ],
)
def test_bad_parameters_are_400_json(client: FlaskClient, query: str, message: str) -> None:
    assert get_json(client, f"/api/search?{query}", 400) == error(400, message)


def test_release_as_json(client: FlaskClient) -> None:
    body = get_json(client, f"/api/releases/{DE_NANJING}?q=Partnerschaft")
    assert body["id"] == DE_NANJING
    assert body["language"] == "de"
    assert body["date"] == "2026-03-05"
    assert body["url"] == f"/release/{DE_NANJING}"
    assert body["archive_url"] == f"/archive/{DE_NANJING}"
    assert [t["id"] for t in body["translations"]] == [EN_NANJING]
    assert any("<mark>" in p for p in body["paragraphs_html"])
    assert body["body"].startswith("NANJING, China, March 05, 2026")
    assert {"id": "2825297", "label": "Stuttgart"} in body["cities"]


def test_unknown_release_is_404_json(client: FlaskClient) -> None:
    assert get_json(client, "/api/releases/nope.txt", 404) == error(
        404, "no release with id 'nope.txt'"
    )


def test_unknown_api_route_is_404_json(client: FlaskClient) -> None:
    assert get_json(client, "/api/nothing", 404) == error(404, "No such page.")


def test_status(client: FlaskClient) -> None:
    body = get_json(client, "/api/status")
    assert body["documents"] == 5
    assert body["indexing"] is False
    assert body["job"]["running"] is False and body["job"]["finished"] is None
    assert body["crosslang"] == {"available": False, "dictionary": "/nonexistent/dictd"}


def test_reindex_needs_a_bearer_token(client: FlaskClient) -> None:
    response = client.post("/api/reindex")
    assert response.status_code == 401
    assert response.json == error(401, "Send the admin token as 'Authorization: Bearer <token>'.")
    wrong = client.post("/api/reindex", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert wrong.json == error(403, "Wrong admin token.")
    basic = client.post("/api/reindex", headers={"Authorization": f"Basic {ADMIN_TOKEN}"})
    assert basic.status_code == 401


def test_reindex_is_forbidden_when_admin_is_disabled(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(built_index.config(admin_token=None)).test_client()
    response = client.post("/api/reindex", headers=BEARER)
    assert response.status_code == 403
    assert response.json == error(
        403, "Admin is disabled: set RELEASESEARCH_ADMIN_TOKEN to enable re-indexing."
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", 'The body must be a JSON object such as {"rebuild": false}.'),
        ("[true]", 'The body must be a JSON object such as {"rebuild": false}.'),
        ('{"rebuild": "yes"}', '"rebuild" must be true or false.'),
    ],
)
def test_reindex_rejects_a_bad_body(client: FlaskClient, body: str, message: str) -> None:
    response = client.post(
        "/api/reindex", data=body, headers=BEARER, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json == error(400, message)


def test_reindex_starts_in_the_background(copied_index: BuiltIndex, make_app: AppFactory) -> None:
    app = make_app(copied_index.config())
    client = app.test_client()
    (copied_index.archive / "new.txt").write_text(
        "Hamburg Harbour Opens New Terminal\n\nHAMBURG, Germany, May 4, 2026 -- "
        "The port of Hamburg opened a container terminal today.\n",
        encoding="utf-8",
    )
    response = client.post("/api/reindex", json={"rebuild": False}, headers=BEARER)
    assert response.status_code == 202
    assert response.json == {
        "started": True,
        "rebuild": False,
        "status_url": "/api/status",
    }
    job = app.extensions["releasesearch"].reindexer.wait(timeout=60)
    assert job.error is None
    assert job.report is not None
    assert (job.report["added"], job.report["unchanged"], job.report["releases"]) == (1, 5, 1)
    status = get_json(client, "/api/status")
    assert status["documents"] == 6
    assert status["job"]["running"] is False and status["job"]["done"] == 1
    assert [h["id"] for h in get_json(client, "/api/search?q=Hamburg")["hits"]] == ["new.txt"]


def test_second_reindex_while_one_runs_is_409(
    copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(copied_index.config()).test_client()
    with store.writer_lock(copied_index.index):
        response = client.post("/api/reindex", headers=BEARER)
        assert get_json(client, "/api/status")["indexing"] is True
    assert response.status_code == 409
    assert response.json == error(
        409, "A re-index is already running; try again when it has finished."
    )


def test_reindex_only_accepts_post(client: FlaskClient) -> None:
    response = client.get("/api/reindex")
    assert response.status_code == 405
    assert response.json == error(405, "This address does not accept that method.")
