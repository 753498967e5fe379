"""Escaping, security headers, CSRF, rate limits and token handling."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from conftest import ADMIN_TOKEN, EVIL_TITLE, XSS_RELEASES, AppFactory, BuiltIndex, build_index
from releasesearch.web.hooks import http_url
from releasesearch.web.security import SECURITY_HEADERS, RateLimited, RateLimiter, tokens_equal

TEMPLATES = Path(__file__).parent.parent / "src" / "releasesearch" / "templates"


@pytest.fixture(scope="module")
def xss_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    return build_index(tmp_path_factory.mktemp("xss"), XSS_RELEASES)


@pytest.fixture
def xss_client(xss_index: BuiltIndex, make_app: AppFactory) -> FlaskClient:
    return make_app(xss_index.config()).test_client()


def assert_inert(html: str) -> BeautifulSoup:
    """No script but our own file, no event handler, no javascript: link."""
    page = BeautifulSoup(html, "html.parser")
    assert [s.get("src") for s in page.find_all("script")] == ["/static/app.js"]
    for tag in page.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], tag
        for attr in ("href", "src", "action"):
            assert not str(tag.get(attr, "")).strip().lower().startswith("javascript:"), tag
    assert [i["src"] for i in page.find_all("img")] == ["/static/icon.svg"]
    assert "<img src=x" not in html and "<b>Evil" not in html
    return page


def test_search_page_shows_markup_as_text(xss_client: FlaskClient) -> None:
    page = assert_inert(xss_client.get("/?q=product").get_data(as_text=True))
    titles = [a.get_text() for a in page.select(".hit-title a")]
    assert EVIL_TITLE in titles
    snippets = " ".join(s.get_text() for s in page.select(".snippet"))
    assert '<img src=x onerror="window.__xss=2;alert(2)">' in snippets
    assert [m.get_text() for m in page.select(".snippet mark")][:1] == ["product"]
    assert "<b>Evil</b> Source" in [s.get_text() for s in page.select(".source")]


def test_facet_values_are_escaped(xss_client: FlaskClient) -> None:
    page = assert_inert(xss_client.get("/").get_data(as_text=True))
    labels = [a.get_text() for a in page.select(".facet-source .facet-link")]
    assert labels == ["<b>Evil</b> Source"]


def test_release_page_shows_markup_as_text(xss_client: FlaskClient) -> None:
    page = assert_inert(xss_client.get("/release/xss.txt?q=product").get_data(as_text=True))
    assert page.select_one(".release-title").get_text() == EVIL_TITLE
    body = page.select_one(".release-body").get_text()
    assert "<script>window.__xss=3</script>" in body
    assert page.title is not None and page.title.get_text().startswith("<script>")


def test_javascript_url_never_becomes_a_link(xss_client: FlaskClient) -> None:
    page = assert_inert(xss_client.get("/release/link.md").get_data(as_text=True))
    assert page.select("a.external") == []
    api = xss_client.get("/api/releases/link.md").json
    assert api["original_url"] is None  # the API hands out no link the page would refuse
    hit = next(h for h in xss_client.get("/api/search?q=Harmless").json["hits"])
    assert hit["id"] == "link.md" and hit["original_url"] is None


def test_api_returns_text_and_escaped_html(xss_client: FlaskClient) -> None:
    body = xss_client.get("/api/search?q=product").json
    hit = next(h for h in body["hits"] if h["id"] == "xss.txt")
    assert hit["title"] == EVIL_TITLE
    assert all("<img" not in s and "<script" not in s for s in hit["snippets"])
    release = xss_client.get("/api/releases/xss.txt").json
    assert release["title_html"].startswith("&lt;script&gt;")


def test_feed_escapes_every_text(xss_client: FlaskClient) -> None:
    data = xss_client.get("/feed.atom?q=product").data
    assert b"<script" not in data and b"<img" not in data
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(data).findall(f"{atom}entry")
    entry = next(e for e in entries if e.findtext(f"{atom}id", "").endswith("/xss.txt"))
    assert entry.findtext(f"{atom}title") == EVIL_TITLE
    summary = entry.findtext(f"{atom}summary") or ""
    assert "&lt;img src=x" in summary and "<mark>product</mark>" in summary


def test_templates_have_no_inline_script_or_style() -> None:
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), template.name
        assert not re.search(r"\sstyle=", source), template.name
        assert not re.search(r"\son[a-z]+=", source), template.name
        assert "<style" not in source, template.name
        assert "|safe" not in source.replace("snippet|safe", "").replace(
            "title_html|safe", ""
        ).replace("paragraph|safe", ""), template.name


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=x",
        "/api/search",
        "/static/style.css",
        "/nope",
        "/feed.atom",
        "/opensearch.xml",
        "/api/releases/none",
        "/release/000_1155c7d4176d89c5.txt",
        "/admin",
    ],
)
def test_security_headers_on_every_response(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    response.close()


def test_content_security_policy_is_exactly_the_agreed_one() -> None:
    assert SECURITY_HEADERS["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


def test_search_rate_limit_answers_429_with_retry_after(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(built_index.config(search_rate=2)).test_client()
    assert [client.get("/api/search").status_code for _ in range(2)] == [200, 200]
    limited = client.get("/api/search")
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert limited.json["error"]["message"].startswith("Too many requests: at most 2 per minute.")
    page = client.get("/")
    assert page.status_code == 429 and b"Too many requests" in page.data
    assert client.get("/feed.atom").status_code == 429
    assert client.get("/api/status").status_code == 200  # not a search
    other = client.get("/api/search", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # per client address


def test_admin_rate_limit_covers_admin_and_reindex(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(built_index.config(admin_rate=2)).test_client()
    assert client.get("/admin").status_code == 200
    assert client.post("/api/reindex").status_code == 401
    assert client.post("/api/reindex").status_code == 429
    assert client.get("/admin").status_code == 429
    assert client.get("/api/search").status_code == 200


def test_zero_disables_rate_limits(built_index: BuiltIndex, make_app: AppFactory) -> None:
    client = make_app(built_index.config(search_rate=0)).test_client()
    assert {client.get("/api/status").status_code for _ in range(5)} == {200}
    assert {client.get("/api/search?q=x").status_code for _ in range(5)} == {200}


def test_rate_limiter_windows_reset_each_minute() -> None:
    now = [120.0]
    limiter = RateLimiter(clock=lambda: now[0])
    limiter.hit("search", "a", 1)
    with pytest.raises(RateLimited) as caught:
        limiter.hit("search", "a", 1)
    assert caught.value.retry_after == 60 and caught.value.status == 429
    limiter.hit("admin", "a", 1)  # buckets are separate
    now[0] = 179.5
    with pytest.raises(RateLimited) as again:
        limiter.hit("search", "a", 1)
    assert again.value.retry_after == 1
    now[0] = 180.0
    limiter.hit("search", "a", 1)


def test_tokens_are_compared_whole() -> None:
    assert tokens_equal("test-token", "test-token")
    assert not tokens_equal("test-toke", "test-token")
    assert not tokens_equal("", "")
    assert not tokens_equal(None, "x")
    assert not tokens_equal("x", None)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  http://example.org ", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("//evil.example", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url: str | None, expected: str | None) -> None:
    assert http_url(url) == expected


def test_secret_key_is_random_per_process_when_unset(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    first = make_app(built_index.config(secret_key=None))
    second = make_app(built_index.config(secret_key=None))
    assert len(first.secret_key) == 64 and first.secret_key != second.secret_key
    fixed = make_app(built_index.config(secret_key="fixed"))
    assert fixed.secret_key == "fixed"


def test_csrf_tokens_differ_per_session_and_cookies_are_http_only(app: Flask) -> None:
    def token(client: FlaskClient) -> str:
        page = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
        return str(page.select_one("input[name=csrf_token]")["value"])

    first, second = app.test_client(), app.test_client()
    first_token = token(first)
    assert first_token != token(second)
    assert token(first) == first_token  # stable within a session
    response = first.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": first_token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    stolen = second.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": first_token})
    assert stolen.status_code == 403
