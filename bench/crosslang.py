"""What cross-language search costs: each query of the mix translated and not.

Run from the repository root (needs the FreeDict dictionaries)::

    python bench/crosslang.py [--n 10000] [--work DIR] [--passes 10]

Generates (or reuses, with ``--work``) the benchmark archive of ``n`` releases,
indexes it, and times every text query of :data:`queries.MIX` through one
long-lived SearchService twice per pass: with ``translate=auto`` (the query also
searches the other language through its translations) and ``translate=off``.
Every timed request is new to the answer cache.  Prints p50/p95 of both and the
median ratio per query; the target is a translated query at most twice a
same-language one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import queries  # noqa: E402
from worker import latency_summary  # noqa: E402

from releasesearch.config import Settings  # noqa: E402
from releasesearch.index import indexer, store  # noqa: E402
from releasesearch.search.request import SearchRequest  # noqa: E402
from releasesearch.search.service import SearchService  # noqa: E402
from releasesearch.vocab.dictionary import bilingual  # noqa: E402


def prepare(work: Path, n: int) -> Path:
    """The index of the generated archive of ``n`` releases below ``work`` (built once)."""
    archive, index = work / f"archive-{n}", work / f"index-{n}"
    if not archive.exists():
        corpus.generate(archive, n)
    if store.current_dir(index) is None:
        start = time.perf_counter()
        indexer.rebuild(archive, index)
        print(f"indexed {n} releases in {time.perf_counter() - start:.0f} s")
    return index


def measure(index: Path, dictionary: Path, passes: int) -> dict[str, object]:
    service = SearchService(index, dictionary)
    texts = [p for p in queries.MIX if p.get("q")]
    times: dict[str, dict[str, list[float]]] = {"auto": {}, "off": {}}
    translated = 0
    for i in range(passes + 1):
        for params in texts:
            label = queries.label(params)
            for mode in ("auto", "off"):
                args = {**queries.as_args(queries.variant(params, i)), "translate": [mode]}
                req = replace(SearchRequest.from_args(args), extra=(("bench", str(i)),))
                start = time.perf_counter()
                result = service.search(req)
                ms = (time.perf_counter() - start) * 1000
                if i:  # pass 0 warms caches up
                    times[mode].setdefault(label, []).append(ms)
                elif mode == "auto" and result.crosslang is not None:
                    translated += 1
    service.close()
    ratios = {
        label: statistics.median(times["auto"][label]) / statistics.median(times["off"][label])
        for label in times["auto"]
    }
    worst = sorted(ratios.items(), key=lambda kv: -kv[1])[:5]
    return {
        "queries": len(texts),
        "translated_queries": translated,
        "auto": latency_summary([ms for v in times["auto"].values() for ms in v]),
        "off": latency_summary([ms for v in times["off"].values() for ms in v]),
        "median_ratio": round(statistics.median(ratios.values()), 2),
        "worst_ratios": [{"query": k, "ratio": round(v, 2)} for k, v in worst],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="keep the archive and index here")
    parser.add_argument("--passes", type=int, default=10)
    args = parser.parse_args()
    dictionary = Settings.from_env().dictionary
    if bilingual(dictionary) is None:
        print(f"no dictionary in {dictionary}: nothing to measure", file=sys.stderr)
        return 1
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-crosslang-"))
    work.mkdir(parents=True, exist_ok=True)
    found = measure(prepare(work, args.n), dictionary, args.passes)
    print(json.dumps({"n": args.n, **found}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
