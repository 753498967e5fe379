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


def as_args(params: Params) -> dict[str, list[str]]:
    """The mapping ``SearchRequest.from_args`` reads (lists, as URL parameters are)."""
    return {k: [v] for k, v in params.items()}


def as_url(params: Params) -> str:
    """The ``/api/search`` URL of one request of the mix."""
    return "/api/search?" + urlencode(params)


def label(params: Params) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items()) or "(browse)"
