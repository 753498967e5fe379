"""One searcher per process, refreshed when the index changes.

Opening a Whoosh searcher reads the table of contents and every segment's
metadata; doing it per request would cost more than the query. The service keeps
one searcher and its facet columns, and before each request checks (cheaply)
whether a commit or a rebuild has happened since; if so it refreshes. Whoosh
readers are not safe to share between threads, so requests take a lock: the work
is CPU-bound under the GIL anyway, and WSGI servers scale with processes.

Answers are cached per index version (a small LRU keyed by the request): the
same search asked twice, by a reader paging back or by a feed reader polling,
costs a dictionary lookup. Any commit or rebuild starts a fresh cache.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from whoosh.index import FileIndex
from whoosh.searching import Searcher

from releasesearch.errors import IndexMissing
from releasesearch.index import store
from releasesearch.model import FacetValue, ReleaseView, SearchResult
from releasesearch.search.columns import Columns, forget_segments, read_columns
from releasesearch.search.engine import Engine, forget_packs, open_engine
from releasesearch.search.releases import release_view
from releasesearch.search.request import SearchRequest
from releasesearch.search.run import facet_values, run_search
from releasesearch.search.suggest import Suggestion, suggest
from releasesearch.vocab.dictionary import Bilingual, bilingual

CACHE_SIZE = 256


class SearchService:
    """The search layer as one long-lived object (one per process)."""

    def __init__(self, index_root: Path, dictionary_dir: Path | None = None) -> None:
        self.index_root = Path(index_root)
        self.dictionary_dir = dictionary_dir
        self._lock = threading.RLock()
        self._target: str | None = None
        self._ix: FileIndex | None = None
        self._searcher: Searcher | None = None
        self._columns: Columns | None = None
        self._engine: Engine | None = None
        self._cache: OrderedDict[SearchRequest, SearchResult] = OrderedDict()

    def _current_target(self) -> str | None:
        link = self.index_root / store.CURRENT
        try:
            return os.readlink(link)
        except OSError:
            return None

    def _open(self) -> None:
        self.close()
        self._ix = store.open_index(self.index_root)
        self._target = self._current_target()
        self._searcher = self._ix.searcher()
        self._columns = None

    def _fresh(self) -> tuple[Searcher, Columns]:
        """The searcher and columns of the latest committed index."""
        if self._searcher is None or self._current_target() != self._target:
            self._open()
        assert self._searcher is not None
        if not self._searcher.up_to_date():
            if self._searcher.reader().segments() is None:
                # An empty index has Whoosh's EmptyReader, which refresh() cannot reuse
                # (TypeError); it never reports up to date either, so just reopen.
                self._open()
            else:
                self._searcher = self._searcher.refresh()
                self._columns = None
        assert self._searcher is not None
        if self._columns is None:
            self._cache.clear()
            reader = self._searcher.reader()
            self._columns = read_columns(reader)
            self._engine = open_engine(reader, store.folder_of(self._ix), self._columns.live)
            forget_segments(self._segment_ids())
            forget_packs(self._segment_ids())
        return self._searcher, self._columns

    def _segment_ids(self) -> set[str]:
        assert self._searcher is not None
        return {
            seg.segment_id()
            for leaf, _ in self._searcher.reader().leaf_readers()
            if (seg := leaf.segment()) is not None
        }

    def search(self, req: SearchRequest) -> SearchResult:
        """Answer a request from the latest committed index.

        :raises IndexMissing: when nothing was indexed yet.
        """
        with self._lock:
            searcher, columns = self._fresh()
            cached = self._cache.get(req)
            if cached is not None:
                self._cache.move_to_end(req)
                return cached
            result = run_search(searcher, columns, req, self.dictionary(), self._engine)
            self._cache[req] = result
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            return result

    def feed(self, req: SearchRequest) -> SearchResult:
        """The request's matches, newest first (the Atom feed)."""
        return self.search(replace(req, sort="newest"))

    def release(
        self, release_id: str, *, ui_language: str = "en", query: str | None = None
    ) -> ReleaseView:
        """One release with its translations and related releases.

        :raises NotFound: for an unknown id.
        """
        with self._lock:
            searcher, columns = self._fresh()
            return release_view(searcher, columns, release_id, ui_language, query)

    def facet_values(self, req: SearchRequest, name: str, typed: str) -> tuple[FacetValue, ...]:
        """One facet's values over the request's matches, narrowed to labels starting ``typed``.

        :raises NotFound: for an unknown facet; IndexMissing: before the first index.
        """
        with self._lock:
            searcher, columns = self._fresh()
            return facet_values(
                searcher, columns, req, name, typed, self.dictionary(), self._engine
            )

    def suggest(self, req: SearchRequest) -> tuple[Suggestion, ...]:
        """Completions of what was typed so far (``req.q``), from the index.

        :raises IndexMissing: when nothing was indexed yet.
        """
        with self._lock:
            searcher, columns = self._fresh()
            return suggest(searcher, columns, req)

    def dictionary(self) -> Bilingual | None:
        """The dictionary for cross-language search; None when none is configured or installed."""
        return bilingual(self.dictionary_dir) if self.dictionary_dir else None

    def doc_count(self) -> int:
        with self._lock:
            try:
                searcher, _ = self._fresh()
            except IndexMissing:
                return 0
            return int(searcher.doc_count())

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            if self._ix is not None:
                self._ix.close()
            self._searcher = self._ix = self._columns = self._engine = None
