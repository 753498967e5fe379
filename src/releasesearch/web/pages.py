"""HTML pages: the search page, a release's page and the original archive file.

Views parse, call the service, render; all state is in the URL so that every
page can be shared, bookmarked and reached again with the back button.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, g, render_template, request, send_file
from werkzeug.wrappers import Response

from releasesearch.archive import is_supported
from releasesearch.errors import NotFound
from releasesearch.search.request import SORTS, default_sort
from releasesearch.web.i18n import count_label
from releasesearch.web.params import page_links, search_request
from releasesearch.web.state import state

bp = Blueprint("pages", __name__)


@bp.get("/")
def search() -> str:
    req = search_request()
    result = state().service.search(req)
    return render_template(
        "search.html",
        req=req,
        result=result,
        count=count_label(result.total, g.hl),
        pages=page_links(req, result),
        sorts=SORTS,
        default_sort=default_sort(req.q),
        feed_query=req.to_query(page=1),
    )


@bp.get("/release/<path:release_id>")
def release(release_id: str) -> str:
    query = request.args.get("q") or None
    view = state().service.release(release_id, ui_language=g.hl, query=query)
    return render_template("release.html", release=view, query=query)


@bp.get("/archive/<path:relpath>")
def archive_file(relpath: str) -> Response:
    """The original file as a text download, never anything outside the archive folder."""
    path = _archive_path(relpath)
    return send_file(
        path,
        mimetype="text/plain",
        as_attachment=True,
        download_name=path.name,
        max_age=0,
    )


def _archive_path(relpath: str) -> Path:
    """:raises NotFound: for anything but a supported regular file inside the archive."""
    root = state().settings.archive.resolve()
    parts = Path(relpath).parts
    if Path(relpath).is_absolute() or ".." in parts or any(p.startswith(".") for p in parts):
        raise NotFound(f"No archive file {relpath}.")
    candidate = (root / relpath).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file() or not is_supported(relpath):
        raise NotFound(f"No archive file {relpath}.")
    return candidate
