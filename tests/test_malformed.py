"""Bad input, tried for real: a corpus of broken files indexed next to good ones.

Every file is written at test time (nothing big is committed): empty and binary
files, broken encodings, a 50 MB file, HTML nested 100,000 deep, broken CSV and
JSON Lines, impossible dates, giant words, invisible characters and NUL bytes.
The indexer must name each problem with a reason a keeper can act on, and lose
no good release (nor any good row of a batch file) because of its neighbours.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from releasesearch.cli import main
from releasesearch.index import indexer, store
from releasesearch.index import schema as F
from releasesearch.index.indexer import IndexReport
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

HUGE_BYTES = 50 * 1024 * 1024


def png_bytes() -> bytes:
    """A real 1x1 PNG: signature, IHDR, IDAT and IEND chunks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


GOOD_TEXT = """Kestrel Robotics opens heliostat factory

HAMBURG, March 3, 2025 -- Kestrel Robotics today opened a heliostat factory in Hamburg.

The plant will build 4,000 mirrors a year for solar towers.
"""
GOOD_MARKDOWN = """---
title: Marmalade exporters form a cooperative
date: 2024-11-05
---

LONDON, November 5, 2024 -- Twelve marmalade exporters formed a cooperative today.

They will share one warehouse near the port.
"""
GOOD_HTML = """<!doctype html><html lang="en"><head><title>Orchard</title></head>
<body><h1>Orchard cooperative plants pear trees</h1>
<p>VIENNA, May 2, 2024 -- The orchard cooperative planted 3,000 pear trees.</p>
<p>Harvest is expected in three years.</p></body></html>
"""
LATIN1 = (
    "Neue Straßenbahn für das Glockenbachviertel\n\n"
    "MÜNCHEN, 4. März 2025 -- Die Straßenbahn fährt ab März öfter ins Glockenbachviertel. "
    "Bürgermeisterin Müller eröffnete die Haltestelle.\n"
)
TRUNCATED = (
    "Quittengelee aus der Eifel\n\n"
    "KÖLN, 3. Februar 2025 -- Eine Manufaktur kocht Quittengelee nach altem Rezept. Grüße aus Köln"
)
CSV = (
    "title,date,text\n"
    "Walnut harvest doubles,2024-10-01,Growers report a record walnut harvest.\n"
    '"Broken quoting row,2024-10-02,This cell opens a quote it never closes.\n'
    "Chestnut market reopens,2024-10-03,The chestnut market reopened after repairs.\n"
)
JSONL_GOOD_1 = {
    "id": "j1",
    "title": "Lantern festival returns",
    "text": "The lantern festival returns to the old harbour.",
    "date": "2024-09-01",
}
JSONL_GOOD_2 = {
    "id": "j2",
    "title": "Ferry timetable extended",
    "text": "The ferry now also sails on Sundays.",
    "date": "2024-09-02",
}
JSONL_LINES = [
    json.dumps(JSONL_GOOD_1),
    '{"id": "j-bad", "title": "no closing brace"',
    "[1, 2, 3]",
    '"just a string"',
    '{"id": "j-empty", "title": "", "text": "   "}',
    "[" * 100_000 + "]" * 100_000,
    json.dumps(JSONL_GOOD_2),
]


def write_corpus(root: Path) -> None:
    """The bad files and the good ones, side by side in one archive."""
    files: dict[str, bytes] = {
        "good/heliostat.txt": GOOD_TEXT.encode(),
        "good/marmalade.md": GOOD_MARKDOWN.encode(),
        "good/orchard.html": GOOD_HTML.encode(),
        "enc/latin1.txt": LATIN1.encode("latin-1"),
        "enc/truncated.txt": (TRUNCATED + "ö").encode()[:-1],
        "enc/utf16.txt": "Gingerbread bakery expands\n\nNUREMBERG, 1 December 2024 -- "
        "The gingerbread bakery doubles its ovens.\n".encode("utf-16"),
        "bad/empty.txt": b"",
        "bad/blank.md": b"  \n\n\t\n",
        "bad/photo.txt": png_bytes(),
        "bad/logo.png": png_bytes(),
        "bad/nul-head.txt": b"Title\x00\x00\x00 with NUL bytes near the start\n",
        "odd/nul-late.txt": (
            (
                "Tidal turbine enters service\n\nBREST, 2 June 2024 -- " + "A tidal turbine " * 100
            ).encode()
            + b"\x00"
            + b" delivers power to the grid.\n"
        ),
        "odd/nested.html": b"<html><body>"
        + b"<div>" * 100_000
        + b"<p>A lighthouse keeper retires after forty years.</p>",
        "odd/longword.txt": (
            "Glacier observatory opens\n\nZURICH, 7 July 2024 -- The glacier observatory opened. "
            + "x" * 10_000
            + " It measures ice every hour.\n"
        ).encode(),
        "odd/invisible.txt": (
            "Zusam\u200bmen\u200darbeit mit Partnern\n\n"
            "BERLIN, 8. Mai 2024 -- Die Zusam\u200bmen\u2060arbeit beginnt. "
            "\u202eEin umgekehrter Satz.\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627\n"
        ).encode(),
        "dates/ancient.txt": b"date 0001-01-01\nAncient date marker\n\n"
        b"ROME, 1 January 0001 -- An amphora museum opens its doors.\n",
        "dates/feb31.txt": "Datum ohne Tag\n\nBERLIN, 31.02.2025 -- Ein Zinnfigurenmuseum öffnet."
        "\n".encode(),
        "dates/far-future.txt": b"date 9999-12-31\nFar future\n\n"
        b"PARIS, December 31, 9999 -- A time capsule vault opens to visitors.\n",
        "batch/broken.csv": CSV.encode(),
        "batch/rows.jsonl": "\n".join(JSONL_LINES).encode() + b"\n",
    }
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    with (root / "bad/huge.txt").open("wb") as handle:  # sparse: instant, no disk used
        handle.truncate(HUGE_BYTES)


EXPECTED_ERRORS: list[dict[str, Any]] = [
    {"path": "bad/blank.md", "row": None, "reason": "file is empty"},
    {"path": "bad/empty.txt", "row": None, "reason": "file is empty"},
    {"path": "bad/huge.txt", "row": None, "reason": "file is 50 MB, over the 10 MB limit"},
    {"path": "bad/nul-head.txt", "row": None, "reason": "file is binary (NUL bytes), not text"},
    {"path": "bad/photo.txt", "row": None, "reason": "file is binary (NUL bytes), not text"},
    {
        "path": "batch/broken.csv",
        "row": "line 3",
        "reason": "row has 1 fields, the header has 3 (broken quoting?)",
    },
    {
        "path": "batch/rows.jsonl",
        "row": "line 2",
        "reason": "invalid JSON: Expecting ',' delimiter",
    },
    {"path": "batch/rows.jsonl", "row": "line 3", "reason": "line is not a JSON object"},
    {"path": "batch/rows.jsonl", "row": "line 4", "reason": "line is not a JSON object"},
    {"path": "batch/rows.jsonl", "row": "line 6", "reason": "invalid JSON: nested too deeply"},
    {"path": "batch/rows.jsonl", "row": "j-empty", "reason": "row has no text"},
]
INDEXED = {
    "batch/broken.csv#1": "walnut",
    "batch/broken.csv#2": "chestnut",
    "batch/rows.jsonl#j1": "lantern",
    "batch/rows.jsonl#j2": "ferry",
    "dates/ancient.txt": "amphora",
    "dates/far-future.txt": "capsule",
    "dates/feb31.txt": "Zinnfigurenmuseum",
    "enc/latin1.txt": "Glockenbachviertel",
    "enc/truncated.txt": "Quittengelee",
    "enc/utf16.txt": "gingerbread",
    "good/heliostat.txt": "heliostat",
    "good/marmalade.md": "marmalade",
    "good/orchard.html": "orchard",
    "odd/invisible.txt": "Zusammenarbeit",
    "odd/longword.txt": "glacier",
    "odd/nested.html": "lighthouse",
    "odd/nul-late.txt": "turbine",
}


def _sorted(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(errors, key=lambda e: (e["path"] or "", e["row"] or ""))


def _bytes_read() -> int:
    """Bytes this process has read through read(2) so far (Linux ``/proc/self/io``)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, IndexReport, int]:
    """The corpus indexed once: (archive, index, report, bytes read while indexing)."""
    root = tmp_path_factory.mktemp("malformed")
    archive, index = root / "archive", root / "index"
    write_corpus(archive)
    # Warm up first: the language model, word lists and gazetteer are read once per process.
    warm = root / "warm"
    (warm / "archive").mkdir(parents=True)
    (warm / "archive" / "a.txt").write_text(GOOD_TEXT + LATIN1, encoding="utf-8")
    indexer.update(warm / "archive", warm / "index")
    before = _bytes_read()
    report = indexer.update(archive, index)
    return archive, index, report, _bytes_read() - before


def _stored(index: Path) -> dict[str, dict[str, object]]:
    ix = store.open_index(index)
    try:
        with ix.searcher() as searcher:
            return {doc[F.ID]: doc for doc in searcher.all_stored_fields()}
    finally:
        ix.close()


def test_each_problem_is_reported_with_its_reason(
    indexed: tuple[Path, Path, IndexReport, int],
) -> None:
    _, _, report, _ = indexed
    assert _sorted(report.as_json()["errors"]) == _sorted(EXPECTED_ERRORS)


def test_the_huge_file_is_refused_before_it_is_read(
    indexed: tuple[Path, Path, IndexReport, int],
) -> None:
    _, _, _, bytes_read = indexed
    # The whole corpus but the huge file is under 2 MB; reading the huge one would
    # have cost at least the 10 MB limit.
    assert bytes_read < 8 * 1024 * 1024


def test_every_good_release_and_row_is_indexed_and_findable(
    indexed: tuple[Path, Path, IndexReport, int],
) -> None:
    _, index, report, _ = indexed
    assert sorted(_stored(index)) == sorted(INDEXED)
    assert report.releases == len(INDEXED)
    service = SearchService(index)
    try:
        for release_id, word in INDEXED.items():
            found = service.search(SearchRequest(q=word, page_size=50))
            assert release_id in {hit.id for hit in found.hits}, word
    finally:
        service.close()


def test_impossible_dates_are_not_invented(
    indexed: tuple[Path, Path, IndexReport, int],
) -> None:
    _, index, _, _ = indexed
    docs = _stored(index)
    for release_id in ("dates/ancient.txt", "dates/feb31.txt", "dates/far-future.txt"):
        assert docs[release_id].get(F.DATE) is None, release_id
    assert docs["good/heliostat.txt"][F.DATE] == dt.datetime(2025, 3, 3)


def test_text_is_cleaned_not_rejected(indexed: tuple[Path, Path, IndexReport, int]) -> None:
    _, index, _, _ = indexed
    docs = _stored(index)
    invisible = str(docs["odd/invisible.txt"][F.BODY])
    assert "Die Zusammenarbeit beginnt." in invisible
    assert not {"\u200b", "\u200d", "\u2060", "\u202e", "\u202c"} & set(invisible)
    assert "\u05e9\u05dc\u05d5\u05dd" in invisible  # right-to-left text itself is kept
    longword = str(docs["odd/longword.txt"][F.BODY])
    assert " " + "x" * 200 + " It measures ice every hour." in longword
    assert "x" * 201 not in longword
    assert "\x00" not in str(docs["odd/nul-late.txt"][F.BODY])
    assert str(docs["enc/latin1.txt"][F.TITLE]) == "Neue Straßenbahn für das Glockenbachviertel"
    assert str(docs["enc/truncated.txt"][F.BODY]).endswith("Grüße aus Köln")


def test_cli_index_json_prints_the_errors(tmp_path: Path) -> None:
    archive, index = tmp_path / "archive", tmp_path / "index"
    write_corpus(archive)
    result = CliRunner().invoke(
        main,
        ["index", "--archive", str(archive), "--index", str(index), "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert _sorted(printed["errors"]) == _sorted(EXPECTED_ERRORS)
    assert printed["releases"] == len(INDEXED)
    assert printed["added"] == 20  # every supported file; logo.png is no release file
