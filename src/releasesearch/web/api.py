"""The JSON API: the same :class:`SearchResult` as the page, serialised once.

Links are ready to follow (``toggle_url``, ``links.next``), so that clients, like
templates, never assemble query strings themselves. They are relative to the
site (``/api/search?...``) unless a public URL is configured; never built from
the request's Host header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Blueprint, g, jsonify, request, url_for
from werkzeug.wrappers import Response

from releasesearch.errors import BadRequest, Forbidden, Unauthorized
from releasesearch.model import ReleaseView, SearchResult
from releasesearch.search import render
from releasesearch.search.suggest import Suggestion
from releasesearch.web.jobs import status_json
from releasesearch.web.params import search_request, site_root
from releasesearch.web.security import tokens_equal
from releasesearch.web.state import state

bp = Blueprint("api", __name__, url_prefix="/api")

SEARCH_PATH = "api/search"


def _query_link(site: str) -> Callable[[str], str]:
    return lambda query: f"{site}{SEARCH_PATH}?{query}"


def _release_link(site: str) -> Callable[[str], str]:
    return lambda release_id: f"{site}release/{quote(release_id, safe='/')}"


def result_to_json(
    result: SearchResult, base_url_for_links: str, *, self_query: str = ""
) -> dict[str, Any]:
    """``base_url_for_links`` is the site's root (:func:`site_root`), ending in ``/``.

    The shape is :func:`releasesearch.search.render.result_json` (shared with the CLI),
    with links a client can follow as they are.
    """
    link = _query_link(base_url_for_links)
    body = render.result_json(result, link, _release_link(base_url_for_links))
    body["facet_labels"] = {f.name: f.label for f in result.facets}
    body["links"]["self"] = link(self_query)
    return body


def release_to_json(view: ReleaseView, base_url_for_links: str) -> dict[str, Any]:
    """The CLI's release JSON plus the highlighted HTML and the page and file URLs."""
    body = render.release_json(view, _release_link(base_url_for_links))
    body["title_html"] = view.title_html
    body["paragraphs_html"] = list(view.paragraphs_html)
    body["url"] = _release_link(base_url_for_links)(view.id)
    body["archive_url"] = f"{base_url_for_links}archive/{quote(view.path, safe='/')}"
    return body


@bp.get("/search")
def search() -> Response:
    req = search_request()
    result = state().service.search(req)
    return jsonify(result_to_json(result, site_root(), self_query=req.to_query()))


@bp.get("/facets/<name>")
def facet_values(name: str) -> Response:
    """One facet's values for the current search whose label starts with ``contains``."""
    req = search_request()
    typed = request.args.get("contains", "")[:100]
    found = state().service.facet_values(req, name, typed)
    site = site_root()
    values = [
        {**render.facet_value_json(v, _query_link(site)), "url": f"{site}?{v.toggle_query}"}
        for v in found
    ]
    return jsonify({"facet": name, "contains": typed, "values": values})


@bp.get("/suggest")
def suggest() -> Response:
    """Completions of ``q`` (the page's search box asks as the reader types)."""
    req = search_request()
    found = state().service.suggest(req)
    return jsonify({"query": req.q, "suggestions": suggestions_json(found, site_root())})


def suggestions_json(found: tuple[Suggestion, ...], site: str) -> list[dict[str, Any]]:
    """Each suggestion with the page it leads to: the search with its filter, or the release."""
    return [
        {
            "kind": s.kind,
            "label": s.label,
            "value": s.value,
            "count": s.count,
            "url": _release_link(site)(s.value) if s.kind == "title" else f"{site}?{s.query}",
        }
        for s in found
    ]


@bp.get("/releases/<path:release_id>")
def release(release_id: str) -> Response:
    query = request.args.get("q") or None
    view = state().service.release(release_id, ui_language=g.hl, query=query)
    return jsonify(release_to_json(view, site_root()))


@bp.get("/status")
def status() -> Response:
    web = state()
    return jsonify(status_json(web.settings.index, web.reindexer, web.settings.dictionary))


@bp.post("/reindex")
def reindex() -> tuple[Response, int]:
    _require_bearer()
    rebuild = _rebuild_flag()
    state().reindexer.start(rebuild=rebuild)
    body = {
        "started": True,
        "rebuild": rebuild,
        "status_url": url_for("api.status"),
    }
    return jsonify(body), 202


def _require_bearer() -> None:
    """:raises Forbidden: admin disabled or wrong token; Unauthorized: no token at all."""
    expected = state().settings.admin_token
    if not expected:
        raise Forbidden("Admin is disabled: set RELEASESEARCH_ADMIN_TOKEN to enable re-indexing.")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("Send the admin token as 'Authorization: Bearer <token>'.")
    if not tokens_equal(given.strip(), expected):
        raise Forbidden("Wrong admin token.")


def _rebuild_flag() -> bool:
    """:raises BadRequest: for a body that is not a JSON object with a boolean ``rebuild``."""
    if not request.get_data():
        return False
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise BadRequest('The body must be a JSON object such as {"rebuild": false}.')
    rebuild = body.get("rebuild", False)
    if not isinstance(rebuild, bool):
        raise BadRequest('"rebuild" must be true or false.')
    return rebuild
