"""Finding the cities a release mentions, fast and without common-word false hits.

The text is tokenised once; runs of one to three capitalised words are looked up in
the gazetteer's folded-name dict, and Han-script runs are scanned for names without
word boundaries. A name that is also an ordinary word ("Essen", "Mobile", "Halle",
see ``data/ambiguous_names.txt``), or a place too small to be the likely meaning,
counts only next to a location cue ("in", "nach", "near", "city of", ", Germany").
"""

from __future__ import annotations

import re

from releasesearch.vocab.gazetteer import (
    Gazetteer,
    ambiguous_names,
    country_code,
    gazetteer,
    region_countries,
    region_country,
    region_openers,
)
from releasesearch.vocab.months import MONTH_NAMES
from releasesearch.vocab.names import WORD, fold, fold_plain

__all__ = ["find_cities"]

SMALL_PLACE = 100_000  # below this, a bare capitalised word is more often something else
BIG_PLACE = 1_000_000  # an alternate spelling alone ("Jima", "Yishan") counts only for these
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Wire footers glue the city to the brand and the web address:
# "MiningNewsWireLos Angeles, CAwww.MiningNewsWire.com" -> "...Wire Los Angeles, CA www..."
_GLUED_CITY = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, ?[A-Z])")
_GLUED_WEB = re.compile(r"(?<=[A-Za-z])(?=www\.)")
_WEEKDAYS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"
)
# Month and weekday names never name a town ("March 04, 2026" is not March, Cambs.).
_CALENDAR = frozenset(fold(w) for w in (*MONTH_NAMES["en"], *MONTH_NAMES["de"], *_WEEKDAYS.split()))
# Words that open a city's name without being part of a longer proper name.
_OPENERS = {"city", "stadt", "landeshauptstadt", "hauptstadt", "downtown", "greater", "metro"}
# Function words that may stand capitalised before a city at a sentence start.
_FUNCTION_WORDS = {"the", "a", "an", "der", "die", "das", "dem", "den", "des", "ein", "eine"}
# "University of Heidelberg", "Port of Baltimore": the city names an institution.
_INSTITUTIONS = {"university", "universitaet", "college", "institute", "port", "bank", "museum"}
_CUES_EN = {
    "in",
    "near",
    "from",
    "outside",
    "around",
    "of",
    "to",
    "at",
    "via",
    "based",
    "headquartered",
}
_CUES_DE = {
    "in",
    "nach",
    "aus",
    "bei",
    "von",
    "im",
    "stadt",
    "raum",
    "großraum",
    "grossraum",
    "standort",
}
_STRONG = {
    "in",
    "near",
    "from",
    "outside",
    "nach",
    "aus",
    "bei",
    "stadt",
    "raum",
    "großraum",
    "grossraum",
}
_CITY_OF = {("city", "of"), ("town", "of"), ("stadt", "von"), ("region", "of")}


def _cue_words(language: str | None) -> set[str]:
    if language == "en":
        return _CUES_EN
    if language == "de":
        return _CUES_DE
    return _CUES_EN | _CUES_DE


class _Tokens:
    """The words of a text, matched once; folding and offsets are computed on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(WORD.finditer(text))
        self.words = [m.group(0) for m in self.matches]
        self._folded: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.words)

    def folded(self, index: int) -> str:
        value = self._folded.get(index)
        if value is None:
            value = self._folded[index] = fold(self.words[index])
        return value

    def key(self, start: int, size: int, *, plain: bool = False) -> str:
        if plain:
            return " ".join(fold_plain(w) for w in self.words[start : start + size])
        return " ".join(self.folded(i) for i in range(start, start + size))

    def gap(self, left: int, right: int) -> str:
        """Text between token left and token right (exclusive)."""
        return self.text[self.matches[left].end() : self.matches[right].start()]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _region_after(tokens: _Tokens, end: int) -> tuple[str, str | None] | None:
    """ "Essen, Germany" / "Reading, PA": (country, region) when a comma and one follow."""
    if end >= len(tokens) or tokens.gap(end - 1, end).strip() != ",":
        return None
    for size in (1, 2, 3):
        words = " ".join(tokens.words[end : end + size])
        country = country_code(words)
        if country:
            return country, None
        if region_country(words):
            return "US", tokens.words[end] if size == 1 else None
        if end + size > len(tokens):
            break
        codes = region_countries(tokens.key(end, size)) - {"-"}
        if len(codes) == 1:
            return next(iter(codes)), None  # "Burlington, Ontario", "Hanover, Lower Saxony"
    return None


def _followed_by_region(tokens: _Tokens, end: int) -> bool:
    return _region_after(tokens, end) is not None


def _has_cue(tokens: _Tokens, start: int, end: int, cues: set[str], strong: bool) -> bool:
    if _followed_by_region(tokens, end):
        return True
    if start == 0 or re.search(r"[.!?;:\n]", tokens.gap(start - 1, start)):
        return False
    before = tokens.folded(start - 1)
    if before in (_STRONG & cues if strong else cues):
        return True
    return start >= 2 and (tokens.folded(start - 2), before) in _CITY_OF


def _joined(tokens: _Tokens, left: int, right: int) -> bool:
    """Two tokens separated by spaces only, on one line: one name, not a list."""
    gap = tokens.gap(left, right)
    return bool(gap) and gap.strip(" ") == ""


def _proper(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _in_longer_name(tokens: _Tokens, start: int, end: int) -> bool:
    """The window is part of a person's or organisation's name.

    "Tyler Boykin", "Mary Coleman", "Washington Post", "Hong Kong Stock Exchange",
    "Polizei Berlin", "Eintracht Frankfurt", "University of Heidelberg": a capitalised
    word joined to it by a space (not a region: "Hanover, Lower Saxony"), or an
    institution's "of" before it. All-capital datelines ("NEW YORK") are exempt.
    """
    words = tokens.words
    if all(w.isupper() for w in words[start:end]):
        return False
    if start > 0 and _joined(tokens, start - 1, start) and _proper(words[start - 1]):
        before = tokens.folded(start - 1)
        if before not in _OPENERS and before not in _FUNCTION_WORDS:
            return True
    if end < len(tokens) and _joined(tokens, end - 1, end) and _proper(words[end]):
        if not region_countries(tokens.folded(end)):
            return True
    return (
        start >= 2
        and tokens.folded(start - 1) == "of"
        and tokens.folded(start - 2) in _INSTITUTIONS
    )


def _region_window(tokens: _Tokens, i: int) -> int:
    """Length of the longest state, province, country or world-region name at token i."""
    if tokens.folded(i) not in region_openers():
        return 0
    for size in range(min(4, len(tokens) - i), 0, -1):
        if region_countries(tokens.key(i, size)):
            return size
    return 0


def _region_wins(gaz: Gazetteer, key: str, pid: str) -> bool:
    """ "Ontario" is the province, "Salzburg" the city: a city named like a region
    counts only in that region's country and with 100,000 inhabitants."""
    place = gaz.get(pid)
    countries = region_countries(key)
    if place is None or place.country not in countries:
        return True
    if gaz.is_alternate(key) and country_code(key):
        return True  # "Mexico" is the country, Mexico City is named "Mexico City"
    return gaz.population(pid) < SMALL_PLACE


def _accept(
    gaz: Gazetteer, tokens: _Tokens, start: int, size: int, pid: str, cues: set[str]
) -> bool:
    key = tokens.key(start, size)
    if key in _CALENDAR or _in_longer_name(tokens, start, start + size):
        return _region_after(tokens, start + size) is not None
    ambiguous = key in ambiguous_names()
    if ambiguous and not all(_capitalised(w) for w in tokens.words[start : start + size]):
        return False
    small = gaz.population(pid) < (BIG_PLACE if gaz.is_alternate(key) else SMALL_PLACE)
    if ambiguous or small:
        return _has_cue(tokens, start, start + size, cues, strong=ambiguous)
    return True


def _lookup(gaz: Gazetteer, tokens: _Tokens, start: int, size: int, key: str) -> str | None:
    """Best place for the window; a following ", PA" or ", Germany" narrows the choice."""
    ids = gaz.candidates(key)
    if not ids and not all(w.isascii() for w in tokens.words[start : start + size]):
        plain = tokens.key(start, size, plain=True)  # "Gerät" is no spelling of Herat
        ids = () if gaz.is_alternate(plain) else gaz.candidates(plain)
    if key.startswith("st "):  # GeoNames spells St. Charles, MO "Saint Charles"
        ids = tuple(dict.fromkeys(ids + gaz.candidates("saint " + key[3:])))
    context = _region_after(tokens, start + size) if ids else None
    if context is not None:
        pid = gaz.pick(ids, *context)
        return pid if gaz.in_region(pid, *context) else None  # "Abingdon, VA" is not Oxon
    return ids[0] if ids else None


def _windows(gaz: Gazetteer, tokens: _Tokens, i: int) -> list[tuple[int, str]]:
    """(size, folded key) of the windows opening at token i, longest first."""
    first = tokens.folded(i)
    if first not in gaz.opens_phrase:
        return [(1, first)]
    out = []
    for size in range(min(gaz.max_words, 3, len(tokens) - i), 1, -1):
        out.append((size, " ".join(tokens.folded(j) for j in range(i, i + size))))
    out.append((1, first))
    return out


def _latin(gaz: Gazetteer, tokens: _Tokens, cues: set[str]) -> list[tuple[int, str]]:
    """Windows of one to three words that open with a capital, longest match first."""
    found: list[tuple[int, str]] = []
    skip = 0
    words, opens, index = tokens.words, gaz.opens_phrase, gaz.known
    for i in [i for i, w in enumerate(words) if w[0].isupper()]:
        if i < skip:
            continue
        first = tokens.folded(i)
        if first not in opens and not index(first) and words[i].isascii():
            continue  # the common case: a capitalised word that names no place
        region = _region_window(tokens, i)
        for size, key in _windows(gaz, tokens, i):
            if not gaz.known(key) and tokens.words[i].isascii():
                continue
            ids = gaz.candidates(key)
            if size < region or size == region and (not ids or _region_wins(gaz, key, ids[0])):
                skip = i + region  # "North Carolina", "British Columbia", "Ontario"
                break
            pid = _lookup(gaz, tokens, i, size, key)
            if pid is not None and _accept(gaz, tokens, i, size, pid, cues):
                found.append((tokens.matches[i].start(), pid))
                skip = i + size
                break
    return found


def _han_name(gaz: Gazetteer, name: str) -> tuple[str, ...]:
    """Two-character names only for big places: "合作" is a word before it is Hezuo."""
    ids = gaz.candidates(name)
    if ids and len(name) == 2 and gaz.population(ids[0]) < SMALL_PLACE * 5:
        return ()
    return ids


def _han(gaz: Gazetteer, text: str) -> list[tuple[int, str]]:
    """Chinese names inside Han runs: longest match first, no word boundaries needed."""
    found: list[tuple[int, str]] = []
    for run in _HAN.finditer(text):
        s, i = run.group(0), 0
        while i < len(s) - 1:
            for size in range(min(6, len(s) - i), 1, -1):
                ids = _han_name(gaz, s[i : i + size])
                if ids:
                    found.append((run.start() + i, ids[0]))
                    i += size - 1
                    break
            i += 1
    return found


def find_cities(text: str, language: str | None = None) -> tuple[str, ...]:
    """Place ids mentioned in text, in order of first mention."""
    gaz = gazetteer()
    text = _GLUED_WEB.sub(" ", _GLUED_CITY.sub(" ", text))
    hits = _latin(gaz, _Tokens(text), _cue_words(language))
    if _HAN.search(text):
        hits += _han(gaz, text)
    hits.sort()
    return tuple(dict.fromkeys(pid for _pos, pid in hits))
