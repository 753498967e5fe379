"""The gazetteer: GeoNames cities (CC BY 4.0) with curated English/German exonyms.

Loaded lazily and once per process from the package data built by
``scripts/build_gazetteer.py``; see ``data/GAZETTEER_SOURCE.md`` for what it keeps.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from releasesearch.cache import cache_folder
from releasesearch.model import Place

from .names import name_key

_TIER_EXONYM, _TIER_NAME, _TIER_ALT = 0, 1, 2
_PICKLE_FORMAT = "5"  # raise when Gazetteer's attributes change: old caches are then ignored


def _data(name: str) -> str:
    return resources.files("releasesearch.vocab").joinpath("data").joinpath(name).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    lines = _data(name).splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """Folded country names -> ISO code; folded US state names and codes -> state code."""
    countries: dict[str, str] = {}
    states: dict[str, str] = {}
    for row in _rows("countries.tsv"):
        if row[0].startswith("US-"):
            states.update({name_key(n): row[0][3:] for n in [row[0][3:], *row[1:]]})
        else:
            countries.update({name_key(n): row[0] for n in row[1:] if n})
    return countries, states


def country_code(name: str) -> str | None:
    """ "Germany", "Deutschland", "P.R. China", "USA" -> ISO code; None otherwise."""
    return _countries()[0].get(name_key(name))


def region_country(name: str) -> str | None:
    """ "CA", "Texas" -> "US": datelines name US states where others name countries."""
    return "US" if us_state(name) else None


def us_state(name: str) -> str | None:
    """ "Texas", "TX", "Tx." -> "TX": the US state a dateline or address names."""
    return _countries()[1].get(name_key(name))


def country_name(code: str, ui_language: str) -> str:
    """ISO code -> country name in the interface language (English or German)."""
    for row in _rows("countries.tsv"):
        if row[0] == code:
            return row[2] if ui_language.startswith("de") and len(row) > 2 else row[1]
    return code


@dataclass(slots=True)
class _Entry:
    place: Place
    population: int
    admin1: str
    lat: float
    lon: float


class Gazetteer:
    """Places by id and by every folded spelling of their names."""

    def __init__(
        self,
        places: dict[str, _Entry],
        index: dict[str, list[tuple[int, str]]],
        plain: frozenset[str] = frozenset(),
    ) -> None:
        self._places = places
        self._plain = plain
        ranked = {k: sorted(v, key=self._rank) for k, v in index.items()}
        self._index = {k: tuple(dict.fromkeys(pid for _t, pid in v)) for k, v in ranked.items()}
        self._alternate = frozenset(k for k, v in ranked.items() if v[0][0] == _TIER_ALT)
        self.max_words = max((k.count(" ") + 1 for k in self._index), default=1)
        # first words of multi-word names: only these open a window longer than one word
        self.opens_phrase = frozenset(k.split(" ", 1)[0] for k in self._index if " " in k)
        self._division_people: dict[tuple[str, str], int] = {}
        for entry in places.values():
            division = (entry.place.country, entry.admin1)
            self._division_people[division] = (
                self._division_people.get(division, 0) + entry.population
            )

    def _rank(self, item: tuple[int, str]) -> tuple[int, int]:
        tier, pid = item  # curated exonyms first, then the most populous place
        return min(tier, 1), -self._places[pid].population

    def admin1(self, place_id: str) -> tuple[str, str]:
        """(country, first-level division code) of a place: where two readings agree."""
        entry = self._places[place_id]
        return entry.place.country, entry.admin1

    def division_share(self, place_id: str) -> float:
        """The place's share of the people living in the towns of its state or province.

        Berlin, Vienna and Salzburg hold most of their Land (1.0, 1.0, 0.9), Québec a
        tenth of its province: where a name is both, the share says which one it means.
        """
        entry = self._places[place_id]
        people = self._division_people.get((entry.place.country, entry.admin1), 0)
        return entry.population / people if people else 1.0

    def get(self, place_id: str) -> Place | None:
        entry = self._places.get(place_id)
        return entry.place if entry else None

    def distance_km(self, a: str, b: str) -> float:
        """Great-circle distance between two places (coordinates to a tenth of a degree)."""
        one, two = self._places[a], self._places[b]
        lat1, lat2 = math.radians(one.lat), math.radians(two.lat)
        dlat, dlon = lat2 - lat1, math.radians(two.lon - one.lon)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))

    def population(self, place_id: str) -> int:
        entry = self._places.get(place_id)
        return entry.population if entry else 0

    def label(self, place_id: str, ui_language: str) -> str:
        """Munich / München: the name in the interface language; the id if unknown."""
        place = self.get(place_id)
        if place is None:
            return place_id
        return place.name_de if ui_language.lower().startswith("de") else place.name

    def known(self, key: str) -> bool:
        return key in self._index

    def candidates(self, key: str) -> tuple[str, ...]:
        """Place ids named by a folded key, best first (exonym, own name, most populous)."""
        return self._index.get(key, ())

    def umlauts_dropped(self, key: str) -> bool:
        """True when the key names a place only as its umlaut-less spelling ("bunde" for
        Bünde): English texts misspell so, German texts mean another word ("im Bunde")."""
        return key in self._plain

    def is_alternate(self, key: str) -> bool:
        """True when the likeliest place bears this name only as an alternate spelling."""
        return key in self._alternate

    def resolve(
        self, name: str, country: str | None = None, region: str | None = None
    ) -> Place | None:
        """The place a name most likely means; a country or US state narrows the choice."""
        for key in dict.fromkeys((name_key(name), name_key(name, plain=True))):
            ids = self.candidates(key)
            if key.startswith("st "):  # "ST. CHARLES, MO" is GeoNames' Saint Charles
                ids = tuple(dict.fromkeys(ids + self.candidates("saint " + key[3:])))
            if ids:
                pid = self.pick(ids, country, region)
                return self.get(pid) if self.in_region(pid, country, region) else None
        return None

    def in_region(self, place_id: str, country: str | None, region: str | None = None) -> bool:
        """Whether the place lies in that country and, for a US state code, that state."""
        entry = self._places[place_id]
        if country and entry.place.country != country:
            return False
        code = _state_code(region) if country == "US" else None
        return code is None or entry.admin1 == code

    def pick(self, ids: tuple[str, ...], country: str | None, region: str | None = None) -> str:
        """The first of ids in the given US state or country; else the first."""
        code = _state_code(region) if country in ("US", None) else None
        if code:
            for pid in ids:
                if self._places[pid].admin1 == code and self._places[pid].place.country == "US":
                    return pid
        if country:
            for pid in ids:
                if self._places[pid].place.country == country:
                    return pid
        return ids[0]


def _state_code(region: str | None) -> str | None:
    """ "PA", "Pa.", "Pennsylvania" -> "PA"; None for no region or another country's."""
    return us_state(region) if region else None


def _index_names(
    index: dict[str, list[tuple[int, str]]],
    spellings: tuple[set[str], set[str]],
    pid: str,
    names: list[str],
    tier: int,
) -> None:
    """Index each name under its folded key and its umlaut-less key; spellings collects
    (folded keys, umlaut-less keys that differ from them)."""
    for name in names:
        key, plain_key = name_key(name), name_key(name, plain=True)
        for each in {key, plain_key}:
            if each:
                index.setdefault(each, []).append((tier, pid))
        spellings[0].add(key)
        if plain_key != key:
            spellings[1].add(plain_key)


def _load() -> Gazetteer:
    exonyms = {row[0]: (row[1], row[2]) for row in _rows("exonyms.tsv")}
    places: dict[str, _Entry] = {}
    index: dict[str, list[tuple[int, str]]] = {}
    spellings: tuple[set[str], set[str]] = (set(), set())
    for pid, country, admin1, pop, name, alts, lat, lon in _rows("gazetteer.tsv"):
        english, german = exonyms.get(pid, (name, name))
        place = Place(pid, english, german, country)
        places[pid] = _Entry(place, int(pop), admin1, float(lat), float(lon))
        _index_names(index, spellings, pid, [name], _TIER_NAME)
        _index_names(index, spellings, pid, alts.split("|") if alts else [], _TIER_ALT)
        if pid in exonyms:
            _index_names(index, spellings, pid, list(exonyms[pid]), _TIER_EXONYM)
    return Gazetteer(places, index, frozenset(spellings[1] - spellings[0]))


_lock = threading.Lock()
_cached: list[Gazetteer] = []


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use.

    Building the name index from the TSV takes 1.5 s; a pickled copy in the user's
    cache folder, keyed by the data's hash, loads in a fraction of that, which is
    most of a server's cold start.
    """
    with _lock:
        if not _cached:
            _cached.append(_load_cached())
    return _cached[0]


def _cache_file() -> Path:
    digest = hashlib.sha256()
    for name in ("gazetteer.tsv", "exonyms.tsv"):
        digest.update(_data(name).encode("utf-8"))
    digest.update(sys.version.encode())
    digest.update(Gazetteer.__module__.encode())  # a pickle names the class's module
    digest.update(_PICKLE_FORMAT.encode())
    return cache_folder() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _load_cached() -> Gazetteer:
    path = _cache_file()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass  # no cache yet, or an unreadable one: build it
    built = _load()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build every time, as before
    return built


@lru_cache(maxsize=1)
def _districts() -> dict[str, str]:
    return {name_key(row[0]): row[1] for row in _rows("districts.tsv")}


def district_city(name: str) -> str | None:
    """ "Neukölln", "berlinweit" -> Berlin's id: a declared district places a release in its city."""
    return _districts().get(name_key(name))


@lru_cache(maxsize=3)
def word_names(language: str | None) -> frozenset[str]:
    """Folded place names that are also words or other names in texts of this language
    ("Essen" and "Raub" in German, "Reading" and "Victoria" in English; both for an
    unknown language): they need a location cue to count. Derived by
    ``scripts/word_names.py`` from word frequencies and real press releases."""
    wanted = {"en", "de"} if language not in ("en", "de") else {language}
    return frozenset(row[0] for row in _rows("word_names.tsv") if wanted & set(row[1].split(",")))


@lru_cache(maxsize=1)
def _regions() -> dict[str, frozenset[str]]:
    """Folded names of states, provinces, countries and world regions -> ISO countries."""
    out: dict[str, set[str]] = {}
    for row in _rows("regions.tsv"):
        for name in row[1:]:
            out.setdefault(name_key(name), set()).add(row[0])
    for key, code in _countries()[0].items():
        out.setdefault(key, set()).add(code)
    return {key: frozenset(codes) for key, codes in out.items()}


def region_countries(key: str) -> frozenset[str]:
    """Countries with a region of this folded name ("ontario" -> CA); empty if none.

    World regions ("asia") map to "-". Read from ``data/regions.tsv`` (ISO 3166-2
    first-level subdivisions) and the country names of ``data/countries.tsv``.
    """
    return _regions().get(key, frozenset())


@lru_cache(maxsize=1)
def region_openers() -> frozenset[str]:
    """First words of region names of two words or more ("district", "north"): a
    capitalised word that opens no place name must still be read when it is one."""
    return frozenset(key.split(" ", 1)[0] for key in _regions() if " " in key)


@lru_cache(maxsize=1)
def region_prefixes() -> frozenset[str]:
    """Every leading run of words of a region name ("north", "north rhine"): a window
    that is none of these cannot grow into a region's name."""
    out: set[str] = set()
    for key in _regions():
        words = key.split(" ")
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)
