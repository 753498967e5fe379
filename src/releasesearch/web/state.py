"""The per-app search state, as flaskr's ``db.py`` owns its database.

Everything a view needs lives in one :class:`WebState` under
``app.extensions["releasesearch"]`` so that two apps in one process (tests build
many) never share a searcher, a rate limiter or a re-index thread. Blueprints
import :func:`state` from here, never the factory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from flask import Flask, current_app

from releasesearch.config import Settings
from releasesearch.search.service import SearchService
from releasesearch.web.jobs import Reindexer
from releasesearch.web.security import RateLimiter

EXTENSION = "releasesearch"


@dataclass(slots=True)
class WebState:
    """Per-app singletons; the service opens lazily because the index may not exist yet."""

    settings: Settings
    secret_key: str
    reindexer: Reindexer
    limiter: RateLimiter = field(default_factory=RateLimiter)
    _service: SearchService | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def service(self) -> SearchService:
        with self._lock:
            if self._service is None:
                self._service = SearchService(self.settings.index, self.settings.dictionary)
            return self._service

    def close(self) -> None:
        """Let a running re-index finish, then release the searcher's open files."""
        self.reindexer.wait()
        with self._lock:
            if self._service is not None:
                self._service.close()
                self._service = None


def state() -> WebState:
    """The running app's state (inside a request or app context)."""
    found = current_app.extensions[EXTENSION]
    assert isinstance(found, WebState)
    return found


def init_app(app: Flask, settings: Settings, secret_key: str) -> None:
    """Give ``app`` its own state; the searcher opens on first use."""
    app.extensions[EXTENSION] = WebState(
        settings=settings,
        secret_key=secret_key,
        reindexer=Reindexer(settings.archive, settings.index, max_bytes=settings.max_file_bytes),
    )
