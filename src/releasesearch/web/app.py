"""The application factory: settings, the one search service, blueprints, hooks.

Everything a view needs lives in one :class:`WebState` under
``app.extensions["releasesearch"]`` so that two apps in one process (tests build
many) never share a searcher, a rate limiter or a re-index thread.
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from releasesearch.config import Settings
from releasesearch.service import SearchService
from releasesearch.web import i18n
from releasesearch.web.jobs import Reindexer
from releasesearch.web.security import RateLimiter, add_security_headers, csrf_token

EXTENSION = "releasesearch"
SETTING_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))
_SEARCH_ENDPOINTS = frozenset({"pages.search", "api.search", "feeds.feed"})
_ADMIN_BLUEPRINTS = frozenset({"admin"})
_ADMIN_ENDPOINTS = frozenset({"api.reindex"})
_SLACK_BYTES = 64 * 1024  # multipart boundaries and the CSRF field around an upload


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
                self._service = SearchService(self.settings.index)
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


def build_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Settings from ``RELEASESEARCH_*`` variables, then ``config`` (settings and Flask keys)."""
    config = dict(config or {})
    overrides = {k: v for k, v in config.items() if k in SETTING_NAMES}
    settings = Settings.from_env(**overrides)
    app = Flask("releasesearch")
    app.config.update({k: v for k, v in config.items() if k not in SETTING_NAMES})
    secret = settings.secret_key or secrets.token_hex(32)
    app.config.update(
        SECRET_KEY=secret,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + _SLACK_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.extensions[EXTENSION] = WebState(
        settings=settings,
        secret_key=secret,
        reindexer=Reindexer(settings.archive, settings.index, max_bytes=settings.max_file_bytes),
    )
    _register(app)
    return app


def _register(app: Flask) -> None:
    from releasesearch.web import admin, api, feeds, pages
    from releasesearch.web.errors import register_error_handlers

    app.register_blueprint(pages.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    register_error_handlers(app)
    app.before_request(_before)
    app.after_request(_after)
    app.context_processor(_template_globals)


def _before() -> ResponseReturnValue | None:
    """Pick the interface language, then charge the client's rate budget."""
    g.hl = i18n.negotiate(request)
    web = state()
    client = request.remote_addr or "?"
    if request.endpoint in _SEARCH_ENDPOINTS:
        web.limiter.hit("search", client, web.settings.search_rate)
    elif request.blueprint in _ADMIN_BLUEPRINTS or request.endpoint in _ADMIN_ENDPOINTS:
        web.limiter.hit("admin", client, web.settings.admin_rate)
    return None


def _after(response: Response) -> Response:
    asked = request.args.get("hl", "")
    if asked in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != asked:
        response.set_cookie(
            i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return add_security_headers(response)


def hl_url(language: str) -> str:
    """The current page with the interface switched to ``language``, all else kept."""
    args = request.args.copy()
    args.setlist("hl", [language])
    return request.path + "?" + urlencode(list(args.items(multi=True)))


def http_url(url: str | None) -> str | None:
    """``url`` if it is http(s), else None: a ``javascript:`` link must never become an href."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def _template_globals() -> dict[str, Any]:
    hl = getattr(g, "hl", i18n.DEFAULT)
    return {
        "hl": hl,
        "t": i18n.translator(hl),
        "csrf_token": csrf_token,
        "hl_url": hl_url,
        "http_url": http_url,
        "fmt_date": lambda d: i18n.format_date(d, hl),
        "admin_enabled": bool(state().settings.admin_token),
    }
