"""`releasesearch check`: the index and the archive are compared file by file.

A keeper who edits the archive by hand must be told exactly what the index no
longer reflects, and how to repair it; after the repair, check must say so.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from releasesearch.cli import main
from releasesearch.index import indexer, plan
from releasesearch.index.plan import CheckReport
from releasesearch.model import IngestError

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
NO_DICTIONARY = (
    "off: no FreeDict English-German dictionary in /nonexistent/dictd "
    "(apt-get install dict-freedict-eng-deu dict-freedict-deu-eng)"
)
NEW_RELEASE = """Harbour crane fleet renewed

ROTTERDAM, April 2, 2025 -- The port authority renewed its fleet of harbour cranes.
"""


def _cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """An archive of the five seeds plus one empty file, indexed."""
    archive, index = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    for name in SEED_FILES:
        shutil.copy(SEEDS / name, archive / name)
    (archive / "empty.txt").write_bytes(b"")
    result = _cli("index", "--archive", str(archive), "--index", str(index))
    assert result.exit_code == 0, result.output
    return archive, index


def _damage(archive: Path) -> None:
    """One stale file (new content), one orphaned (deleted), one missing (new)."""
    stale = archive / SEED_FILES[1]
    old = stale.stat()
    stale.write_text(
        stale.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8"
    )
    os.utime(stale, (old.st_atime, old.st_mtime + 10))  # a new stamp even on coarse clocks
    (archive / SEED_FILES[2]).unlink()
    (archive / "new-release.txt").write_text(NEW_RELEASE, encoding="utf-8")


def test_fresh_index_agrees_with_the_archive(dirs: tuple[Path, Path]) -> None:
    archive, index = dirs
    assert plan.check(archive, index) == CheckReport(
        missing=(),
        stale=(),
        orphaned=(),
        indexed=5,
        rejected=(IngestError("empty.txt", None, "file is empty"),),
    )
    result = _cli("check", "--archive", str(archive), "--index", str(index))
    assert result.exit_code == 0
    assert result.output == (
        "5 releases indexed\n"
        f"  cross-language search: {NO_DICTIONARY}\n"
        "  rejected: empty.txt: file is empty\nindex and archive agree\n"
    )


def test_check_names_missing_stale_and_orphaned_files(dirs: tuple[Path, Path]) -> None:
    archive, index = dirs
    _damage(archive)
    report = plan.check(archive, index)
    assert (report.missing, report.stale, report.orphaned) == (
        ("new-release.txt",),
        (SEED_FILES[1],),
        (SEED_FILES[2],),
    )
    assert report.indexed == 5
    assert not report.ok

    result = _cli("check", "--archive", str(archive), "--index", str(index))
    assert result.exit_code == 1
    assert result.output == (
        "5 releases indexed\n"
        f"  cross-language search: {NO_DICTIONARY}\n"
        "  missing: new-release.txt\n"
        f"  stale: {SEED_FILES[1]}\n"
        f"  orphaned: {SEED_FILES[2]}\n"
        "  rejected: empty.txt: file is empty\n"
        "to repair, run: releasesearch index\n"
    )
    as_json = _cli("check", "--archive", str(archive), "--index", str(index), "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.output) == {
        "ok": False,
        "indexed": 5,
        "missing": ["new-release.txt"],
        "stale": [SEED_FILES[1]],
        "orphaned": [SEED_FILES[2]],
        "rejected": [{"path": "empty.txt", "reason": "file is empty"}],
        "crosslang": {"available": False, "dictionary": "/nonexistent/dictd"},
    }


def test_index_repairs_what_check_found(dirs: tuple[Path, Path]) -> None:
    archive, index = dirs
    _damage(archive)
    repaired = _cli("index", "--archive", str(archive), "--index", str(index), "--json")
    assert repaired.exit_code == 0
    counts = json.loads(repaired.output)
    assert (counts["added"], counts["updated"], counts["removed"], counts["unchanged"]) == (
        1,
        1,
        1,
        4,
    )
    result = _cli("check", "--archive", str(archive), "--index", str(index))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "5 releases indexed"
    assert result.output.splitlines()[-1] == "index and archive agree"
    assert plan.check(archive, index).ok


def test_a_rejected_file_that_is_fixed_is_stale_then_indexed(dirs: tuple[Path, Path]) -> None:
    archive, index = dirs
    (archive / "empty.txt").write_text(NEW_RELEASE, encoding="utf-8")
    assert plan.check(archive, index).stale == ("empty.txt",)
    indexer.update(archive, index)
    report = plan.check(archive, index)
    assert report.ok and report.rejected == () and report.indexed == 6


def test_check_without_an_index_says_how_to_build_it(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    result = _cli(
        "check", "--archive", str(tmp_path / "archive"), "--index", str(tmp_path / "index")
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no index in {tmp_path / 'index'}: "
        "run `releasesearch index` to build it from the archive\n"
    )
