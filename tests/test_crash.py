"""Crash safety: SIGKILL the indexer at random moments, then prove nothing was lost.

The indexer promises (see :mod:`releasesearch.index.indexer` and :mod:`releasesearch.index.store`)
that a killed run leaves every file either fully old or fully new, never locked,
and that a killed rebuild leaves the live index untouched. These tests hold it to
that with real processes and real kills, not mocks: a promise about crashes is
only worth what a crash shows.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from generated_archive import release_path, write_archive
from releasesearch.errors import IndexMissing
from releasesearch.index import indexer, plan, store
from releasesearch.index import schema as F
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

pytestmark = pytest.mark.slow

RELEASES = 2000
SEED = 20260304
CLI = "from releasesearch.cli import main; main()"


def _index_command(archive: Path, index: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        CLI,
        "index",
        "--archive",
        str(archive),
        "--index",
        str(index),
        "--json",
        *extra,
    ]


def run_and_kill(command: Sequence[str], delay: float, log: Path) -> bool:
    """Run ``command``; SIGKILL it after ``delay`` seconds. True if it was killed."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
    assert proc.returncode == 0, log.read_text(errors="replace")
    return False


def indexed_ids(index: Path) -> list[str]:
    """Every live document's id, duplicates kept (finding them is the point)."""
    ix = store.open_index(index)
    try:
        with ix.reader() as reader:
            if reader.doc_count() == 0:
                return []  # an empty index has no columns to read
            ids = reader.column_reader(F.ID)
            return [ids[docnum] for docnum in reader.all_doc_ids()]
    finally:
        ix.close()


def stored_bodies(index: Path, paths: Sequence[str]) -> dict[str, str]:
    ix = store.open_index(index)
    try:
        return {p: d[F.BODY] for p in paths for d in indexer.documents_for_path(ix, p)}
    finally:
        ix.close()


def assert_answers(index: Path) -> int:
    """The index opens in a fresh reader and answers a query and a browse."""
    service = SearchService(index)
    try:
        found = service.search(SearchRequest(q="energy partnership"))
        browse = service.search(SearchRequest())
        assert found.total <= browse.total
        return browse.total
    finally:
        service.close()


def assert_consistent(index: Path, allowed: set[str]) -> list[str]:
    """After a kill: no lock left, no duplicate, nothing that is not in the archive."""
    assert not store.is_locked(index)
    ids = indexed_ids(index)
    assert len(ids) == len(set(ids)), "duplicate documents after a kill"
    assert set(ids) <= allowed
    assert_answers(index)
    return ids


def kill_updates(
    archive: Path,
    index: Path,
    allowed: set[str],
    rnd: random.Random,
    kills: int,
    spread: float,
    tmp: Path,
) -> int:
    """Kill ``kills`` incremental runs at random moments; returns how many really were killed.

    Each delay is a random fraction of the time the work still pending should take
    (``spread`` is the time for the whole archive), so a kill lands while the run
    works, whatever earlier runs already committed.
    """
    killed = 0
    for attempt in range(kills):
        delay = rnd.uniform(0.1, 0.9) * spread * _pending_share(archive, index)
        was_killed = run_and_kill(_index_command(archive, index), delay, tmp / f"u{attempt}.log")
        killed += was_killed
        if store.current_dir(index) is None:
            # Killed before the first (empty) generation was published: nothing to read yet.
            assert not (index / store.CURRENT).exists()
            with pytest.raises(IndexMissing):
                SearchService(index).search(SearchRequest())
            continue
        assert_consistent(index, allowed)
    return killed


def _pending_share(archive: Path, index: Path) -> float:
    """Share of the archive an update would still have to (re)index."""
    if store.current_dir(index) is None:
        return 1.0
    report = plan.check(archive, index)
    pending = len(report.missing) + len(report.stale) + len(report.orphaned)
    return max(pending / max(report.indexed + len(report.missing), 1), 0.05)


def timed_run(command: Sequence[str], log: Path) -> float:
    """Run ``command`` to completion; its wall time sets the spread of the kill delays."""
    started = time.perf_counter()
    assert not run_and_kill(command, 600.0, log)
    return time.perf_counter() - started


def test_killed_updates_and_rebuilds_lose_nothing(tmp_path: Path) -> None:
    rnd = random.Random(SEED)
    archive, index = tmp_path / "archive", tmp_path / "index"
    ids = set(write_archive(archive, RELEASES))

    # A full build, timed: kills below are spread over this many seconds, so that
    # they land during start-up, mid-batch, in commits and near the end alike.
    build = timed_run(_index_command(archive, index), tmp_path / "build.log")
    first = indexed_ids(index)
    assert len(first) == len(set(first)) == RELEASES

    # A killed rebuild never touches the live index: same documents, still answering.
    live_before = os.readlink(index / store.CURRENT)
    rebuild_added = set(write_archive(archive, 50, start=RELEASES))
    for attempt in range(3):
        delay = rnd.uniform(0.1, 0.5) * build  # a rebuild writes in one batch: quicker
        assert run_and_kill(
            _index_command(archive, index, "--rebuild"), delay, tmp_path / f"r{attempt}.log"
        )
        assert os.readlink(index / store.CURRENT) == live_before
        assert sorted(assert_consistent(index, ids)) == sorted(first)
    report = indexer.rebuild(archive, index)
    assert report.errors == ()
    ids |= rebuild_added
    assert sorted(indexed_ids(index)) == sorted(ids)
    # Kept: the new live generation and the one readers may still have open; the
    # killed rebuilds' half-written generations are gone.
    live_after = os.readlink(index / store.CURRENT)
    gens = sorted(p.name for p in index.iterdir() if p.name.startswith("gen-"))
    assert gens == sorted({live_before, live_after})

    # From nothing again, killed over and over: each kill leaves a readable index.
    shutil.rmtree(index)
    assert kill_updates(archive, index, ids, rnd, 6, build, tmp_path) >= 2

    # Change, delete and add files, then kill updates of that: each file old or new, never both.
    changed = [release_path(n) for n in range(0, RELEASES, 10)]
    for rel in changed:
        path = archive / rel
        path.write_text(path.read_text(encoding="utf-8") + "\nRevised edition.\n", encoding="utf-8")
    deleted = [release_path(n) for n in range(5, RELEASES, 40)]
    for rel in deleted:
        (archive / rel).unlink()
    added = write_archive(archive, 100, start=RELEASES + 50)
    before = ids
    ids = (ids - set(deleted)) | set(added)
    kill_updates(archive, index, ids | before, rnd, 3, build * 0.4, tmp_path)

    assert indexer.update(archive, index).errors == ()
    final = indexed_ids(index)
    assert len(final) == len(set(final)) == len(ids) == RELEASES + 150 - len(deleted)
    assert set(final) == ids
    assert plan.check(archive, index).ok
    bodies = stored_bodies(index, changed)
    assert sorted(bodies) == sorted(changed)
    assert all(body.endswith("Revised edition.") for body in bodies.values())
