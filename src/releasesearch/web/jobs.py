"""Re-indexing in a background thread, one run at a time, with visible progress.

The web process must keep answering searches while it indexes, so the run goes
to a thread; the search service keeps its old searcher until the indexer has
committed. The file lock in :mod:`releasesearch.index.store` still decides who may
write: the in-process flag only lets a second click answer 409 immediately
instead of starting a thread that would fail.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from releasesearch.errors import IndexBusy, IndexMissing, ReleaseSearchError
from releasesearch.index import indexer, store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobState:
    """A snapshot of the current or last run, safe to hand to a template or JSON."""

    running: bool = False
    rebuild: bool = False
    done: int = 0
    total: int = 0
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    report: dict[str, Any] | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "running": self.running,
            "rebuild": self.rebuild,
            "done": self.done,
            "total": self.total,
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "report": self.report,
            "error": self.error,
        }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Reindexer:
    """Starts index runs in a thread and remembers how the last one went."""

    def __init__(self, archive_root: Path, index_root: Path, *, max_bytes: int) -> None:
        self.archive_root = archive_root
        self.index_root = index_root
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._state = JobState()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> JobState:
        with self._lock:
            return self._state

    def busy(self) -> bool:
        """Probing the lock takes it for an instant, so never probe while our own run starts."""
        return self.state.running or store.is_locked(self.index_root)

    def start(self, *, rebuild: bool) -> None:
        """Start a run. :raises IndexBusy: when one runs here or in another process."""
        with self._lock:
            if self._state.running or store.is_locked(self.index_root):
                raise IndexBusy("A re-index is already running; try again when it has finished.")
            self._state = JobState(running=True, rebuild=rebuild, started=_now())
            self._thread = threading.Thread(
                target=self._run, args=(rebuild,), name="releasesearch-reindex", daemon=True
            )
            self._thread.start()

    def wait(self, timeout: float | None = None) -> JobState:
        """Block until the current run ends (tests and the CLI use it)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.state

    def _progress(self, done: int, total: int) -> None:
        with self._lock:
            self._state = replace(self._state, done=done, total=total)

    def _run(self, rebuild: bool) -> None:
        run = indexer.rebuild if rebuild else indexer.update
        report: dict[str, Any] | None = None
        error: str | None = None
        try:
            report = run(
                self.archive_root,
                self.index_root,
                max_bytes=self.max_bytes,
                progress=self._progress,
            ).as_json()
        except ReleaseSearchError as exc:
            error = exc.message
        except Exception as exc:  # a thread has no caller: log it and show it on the page
            log.exception("re-index failed")
            error = f"internal error: {type(exc).__name__}"
        with self._lock:
            self._state = replace(
                self._state, running=False, finished=_now(), report=report, error=error
            )


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """What the index holds now, read from disk (the admin page and /api/status show it)."""

    documents: int | None  # None: no index yet
    last_change: dt.datetime | None
    locked: bool


def index_status(index_root: Path, reindexer: Reindexer | None = None) -> IndexStatus:
    """Documents, last change and whether someone indexes.

    ``store.is_locked`` probes by taking the lock for an instant, which would make
    our own run fail if it started at that moment; with ``reindexer`` given, a run
    of this process answers "locked" without a probe.
    """
    locked = reindexer.busy() if reindexer is not None else store.is_locked(index_root)
    try:
        ix = store.open_index(index_root)
    except IndexMissing:
        return IndexStatus(None, None, locked)
    try:
        count = ix.doc_count()
    finally:
        ix.close()
    folder = store.current_dir(index_root)
    mtimes = [p.stat().st_mtime for p in folder.iterdir()] if folder else []
    changed = dt.datetime.fromtimestamp(max(mtimes), dt.UTC) if mtimes else None
    return IndexStatus(count, changed, locked)
