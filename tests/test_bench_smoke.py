"""The benchmark still runs end to end (tiny archive, no timing asserted).

A benchmark that breaks silently is found only on the day someone needs its
figures; this runs every stage once, in a subprocess as ``make bench-smoke``
does, and checks the shape of the JSON it writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_smoke_writes_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    cmd = [
        sys.executable,
        str(REPO / "bench" / "run.py"),
        "--smoke",
        "--n",
        "40",
        "--passes",
        "1",
        "--load-seconds",
        "1",
        "--seeds-only",
        "--out",
        str(out),
        "--work",
        str(tmp_path / "work"),
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"when", "machine", "settings", "targets", "sizes"}
    assert set(data["machine"]) >= {"nproc", "cpu", "ram_gb", "python", "whoosh3"}
    size = data["sizes"]["40"]
    assert set(size) == {"corpus", "index", "queries", "cold_start", "serving", "update"}
    assert size["corpus"]["releases"] == 40
    assert size["corpus"]["vocabulary"] == ["archive"]
    assert size["index"]["releases"] == 40
    assert size["index"]["errors"] == 0
    assert set(size["index"]) >= {"seconds", "releases_per_s", "peak_rss_mb", "runs"}
    assert size["update"]["added"] >= 1
    assert size["update"]["unchanged"] == size["index"]["files"]
    assert set(size["queries"]) >= {"p50_ms", "p95_ms", "p99_ms", "slowest", "serving_rss_mb"}
    assert size["queries"]["n"] == size["queries"]["queries"]
    assert set(size["cold_start"]) == {"service", "web"}
    assert size["cold_start"]["service"]["first_answer_s"] > 0
    assert size["cold_start"]["web"]["first_answer_s"] > 0
    runs = size["serving"]["runs"]
    assert [r["clients"] for r in runs] == [4, 16]
    assert all(r["requests"] > 0 and r["errors"] == 0 for r in runs)
