"""Small index runs as a newsroom meets them: ``python bench/freshness.py --work DIR``.

On an archive and index left by ``bench/run.py --keep --work DIR`` (``DIR/nN/``):

* ``unchanged``: ``releasesearch index`` on the unchanged archive, wall and CPU
  seconds of the whole command (interpreter start included);
* ``add_one``: one new release copied into the archive, then the command; besides
  its wall and CPU seconds, ``searchable_s`` is the time from starting the command
  until a search service that was open before (a web worker) answers with the
  new release, polling every 10 ms.

The index is copied first and the copy thrown away, so the kept one is unchanged.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))

from releasesearch.search.request import SearchRequest  # noqa: E402
from releasesearch.search.service import SearchService  # noqa: E402

WORD = "Freshnesstestword"
RELEASE = f"""{WORD} partnership announced in Stuttgart

STUTTGART, Germany, March 4, 2026 (GLOBE NEWSWIRE) -- The city announced a {WORD} today.

Source: Bench
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _command(archive: Path, index: Path) -> list[str]:
    cli = "from releasesearch.cli import main; main()"
    return [sys.executable, "-c", cli, "index", "--archive", str(archive), "--index", str(index)]


def unchanged(archive: Path, index: Path) -> dict[str, Any]:
    cpu, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(_command(archive, index), check=True, capture_output=True)
    return {"wall_s": round(time.perf_counter() - t0, 3), "cpu_s": round(_children_cpu() - cpu, 3)}


def add_one(archive: Path, index: Path) -> dict[str, Any]:
    service = SearchService(index)
    request = SearchRequest.from_args({"q": [WORD]})
    assert service.search(request).total == 0
    path = archive / "fresh-bench.txt"
    path.write_text(RELEASE, encoding="utf-8")
    try:
        cpu, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.Popen(_command(archive, index), stdout=subprocess.DEVNULL)
        while True:
            finished = proc.poll() is not None
            if service.search(request).total:
                searchable = time.perf_counter() - t0
                break
            if finished:
                raise RuntimeError("the new release is not searchable after the run")
            time.sleep(0.01)
        proc.wait()
        wall = time.perf_counter() - t0
    finally:
        path.unlink()
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(_children_cpu() - cpu, 3),
        "searchable_s": round(searchable, 3),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", type=Path, required=True, help="bench/run.py --keep --work DIR")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    opts = p.parse_args()
    work = opts.work / f"n{opts.n}"
    out: dict[str, Any] = {"n": opts.n, "unchanged": [], "add_one": []}
    for _ in range(opts.runs):
        scratch = work / "index-fresh"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(work / "index", scratch, symlinks=True)
        try:
            out["unchanged"].append(unchanged(work / "archive", scratch))
            out["add_one"].append(add_one(work / "archive", scratch))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
