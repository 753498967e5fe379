"""Take docs/screenshot.png: the search page with a query, a ticked facet and highlights.

Indexes the bundled ``archive/`` into a temporary folder, serves the app on an
ephemeral port and photographs it with Debian's chromium through Playwright
(never a downloaded browser), using the same flags as the browser tests.

    .venv/bin/python scripts/screenshot.py [--query Q] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from releasesearch import create_app
from releasesearch.index import indexer

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="innovation")
    parser.add_argument("--city", default="Munich", help="city facet value to tick")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed (scripts/ensure-chromium installs it)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        indexer.update(REPO / "archive", index)
        app = create_app({"archive": REPO / "archive", "index": index, "search_rate": 0})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            shoot(
                f"http://127.0.0.1:{server.server_port}", chromium, args.query, args.city, args.out
            )
        finally:
            server.shutdown()
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


def shoot(base: str, chromium: str, query: str, city: str, out: Path) -> None:
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
        )
        page = context.new_page()
        page.goto(f"{base}/?hl=en")
        page.fill("#q", query)
        page.press("#q", "Enter")
        page.wait_for_load_state()
        box = page.locator(".facet-city li", has_text=city).locator("input[type=checkbox]")
        if box.count():
            with page.expect_navigation():
                box.first.check()
        page.locator("#q").blur()
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        context.close()


if __name__ == "__main__":
    sys.exit(main())
