"""Markdown releases: Newsworthy files (footer, about, contact) and front matter."""

from __future__ import annotations

from pathlib import Path

from releasesearch.model import ArchiveFile, Declared, IngestError, Release, Tag
from releasesearch.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def _parse(rel: str) -> Release:
    data = (FIXTURES / rel).read_bytes()
    releases, errors = parse_file(ArchiveFile(path=rel, data=data, mtime=0.0, size=len(data)))
    assert errors == []
    return releases[0]


def _md(text: str, path: str = "r.md") -> tuple[list[Release], list[IngestError]]:
    data = text.encode()
    return parse_file(ArchiveFile(path=path, data=data, mtime=0.0, size=len(data)))


def test_newsworthy_release_with_about_and_contact() -> None:
    release = _parse("newsworthy/xplain-data-munich.md")
    assert release.format == "markdown"
    assert release.title == (
        "Munich-based deep tech Start-up Xplain Data named IDC Innovator for Industrial AI "
        "Applications and Solutions, 2024"
    )
    assert release.url == (
        "https://newsdirect.com/news/munich-based-deep-tech-start-up-xplain-data-named-idc-"
        "innovator-for-industrial-ai-applications-and-solutions-2024-525713798"
    )
    assert release.body.startswith(
        "Munich, August 28, 2024 (ThriveNewsWire) – Xplain Data GmbH, a pioneer in Causal AI,"
    )
    assert release.body.endswith(
        "Full Report (Paywall): https://www.idc.com/getdoc.jsp?containerId=EUR252446124"
    )
    assert release.body.count("\n\n") == 7
    assert release.about.startswith("About Xplain Data\n\nXplain Data is a Munich-based")
    assert release.about.endswith("trademarks of International Data Group, Inc.")
    assert release.about.count("\n\n") == 3
    assert release.contact == "Xplain Data\nMonika Roy\nMonika.Roy@xplain-data.com"
    assert release.declared == Declared()
    footers = ("newsramp", "Pickup", "View source version", "Reddit", "Blockchain Registration")
    for footer in footers:
        assert footer not in release.body + release.about + release.contact


def test_glued_paragraphs_of_flattened_html_are_split() -> None:
    release = _parse("newsworthy/superreturn-berlin.md")
    assert release.title == (
        "Private capital's most senior gathering returns to Berlin for SuperReturn "
        "International, June 4-7"
    )
    paragraphs = release.body.split("\n\n")
    assert paragraphs[0] == (
        "BERLIN, GERMANY, March 25, 2024 /24-7PressRelease/ -- SuperReturn, the world's leading "
        "private equity and venture capital conference series, will be hosting its annual "
        "SuperReturn International conference at the InterContinental Hotel in Berlin, "
        "June 4-7, 2024."
    )
    assert paragraphs[3] == "Other speakers include:"
    assert paragraphs[4].split("\n")[:2] == [
        "• Mohammed Alardhi, Executive Chairman of Investcorp",
        "• Katie Koch, CEO at TCW Group",
    ]
    assert paragraphs[6].startswith('"Each year, SuperReturn International proves itself')
    assert len(paragraphs) == 9
    assert paragraphs[-1] == (
        "Sponsors of this year's event include Investcorp, UBS, Deloitte, Goodwin and "
        "Bain & Company."
    )
    assert release.about.startswith("About SuperReturn International SuperReturn International is")
    assert release.contact == ""
    assert release.url == (
        "https://www.24-7pressrelease.com/press-release/509488/private-capitals-most-senior-"
        "gathering-returns-to-berlin-for-superreturn-international-june-4-7"
    )


def test_markdown_syntax_is_removed() -> None:
    text = (
        "# The **Big** [Launch](https://x.example)\n\n"
        "![logo](https://x.example/logo.png)\n\n"
        "--News Direct--\n\n"
        "HAMBURG, March 5, 2026 -- We *launch* a `tool` with __bold__ and ~~old~~ words "
        "&amp; more.\n"
        "Second line with <b>html</b> and \\*escaped\\*.\n\n"
        "## Highlights\n\n"
        "* first point\n"
        "- second [point](https://y.example)\n"
        "1. numbered\n\n"
        "> quoted text\n\n"
        "| City | Count |\n|------|------:|\n| Berlin | 3 |\n\n"
        "***\n\n"
        "About Example GmbH\n\nExample GmbH makes things.\n\n"
        "**Media Contact:** Jane Doe, jane@example.com\n"
    )
    [release], errors = _md(text)
    assert errors == []
    assert release.title == "The Big Launch"
    assert release.body == (
        "HAMBURG, March 5, 2026 -- We launch a tool with bold and old words & more.\n"
        "Second line with html and *escaped*.\n\n"
        "Highlights\n\n"
        "- first point\n- second point\n1. numbered\n\n"
        "quoted text\n\n"
        "City | Count\nBerlin | 3"
    )
    assert release.declared.wire == "News Direct"
    assert release.about == "About Example GmbH\n\nExample GmbH makes things."
    assert release.contact == "Jane Doe, jane@example.com"


def test_front_matter_fills_declared_fields() -> None:
    text = (
        "---\n"
        'title: "Neue Halle in Köln"\n'
        "date: 2026-03-05\n"
        "language: de\n"
        "city: Köln\n"
        "sector: Energy, Trade fairs\n"
        "tags: Messe, Neubau\n"
        "source: Messe Köln GmbH\n"
        "url: https://example.org/halle\n"
        "---\n\n"
        "KÖLN, 5. März 2026 – Die Messe baut eine neue Halle.\n"
    )
    [release], _ = _md(text, "halle.de.md")
    assert release.title == "Neue Halle in Köln"
    assert release.body == "KÖLN, 5. März 2026 – Die Messe baut eine neue Halle."
    assert release.url == "https://example.org/halle"
    assert release.declared == Declared(
        date="2026-03-05",
        language="de",
        cities=("Köln",),
        sectors=("Energy", "Trade fairs"),
        tags=(Tag("messe", "Messe"), Tag("neubau", "Neubau")),
        source="Messe Köln GmbH",
        pair_key="halle",
    )


def test_front_matter_block_lists() -> None:
    text = (
        "---\ntags:\n  - Berlin Police\n  - Mitte\ncities: [Berlin, Potsdam]\n---\nBody text here."
    )
    [release], _ = _md(text)
    assert release.declared.tags == (Tag("berlin-police", "Berlin Police"), Tag("mitte", "Mitte"))
    assert release.declared.cities == ("Berlin", "Potsdam")
    assert release.title == "Body text here"


def test_heading_less_file_gets_a_title_from_its_text() -> None:
    text = "SHANGHAI, June 1, 2025 -- A new bridge opened. It is long.\n"
    [release], _ = _md(text, "notes-en.md")
    assert release.title == "A new bridge opened"
    assert release.declared.language == "en"
    assert release.declared.pair_key == "notes"


def test_hostile_markdown_does_not_hang_or_crash() -> None:
    text = "# T\n\n" + "[" * 5000 + "x" + "](" * 5000 + "\n\n" + "*_" * 5000 + "\n\n" + "y" * 10_000
    [release], errors = _md(text)
    assert errors == []
    assert release.title == "T"
    assert max(len(word) for word in release.body.split()) <= 200
