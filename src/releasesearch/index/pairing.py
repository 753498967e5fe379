"""Links translations while indexing, against this run and what is already indexed.

Each document carries a *pair id*: its own id, or the pair id of the first release
it was found to translate. Translations are then the other documents sharing a
pair id, so linking a new German release to an English one indexed last year
needs no change to the English document, and both directions hold.

Candidates are bucketed by date and dateline city (translations of one release
share its dateline), or by the pair key of paired file names, so a run compares a
release with a handful of others, never with the whole archive. Undated releases
pair only through pair keys.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Any

from whoosh.index import FileIndex
from whoosh.query import DateRange, Term
from whoosh.searching import Searcher

from releasesearch.enrich.translations import WINDOW_DAYS, are_translations
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease


class PairRegistry:
    """Assigns pair ids to the releases of one index run."""

    def __init__(self, ix: FileIndex | None) -> None:
        self._ix = ix
        self._by_day: dict[tuple[dt.date, str | None], list[tuple[EnrichedRelease, str]]] = (
            defaultdict(list)
        )
        self._by_key: dict[str, list[tuple[EnrichedRelease, str]]] = defaultdict(list)
        self._loaded_dates: set[dt.date] = set()
        self._loaded_keys: set[str] = set()
        self._searcher_obj: Searcher | None = None

    def assign(self, item: EnrichedRelease) -> str:
        """The pair id for ``item``; remembers it for the releases that follow."""
        pair = item.release.id
        for other, other_pair in self._candidates(item):
            if other.release.id != item.release.id and are_translations(item, other):
                pair = other_pair
                break
        self._remember(item, pair)
        return pair

    def _remember(self, item: EnrichedRelease, pair: str) -> None:
        light = replace(item.release, body="", contact="", about="")
        item = EnrichedRelease(light, item.meta)
        if item.meta.date is not None:
            self._by_day[(item.meta.date, item.meta.dateline_city)].append((item, pair))
        key = item.release.declared.pair_key
        if key:
            self._by_key[key].append((item, pair))

    def _candidates(self, item: EnrichedRelease) -> list[tuple[EnrichedRelease, str]]:
        key = item.release.declared.pair_key
        found: list[tuple[EnrichedRelease, str]] = []
        if key:
            self._load_key(key)
            found.extend(self._by_key.get(key, ()))
        date = item.meta.date
        if date is None:
            return found
        for offset in range(-WINDOW_DAYS, WINDOW_DAYS + 1):
            day = date + dt.timedelta(days=offset)
            self._load_date(day)
            found.extend(self._by_day.get((day, item.meta.dateline_city), ()))
        return found

    def _load_key(self, key: str) -> None:
        if self._ix is None or key in self._loaded_keys:
            return
        self._loaded_keys.add(key)
        self._load(Term(F.PAIR_KEY, key))

    def _load_date(self, day: dt.date) -> None:
        if self._ix is None or day in self._loaded_dates:
            return
        self._loaded_dates.add(day)
        start = dt.datetime(day.year, day.month, day.day)
        end = start + dt.timedelta(days=1) - dt.timedelta(microseconds=1)
        self._load(DateRange(F.DATE, start, end))

    def _searcher(self) -> Searcher | None:
        """One searcher for the run, on the index as it was before the run began.

        What this run writes is remembered in memory, so the searcher never needs
        refreshing; opening one per lookup cost more than the lookups.
        """
        if self._searcher_obj is None and self._ix is not None and self._ix.doc_count():
            self._searcher_obj = self._ix.searcher()
        return self._searcher_obj

    def refresh(self) -> None:
        """Follow a commit (merges may retire the segments this searcher reads).

        Entries already loaded stay: they are the state before the run, and what
        the run wrote since is remembered in memory.
        """
        if self._searcher_obj is not None:
            self._searcher_obj = self._searcher_obj.refresh()

    def close(self) -> None:
        if self._searcher_obj is not None:
            self._searcher_obj.close()
            self._searcher_obj = None

    def _load(self, query: Any) -> None:
        searcher = self._searcher()
        if searcher is None:
            return
        for docnum in searcher.docs_for_query(query):
            stored = searcher.stored_fields(docnum)  # not hit fields: undated docs break columns
            item = F.record_of(stored, with_text=False)
            entry = (item, stored.get(F.PAIR) or item.release.id)
            if item.meta.date is not None:
                self._by_day[(item.meta.date, item.meta.dateline_city)].append(entry)
            if item.release.declared.pair_key:
                self._by_key[item.release.declared.pair_key].append(entry)
