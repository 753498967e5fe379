"""From a request to a :class:`SearchRequest`, and the few links a page adds itself.

Views stay short because the URL grammar lives in ``SearchRequest.from_args``;
this module only supplies the settings and the interface language it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import g, request

from releasesearch.model import SearchResult
from releasesearch.search.request import PAGE_SIZES, SearchRequest
from releasesearch.web.i18n import LANGUAGES
from releasesearch.web.state import state

PAGE_WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    query: str | None  # None for the current page and for gaps
    gap: bool = False


def search_request() -> SearchRequest:
    """:raises BadRequest: for a malformed parameter (``page=abc``, ``from=2024-13-45``)."""
    req = SearchRequest.from_args(
        request.args, page_size=state().settings.page_size, ui_language=g.hl
    )
    asked = request.args.get("hl", "")
    return replace(req, extra=(("hl", asked),)) if asked in LANGUAGES else req


def site_root() -> str:
    """The root every link starts from, ending in ``/``.

    The configured public URL when there is one, else the path the app is mounted
    at: never the request's Host header, which the client chooses.
    """
    configured = state().settings.public_url
    if configured:
        return configured.rstrip("/") + "/"
    return request.script_root + "/"


def page_sizes(req: SearchRequest) -> list[int]:
    """The page sizes the page offers: the usual ones, the site's default and the one asked."""
    return sorted({*PAGE_SIZES, req.default_page_size, req.page_size})


def page_links(req: SearchRequest, result: SearchResult) -> list[PageLink]:
    """First, last and a window around the current page, with gaps marked."""
    if result.pages <= 1:
        return []
    low, high = max(1, result.page - PAGE_WINDOW), min(result.pages, result.page + PAGE_WINDOW)
    numbers = sorted({1, result.pages, *range(low, high + 1)})
    links: list[PageLink] = []
    previous = 0
    for n in numbers:
        if n - previous > 1:
            links.append(PageLink(0, None, gap=True))
        links.append(PageLink(n, None if n == result.page else req.to_query(page=n)))
        previous = n
    return links
