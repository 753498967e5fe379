"""Take the README's screenshots: the search page with a query, a ticked facet and
highlights, on a desktop and on a 390 px phone, in English and in German.

Indexes the bundled ``archive/`` into a temporary folder, serves the app on an
ephemeral port and photographs it with Debian's chromium through Playwright
(never a downloaded browser), using the same flags as the browser tests.
Writes ``docs/search-{desktop,phone}-{en,de}.png``.

    .venv/bin/python scripts/screenshot.py [--query Q] [--city CITY] [--out-dir docs]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlencode

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
    parser.add_argument("--out-dir", type=Path, default=REPO / "docs")
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
            base = f"http://127.0.0.1:{server.server_port}"
            for name, (width, height) in SCREENS.items():
                for hl in ("en", "de"):
                    out = args.out_dir / f"search-{name}-{hl}.png"
                    shoot(base, chromium, args.query, args.city, out, width, height, hl)
                    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
        finally:
            server.shutdown()
    return 0


SCREENS = {"desktop": (1280, 900), "phone": (390, 844)}


def shoot(
    base: str, chromium: str, query: str, city: str, out: Path, width: int, height: int, hl: str
) -> None:
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
            device_scale_factor=2 if width < 600 else 1,
            locale="en-GB" if hl == "en" else "de-DE",
        )
        page = context.new_page()
        page.goto(f"{base}/?{urlencode({'q': query, 'city': city, 'hl': hl})}")
        page.wait_for_load_state()
        page.locator("#q").blur()
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        context.close()


if __name__ == "__main__":
    sys.exit(main())
