"""CSV and JSON Lines batches: column names, mappings, row keys, broken rows."""

from __future__ import annotations

from pathlib import Path

from releasesearch.archive import read_mapping
from releasesearch.model import ArchiveFile, Declared, IngestError, Release, Tag
from releasesearch.parse import parse_file
from releasesearch.parse.tabular import sniff_delimiter

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def _parse(rel: str) -> tuple[list[Release], list[IngestError]]:
    data = (FIXTURES / rel).read_bytes()
    file = ArchiveFile(path=rel, data=data, mtime=0.0, size=len(data))
    return parse_file(file, mapping=read_mapping(FIXTURES, rel))


def _batch(text: str, path: str = "b.csv") -> tuple[list[Release], list[IngestError]]:
    data = text.encode()
    return parse_file(ArchiveFile(path=path, data=data, mtime=0.0, size=len(data)))


def test_police_csv_with_mapping_semicolons_and_a_broken_quote() -> None:
    releases, errors = _parse("batch/polizei.csv")
    assert [r.id for r in releases] == ["batch/polizei.csv#1500001", "batch/polizei.csv#1500003"]
    first, third = releases
    assert first.row == "1500001"
    assert first.format == "csv"
    assert first.title == "Fahrraddiebe festgenommen"
    assert first.body == (
        "Nr. 0412\nZivilkräfte nahmen gestern Abend in Mitte zwei Männer fest; "
        "sie hatten zuvor drei Fahrräder gestohlen."
    )
    assert first.url == "https://example.org/polizei/pressemitteilung.1500001.php"
    assert first.declared == Declared(date="05.03.2026 10:15 Uhr", cities=("Mitte",))
    assert third.body == (
        "Nr. 0420\nEine Straßenbahn und ein Auto stießen heute früh zusammen.\n\n"
        "Die Fahrerin wurde leicht verletzt."
    )
    assert third.declared.cities == ("Friedrichshain-Kreuzberg",)
    assert errors == [
        IngestError(
            "batch/polizei.csv", "line 4", "row has 1 fields, the header has 5 (broken quoting?)"
        ),
        IngestError("batch/polizei.csv", "1500004", "row has no text"),
    ]


def test_jsonl_with_invalid_lines() -> None:
    releases, errors = _parse("batch/releases.jsonl")
    assert len(releases) == 2
    first, second = releases
    assert first == Release(
        id="batch/releases.jsonl#nw-1",
        path="batch/releases.jsonl",
        row="nw-1",
        title="Xplain Data named IDC Innovator",
        body=(
            "Munich, August 28, 2024 – Xplain Data GmbH has been named IDC Innovator.\n\n"
            "The report highlights three vendors."
        ),
        format="jsonl",
        declared=Declared(
            date="2024-08-28",
            language="en",
            cities=("Munich",),
            tags=(Tag("ai", "AI"), Tag("industrial-ai", "Industrial AI")),
        ),
        url="https://example.org/news/xplain",
    )
    assert second.title == "SuperReturn returns to Berlin"
    assert second.declared.sectors == ("Finance", "Events")
    assert errors == [
        IngestError("batch/releases.jsonl", "line 4", "invalid JSON: Expecting ',' delimiter"),
        IngestError("batch/releases.jsonl", "line 5", "line is not a JSON object"),
        IngestError("batch/releases.jsonl", "nw-4", "row has no text"),
    ]


def test_row_keys_fall_back_from_id_to_url_to_row_number() -> None:
    text = "id,title,url\n7,A,https://e.org/a\n7,B,https://e.org/b\n"
    assert [r.row for r in _batch(text)[0]] == ["a", "b"]  # ids repeat: URL tails
    text = "title,url\nA,https://e.org/x\nB,https://e.org/x\nC,\n"
    assert [r.id for r in _batch(text)[0]] == ["b.csv#1", "b.csv#2", "b.csv#3"]


def test_title_only_row_and_body_only_row() -> None:
    releases, errors = _batch(
        "headline\tcontent\tort\n"
        "Nur Titel\t\tOrt: Spandau\n"
        "\tHAMBURG, 1. Mai 2026 -- Der Hafen wächst. Mehr Schiffe.\tHamburg; Altona\n"
    )
    assert errors == []
    assert [(r.title, r.body) for r in releases] == [
        ("Nur Titel", ""),
        ("Der Hafen wächst", "HAMBURG, 1. Mai 2026 -- Der Hafen wächst. Mehr Schiffe."),
    ]
    assert [r.declared.cities for r in releases] == [("Spandau",), ("Hamburg", "Altona")]


def test_file_without_title_or_text_column() -> None:
    assert _batch("name,amount\nx,1\n") == (
        [],
        [
            IngestError(
                "b.csv",
                None,
                "no title or text column among name, amount; "
                "name them in a .mapping.json beside the file",
            )
        ],
    )


def test_mapping_with_unknown_field_is_reported() -> None:
    data = b"Kopf\nWert\n"
    result = parse_file(ArchiveFile("m.csv", data, 0.0, 4), mapping={"Kopf": "headline2"})
    assert result == (
        [],
        [
            IngestError(
                "m.csv",
                None,
                "column mapping names unknown field 'headline2' (known: "
                "title, date, text, city, sector, language, url, id, source, tags, "
                "translation_of)",
            )
        ],
    )


def test_sniff_delimiter() -> None:
    assert sniff_delimiter("a;b;c\n") == ";"
    assert sniff_delimiter("a\tb\n") == "\t"
    assert sniff_delimiter("a,b;c\n") == ","
    assert sniff_delimiter("title\n") == ","


def test_trailing_delimiters_and_crlf() -> None:
    releases, errors = _batch("title,text,\r\nA,Body a,\r\nB,Body b,\r\n")
    assert errors == []
    assert [(r.title, r.body) for r in releases] == [("A", "Body a"), ("B", "Body b")]


def test_unclosed_quote_at_the_end_keeps_earlier_rows() -> None:
    releases, errors = _batch('title,text\nA,fine\nB,"never closed\nC,lost\n')
    assert [r.title for r in releases] == ["A", "C"]
    assert errors == [IngestError("b.csv", "line 3", "row has a quote that is never closed")]


def test_ndjson_values_of_every_type() -> None:
    text = '{"title": "T", "text": null, "tags": "x, y", "lang": 1, "city": ["Bonn", "Köln"]}\n'
    [release], errors = _batch(text, "n.ndjson")
    assert errors == []
    assert release.format == "jsonl"
    assert release.declared == Declared(
        language="1", cities=("Bonn, Köln",), tags=(Tag("x", "x"), Tag("y", "y"))
    )


def test_deeply_nested_json_line_is_an_error() -> None:
    text = "[" * 100_000 + "\n" + '{"title": "ok"}\n'
    releases, errors = _batch(text, "d.jsonl")
    assert [r.title for r in releases] == ["ok"]
    assert errors == [IngestError("d.jsonl", "line 1", "invalid JSON: nested too deeply")]
