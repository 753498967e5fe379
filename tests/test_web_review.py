"""Defects found by trying the site as a new user would, each pinned by a test.

Control characters in URLs, links built from the Host header, a page past the
last, date ranges as filters, one rule for bad parameters, the JSON shapes,
uploads during a re-index, and the small things (names, quotes, links).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from conftest import ADMIN_TOKEN, AppFactory, BuiltIndex
from releasesearch.index import store
from releasesearch.web.jobs import last_change

ATOM = "{http://www.w3.org/2005/Atom}"
CHANGZHOU = "004_fdc124adaf6433fa.txt"
STUTTGART = "2825297"
UPLOAD = b"Hamburg Harbour Opens New Terminal\n\nHAMBURG, Germany, May 4, 2026 -- A terminal.\n"


def page(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def words(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in soup.select(selector)]


@pytest.mark.parametrize("path", ["/archive/%00", "/archive/000_1155c7d4176d89c5.md%00.txt"])
def test_nul_in_an_archive_path_is_not_found_and_not_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.get(path)
    assert response.status_code == 404
    assert b"\x00" not in response.data
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("query", "title"),
    [("%00", "Press releases"), ("Nanjing%00Stuttgart%1b", "Press releases: Nanjing Stuttgart")],
)
def test_feed_of_a_query_with_control_characters_is_well_formed(
    client: FlaskClient, query: str, title: str
) -> None:
    response = client.get(f"/feed.atom?q={query}")
    assert response.status_code == 200
    assert ET.fromstring(response.data).findtext(f"{ATOM}title") == title


def test_no_link_comes_from_the_host_header(client: FlaskClient) -> None:
    evil = {"Host": "evil.example"}
    bodies = [
        client.get(url, headers=evil).get_data(as_text=True)
        for url in ("/opensearch.xml", "/feed.atom?q=Nanjing", "/api/search?q=Nanjing", "/")
    ]
    assert all("evil.example" not in body for body in bodies)
    api = client.get("/api/search?q=Nanjing", headers=evil).json
    assert api["facets"]["lang"][0]["toggle_url"] == "/api/search?q=Nanjing&lang=en"
    assert api["hits"][0]["url"] == "/release/000_1155c7d4176d89c5.txt"


def test_a_page_past_the_last_shows_the_last(built_index: BuiltIndex, make_app: AppFactory) -> None:
    client = make_app(built_index.config(page_size=2)).test_client()
    soup = page(client, "/?lang=en&page=5")
    assert words(soup, "#result-count") == ["4 releases"]
    assert words(soup, ".pagination .current") == ["2"]
    assert words(soup, "#result-range") == ["3–4 of 4"]
    assert len(soup.select(".hit")) == 2 and soup.select(".empty") == []
    api = client.get("/api/search?lang=en&page=5").json
    assert (api["page"], api["pages"], len(api["hits"]), api["links"]["next"]) == (2, 2, 2, None)
    assert api["links"]["prev"] == "/api/search?lang=en"


def test_a_date_range_is_a_filter_like_any_other(client: FlaskClient) -> None:
    soup = page(client, "/?from=2025-01-01&to=2025-12-31")
    assert words(soup, ".chips a.chip") == [
        "from 1 January 2025 ×",
        "until 31 December 2025 ×",
        "Clear all",
    ]
    assert [a["href"] for a in soup.select(".chips a.chip")] == [
        "?to=2025-12-31",
        "?from=2025-01-01",
        "?",
    ]
    assert words(soup, ".filters-toggle-label") == ["Show filters Hide filters (2)"]
    selected = client.get("/api/search?from=2025-01-01&to=2025-12-31").json["selected"]
    assert selected == [
        {
            "param": "from",
            "value": "2025-01-01",
            "label": "from 1 January 2025",
            "remove_url": "/api/search?to=2025-12-31",
        },
        {
            "param": "to",
            "value": "2025-12-31",
            "label": "until 31 December 2025",
            "remove_url": "/api/search?from=2025-01-01",
        },
    ]
    german = page(client, "/?from=2025-01-01&hl=de")
    assert words(german, ".chips a.chip")[0] == "ab 1. Januar 2025 ×"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "from=2025-12-31&to=2025-01-01",
            "'from' (2025-12-31) must not be after 'to' (2025-01-01)",
        ),
        ("month=13", "'month' must be a month written YYYY-MM, not '13'"),
        ("month=2025-13", "'month' must be a month written YYYY-MM, not '2025-13'"),
        ("year=abcd", "'year' must be a year written YYYY, not 'abcd'"),
        ("page_size=0", "'page_size' must be between 1 and 100, not 0"),
        ("page_size=101", "'page_size' must be between 1 and 100, not 101"),
        ("page_size=ten", "'page_size' must be a whole number, not 'ten'"),
    ],
)
def test_one_rule_for_unreadable_parameters(client: FlaskClient, query: str, message: str) -> None:
    api = client.get(f"/api/search?{query}")
    assert api.status_code == 400
    assert api.json == {"error": {"status": 400, "message": message}}
    html = client.get(f"/?{query}")
    assert html.status_code == 400 and message in html.get_data(as_text=True).replace("&#39;", "'")


def test_readable_values_no_release_has_give_no_results(client: FlaskClient) -> None:
    body = client.get("/api/search?year=1999&month=1999-01").json
    assert (body["total"], [c["label"] for c in body["selected"]]) == (0, ["1999", "January 1999"])


def test_page_size_is_a_parameter_kept_in_links(client: FlaskClient) -> None:
    body = client.get("/api/search?page_size=3").json
    assert (body["page_size"], body["pages"], len(body["hits"])) == (3, 2, 3)
    assert body["links"]["next"] == "/api/search?page_size=3&page=2"
    assert client.get("/api/search?page_size=10").json["links"]["self"] == "/api/search?"
    soup = page(client, "/?page_size=20")
    assert [o.get("value") for o in soup.select("#page_size option")] == ["", "20", "50"]
    assert soup.select_one("#page_size option[selected]").get_text() == "20"  # type: ignore[union-attr]


def test_hit_cities_and_sectors_carry_ids_like_the_release(client: FlaskClient) -> None:
    hit = client.get(f"/api/search?q=Changzhou&city={STUTTGART}").json
    assert hit["total"] == 0
    found = client.get("/api/search?q=Nanjing&lang=de").json["hits"][0]
    assert found["cities"][:2] == [
        {"id": "1799962", "label": "Nanjing"},
        {"id": STUTTGART, "label": "Stuttgart"},
    ]
    release = client.get(f"/api/releases/{found['id']}").json
    assert release["cities"][:2] == found["cities"][:2]
    assert found["sectors"] == release["sectors"]
    by_city = client.get(f"/api/search?city={found['cities'][1]['id']}").json
    assert [h["id"] for h in by_city["hits"]] == [found["id"]]


def test_status_has_one_shape_on_the_api_and_the_admin_page(client: FlaskClient) -> None:
    token = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
    csrf = token.select_one("input[name=csrf_token]")["value"]  # type: ignore[index]
    client.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": csrf})
    api, admin = client.get("/api/status").json, client.get("/admin/status").json
    assert api == admin
    assert sorted(api) == ["crosslang", "documents", "indexing", "job", "last_change"]
    assert sorted(api["job"]) == [
        "done",
        "error",
        "finished",
        "rebuild",
        "report",
        "running",
        "started",
        "total",
    ]


def test_an_empty_feed_is_dated_by_the_index(client: FlaskClient, built_index: BuiltIndex) -> None:
    root = ET.fromstring(client.get("/feed.atom?q=zzzzqqqq").data)
    assert root.findall(f"{ATOM}entry") == []
    changed = last_change(built_index.index)
    assert changed is not None and changed.year >= 2024
    assert root.findtext(f"{ATOM}updated") == changed.strftime("%Y-%m-%dT%H:%M:%SZ")


def _admin(app: Flask) -> tuple[FlaskClient, str]:
    client = app.test_client()
    soup = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
    token = str(soup.select_one("input[name=csrf_token]")["value"])  # type: ignore[index]
    client.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": token})
    return client, token


def _upload(client: FlaskClient, token: str) -> str:
    response = client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(UPLOAD), "hamburg.txt")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return words(soup, ".flash")[0]


def _searchable(client: FlaskClient, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hits = [h["id"] for h in client.get("/api/search?q=Hamburg").json["hits"]]
        if hits and not client.get("/api/status").json["indexing"]:
            return hits
        time.sleep(0.1)
    return []


def test_an_upload_during_our_rebuild_is_indexed_when_it_ends(
    copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    app = make_app(copied_index.config())
    client, token = _admin(app)
    app.extensions["releasesearch"].reindexer.start(rebuild=True)
    message = _upload(client, token)
    assert message in (
        "Saved uploads/hamburg.txt; a re-index is running, the file is indexed when it has finished.",
        "Saved uploads/hamburg.txt; indexing it now.",  # the rebuild was over already
    )
    assert _searchable(client) == ["uploads/hamburg.txt"]


def test_an_upload_while_another_process_indexes_waits_for_it(
    copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    app = make_app(copied_index.config())
    client, token = _admin(app)
    with store.writer_lock(copied_index.index):
        message = _upload(client, token)
        assert client.get("/api/search?q=Hamburg").json["total"] == 0
    assert message == (
        "Saved uploads/hamburg.txt; a re-index is running, the file is indexed when it has finished."
    )
    assert _searchable(client) == ["uploads/hamburg.txt"]


def test_small_things(client: FlaskClient) -> None:
    for hl, name in (("en", "Press releases"), ("de", "Pressearchiv")):  # 16 characters at most
        root = ET.fromstring(client.get(f"/opensearch.xml?hl={hl}").data)
        assert root.findtext("{http://a9.com/-/spec/opensearch/1.1/}ShortName") == name
    assert words(page(client, "/?q=Nanjing&hl=en"), "#result-count .for") == ["for “Nanjing”"]
    assert words(page(client, "/?q=Nanjing&hl=de"), "#result-count .for") == ["für „Nanjing“"]
    assert words(page(client, "/?q=Stutgart&hl=en&spell=off"), ".suggestion a") == ["Stuttgart"]
    for url, status in (("/admin", 200), ("/nowhere", 404), ("/?page=0", 400)):
        soup = page(client, url, status)
        assert soup.select("link[type='application/atom+xml']") == [], url
        assert soup.find("a", string="Atom feed of this search") is None, url
    assert page(client, "/").select("link[type='application/atom+xml']") != []


def test_archive_paths_wrap_only_after_separators(client: FlaskClient) -> None:
    html = client.get(f"/release/{CHANGZHOU}").get_data(as_text=True)
    assert ">004_<wbr>fdc124adaf6433fa.<wbr>txt</a>" in html


def test_after_a_failed_login_the_language_switch_leads_to_the_admin_page(
    client: FlaskClient,
) -> None:
    soup = page(client, "/admin")
    token = soup.select_one("input[name=csrf_token]")["value"]  # type: ignore[index]
    failed = client.post("/admin/login", data={"token": "wrong", "csrf_token": token})
    assert failed.status_code == 401
    switch = BeautifulSoup(failed.get_data(as_text=True), "html.parser")
    assert switch.select_one(".lang-switch a[lang=de]")["href"] == "/admin?hl=de"  # type: ignore[index]
    assert client.get("/admin?hl=de").status_code == 200


def test_feed_dates_use_the_index_when_entries_are_undated(client: FlaskClient) -> None:
    root = ET.fromstring(client.get("/feed.atom?q=Chen+Zhichang").data)
    (entry,) = root.findall(f"{ATOM}entry")
    updated = entry.findtext(f"{ATOM}updated")
    assert updated is not None and updated != "1970-01-01T00:00:00Z"
    assert dt.datetime.strptime(updated, "%Y-%m-%dT%H:%M:%SZ").year >= 2024


def test_a_sector_value_explains_its_scope(client: FlaskClient) -> None:
    link = page(client, "/?q=Changzhou&hl=en").select_one(".facet-sector .facet-link")
    assert link is not None and link.get_text() == "Energy & climate"
    assert link["title"] == (
        "Energy supply, oil and gas, renewables, utilities, batteries and storage, "
        "climate and emissions, environment, recycling and waste."
    )
    api = client.get("/api/search?q=Changzhou&hl=de").json["facets"]["sector"][0]
    assert api["description"].startswith("Energieversorgung, Öl und Gas, erneuerbare Energien")
    assert "description" not in client.get("/api/search").json["facets"]["lang"][0]
