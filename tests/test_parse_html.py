"""HTML and XHTML releases: FSFE pairs, messy pages, hostile nesting."""

from __future__ import annotations

from pathlib import Path

from releasesearch.model import ArchiveFile, Declared, IngestError, Release, Tag
from releasesearch.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
FSFE_TAGS = (
    Tag("de", "Germany"),
    Tag("pmpc", "Public Money? Public Code!"),
    Tag("public-administration", "Public Administrations"),
    Tag("event", "event"),
)


def _parse(rel: str) -> Release:
    data = (FIXTURES / rel).read_bytes()
    releases, errors = parse_file(ArchiveFile(path=rel, data=data, mtime=0.0, size=len(data)))
    assert errors == []
    return releases[0]


def _html(text: str | bytes, path: str = "p.html") -> tuple[list[Release], list[IngestError]]:
    data = text.encode() if isinstance(text, str) else text
    return parse_file(ArchiveFile(path=path, data=data, mtime=0.0, size=len(data)))


def test_fsfe_english() -> None:
    release = _parse("fsfe/news-20230119-01.en.xhtml")
    assert release.format == "html"
    assert release.title == "Municipalities need Free Software: Recording and new mailing list"
    assert release.declared == Declared(
        date="2023-01-19", language="en", tags=FSFE_TAGS, pair_key="news-20230119-01"
    )
    paragraphs = release.body.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0] == (
        "Dortmund is opening a new chapter in Free Software Governance and inspiring "
        "municipalities all over Germany. The recording of our event on 11 January 2023 is now "
        "online. Are you interested in Free Software and working in a municipal administration "
        "or in politics? Join our new mailing list to exchange information on Free Software in "
        "municipalities!"
    )
    assert paragraphs[4] == "Free Software and “Public Money? Public Code!”"
    assert paragraphs[5].endswith("on the “Public Money? Public Code!” website.")
    assert (release.about, release.contact, release.url) == ("", "", None)
    for noise in ("front-page", "community.fsfe.org", "pics.fsfe.org", "Germany\n"):
        assert noise not in release.body


def test_fsfe_german_twin_shares_the_pair_key_and_tag_keys() -> None:
    release = _parse("fsfe/news-20230119-01.de.xhtml")
    assert release.title == "Kommunen brauchen Freie Software: Mitschnitt und neue Mailingliste"
    assert release.declared.language == "de"
    assert release.declared.pair_key == "news-20230119-01"
    assert release.declared.date == "2023-01-19"
    assert [tag.key for tag in release.declared.tags] == [tag.key for tag in FSFE_TAGS]
    assert release.body.startswith("Dortmund schlägt in Sachen Freie-Software-Governance")


def test_broken_page_with_metadata_and_boilerplate() -> None:
    release = _parse("html/broken.html")
    assert release.title == "Neues Netz für Köln"
    assert release.url == "https://example.org/presse/netz-2026"
    assert release.body == (
        "KÖLN, 5. März 2026 – Die Stadtwerke bauen das Netz aus.\n\n"
        "Zweiter Absatz mit fettem Text und Tabs.\n\n"
        "Erster Punkt\n\nZweiter Punkt\n\n"
        "Text direkt im div\n\nund ein Absatz darin\n\nund danach"
    )
    assert release.about == (
        "Über die Stadtwerke Köln\n\nDie Stadtwerke versorgen die Stadt seit 1872."
    )
    assert release.contact == "Erika Mustermann, Tel. 0221 123456"
    assert release.declared == Declared(
        date="2026-03-05T09:00:00+01:00",
        language="de-DE",
        cities=("Köln",),
        sectors=("Energy",),
        tags=(Tag("energie", "Energie"), Tag("stadtwerke", "Stadtwerke"), Tag("köln", "Köln")),
    )


def test_title_falls_back_to_title_element_and_og_title() -> None:
    [page], _ = _html("<html><head><title>From Title</title></head><body><p>Text.</p></body>")
    assert (page.title, page.body) == ("From Title", "Text.")
    [page], _ = _html('<meta property="og:title" content="From OG"><p>Text.</p>')
    assert page.title == "From OG"
    [page], _ = _html("<p>BONN, 1. Mai 2026 -- Die Stadt feiert. Alle kommen.</p>", "fest_de.html")
    assert page.title == "Die Stadt feiert"
    assert (page.declared.language, page.declared.pair_key) == ("de", "fest")


def test_time_element_and_canonical_link() -> None:
    page = (
        '<html xml:lang="en"><head><link rel="canonical" href="https://e.org/a">'
        '</head><body><h1>T</h1><time datetime="2024-06-24">June 24</time><p>x</p></body></html>'
    )
    [release], _ = _html(page)
    assert release.declared.date == "2024-06-24"
    assert release.declared.language == "en"
    assert release.url == "https://e.org/a"


def test_entities_comments_scripts_and_nbsp() -> None:
    [release], _ = _html(
        "<h1>A &amp; B</h1><p>Caf&eacute;&nbsp;&#8222;Zitat&#8220;<!-- hidden --></p>"
        "<noscript>no</noscript><template><p>tpl</p></template><svg><text>svg</text></svg>"
        "<p hidden>invisible</p><form><p>form</p></form><aside>aside</aside>"
    )
    assert release.title == "A & B"
    assert release.body == "Café „Zitat“"


def test_deeply_nested_html_does_not_crash() -> None:
    [release], errors = _html("<div>" * 20_000 + "Tief verschachtelt." + "</div>" * 20_000)
    assert errors == []
    assert release.body == "Tief verschachtelt."
    assert release.title == "Tief verschachtelt"


def test_unclosed_and_mis_nested_tags() -> None:
    [release], _ = _html("<p>eins <b>zwei <i>drei</b> vier<p>fünf<li>sechs</table></span>")
    assert release.body == "eins zwei drei vier\n\nfünf\n\nsechs"


def test_page_without_text_is_an_error() -> None:
    assert _html("<html><body><script>x()</script><img src=a.png></body></html>") == (
        [],
        [IngestError("p.html", None, "page has no text")],
    )


def test_latin1_page_and_long_words() -> None:
    [release], _ = _html("<h1>Größe</h1><p>Bürger " + "y" * 10_000 + "</p>")
    assert release.title == "Größe"
    assert release.body == "Bürger " + "y" * 200
    data = "<h1>Straße</h1><p>Die Bürger äußerten sich über die Größe.</p>".encode("latin-1")
    [release], _ = _html(data)
    assert release.body == "Die Bürger äußerten sich über die Größe."
