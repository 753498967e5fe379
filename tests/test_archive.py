"""Listing and reading archive files: cheap scans, safe reads, clear reasons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from releasesearch.archive import (
    SUPPORTED_SUFFIXES,
    FileStat,
    iter_archive,
    read_archive_file,
    read_mapping,
    scan_archive,
)
from releasesearch.errors import ParseError
from releasesearch.model import ArchiveFile, IngestError

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _write(root: Path, rel: str, data: bytes = b"text") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".csv",
        ".jsonl",
        ".ndjson",
    }


def test_scan_lists_supported_files_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    names = [
        "b.txt",
        "a/UPPER.HTML",
        "a/z.md",
        "data.csv",
        "data.mapping.json",
        "x.jsonl",
        "notes.pdf",
        "SOURCE.md",
        "a/README.txt",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/c.md",
        "y.NDJSON",
    ]
    for rel in names:
        _write(tmp_path, rel)
    outside = _write(tmp_path.parent / f"{tmp_path.name}-outside", "secret.txt")
    (tmp_path / "link-out.txt").symlink_to(outside)
    (tmp_path / "link-in.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    found = scan_archive(tmp_path)
    assert list(found) == [
        "a/UPPER.HTML",
        "a/z.md",
        "b.txt",
        "data.csv",
        "link-in.txt",
        "x.jsonl",
        "y.NDJSON",
    ]
    stat = os.stat(tmp_path / "b.txt")
    assert found["b.txt"] == FileStat(mtime=stat.st_mtime, size=4)


def test_scan_of_the_seeds() -> None:
    found = scan_archive(SEEDS)
    assert list(found) == [
        "000_1155c7d4176d89c5.txt",
        "001_08a2519bc6076cba.txt",
        "002_2b7d03b8d94b1048.txt",
        "003_228523de1d0d3c93.txt",
        "004_fdc124adaf6433fa.txt",
    ]
    assert found["000_1155c7d4176d89c5.txt"].size == 2989


def test_read_returns_bytes_and_stat(tmp_path: Path) -> None:
    path = _write(tmp_path, "sub/r.txt", "Köln".encode())
    file = read_archive_file(tmp_path, "sub/r.txt", max_bytes=100)
    mtime = path.stat().st_mtime
    assert file == ArchiveFile(path="sub/r.txt", data="Köln".encode(), mtime=mtime, size=5)


def test_over_size_is_refused_before_reading(tmp_path: Path) -> None:
    _write(tmp_path, "big.txt", b"x" * 5000)
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, "big.txt", max_bytes=1000)
    assert info.value.message == "file is 5,000 bytes, over the 1,000 bytes limit"


def test_over_size_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 52 MB written
        fh.truncate(int(52.4 * 1024 * 1024))
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, "huge.txt", max_bytes=10 * 1024 * 1024)
    assert info.value.message == "file is 52.4 MB, over the 10 MB limit"


@pytest.mark.parametrize("rel", ["../outside.txt", "/etc/passwd", "a/../../x.txt", ""])
def test_paths_escaping_the_root_are_refused(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, rel, max_bytes=100)
    assert info.value.message == f"path escapes the archive: {rel}"


def test_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = _write(tmp_path.parent / f"{tmp_path.name}-out", "s.txt")
    (tmp_path / "l.txt").symlink_to(outside)
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, "l.txt", max_bytes=100)
    assert info.value.message == "path escapes the archive: l.txt"


def test_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, "gone.txt", max_bytes=100)
    assert info.value.message == "file vanished before it could be read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    _write(tmp_path, "locked.txt").chmod(0)
    with pytest.raises(ParseError) as info:
        read_archive_file(tmp_path, "locked.txt", max_bytes=100)
    assert info.value.message == "cannot read file: Permission denied"


def test_iter_archive_yields_files_and_errors(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", b"small")
    _write(tmp_path, "b.txt", b"x" * 50)
    items = list(iter_archive(tmp_path, max_bytes=10))
    assert items[0] == ArchiveFile("a.txt", b"small", (tmp_path / "a.txt").stat().st_mtime, 5)
    assert items[1] == IngestError("b.txt", None, "file is 50 bytes, over the 10 bytes limit")


def test_read_mapping(tmp_path: Path) -> None:
    _write(tmp_path, "p/police.mapping.json", '{"Überschrift": "title"}'.encode())
    assert read_mapping(tmp_path, "p/police.csv") == {"Überschrift": "title"}
    assert read_mapping(tmp_path, "p/other.csv") is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"{nope",
            "column mapping m.mapping.json is not valid JSON: "
            "Expecting property name enclosed in double quotes",
        ),
        (b'["title"]', 'column mapping m.mapping.json must be an object like {"Datum": "date"}'),
        (b'{"a": 1}', 'column mapping m.mapping.json must be an object like {"Datum": "date"}'),
    ],
)
def test_bad_mapping(tmp_path: Path, content: bytes, reason: str) -> None:
    _write(tmp_path, "m.mapping.json", content)
    with pytest.raises(ParseError) as info:
        read_mapping(tmp_path, "m.csv")
    assert info.value.message == reason
