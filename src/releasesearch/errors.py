"""The exception hierarchy of releasesearch.

Library code raises these; the web layer turns them into responses in one place
(:func:`releasesearch.web.errors.register_error_handlers`) and the CLI into
``click.ClickException`` with a hint.
"""

from __future__ import annotations


class ReleaseSearchError(Exception):
    """Base class; ``status`` is the HTTP status the web layer answers with."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class ParseError(ReleaseSearchError):
    """A file or row cannot be read as a release."""

    status = 422


class BadRequest(ReleaseSearchError):
    """A request parameter is malformed (a date that is no date, a page that is no number)."""

    status = 400


class NotFound(ReleaseSearchError):
    """No release has that id."""

    status = 404


class IndexBusy(ReleaseSearchError):
    """Another process holds the index's write lock: one writer at a time."""

    status = 409


class IndexMissing(ReleaseSearchError):
    """The index folder holds no index yet."""

    status = 503


class Unauthorized(ReleaseSearchError):
    """Admin access without a token, or with a wrong one."""

    status = 401


class Forbidden(ReleaseSearchError):
    """Admin is disabled (no token configured) or the CSRF token is wrong."""

    status = 403
