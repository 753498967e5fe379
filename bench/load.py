"""``/api/search`` under concurrent clients, through a real WSGI server on loopback.

The server (gunicorn with two sync workers, one per core, or waitress) is a
subprocess bound to 127.0.0.1 on a port the kernel picked; the clients are a
bounded pool of threads with ``http.client`` keep-alive connections, each
cycling through the query mix until a request count or a deadline is reached,
whichever comes first. Nothing here ever talks to another address.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import queries
from worker import latency_summary

HOST = "127.0.0.1"
REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def server_command(server: str, port: int) -> list[str]:
    if server == "gunicorn":
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ]
    return [
        sys.executable,
        "-m",
        "waitress",
        "--host",
        HOST,
        f"--port={port}",
        "--threads",
        "4",
        "wsgi:app",
    ]


@dataclass
class Server:
    """A WSGI server subprocess serving an index; a context manager that stops it."""

    server: str
    index: Path
    archive: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    started_s: float = 0.0

    def __enter__(self) -> Server:
        self.port = free_port()
        env = dict(
            os.environ,
            RELEASESEARCH_INDEX=str(self.index),
            RELEASESEARCH_ARCHIVE=str(self.archive),
            RELEASESEARCH_SEARCH_RATE="0",
        )
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            server_command(self.server, self.port),
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_ready(t0 + 30)
        self.started_s = time.perf_counter() - t0
        return self

    def _wait_ready(self, deadline: float) -> None:
        while time.perf_counter() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.server} exited with {self.proc.returncode}")
            try:
                status, _ = request(self.port, "/api/status")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.server} did not answer within 30 s")

    def rss_mb(self) -> float:
        """RSS of the server and its workers, summed (what serving costs the machine)."""
        assert self.proc is not None
        root = psutil.Process(self.proc.pid)
        procs = [root, *root.children(recursive=True)]
        total: int = sum(p.memory_info().rss for p in procs)
        return round(total / 2**20, 1)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def request(port: int, url: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, int]:
    """(status, body bytes) of one GET; a fresh connection when none is given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        if own:
            conn.close()


@dataclass
class _Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    issued: int = 0


def _client(port: int, urls: list[str], tally: _Tally, limit: int, deadline: float) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        while time.perf_counter() < deadline:
            with tally.lock:
                if tally.issued >= limit:
                    return
                url = urls[tally.issued % len(urls)]
                tally.issued += 1
            t0 = time.perf_counter()
            try:
                status, _ = request(port, url, conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                status = 0
            ms = (time.perf_counter() - t0) * 1000
            with tally.lock:
                tally.latencies_ms.append(ms)
                tally.errors += status != 200
    finally:
        conn.close()


def load(port: int, clients: int, seconds: float, max_requests: int) -> dict[str, Any]:
    """Run ``clients`` threads for at most ``seconds`` and ``max_requests`` requests."""
    urls = queries.variant_urls(64)  # mostly new requests: the service's cache rarely hits
    tally = _Tally()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(
            target=_client, daemon=True, args=(port, urls, tally, max_requests, deadline)
        )
        for _ in range(clients)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - t0
    done = len(tally.latencies_ms)
    return {
        "clients": clients,
        "requests": done,
        "errors": tally.errors,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(done / elapsed, 1),
        **(latency_summary(tally.latencies_ms) if done else {}),
    }


def measure_serving(
    server: str,
    index: Path,
    archive: Path,
    concurrency: tuple[int, ...],
    seconds: float,
    max_requests: int,
) -> dict[str, Any]:
    """Warm the workers, then one bounded load run per concurrency level."""
    with Server(server, index, archive) as srv:
        urls = [queries.as_url(p) for p in queries.MIX]
        for url in urls:  # warm-up: the workers load what they load lazily
            request(srv.port, url)
        runs = [load(srv.port, c, seconds, max_requests) for c in concurrency]
        return {
            "server": server,
            "startup_s": round(srv.started_s, 2),
            "rss_mb_after": srv.rss_mb(),
            "runs": runs,
        }
