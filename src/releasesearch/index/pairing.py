"""Links translations while indexing, against this run and what is already indexed.

Each document carries a *pair id*: its own id, or the pair id of the first release
it was found to translate. Translations are then the other documents sharing a
pair id, so linking a new German release to an English one indexed last year
needs no change to the English document, and both directions hold.

Candidates are bucketed by date and dateline city (translations of one release
share its dateline), or by the pair key of paired file names, so a run compares a
release with a handful of others, never with the whole archive. Undated releases
pair only through pair keys. Indexed releases are found by day and dateline city
from two columns read once per run, and only those are read from the stored
fields: a date search per day around every new release cost most of an update.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from whoosh.index import FileIndex
from whoosh.query import Term
from whoosh.searching import Searcher

from releasesearch.enrich.translations import WINDOW_DAYS, are_translations
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease

_US_PER_DAY = 86_400 * 1_000_000


class PairRegistry:
    """Assigns pair ids to the releases of one index run."""

    def __init__(self, ix: FileIndex | None) -> None:
        self._ix = ix
        self._by_day: dict[tuple[dt.date, str | None], list[tuple[EnrichedRelease, str]]] = (
            defaultdict(list)
        )
        self._by_key: dict[str, list[tuple[EnrichedRelease, str]]] = defaultdict(list)
        self._loaded_days: set[tuple[dt.date, str | None]] = set()
        self._loaded_keys: set[str] = set()
        self._searcher_obj: Searcher | None = None
        self._days: dict[tuple[int, str], list[int]] | None = None
        self._seen: set[int] = set()  # document numbers already remembered

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
        city = item.meta.dateline_city
        for offset in range(-WINDOW_DAYS, WINDOW_DAYS + 1):
            day = date + dt.timedelta(days=offset)
            self._load_day(day, city)
            found.extend(self._by_day.get((day, city), ()))
        return found

    def _load_key(self, key: str) -> None:
        if self._ix is None or key in self._loaded_keys:
            return
        self._loaded_keys.add(key)
        self._load(Term(F.PAIR_KEY, key))

    def _load_day(self, day: dt.date, city: str | None) -> None:
        if self._ix is None or (day, city) in self._loaded_days:
            return
        self._loaded_days.add((day, city))
        docnums = self._day_index().get((day.toordinal() - 1, city or ""), ())
        searcher = self._searcher()
        if docnums and searcher is not None:
            self._add_stored(searcher, docnums)

    def _day_index(self) -> dict[tuple[int, str], list[int]]:
        """(day number, dateline city) -> document numbers, from the date and city columns.

        Raw date values are microseconds since ``datetime.min``, so a value's day
        is ``date.toordinal() - 1``; undated documents hold the column's default and
        are dropped when their stored fields show no date.
        """
        if self._days is None:
            self._days = defaultdict(list)
            searcher = self._searcher()
            if searcher is not None:
                for leaf, base in searcher.reader().leaf_readers():
                    self._index_days(leaf, int(base))
        return self._days

    def _index_days(self, leaf: Any, base: int) -> None:
        """One segment's documents into the day index (a segment without dates has no
        date column, and a column may be shorter than its segment)."""
        assert self._days is not None
        if not leaf.has_column(F.DATE):
            return
        days = list(leaf.column_reader(F.DATE, translate=False))
        has_city = leaf.has_column(F.DATELINE_CITY)
        cities = list(leaf.column_reader(F.DATELINE_CITY)) if has_city else []
        cities += [""] * (len(days) - len(cities))
        for docnum, (raw, city) in enumerate(zip(days, cities, strict=False)):
            if isinstance(raw, int):
                self._days[(raw // _US_PER_DAY, city)].append(base + docnum)

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
        if searcher is not None:
            self._add_stored(searcher, list(searcher.docs_for_query(query)))

    def _add_stored(self, searcher: Searcher, docnums: Iterable[int]) -> None:
        """Remember indexed releases by day and by pair key (each one once)."""
        reader = searcher.reader()
        for docnum in docnums:
            if docnum in self._seen or reader.is_deleted(docnum):
                continue
            self._seen.add(docnum)
            stored = searcher.stored_fields(docnum)  # not hit fields: undated docs break columns
            item = F.record_of(stored, with_text=False)
            entry = (item, stored.get(F.PAIR) or item.release.id)
            if item.meta.date is not None:
                self._by_day[(item.meta.date, item.meta.dateline_city)].append(entry)
            if item.release.declared.pair_key:
                self._by_key[item.release.declared.pair_key].append(entry)
