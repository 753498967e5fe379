"""Train the sector decision model on the gold set's dev part; compare it with the alternatives.

Run from the repository root, with scikit-learn installed (``pip install -e '.[train]'``)::

    python scripts/train_sectors.py [--data ../shared/data] [--write]

Three ways of turning a release into sectors are scored by 5-fold cross-validation on the dev
part (folds by a hash of the release, so both halves of an FSFE pair stay together), each with
its decision thresholds chosen on the out-of-fold predictions:

* ``rules``: the cue scores with the fixed thresholds used before the model (the baseline);
* ``model``: a logistic regression over the features of each candidate sector
  (:mod:`releasesearch.enrich.sector_model`), the decision the package ships;
* ``tfidf``: one logistic regression per sector over tf-idf of title, lead, About and body
  (title and lead repeated, so they weigh more), the text classifier the issue suggested.

``--write`` fits the model on the whole dev part and writes its weights, thresholds and these
cross-validation figures to ``src/releasesearch/enrich/data/sector_model.json``. The held-out
part and the blind set are never read here: ``scripts/accuracy_sectors.py`` scores them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from accuracy_sectors import GOLD, LANGUAGES, REPO, Gold, Reader, in_split, load_gold
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from releasesearch.enrich.sector_model import FEATURES, Evidence, features
from releasesearch.enrich.sectors import LEAD_CHARS, declared_sectors, sector_evidence
from releasesearch.model import Release
from releasesearch.vocab.sectors import MAX_SECTORS, SECTORS

FOLDS = 5
OUT = REPO / "src" / "releasesearch" / "enrich" / "data" / "sector_model.json"
TARGETS = {"precision": 0.90, "recall": 0.80, "main": 0.85, "none": 0.10}
GRID = [round(0.05 * i, 2) for i in range(2, 19)]  # candidate thresholds 0.10 .. 0.90
TIE = 0.005  # objectives this close are a tie (about one sector in the smaller language)


@dataclass(frozen=True, slots=True)
class Item:
    """One dev release: its gold labels, language, cue evidence and the text for tf-idf.

    ``declared`` are the sectors its metadata names (a police CSV's category): those win
    over any classifier, so such releases are scored as they are but never trained on.
    """

    gold: Gold
    language: str
    evidence: dict[str, Evidence]
    text: str
    declared: tuple[str, ...]

    @property
    def fold(self) -> int:
        key = re.sub(r"\.(en|de)\.", ".", self.gold.key)
        return int(hashlib.sha256(f"sectors-cv:{key}".encode()).hexdigest()[:8], 16) % FOLDS


def load_items(reader: Reader) -> list[Item]:
    items = []
    for language in LANGUAGES:
        for gold in load_gold(language):
            if in_split(gold, "dev"):
                release = reader.release(gold)
                declared = declared_sectors(release.declared.sectors)
                evidence = _evidence(release, language)
                items.append(Item(gold, language, evidence, _text(release), declared))
    return items


def _evidence(release: Release, language: str) -> dict[str, Evidence]:
    return sector_evidence(release.body, release.title, release.about, language)


def _text(release: Release) -> str:
    lead = release.body[:LEAD_CHARS]
    return " ".join((release.title,) * 3 + (lead,) * 2 + (release.about,) * 2 + (release.body,))


# --- the decision from per-sector probabilities, and its figures ---------------------------

Probs = dict[str, float]


def decide(probs: Probs, main: float, other: float) -> tuple[str, ...]:
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < main:
        return ()
    return (ranked[0][0], *(s for s, p in ranked[1:MAX_SECTORS] if p >= other))


def given_by(
    items: Sequence[Item], probs: Sequence[Probs], main: float, other: float
) -> list[tuple[str, ...]]:
    """What each release gets: its declared sectors, else the decision over the probabilities."""
    return [i.declared or decide(p, main, other) for i, p in zip(items, probs, strict=True)]


def figures(items: Sequence[Item], given: Sequence[tuple[str, ...]]) -> dict[str, float]:
    """Precision, recall, main sector given and no-sector given one, as the accuracy script."""
    pairs = list(zip(items, given, strict=True))
    hits = sum(len(set(g) & set(i.gold.sectors)) for i, g in pairs)
    n_given = sum(len(g) for _i, g in pairs)
    n_gold = sum(len(i.gold.sectors) for i, _g in pairs)
    labelled = [(i, g) for i, g in pairs if i.gold.sectors]
    empty = [g for i, g in pairs if not i.gold.sectors]
    return {
        "precision": hits / n_given if n_given else 0.0,
        "recall": hits / n_gold if n_gold else 0.0,
        "main": sum(i.gold.sectors[0] in g for i, g in labelled) / max(1, len(labelled)),
        "none": sum(bool(g) for g in empty) / len(empty) if empty else 0.0,
    }


def objective(items: Sequence[Item], given: Sequence[tuple[str, ...]]) -> float:
    """How close the worst of precision, recall and main sector comes to its target, per language.

    The share of no-sector releases given one only breaks ties: the dev part holds five such
    releases, too few to trade recall against.
    """
    ratios = []
    for language in LANGUAGES:
        part = [(i, g) for i, g in zip(items, given, strict=True) if i.language == language]
        f = figures([i for i, _g in part], [g for _i, g in part])
        ratios += [f["precision"] / 0.90, f["recall"] / 0.80, f["main"] / 0.85]
    pooled = figures(items, given)["none"]
    capped = [min(r, 1.0) for r in ratios]
    return min(capped) + 0.01 * sum(capped) + 0.01 * (1.0 - pooled)


def best_thresholds(items: Sequence[Item], probs: Sequence[Probs]) -> tuple[float, float, float]:
    """The thresholds with the best objective; among those within ``TIE`` of it, the highest.

    The objective is flat near its best (one sector more or less moves it by a few
    thousandths), and an empty sector misleads less than a wrong one, so a near-tie goes
    to the stricter thresholds.
    """
    scored = []
    for main in GRID:
        for other in (t for t in GRID if t >= main):
            scored.append((objective(items, given_by(items, probs, main, other)), main, other))
    best = max(score for score, _main, _other in scored)
    return max(
        ((score, main, other) for score, main, other in scored if score >= best - TIE),
        key=lambda smo: (smo[2], smo[1]),
    )


# --- the three classifiers ------------------------------------------------------------------

Fit = Callable[[Sequence[Item], Sequence[Item]], list[Probs]]


def rules(_train: Sequence[Item], test: Sequence[Item]) -> list[Probs]:
    """The former fixed rule as probabilities: 1 for what it gave, else 0 (nothing to fit)."""
    out = []
    for item in test:
        ranked = sorted(item.evidence.items(), key=lambda kv: (-kv[1].score, kv[0]))
        given: Probs = {}
        if ranked and ranked[0][1].score >= 6.0:
            floor = max(6.0, 0.5 * ranked[0][1].score)
            given[ranked[0][0]] = 1.0
            given.update({s: 0.99 for s, e in ranked[1:MAX_SECTORS] if e.score >= floor})
        out.append(given)
    return out


def _pairs(
    items: Sequence[Item],
) -> tuple[list[str], list[tuple[float, ...]], list[int], list[int]]:
    sids, rows, labels, owner = [], [], [], []
    for n, item in enumerate(items):
        if item.declared:
            continue
        for sid, vector in features(item.evidence, item.language == "de"):
            sids.append(sid)
            rows.append(vector)
            labels.append(int(sid in item.gold.sectors))
            owner.append(n)
    return sids, rows, labels, owner


def _design(sids: Sequence[str], rows: Sequence[tuple[float, ...]]) -> np.ndarray:
    ids = [s.id for s in SECTORS]
    onehot = np.array([[float(s == i) for i in ids] for s in sids])
    return np.hstack([np.array(rows), onehot])


def fit_model(train: Sequence[Item], c: float) -> LogisticRegression:
    sids, rows, labels, _owner = _pairs(train)
    return LogisticRegression(C=c, max_iter=2000).fit(_design(sids, rows), labels)


def model_probs(fitted: LogisticRegression, test: Sequence[Item]) -> list[Probs]:
    sids, rows, _labels, owner = _pairs(test)
    out: list[Probs] = [{} for _ in test]
    if sids:
        for sid, n, p in zip(
            sids, owner, fitted.predict_proba(_design(sids, rows))[:, 1], strict=True
        ):
            out[n][sid] = float(p)
    return out


def model_fit(c: float) -> Fit:
    return lambda train, test: model_probs(fit_model(train, c), test)


def tfidf_fit(c: float) -> Fit:
    def fit(train: Sequence[Item], test: Sequence[Item]) -> list[Probs]:
        vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5)
        x_train = vec.fit_transform([i.text for i in train])
        x_test = vec.transform([i.text for i in test])
        out: list[Probs] = [{} for _ in test]
        for sector in (s.id for s in SECTORS):
            y = [int(sector in i.gold.sectors) for i in train]
            if sum(y) < 2:
                continue
            clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x_train, y)
            for n, p in enumerate(clf.predict_proba(x_test)[:, 1]):
                out[n][sector] = float(p)
        return out

    return fit


def cross_validate(items: Sequence[Item], fit: Fit) -> list[Probs]:
    """Out-of-fold probabilities for every item."""
    probs: list[Probs] = [{} for _ in items]
    for fold in range(FOLDS):
        train = [i for i in items if i.fold != fold]
        test_idx = [n for n, i in enumerate(items) if i.fold == fold]
        for n, p in zip(test_idx, fit(train, [items[n] for n in test_idx]), strict=True):
            probs[n] = p
    return probs


def report(name: str, items: Sequence[Item], probs: Sequence[Probs]) -> dict[str, object]:
    score, main, other = best_thresholds(items, probs)
    given = given_by(items, probs, main, other)
    row: dict[str, object] = {"thresholds": [main, other], "objective": round(score, 3)}
    for language in LANGUAGES:
        part = [(i, g) for i, g in zip(items, given, strict=True) if i.language == language]
        f = figures([i for i, _g in part], [g for _i, g in part])
        row[language] = {k: round(v, 3) for k, v in f.items()}
    print(f"{name:<14} thresholds {main:.2f}/{other:.2f}  objective {score:.3f}")
    for language in LANGUAGES:
        f = row[language]
        assert isinstance(f, dict)
        print(
            f"  [{language}] precision {f['precision']:.2f}  recall {f['recall']:.2f}  "
            f"main {f['main']:.2f}  no-sector given one {f['none']:.2f}"
        )
    return row


def show_errors(
    items: Sequence[Item], probs: Sequence[Probs], thresholds: Sequence[float], limit: int
) -> None:
    """Out-of-fold disagreements with the gold labels, with each candidate's probability."""
    given = given_by(items, probs, thresholds[0], thresholds[1])
    shown = 0
    for item, p, g in zip(items, probs, given, strict=True):
        if set(g) != set(item.gold.sectors) and shown < limit:
            shown += 1
            top = sorted(p.items(), key=lambda kv: -kv[1])[:4]
            print(
                f"  {item.gold.key[-90:]}\n    gold {','.join(item.gold.sectors) or '-'}  "
                f"given {','.join(g) or '-'}  | " + " ".join(f"{s}:{v:.2f}" for s, v in top)
            )


def write(
    items: Sequence[Item], c: float, thresholds: Sequence[float], cv: dict[str, object]
) -> None:
    fitted = fit_model(items, c)
    coef = [float(w) for w in fitted.coef_[0]]
    n = len(FEATURES)
    data = {
        "_doc": (
            "Weights of the sector decision (releasesearch.enrich.sector_model): a logistic "
            "model over the features of each candidate sector plus a prior per sector, written "
            "by scripts/train_sectors.py --write from the dev part of eval/sectors/ (the held-out "
            "part and the blind set are not used). 'cross_validation' are its 5-fold figures."
        ),
        "weights": {f: round(w, 6) for f, w in zip(FEATURES, coef[:n], strict=True)},
        "intercept": round(float(fitted.intercept_[0]), 6),
        "prior": {s.id: round(w, 6) for s, w in zip(SECTORS, coef[n:], strict=True)},
        "main_threshold": thresholds[0],
        "other_threshold": thresholds[1],
        "regularisation_c": c,
        "trained_on": {lang: sum(i.language == lang for i in items) for lang in LANGUAGES},
        "cross_validation": cv,
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--write", action="store_true", help="fit on all of dev and write the model"
    )
    parser.add_argument("--tfidf-c", type=float, nargs="*", default=[1.0, 10.0])
    parser.add_argument("--errors", type=int, default=0, help="list this many CV disagreements")
    parser.add_argument("--c", type=float, nargs="+", default=[0.1, 0.3, 1.0, 3.0])
    args = parser.parse_args()
    if not args.data.is_dir() or not GOLD.is_dir():
        print(f"no data folder at {args.data}", file=sys.stderr)
        return 2
    items = load_items(Reader(args.data))
    print(f"dev part: {len(items)} releases, {FOLDS}-fold cross-validation\n")
    cv: dict[str, object] = {"rules": report("rules", items, cross_validate(items, rules))}
    best_c, best = args.c[0], -1.0
    for c in args.c:
        probs = cross_validate(items, model_fit(c))
        row = report(f"model C={c}", items, probs)
        cv[f"model C={c}"] = row
        if float(row["objective"]) > best:  # type: ignore[arg-type]
            best_c, best = c, float(row["objective"])  # type: ignore[arg-type]
        if args.errors:
            show_errors(items, probs, row["thresholds"], args.errors)  # type: ignore[arg-type]
    for c in args.tfidf_c:
        cv[f"tfidf C={c}"] = report(f"tfidf C={c}", items, cross_validate(items, tfidf_fit(c)))
    if args.write:
        chosen = cv[f"model C={best_c}"]
        assert isinstance(chosen, dict)
        write(items, best_c, chosen["thresholds"], cv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
