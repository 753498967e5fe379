"""What an index run must do: the archive's stamps against the index's, and the check.

Every archive file is indexed with a stamp (``mtime:size``). Comparing the
archive's stamps with the index's gives the files to add, update and remove;
``releasesearch check`` reports the same comparison without changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex

from releasesearch.archive import FileStat, scan_archive
from releasesearch.index import schema as F
from releasesearch.index import store
from releasesearch.model import IngestError


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
class Plan:
    """Which archive files an index run adds, updates and removes."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def stamp_of(stat: FileStat) -> str:
    return f"{stat.mtime:.6f}:{stat.size}"


def indexed_stamps(ix: FileIndex) -> dict[str, str]:
    """path -> stamp of every file the index has seen, read from columns (no stored documents).

    Files that yielded no release are remembered with their stamp too, so they are
    read again only when they change.
    """
    out = {path: entry["stamp"] for path, entry in store.read_rejected(store.folder_of(ix)).items()}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return out
        paths = reader.column_reader(F.PATH)
        stamps = reader.column_reader(F.STAMP)
        for docnum in reader.all_doc_ids():
            out[paths[docnum]] = stamps[docnum]
    return out


def make_plan(archive: dict[str, FileStat], indexed: dict[str, str]) -> Plan:
    plan = Plan()
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


def check(archive_root: Path, index_root: Path) -> CheckReport:
    """Compare the index with the archive without changing either.

    :raises IndexMissing: when no index was built yet.
    """
    ix = store.open_index(index_root)
    try:
        indexed = indexed_stamps(ix)
        count = ix.doc_count()
        rejected = store.read_rejected(store.folder_of(ix))
    finally:
        ix.close()
    archive = scan_archive(archive_root)
    plan = make_plan(archive, indexed)
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
