"""The one place where exceptions become responses.

Pages get ``error.html`` in the interface language, ``/api/*`` gets
``{"error": {"status": .., "message": ..}}``. Library errors carry their own
status and a message written for the reader; anything else is logged with its
traceback and answered with a bare "internal error", never a stack trace.
"""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from releasesearch.errors import IndexMissing, ReleaseSearchError
from releasesearch.web import i18n
from releasesearch.web.security import RateLimited
from releasesearch.web.state import state

log = logging.getLogger(__name__)

NO_INDEX = "No index yet: run `releasesearch index` to build it from the archive."
_HTTP_MESSAGES = {
    404: "No such page.",
    405: "This address does not accept that method.",
    413: "The upload is too large.",
}


def wants_json() -> bool:
    """API clients and the admin status poller read JSON; everyone else reads pages."""
    return request.path.startswith("/api/") or request.path == "/admin/status"


def error_response(status: int, message: str, *, missing_index: bool = False) -> Response:
    response: Response
    if wants_json():
        response = jsonify({"error": {"status": status, "message": message}})
    else:
        hl = getattr(g, "hl", None) or i18n.negotiate(request)
        g.hl = hl
        key = f"error_{status}" if f"error_{status}" in i18n.STRINGS else "error_title"
        body = render_template(
            "error.html",
            status=status,
            title_key=key,
            message=message,
            missing_index=missing_index,
        )
        response = Response(body, mimetype="text/html")
    response.status_code = status
    return response


def _library_error(exc: ReleaseSearchError) -> Response:
    missing = isinstance(exc, IndexMissing)
    message = NO_INDEX if missing else exc.message
    response = error_response(exc.status, message, missing_index=missing)
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = _HTTP_MESSAGES.get(status) or exc.description or exc.name
    if status == 413:
        message = _too_large_message()
    response = error_response(status, message)
    if status == 405 and exc.response is None:
        allowed = getattr(exc, "valid_methods", None)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
    return response


def _too_large_message() -> str:
    mb = state().settings.max_upload_mb
    return f"The upload is too large: at most {mb:g} MB are accepted."


def _unexpected(exc: Exception) -> Response:
    # %r: a path may carry control characters, which must not reach the log as they are
    log.exception("unhandled error on %s %r", request.method, request.path)
    return error_response(500, "Internal error: the problem has been logged.")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(ReleaseSearchError, _library_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
