"""One writer at a time, readers never blocked.

The writer lock is a kernel ``flock``, so these tests use real processes: one
holds the lock (or really indexes) while this process tries to write, or keeps
searching and watches the new documents arrive.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generated_archive import write_archive
from releasesearch.cli import main
from releasesearch.errors import IndexBusy
from releasesearch.index import indexer, store
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CLI = "from releasesearch.cli import main; main()"
HOLD = """
import sys
from pathlib import Path
from releasesearch.index.store import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()  # hold the lock until the test closes our stdin
"""


def busy_message(pid: int) -> str:
    return f"a re-index is already running (process {pid}); try again when it has finished"


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, Path]:
    archive, index = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, archive / seed.name)
    indexer.update(archive, index)
    return archive, index


@pytest.fixture
def lock_holder(seeded: tuple[Path, Path]) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the writer lock until the test ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(seeded[1])],
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline() == "locked\n"
    yield proc
    proc.stdin.close()
    assert proc.wait(timeout=10) == 0
    proc.stdout.close()


def test_a_second_writer_is_refused_at_once(
    seeded: tuple[Path, Path], lock_holder: subprocess.Popen[str]
) -> None:
    archive, index = seeded
    for run in (indexer.update, indexer.rebuild):
        started = time.perf_counter()
        with pytest.raises(IndexBusy) as caught:
            run(archive, index)
        # Refused after the lock's short patience, not queued behind the holder.
        assert time.perf_counter() - started < store.LOCK_PATIENCE + 1.0
        assert caught.value.message == busy_message(lock_holder.pid)
        assert caught.value.status == 409
    assert store.is_locked(index)
    assert [p.name for p in index.iterdir() if p.name.startswith("gen-")] == ["gen-000001"]


def test_cli_reports_a_busy_index_in_one_line(
    seeded: tuple[Path, Path], lock_holder: subprocess.Popen[str]
) -> None:
    archive, index = seeded
    result = CliRunner().invoke(
        main, ["index", "--archive", str(archive), "--index", str(index)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.output == f"Error: {busy_message(lock_holder.pid)}\n"

    real = subprocess.run(
        [
            sys.executable,
            "-c",
            CLI,
            "index",
            "--rebuild",
            "--archive",
            str(archive),
            "--index",
            str(index),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (real.returncode, real.stdout) == (1, "")
    assert real.stderr == f"Error: {busy_message(lock_holder.pid)}\n"


def test_the_lock_is_free_again_when_the_holder_exits(seeded: tuple[Path, Path]) -> None:
    archive, index = seeded
    holder = subprocess.run(
        [sys.executable, "-c", HOLD, str(index)],
        input="",
        text=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert holder.stdout == "locked\n"
    assert not store.is_locked(index)
    assert indexer.update(archive, index).unchanged == 5


def _search_while_running(
    service: SearchService, proc: subprocess.Popen[bytes], index: Path
) -> tuple[int, float]:
    """Search until ``proc`` ends; returns (searches done while it held the lock, slowest)."""
    lock = index / store.LOCK
    deadline = time.monotonic() + 120
    while lock.read_text().strip() != str(proc.pid):  # the indexer has the lock
        assert proc.poll() is None and time.monotonic() < deadline, "indexer never started"
        time.sleep(0.01)
    during, slowest = 0, 0.0
    while proc.poll() is None:
        assert time.monotonic() < deadline
        started = time.perf_counter()
        result = service.search(SearchRequest(q="Nanjing"))
        slowest = max(slowest, time.perf_counter() - started)
        assert result.total >= 1
        during += 1
        time.sleep(0.05)  # leave the indexer its share of the two cores
    return during, slowest


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_readers_keep_answering_during_indexing_and_see_the_commit(
    seeded: tuple[Path, Path], rebuild: bool
) -> None:
    archive, index = seeded
    write_archive(archive, 400)
    service = SearchService(index)
    try:
        assert service.doc_count() == 5
        command = [
            sys.executable,
            "-c",
            CLI,
            "index",
            "--archive",
            str(archive),
            "--index",
            str(index),
            "--json",
            *(["--rebuild"] if rebuild else []),
        ]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        during, slowest = _search_while_running(service, proc, index)
        assert proc.wait() == 0
        assert during >= 3  # answered while the indexer held the lock: never blocked
        assert slowest < 5.0
        assert service.doc_count() == 405  # the same service sees the commit
        found = service.search(SearchRequest(q="release 399 test archive"))
        assert "batch001/release-00399.txt" in {hit.id for hit in found.hits}
    finally:
        service.close()
