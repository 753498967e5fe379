"""The benchmark: ``python bench/run.py [--n 10000 --n 100000] [--runs 3] [--smoke]``.

For each archive size: full index throughput and peak RSS, an incremental update
adding 1 % new releases, query latency over a fixed mix in one long-lived
process, cold start (service and web app), and ``/api/search`` under 4 and 16
concurrent clients through a real WSGI server on loopback. Every measurement
runs in its own subprocess (see :mod:`worker`); medians of ``--runs`` runs are
reported, and everything is written as JSON (see README.md for the keys).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import load  # noqa: E402
import machine  # noqa: E402
import pools  # noqa: E402
import spy  # noqa: E402

TARGETS = {
    "index_releases_per_s": 1000,
    "update_1000_s": 5.0,
    "query_p95_ms": 15.0,
    "query_p99_ms": 40.0,
    "cold_start_s": 0.5,
    "serving_rss_mb": 500,
}
LONG_RUN_S = 900.0  # an index run longer than this is not repeated


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


PROFILE: dict[str, Path] = {}  # with --profile: where the raw samples go ("dir")


def run_task(task: str, **args: Any) -> dict[str, Any]:
    """One :mod:`worker` task in a fresh interpreter; adds the parent's wall time.

    With ``--profile``, index and update tasks run under py-spy and their
    result carries the summary (:mod:`spy`).
    """
    load_before = os.getloadavg()[0]
    command = [sys.executable, str(BENCH / "worker.py"), task, json.dumps(args)]
    raw = None
    if PROFILE and task in ("rebuild", "update"):
        raw = PROFILE["dir"] / f"{task}-{int(time.time())}.raw"
        found = Path(sys.executable).with_name("py-spy")
        sampler = [str(found) if found.exists() else "py-spy", "record", "--subprocesses"]
        options = ["--format", "raw", "-r", "100", "-o", str(raw)]
        command = [*sampler, *options, "--", *command]
    t0 = time.perf_counter()
    proc = subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"worker {task} failed:\n{proc.stderr[-3000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]  # py-spy talks too
    result: dict[str, Any] = json.loads(lines[-1])
    result["process_wall_s"] = round(wall, 3)
    if raw is not None and raw.exists():
        result["profile"] = spy.summarise(raw)
    # the machine is shared: the 1-minute load average says how contended a figure is
    result["loadavg_1m"] = round(max(load_before, os.getloadavg()[0]), 2)
    return result


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-key median over runs (other values from the last run); the runs kept beside it."""
    out: dict[str, Any] = {}
    for key, value in runs[-1].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = round(statistics.median(r[key] for r in runs), 3)
        else:
            out[key] = value
    out["runs"] = runs
    return out


def prepare_archive(
    work: Path, n: int, source: Path | None, shared: Path | None = pools.SHARED
) -> dict[str, Any]:
    """``work/archive`` with the corpus and ``work/extra`` with 1 % more for the update."""
    archive, extra = work / "archive", work / "extra"
    t0 = time.perf_counter()
    if source is None:
        sentences = pools.load_pools(shared)
        info = corpus.generate(archive, n, pools=sentences)
        more = corpus.generate(extra, max(1, n // 100), start=info.next_group, pools=sentences)
        described = {
            "generated": True,
            "releases": info.releases,
            "files": info.files,
            "pairs": info.pairs,
            "batch_files": info.batch_files,
            "vocabulary": list(info.vocabulary),
            "extra_releases": more.releases,
        }
    else:
        files = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix != ".md~")
        for i, path in enumerate(files):
            target = (extra if i % 100 == 99 else archive) / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        described = {"generated": False, "source": str(source), "files": len(files)}
    described["seconds"] = round(time.perf_counter() - t0, 2)
    return described


def measure_index(work: Path, runs: int) -> dict[str, Any]:
    results = []
    for r in range(runs):
        index = work / "index"
        shutil.rmtree(index, ignore_errors=True)
        log(f"  full index, run {r + 1}/{runs}")
        results.append(run_task("rebuild", archive=str(work / "archive"), index=str(index)))
        if results[-1]["seconds"] > LONG_RUN_S:
            log("  (long run: not repeated)")
            break
    return median_of(results)


def _copy_in(extra: Path, archive: Path) -> list[Path]:
    added = []
    for path in sorted(p for p in extra.rglob("*") if p.is_file()):
        target = archive / path.relative_to(extra)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise RuntimeError(f"extra file would overwrite {target}")
        shutil.copy(path, target)
        added.append(target)
    return added


def measure_update(work: Path, runs: int) -> dict[str, Any]:
    """1 % new files into the archive, ``update`` on a copy of the full index, files out."""
    results = []
    for r in range(runs):
        scratch = work / "index-update"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(work / "index", scratch, symlinks=True)
        added = _copy_in(work / "extra", work / "archive")
        log(f"  incremental update (+{len(added)} files), run {r + 1}/{runs}")
        try:
            results.append(run_task("update", archive=str(work / "archive"), index=str(scratch)))
        finally:
            for path in added:
                path.unlink()
            shutil.rmtree(scratch, ignore_errors=True)
    return median_of(results)


def measure_queries(work: Path, runs: int, passes: int) -> dict[str, Any]:
    results = []
    for r in range(runs):
        log(f"  query mix, run {r + 1}/{runs}")
        results.append(
            run_task("queries", index=str(work / "index"), passes=passes, max_seconds=120)
        )
    return median_of(results)


def measure_cold(work: Path, runs: int) -> dict[str, Any]:
    log("  cold start")
    args = {"index": str(work / "index"), "archive": str(work / "archive")}
    return {
        "service": median_of([run_task("cold", **args) for _ in range(runs)]),
        "web": median_of([run_task("cold_web", **args) for _ in range(runs)]),
    }


STEPS = ("index", "queries", "cold_start", "serving", "update")


def measure_size(n: int, opts: argparse.Namespace, root: Path) -> dict[str, Any]:
    """Every step for one archive size; ``--reuse`` keeps an archive and index already built."""
    work = root / f"n{n}"
    out: dict[str, Any] = {}
    if not (opts.reuse and (work / "archive").is_dir()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        log(f"N = {n}: preparing the archive")
        shared = None if opts.seeds_only else opts.shared
        out["corpus"] = prepare_archive(work, n, opts.corpus, shared)
    steps = opts.only or STEPS
    if "index" in steps and not (opts.reuse and (work / "index").is_dir()):
        out["index"] = measure_index(work, opts.runs)
    if "queries" in steps:
        out["queries"] = measure_queries(work, opts.runs, opts.passes)
    if "cold_start" in steps:
        out["cold_start"] = measure_cold(work, opts.runs)
    if "serving" in steps and opts.load_seconds > 0:
        log(f"  load test ({opts.server}, {opts.load_seconds:.0f} s per level)")
        out["serving"] = load.measure_serving(
            opts.server,
            work / "index",
            work / "archive",
            (4, 16),
            opts.load_seconds,
            opts.max_requests,
        )
    if "update" in steps:
        out["update"] = measure_update(work, opts.runs)
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, action="append", help="archive size (repeatable)")
    p.add_argument("--runs", type=int, help="runs per measurement (default 3)")
    p.add_argument("--passes", type=int, help="timed passes over the query mix (default 20)")
    p.add_argument(
        "--smoke",
        action="store_true",
        help="N=200, 1 run, 2 passes, 5 s load test (explicit options still win)",
    )
    p.add_argument("--out", type=Path, help="JSON output (default bench/results/<date>.json)")
    p.add_argument("--corpus", type=Path, help="index this folder instead of generating one")
    p.add_argument(
        "--seeds-only",
        action="store_true",
        help="prose from archive/ only, even when ../shared/data is there",
    )
    p.add_argument(
        "--shared",
        type=Path,
        default=pools.SHARED,
        help="the shared data folder the prose is sampled from (default ../shared/data)",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="index and update under py-spy; top functions per process in the results",
    )
    p.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    p.add_argument("--keep", action="store_true", help="keep archives and indexes")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="with --work: reuse an archive and index left there by --keep",
    )
    p.add_argument(
        "--only",
        type=lambda v: tuple(v.split(",")),
        help=f"comma-separated steps of {','.join(STEPS)} (default: all)",
    )
    p.add_argument("--server", choices=("gunicorn", "waitress"), default="gunicorn")
    p.add_argument("--load-seconds", type=float, help="per level (default 20; 0 skips it)")
    p.add_argument("--max-requests", type=int, default=20000)
    opts = p.parse_args(argv)
    defaults = {"n": [10_000, 100_000], "runs": 3, "passes": 20, "load_seconds": 20.0}
    if opts.smoke:
        defaults = {"n": [200], "runs": 1, "passes": 2, "load_seconds": 5.0}
    for key, value in defaults.items():
        if getattr(opts, key) is None:
            setattr(opts, key, value)
    if opts.corpus is not None:
        opts.n = [0]
    opts.out = opts.out or BENCH / "results" / f"{dt.date.today().isoformat()}.json"
    return opts


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    root = opts.work or Path(tempfile.mkdtemp(prefix="releasesearch-bench-"))
    if opts.profile:
        PROFILE["dir"] = root
    results: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine.describe(REPO),
        "settings": {
            "runs": opts.runs,
            "passes": opts.passes,
            "server": opts.server,
            "load_seconds": opts.load_seconds,
            "smoke": opts.smoke,
        },
        "targets": TARGETS,
        "sizes": {},
    }
    try:
        for n in opts.n:
            results["sizes"][str(n)] = measure_size(n, opts, root)
            opts.out.parent.mkdir(parents=True, exist_ok=True)
            opts.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    finally:
        if opts.work is None and not opts.keep:
            shutil.rmtree(root, ignore_errors=True)
    log(f"results: {opts.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
