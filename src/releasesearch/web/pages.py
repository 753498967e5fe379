"""HTML pages: the search page, a release's page and the original archive file.

Views parse, call the service, render; all state is in the URL so that every
page can be shared, bookmarked and reached again with the back button.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, g, render_template, request, send_file
from werkzeug.wrappers import Response

from releasesearch.archive import is_supported
from releasesearch.errors import NotFound
from releasesearch.search.request import SORTS, default_sort
from releasesearch.web.i18n import count_label, range_label
from releasesearch.web.params import page_links, page_sizes, search_request
from releasesearch.web.state import state

bp = Blueprint("pages", __name__)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


@bp.get("/")
def search() -> str:
    req = search_request()
    result = state().service.search(req)
    return render_template(
        "search.html",
        req=req,
        result=result,
        count=count_label(result.total, g.hl),
        range=range_label(result, g.hl),
        first=(result.page - 1) * result.page_size + 1,
        pages=page_links(req, result),
        page_sizes=page_sizes(req),
        clear_url="?" + req.cleared().to_query(),
        sorts=SORTS,
        default_sort=default_sort(req.q),
        feed_query=req.to_query(page=1, page_size=req.default_page_size),
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
    """:raises NotFound: for anything but a supported regular file inside the archive.

    A NUL or another control character cannot be in an archive path (and the
    file system would refuse it with ValueError), so it is answered 404 before
    any path is built.
    """
    if _UNPRINTABLE.search(relpath):
        raise NotFound("No such archive file.")
    missing = NotFound(f"No archive file {relpath}.")
    root = state().settings.archive.resolve()
    parts = Path(relpath).parts
    if Path(relpath).is_absolute() or ".." in parts or any(p.startswith(".") for p in parts):
        raise missing
    candidate = (root / relpath).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file() or not is_supported(relpath):
        raise missing
    return candidate
