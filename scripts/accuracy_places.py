"""How well the city facet matches the hand-labelled places of eval/places/gold.tsv.

Run from the repository root (prints tables; writes nothing)::

    python scripts/accuracy_places.py [--errors] [--facets] [--shared ../shared/data]

1. Precision and recall per language and gold part (tune, held, fresh, all), micro over
   (release, place) pairs, for the facet as enrichment builds it from the text
   (cities a file declares are left out: they are not extraction) and for a plain
   baseline that takes every capitalised gazetteer name as its most populous place.
2. ``--errors``: every false positive and miss of the facet on the tune part, to
   work from (the held and fresh parts are measured, never read for errors).
3. ``--facets``: the 20 most frequent facet values of each shared data set, and
   the cost of place extraction in CPU ms per Newsworthy release (CPU time, not
   wall time: the figure stays put on a busy machine).

The gold set and how it was labelled: eval/places/RULES.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from releasesearch.archive import read_archive_file, scan_archive
from releasesearch.enrich import enrich, home_city, release_text
from releasesearch.enrich.places import find_cities
from releasesearch.model import Release
from releasesearch.parse import parse_file
from releasesearch.vocab.gazetteer import gazetteer
from releasesearch.vocab.names import WORD, name_key

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "eval" / "places" / "gold.tsv"
SHARED_PREFIX = "../shared/data/"
MAX_BYTES = 64 * 1024 * 1024
GNAD = "news_de_10kgnad/test.csv"
# tune: rules are written against it; held: measured only; fresh: German releases
# labelled after the rules were tuned on the other two parts, measured only
PARTS = ("tune", "held", "fresh", "all")


@dataclass(frozen=True, slots=True)
class GoldRow:
    language: str
    part: str
    path: str
    row: str
    cities: frozenset[str]  # GeoNames ids; places the gazetteer lacks are "-Name, CC"


def load_gold(path: Path = GOLD) -> list[GoldRow]:
    rows = []
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    for line in lines[1:]:
        language, part, rel, row, cities = line.split("\t")
        ids = [c.strip() for c in cities.split(";") if c.strip()]
        keys = frozenset(c.split(" ", 1)[0] if c[0] != "-" else "-" + c[2:] for c in ids)
        rows.append(GoldRow(language, part, rel, row, keys))
    return rows


def _file_path(rel: str, shared: Path) -> Path:
    return shared / rel[len(SHARED_PREFIX) :] if rel.startswith(SHARED_PREFIX) else REPO / rel


@lru_cache(maxsize=64)
def _releases(rel: str, shared: Path) -> dict[str, Release]:
    """Releases of one file by row key; 10kGNAD rows by their 1-based record number."""
    path = _file_path(rel, shared)
    if rel.endswith(GNAD):
        with path.open(encoding="utf-8", newline="") as handle:
            records = csv.reader(handle, delimiter=";", quotechar="'")
            return {
                str(n): Release(f"{rel}#{n}", rel, str(n), "", rec[1], "csv")
                for n, rec in enumerate(records, 1)
            }
    found, _errors = parse_file(read_archive_file(path.parent, path.name, max_bytes=MAX_BYTES))
    return {r.row or "": r for r in found}


def text_only(release: Release) -> Release:
    """The release without the cities its file declares: those are not extraction."""
    return replace(release, declared=replace(release.declared, cities=()))


def facet_cities(release: Release) -> frozenset[str]:
    """The facet from the text alone; a declared district still says whose local news
    the release is (``home_city``), as it does in enrichment."""
    item = enrich(text_only(release))
    home = home_city(release)
    if home is None:
        return frozenset(item.meta.cities)
    text, language = release_text(release), item.meta.language
    far = set(find_cities(text, language)) - set(find_cities(text, language, home))
    return frozenset(item.meta.cities) - far


def baseline_cities(release: Release) -> frozenset[str]:
    """Every capitalised one-to-three-word gazetteer name, as its most populous place."""
    gaz, found = gazetteer(), set()
    text = "\n".join(p for p in (release.title, release.body, release.contact, release.about) if p)
    words = list(WORD.finditer(text))
    for i, match in enumerate(words):
        if not match.group(0)[:1].isupper():
            continue
        for size in (3, 2, 1):
            if i + size <= len(words):
                ids = gaz.candidates(name_key(text[match.start() : words[i + size - 1].end()]))
                if ids:
                    found.add(max(ids, key=gaz.population))
                    break
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(gold: frozenset[str], found: frozenset[str]) -> Score:
    return Score(len(gold & found), len(found - gold), len(gold - found))


def report(rows: list[GoldRow], found: dict[str, list[frozenset[str]]]) -> None:
    print(
        f"  {'system':<10} {'lang':<5} {'part':<5} {'rel.':>5} {'gold':>5} "
        f"{'found':>6} {'precision':>10} {'recall':>7} {'F1':>6}"
    )
    for system, predictions in found.items():
        for language in ("en", "de"):
            for part in PARTS:
                picked = [
                    i
                    for i, r in enumerate(rows)
                    if r.language == language and part in (r.part, "all")
                ]
                if not picked:
                    continue
                total = sum((score(rows[i].cities, predictions[i]) for i in picked), Score())
                p, r = total.precision, total.recall
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                print(
                    f"  {system:<10} {language:<5} {part:<5} {len(picked):>5} "
                    f"{total.tp + total.fn:>5} {total.tp + total.fp:>6} "
                    f"{p:>10.3f} {r:>7.3f} {f1:>6.3f}"
                )


def _name(pid: str) -> str:
    if pid.startswith("-"):
        return pid[1:] + " (not in gazetteer)"
    place = gazetteer().get(pid)
    return f"{place.name}, {place.country} [{pid}]" if place else pid


def errors(rows: list[GoldRow], predictions: list[frozenset[str]]) -> None:
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    for row, found in zip(rows, predictions, strict=True):
        if row.part != "tune":
            continue
        wrong, missed = found - row.cities, row.cities - found
        fps.update(_name(p) for p in wrong)
        fns.update(_name(p) for p in missed)
        if wrong or missed:
            where = row.path.replace(SHARED_PREFIX, "") + (f"#{row.row}" if row.row else "")
            print(f"  [{row.language}/{row.part}] {where}")
            for label, ids in (("false", wrong), ("missed", missed)):
                if ids:
                    print(f"      {label:<7} " + "; ".join(sorted(_name(p) for p in ids)))
    for title, counts in (("false positives", fps), ("misses", fns)):
        print(
            f"\n  most frequent {title}: "
            + ", ".join(f"{name} {n}" for name, n in counts.most_common(25))
        )


def _data_sets(shared: Path) -> Iterator[tuple[str, Iterable[Release]]]:
    def files(folder: str, suffix: str) -> Iterator[Release]:
        root = shared / folder
        for rel in scan_archive(root):
            if rel.endswith(suffix):
                yield from _releases(SHARED_PREFIX + folder + "/" + rel, shared).values()

    yield "press_releases_en_newsworthy", files("press_releases_en_newsworthy", ".md")
    yield "press_releases_de_berlin_police", files("press_releases_de_berlin_police", ".csv")
    yield "press_releases_en_de_fsfe", files("press_releases_en_de_fsfe", ".xhtml")
    yield "news_de_10kgnad", _releases(SHARED_PREFIX + GNAD, shared).values()


def facets(shared: Path) -> None:
    """Top-20 facet values (declared cities included, as users see them)."""
    gaz = gazetteer()
    for name, releases in _data_sets(shared):
        items = [enrich(r) for r in releases]
        counts = Counter(c for item in items for c in item.meta.cities)
        top = ", ".join(f"{gaz.label(c, 'en')} {n}" for c, n in counts.most_common(20))
        print(f"\n  {name} ({len(items)} releases): {top}")
        if name.endswith("newsworthy"):
            texts = [(i.release.title + "\n" + i.release.body, i.meta.language) for i in items]
            best = float("inf")
            for _round in range(3):
                start = time.process_time()
                for text, language in texts:
                    find_cities(text, language)
                best = min(best, time.process_time() - start)
            print(f"  find_cities: {1000 * best / len(texts):.2f} CPU ms per release (best of 3)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    parser.add_argument("--facets", action="store_true", help="top-20 facet values per data set")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no shared data at {args.shared}; pass --shared", file=sys.stderr)
        return 2
    shared = args.shared.resolve()
    rows = load_gold()
    releases = [_releases(r.path, shared)[r.row] for r in rows]
    found = {
        "facet": [facet_cities(r) for r in releases],
        "baseline": [baseline_cities(r) for r in releases],
    }
    print(f"[1] City facet vs {GOLD.relative_to(REPO)} ({len(rows)} releases)")
    report(rows, found)
    if args.errors:
        print("\n[2] False positives and misses of the facet")
        errors(rows, found["facet"])
    if args.facets:
        print("\n[3] Top-20 city facet values per shared data set")
        facets(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
