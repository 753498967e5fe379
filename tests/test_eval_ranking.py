"""The ranking evaluation's parts: metrics, the BM25 baseline, judgments, and one end-to-end run.

The harness decides which ranking choices are kept, so its arithmetic is tested
like product code; the end-to-end run scores an external question set over the
seed releases, as ``--batch`` does for question sets kept outside the repository.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from ranking_eval import metrics  # noqa: E402
from ranking_eval.baseline import BM25, tokens  # noqa: E402
from ranking_eval.corpus import Item  # noqa: E402
from ranking_eval.judgments import load, split_of  # noqa: E402

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def test_first_answer_at_rank_two_scores_a_half() -> None:
    scores = metrics.score(["a", "b", "c"], {"b": 2}, {})
    assert (scores.mrr, scores.recall, scores.first) == (0.5, 1.0, 2)
    assert scores.ndcg == pytest.approx(1 / math.log2(3))


def test_answer_below_ten_counts_for_recall_only() -> None:
    ranking = [f"d{i}" for i in range(20)]
    scores = metrics.score(ranking, {"d12": 2}, {})
    assert (scores.mrr, scores.ndcg, scores.recall, scores.first) == (0.0, 0.0, 1.0, 13)


def test_translation_pair_is_one_answer() -> None:
    groups = {"en": "pair-1", "de": "pair-1"}
    # Both languages judged, the German one shown first: one answer, found at rank 1.
    scores = metrics.score(["de", "x", "en"], {"en": 2, "de": 2}, groups)
    assert scores == metrics.Scores(mrr=1.0, ndcg=1.0, recall=1.0, first=1)


def test_ndcg_weighs_grades() -> None:
    scores = metrics.score(["partial", "full"], {"full": 2, "partial": 1}, {})
    ideal = 3 + 1 / math.log2(3)
    assert scores.ndcg == pytest.approx((1 + 3 / math.log2(3)) / ideal)


def test_bm25_ranks_the_rarer_word_higher() -> None:
    bm25 = BM25([("a", "stuttgart nanjing"), ("b", "nanjing nanjing"), ("c", "berlin")])
    assert bm25.search("Stuttgart Nanjing?", 10) == ["a", "b"]
    assert tokens("Was ist die NASUWT?") == ["was", "ist", "die", "nasuwt"]


def test_split_is_fixed_by_the_id() -> None:
    ids = ("en-001", "en-002", "de-001", "de-002")
    assert [split_of(q) for q in ids] == ["tune", "test", "test", "tune"]


def test_judgments_load_by_path_and_row(tmp_path: Path) -> None:
    (tmp_path / "q.tsv").write_text(
        "id\tlanguage\tkind\tquery\nq1\tde\tquestion\tWo brannte es?\n", encoding="utf-8"
    )
    (tmp_path / "r.tsv").write_text(
        "query_id\tpath\trow\tgrade\nq1\tdata/x.csv\t17\t2\nq1\tarchive/a.txt\t\t1\n",
        encoding="utf-8",
    )
    (query,) = load(tmp_path / "q.tsv", tmp_path / "r.tsv")
    assert query.relevant == {Item("data/x.csv", "17"): 2, Item("archive/a.txt"): 1}


def test_external_question_set_end_to_end(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(SEEDS, archive)
    (tmp_path / "questions.txt").write_text(
        "Who led the Nanjing delegation to Germany?\n"
        "How many sister cities does Changzhou have in Germany?\n",
        encoding="utf-8",
    )
    (tmp_path / "qrels.tsv").write_text(
        "query_id\tpath\trow\tgrade\n1\t002_2b7d03b8d94b1048.txt\t\t2\n"
        "2\t004_fdc124adaf6433fa.txt\t\t2\n",
        encoding="utf-8",
    )
    cmd = [
        sys.executable,
        str(REPO / "scripts" / "eval_ranking.py"),
        "--batch",
        str(tmp_path / "questions.txt"),
        "--batch-qrels",
        str(tmp_path / "qrels.tsv"),
        "--archive",
        str(archive),
        "--language",
        "en",
        "--per-query",
        str(tmp_path / "ranks.tsv"),
    ]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=240, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| en | **all** | 2 |" in proc.stdout
    ranks = (tmp_path / "ranks.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[4] for line in ranks[1:]] == ["1", "1"]  # BM25 finds both
