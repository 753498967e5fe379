"""What the words around a gazetteer name say about it: place, region or part of a name.

These are the context rules of :mod:`releasesearch.enrich.places`, over one tokenised
text: a following state or country (", PA", ", Germany"), a location cue before the
name ("in", "nach", "city of"), a capitalised word joined to it that makes it part of
a person's or organisation's name ("Tyler Boykin", "Polizei Berlin"), and uses that
are no place at all (a web name "Bonn.digital", a street "Minna-Todenhagen-Straße").
"""

from __future__ import annotations

import re

from releasesearch.vocab.gazetteer import (
    country_code,
    region_countries,
    region_prefixes,
    us_state,
)
from releasesearch.vocab.months import MONTH_NAMES
from releasesearch.vocab.names import WORD, fold, fold_plain

# Evidence that a window names a place, weakest first.
BARE, CUE, CONTEXT = 0, 1, 2
# What makes a window part of a longer name (see name_before).
NAME_WORD, NAME_CODE = 1, 2
_CODE = re.compile(r"(?=\w*[A-Z])[A-Z0-9]{2,6}")  # "TPS", "HV71", "AC"
# (country, US state code or None) that a following ", PA" / ", Germany" names.
Context = tuple[str, str | None]

_WEEKDAYS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"
)
# Month and weekday names never name a town ("March 04, 2026" is not March, Cambs.).
_CALENDAR = frozenset(fold(w) for w in (*MONTH_NAMES["en"], *MONTH_NAMES["de"], *_WEEKDAYS.split()))
# Words that open a city's name without being part of a longer proper name.
_OPENERS = {"city", "stadt", "landeshauptstadt", "hauptstadt", "downtown", "greater", "metro"}
# Function words that may stand capitalised before a city at a sentence start
# ("In London", "Während London", "The Berlin office"): no part of a name.
_FUNCTION_WORDS = frozenset(
    fold(w)
    for w in "the a an and or but as at by for with while when after since before during across "
    "throughout like unlike into onto both between "
    "der die das dem den des ein eine einer eines und oder aber als wenn während nachdem "
    "seit wie auch doch dann denn weil ob bis ab zwischen gegen für mit über unter vor "
    "hinter neben durch um ins zum zur am vom beim".split()
)
# "University of Heidelberg", "Port of Baltimore", "Treaty of Versailles", "Vertrag von
# Dayton": the city names an institution, a treaty or a battle.
_INSTITUTIONS = {"university", "universitaet", "college", "institute", "port", "bank", "museum"}
_INSTITUTIONS |= {"treaty", "accord", "accords", "agreement", "peace", "battle", "siege"}
_INSTITUTIONS |= {"congress", "convention", "declaration", "protocol", "conference"}
_INSTITUTIONS |= {"vertrag", "vertrags", "vertrages", "abkommen", "abkommens", "frieden"}
_INSTITUTIONS |= {"friedens", "schlacht", "belagerung", "protokoll", "erklaerung", "konferenz"}
_INSTITUTIONS |= {"kongress", "konvention"}
_OF = {"of", "von"}
# German compounds that end in a word for a town say the name after them is one
# ("Küstenort", not "Sport").
_TOWN_WORDS = ("stadt", "metropole", "dorf", "gemeinde", "ort")
_CUES_EN = {"in", "near", "from", "outside", "around", "of", "to", "at", "via", "based"}
_CUES_EN |= {"headquartered"}
_CUES_DE = {"in", "nach", "aus", "bei", "von", "stadt", "raum", "großraum", "grossraum"}
_CUES_DE |= {"standort"}
_STRONG = {"in", "near", "from", "outside", "nach", "aus", "bei", "stadt", "raum", "großraum"}
_STRONG |= {"grossraum"}
_CITY_OF = {("city", "of"), ("town", "of"), ("stadt", "von"), ("region", "of")}
# The last part of a hyphenated street or landmark name: "Minna-Todenhagen-Straße".
_STREET = re.compile(
    r"-[\w-]*(?:straße|strasse|weg|allee|platz|damm|ufer|brücke|chaussee|ring|gasse|street)\b",
    re.IGNORECASE,
)
_WEB = re.compile(r"\.[a-z]")  # "Bonn.digital", "Berlin.de"
# German determiners, contractions with an article and numbers that a town never
# follows without an adjective ("im Mercedes", but "in Essen", "im schönen Essen")
_ARTICLES_DE = {"der", "dem", "den", "des", "im", "ins", "am", "ans", "vom", "zum", "zur", "beim"}
_ARTICLES_DE |= {
    stem + ending
    for stem in ("ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer")
    for ending in ("", "e", "em", "en", "er", "es")
}
_ARTICLES_DE |= {fold(w) for w in "zwei drei vier fünf sechs sieben acht neun zehn".split()}
# Determiners that are not neuter singular: with an adjective between ("den
# davorstehenden Toyota", "zwei danebenstehende Toyota") the name is no town, since
# a town takes a neuter one ("das alte Wien", "im schönen Essen").
_NOT_NEUTER_DE = _ARTICLES_DE - {"dem", "des", "im", "ins", "am", "ans", "vom", "zum", "beim"}
_NOT_NEUTER_DE |= {"die", "beide", "beiden", "mehrere", "einige", "keine", "keinen"}
_ADJECTIVE = re.compile(r"[a-zäöüß]+(?:e|en|er|em)")


def _cue_words(language: str | None) -> frozenset[str]:
    if language == "en":
        return frozenset(_CUES_EN)
    if language == "de":
        return frozenset(_CUES_DE)
    return frozenset(_CUES_EN | _CUES_DE)


class Tokens:
    """The words of a text, matched once; folding and offsets are computed on demand."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.language = language
        self.cues = _cue_words(language)
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

    def title_case(self, index: int) -> bool:
        """Token index stands on a headline-style line ("Leads Nanjing Delegation on a
        Study Visit"), where capitals say nothing about names."""
        text, at = self.text, self.matches[index].start()
        begin = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        words = WORD.findall(text[begin : end if end >= 0 else len(text)])
        long = [w for w in words if len(w) > 3]
        return len(words) >= 4 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def is_calendar(key: str) -> bool:
    return key in _CALENDAR


def region_after(tokens: Tokens, end: int) -> list[Context]:
    """The readings of a ", PA" / ", Georgia" / ", Germany" after the window, likeliest first.

    "Georgia" is a state and a country: both readings are offered, and the caller
    takes the first that fits one of the name's places.
    """
    if end >= len(tokens) or tokens.gap(end - 1, end).strip() != ",":
        return []
    out: list[Context] = []
    for size in (3, 2, 1):  # the longest name: "SOUTH KOREA" is no "South" (Cameroon)
        if end + size > len(tokens):
            continue
        words = " ".join(tokens.words[end : end + size])
        state = us_state(words)
        if state:
            out.append(("US", state))
        country = country_code(words)
        if country:
            out.append((country, None))
        codes = region_countries(tokens.key(end, size)) - {"-"}
        if not out and len(codes) == 1:
            out.append((next(iter(codes)), None))  # "Burlington, Ontario"
        if out:
            return out
    return out


def location_cue(tokens: Tokens, start: int, strong: bool) -> bool:
    """ "in Essen", "nach Essen", "the city of Reading": a word before says "place"."""
    if start == 0 or re.search(r"[.!?;:\n]", tokens.gap(start - 1, start)):
        return False
    before = tokens.folded(start - 1)
    if before in (_STRONG & tokens.cues if strong else tokens.cues):
        return True
    return start >= 2 and (tokens.folded(start - 2), before) in _CITY_OF


def city_named(tokens: Tokens, start: int) -> bool:
    """ "the city of Quebec", "Stadt Salzburg": the text says the name is the city's."""
    if start == 0 or re.search(r"[.!?;:\n]", tokens.gap(start - 1, start)):
        return False
    before = tokens.folded(start - 1)
    return before in _OPENERS or start >= 2 and (tokens.folded(start - 2), before) in _CITY_OF


def _joined(tokens: Tokens, left: int, right: int) -> bool:
    """Two tokens separated by spaces (or " & ") only, on one line: one name, not a list."""
    gap = tokens.gap(left, right)
    return bool(gap) and (gap.strip(" ") == "" or gap == " & ")


def _proper(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def in_longer_name(tokens: Tokens, start: int, end: int) -> bool:
    """The window is part of a person's or organisation's name.

    "Tyler Boykin", "Mary Coleman", "Washington Post", "Hong Kong Stock Exchange",
    "Polizei Berlin", "Eintracht Frankfurt", "Cushman & Wakefield", "University of
    Heidelberg": a capitalised word joined to it by a space (a US state code after it
    is no name: "Reading PA"), or an institution's "of" before it. All-capital
    datelines ("NEW YORK") are exempt.
    """
    if name_before(tokens, start, end):
        return True
    words = tokens.words
    if all(w.isupper() for w in words[start:end]):
        return False
    if name_after(tokens, end):
        return True
    return (
        start >= 2 and tokens.folded(start - 1) in _OF and tokens.folded(start - 2) in _INSTITUTIONS
    )


def name_after(tokens: Tokens, end: int) -> bool:
    """A capitalised word joined after the window: "Washington Post", "Frankfurt Stock
    Exchange" (a US state code is no name: "Reading PA")."""
    return end < len(tokens) and _joined(tokens, end - 1, end) and _proper(tokens.words[end])


_CAPS_LIST = re.compile(r" ?[,&/]? ?")


def _capitals_beside(tokens: Tokens, i: int, step: int) -> bool:
    """Token i (or the one past an "and" there) is in capitals and listed or joined
    with the window: "SAN FRANCISCO & NEW YORK", "DALLAS and MINNEAPOLIS", "FORT WORTH TX"."""
    near = i - step  # the window's token next to i
    if 0 <= i < len(tokens) and tokens.folded(i) in ("and", "und"):
        i += step
    if not 0 <= i < len(tokens) or not tokens.words[i].isupper():
        return False
    left, right = sorted((near, i))
    gap = tokens.gap(left, right)
    return bool(_CAPS_LIST.fullmatch(gap.replace(" and ", " ").replace(" und ", " ")))


def shouted(tokens: Tokens, start: int, end: int) -> bool:
    """An all-capital window inside a line of mixed case, neither opening the line nor
    followed by a comma or a dash, nor listed with another capital name: an acronym or
    a ticker ("once GORI holders reach"), not a dateline ("TORONTO, Ontario", "WIEN – ",
    "SAN FRANCISCO & NEW YORK & MUNICH–")."""
    words = tokens.words[start:end]
    if not all(w.isupper() and len(w) > 1 for w in words):
        return False
    if _capitals_beside(tokens, start - 1, -1) or _capitals_beside(tokens, end, 1):
        return False
    text, at, after = tokens.text, tokens.matches[start].start(), tokens.matches[end - 1].end()
    line_start = text.rfind("\n", 0, at) + 1
    if not text[line_start:at].strip(" -–—(*#>|\t") or text[after : after + 3].lstrip()[:1] in {
        ",",
        "-",
        "–",
        "—",
        "/",
    }:
        return False
    line_end = text.find("\n", after)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(c.islower() for c in line)


def name_before(tokens: Tokens, start: int, end: int) -> int:
    """What joined word before the window makes it part of a name, if any.

    NAME_WORD: a capitalised word ("Manny Serra", "Polizei Berlin"); NAME_CODE: a
    team's or firm's letters ("TPS Turku", "HV71 Jönköping"); 0: none.
    """
    words = tokens.words
    if start == 0 or all(w.isupper() for w in words[start:end]):
        return 0
    if not _joined(tokens, start - 1, start):
        return 0
    word = words[start - 1]
    if _CODE.fullmatch(word):
        return NAME_CODE
    before = tokens.folded(start - 1)
    if not _proper(word) or before in _OPENERS | _FUNCTION_WORDS or before in tokens.cues:
        return 0
    if tokens.language != "en" and before.endswith(_TOWN_WORDS) and not before.endswith("port"):
        return 0  # "Hafenstadt Constanța", "Millionenmetropole Lagos", "Grenzort Spielfeld"
    return NAME_WORD


def not_a_place_use(tokens: Tokens, start: int, end: int) -> bool:
    """A web name ("Bonn.digital"), a hyphenated street ("Minna-Todenhagen-Straße"), or
    in German a name right after an article other than "das" and "die": towns are
    neuter and take no article without an adjective, rivers, buildings and cars do
    ("Theater an der Wien", "ein Toyota", "mit seinem Toyota", "zwei Toyota"), or after a
    determiner that is not neuter and an adjective ("den davorstehenden Toyota")."""
    if tokens.language == "de" and start > 0 and tokens.folded(start - 1) in _ARTICLES_DE:
        return tokens.gap(start - 1, start) == " "
    if tokens.language == "de" and start > 1 and _ADJECTIVE.fullmatch(tokens.words[start - 1]):
        determiner = tokens.folded(start - 2)
        gendered = (
            determiner in _NOT_NEUTER_DE
            or determiner.startswith("ein")
            and (tokens.words[start - 1].endswith("er"))
        )
        if gendered and tokens.gap(start - 2, start - 1) == tokens.gap(start - 1, start) == " ":
            return True
    at = tokens.matches[end - 1].end()
    text = tokens.text
    if text[at : at + 1] not in (".", "-"):
        return False
    after = text[at : at + 60]
    return bool(_WEB.match(after) or _STREET.match(after.split(" ", 1)[0]))


def region_window(tokens: Tokens, i: int) -> int:
    """Length of the longest state, province, country or world-region name at token i."""
    prefixes = region_prefixes()
    key, found = tokens.folded(i), 0
    for size in range(1, min(4, len(tokens) - i) + 1):
        if size > 1:
            key += " " + tokens.folded(i + size - 1)
        if key not in prefixes:
            break
        if region_countries(key):
            found = size
    return found
