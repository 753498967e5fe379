"""Load under re-index: does search keep answering while the archive is rebuilt?

Bounded and loopback only. Steps:

1. generate an archive (``bench/corpus.py``: bilingual, realistic; it reads
   ``../shared/data`` for prose when present) and index it;
2. serve it with gunicorn (2 workers) on 127.0.0.1;
3. step up closed-loop concurrency 1, 2, 4, 8, 16 for ``--step-seconds`` each and
   pick the highest sustainable rate (no errors, p95 under ``--p95-ms``);
4. offer that rate open-loop for ``--soak-seconds`` (longer while the re-index
   still runs, up to ``--max-soak-seconds``) WHILE ``releasesearch index --rebuild``
   runs and then an incremental update adds new files; latencies are measured
   from each request's scheduled time, so queueing counts;
5. report requests, errors, rate and p50/p95/p99 as JSON.

Usage: ``.venv/bin/python scripts/loadtest.py [--releases 3000] [--out results.json]``
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import corpus  # bench/ is a folder of scripts, not a package
import queries

HOST = "127.0.0.1"
CLI = "from releasesearch.cli import main; main()"
MAX_REQUESTS = 200_000  # hard bound on everything this script sends
STEPS = (1, 2, 4, 8, 16)
NEW_FILES_GROUP = 10_000_000  # bench corpus group numbers far past the archive's


@dataclass
class Tally:
    """Latencies and errors of one phase, shared by its client threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0

    def record(self, ms: float, status: str) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.errors += status != "200"

    def summary(self, seconds: float) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))], 1) if lat else 0.0

        return {
            "requests": len(lat),
            "errors": self.errors,
            "statuses": self.statuses,
            "seconds": round(seconds, 2),
            "rate_per_s": round(len(lat) / seconds, 1),
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "max_ms": round(lat[-1], 1) if lat else 0.0,
        }


class Budget:
    """The global request bound: every phase draws from it."""

    def __init__(self, limit: int) -> None:
        self.left, self.lock = limit, threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def get(conn: http.client.HTTPConnection, url: str) -> tuple[str, bytes]:
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        return str(response.status), response.read()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()  # http.client reopens it on the next request
        return type(exc).__name__, b""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def gunicorn(archive: Path, index: Path) -> Iterator[int]:
    """gunicorn -w 2 on a free loopback port; stopped on exit whatever happens."""
    port = free_port()
    env = dict(
        os.environ,
        RELEASESEARCH_ARCHIVE=str(archive),
        RELEASESEARCH_INDEX=str(index),
        RELEASESEARCH_SEARCH_RATE="0",
    )  # one client address: no per-client limit
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=REPO,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        while get(conn, "/api/status")[0] != "200":
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not come up")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def closed_loop(
    port: int, clients: int, seconds: float, urls: list[str], budget: Budget
) -> dict[str, Any]:
    """``clients`` threads, each sending its next request when the last one is answered."""
    tally, deadline = Tally(), time.perf_counter() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        i = offset
        while time.perf_counter() < deadline and budget.take():
            started = time.perf_counter()
            status, _ = get(conn, urls[i % len(urls)])
            tally.record((time.perf_counter() - started) * 1000, status)
            i += clients
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"clients": clients, **tally.summary(time.perf_counter() - started)}


def open_loop(
    port: int,
    rate: float,
    seconds: float,
    urls: list[str],
    budget: Budget,
    workers: int,
    busy: Callable[[], bool],
    limit: float,
) -> Tally:
    """Send ``rate`` requests a second on schedule; latency counts from the scheduled time.

    Runs ``seconds``, and longer while ``busy()`` (the re-index) holds, but never
    past ``limit`` seconds.
    """
    tally = Tally()
    local = threading.local()

    def send(url: str, scheduled: float) -> None:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        status, _ = get(local.conn, url)
        tally.record((time.perf_counter() - scheduled) * 1000, status)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        n = 0
        while budget.take():
            scheduled = start + n / rate
            if scheduled >= start + limit or (scheduled >= start + seconds and not busy()):
                break
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, urls[n % len(urls)], scheduled)
            n += 1
    return tally


def run_cli(*args: str, nice: int = 0, timeout: float = 900) -> dict[str, Any]:
    """One ``releasesearch`` command to completion: its JSON report and wall time.

    ``nice`` lowers the indexer's CPU priority (its worker processes inherit it),
    to see whether searches then keep their speed during a re-index.
    """
    started = time.perf_counter()
    prefix = ["nice", "-n", str(nice)] if nice else []
    done = subprocess.run(
        [*prefix, sys.executable, "-c", CLI, *args, "--json"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    report["wall_s"] = round(time.perf_counter() - started, 2)
    report["errors"] = len(report.get("errors", []))
    return report


def reindex_during(
    archive: Path, index: Path, delay: float, new_files: int, nice: int, log: dict[str, Any]
) -> None:
    """After ``delay`` s: a full rebuild, then new files and an incremental update."""
    start = time.perf_counter()
    time.sleep(delay)
    log["rebuild_started_s"] = delay
    log["rebuild"] = run_cli(
        "index", "--rebuild", "--archive", str(archive), "--index", str(index), nice=nice
    )
    log["rebuild_ended_s"] = round(time.perf_counter() - start, 1)
    info = corpus.generate(archive, new_files, start=NEW_FILES_GROUP)
    log["new_releases"] = info.releases
    log["update"] = run_cli("index", "--archive", str(archive), "--index", str(index), nice=nice)
    log["update_ended_s"] = round(time.perf_counter() - start, 1)


def pick_rate(steps: list[dict[str, Any]], p95_ms: float) -> tuple[float, int]:
    """The best throughput among error-free steps within the p95 bound, and its clients."""
    good = [s for s in steps if s["errors"] == 0 and s["p95_ms"] <= p95_ms] or steps[:1]
    best = max(good, key=lambda s: s["rate_per_s"])
    return best["rate_per_s"], best["clients"]


def documents(port: int) -> int:
    status, body = get(http.client.HTTPConnection(HOST, port, timeout=30), "/api/status")
    value = json.loads(body) if status == "200" else {}
    return int(value.get("documents", -1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=3000)
    parser.add_argument("--new-releases", type=int, default=200)
    parser.add_argument("--step-seconds", type=float, default=10.0)
    parser.add_argument("--soak-seconds", type=float, default=60.0)
    parser.add_argument(
        "--max-soak-seconds",
        type=float,
        default=300.0,
        help="The soak goes on while the re-index runs, up to this long.",
    )
    parser.add_argument("--p95-ms", type=float, default=500.0)
    parser.add_argument(
        "--headroom",
        type=float,
        default=0.8,
        help="Share of the best step's rate offered during the soak.",
    )
    parser.add_argument(
        "--indexer-nice",
        type=int,
        default=0,
        help="Run the soak's re-index at this nice level (0: as is).",
    )
    parser.add_argument(
        "--rate", type=float, help="Offer this rate during the soak instead of the measured one."
    )
    parser.add_argument("--work", type=Path, help="Folder for archive and index (kept).")
    parser.add_argument("--out", type=Path, help="Write the results here as JSON.")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="loadtest-"))
    archive, index = work / "archive", work / "index"
    try:
        results = run(args, archive, index)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


def run(args: argparse.Namespace, archive: Path, index: Path) -> dict[str, Any]:
    started = time.perf_counter()
    info = corpus.generate(archive, args.releases)
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "archive": {"files": info.files, "releases": info.releases},
        "initial_index": run_cli("index", "--archive", str(archive), "--index", str(index)),
    }
    urls = queries.variant_urls(64)  # case variants: the service's answer cache rarely hits
    budget = Budget(MAX_REQUESTS)
    with gunicorn(archive, index) as port:
        before = documents(port)
        steps = [closed_loop(port, c, args.step_seconds, urls, budget) for c in STEPS]
        rate, clients = pick_rate(steps, args.p95_ms)
        target = args.rate or round(rate * args.headroom, 1)
        log: dict[str, Any] = {}
        indexing = threading.Thread(
            target=reindex_during,
            args=(archive, index, 5.0, args.new_releases, args.indexer_nice, log),
        )
        soak_start = time.perf_counter()
        indexing.start()
        tally = open_loop(
            port,
            target,
            args.soak_seconds,
            urls,
            budget,
            workers=clients * 4,
            busy=indexing.is_alive,
            limit=args.max_soak_seconds,
        )
        soak = tally.summary(time.perf_counter() - soak_start)
        indexing.join(timeout=900)
        after = documents(port)
    results.update(
        {
            "steps": steps,
            "sustainable": {"rate_per_s": rate, "clients": clients, "p95_bound_ms": args.p95_ms},
            "soak": {"offered_rate_per_s": target, "indexer_nice": args.indexer_nice, **soak},
            "reindex": log,
            "documents": {"before": before, "after": after},
            "total_seconds": round(time.perf_counter() - started, 1),
        }
    )
    return results


if __name__ == "__main__":
    main()
