"""The HTML pages over the real seed index: search, release, archive file, feed, errors."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from conftest import SEEDS, AppFactory, BuiltIndex

EN_NANJING = "000_1155c7d4176d89c5.txt"
DE_NANJING = "001_08a2519bc6076cba.txt"
MUNICH_VISIT = "002_2b7d03b8d94b1048.txt"
SHENZHEN = "003_228523de1d0d3c93.txt"
CHANGZHOU = "004_fdc124adaf6433fa.txt"
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(client: FlaskClient, url: str, status: int = 200, **kwargs: object) -> BeautifulSoup:
    response = client.get(url, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def hit_links(page: BeautifulSoup) -> list[str]:
    return [str(a["href"]) for a in page.select(".hit-title a")]


def text(page: BeautifulSoup, selector: str) -> str:
    found = page.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text(" ").split())


def test_query_is_kept_counted_and_linked_to_the_release(client: FlaskClient) -> None:
    page = soup(client, "/?q=Partnerschaft")
    box = page.select_one("input#q")
    assert box is not None and box["value"] == "Partnerschaft" and box.has_attr("autofocus")
    assert page.select_one("label[for=q]") is not None
    assert text(page, "#result-count") == "1 release for “Partnerschaft”"
    assert hit_links(page) == [f"/release/{DE_NANJING}?q=Partnerschaft"]
    assert page.select(".snippet mark")
    assert [a.get_text() for a in page.select(".hit .also a")] == ["English"]
    assert page.select_one(".hit .also a")["href"] == f"/release/{EN_NANJING}?q=Partnerschaft"


def test_empty_query_browses_everything_newest_first(client: FlaskClient) -> None:
    page = soup(client, "/")
    assert text(page, "#result-count") == "4 releases"
    assert hit_links(page) == [
        f"/release/{DE_NANJING}",
        f"/release/{CHANGZHOU}",
        f"/release/{SHENZHEN}",
        f"/release/{MUNICH_VISIT}",
    ]
    selected = page.select_one("#sort option[selected]")
    assert selected is not None and selected.get_text() == "Newest first"
    assert selected["value"] == ""  # the default travels as nothing: a new query ranks again


def test_sort_oldest_reverses_and_undated_go_last(client: FlaskClient) -> None:
    page = soup(client, "/?sort=oldest")
    assert hit_links(page)[0] == f"/release/{SHENZHEN}"
    assert hit_links(page)[-1] == f"/release/{MUNICH_VISIT}"


def test_facets_are_checkboxes_in_a_get_form_and_links(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjing")
    form = page.select_one("form#search-form")
    assert form is not None and form["method"] == "get" and form["action"] == "/"
    box = page.select_one("input[type=checkbox][name=lang][value=de]")
    assert box is not None and not box.has_attr("checked")
    link = box.find_next_sibling("a")
    assert link is not None and link["href"] == "?q=Nanjing&lang=de"
    assert page.select_one("button.apply") is not None
    assert {str(i["name"]) for i in page.select(".sidebar input[type=checkbox]")} == {
        "city",
        "sector",
        "lang",
        "source",
        "wire",
        "year",
    }


def test_selected_facet_is_ticked_and_removable_as_a_chip(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjing&lang=de")
    assert hit_links(page) == [f"/release/{DE_NANJING}?q=Nanjing"]
    box = page.select_one("input[type=checkbox][name=lang][value=de]")
    assert box is not None and box.has_attr("checked")
    chips = page.select(".chips a.chip")
    assert [c.get_text(" ", strip=True) for c in chips] == ["German ×", "Clear all"]
    assert chips[0]["href"] == "?q=Nanjing"
    assert chips[0]["aria-label"] == "Remove filter German"


def test_year_selection_opens_the_month_facet(client: FlaskClient) -> None:
    page = soup(client, "/?year=2026")
    months = page.select("input[type=checkbox][name=month]")
    assert [m["value"] for m in months] == ["2026-03"]


def test_date_range_inputs_keep_their_values(client: FlaskClient) -> None:
    page = soup(client, "/?from=2025-01-01&to=2025-12-31")
    assert page.select_one("input#from")["value"] == "2025-01-01"
    assert page.select_one("input#to")["value"] == "2025-12-31"
    assert hit_links(page) == [f"/release/{CHANGZHOU}"]


def test_pagination_links_carry_the_whole_state(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(built_index.config(page_size=2)).test_client()
    first = soup(client, "/?lang=en")
    assert text(first, "#result-count") == "4 releases"
    assert first.select_one("a[rel=next]")["href"] == "?lang=en&page=2"
    assert first.select_one("a[rel=prev]") is None
    assert text(first, ".pagination .current") == "1"
    second = soup(client, "/?lang=en&page=2")
    assert second.select_one("a[rel=prev]")["href"] == "?lang=en"
    assert second.select_one("a[rel=next]") is None
    assert len(hit_links(second)) == 2
    assert not set(hit_links(first)) & set(hit_links(second))


def test_a_typo_shows_the_corrected_results(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjnig")
    assert text(page, ".notice.corrected") == (
        "Showing results for Nanjing — search instead for Nanjnig"
    )
    link = page.select_one(".notice.corrected a")
    assert link is not None and link["href"] == "?q=Nanjnig&spell=off"
    assert page.select(".hit")


def test_did_you_mean_links_to_the_corrected_query(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjnig&spell=off")
    link = page.select_one(".suggestion a")
    assert link is not None and link.get_text() == "Nanjing" and link["href"] == "?q=Nanjing"
    assert text(page, ".empty") == "No release matches. Try fewer words or remove a filter."


def test_relaxed_match_is_announced(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjing+Stuttgart+zzzqqq")
    assert text(page, ".relaxed") == "No release has all the words; showing the closest matches."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "'page' must be a whole number, not 'abc'"),
        ("from=2024-13-45", "'from' must be a date written YYYY-MM-DD, not '2024-13-45'"),
        ("sort=foo", "'sort' must be one of relevance, newest, oldest, not 'foo'"),
    ],
)
def test_bad_parameters_answer_400_pages(client: FlaskClient, query: str, message: str) -> None:
    page = soup(client, f"/?{query}", status=400)
    assert text(page, ".error-page h1") == "Bad request"
    assert message in text(page, ".error-page")


def test_release_page_shows_text_metadata_and_translation(client: FlaskClient) -> None:
    page = soup(client, f"/release/{DE_NANJING}?q=Partnerschaft")
    article = page.select_one("article.release")
    assert article is not None and article["lang"] == "de"
    assert article.select(".release-body mark")
    assert page.select_one(".back a")["href"] == "/?q=Partnerschaft"
    assert [a["href"] for a in page.select(".release-side .plain-list a[hreflang]")] == [
        f"/release/{EN_NANJING}?q=Partnerschaft"
    ]
    for wbr in page.select("wbr"):  # break opportunities in paths are not text
        wbr.decompose()
    page.smooth()
    rows = {
        th.get_text(strip=True): " ".join(th.find_next_sibling("td").get_text(" ").split())
        for th in page.select(".meta-table th")
    }
    assert rows["Date"] == "5 March 2026"
    assert rows["Language"] == "German"
    assert rows["Archive file"] == DE_NANJING
    assert page.select_one(f"a[href='/archive/{DE_NANJING}']") is not None


def test_release_page_in_german(client: FlaskClient) -> None:
    page = soup(client, f"/release/{DE_NANJING}?hl=de")
    assert page.html["lang"] == "de"
    assert "Datum" in text(page, ".meta-table")
    assert "5. März 2026" in text(page, ".meta-table")


def test_unknown_release_is_a_404_page(client: FlaskClient) -> None:
    page = soup(client, "/release/nope.txt", status=404)
    assert text(page, ".error-page h1") == "Not found"
    assert "no release with id 'nope.txt'" in text(page, ".error-page")


def test_archive_serves_the_original_file_as_a_text_download(client: FlaskClient) -> None:
    with client.get(f"/archive/{EN_NANJING}") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/plain"
        assert response.headers["Content-Disposition"] == f"attachment; filename={EN_NANJING}"
        assert response.data == (SEEDS / EN_NANJING).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "../conftest.py",
        "..%2Fconftest.py",
        "%2e%2e/x.txt",
        "missing.txt",
        "/etc/passwd",
        ".hidden.txt",
        "notes.exe",
        "sub",
    ],
)
def test_archive_refuses_anything_else(
    copied_index: BuiltIndex, make_app: AppFactory, path: str
) -> None:
    (copied_index.archive / ".hidden.txt").write_text("secret")
    (copied_index.archive / "notes.exe").write_text("binary")
    (copied_index.archive / "sub").mkdir()
    client = make_app(copied_index.config()).test_client()
    assert client.get(f"/archive/{path}", follow_redirects=True).status_code == 404


def test_archive_does_not_follow_symlinks_out(
    copied_index: BuiltIndex, make_app: AppFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("outside the archive")
    os.symlink(outside, copied_index.archive / "link.txt")
    client = make_app(copied_index.config()).test_client()
    assert client.get("/archive/link.txt").status_code == 404


def test_head_links_search_description_and_feed_of_the_query(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjing&lang=en&page=1")
    search = page.select_one("link[rel=search]")
    assert search["type"] == "application/opensearchdescription+xml"
    assert search["href"] == "/opensearch.xml"
    feed = page.select_one("link[rel=alternate][type='application/atom+xml']")
    assert feed["href"] == "/feed.atom?q=Nanjing&lang=en"


def test_feed_lists_matches_newest_first(client: FlaskClient) -> None:
    response = client.get("/feed.atom?q=Nanjing")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Press releases: Nanjing"
    assert root.findtext(f"{ATOM}updated") == "2026-03-05T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"urn:releasesearch:release/{DE_NANJING}",
        f"urn:releasesearch:release/{MUNICH_VISIT}",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert links == [f"/release/{DE_NANJING}", f"/release/{MUNICH_VISIT}"]
    assert entries[0].findtext(f"{ATOM}updated") == "2026-03-05T00:00:00Z"
    assert entries[1].findtext(f"{ATOM}published") is None


def test_feed_rejects_bad_parameters(client: FlaskClient) -> None:
    assert client.get("/feed.atom?page=abc").status_code == 400


def test_opensearch_description(client: FlaskClient) -> None:
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    urls = {u.get("type"): u.get("template") for u in root.findall(f"{ns}Url")}
    assert urls == {
        "text/html": "/?q={searchTerms}",
        "application/atom+xml": "/feed.atom?q={searchTerms}",
        "application/x-suggestions+json": "/suggest?q={searchTerms}",
    }
    assert root.findtext(f"{ns}ShortName") == "Press releases"


def test_interface_language_switch_persists_in_a_cookie(client: FlaskClient) -> None:
    page = soup(client, "/?hl=de")
    assert page.html["lang"] == "de"
    assert text(page, "#result-count") == "4 Pressemitteilungen"
    assert client.get_cookie("hl").value == "de"
    again = soup(client, "/")
    assert again.html["lang"] == "de"
    assert text(again, "label[for=q]") == "Pressemitteilungen durchsuchen"


def test_language_switch_link_keeps_the_query(client: FlaskClient) -> None:
    page = soup(client, "/?q=Nanjing&lang=en")
    link = page.select_one(".lang-switch a[lang=de]")
    assert link["href"] == "/?q=Nanjing&lang=en&hl=de"


@pytest.mark.parametrize(
    ("header", "expected"), [("de-DE,de;q=0.9", "de"), ("fr-FR", "en"), ("en-GB", "en")]
)
def test_accept_language_picks_the_interface(
    client: FlaskClient, header: str, expected: str
) -> None:
    page = soup(client, "/", headers={"Accept-Language": header})
    assert page.html["lang"] == expected


def test_facet_labels_follow_the_interface_language(client: FlaskClient) -> None:
    page = soup(client, "/?hl=de")
    legends = [legend.get_text(strip=True) for legend in page.select(".facet legend")]
    assert legends[-1] == "Zeitraum"
    assert page.select_one("input[name=lang][value=de]")["aria-label"] == "Deutsch auswählen"


def test_missing_index_is_a_friendly_503(tmp_path: Path, make_app: AppFactory) -> None:
    app = make_app({"TESTING": True, "index": tmp_path / "index", "archive": tmp_path})
    client = app.test_client()
    page = soup(client, "/", status=503)
    assert "No index yet: run `releasesearch index`" in text(page, ".error-page")
    response = client.get("/api/search")
    assert response.status_code == 503
    assert response.json == {
        "error": {
            "status": 503,
            "message": "No index yet: run `releasesearch index` to build it from the archive.",
        }
    }


def test_unknown_route_and_method(client: FlaskClient) -> None:
    page = soup(client, "/nowhere", status=404)
    assert text(page, ".error-page h1") == "Not found"
    response = client.post("/")
    assert response.status_code == 405
    assert sorted(response.headers["Allow"].split(", ")) == ["GET", "HEAD", "OPTIONS"]


def test_unexpected_errors_are_logged_and_hidden(
    built_index: BuiltIndex, make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    app: Flask = make_app(built_index.config())

    def boom() -> str:
        raise RuntimeError("secret detail")

    app.add_url_rule("/boom", view_func=boom)
    app.add_url_rule("/api/boom", endpoint="api_boom", view_func=boom)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        page = client.get("/boom")
        api = client.get("/api/boom")
    assert page.status_code == 500 and b"secret detail" not in page.data
    assert b"Internal error" in page.data
    assert api.json == {
        "error": {"status": 500, "message": "Internal error: the problem has been logged."}
    }
    assert [r.exc_info[1].args for r in caplog.records if r.exc_info] == [
        ("secret detail",),
        ("secret detail",),
    ]


def test_release_page_of_the_english_original_lists_related_releases(
    client: FlaskClient,
) -> None:
    page = soup(client, f"/release/{EN_NANJING}")
    assert [a["href"] for a in page.select(".release-side .plain-list a[hreflang]")] == [
        f"/release/{DE_NANJING}"
    ]
    related = [a["href"] for a in page.select(".related a")]
    assert related and all(href.startswith("/release/") for href in related)
