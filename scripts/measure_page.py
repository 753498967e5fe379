"""What the search page costs at N releases: page weight, suggestions and release pages.

Generates the benchmark corpus (``bench/corpus.py``, deterministic) into a work
folder, indexes it once (kept for the next run with ``--work``), then answers
through Flask's test client, in one process, after one warm-up of each kind.
Times are CPU milliseconds of this process (``time.process_time``): on a shared
machine they stay put while wall-clock times follow the neighbours' load.

- bytes of the search page (browsing, and a one-word search) and of ``/api/search``;
- ``/api/suggest`` per keystroke over prefixes of common words and city names
  (median and 95th percentile, ms);
- the release page (more like this, copies, translations; median, ms).

    .venv/bin/python scripts/measure_page.py [--n 10000] [--work DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from releasesearch import create_app
from releasesearch.index import indexer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/ is not a package)

WORDS = ("München", "Hamburg", "Stuttgart", "energy", "Wasserstoff", "partnership", "Berlin")


def _ms(run: list[float], q: float) -> float:
    ordered = sorted(run)
    return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def _timed(client: object, urls: list[str]) -> list[float]:
    get = client.get  # type: ignore[attr-defined]
    get(urls[0])  # warm-up
    out = []
    for url in urls:
        start = time.process_time()
        response = get(url)
        out.append(time.process_time() - start)
        assert response.status_code == 200, url
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="measure-page-"))
    archive, index = work / "archive", work / "index"
    if not archive.exists():
        corpus.generate(archive, args.n)
    indexer.update(archive, index)
    app = create_app({"archive": archive, "index": index, "search_rate": 0, "TESTING": True})
    client = app.test_client()
    sizes = {url: len(client.get(url).data) for url in ("/", "/?q=energy", "/api/search?q=energy")}
    prefixes = [f"/api/suggest?q={w[:k]}" for w in WORDS for k in range(2, len(w) + 1)]
    suggest = _timed(client, prefixes)
    hits = client.get("/api/search?q=energy&page_size=20").json["hits"]
    release = _timed(client, [h["url"] for h in hits])
    app.extensions["releasesearch"].close()
    print(f"| N = {args.n:,} | value |\n| --- | --- |")
    for url, size in sizes.items():
        print(f"| `{url}` bytes | {size:,} |")
    print(
        f"| `/api/suggest` per keystroke, CPU median / p95 | {_ms(suggest, 0.5)} / {_ms(suggest, 0.95)} ms |"
    )
    print(
        f"| release page (more like this), CPU median | {statistics.median(release) * 1000:.1f} ms |"
    )
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
