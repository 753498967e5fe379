"""Name folding: what "the same name" means for places, sectors and the build scripts.

The gazetteer, the place matcher, the sector aliases and ``scripts/build_gazetteer.py``
all fold with these functions, so "München", "MUENCHEN" and "Munchen" meet. (The
analysis chain folds index terms its own way, see :mod:`releasesearch.analysis`;
names and index terms never need to compare.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "ʼ": "'"})
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
