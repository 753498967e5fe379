"""The fixed evaluation corpus: judged releases plus distractors from the same sets.

A query is only as hard as the releases competing with the right answer, so the
corpus holds, beside every judged release, a deterministic sample of the other
releases of each set (the first ones in the order of the SHA-1 of ``path#row``):
the same corpus on every machine and every run, chosen without looking at any query.

Releases are named as the qrels name them: ``data/<set>/<file>`` for a file of
``../shared/data`` and ``archive/<file>`` for one of the repository's archive, with
the row key releasesearch gives a batch row (the Berlin police URL number, the
10kGNAD line number). Nothing of the data sets is copied into the repository;
:func:`materialise` writes the chosen releases into a temporary archive only.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

NEWSWORTHY = "press_releases_en_newsworthy"
FSFE = "press_releases_en_de_fsfe"
BERLIN = "press_releases_de_berlin_police"
GNAD = "news_de_10kgnad"
BERLIN_FILES = ("berlin_polizei_2022_classified.csv", "berlin_polizei_2023_classified.csv")
GNAD_FILE = "test.csv"

# Distractors per set (judged releases come on top). Sized so that a query meets
# thousands of competitors while a fresh index builds in well under a minute.
SAMPLE = {NEWSWORTHY: 1500, BERLIN: 1000, GNAD: 600}
# archive/ copies of ../shared/data files (samples/markdown, samples/fsfe) are left
# out: the same release twice would make one of them a wrong answer.
ARCHIVE_SKIP = ("archive/samples/markdown/", "archive/samples/fsfe/")
ARCHIVE_SUFFIXES = (".txt", ".md", ".csv", ".jsonl", ".xhtml", ".html")
_URL_NUMBER = re.compile(r"(\d{3,})")


@dataclass(frozen=True, slots=True, order=True)
class Item:
    """One release: its file as the qrels name it, and its row key ("" for a whole file)."""

    path: str
    row: str = ""

    @property
    def key(self) -> str:
        return f"{self.path}#{self.row}" if self.row else self.path


def _rank(item: Item) -> str:
    return hashlib.sha1(item.key.encode()).hexdigest()


def _berlin_key(link: str) -> str:
    """The row key releasesearch gives a Berlin police row: the number in its URL."""
    found = _URL_NUMBER.findall(link.rstrip("/").rsplit("/", 1)[-1])
    return found[-1] if found else ""


def berlin_rows(data: Path) -> Iterator[tuple[Item, dict[str, str]]]:
    for name in BERLIN_FILES:
        with (data / BERLIN / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield Item(f"data/{BERLIN}/{name}", _berlin_key(row["link"])), row


def gnad_rows(data: Path) -> Iterator[tuple[Item, str]]:
    """10kGNAD rows (``category;'text'``, no header) keyed by their 1-based line number."""
    with (data / GNAD / GNAD_FILE).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'"), start=1):
            yield Item(f"data/{GNAD}/{GNAD_FILE}", str(number)), row[1]


def _files(root: Path, folder: str, suffix: str) -> list[Item]:
    base = root / folder
    return [
        Item(f"data/{folder}/{p.relative_to(base).as_posix()}")
        for p in sorted(base.rglob(f"*{suffix}"))
        if p.name not in ("None.md", "SOURCE.md")
    ]


def archive_items(repo: Path) -> list[Item]:
    items = []
    for p in sorted((repo / "archive").rglob("*")):
        rel = p.relative_to(repo).as_posix()
        if p.is_file() and p.suffix in ARCHIVE_SUFFIXES and not rel.startswith(ARCHIVE_SKIP):
            if p.name.upper() != "SOURCE.MD":
                items.append(Item(rel))
    return items


def _sample(candidates: Iterable[Item], judged: set[Item], size: int) -> list[Item]:
    pool = sorted(candidates, key=_rank)
    chosen = [i for i in pool if i in judged] + [i for i in pool if i not in judged][:size]
    return sorted(chosen)


def select(data: Path, repo: Path, judged: Iterable[Item]) -> list[Item]:
    """Every release of the corpus, sorted: judged ones, distractors, all FSFE and archive files.

    A judged batch row is matched by path and row; a judged file by its path.
    """
    wanted = set(judged)
    items = _sample(_files(data, NEWSWORTHY, ".md"), wanted, SAMPLE[NEWSWORTHY])
    items += _files(data, FSFE, ".xhtml")
    items += _sample((i for i, _ in berlin_rows(data)), wanted, SAMPLE[BERLIN])
    items += _sample((i for i, _ in gnad_rows(data)), wanted, SAMPLE[GNAD])
    items += archive_items(repo)
    return sorted(items)


def corpus_hash(items: Iterable[Item]) -> str:
    return hashlib.sha1("\n".join(i.key for i in items).encode()).hexdigest()


def materialise(items: list[Item], data: Path, repo: Path, dest: Path) -> None:
    """Write the corpus as an archive folder: files copied, batch rows as smaller CSVs.

    Copies, not symlinks: the indexer (rightly) ignores links that leave the archive.
    A Berlin police CSV keeps its header and the chosen rows; 10kGNAD becomes an
    ``id,text`` CSV (its title is the opening of the text, as in the data set).
    """
    rows = {i for i in items if i.row}
    for item in items:
        if item.row:
            continue
        src = (repo / item.path) if item.path.startswith("archive/") else data / item.path[5:]
        target = dest / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    by_file: dict[str, list[dict[str, str]]] = {}
    header: list[str] = []
    for item, row in berlin_rows(data):
        header = list(row)
        if item in rows:
            by_file.setdefault(item.path, []).append(row)
    for path, chosen in by_file.items():
        _write_csv(dest / path, header, chosen)
    gnad = [{"id": i.row, "text": text} for i, text in gnad_rows(data) if i in rows]
    if gnad:
        _write_csv(dest / f"data/{GNAD}/{GNAD_FILE}", ["id", "text"], gnad)


def _write_csv(target: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
