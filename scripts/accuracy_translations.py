"""How well indexing links translations: precision and recall against eval/translations.

Run from the repository root (prints a table; writes only to a temporary folder)::

    python scripts/accuracy_translations.py [--shared ../shared/data] [--pairs]

The gold files (``eval/translations/gold.tsv``) are copied into one archive twice:
under their own names (``news-20230119-01.en.xhtml`` gives the pair away) and
renamed ``r001`` ... in an order shuffled by a hash of the names (only content
is left). Each archive is indexed by ``indexer.rebuild``, exactly as the service
indexes, and the links of the index (documents sharing a pair id) are compared
with the gold pairs. A link counts once per pair of releases; a link between two
gold releases that are not a gold pair is wrong, as is any link of a distractor.

``--pairs`` prints each link with the reason the index gives for it, and each
missed pair.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from releasesearch.enrich.translations import WINDOW_DAYS, word_share
from releasesearch.index import indexer, store
from releasesearch.index import schema as F
from releasesearch.ingest import load_file
from releasesearch.model import EnrichedRelease

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "eval" / "translations" / "gold.tsv"
ROOTS = {
    "fsfe": REPO / "eval" / "translations" / "fsfe",
    "seeds": REPO / "tests" / "fixtures" / "seeds",
}
SHARED_SET = "press_releases_en_de_fsfe"


@dataclass(frozen=True, slots=True)
class Gold:
    pairs: frozenset[frozenset[str]]
    files: tuple[str, ...]  # gold names ("fsfe/2017/news-...") in gold order


def load_gold(shared: Path | None) -> Gold:
    """The gold pairs and files; shared/ rows are dropped without the shared folder."""
    pairs: set[frozenset[str]] = set()
    files: list[str] = []
    lines = [x for x in GOLD.read_text("utf-8").splitlines() if x and not x.startswith("#")]
    for line in lines[1:]:
        kind, english, german, _note = line.split("\t")
        names = [n for n in (english, german) if n != "-"]
        if shared is None and any(n.startswith("shared/") for n in names):
            continue
        files.extend(names)
        if kind == "pair":
            pairs.add(frozenset(names))
    return Gold(frozenset(pairs), tuple(files))


def source_of(name: str, shared: Path | None) -> Path:
    root, rest = name.split("/", 1)
    if root == "shared":
        assert shared is not None
        return shared / SHARED_SET / rest
    return ROOTS[root] / rest


def archive_names(files: tuple[str, ...], neutral: bool) -> dict[str, str]:
    """Gold name -> file name in the archive (its own, or r001... in a hashed order)."""
    if not neutral:
        return {name: name.rsplit("/", 1)[1] for name in files}
    order = sorted(files, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
    return {name: f"r{i:03d}{Path(name).suffix}" for i, name in enumerate(order, start=1)}


@dataclass(frozen=True, slots=True)
class Outcome:
    linked: int
    correct: int
    gold: int
    links: dict[frozenset[str], str]  # linked gold names -> reason
    missed: tuple[frozenset[str], ...]

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def measure(gold: Gold, shared: Path | None, *, neutral: bool, work: Path) -> Outcome:
    """Index the gold files under one naming and compare its links with the gold."""
    names = archive_names(gold.files, neutral)
    archive = work / ("neutral" if neutral else "original")
    archive.mkdir()
    for name, target in names.items():
        shutil.copyfile(source_of(name, shared), archive / target)
    index_root = work / (archive.name + "-index")
    indexer.rebuild(archive, index_root)
    by_path = {target: name for name, target in names.items()}
    groups: dict[str, list[tuple[str, str]]] = {}
    ix = store.open_index(index_root)
    with ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            name = by_path[stored[F.PATH]]
            reason = str(stored.get(F.PAIR_REASON) or "")
            groups.setdefault(stored[F.PAIR], []).append((name, reason))
    ix.close()
    links: dict[frozenset[str], str] = {}
    for members in groups.values():
        for i, (a, _) in enumerate(members):
            for b, reason in members[i + 1 :]:
                links[frozenset((a, b))] = reason or members[0][1]
    correct = sum(1 for link in links if link in gold.pairs)
    missed = tuple(sorted((p for p in gold.pairs if p not in links), key=sorted))
    return Outcome(len(links), correct, len(gold.pairs), links, missed)


def margins(gold: Gold, shared: Path | None) -> tuple[tuple[float, str], tuple[float, str]]:
    """(lowest word share of a gold pair, highest of two releases of other languages
    within the date window that are no pair), each with the releases: the gap the
    thresholds sit in."""
    items: dict[str, EnrichedRelease] = {}
    for name in gold.files:
        path = source_of(name, shared)
        found, _errors = load_file(path.parent, path.name, 64 * 1024 * 1024)
        items[name] = found[0]
    lowest, highest = (2.0, ""), (-1.0, "")
    for a, b in ((a, b) for a in items for b in items if a < b):
        x, y = items[a], items[b]
        if x.meta.date and y.meta.date and abs((x.meta.date - y.meta.date).days) > WINDOW_DAYS:
            continue
        share = word_share(x, y)
        if share is None:
            continue
        label = f"{a} + {b}"
        if frozenset((a, b)) in gold.pairs:
            lowest = min(lowest, (share, label))
        else:
            highest = max(highest, (share, label))
    return lowest, highest


def _row(label: str, outcome: Outcome) -> str:
    return (
        f"| {label} | {outcome.gold} | {outcome.linked} | {outcome.correct} | "
        f"{outcome.precision:.2f} | {outcome.recall:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pairs", action="store_true", help="print each link and miss")
    args = parser.parse_args(argv)
    shared = args.shared if (args.shared / SHARED_SET).is_dir() else None
    if shared is None:
        print(f"({args.shared / SHARED_SET} not found: its eight pairs are left out)")
    gold = load_gold(shared)
    print(f"{len(gold.files)} releases, {len(gold.pairs)} gold pairs")
    print("| names | gold pairs | linked | correct | precision | recall |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for neutral in (False, True):
            outcome = measure(gold, shared, neutral=neutral, work=Path(tmp))
            print(_row("r001 ..." if neutral else "original", outcome), flush=True)
            if args.pairs:
                for link, reason in sorted(outcome.links.items(), key=lambda x: sorted(x[0])):
                    mark = "ok " if link in gold.pairs else "BAD"
                    print(f"    {mark} {' + '.join(sorted(link))}: {reason}")
                for pair in outcome.missed:
                    print(f"    missed {' + '.join(sorted(pair))}")
    lowest, highest = margins(gold, shared)
    print(f"lowest word share of a pair: {lowest[0]:.2f} ({lowest[1]})")
    print(f"highest of two releases that are no pair: {highest[0]:.2f} ({highest[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
