"""MRR@10, nDCG@10 and recall@100 over ranked lists of releases.

A release and its translation are one answer: releasesearch shows a translation
pair as one hit, so both systems are scored on *groups* (a release with its
translations), a group's grade being the best grade of its judged releases.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MRR_AT = 10
NDCG_AT = 10
RECALL_AT = 100


@dataclass(frozen=True, slots=True)
class Scores:
    mrr: float
    ndcg: float
    recall: float
    first: int | None  # rank of the first relevant answer (1-based), None if not in the list


def graded_groups(relevant: Mapping[str, int], group_of: Mapping[str, str]) -> dict[str, int]:
    """Judged release ids -> their groups' grades (the best grade in a group wins)."""
    grades: dict[str, int] = {}
    for key, grade in relevant.items():
        group = group_of.get(key, key)
        grades[group] = max(grade, grades.get(group, 0))
    return {g: v for g, v in grades.items() if v > 0}


def collapse(ranking: Sequence[str], group_of: Mapping[str, str]) -> list[str]:
    """The groups of a ranked list of release ids, each at its first place."""
    seen: dict[str, None] = {}
    for key in ranking:
        seen.setdefault(group_of.get(key, key), None)
    return list(seen)


def _dcg(gains: Sequence[int]) -> float:
    return sum(((2.0**g - 1) / math.log2(i + 2) for i, g in enumerate(gains)), 0.0)


def score(
    ranking: Sequence[str], relevant: Mapping[str, int], group_of: Mapping[str, str]
) -> Scores:
    """Scores of one ranked list of release ids against one query's judgments."""
    grades = graded_groups(relevant, group_of)
    groups = collapse(ranking, group_of)
    first = next((i + 1 for i, g in enumerate(groups) if g in grades), None)
    mrr = 1 / first if first is not None and first <= MRR_AT else 0.0
    ideal = _dcg(sorted(grades.values(), reverse=True)[:NDCG_AT])
    ndcg = _dcg([grades.get(g, 0) for g in groups[:NDCG_AT]]) / ideal if ideal else 0.0
    found = sum(1 for g in groups[:RECALL_AT] if g in grades)
    recall = found / len(grades) if grades else 0.0
    return Scores(mrr, ndcg, recall, first)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
