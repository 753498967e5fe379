"""What every request passes through: interface language, rate budget, headers, and
the helpers templates call.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from flask import g, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from releasesearch.search.links import http_url
from releasesearch.web import i18n
from releasesearch.web.security import add_security_headers, csrf_token
from releasesearch.web.state import state

_SEARCH_ENDPOINTS = frozenset(
    {"pages.search", "api.search", "api.suggest", "api.facet_values", "feeds.feed", "feeds.suggest"}
)
_ADMIN_BLUEPRINTS = frozenset({"admin"})
_ADMIN_ENDPOINTS = frozenset({"api.reindex"})


def before_request() -> ResponseReturnValue | None:
    """Pick the interface language, then charge the client's rate budget."""
    g.hl = i18n.negotiate(request)
    web = state()
    client = request.remote_addr or "?"
    if request.endpoint in _SEARCH_ENDPOINTS:
        web.limiter.hit("search", client, web.settings.search_rate)
    elif request.blueprint in _ADMIN_BLUEPRINTS or request.endpoint in _ADMIN_ENDPOINTS:
        web.limiter.hit("admin", client, web.settings.admin_rate)
    return None


def after_request(response: Response) -> Response:
    asked = request.args.get("hl", "")
    if asked in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != asked:
        response.set_cookie(
            i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return add_security_headers(response)


def hl_url(language: str) -> str:
    """The current page with the interface switched to ``language``, all else kept.

    A page answering a POST (a failed login, a refused upload) cannot be fetched
    again with a link, so its switch leads to the page the form came from: the
    admin page for the admin forms, else the search page.
    """
    args: MultiDict[str, str]
    if request.method in ("GET", "HEAD"):
        args = request.args.copy()
        path = quote(request.path, safe="/@:")  # re-encoded: the path arrives decoded
    else:
        args = MultiDict()
        path = url_for("admin.dashboard" if request.blueprint == "admin" else "pages.search")
    args.setlist("hl", [language])
    return path + "?" + urlencode(list(args.items(multi=True)))


_BREAK_AFTER = re.compile(r"([/_\-.#])")


def breakable(path: str) -> Markup:
    """An archive path, escaped, that a narrow column may wrap after ``/``, ``_``, ``-``,
    ``.`` or ``#`` (``<wbr>``), never inside a word."""
    parts = _BREAK_AFTER.split(path)
    return Markup("").join(
        Markup(f"{escape(part)}<wbr>") if _BREAK_AFTER.fullmatch(part) else escape(part)
        for part in parts
    )


def template_globals() -> dict[str, Any]:
    hl = getattr(g, "hl", i18n.DEFAULT)
    return {
        "hl": hl,
        "t": i18n.translator(hl),
        "csrf_token": csrf_token,
        "hl_url": hl_url,
        "http_url": http_url,
        "breakable": breakable,
        "fmt_date": lambda d: i18n.format_date(d, hl),
        "admin_enabled": bool(state().settings.admin_token),
    }
