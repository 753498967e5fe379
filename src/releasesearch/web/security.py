"""CSRF tokens, security headers, rate limits and token comparison.

All in-process and dependency-free: the service runs as one process per host,
so a fixed-window counter in memory is enough to stop a runaway client without
an external store.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable

from flask import session
from werkzeug.wrappers import Response

from releasesearch.errors import Forbidden, ReleaseSearchError

CSRF_FIELD = "csrf_token"
_CSRF_KEY = "csrf"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class RateLimited(ReleaseSearchError):
    """A client asked more often than its budget allows; it may retry after ``retry_after``."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def tokens_equal(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so response times do not leak how much of a token matched."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def csrf_token() -> str:
    """The session's CSRF token, created on first use (templates call this)."""
    token = session.get(_CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[_CSRF_KEY] = token
    return token


def check_csrf(given: str | None) -> None:
    """:raises Forbidden: when the form's token is not the session's."""
    if not tokens_equal(given, session.get(_CSRF_KEY)):
        raise Forbidden("The form has expired or did not come from this site; reload and retry.")


def admin_mark(secret_key: str, admin_token: str) -> str:
    """What a logged-in session stores: bound to the token, so changing it logs everyone out."""
    return hmac.new(secret_key.encode(), admin_token.encode(), hashlib.sha256).hexdigest()


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class RateLimiter:
    """Fixed one-minute windows per (bucket, client); a limit of 0 means no limit.

    Counts of the previous window are dropped wholesale when a new one starts, so
    memory stays bounded by the clients of one minute.
    """

    def __init__(self, clock: Callable[[], float] = time.time, window: int = 60) -> None:
        self._clock = clock
        self._window = window
        self._lock = threading.Lock()
        self._current = -1
        self._counts: dict[tuple[str, str], int] = {}

    def hit(self, bucket: str, client: str, limit: int) -> None:
        """Count one request. :raises RateLimited: when the client is over ``limit``."""
        if limit <= 0:
            return
        now = self._clock()
        window = int(now // self._window)
        with self._lock:
            if window != self._current:
                self._current, self._counts = window, {}
            key = (bucket, client)
            self._counts[key] = count = self._counts.get(key, 0) + 1
        if count > limit:
            retry = max(1, int((window + 1) * self._window - now))
            raise RateLimited(
                f"Too many requests: at most {limit} per minute. Retry in {retry} s.",
                retry_after=retry,
            )
