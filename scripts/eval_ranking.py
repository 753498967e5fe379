"""Ranking quality of releasesearch against a plain BM25, on hand-judged queries.

Run from the repository root (``make eval``; prints a Markdown table, writes nothing
into the repository)::

    python scripts/eval_ranking.py [--data ../shared/data] [--split all|tune|test]
    python scripts/eval_ranking.py --batch questions.txt --batch-qrels qrels.tsv \\
        --archive DIR [--language en]

The first form indexes the fixed corpus of :mod:`ranking_eval.corpus` (judged
releases from ``../shared/data`` and ``archive/`` plus distractors from the same
sets) and scores the queries of ``eval/ranking/``. The second scores any other
question set: one query per line, as ``releasesearch search --batch`` reads them,
qrels keyed by line number, releases named by their path below ``DIR`` (and row).

Every query goes through releasesearch's library (SearchService + SearchRequest,
top 100) and through the BM25 of :mod:`ranking_eval.baseline` over the same
titles and bodies. Reported per language and kind: MRR@10, nDCG@10, recall@100.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ranking_eval import corpus, judgments, metrics, system
from ranking_eval.baseline import BM25
from ranking_eval.judgments import Query

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "eval" / "ranking"
SYSTEMS = ("releasesearch", "BM25")
LIMIT = metrics.RECALL_AT


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    system: str
    scores: metrics.Scores
    above: tuple[str, ...] = ()  # unjudged releases ranked above the first answer (top 10)


def _archive_fill(source: Path) -> Callable[[Path], None]:
    def fill(archive: Path) -> None:
        shutil.copytree(source, archive)

    return fill


def _archive_key(source: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(source.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest.update(f"{path.relative_to(source)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build(args: argparse.Namespace, queries: list[Query]) -> Path:
    """The index to evaluate (cached): the fixed corpus, or the ``--archive`` folder."""
    if args.archive:
        source = Path(args.archive)
        key, fill, size = _archive_key(source), _archive_fill(source), None
    else:
        items = corpus.select(args.data, REPO, judgments.judged_items(queries))
        key, size = corpus.corpus_hash(items), len(items)

        def fill(archive: Path) -> None:
            corpus.materialise(items, args.data, REPO, archive)

    key = hashlib.sha1(f"{key}:{system.code_hash()}".encode()).hexdigest()
    started = time.perf_counter()
    index_root, built = system.ensure_index(key, fill)
    what = f"{size} corpus items" if size else str(args.archive)
    state = f"built in {time.perf_counter() - started:.0f} s" if built else "cached"
    print(f"index of {what}: {state} ({index_root.parent.name[:12]})", file=sys.stderr)
    return index_root


def relevant_ids(queries: list[Query], docs: list[system.Doc]) -> dict[str, dict[str, int]]:
    """Per query, the judged releases as releasesearch ids.

    :raises SystemExit: when a judged release is not in the index (a wrong path or row).
    """
    by_item = {d.item: d.id for d in docs}
    missing = sorted({i.key for q in queries for i in q.relevant if i not in by_item})
    if missing:
        raise SystemExit("judged releases missing from the index:\n  " + "\n  ".join(missing))
    return {q.id: {by_item[i]: g for i, g in q.relevant.items()} for q in queries}


def run(queries: list[Query], index_root: Path, translate: str = "off") -> list[Outcome]:
    docs = list(system.documents(index_root))
    group_of = {d.id: d.group for d in docs}
    relevant = relevant_ids(queries, docs)
    baseline = BM25((d.id, d.text) for d in docs)
    engine = system.Releasesearch(index_root, translate)
    outcomes = []
    try:
        for q in queries:
            rankings = {
                "releasesearch": engine.search(q.text, LIMIT),
                "BM25": baseline.search(q.text, LIMIT + 50),  # pairs collapse to one answer
            }
            for name, ranking in rankings.items():
                scored = metrics.score(ranking, relevant[q.id], group_of)
                stop = min(scored.first or metrics.MRR_AT + 1, metrics.MRR_AT + 1) - 1
                above = tuple(metrics.collapse(ranking, group_of)[:stop])
                outcomes.append(Outcome(q, name, scored, above))
    finally:
        engine.close()
    print(f"{len(docs)} releases indexed, {len(queries)} queries", file=sys.stderr)
    return outcomes


def _cells(outcomes: Sequence[Outcome]) -> list[str]:
    cells = []
    for attr in ("mrr", "ndcg", "recall"):
        for name in SYSTEMS:
            values = [getattr(o.scores, attr) for o in outcomes if o.system == name]
            cells.append(f"{metrics.mean(values):.3f}")
    return cells


def table(outcomes: list[Outcome]) -> str:
    """Markdown: one row per language and kind, releasesearch beside BM25 for each metric."""
    head = ["language", "kind", "queries"] + [
        f"{m} {s}" for m in ("MRR@10", "nDCG@10", "R@100") for s in SYSTEMS
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    languages = sorted({o.query.language for o in outcomes})
    for lang in languages:
        for kind in ("all", *judgments.KINDS):
            chosen = [
                o for o in outcomes if o.query.language == lang and kind in ("all", o.query.kind)
            ]
            n = len(chosen) // len(SYSTEMS)
            if n:
                label = f"**{kind}**" if kind == "all" else kind
                lines.append("| " + " | ".join([lang, label, str(n), *_cells(chosen)]) + " |")
    return "\n".join(lines)


def per_query(outcomes: list[Outcome], path: Path) -> None:
    """Tab-separated: query, split, kind, then each system's rank of the first answer."""
    by_query: dict[str, dict[str, metrics.Scores]] = {}
    texts = {}
    for o in outcomes:
        by_query.setdefault(o.query.id, {})[o.system] = o.scores
        texts[o.query.id] = o.query
    with path.open("w", encoding="utf-8") as out:
        out.write("id\tsplit\tkind\t" + "\t".join(f"first {s}" for s in SYSTEMS) + "\tquery\n")
        for qid, scores in by_query.items():
            q = texts[qid]
            firsts = [str(scores[s].first or "-") for s in SYSTEMS]
            out.write("\t".join([qid, q.split, q.kind, *firsts, q.text]) + "\n")


def pool(outcomes: list[Outcome], index_root: Path, path: Path) -> None:
    """Unjudged releases that outrank a query's first answer: the ones to judge next."""
    titles = {d.group: (d.id, d.text.split("\n", 1)[0]) for d in system.documents(index_root)}
    with path.open("w", encoding="utf-8") as out:
        for o in outcomes:
            for rank, group in enumerate(o.above, 1):
                key, title = titles.get(group, (group, ""))
                out.write(f"{o.query.id}\t{o.system}\t{rank}\t{key}\t{title}\t{o.query.text}\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="the shared data sets (default ../shared/data)",
    )
    parser.add_argument("--queries", type=Path, default=EVAL / "queries.tsv")
    parser.add_argument("--qrels", type=Path, default=EVAL / "qrels.tsv")
    parser.add_argument(
        "--split",
        choices=("all", *judgments.SPLITS),
        default="all",
        help="tune: the queries ranking choices were made on; test: the held-out rest",
    )
    parser.add_argument("--batch", type=Path, help="external queries, one per line")
    parser.add_argument(
        "--batch-qrels", type=Path, help="qrels of --batch (query_id = line number)"
    )
    parser.add_argument("--archive", type=Path, help="index this folder instead of the corpus")
    parser.add_argument("--language", default="xx", help="language label of --batch queries")
    parser.add_argument("--per-query", type=Path, help="write each query's first-answer ranks here")
    parser.add_argument("--json", type=Path, help="write the mean scores here as JSON")
    parser.add_argument(
        "--pool", type=Path, help="write the unjudged releases ranked above each first answer here"
    )
    parser.add_argument(
        "--translate",
        choices=("auto", "off"),
        default="off",
        help="auto: queries also search the other language (needs the FreeDict dictionaries)",
    )
    args = parser.parse_args(argv)
    if args.batch and not (args.batch_qrels and args.archive):
        parser.error("--batch needs --batch-qrels and --archive")
    return args


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for o in outcomes:
        for kind in ("all", o.query.kind):
            out.setdefault(f"{o.query.language}/{kind}", {}).setdefault(o.system, {})
    for key, systems in out.items():
        lang, kind = key.split("/")
        for name in systems:
            chosen = [
                o.scores
                for o in outcomes
                if o.system == name and o.query.language == lang and kind in ("all", o.query.kind)
            ]
            systems[name] = {
                m: round(metrics.mean([getattr(s, m) for s in chosen]), 4)
                for m in ("mrr", "ndcg", "recall")
            } | {"queries": len(chosen)}
    return out


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.batch:
        queries = judgments.load_batch(args.batch, args.batch_qrels, args.language)
    else:
        queries = judgments.load(args.queries, args.qrels)
    index_root = build(args, queries)  # the corpus holds every judged release, whatever the split
    if args.split != "all":
        queries = [q for q in queries if q.split == args.split]
    outcomes = run(queries, index_root, args.translate)
    print(f"\nSplit: {args.split}\n\n{table(outcomes)}")
    if args.per_query:
        per_query(outcomes, args.per_query)
    if args.pool:
        pool(outcomes, index_root, args.pool)
    if args.json:
        args.json.write_text(json.dumps(summary(outcomes), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
