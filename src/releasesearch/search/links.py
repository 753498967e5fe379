"""Which links from release text may become links on a page or in the API."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})


def http_url(url: str | None) -> str | None:
    """``url`` if it is http(s), else None.

    A release's ``url:`` comes from the file and may be ``javascript:alert(1)``;
    the page and the API both get the release through this check, so neither
    ever hands such a link to a browser or a client.
    """
    if not url:
        return None
    cleaned = url.strip()
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:  # an unbalanced [ in the host part
        return None
    return cleaned if scheme in SAFE_SCHEMES else None
