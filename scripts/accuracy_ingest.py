"""How well archive + parse + enrich recover metadata that the data sets state elsewhere.

Run from the repository root (prints a table; writes nothing)::

    python scripts/accuracy_ingest.py [--data ../shared/data]

1. Newsworthy Markdown: release date vs the date in the path
   (``<distributor>/<year>/<MMDD>/``), both as enriched (path fallback included) and
   from the text alone; language == en.
2. FSFE XHTML pairs: date vs ``newsdate``, language vs the file suffix, every EN/DE
   pair linked by ``link_translations``.
3. Berlin police CSVs: date vs the CSV ``date`` column, district read, city = Berlin,
   language == de.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from releasesearch.archive import read_archive_file, scan_archive
from releasesearch.enrich import enrich, link_translations
from releasesearch.enrich.dates import date_from_path, parse_date
from releasesearch.enrich.release_date import find_release_date
from releasesearch.model import EnrichedRelease, Release
from releasesearch.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
MAX_BYTES = 64 * 1024 * 1024
BERLIN = "2950159"


def releases(root: Path, suffixes: tuple[str, ...]) -> Iterator[Release]:
    for relpath in scan_archive(root):
        if relpath.endswith(suffixes):
            found, _errors = parse_file(read_archive_file(root, relpath, max_bytes=MAX_BYTES))
            yield from found


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f} %" if whole else "   n/a"


def row(label: str, part: int, whole: int) -> None:
    print(f"  {label:<44} {part:>6} / {whole:<6} {pct(part, whole)}")


def compare(pairs: list[tuple[str, dt.date | None, dt.date | None]]) -> tuple[int, int, list[str]]:
    """(equal, missing, examples of wrong) for (id, found, expected) triples."""
    equal = sum(1 for _i, got, want in pairs if got == want)
    missing = sum(1 for _i, got, _w in pairs if got is None)
    wrong = [
        f"{i}: got {got}, expected {want}" for i, got, want in pairs if got not in (None, want)
    ]
    return equal, missing, wrong


def report_dates(title: str, pairs: list[tuple[str, dt.date | None, dt.date | None]]) -> None:
    equal, missing, wrong = compare(pairs)
    row(f"{title}: equal", equal, len(pairs))
    row(f"{title}: missing", missing, len(pairs))
    row(f"{title}: wrong", len(wrong), len(pairs))
    near = sum(1 for _i, got, want in pairs if got and want and 0 < abs((got - want).days) <= 3)
    row(f"{title}: wrong but within 3 days", near, len(pairs))
    for example in wrong[:8]:
        print(f"      {example}")


def newsworthy(data: Path) -> None:
    root = data / "press_releases_en_newsworthy"
    print(f"\n[1] Newsworthy Markdown ({root.name})")
    start = time.perf_counter()
    items = [enrich(r) for r in releases(root, (".md",))]
    took = time.perf_counter() - start
    enriched = [(e.release.id, e.meta.date, date_from_path(e.release.path)) for e in items]
    text_only = [
        (
            e.release.id,
            find_release_date(replace(e.release, path="")),
            date_from_path(e.release.path),
        )
        for e in items
    ]
    report_dates("date (enriched)", enriched)
    report_dates("date (text only)", text_only)
    row("language == en", sum(e.meta.language == "en" for e in items), len(items))
    row("with a dateline city", sum(e.meta.dateline_city is not None for e in items), len(items))
    row("with a wire", sum(e.meta.wire is not None for e in items), len(items))
    sectors = Counter(len(e.meta.sectors) for e in items)
    print(f"  sectors per release: {dict(sorted(sectors.items()))}")
    print(f"  parse + enrich: {took:.1f} s for {len(items)} releases")


def fsfe(data: Path) -> None:
    root = data / "press_releases_en_de_fsfe"
    print(f"\n[2] FSFE XHTML pairs ({root.name})")
    items = [enrich(r) for r in releases(root, (".xhtml",))]
    newsdate = {}
    for item in items:
        raw = (root / item.release.path).read_text("utf-8")
        m = re.search(r'newsdate="([\d-]+)"', raw)
        newsdate[item.release.id] = parse_date(m.group(1)) if m else None
    report_dates(
        "date vs newsdate", [(e.release.id, e.meta.date, newsdate[e.release.id]) for e in items]
    )
    suffix = {e.release.id: e.release.path.rsplit(".", 2)[-2] for e in items}
    row(
        "language == file suffix",
        sum(e.meta.language == suffix[e.release.id] for e in items),
        len(items),
    )
    linked = link_translations(items)
    expected = {e.release.id: tuple(sorted(_partner(e, items))) for e in items}
    row(
        "pairs linked exactly",
        sum(e.translations == expected[e.release.id] for e in linked),
        len(items),
    )
    for e in linked:
        if e.translations != expected[e.release.id]:
            print(
                f"      {e.release.id}: linked {e.translations}, expected {expected[e.release.id]}"
            )


def _partner(item: EnrichedRelease, items: list[EnrichedRelease]) -> list[str]:
    stem = item.release.path.rsplit(".", 2)[0]
    return [
        o.release.id for o in items if o is not item and o.release.path.rsplit(".", 2)[0] == stem
    ]


def berlin(data: Path) -> None:
    root = data / "press_releases_de_berlin_police"
    print(f"\n[3] Berlin police CSV ({root.name})")
    csv_dates: dict[str, dt.date | None] = {}
    for path in sorted(root.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for rec in csv.DictReader(handle):
                m = re.search(r"pressemitteilung\.(\d+)\.php", rec["link"])
                if m:
                    csv_dates[f"{path.name}#{m.group(1)}"] = parse_date(rec["date"])
    items = [enrich(r) for r in releases(root, (".csv",))]
    report_dates(
        "date vs CSV date",
        [(e.release.id, e.meta.date, csv_dates.get(e.release.id)) for e in items],
    )
    row("rows matched to a CSV date", sum(e.release.id in csv_dates for e in items), len(items))
    row(
        "district read (declared location)",
        sum(bool(e.release.declared.cities) for e in items),
        len(items),
    )
    row("city = Berlin (in cities)", sum(BERLIN in e.meta.cities for e in items), len(items))
    row("dateline city = Berlin", sum(e.meta.dateline_city == BERLIN for e in items), len(items))
    row("language == de", sum(e.meta.language == "de" for e in items), len(items))
    row("sector public-safety", sum("public-safety" in e.meta.sectors for e in items), len(items))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data folder at {args.data}", file=sys.stderr)
        return 2
    newsworthy(args.data)
    fsfe(args.data)
    berlin(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
