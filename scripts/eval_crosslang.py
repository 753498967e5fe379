"""Cross-language retrieval: MRR@10 and recall@10 of releasesearch beside plain baselines.

Run from the repository root (prints a table; writes only to the scratch folder)::

    python scripts/eval_crosslang.py [--data ../shared/data] [--work DIR] [--fresh]
                                     [--only releasesearch|baseline] [--show N]

Each direction indexes one language only and asks the other: the hand-written
English questions of ``eval/crosslang/questions_en.tsv`` are asked of a German-only
corpus, the German ones of an English-only corpus (see ``crosslang_corpus.py``).
Each question has one relevant release.  Three runs per direction:

- ``releasesearch``: the archive indexed by ``releasesearch index`` and each
  question sent, as typed, through ``releasesearch search --batch``;
- ``bm25``: plain BM25 over the question's own words (names and numbers match);
- ``bm25+dict``: the same BM25 with every word translated by FreeDict into one
  synonym set (``crosslang_baseline.py``), the baseline the issue measures against.

The indexes are kept in the scratch folder (default: the user's cache folder) and
reused; ``--fresh`` rebuilds them (needed after analysis changes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslang_baseline import BM25, dictionary, synonym_sets  # noqa: E402
from crosslang_corpus import (  # noqa: E402
    REPO,
    Question,
    corpus_language,
    documents,
    gold_key,
    questions,
    write_archive,
)

DEPTH = 10
Key = tuple[str, str]


def reciprocal_rank(ranking: Sequence[Key], wanted: Key) -> float:
    """1/rank of ``wanted`` within the first DEPTH of ``ranking``, else 0."""
    for rank, key in enumerate(ranking[:DEPTH], 1):
        if key == wanted:
            return 1.0 / rank
    return 0.0


def summary(ranks: list[float]) -> tuple[float, float, int]:
    """(MRR@10, recall@10, questions with nothing relevant in the top 10)."""
    found = sum(1 for r in ranks if r > 0)
    return sum(ranks) / len(ranks), found / len(ranks), len(ranks) - found


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("releasesearch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "releasesearch.cli"]


def releasesearch_rankings(
    data: Path, work: Path, language: str, asked: list[Question], fresh: bool, extra: Sequence[str]
) -> list[list[Key]]:
    """The top-10 gold keys releasesearch returns for each question."""
    archive, index = work / f"archive-{language}", work / f"index-{language}"
    if fresh or not index.exists():
        write_archive(data, language, archive)
        start = time.perf_counter()
        subprocess.run(
            [
                *_cli(),
                "index",
                "--archive",
                str(archive),
                "--index",
                str(index),
                "--rebuild",
                "--json",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  indexed the {language} corpus in {time.perf_counter() - start:.0f} s")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("".join(q.text.replace("\n", " ") + "\n" for q in asked))
        batch = fh.name
    try:
        out = subprocess.run(
            [
                *_cli(),
                "search",
                "--index",
                str(index),
                "--batch",
                batch,
                "--limit",
                str(DEPTH),
                *extra,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(batch)
    results = [json.loads(line) for line in out.splitlines() if line.strip()]
    return [[gold_key(h["path"], h["id"]) for h in r["hits"]] for r in results]


def baseline_rankings(
    engine: BM25, keys: list[Key], asked: list[Question], source: str, translate: bool
) -> list[list[Key]]:
    """The top-10 gold keys of plain BM25, with or without dictionary translation."""
    language = engine.language
    rankings = []
    for q in asked:
        scores = engine.score(synonym_sets(q.text, source, language, translate))
        top = np.argsort(-scores, kind="stable")[:DEPTH]
        rankings.append([keys[i] for i in top if scores[i] > 0])
    return rankings


def run(args: argparse.Namespace) -> None:
    rows: list[tuple[str, str, tuple[float, float, int]]] = []
    for source in ("en", "de"):
        language = corpus_language(source)
        asked = questions(source)
        print(f"{source} questions -> {language} releases: {len(asked)} questions")
        runs: dict[str, list[list[Key]]] = {}
        if args.only in (None, "releasesearch"):
            runs["releasesearch"] = releasesearch_rankings(
                args.data, args.work, language, asked, args.fresh, args.search_args
            )
        if args.only in (None, "baseline"):
            docs = list(documents(args.data, language))
            engine = BM25((d.text for d in docs), language)
            keys = [d.key for d in docs]
            runs["bm25"] = baseline_rankings(engine, keys, asked, source, False)
            if dictionary(source, language) is None:
                print(
                    "  FreeDict not installed (apt-get install dict-freedict-eng-deu "
                    "dict-freedict-deu-eng): no dictionary baseline"
                )
            else:
                runs["bm25+dict"] = baseline_rankings(engine, keys, asked, source, True)
        for name, rankings in runs.items():
            ranks = [reciprocal_rank(r, q.key) for r, q in zip(rankings, asked, strict=True)]
            rows.append((f"{source} -> {language}", name, summary(ranks)))
            if args.show:
                missed = [q for q, r in zip(asked, ranks, strict=True) if r == 0]
                for q in missed[: args.show]:
                    print(f"    {name} missed {q.qid}: {q.text}")
    print(f"\n{'direction':<10} {'run':<14} {'MRR@10':>7} {'recall@10':>10} {'none':>5}")
    for direction, name, (mrr, recall, none) in rows:
        print(f"{direction:<10} {name:<14} {mrr:7.3f} {recall:10.3f} {none:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "releasesearch"
        / "eval-crosslang",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the indexes")
    parser.add_argument("--only", choices=("releasesearch", "baseline"))
    parser.add_argument("--show", type=int, default=0, help="print N missed questions per run")
    parser.add_argument(
        "--search-args",
        nargs=argparse.REMAINDER,
        default=[],
        help="extra options for releasesearch search (last on the line)",
    )
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"no data folder at {args.data}; pass --data ../shared/data")
    run(args)


if __name__ == "__main__":
    main()
