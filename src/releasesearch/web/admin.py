"""The admin page: log in with the token, watch the index, re-index, upload.

Only exists when an admin token is configured. Every POST carries the session's
CSRF token; the login itself is a signed session flag bound to the token.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, jsonify, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from releasesearch.archive import SUPPORTED_SUFFIXES
from releasesearch.errors import BadRequest, Forbidden, IndexBusy, Unauthorized
from releasesearch.vocab.dictionary import dictionary_status
from releasesearch.web.i18n import translator
from releasesearch.web.jobs import index_status, status_json
from releasesearch.web.security import CSRF_FIELD, admin_mark, check_csrf, tokens_equal
from releasesearch.web.state import WebState, state
from releasesearch.web.uploads import save_upload

bp = Blueprint("admin", __name__, url_prefix="/admin")

_SESSION_KEY = "admin"


def _enabled() -> WebState:
    """:raises Forbidden: when no admin token is configured."""
    web = state()
    if not web.settings.admin_token:
        raise Forbidden("Admin is disabled: set RELEASESEARCH_ADMIN_TOKEN to enable it.")
    return web


def _logged_in(web: WebState) -> bool:
    token = web.settings.admin_token or ""
    return tokens_equal(session.get(_SESSION_KEY), admin_mark(web.secret_key, token))


def _require_login() -> WebState:
    web = _enabled()
    if not _logged_in(web):
        raise Unauthorized("Log in on the admin page first.")
    return web


def _back() -> Response:
    return redirect(url_for("admin.dashboard"), code=303)


@bp.get("")
def dashboard() -> str | tuple[str, int]:
    web = _enabled()
    if not _logged_in(web):
        return render_template("login.html", failed=False)
    return render_template(
        "admin.html",
        status=index_status(web.settings.index, web.reindexer),
        job=web.reindexer.state,
        crosslang=dictionary_status(web.settings.dictionary),
        suffixes=", ".join(sorted(SUPPORTED_SUFFIXES)),
        max_upload_mb=f"{web.settings.max_upload_mb:g}",
    )


@bp.post("/login")
def login() -> Response | tuple[str, int]:
    web = _enabled()
    check_csrf(request.form.get(CSRF_FIELD))
    token = web.settings.admin_token or ""
    if not tokens_equal(request.form.get("token", ""), token):
        return render_template("login.html", failed=True), 401
    session[_SESSION_KEY] = admin_mark(web.secret_key, token)
    return _back()


@bp.post("/logout")
def logout() -> Response:
    _enabled()
    check_csrf(request.form.get(CSRF_FIELD))
    session.pop(_SESSION_KEY, None)
    return _back()


@bp.post("/reindex")
def reindex() -> Response:
    web = _require_login()
    check_csrf(request.form.get(CSRF_FIELD))
    try:
        web.reindexer.start(rebuild=request.form.get("mode") == "rebuild")
    except IndexBusy as exc:
        flash(exc.message, "error")
    else:
        flash(translator(g.hl)("reindex_started"), "info")
    return _back()


@bp.post("/upload")
def upload() -> Response:
    web = _require_login()
    check_csrf(request.form.get(CSRF_FIELD))
    file = request.files.get("file")
    if file is None or not file.filename:
        raise BadRequest("Choose a file to upload.")
    saved = save_upload(
        web.settings.archive, file.filename, file.stream, web.settings.max_upload_bytes
    )
    t = translator(g.hl)
    started = web.reindexer.queue_update()
    flash(t("uploaded" if started else "uploaded_queued", name=saved), "info")
    return _back()


@bp.get("/status")
def status() -> Response:
    web = _require_login()
    return jsonify(status_json(web.settings.index, web.reindexer, web.settings.dictionary))
