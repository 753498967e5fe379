"""Results JSON -> the Markdown table of README.md: ``python bench/report.py FILE...``.

Several files may be given (say, one run at 10,000 and one at 100,000); each
archive size becomes a column, and the targets stand beside them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = tuple[str, str, Callable[[dict[str, Any]], Any]]


def _get(*keys: str | int) -> Callable[[dict[str, Any]], Any]:
    def get(size: dict[str, Any]) -> Any:
        value: Any = size
        for key in keys:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    return get


ROWS: tuple[Row, ...] = (
    ("Full index (releases/s)", ">= 1,000", _get("index", "releases_per_s")),
    ("Full index, wall time (s)", "", _get("index", "seconds")),
    ("Full index, peak RSS (MB)", "", _get("index", "peak_rss_mb")),
    (
        "Full index, one-commit variant (releases/s)",
        "",
        _get("index_one_commit_variant", "releases_per_s"),
    ),
    ("Incremental update +1 % (s)", "<= 5 s for 1,000", _get("update", "seconds")),
    ("Query p50 (ms)", "", _get("queries", "p50_ms")),
    ("Query p95 (ms)", "<= 15", _get("queries", "p95_ms")),
    ("Query p99 (ms)", "<= 40", _get("queries", "p99_ms")),
    ("Query answered from the cache, p50 (ms)", "", _get("queries", "cached_p50_ms")),
    (
        "Cold start, service: first answer (s)",
        "<= 0.5",
        _get("cold_start", "service", "process_wall_s"),
    ),
    (
        "Cold start, create_app + first request (s)",
        "<= 0.5",
        _get("cold_start", "web", "process_wall_s"),
    ),
    ("RSS while serving, one process (MB)", "<= 500", _get("queries", "serving_rss_mb")),
    ("RSS of gunicorn, 2 workers + master (MB)", "", _get("serving", "rss_mb_after")),
    ("/api/search, 4 clients (req/s)", "", _get("serving", "runs", 0, "requests_per_s")),
    ("/api/search, 4 clients p50 / p95 (ms)", "", lambda s: _pair(s, 0)),
    ("/api/search, 16 clients (req/s)", "", _get("serving", "runs", 1, "requests_per_s")),
    ("/api/search, 16 clients p50 / p95 (ms)", "", lambda s: _pair(s, 1)),
)


def _pair(size: dict[str, Any], run: int) -> str | None:
    p50, p95 = (
        _get("serving", "runs", run, "p50_ms")(size),
        _get("serving", "runs", run, "p95_ms")(size),
    )
    return None if p50 is None else f"{p50:g} / {p95:g}"


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def table(sizes: dict[str, dict[str, Any]]) -> str:
    names = sorted(sizes, key=int)
    head = "| | " + " | ".join(f"N = {int(n):,}" for n in names) + " | target (100,000) |"
    lines = [head, "|---" * (len(names) + 2) + "|"]
    for label, target, get in ROWS:
        cells = " | ".join(_cell(get(sizes[n])) for n in names)
        lines.append(f"| {label} | {cells} | {target} |")
    return "\n".join(lines)


def main(paths: list[str]) -> int:
    sizes: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for n, size in data["sizes"].items():
            sizes.setdefault(n, {}).update(size)
    print(table(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
