"""Archive -> index: incremental updates and atomic rebuilds.

An update touches only new, changed and removed files (:mod:`.plan`); a file's old documents are deleted and its new ones added in the same
commit, so a crash at any moment leaves each file either fully old or fully new.
Work is committed in batches: a killed indexer loses at most one batch, and the
next run, seeing those files' stamps missing, does them again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.codec.base import Segment
from whoosh.index import FileIndex
from whoosh.query import Term
from whoosh.util import fib
from whoosh.writing import SegmentWriter

from releasesearch.archive import DEFAULT_MAX_BYTES, FileStat, scan_archive
from releasesearch.index import schema as F
from releasesearch.index import store
from releasesearch.index.plan import Plan, indexed_stamps, make_plan, stamp_of
from releasesearch.model import IngestError

if TYPE_CHECKING:  # imported when there is work: parsing, enrichment and numpy cost 0.3 s
    from releasesearch.index.pairing import PairRegistry
    from releasesearch.index.pool import Loaded, Loader
    from releasesearch.index.segment import ArrayWriter

Progress = Callable[[int, int], None]
# Called after each commit that wrote a new segment (a batch, or a merge of
# small segments), with the index and that segment: what is derived per
# segment, such as posting arrays for a query engine, is built here.
ON_SEGMENT: list[Callable[[FileIndex, Segment], None]] = []
BATCH_FILES = 1000  # files per commit: a killed indexer redoes at most this many
# Files per segment of a rebuild: the array writer holds a segment's postings in
# memory (about 20 KB per release), so 100,000 releases make 5 segments.
REBUILD_BATCH_FILES = 20_000
WRITER_MB = 256  # Whoosh's in-memory posting pool before it spills to disk


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


def _write_file(writer: ArrayWriter, items: list[Loaded], stamp: str, pairs: PairRegistry) -> int:
    for item, analysed in items:
        pair, reason = pairs.assign(item)
        doc = F.to_document(item, stamp=stamp, pair=pair, reason=reason)
        doc.update(analysed)  # text fields analysed by the worker replace their strings
        writer.add_document(**doc)
    return len(items)


def _commit(writer: ArrayWriter, ix: FileIndex) -> None:
    """Commit the batch as a new segment, then tell :data:`ON_SEGMENT` about it.

    No merge here: the new documents are searchable as soon as this returns, and
    small segments are merged afterwards (:func:`_merge_small`).
    """
    writer.commit(merge=False)
    _announce(ix, writer)


def _announce(ix: FileIndex, writer: SegmentWriter) -> None:
    """Call :data:`ON_SEGMENT` with the segment ``writer`` committed, if it wrote one."""
    if not ON_SEGMENT:
        return
    written = writer.newsegment.segment_id()
    for segment in ix._segments():
        if segment.segment_id() == written:
            for hook in ON_SEGMENT:
                hook(ix, segment)


def _merge_small(ix: FileIndex) -> None:
    """Merge small segments (Whoosh's own policy) once the new ones are committed.

    Nothing is committed when the policy would merge nothing: a commit makes
    every reader refresh.
    """
    if not _would_merge([s.doc_count_all() for s in ix._segments()]):
        return
    writer = ix.writer(limitmb=WRITER_MB, compound=False)
    writer.commit(merge=True)
    _announce(ix, writer)  # the merged segment replaces the ones it was made of


def _pack(ix: FileIndex) -> None:
    """Write the posting packs of segments committed just now (and drop merged-away
    ones), so a reader never has to convert a segment itself."""
    from releasesearch.index import postings  # numpy: only when there is work

    with ix.reader() as reader:
        postings.ensure_packs(store.folder_of(ix), reader)


def _would_merge(counts: list[int]) -> bool:
    """Whether Whoosh's ``MERGE_SMALL`` finds segments to merge among these sizes."""
    total = 0
    for i, count in enumerate(sorted(counts)):
        total += max(count, 0)
        if i > 3 and total < fib(i + 5):
            return True
    return False


def _batches(paths: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(paths), size):
        yield paths[start : start + size]


def _write_batch(
    ix: FileIndex,
    batch: list[str],
    archive: dict[str, FileStat],
    loader: Loader,
    pairs: PairRegistry,
    tally: _Tally,
) -> dict[str, dict[str, str] | None]:
    """Delete and re-add one batch of files in one commit; returns their rejections."""
    from releasesearch.index.segment import ArrayWriter

    rejected: dict[str, dict[str, str] | None] = {path: None for path in batch}
    present = [p for p in batch if p in archive]
    writer = ArrayWriter(ix, limitmb=WRITER_MB, compound=False)
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
    _commit(writer, ix)
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
    plan: Plan,
    *,
    max_bytes: int,
    progress: Progress | None,
    fresh: bool = False,
) -> tuple[int, list[IngestError]]:
    """Write the plan in committed batches; returns (documents written, errors).

    Every batch is a new segment, committed without merging; an update then
    merges small segments. A fresh generation (a rebuild) is written in batches
    of :data:`REBUILD_BATCH_FILES` and not merged: nobody reads it before it is
    published, and a failed rebuild is discarded whole, so its batches are
    there only to bound the writer's memory (a segment's postings are sorted
    in memory), not for safety.
    """
    if not (plan.added or plan.updated or plan.removed):
        if progress:
            progress(0, 0)
        return 0, []  # nothing to do: nothing loaded, nothing committed
    from releasesearch.index.pairing import PairRegistry
    from releasesearch.index.pool import Loader

    pairs = PairRegistry(None if fresh else ix)
    rejected = {} if fresh else store.read_rejected(store.folder_of(ix))
    todo = plan.removed + plan.added + plan.updated
    tally = _Tally(total=len(todo), progress=progress)
    loader = Loader(archive_root, max_bytes, len(todo) - len(plan.removed), ix.schema)
    try:
        for batch in _batches(todo, REBUILD_BATCH_FILES if fresh else BATCH_FILES):
            for path, entry in _write_batch(ix, batch, archive, loader, pairs, tally).items():
                if entry is None:
                    rejected.pop(path, None)
                else:
                    rejected[path] = entry
            store.write_rejected(store.folder_of(ix), rejected)
            _pack(ix)
            pairs.refresh()
        if not fresh:
            _merge_small(ix)
            _pack(ix)
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

    An index built with an older sector list is rebuilt instead (:func:`store.outdated`).

    :raises IndexBusy: when another process is indexing.
    """
    if store.outdated(index_root):
        return rebuild(archive_root, index_root, max_bytes=max_bytes, progress=progress)
    started = time.perf_counter()
    with store.writer_lock(index_root):
        if store.current_dir(index_root) is None:
            folder, _ = store.new_generation(index_root)
            store.publish(index_root, folder)
        ix = store.open_index(index_root)
        archive = scan_archive(archive_root)
        plan = make_plan(archive, indexed_stamps(ix))
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
            plan = Plan(added=list(archive))
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


def documents_for_path(ix: FileIndex, path: str) -> list[dict[str, Any]]:
    """Stored fields of every document of one archive file (tests and `check` use it)."""
    with ix.searcher() as searcher:
        return [dict(hit) for hit in searcher.search(Term(F.PATH, path), limit=None)]
