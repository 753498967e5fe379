"""The ranking evaluation: a fixed corpus, hand-made judgments, releasesearch and a plain BM25.

``scripts/eval_ranking.py`` is the command; this package holds its parts, one per
step: :mod:`corpus` (which releases are indexed), :mod:`judgments` (queries and
qrels), :mod:`system` (releasesearch's index and answers), :mod:`baseline` (BM25
computed here) and :mod:`metrics`.
"""
