"""Queries and relevance judgments (qrels), read from TSV files.

``queries.tsv``: ``id  language  kind  query`` with kind = question | known-item |
keyword. ``qrels.tsv``: ``query_id  path  row  grade``: a release named by its file
(``data/...`` below ``../shared/data``, ``archive/...`` below the repository) and
its row key ("" for a whole file); grade 2 answers the query, 1 answers part of it.

Half the queries tune the ranking and half are held out to report it; which half a
query belongs to follows from its id alone (:func:`split_of`), so adding queries
never moves old ones between halves.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ranking_eval.corpus import Item

KINDS = ("question", "known-item", "keyword")
SPLITS = ("tune", "test")


@dataclass(frozen=True, slots=True)
class Query:
    """One query with the releases that answer it (item -> grade)."""

    id: str
    language: str
    kind: str
    text: str
    relevant: dict[Item, int] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(query_id: str) -> str:
    """``tune`` or ``test``, from the query id's hash (stable as the set grows)."""
    return SPLITS[hashlib.sha1(query_id.encode()).digest()[0] % 2]


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def load(queries: Path, qrels: Path) -> list[Query]:
    """The judged queries, in file order.

    :raises ValueError: for an unknown kind, a duplicate id, or a judgment of an unknown query.
    """
    found: dict[str, Query] = {}
    for row in _rows(queries):
        if row["kind"] not in KINDS:
            raise ValueError(f"{row['id']}: kind must be one of {', '.join(KINDS)}")
        if row["id"] in found:
            raise ValueError(f"{row['id']}: duplicate query id")
        found[row["id"]] = Query(row["id"], row["language"], row["kind"], row["query"])
    for row in _rows(qrels):
        query = found.get(row["query_id"])
        if query is None:
            raise ValueError(f"qrels name an unknown query: {row['query_id']}")
        query.relevant[Item(row["path"], row["row"])] = int(row["grade"])
    return list(found.values())


def load_batch(lines: Path, qrels: Path, language: str) -> list[Query]:
    """An external question set: one query per line (as ``search --batch`` reads them)
    and qrels whose ``query_id`` is the 1-based line number."""
    texts = [t.strip() for t in lines.read_text(encoding="utf-8").splitlines() if t.strip()]
    queries = {str(n): Query(str(n), language, "question", t) for n, t in enumerate(texts, 1)}
    for row in _rows(qrels):
        queries[row["query_id"]].relevant[Item(row["path"], row["row"])] = int(row["grade"])
    return list(queries.values())


def judged_items(queries: Iterable[Query]) -> set[Item]:
    return {item for q in queries for item in q.relevant}
