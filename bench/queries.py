"""The fixed query mix: what a reader of a bilingual press archive types.

Requests are URL parameters, read with ``SearchRequest.from_args`` as the web
layer reads them, so that city names resolve through the gazetteer (``Munich``
and ``München`` are one filter) and the measured path is the served one.
"""

from __future__ import annotations

from urllib.parse import urlencode

Params = dict[str, str]

MIX: tuple[Params, ...] = (
    # one word, English and German, common and rare
    {"q": "hydrogen"},
    {"q": "partnership"},
    {"q": "investment"},
    {"q": "semiconductor"},
    {"q": "Partnerschaft"},
    {"q": "Städtepartnerschaft"},
    {"q": "Wasserstoff"},
    {"q": "Arbeitsplätze"},
    {"q": "Lieferketten"},
    {"q": "Elektrofahrzeuge"},
    # two or three words
    {"q": "battery recycling"},
    {"q": "supply chains China"},
    {"q": "Wirtschaftsförderung Stuttgart"},
    {"q": "trade volume Germany"},
    {"q": "neue Arbeitsplätze Millionen"},
    {"q": "venture capital funding"},
    {"q": "Fachkräftemangel"},
    {"q": "Kreislaufwirtschaft Recycling"},
    # phrases
    {"q": '"sister-city partnership"'},
    {"q": '"hydrogen economy"'},
    {"q": '"Millionen Euro"'},
    {"q": '"chief executive"'},
    # filters: city (both languages), sector, language, year
    {"q": "hydrogen", "city": "Munich"},
    {"q": "Partnerschaft", "city": "München"},
    {"q": "investment", "city": "Nanjing"},
    {"q": "Zusammenarbeit", "city": "Köln"},
    {"q": "digital", "sector": "ai-digital"},
    {"q": "Elektrofahrzeuge", "sector": "automotive"},
    {"q": "energy", "city": "Hamburg", "sector": "energy-climate"},
    {"q": "Investitionen", "lang": "de", "year": "2024"},
    {"q": "partnership", "lang": "en", "sector": "trade-investment"},
    # pages 2 and 3
    {"q": "partnership", "page": "2"},
    {"q": "Partnerschaft", "page": "3"},
    {"q": "investment", "city": "Berlin", "page": "2"},
    # browsing: no words, newest first
    {"q": ""},
    {"city": "Shanghai"},
    {"sector": "biopharma-health", "year": "2025"},
    # misspelt (did-you-mean) and no match
    {"q": "hydrogne"},
    {"q": "Zusammenarbiet Stuttgart"},
)


def variant(params: Params, i: int) -> Params:
    """The same request spelt differently: the case of ``q``'s letters flipped by ``i``'s bits.

    The service caches answers by request, so a benchmark repeating its mix would
    time dictionary lookups. Analysis lowercases every word, so a variant finds,
    ranks and counts exactly what the original does, yet is a new request.
    Browse requests (no ``q``) have no variants; they are served from the cache.
    """
    q = params.get("q", "")
    if not q or i == 0:
        return params
    letters = [k for k, ch in enumerate(q) if ch.isalpha()]
    chars = list(q)
    for bit, k in enumerate(letters):
        if i >> bit & 1:
            chars[k] = chars[k].swapcase()
    return {**params, "q": "".join(chars)}


def as_args(params: Params) -> dict[str, list[str]]:
    """The mapping ``SearchRequest.from_args`` reads (lists, as URL parameters are)."""
    return {k: [v] for k, v in params.items()}


def variant_urls(count: int) -> list[str]:
    """The mix ``count`` times, each pass spelt differently (see :func:`variant`)."""
    return [as_url(variant(p, v)) for v in range(1, count + 1) for p in MIX]


def as_url(params: Params) -> str:
    """The ``/api/search`` URL of one request of the mix."""
    return "/api/search?" + urlencode(params)


def label(params: Params) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items()) or "(browse)"
