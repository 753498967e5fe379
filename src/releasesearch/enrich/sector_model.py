"""Which of the sectors a release's cues point to are given: a small learned decision.

The cue scan (:mod:`releasesearch.enrich.sectors`) says how strongly a release speaks
of each sector, field by field. Fixed thresholds on that score gave too many
secondary sectors (a finance or AI mention that a reader filtering by it would not
want) and still missed some main ones; how much evidence is enough differs per
sector and per field. So the decision is a logistic model over a handful of
features of each candidate sector (its score, its share of the best and of all
scores, its rank, where its cues stand, how much comes from cues that say the
sector on their own, how many distinct cues hit, whether it stands beside a strong
crypto sector, a per-sector prior), trained by ``scripts/train_sectors.py`` with
scikit-learn on the hand labels of the gold set's dev part and stored as plain
weights in ``data/sector_model.json``. Evaluating it is a few multiplications per
candidate, so the package needs no library for it, and the weights are read only
when the first release is classified.

A release gets its most probable sector when that one reaches ``main_threshold``,
and each further one that reaches ``other_threshold``, at most three, main first;
none when even the best is unlikely.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import mul
from typing import Any

from releasesearch.vocab.sectors import MAX_SECTORS


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a release's cues say for one sector: the weighted score of each field."""

    title: float
    lead: float
    body: float
    about: float
    strong: float  # the part of the score that cues of the top weight give
    cues: int  # distinct cue terms that hit, over all fields

    @property
    def score(self) -> float:
        return self.title + self.lead + self.body + self.about


FEATURES = (
    "log_score",
    "share_of_best",
    "best",
    "second",
    "third",
    "log_title",
    "log_lead",
    "log_body",
    "log_about",
    "log_cues",
    "strong_share",
    "share_of_all",
    "beside_crypto",
    "german",
)
# Crypto releases call everything AI-powered and talk of trading and yields: beside a strong
# crypto sector, these two need more evidence (eval/sectors/RULES.md).
CRYPTO = "blockchain-crypto"
BESIDE_CRYPTO = frozenset({"ai-digital", "finance-insurance"})


def features(evidence: dict[str, Evidence], german: bool) -> list[tuple[str, tuple[float, ...]]]:
    """Each candidate sector (any cue hit) with its feature vector, best score first.

    The same function feeds training and classification, so the two cannot drift apart.
    """
    ranked = sorted(evidence.items(), key=lambda kv: (-kv[1].score, kv[0]))
    if not ranked:
        return []
    best = ranked[0][1].score or 1.0
    total = sum(ev.score for _sid, ev in ranked) or 1.0
    crypto = CRYPTO in evidence and evidence[CRYPTO].score >= 0.5 * best
    rows: list[tuple[str, tuple[float, ...]]] = []
    for rank, (sid, ev) in enumerate(ranked):
        rows.append(
            (
                sid,
                (
                    math.log1p(ev.score),
                    ev.score / best,
                    float(rank == 0),
                    float(rank == 1),
                    float(rank == 2),
                    math.log1p(ev.title),
                    math.log1p(ev.lead),
                    math.log1p(ev.body),
                    math.log1p(ev.about),
                    math.log1p(ev.cues),
                    ev.strong / (ev.score or 1.0),
                    ev.score / total,
                    float(crypto and sid in BESIDE_CRYPTO),
                    float(german),
                ),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Model:
    """The trained weights: one per feature, a prior per sector, and the two thresholds."""

    weights: tuple[float, ...]
    intercept: float
    prior: dict[str, float]
    main_threshold: float
    other_threshold: float

    def probability(self, sector: str, vector: tuple[float, ...]) -> float:
        z = self.intercept + self.prior.get(sector, 0.0) + sum(map(mul, self.weights, vector))
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, evidence: dict[str, Evidence], german: bool) -> tuple[str, ...]:
        """The sectors given, most probable first; () when even the best is unlikely."""
        scored = sorted(
            ((self.probability(sid, vec), sid) for sid, vec in features(evidence, german)),
            key=lambda pv: (-pv[0], pv[1]),
        )
        if not scored or scored[0][0] < self.main_threshold:
            return ()
        others = [s for p, s in scored[1:MAX_SECTORS] if p >= self.other_threshold]
        return (scored[0][1], *others)


def model_from_dict(data: dict[str, Any]) -> Model:
    """A model from its JSON form.

    :raises ValueError: the file names other features than :data:`FEATURES` (it was
        trained for another version of this module).
    """
    weights = data["weights"]
    if tuple(weights) != FEATURES:
        raise ValueError(f"sector model features are not {FEATURES}")
    return Model(
        weights=tuple(float(weights[f]) for f in FEATURES),
        intercept=float(data["intercept"]),
        prior={str(k): float(v) for k, v in data["prior"].items()},
        main_threshold=float(data["main_threshold"]),
        other_threshold=float(data["other_threshold"]),
    )


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read on first use (only the indexing process classifies)."""
    raw = resources.files("releasesearch.enrich").joinpath("data").joinpath("sector_model.json")
    return model_from_dict(json.loads(raw.read_text("utf-8")))
