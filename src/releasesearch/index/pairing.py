"""Links translations while indexing, against this run and what is already indexed.

Each document carries a *pair id*: its own id, or the pair id of the release it
was found to translate, and the reason it was linked. Translations are then the
other documents sharing a pair id, so linking a new German release to an English
one indexed last year needs no change to the English document, both directions
hold, and re-indexing never relinks what is indexed.

Candidates are the releases of the other languages dated within the window
(undated ones: the undated), and those of the same pair key or the one a file
declares it translates; a run compares a release with those, never with the whole
archive. Indexed releases are found by day from the date column, read once per
run, and only those are read from the stored fields. Which candidate links is
decided by :func:`.translations.choose`: one translation per language, ties left
unlinked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from whoosh.index import FileIndex
from whoosh.query import Or, Term
from whoosh.searching import Searcher

from releasesearch.enrich.translations import FORBID, WINDOW_DAYS, choose, declared_target
from releasesearch.index import schema as F
from releasesearch.model import EnrichedRelease

_US_PER_DAY = 86_400 * 1_000_000
Entry = tuple[EnrichedRelease, str]  # a release and its pair id


class PairRegistry:
    """Assigns pair ids (and the reasons for them) to the releases of one index run."""

    def __init__(self, ix: FileIndex | None) -> None:
        self._ix = ix
        self._by_day: dict[dt.date | None, list[Entry]] = defaultdict(list)
        self._by_key: dict[str, list[Entry]] = defaultdict(list)
        self._by_name: dict[str, list[Entry]] = defaultdict(list)  # id, path, file name
        self._languages: dict[str, set[str | None]] = defaultdict(set)  # pair id -> languages
        self._loaded_days: set[dt.date | None] = set()
        self._loaded_keys: set[str] = set()
        self._searcher_obj: Searcher | None = None
        self._days: dict[int, list[int]] | None = None
        self._seen: set[int] = set()  # document numbers already remembered

    def assign(self, item: EnrichedRelease) -> tuple[str, str]:
        """(pair id, reason) for ``item``; remembers it for the releases that follow."""
        pair, reason = item.release.id, ""
        candidates = [e for e in self._candidates(item) if e[0].release.id != item.release.id]
        language = item.meta.language
        chosen = choose(
            item, ((other, language not in self._languages[p]) for other, p in candidates)
        )
        if chosen is not None:
            pair, reason = candidates[chosen[0]][1], chosen[1].reason()
        self._remember(item, pair)
        return pair, reason

    def _remember(self, item: EnrichedRelease, pair: str) -> None:
        light = replace(item.release, body="", contact="", about="", links=())
        self._add(EnrichedRelease(light, item.meta), pair)

    def _add(self, item: EnrichedRelease, pair: str) -> None:
        entry = (item, pair)
        self._by_day[item.meta.date].append(entry)
        key = item.release.declared.pair_key
        if key:
            self._by_key[key].append(entry)
        release = item.release
        for name in {release.id, release.path, PurePosixPath(release.path).name}:
            self._by_name[name].append(entry)
        self._languages[pair].add(item.meta.language)

    def _candidates(self, item: EnrichedRelease) -> list[Entry]:
        found: dict[str, Entry] = {}
        key = item.release.declared.pair_key
        if key:
            self._load_key(key)
            found.update((e[0].release.id, e) for e in self._by_key.get(key, ()))
        target = declared_target(item)
        if target is not None and target != FORBID:
            self._load_name(target)
            found.update((e[0].release.id, e) for e in self._declared(item, target))
        date = item.meta.date
        days = (
            [None]
            if date is None
            else [date + dt.timedelta(days=o) for o in range(-WINDOW_DAYS, WINDOW_DAYS + 1)]
        )
        language = item.meta.language
        for day in days:
            self._load_day(day)
            found.update(
                (e[0].release.id, e)
                for e in self._by_day.get(day, ())
                if e[0].meta.language != language
            )
        return list(found.values())

    def _declared(self, item: EnrichedRelease, target: str) -> list[Entry]:
        """Remembered releases a ``translation_of`` value names (a row key names a row
        of the same batch file)."""
        rows = [f"{item.release.path}#{target}"] if item.release.row is not None else []
        return [e for name in (target, *rows) for e in self._by_name.get(name, ())]

    def _load_key(self, key: str) -> None:
        if self._ix is None or key in self._loaded_keys:
            return
        self._loaded_keys.add(key)
        self._load(Term(F.PAIR_KEY, key))

    def _load_name(self, target: str) -> None:
        if self._ix is not None:
            self._load(Or([Term(F.ID, target), Term(F.PATH, target)]))

    def _load_day(self, day: dt.date | None) -> None:
        if self._ix is None or day in self._loaded_days:
            return
        self._loaded_days.add(day)
        if day is None:
            return  # undated indexed releases are not looked for (only pair keys find them)
        docnums = self._day_index().get(day.toordinal() - 1, ())
        searcher = self._searcher()
        if docnums and searcher is not None:
            self._add_stored(searcher, docnums)

    def _day_index(self) -> dict[int, list[int]]:
        """Day number -> document numbers, from the date column.

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
        for docnum, raw in enumerate(leaf.column_reader(F.DATE, translate=False)):
            if isinstance(raw, int):
                self._days[raw // _US_PER_DAY].append(base + docnum)

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
        """Remember indexed releases by day, pair key and name (each one once)."""
        reader = searcher.reader()
        for docnum in docnums:
            if docnum in self._seen or reader.is_deleted(docnum):
                continue
            self._seen.add(docnum)
            stored = searcher.stored_fields(docnum)  # not hit fields: undated docs break columns
            item = F.record_of(stored, with_text=False)
            self._add(item, stored.get(F.PAIR) or item.release.id)
