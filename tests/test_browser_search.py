"""The search page's features and the review's visual defects, in a real headless Chromium.

An archive of the seed releases plus generated ones in fourteen cities (so a
city facet has more values than it shows at once), two wires, an identical copy
of one release, and one release with a long path. Same browser setup as
``test_browser.py``: Debian's chromium, never a downloaded one.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ADMIN_TOKEN, SEEDS, build_index
from releasesearch import create_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
from werkzeug.serving import make_server

from test_browser import CHROMIUM_ARGS

MUNICH = "2867714"
CHANGZHOU = "004_fdc124adaf6433fa.txt"
EN_NANJING = "000_1155c7d4176d89c5.txt"
LONG_PATH = "press/2026/berlin-senatsverwaltung-wirtschaftsfoerderung-pressemitteilung.txt"
CITIES = (
    ("Hamburg", "Germany"),
    ("Cologne", "Germany"),
    ("Dresden", "Germany"),
    ("Leipzig", "Germany"),
    ("Hanover", "Germany"),
    ("Bremen", "Germany"),
    ("Dortmund", "Germany"),
    ("Essen", "Germany"),
    ("Mannheim", "Germany"),
    ("Karlsruhe", "Germany"),
    ("Augsburg", "Germany"),
    ("Wiesbaden", "Germany"),
    ("Kiel", "Germany"),
    ("Rostock", "Germany"),
)


def _generated() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for i, (city, country) in enumerate(CITIES):
        wire = "Business Wire" if i % 2 else "GLOBE NEWSWIRE"
        for n in range(3):
            files[f"gen/{city.lower()}-{n}.txt"] = (
                f"{city} opens innovation office number {n + 1}\n\n"
                f"{city.upper()}, {country}, May {n + 4}, 2026 ({wire}) -- The city of {city} "
                f"opened innovation office number {n + 1} for start-ups in {city} today.\n"
            )
    for n in range(215):  # more issuers than the source facet lists
        files[f"issuers/{n:03d}.txt"] = (
            f"Quarterly report number {n}\n\nThe company reports steady results.\n\n"
            f"Source: Issuer {n:03d} Holdings\n"
        )
    files["mirror/changzhou.txt"] = (SEEDS / CHANGZHOU).read_bytes()
    files[LONG_PATH] = (
        "Berliner Wirtschaftsförderung eröffnet Büro\n\n"
        "BERLIN, 4. Mai 2026 -- Die Senatsverwaltung eröffnet ein Büro für Gründerinnen.\n"
    )
    return files


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files: dict[str, str | bytes] = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    files.update(_generated())
    built = build_index(tmp_path_factory.mktemp("browser-search"), files)
    app = create_app(built.config(page_size=10, search_rate=0))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)
    app.extensions["releasesearch"].close()


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _context(
    browser: sync_api.Browser, base_url: str, width: int = 1280, **options: object
) -> sync_api.BrowserContext:
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, locale="en-GB", **options
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    context = _context(browser, base_url)
    yield context.new_page()
    context.close()


def text(page: sync_api.Page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("hl", ["en", "de"])
def test_phone_pages_fit_the_screen(
    browser: sync_api.Browser, base_url: str, width: int, hl: str
) -> None:
    context = _context(browser, base_url, width)
    try:
        tab = context.new_page()
        for url in (f"/?hl={hl}", f"/?q=innovation&hl={hl}", f"/release/{LONG_PATH}?hl={hl}"):
            tab.goto(url)
            assert tab.evaluate("document.documentElement.scrollWidth") == width, url
            switch = tab.locator(".lang-switch").bounding_box()
            assert switch is not None and switch["x"] + switch["width"] <= width, url
            # the site's name (its text, which may overflow its box) ends before the switch
            brand_end = tab.evaluate(BRAND_TEXT_END)
            assert brand_end < switch["x"], (url, brand_end, switch["x"])
    finally:
        context.close()


BRAND_TEXT_END = """() => {
  const name = [...document.querySelectorAll('.brand span')]
    .find(e => getComputedStyle(e).display !== 'none');
  const range = document.createRange();
  range.selectNodeContents(name);
  return range.getBoundingClientRect().right;
}"""


def test_below_360_px_the_switch_says_en_and_de(browser: sync_api.Browser, base_url: str) -> None:
    context = _context(browser, base_url, 320)
    try:
        tab = context.new_page()
        tab.goto("/?hl=de")
        switch = tab.locator(".lang-switch")

        def shown(selector: str) -> list[str]:
            return [
                e.inner_text()
                for e in switch.locator(selector).all()
                if (box := e.bounding_box()) is not None and box["width"] > 1
            ]

        assert (shown(".lang-code"), shown(".lang-name")) == (["EN", "DE"], [])
        # screen readers still hear the names: the codes are hidden from them
        assert switch.locator(".lang-name").all_text_contents() == ["English", "Deutsch"]
        assert switch.locator(".lang-code").first.get_attribute("aria-hidden") == "true"
        tab.set_viewport_size({"width": 390, "height": 900})
        assert (shown(".lang-code"), shown(".lang-name")) == ([], ["English", "Deutsch"])
    finally:
        context.close()


def test_the_filters_toggle_says_hide_when_open(browser: sync_api.Browser, base_url: str) -> None:
    context = _context(browser, base_url, 390)
    try:
        tab = context.new_page()
        tab.goto(f"/?city={MUNICH}&from=2020-01-01")
        label = tab.locator(".filters-toggle-label")
        assert " ".join(label.inner_text().split()) == "Show filters (2)"
        label.click()
        assert tab.locator(".sidebar").is_visible()
        assert " ".join(label.inner_text().split()) == "Hide filters (2)"
        label.click()
        assert not tab.locator(".sidebar").is_visible()
    finally:
        context.close()


def test_archive_paths_wrap_only_after_separators(browser: sync_api.Browser, base_url: str) -> None:
    context = _context(browser, base_url, 390)
    try:
        tab = context.new_page()
        tab.goto(f"/release/{LONG_PATH}")
        # the character before each line break of the path must be a separator
        breaks = tab.evaluate(
            """() => {
              const link = document.querySelector('td.path a');
              const chars = [];
              const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                for (let i = 0; i < node.length; i++) {
                  const range = document.createRange();
                  range.setStart(node, i); range.setEnd(node, i + 1);
                  chars.push([node.data[i], range.getBoundingClientRect().top]);
                }
              }
              const out = [];
              for (let i = 1; i < chars.length; i++) {
                if (chars[i][1] > chars[i - 1][1] + 2) { out.push(chars[i - 1][0]); }
              }
              return out;
            }"""
        )
        assert breaks and set(breaks) <= {"/", "-", "_", "."}, breaks
    finally:
        context.close()


def test_typing_suggests_a_city_and_choosing_it_filters(page: sync_api.Page) -> None:
    page.goto("/")
    page.locator("#q").press_sequentially("Hamb", delay=30)
    first = page.locator("#q-suggestions [role=option]").first
    first.wait_for()
    parts = [first.locator(f".{part}").text_content() for part in ("kind", "label", "count")]
    assert parts == ["City", "Hamburg", "3"]
    page.keyboard.press("ArrowDown")
    assert page.locator("#q").get_attribute("aria-activedescendant") == "q-suggestion-0"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/?city=2911298")
    assert page.locator("#q").input_value() == ""
    assert text(page, "#result-count") == "3 releases"
    assert text(page, ".chips a.chip") == "Hamburg ×"


def test_a_title_suggestion_opens_the_release(page: sync_api.Page) -> None:
    page.goto("/")
    page.locator("#q").press_sequentially("Jiangsu", delay=20)
    option = page.locator("#q-suggestions .suggestion-title").first
    option.wait_for()
    with page.expect_navigation():
        option.click()
    assert page.url.endswith(f"/release/{CHANGZHOU}")


def test_escape_closes_suggestions_and_enter_searches_the_words(page: sync_api.Page) -> None:
    page.goto("/")
    page.locator("#q").press_sequentially("innovation", delay=20)
    page.locator("#q-suggestions [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#q-suggestions").is_hidden()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/?q=innovation")


def test_munich_can_be_ticked_from_the_home_page(page: sync_api.Page) -> None:
    page.goto("/")
    city = page.locator(".facet-city")
    assert city.locator("ul.facet-values").first.locator("li").count() == 12
    assert city.locator(".facet-link", has_text="Munich").is_hidden()
    box = city.locator(".facet-filter")
    box.fill("mün")
    assert city.locator(".facet-value:visible .facet-link").all_inner_texts() == ["Munich"]
    with page.expect_navigation():
        city.locator(f"input[value='{MUNICH}']").check()
    assert page.url.endswith(f"/?city={MUNICH}")
    assert text(page, "#result-count") == "2 releases"


def test_more_values_open_without_javascript(browser: sync_api.Browser, base_url: str) -> None:
    context = _context(browser, base_url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/")
        city = tab.locator(".facet-city")
        assert city.locator(".facet-filter").is_hidden()
        summary = city.locator(".facet-more summary")
        assert summary.inner_text() == "11 more"
        summary.click()
        with tab.expect_navigation():
            city.locator(".facet-link", has_text="Munich").click()
        assert tab.url.endswith(f"/?city={MUNICH}")
        tab.locator("#q").fill("Stuttgart")
        with tab.expect_navigation():
            tab.locator(".query-box button").click()
        assert " ".join(tab.locator("#result-count").inner_text().split()) == (
            "0 releases for “Stuttgart”"
        )
    finally:
        context.close()


def test_results_per_page_and_which_ones_are_shown(page: sync_api.Page) -> None:
    page.goto("/?q=innovation")
    assert text(page, "#result-count") == "46 releases for “innovation”"
    assert text(page, "#result-range") == "1–10 of 46"
    with page.expect_navigation():
        page.select_option("#page_size", "20")
    assert page.url.endswith("/?q=innovation&page_size=20")
    assert page.locator(".hit").count() == 20
    with page.expect_navigation():
        page.click("a[rel=next]")
    assert text(page, "#result-range") == "21–40 of 46"
    assert text(page, ".pagination .current") == "2"


def test_a_page_past_the_last_marks_the_last(page: sync_api.Page) -> None:
    page.goto("/?q=innovation&page=9")
    assert text(page, ".pagination .current") == "5"
    assert text(page, "#result-range") == "41–46 of 46"
    assert page.locator(".empty").count() == 0


def test_the_wire_is_a_facet(page: sync_api.Page) -> None:
    page.goto("/?q=innovation")
    wires = page.locator(".facet-wire .facet-link").all_inner_texts()
    assert wires == ["GlobeNewswire", "Business Wire"]
    with page.expect_navigation():
        page.locator(".facet-wire input[value='Business Wire']").check()
    assert text(page, "#result-count") == "21 releases for “innovation”"


def test_an_empty_result_names_its_filters_and_clears_them_in_one_click(
    page: sync_api.Page,
) -> None:
    page.goto(f"/?q=Hamburg&city={MUNICH}&from=2026-01-01")
    assert text(page, ".empty-message") == "No release matches with these filters:"
    assert [" ".join(c.split()) for c in page.locator(".empty .chip").all_inner_texts()] == [
        "Munich ×",
        "from 1 January 2026 ×",
        "Clear all",
    ]
    with page.expect_navigation():
        page.click(".clear-filters")
    assert page.url.endswith("/?q=Hamburg")
    assert text(page, "#result-count") == "3 releases for “Hamburg”"


def test_a_date_range_becomes_a_chip(page: sync_api.Page) -> None:
    page.goto("/?q=innovation")
    page.fill("#from", "2026-05-05")
    with page.expect_navigation():
        page.click("button.apply")
    assert page.url.endswith("/?q=innovation&from=2026-05-05")
    assert text(page, ".chips a.chip") == "from 5 May 2026 ×"
    assert text(page, "#result-count") == "28 releases for “innovation”"


def test_an_identical_copy_is_one_hit_with_both_files(page: sync_api.Page) -> None:
    page.goto("/?q=Jiangsu")
    assert text(page, "#result-count") == "1 release for “Jiangsu”"
    with page.expect_navigation():
        page.locator(".hit-title a").click()
    assert page.locator("td.path a").all_inner_texts() == [CHANGZHOU, "mirror/changzhou.txt"]


def test_more_like_this_starts_with_the_same_city(page: sync_api.Page) -> None:
    page.goto("/release/gen/kiel-0.txt")
    related = page.locator(".related a").all_inner_texts()
    assert related[:2] == [
        "Kiel opens innovation office number 2",
        "Kiel opens innovation office number 3",
    ]


def test_the_filter_box_finds_values_the_page_does_not_list(page: sync_api.Page) -> None:
    page.goto("/?q=report")
    source = page.locator(".facet-source")
    assert source.locator(".facet-link", has_text="Issuer 214 Holdings").count() == 0
    source.locator(".facet-filter").fill("issuer 214")
    found = source.locator(".facet-found .facet-link")
    found.first.wait_for()
    assert found.all_inner_texts() == ["Issuer 214 Holdings"]
    with page.expect_navigation():
        source.locator(".facet-found input[type=checkbox]").click()
    assert page.url.endswith("/?q=report&source=Issuer+214+Holdings")
    assert text(page, "#result-count") == "1 release for “report”"


def test_typing_suggests_sectors_and_wires_in_the_interface_language(
    page: sync_api.Page,
) -> None:
    page.goto("/?hl=de")
    page.locator("#q").press_sequentially("Energ", delay=30)
    first = page.locator("#q-suggestions [role=option]").first
    first.wait_for()
    parts = [first.locator(f".{part}").text_content() for part in ("kind", "label", "count")]
    assert parts == ["Branche", "Energie & Klima", "1"]
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially("Busin", delay=30)
    wire = page.locator("#q-suggestions [role=option]", has_text="Business Wire")
    wire.wait_for()
    assert wire.locator(".kind").text_content() == "Verteiler"
    with page.expect_navigation():
        wire.click()
    assert page.url.endswith("/?wire=Business+Wire")
    assert text(page, "#result-count") == "21 Pressemitteilungen"


def test_more_like_this_of_a_german_release_lists_only_the_alike(page: sync_api.Page) -> None:
    # German words find only German releases: the English ones about Nanjing and
    # Germany come through its translation's words and the same cities and sector,
    # and releases about nothing it is about are not listed to fill five places
    page.goto("/release/001_08a2519bc6076cba.txt?hl=de")
    assert page.locator(".related a").all_inner_texts() == [
        "Chen Zhichang Leads Nanjing Delegation on a Study Visit to Germany",
        "Shenzhen’s Nanshan Gathers Efforts for New Progress in China-Germany Cooperation",
        "The Jiangsu-Germany Dialogue 2025 was successfully held in Changzhou from Sept. 12 to 13",
    ]


def test_a_file_uploaded_during_a_rebuild_is_found_when_the_rebuild_ends(
    page: sync_api.Page, tmp_path: Path
) -> None:
    upload = tmp_path / "zebrafish.txt"
    upload.write_text(
        "Zebrafish laboratory opens\n\nA laboratory for zebrafish research opened today.\n",
        encoding="utf-8",
    )
    page.goto("/admin")
    page.fill("#token", ADMIN_TOKEN)
    with page.expect_navigation():
        page.click("form[action='/admin/login'] button")
    with page.expect_navigation():
        page.click("button[value=rebuild]")
    page.set_input_files("#file", str(upload))
    with page.expect_navigation():
        page.click("form[action='/admin/upload'] button")
    assert page.locator(".flash").first.inner_text() in (
        "Saved uploads/zebrafish.txt; a re-index is running, the file is indexed when it has finished.",
        "Saved uploads/zebrafish.txt; indexing it now.",  # the rebuild was over already
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # nobody presses "Update index"
        if page.request.get("/api/search?q=zebrafish").json()["total"] == 1:
            break
        time.sleep(0.2)
    page.goto("/?q=zebrafish")
    assert page.locator(".hit-title a").all_inner_texts() == ["Zebrafish laboratory opens"]
