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
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from releasesearch.errors import IndexBusy, IndexMissing, ReleaseSearchError
from releasesearch.index import indexer, store
from releasesearch.vocab.dictionary import dictionary_status

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
        self._pending = False  # files arrived during a run: update once more when it ends

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

    def queue_update(self, *, poll: float = 1.0, patience: float = 3600.0) -> bool:
        """Index new files as soon as the index is free: now, or when the running run ends.

        Uploads call this: a file saved while a re-index runs is indexed by an
        update chained to that run (or, when another process holds the index,
        by a thread that retries every ``poll`` seconds for up to ``patience``).
        Returns True when the update started now, False when it waits.
        """
        outcome = self._start_or_chain()
        if outcome == "busy":
            waiter = threading.Thread(
                target=self._start_when_free,
                args=(poll, patience),
                name="releasesearch-reindex-wait",
                daemon=True,
            )
            waiter.start()
        return outcome == "started"

    def _start_or_chain(self) -> str:
        """ "started", "chained" (to our own run) or "busy" (another process indexes)."""
        with self._lock:
            if self._state.running:
                self._pending = True
                return "chained"
        try:
            self.start(rebuild=False)
        except IndexBusy:
            return "busy"
        return "started"

    def _start_when_free(self, poll: float, patience: float) -> None:
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            time.sleep(poll)
            if self._start_or_chain() != "busy":
                return

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
        """One run, then one update more for each time files arrived during it."""
        while True:
            report, error = self._once(rebuild)
            with self._lock:
                if not self._pending:
                    self._state = replace(
                        self._state, running=False, finished=_now(), report=report, error=error
                    )
                    return
                self._pending, rebuild = False, False
                self._state = replace(self._state, rebuild=False, done=0, total=0)

    def _once(self, rebuild: bool) -> tuple[dict[str, Any] | None, str | None]:
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
        return report, error


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
    return IndexStatus(count, last_change(index_root), locked)


def last_change(index_root: Path) -> dt.datetime | None:
    """When the live index last changed (its newest file), None before the first index."""
    folder = store.current_dir(index_root)
    mtimes = [p.stat().st_mtime for p in folder.iterdir()] if folder else []
    return dt.datetime.fromtimestamp(max(mtimes), dt.UTC) if mtimes else None


def status_json(
    index_root: Path, reindexer: Reindexer, dictionary: Path | None = None
) -> dict[str, Any]:
    """``/api/status`` and ``/admin/status``: one shape, the job nested under ``job``,
    and whether cross-language search has its dictionary under ``crosslang``."""
    found = index_status(index_root, reindexer)
    job = reindexer.state
    return {
        "documents": found.documents,
        "indexing": job.running or found.locked,
        "last_change": _iso(found.last_change),
        "job": job.as_json(),
        "crosslang": dictionary_status(dictionary).as_json(),
    }
