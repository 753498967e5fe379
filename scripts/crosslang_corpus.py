"""The two one-language corpora of the cross-language evaluation, read by path.

English questions are asked of a German-only corpus, German questions of an
English-only one, so every relevant release exists in the other language only
(as in a bilingual archive where a release was published once):

- German corpus: the German side of the FSFE pairs, the German seed, both Berlin
  police CSVs and the 10kGNAD test split;
- English corpus: the English side of the FSFE pairs, the English seeds and the
  Newsworthy Markdown releases.

A release is named as the gold files name it: a path relative to ``../shared/data``
(or ``archive/...`` for the seeds in this repository) plus a row (the Berlin
police press-release number from the link, the 1-based record number of 10kGNAD,
empty for one-release files).  Nothing here is copied into the repository: the
archive an index is built from is written to a scratch folder.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FSFE = "press_releases_en_de_fsfe/2023"
BERLIN = "press_releases_de_berlin_police"
GNAD = "news_de_10kgnad/test.csv"
NEWSWORTHY = "press_releases_en_newsworthy"
SEEDS = {
    "de": ("001_08a2519bc6076cba.txt",),
    "en": (
        "000_1155c7d4176d89c5.txt",
        "002_2b7d03b8d94b1048.txt",
        "003_228523de1d0d3c93.txt",
        "004_fdc124adaf6433fa.txt",
    ),
}
_BERLIN_KEY = re.compile(r"pressemitteilung\.(\d+)\.php")
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
GNAD_ARCHIVE = "news_de_10kgnad/test.jsonl"  # 10kGNAD has no header: written as JSON Lines


@dataclass(frozen=True, slots=True)
class Doc:
    """One release of a corpus: its gold key and its plain text (for the baseline)."""

    path: str
    row: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.path, self.row)


def corpus_language(question_language: str) -> str:
    """The language of the releases a question language is asked of."""
    return "de" if question_language == "en" else "en"


def documents(data: Path, language: str) -> Iterator[Doc]:
    """Every release of the ``language`` corpus with its text."""
    for path in sorted((data / FSFE).glob(f"*.{language}.xhtml")):
        raw = path.read_text(encoding="utf-8")
        yield Doc(f"{FSFE}/{path.name}", "", html.unescape(_TAG.sub(" ", raw)))
    for name in SEEDS[language]:
        yield Doc(f"archive/{name}", "", (REPO / "archive" / name).read_text(encoding="utf-8"))
    if language == "de":
        yield from _berlin(data)
        yield from _gnad(data)
    else:
        for path in sorted((data / NEWSWORTHY).rglob("*.md")):
            text = _MD_LINK.sub(r"\1", path.read_text(encoding="utf-8"))
            yield Doc(str(path.relative_to(data)), "", text)


def _berlin(data: Path) -> Iterator[Doc]:
    for path in sorted((data / BERLIN).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                found = _BERLIN_KEY.search(record["link"])
                if found and record["description"].strip():
                    yield Doc(
                        f"{BERLIN}/{path.name}",
                        found.group(1),
                        f"{record['title']}\n{record['description']}",
                    )


def _gnad_records(data: Path) -> Iterator[tuple[int, str]]:
    with (data / GNAD).open(encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.reader(handle, delimiter=";", quotechar="'"), 1):
            yield number, record[1]


def _gnad(data: Path) -> Iterator[Doc]:
    for number, text in _gnad_records(data):
        yield Doc(GNAD, str(number), text)


def write_archive(data: Path, language: str, target: Path) -> None:
    """The ``language`` corpus as a releasesearch archive under ``target`` (a scratch folder).

    Files are copied under their gold paths so that a hit's path names its gold
    key; 10kGNAD becomes JSON Lines whose ``id`` is the record number.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    sources = [data / FSFE / p.name for p in (data / FSFE).glob(f"*.{language}.xhtml")]
    sources += [REPO / "archive" / name for name in SEEDS[language]]
    if language == "de":
        sources += sorted((data / BERLIN).glob("*.csv"))
    else:
        sources += sorted((data / NEWSWORTHY).rglob("*.md"))
    for source in sources:
        relative = (
            Path("archive") / source.name
            if source.is_relative_to(REPO)
            else source.relative_to(data)
        )
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / relative)
    if language == "de":
        out = target / GNAD_ARCHIVE
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for number, text in _gnad_records(data):
                handle.write(json.dumps({"id": str(number), "text": text}, ensure_ascii=False))
                handle.write("\n")


def gold_key(path: str, release_id: str) -> tuple[str, str]:
    """The gold key of a releasesearch hit (its archive path and its id)."""
    row = release_id.split("#", 1)[1] if "#" in release_id else ""
    if path == GNAD_ARCHIVE:
        return (GNAD, row)
    return (path, row)


@dataclass(frozen=True, slots=True)
class Question:
    qid: str
    text: str
    key: tuple[str, str]


def questions(language: str) -> list[Question]:
    """The hand-written questions in ``language`` (eval/crosslang/questions_<lang>.tsv)."""
    path = REPO / "eval" / "crosslang" / f"questions_{language}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Question(r["qid"], r["question"], (r["path"], r["row"] or "")) for r in rows]
