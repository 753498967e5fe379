"""Archive -> index: incremental updates, atomic rebuilds and the archive/index check.

Every archive file is indexed with a stamp (``mtime:size``). An update compares
the archive's stamps with the index's and touches only new, changed and removed
files; a file's old documents are deleted and its new ones added in the same
commit, so a crash at any moment leaves each file either fully old or fully new.
Work is committed in batches: a killed indexer loses at most one batch, and the
next run, seeing those files' stamps missing, does them again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex
from whoosh.query import Term
from whoosh.writing import IndexWriter

from releasesearch import schema as F
from releasesearch import store
from releasesearch.archive import FileStat, read_archive_file, read_mapping, scan_archive
from releasesearch.enrich import enrich
from releasesearch.enrich.language import detect_language
from releasesearch.enrich.places import gazetteer
from releasesearch.errors import ParseError
from releasesearch.model import EnrichedRelease, IngestError
from releasesearch.pairing import PairRegistry
from releasesearch.parse import parse_file

Progress = Callable[[int, int], None]
BATCH_FILES = 1000  # files per commit: a killed indexer redoes at most this many
WRITER_MB = 256  # Whoosh's in-memory posting pool before it spills to disk
PARALLEL_MIN_FILES = 200  # below this, worker start-up costs more than it saves
PARALLEL_WORKERS = 2
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one index run did; the CLI prints it and the admin page shows it."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    releases: int = 0  # documents written (a batch file yields many)
    errors: tuple[IngestError, ...] = ()
    rebuilt: bool = False
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "releases": self.releases,
            "rebuilt": self.rebuilt,
            "seconds": round(self.seconds, 3),
            "errors": [{"path": e.path, "row": e.row, "reason": e.reason} for e in self.errors],
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """How the index differs from the archive; empty tuples mean they agree."""

    missing: tuple[str, ...]  # archive files with no documents in the index
    stale: tuple[str, ...]  # files changed since they were indexed
    orphaned: tuple[str, ...]  # indexed files no longer in the archive
    indexed: int  # documents in the index
    rejected: tuple[IngestError, ...] = ()  # files that yield no release, and why

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "indexed": self.indexed,
            "missing": list(self.missing),
            "stale": list(self.stale),
            "orphaned": list(self.orphaned),
            "rejected": [{"path": e.path, "reason": e.reason} for e in self.rejected],
        }


@dataclass(slots=True)
class _Plan:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def stamp_of(stat: FileStat) -> str:
    return f"{stat.mtime:.6f}:{stat.size}"


def _folder(ix: FileIndex) -> Path:
    return Path(ix.storage.folder)


def indexed_stamps(ix: FileIndex) -> dict[str, str]:
    """path -> stamp of every file the index has seen, read from columns (no stored documents).

    Files that yielded no release are remembered with their stamp too, so they are
    read again only when they change.
    """
    out = {path: entry["stamp"] for path, entry in store.read_rejected(_folder(ix)).items()}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return out
        paths = reader.column_reader(F.PATH)
        stamps = reader.column_reader(F.STAMP)
        for docnum in reader.all_doc_ids():
            out[paths[docnum]] = stamps[docnum]
    return out


def _plan(archive: dict[str, FileStat], indexed: dict[str, str]) -> _Plan:
    plan = _Plan()
    for path, stat in archive.items():
        old = indexed.get(path)
        if old is None:
            plan.added.append(path)
        elif old != stamp_of(stat):
            plan.updated.append(path)
        else:
            plan.unchanged += 1
    plan.removed = sorted(set(indexed) - set(archive))
    return plan


def load_file(
    archive_root: Path, path: str, max_bytes: int
) -> tuple[list[EnrichedRelease], list[IngestError]]:
    """Read, parse and enrich one archive file; every failure becomes an IngestError."""
    try:
        file = read_archive_file(archive_root, path, max_bytes=max_bytes)
        releases, errors = parse_file(file, mapping=read_mapping(archive_root, path))
    except ParseError as exc:
        return [], [IngestError(path, None, exc.message)]
    return [enrich(r) for r in releases], list(errors)


def _write_file(
    writer: IndexWriter, items: list[EnrichedRelease], stamp: str, pairs: PairRegistry
) -> int:
    for item in items:
        writer.add_document(**F.to_document(item, stamp=stamp, pair=pairs.assign(item)))
    return len(items)


def _batches(paths: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(paths), size):
        yield paths[start : start + size]


WORKER_NICENESS = 5  # parsing yields the CPU to searches served from the same machine


def _init_worker() -> None:
    """Workers die with the indexer (a killed indexer must not leave them running)
    and run at lower priority than the web workers answering searches."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: workers still exit when the pool's pipe closes
    os.nice(WORKER_NICENESS)


PR_SET_PDEATHSIG = 1


def _warm_up() -> None:
    """Load the gazetteer and the language model before forking workers.

    Each costs about a second to load; loaded in the parent, the workers inherit
    them (copy-on-write) instead of each loading its own.
    """
    gazetteer()
    detect_language("warm up")


def _load_task(task: tuple[Path, str, int]) -> tuple[str, list[EnrichedRelease], list[IngestError]]:
    root, path, max_bytes = task
    items, errors = load_file(root, path, max_bytes)
    return path, items, errors


class _Loader:
    """Reads, parses and enriches files; in worker processes when there are many.

    Parsing and enrichment are pure Python and about half the cost of indexing;
    run in other processes they overlap with Whoosh's posting writer in this one.
    Each worker loads the gazetteer and language model once, so small updates
    stay in-process.
    """

    def __init__(self, root: Path, max_bytes: int, files: int) -> None:
        self.root, self.max_bytes = root, max_bytes
        workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
        self.pool = None
        if files >= PARALLEL_MIN_FILES and workers > 1:
            _warm_up()  # loaded once here, shared by the forked workers
            self.pool = multiprocessing.get_context("fork").Pool(
                workers, initializer=_init_worker
            )

    def load(
        self, paths: list[str]
    ) -> Iterator[tuple[str, list[EnrichedRelease], list[IngestError]]]:
        tasks = [(self.root, p, self.max_bytes) for p in paths]
        if self.pool is None:
            return map(_load_task, tasks)
        return self.pool.imap(_load_task, tasks, chunksize=8)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _write_batch(
    ix: FileIndex,
    batch: list[str],
    archive: dict[str, FileStat],
    loader: _Loader,
    pairs: PairRegistry,
    tally: _Tally,
) -> dict[str, dict[str, str] | None]:
    """Delete and re-add one batch of files in one commit; returns their rejections."""
    rejected: dict[str, dict[str, str] | None] = {path: None for path in batch}
    present = [p for p in batch if p in archive]
    writer = ix.writer(limitmb=WRITER_MB, compound=False)
    try:
        for path in batch:
            writer.delete_by_term(F.PATH, path)
        for path, items, errs in loader.load(present):
            tally.errors.extend(errs)
            stamp = stamp_of(archive[path])
            tally.written += _write_file(writer, items, stamp, pairs)
            if not items:
                reason = "; ".join(e.reason for e in errs) or "no release found"
                rejected[path] = {"stamp": stamp, "reason": reason}
            tally.step()
        tally.done += len(batch) - len(present)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=True)
    return rejected


@dataclass(slots=True)
class _Tally:
    total: int
    progress: Progress | None
    written: int = 0
    done: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def step(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _apply(
    ix: FileIndex,
    archive_root: Path,
    archive: dict[str, FileStat],
    plan: _Plan,
    *,
    max_bytes: int,
    progress: Progress | None,
    fresh: bool = False,
) -> tuple[int, list[IngestError]]:
    """Write the plan in committed batches; returns (documents written, errors).

    A fresh generation (a rebuild) is written in one batch: nobody reads it
    before it is published, and a failed rebuild is discarded whole, so batch
    commits would buy no safety and cost a merge each.
    """
    pairs = PairRegistry(None if fresh else ix)
    rejected = {} if fresh else store.read_rejected(_folder(ix))
    todo = plan.removed + plan.added + plan.updated
    tally = _Tally(total=len(todo), progress=progress)
    loader = _Loader(archive_root, max_bytes, len(todo) - len(plan.removed))
    try:
        for batch in _batches(todo, max(len(todo), 1) if fresh else BATCH_FILES):
            for path, entry in _write_batch(ix, batch, archive, loader, pairs, tally).items():
                if entry is None:
                    rejected.pop(path, None)
                else:
                    rejected[path] = entry
            store.write_rejected(_folder(ix), rejected)
            pairs.refresh()
    finally:
        loader.close()
        pairs.close()
    if progress:
        progress(tally.total, tally.total)
    return tally.written, tally.errors


def update(
    archive_root: Path,
    index_root: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index up to date with the archive: new, changed and removed files only.

    :raises IndexBusy: when another process is indexing.
    """
    started = time.perf_counter()
    with store.writer_lock(index_root):
        if store.current_dir(index_root) is None:
            folder, _ = store.new_generation(index_root)
            store.publish(index_root, folder)
        ix = store.open_index(index_root)
        archive = scan_archive(archive_root)
        plan = _plan(archive, indexed_stamps(ix))
        written, errors = _apply(
            ix, archive_root, archive, plan, max_bytes=max_bytes, progress=progress
        )
    return IndexReport(
        added=len(plan.added),
        updated=len(plan.updated),
        removed=len(plan.removed),
        unchanged=plan.unchanged,
        releases=written,
        errors=tuple(errors),
        seconds=time.perf_counter() - started,
    )


def rebuild(
    archive_root: Path,
    index_root: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> IndexReport:
    """Build a fresh index beside the live one, then switch to it atomically.

    Readers keep answering from the old index until the switch.

    :raises IndexBusy: when another process is indexing.
    """
    started = time.perf_counter()
    with store.writer_lock(index_root):
        folder, ix = store.new_generation(index_root)
        try:
            archive = scan_archive(archive_root)
            plan = _Plan(added=list(archive))
            written, errors = _apply(
                ix, archive_root, archive, plan, max_bytes=max_bytes, progress=progress, fresh=True
            )
        except BaseException:
            ix.close()
            store.discard(folder)
            raise
        ix.close()
        store.publish(index_root, folder)
    return IndexReport(
        added=len(archive),
        releases=written,
        errors=tuple(errors),
        rebuilt=True,
        seconds=time.perf_counter() - started,
    )


def check(archive_root: Path, index_root: Path) -> CheckReport:
    """Compare the index with the archive without changing either.

    :raises IndexMissing: when no index was built yet.
    """
    ix = store.open_index(index_root)
    try:
        indexed = indexed_stamps(ix)
        count = ix.doc_count()
        rejected = store.read_rejected(_folder(ix))
    finally:
        ix.close()
    archive = scan_archive(archive_root)
    plan = _plan(archive, indexed)
    return CheckReport(
        missing=tuple(plan.added),
        stale=tuple(plan.updated),
        orphaned=tuple(plan.removed),
        indexed=count,
        rejected=tuple(
            IngestError(path, None, entry["reason"])
            for path, entry in sorted(rejected.items())
            if path in archive
        ),
    )


def documents_for_path(ix: FileIndex, path: str) -> list[dict[str, Any]]:
    """Stored fields of every document of one archive file (tests and `check` use it)."""
    with ix.searcher() as searcher:
        return [dict(hit) for hit in searcher.search(Term(F.PATH, path), limit=None)]
