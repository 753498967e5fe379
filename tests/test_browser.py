"""The site in a real headless Chromium: what a reader clicks, the browser does.

Uses Debian's ``chromium`` through Playwright's ``executable_path``; no browser is
ever downloaded. The app runs in a real WSGI server on an ephemeral port.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator

import pytest

from conftest import ADMIN_TOKEN, SEEDS, XSS_RELEASES, build_index
from releasesearch import create_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "chromium is not installed (scripts/ensure-chromium installs Debian's package)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DE_NANJING = "001_08a2519bc6076cba.txt"
EN_NANJING = "000_1155c7d4176d89c5.txt"
STUTTGART = "2825297"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files: dict[str, str | bytes] = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    files.update(XSS_RELEASES)
    built = build_index(tmp_path_factory.mktemp("browser"), files)
    app = create_app(built.config(page_size=2, search_rate=0))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)
    app.extensions["releasesearch"].close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    context = browser.new_context(base_url=base_url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def count(page: sync_api.Page) -> str:
    return " ".join(page.locator("#result-count").inner_text().split())


def test_typing_a_query_shows_highlighted_snippets(page: sync_api.Page) -> None:
    page.goto("/")
    page.fill("#q", "Partnerschaft")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert count(page) == "1 release for “Partnerschaft”"
    marks = page.locator(".snippet mark")
    assert marks.count() >= 1
    assert re.fullmatch(r"(?i)partnerschaft\w*", marks.first.inner_text())


def test_ticking_a_city_filters_and_the_chip_removes_it(page: sync_api.Page) -> None:
    page.goto("/?q=Nanjing")
    before = count(page)
    box = page.locator(f"input[name=city][value='{STUTTGART}']")
    with page.expect_navigation():
        box.check()
    assert f"city={STUTTGART}" in page.url
    assert page.locator(f"input[name=city][value='{STUTTGART}']").is_checked()
    assert count(page) == "1 release for “Nanjing”" != before
    chip = page.locator(".chips a.chip", has_text="Stuttgart")
    with page.expect_navigation():
        chip.click()
    assert "city=" not in page.url
    assert count(page) == before


def test_paging_forward_and_back_with_the_browser(page: sync_api.Page) -> None:
    page.goto("/?lang=en")
    first = page.locator(".hit-title a").all_inner_texts()
    with page.expect_navigation():
        page.click("a[rel=next]")
    assert page.url.endswith("?lang=en&page=2")
    second = page.locator(".hit-title a").all_inner_texts()
    assert len(second) == 2 and not set(first) & set(second)
    page.go_back()
    assert page.url.endswith("/?lang=en")
    assert page.locator(".hit-title a").all_inner_texts() == first


def test_opening_a_release_and_its_translation(page: sync_api.Page) -> None:
    page.goto("/?q=Partnerschaft")
    with page.expect_navigation():
        page.locator(".hit-title a").first.click()
    assert page.url.endswith(f"/release/{DE_NANJING}?q=Partnerschaft")
    assert page.locator("article.release").get_attribute("lang") == "de"
    with page.expect_navigation():
        page.locator("article .also a", has_text="English").click()
    assert f"/release/{EN_NANJING}" in page.url
    assert page.locator("article.release").get_attribute("lang") == "en"


def test_switching_the_interface_to_german_sticks(page: sync_api.Page) -> None:
    page.goto("/?q=Nanjing")
    with page.expect_navigation():
        page.click(".lang-switch a[lang=de]")
    assert page.locator("html").get_attribute("lang") == "de"
    assert count(page).endswith("Pressemitteilungen für „Nanjing“")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("label[for=q]").inner_text() == "Pressemitteilungen durchsuchen"


def test_release_with_script_runs_no_script(page: sync_api.Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in (
        "/?q=product",
        "/release/xss.txt?q=product",
        "/release/link.md",
        "/api/releases/xss.txt",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", url
    assert dialogs == []
    page.goto("/release/xss.txt")
    assert page.locator(".release-title").inner_text().startswith("<script>")


def test_narrow_screen_hides_filters_behind_a_toggle(
    browser: sync_api.Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 600, "height": 900})
    try:
        tab = context.new_page()
        tab.goto("/?q=Nanjing")
        assert not tab.locator(".sidebar").is_visible()
        tab.click(".filters-toggle-label")
        assert tab.locator(".sidebar").is_visible()
    finally:
        context.close()


def test_static_assets_come_from_the_app_only(page: sync_api.Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/?q=Nanjing")
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(base_url) for url in requested)


def test_admin_rebuild_shows_progress_then_the_result(page: sync_api.Page) -> None:
    page.goto("/admin")
    page.fill("#token", ADMIN_TOKEN)
    with page.expect_navigation():
        page.click("form[action='/admin/login'] button")
    assert page.locator("#status-running").inner_text() == "idle"
    with page.expect_navigation():
        page.click("button[value=rebuild]")
    assert page.locator(".flash").first.inner_text() == "Re-index started."
    # app.js polls /admin/status and reloads the page when the run is over
    page.locator("#status-last", has_text="finished").wait_for(timeout=30_000)
    assert page.locator("#status-documents").inner_text() == "7"


def test_after_a_failed_login_deutsch_leads_to_the_german_login(page: sync_api.Page) -> None:
    page.goto("/admin")
    page.fill("#token", "wrong")
    with page.expect_navigation():
        page.click("form[action='/admin/login'] button")
    assert page.locator(".flash").first.inner_text() == "Wrong token."
    with page.expect_navigation():
        page.click(".lang-switch a[lang=de]")
    assert page.url.endswith("/admin?hl=de")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("label[for=token]").inner_text() == "Verwaltungs-Token"
