"""The application factory: settings, the per-app state, blueprints and hooks."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask

from releasesearch.config import Settings
from releasesearch.web import admin, api, feeds, hooks, pages, state
from releasesearch.web.errors import register_error_handlers

SETTING_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))
_SLACK_BYTES = 64 * 1024  # multipart boundaries and the CSRF field around an upload


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
    state.init_app(app, settings, secret)
    _register(app)
    return app


def _register(app: Flask) -> None:
    app.register_blueprint(pages.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    register_error_handlers(app)
    app.before_request(hooks.before_request)
    app.after_request(hooks.after_request)
    app.context_processor(hooks.template_globals)
