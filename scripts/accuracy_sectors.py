"""How well sector classification agrees with the hand labels in ``eval/sectors/``.

Run from the repository root (the texts are read from the data folder by path, never copied)::

    python scripts/accuracy_sectors.py [--data ../shared/data] [--split dev|held-out|all|blind]
                                       [--errors 30] [--per-sector]

The gold files and the labelling rules are described in ``eval/sectors/RULES.md``.
Figures, per language:

* precision: of all sectors given, the share that the gold labels list (micro average);
* recall: of all gold sectors, the share that were given;
* main sector given: among releases with gold sectors, the share whose main (first) gold
  sector is among those given;
* no-sector given one: among releases the gold says are about no sector, the share that got one;
* ms per release: the classification alone (parsing excluded), one pass in gold order, so caches
  are as warm as they would be while indexing; wall clock and this process's CPU time (on a
  busy machine the CPU time says more). ``--speed`` times every release of the Newsworthy and
  10kGNAD sets instead and prints the load average beside the figures.
* ``--facets``: the facet as users meet it, over every release of each shared collection (each
  Newsworthy distributor, FSFE, the Berlin police CSVs, 10kGNAD): the share given any sector
  (coverage) and the sector values with their counts (releases listing it, and as main sector).

Rules are tuned on the ``dev`` split (two thirds); ``held-out`` is measured only when a change is
finished, so that the figure says how the classifier does on releases it was not fitted to;
``all`` is both parts. ``blind`` is a separate set (``blind_*.tsv``), labelled before any tuning
began and scored only once the classifier was final.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from releasesearch.archive import read_archive_file
from releasesearch.compounds import lexicon
from releasesearch.enrich.sectors import find_sectors
from releasesearch.model import Release
from releasesearch.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "eval" / "sectors"
LANGUAGES = ("en", "de")
MAX_BYTES = 64 * 1024 * 1024
GNAD = "news_de_10kgnad/test.csv"
# a full stop after a day ("am 28. November", "20. Jahrhundert") or an initial ("Fayçal C.")
# ends no sentence; after a year it does
SENTENCE_END = re.compile(r"(?<!\b\d)(?<!\b\d\d)(?<!\b\w)\.\s+")


@dataclass(frozen=True, slots=True)
class Gold:
    """One hand-labelled release: where it is, and its sectors (main first)."""

    path: str
    row: str
    sectors: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.path}#{self.row}" if self.row else self.path


@dataclass(frozen=True, slots=True)
class Scored:
    """A gold release beside what the classifier gave it."""

    gold: Gold
    title: str
    given: tuple[str, ...]


def load_gold(language: str, blind: bool = False) -> list[Gold]:
    """The hand labels of one language: the gold set, or the blind set kept apart from tuning."""
    name = f"{'blind' if blind else 'gold'}_{language}.tsv"
    with (GOLD / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Gold(r["path"], r["row"], tuple(s for s in r["sectors"].split(",") if s)) for r in rows]


def held_out(item: Gold) -> bool:
    """The fixed held-out third; both languages of an FSFE pair fall on the same side."""
    key = re.sub(r"\.(en|de)\.", ".", item.key)
    return int(hashlib.sha256(f"sectors-gold:{key}".encode()).hexdigest()[:8], 16) % 3 == 0


def in_split(item: Gold, split: str) -> bool:
    return split in ("all", "blind") or held_out(item) == (split == "held-out")


class Reader:
    """Turns gold entries into releases with the project's own parsers (batch files read once)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self._batches: dict[str, dict[str, Release]] = {}
        self._gnad: list[list[str]] | None = None

    def release(self, item: Gold) -> Release:
        if item.path == GNAD:
            return self._gnad_release(int(item.row))
        root = REPO if item.path.startswith("archive/") else self.data
        if not item.row:
            return self._parse(root, item.path)[0]
        if item.path not in self._batches:
            self._batches[item.path] = {r.row or "": r for r in self._parse(root, item.path)}
        return self._batches[item.path][item.row]

    @staticmethod
    def _parse(root: Path, path: str) -> list[Release]:
        releases, errors = parse_file(read_archive_file(root, path, max_bytes=MAX_BYTES))
        if not releases:
            raise SystemExit(f"{path}: {errors[0].reason if errors else 'no release'}")
        return releases

    def _gnad_release(self, number: int) -> Release:
        """10kGNAD has no header and joins title and text: the first sentence is the title.

        A full stop after a number or a single letter ends no sentence ("Am 28. November",
        "Fayçal C. wurde"), so the title does not stop there.
        """
        if self._gnad is None:
            with (self.data / GNAD).open(encoding="utf-8", newline="") as handle:
                self._gnad = list(csv.reader(handle, delimiter=";", quotechar="'"))
        text = self._gnad[number - 1][1]
        title, body = _gnad_split(text)
        return Release(
            id=f"{GNAD}#{number}",
            path=GNAD,
            row=str(number),
            title=title,
            body=body or title,
            format="csv",
        )


def _gnad_split(text: str) -> tuple[str, str]:
    """A 10kGNAD text as (title, body): its first sentence, then the rest."""
    parts = SENTENCE_END.split(text, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def classify(release: Release, language: str) -> tuple[str, ...]:
    """What the indexer would give the release (the one call this script measures)."""
    return find_sectors(
        release.body,
        release.declared.sectors,
        release.title,
        about=release.about,
        language=language,
    )


Timing = tuple[float, float]  # ms per release: wall clock, CPU time of this process


def run(items: Sequence[Gold], reader: Reader, language: str) -> tuple[list[Scored], Timing]:
    releases = [reader.release(item) for item in items]
    classify(releases[0], language)  # data files load here, not inside the timing,
    lexicon()  # and the compound lexicon (once per process, shared with the analyzer)
    start, cpu = time.perf_counter(), time.process_time()
    given = [classify(r, language) for r in releases]
    n = max(1, len(releases))
    ms = (1000 * (time.perf_counter() - start) / n, 1000 * (time.process_time() - cpu) / n)
    return [Scored(i, r.title, g) for i, r, g in zip(items, releases, given, strict=True)], ms


def speed(reader: Reader) -> None:
    """ms per release over whole collections, as the indexer meets them (caches filling)."""
    english = [
        Gold(p.relative_to(reader.data).as_posix(), "", ())
        for p in sorted((reader.data / "press_releases_en_newsworthy").rglob("*.md"))
        if p.name != "SOURCE.md"  # the data set's description, not a release
    ]
    with (reader.data / GNAD).open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";", quotechar="'")
        german = [Gold(GNAD, str(n), ()) for n, _ in enumerate(rows, 1)]
    for language, items in (("en", english), ("de", german)):
        _scored, (wall, cpu) = run(items, reader, language)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"  [{language}] {len(items)} releases: {wall:.3f} ms per release, "
            f"{cpu:.3f} ms CPU (load average {load})"
        )


def collections(data: Path) -> list[tuple[str, str, list[Gold]]]:
    """Every release of the shared collections, as (name, language, entries), distributor by distributor."""
    wire = data / "press_releases_en_newsworthy"
    out = [
        (
            f"newsworthy/{d.name}",
            "en",
            [Gold(p.relative_to(data).as_posix(), "", ()) for p in sorted(d.rglob("*.md"))],
        )
        for d in sorted(wire.iterdir())
        if d.is_dir()
    ]
    fsfe = sorted((data / "press_releases_en_de_fsfe").rglob("*.xhtml"))
    for language in LANGUAGES:
        paths = [p for p in fsfe if f".{language}." in p.name]
        out.append(
            (
                f"fsfe ({language})",
                language,
                [Gold(p.relative_to(data).as_posix(), "", ()) for p in paths],
            )
        )
    police = data / "press_releases_de_berlin_police"
    rows = []
    for csv_path in sorted(police.glob("*.csv")):
        path = csv_path.relative_to(data).as_posix()
        releases, _errors = parse_file(read_archive_file(data, path, max_bytes=MAX_BYTES))
        rows += [Gold(path, r.row or "", ()) for r in releases]
    out.append(("berlin police", "de", rows))
    with (data / GNAD).open(encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle, delimiter=";", quotechar="'"))
    out.append(("10kgnad", "de", [Gold(GNAD, str(n), ()) for n in range(1, count + 1)]))
    return [c for c in out if c[2]]


def facets(reader: Reader) -> None:
    """Coverage and sector values over whole collections: what the facet shows on them."""
    total: Counter[str] = Counter()
    for name, language, items in collections(reader.data):
        scored, _ms = run(items, reader, language)
        any_: Counter[str] = Counter(s for x in scored for s in x.given)
        main: Counter[str] = Counter(x.given[0] for x in scored if x.given)
        covered = sum(bool(x.given) for x in scored)
        total.update({"releases": len(scored), "covered": covered})
        print(
            f"\n{name} [{language}]: {len(scored)} releases, {ratio(covered, len(scored))} given a sector"
        )
        print("  " + ", ".join(f"{s} {any_[s]} ({main[s]} main)" for s, _n in any_.most_common()))
    print(f"\nall: {ratio(total['covered'], total['releases'])} given a sector")


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "n/a (0/0)"


def report(language: str, split: str, scored: list[Scored], ms: Timing) -> None:
    given = sum(len(s.given) for s in scored)
    gold = sum(len(s.gold.sectors) for s in scored)
    hits = sum(len(set(s.given) & set(s.gold.sectors)) for s in scored)
    labelled = [s for s in scored if s.gold.sectors]
    main = sum(s.gold.sectors[0] in s.given for s in labelled)
    empty = [s for s in scored if not s.gold.sectors]
    print(f"\n[{language}] {split}: {len(scored)} releases, {len(empty)} about no sector")
    print(f"  precision              {ratio(hits, given)}")
    print(f"  recall                 {ratio(hits, gold)}")
    print(f"  main sector given      {ratio(main, len(labelled))}")
    print(f"  no-sector given one    {ratio(sum(bool(s.given) for s in empty), len(empty))}")
    print(f"  classification         {ms[0]:.3f} ms per release ({ms[1]:.3f} ms CPU)")


def report_sectors(scored: Iterable[Scored]) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for s in scored:
        tp.update(set(s.given) & set(s.gold.sectors))
        fp.update(set(s.given) - set(s.gold.sectors))
        fn.update(set(s.gold.sectors) - set(s.given))
    print(f"  {'sector':<26} {'tp':>4} {'fp':>4} {'fn':>4}")
    for sector in sorted(tp | fp | fn):
        print(f"  {sector:<26} {tp[sector]:>4} {fp[sector]:>4} {fn[sector]:>4}")


def report_errors(scored: Iterable[Scored], limit: int) -> None:
    wrong = [s for s in scored if s.given != s.gold.sectors]
    wrong.sort(key=lambda s: (s.gold.sectors[:1] == s.given[:1], s.gold.key))
    for s in wrong[:limit]:
        print(f"  {s.gold.key}\n    {s.title[:90]}")
        print(f"    gold {','.join(s.gold.sectors) or '-'}  given {','.join(s.given) or '-'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--split", choices=("dev", "held-out", "all", "blind"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="list this many disagreements")
    parser.add_argument("--per-sector", action="store_true", help="true/false hits per sector")
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    parser.add_argument("--speed", action="store_true", help="time whole collections instead")
    parser.add_argument("--facets", action="store_true", help="coverage and values per collection")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data folder at {args.data}", file=sys.stderr)
        return 2
    reader = Reader(args.data)
    if args.speed:
        speed(reader)
        return 0
    if args.facets:
        facets(reader)
        return 0
    for language in args.lang or LANGUAGES:
        gold = load_gold(language, blind=args.split == "blind")
        items = [g for g in gold if in_split(g, args.split)]
        scored, ms = run(items, reader, language)
        report(language, args.split, scored, ms)
        if args.per_sector:
            report_sectors(scored)
        if args.errors:
            report_errors(scored, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
