"""What every request passes through: interface language, rate budget, headers, and
the helpers templates call.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import g, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from releasesearch.web import i18n
from releasesearch.web.security import add_security_headers, csrf_token
from releasesearch.web.state import state

_SEARCH_ENDPOINTS = frozenset({"pages.search", "api.search", "feeds.feed"})
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


def template_globals() -> dict[str, Any]:
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
