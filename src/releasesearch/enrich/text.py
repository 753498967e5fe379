"""Small text helpers shared by the enrichment modules.

Folding lives here so that the gazetteer, the matcher and the build script agree on
what "the same name" means: "München", "MUENCHEN" and "Munchen" must meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "ʼ": "'"})
_QUOTES = str.maketrans({c: '"' for c in "„“”«»‟″"} | {c: "'" for c in "‘’‚‹›"})
_SPACE = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """German-aware folding: umlauts become ae/oe/ue, other accents vanish."""
    low = text.casefold()
    if low.isascii():
        return low
    return _strip_marks(low.translate(_UMLAUTS))


@lru_cache(maxsize=65536)
def fold_plain(text: str) -> str:
    """Folding that drops umlaut dots ("Munchen"): the way English texts misspell them."""
    low = text.casefold()
    if low.isascii():
        return low
    return _strip_marks(low.replace("ß", "ss").replace("’", "'"))


def name_key(text: str, *, plain: bool = False) -> str:
    """Lookup key of a place name: folded words joined by one space ("St. Louis" -> "st louis")."""
    folded = fold_plain(text) if plain else fold(text)
    return " ".join(WORD.findall(folded))


def collapse(text: str) -> str:
    """Whitespace runs become one space; leading and trailing space goes."""
    return _SPACE.sub(" ", text).strip()


def normalise_source(source: str | None) -> str | None:
    """Typographic quotes become plain ones, so the EN and DE issuer lines compare equal."""
    if source is None:
        return None
    clean = collapse(source.translate(_QUOTES))
    return clean or None


def first_paragraph(body: str) -> str:
    """The first non-empty paragraph: where datelines live."""
    for para in body.split("\n\n"):
        if para.strip():
            return para.strip()
    return ""
