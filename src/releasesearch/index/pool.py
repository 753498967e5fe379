"""Worker processes that read, parse, enrich and analyse archive files while the writer writes.

Parsing, enrichment and text analysis are pure Python and most of the cost of
indexing; run in other processes they overlap with Whoosh's posting writer in
the indexer's, which receives each indexed text field analysed (:class:`schema.Analysed`)
and files it without a posting pool (:mod:`.segment`).
Workers are forked after the gazetteer and language model are loaded (so they
share them), die with the indexer, and run at lower priority than the web
workers answering searches on the same machine.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

from whoosh.fields import Schema

from releasesearch.enrich.language import detect_language
from releasesearch.index import schema as F
from releasesearch.index.analysed import analyse
from releasesearch.ingest import load_file
from releasesearch.model import EnrichedRelease, IngestError
from releasesearch.vocab.gazetteer import gazetteer

PARALLEL_MIN_FILES = 200  # below this, worker start-up costs more than it saves
PARALLEL_WORKERS = 2

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


Loaded = tuple[EnrichedRelease, dict[str, F.Analysed]]  # a release and its analysed text fields
LoadResult = tuple[str, list[Loaded], list[IngestError]]

_schema: Schema | None = None  # the schema workers analyse with (set before the fork)


def _load_task(task: tuple[Path, str, int]) -> LoadResult:
    root, path, max_bytes = task
    items, errors = load_file(root, path, max_bytes)
    if _schema is None:
        return path, [(item, {}) for item in items], errors
    return path, [(item, analyse(_schema, item)) for item in items], errors


class Loader:
    """Reads, parses, enriches and analyses files; in worker processes when there are many.

    Each worker loads the gazetteer and language model once, so small updates
    stay in-process. With ``schema`` (the index's own, when its text fields take
    :class:`schema.Analysed` values) each release comes with its text analysed.
    """

    def __init__(self, root: Path, max_bytes: int, files: int, schema: Schema | None) -> None:
        global _schema
        self.root, self.max_bytes = root, max_bytes
        _schema = schema if schema is not None and F.accepts_analysed(schema) else None
        workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
        self.pool = None
        if files >= PARALLEL_MIN_FILES and workers > 1:
            _warm_up()  # loaded once here, shared by the forked workers
            self.pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker)

    def load(self, paths: list[str]) -> Iterator[LoadResult]:
        tasks = [(self.root, p, self.max_bytes) for p in paths]
        if self.pool is None:
            return map(_load_task, tasks)
        return self.pool.imap(_load_task, tasks, chunksize=8)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
