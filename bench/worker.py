"""One measurement in a fresh process: ``python bench/worker.py TASK JSON-ARGS``.

Each task runs in its own process so that its peak RSS is its own (the parent's
corpus generator and earlier tasks do not count) and so that cold start really
is cold. The task prints one JSON object as its last line of output.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def peak_rss_mb() -> float:
    """This process's peak RSS plus that of any children it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def cpu_seconds() -> float:
    """CPU time of this process and its children: on a shared machine, steadier than wall time."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return round(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, 2)


def current_rss_mb() -> float:
    import psutil

    rss: int = psutil.Process().memory_info().rss
    return round(rss / 2**20, 1)


def task_rebuild(args: dict[str, Any]) -> dict[str, Any]:
    from releasesearch.index import indexer

    t0 = time.perf_counter()
    report = indexer.rebuild(Path(args["archive"]), Path(args["index"]))
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 3),
        "releases": report.releases,
        "files": report.added,
        "errors": len(report.errors),
        "releases_per_s": round(report.releases / seconds, 1),
        "cpu_s": cpu_seconds(),
        "peak_rss_mb": peak_rss_mb(),
    }


def task_update(args: dict[str, Any]) -> dict[str, Any]:
    from releasesearch.index import indexer

    t0 = time.perf_counter()
    report = indexer.update(Path(args["archive"]), Path(args["index"]))
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 3),
        "releases": report.releases,
        "added": report.added,
        "unchanged": report.unchanged,
        "errors": len(report.errors),
        "cpu_s": cpu_seconds(),
        "peak_rss_mb": peak_rss_mb(),
    }


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def latency_summary(ms: list[float]) -> dict[str, float]:
    return {
        "n": len(ms),
        "p50_ms": round(_percentile(ms, 50), 2),
        "p95_ms": round(_percentile(ms, 95), 2),
        "p99_ms": round(_percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "max_ms": round(max(ms), 2),
    }


def task_queries(args: dict[str, Any]) -> dict[str, Any]:
    """The mix through one long-lived SearchService: a warm-up pass, then timed passes.

    Every timed request is new to the service's answer cache (a case variant of
    the words, and a distinct ``extra``), so what is timed is the search itself;
    ``cached_p50_ms`` times the warm-up requests asked again.
    """
    import queries

    from releasesearch.search.request import SearchRequest
    from releasesearch.search.service import SearchService

    def request(params: queries.Params, i: int) -> SearchRequest:
        req = SearchRequest.from_args(queries.as_args(queries.variant(params, i)))
        return replace(req, extra=(("bench", str(i)),)) if i else req

    service = SearchService(Path(args["index"]))
    warm = [request(p, 0) for p in queries.MIX]
    for req in warm:
        service.search(req)
    cached = [_timed(service.search, req)[0] for req in warm]
    per_query: dict[str, list[float]] = {queries.label(p): [] for p in queries.MIX}
    inconsistent: set[str] = set()  # answers with more hits than their total (a search bug)
    deadline = time.perf_counter() + args.get("max_seconds", 60)
    for i in range(1, args.get("passes", 10) + 1):
        for params in queries.MIX:
            ms, result = _timed(service.search, request(params, i))
            per_query[queries.label(params)].append(ms)
            if result.total < len(result.hits):
                inconsistent.add(queries.label(params))
        if time.perf_counter() > deadline:
            break
    all_ms = [ms for values in per_query.values() for ms in values]
    slowest = sorted(((statistics.median(v), k) for k, v in per_query.items()), reverse=True)
    return {
        **latency_summary(all_ms),
        "queries": len(queries.MIX),
        "cached_p50_ms": round(statistics.median(cached), 3),
        "slowest": [{"query": k, "median_ms": round(m, 2)} for m, k in slowest[:5]],
        "inconsistent": sorted(inconsistent),
        "serving_rss_mb": current_rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    }


def _timed(fn: Callable[[Any], Any], arg: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn(arg)
    return (time.perf_counter() - t0) * 1000, out


def task_cold(args: dict[str, Any]) -> dict[str, Any]:
    """Import, open the index, answer one query; times are from interpreter start."""
    from releasesearch.search.request import SearchRequest
    from releasesearch.search.service import SearchService

    imported = time.perf_counter()
    result = SearchService(Path(args["index"])).search(SearchRequest.from_args({"q": ["hydrogen"]}))
    answered = time.perf_counter()
    return {
        "import_s": round(imported - STARTED, 3),
        "first_answer_s": round(answered - STARTED, 3),
        "total": result.total,
        "rss_mb": current_rss_mb(),
    }


def task_cold_web(args: dict[str, Any]) -> dict[str, Any]:
    """``wsgi.py`` style: create_app, then the first request through the test client."""
    from releasesearch import create_app

    app = create_app({"index": args["index"], "archive": args["archive"], "search_rate": 0})
    created = time.perf_counter()
    response = app.test_client().get("/api/search?q=hydrogen")
    answered = time.perf_counter()
    assert response.status_code == 200, response.status_code
    return {
        "create_app_s": round(created - STARTED, 3),
        "first_answer_s": round(answered - STARTED, 3),
        "total": response.get_json()["total"],
        "rss_mb": current_rss_mb(),
    }


TASKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "rebuild": task_rebuild,
    "update": task_update,
    "queries": task_queries,
    "cold": task_cold,
    "cold_web": task_cold_web,
}

if __name__ == "__main__":
    out = TASKS[sys.argv[1]](json.loads(sys.argv[2]))
    print(json.dumps(out))
