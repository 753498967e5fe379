"""Finding the cities a release mentions, fast and without common-word false hits.

The text is tokenised once; runs of one to three capitalised words are looked up in
the gazetteer's folded-name dict, and Han-script runs are scanned for names without
word boundaries. Each match is weighed by the evidence around it (see
:mod:`releasesearch.enrich.place_context`): a following ", PA" or ", Germany" is the
strongest, a location cue ("in", "nach", "city of") the next, a bare capitalised word
the weakest. A name that is also a word or another name in the text's language
("Essen" and "Raub" in German, "Mobile" and "Victoria" in English), or a place too
small to be the likely meaning, needs a cue.

A second pass reads the text as a whole: a name that one mention resolves with its
state or country means that place everywhere in the text ("St. Charles" in the
headline, "St. Charles, MO" in the dateline), and in English a bare name that the
text also uses as a surname ("Manny Serra ... Serra said") is that person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from releasesearch.vocab.gazetteer import (
    Gazetteer,
    country_code,
    gazetteer,
    region_countries,
    region_openers,
    word_names,
)

from .place_context import (
    BARE,
    CONTEXT,
    CUE,
    NAME_CODE,
    NAME_WORD,
    Context,
    Tokens,
    city_named,
    in_longer_name,
    is_calendar,
    location_cue,
    name_after,
    name_before,
    not_a_place_use,
    region_after,
    region_window,
    shouted,
)

__all__ = ["find_cities"]

SMALL_PLACE = 100_000  # below this, a bare capitalised word is more often something else
BIG_PLACE = 1_000_000  # names of people and probes rarely borrow a city this big
_GERMAN_HOME = {"DE", "AT", "CH", "LI", "LU"}
LOCAL_KM = 100  # a big city's local news names towns this far only with more than a cue
DIVISION_SHARE = 0.35  # a city named like its region must hold this share of its people
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Wire footers glue the city to the brand and the web address:
# "MiningNewsWireLos Angeles, CAwww.MiningNewsWire.com" -> "...Wire Los Angeles, CA www..."
# "Rocks & StocksLos Angeles, CARocksAndStocks.news" -> "...Stocks Los Angeles, CA Rocks..."
_GLUED_CITY = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, ?[A-Z])")
_GLUED_WEB = re.compile(r"(?<=[A-Za-z])(?=www\.)|(?<=, [A-Z]{2})(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class _Hit:
    pos: int
    after: int  # offset just after the window
    start: int  # token span of the window
    end: int
    key: str
    pid: str
    ids: tuple[str, ...]
    evidence: int


class _Reading:
    """What the first pass learnt about one text: its hits and its name parts."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.hits: list[_Hit] = []
        # keys seen after a given name or a team's letters: NAME_WORD or NAME_CODE
        self.name_parts: dict[str, int] = {}
        # words of the names that keys open: "frankfurt" -> {"stock", "exchange"}
        self.firm_words: dict[str, set[str]] = {}

    def listed(self, k: int) -> bool:
        """Hit k stands in a list of places ("Austin, Dallas, Boston, Washington D.C.")."""
        hits = self.hits
        for a, b in ((k - 1, k), (k, k + 1)):
            if 0 <= a and b < len(hits) and self._next_in_list(hits[a], hits[b].start):
                return True
        return False

    def continues_list(self, start: int) -> bool:
        """ "in Fort Myers, Naples, Estero", "nach Bregenz/Dornbirn": the window follows a
        place named with a cue, separated by a list mark only, and shares that cue."""
        hits = self.hits
        return bool(hits) and hits[-1].evidence == CUE and self._next_in_list(hits[-1], start)

    def _next_in_list(self, hit: _Hit, start: int) -> bool:
        tokens = self.tokens
        if start == hit.end:
            return tokens.gap(hit.end - 1, start).strip() in _LIST_MARKS
        if start == hit.end + 1 and tokens.folded(hit.end) in _LIST_WORDS:
            return "\n" not in tokens.gap(hit.end - 1, start)
        return False


_LIST_MARKS = {",", "/", "&", ";"}
_LIST_WORDS = {"and", "und", "or", "oder"}


def _evidence(
    gaz: Gazetteer, reading: _Reading, span: tuple[int, int, str], pid: str, context: Context | None
) -> int | None:
    """How strongly the text says the window names the place; None when it does not."""
    start, end, key = span
    tokens = reading.tokens
    words = tokens.words[start:end]
    if not_a_place_use(tokens, start, end):
        return None
    if is_calendar(key) or in_longer_name(tokens, start, end):
        return CONTEXT if context else None
    if context:
        return CONTEXT
    if all(w.isupper() for w in words) and gaz.is_alternate(key) or shouted(tokens, start, end):
        return None  # "DACA" is an acronym, not Dhaka
    ambiguous = key in word_names(tokens.language)
    if ambiguous and not all(w[:1].isupper() for w in words):
        return None
    if gaz.is_alternate(key):
        # an alternate spelling is often another name too ("the drivers of Sian"): a
        # strong cue ("in Sian") makes it the place, and so does standing alone as a
        # big place's name or a dateline ("Bozen – "), but no weaker cue ("of Sian")
        if location_cue(tokens, start, strong=True) or reading.continues_list(start):
            return CUE
        if location_cue(tokens, start, strong=False) or ambiguous:
            return None
        dateline = _DATELINE.match(tokens.text, tokens.matches[end - 1].end())
        return BARE if dateline or gaz.population(pid) >= BIG_PLACE else None
    small = gaz.population(pid) < SMALL_PLACE
    if ambiguous and tokens.language == "de" and gaz.admin1(pid)[0] not in _GERMAN_HOME:
        # "nach Raub", "in Keller": a German noun after a preposition, not a town abroad
        return CUE if city_named(tokens, start) else None
    cue = location_cue(tokens, start, strong=ambiguous) or reading.continues_list(start)
    if ambiguous or small:
        return CUE if cue else None
    return CUE if cue else BARE


def _lookup(
    gaz: Gazetteer, tokens: Tokens, start: int, size: int, key: str
) -> tuple[tuple[str, ...], str | None, Context | None]:
    """(candidates, best place, fitting context) for the window.

    A following ", PA" or ", Germany" narrows the choice; when it fits none of the
    candidates the window names no place ("Abingdon, VA" is not Abingdon, Oxon).
    """
    if tokens.language == "de" and gaz.umlauts_dropped(key):
        return (), None, None  # German writes "Bünde"; "im Bunde" is another word
    ids = gaz.candidates(key)
    if not ids and not all(w.isascii() for w in tokens.words[start : start + size]):
        plain = tokens.key(start, size, plain=True)  # "Gerät" is no spelling of Herat
        ids = () if gaz.is_alternate(plain) else gaz.candidates(plain)
    if key.startswith("st "):  # GeoNames spells St. Charles, MO "Saint Charles"
        ids = tuple(dict.fromkeys(ids + gaz.candidates("saint " + key[3:])))
    if not ids:
        return ids, None, None
    contexts = region_after(tokens, start + size)
    for context in contexts:
        pid = gaz.pick(ids, *context)
        if gaz.in_region(pid, *context):
            return ids, pid, context
    if contexts and not gaz.known(tokens.folded(start + size)):
        return ids, None, None
    return ids, ids[0], None  # no context, or a list: "Dallas, Boston, Washington D.C."


def _windows(gaz: Gazetteer, tokens: Tokens, i: int) -> list[tuple[int, str]]:
    """(size, folded key) of the windows opening at token i, longest first."""
    first = tokens.folded(i)
    if first not in gaz.opens_phrase:
        return [(1, first)]
    out = []
    for size in range(min(gaz.max_words, 3, len(tokens) - i), 1, -1):
        out.append((size, " ".join(tokens.folded(j) for j in range(i, i + size))))
    out.append((1, first))
    return out


def _region_wins(gaz: Gazetteer, key: str, pid: str) -> bool:
    """ "Ontario" and "Québec" are provinces, "Salzburg" and "Berlin" cities.

    A city named like a region counts only in that region's country, with 100,000
    inhabitants, and when it holds at least a third of the people of its state's
    towns: Québec (a tenth of its province) and Gaza (a third of the Strip) are read
    as the region unless the text says "city" (:func:`city_named`). "Mexico" is the
    country, as Mexico City bears that name only as an alternate.
    """
    place = gaz.get(pid)
    countries = region_countries(key)
    if place is None or place.country not in countries:
        return True
    if gaz.is_alternate(key) and country_code(key):
        return True  # "Mexico" is the country, Mexico City is named "Mexico City"
    return gaz.population(pid) < SMALL_PLACE or gaz.division_share(pid) < DIVISION_SHARE


def _firm_words(reading: _Reading, key: str, j: int) -> None:
    """Note the capitalised words joined after a name: "Stock", "Exchange"."""
    tokens, words = reading.tokens, reading.firm_words.setdefault(key, set())
    for k in range(j, min(j + 3, len(tokens))):
        if k > j and not (tokens.gap(k - 1, k) == " " and tokens.words[k][:1].isupper()):
            break
        words.add(tokens.folded(k))


def _read_window(gaz: Gazetteer, tokens: Tokens, i: int, reading: _Reading) -> int:
    """Match the windows opening at token i; returns the first token after the match."""
    region = region_window(tokens, i)
    for size, key in _windows(gaz, tokens, i):
        if not gaz.known(key) and tokens.words[i].isascii():
            continue
        ids, pid, context = _lookup(gaz, tokens, i, size, key)
        if size < region or size == region and (not ids or _region_wins(gaz, key, ids[0])):
            if not (size == region and ids and city_named(tokens, i)):
                return i + region  # "North Carolina", "British Columbia", "Ontario"
        if pid is None:
            continue
        evidence = _evidence(gaz, reading, (i, i + size, key), pid, context)
        if evidence is None:
            kind = name_before(tokens, i, i + size)
            if kind and not tokens.title_case(i):
                reading.name_parts[key] = max(kind, reading.name_parts.get(key, 0))
            if name_after(tokens, i + size) and not tokens.title_case(i):
                _firm_words(reading, key, i + size)  # "Frankfurt Stock Exchange"
            continue
        start, after = tokens.matches[i].start(), tokens.matches[i + size - 1].end()
        reading.hits.append(_Hit(start, after, i, i + size, key, pid, ids, evidence))
        return i + size
    return i + max(region, 1)


def _latin(gaz: Gazetteer, tokens: Tokens) -> _Reading:
    """Windows of one to three words that open with a capital, longest match first."""
    reading = _Reading(tokens)
    skip = 0
    words, opens, known, regions = tokens.words, gaz.opens_phrase, gaz.known, region_openers()
    for i in [i for i, w in enumerate(words) if w[0].isupper()]:
        if i < skip:
            continue
        first = tokens.folded(i)
        if first not in opens and not known(first) and first not in regions and words[i].isascii():
            continue  # the common case: a capitalised word that names no place
        skip = _read_window(gaz, tokens, i, reading)
    return reading


_SCORE = re.compile(r"(?<![\d.:])\d{1,2}:\d{1,2}(?![\d:])")
# after a dateline's city: "Graz – ", "Wien/Mattersburg – "
_DATELINE = re.compile(r"(?:/[^\W\d_][\w. -]{0,30}?)*\s+[–-]\s")


# a German club's letters before its town: "FC Augsburg", "VfL Wolfsburg", "1. FC Köln"
_CLUB = re.compile(r"\b(?:FC|SC|SV|VfL|VfB|TSV|TSG|SpVgg|FSV|SSV|BSC|KAA|EHC|ERC|SK) [A-ZÄÖÜ]")


def _match_report(reading: _Reading) -> bool:
    """Two results like "2:1" or more: the text reports matches and names teams by
    their towns; only a cue ("in Graz") or a dateline ("Graz – ") then names a town."""
    return len(_SCORE.findall(reading.tokens.text)) >= 2


def _sport(reading: _Reading, bare: bool) -> bool:
    """A match report, or a German text naming a club by its letters: towns there
    are often teams ("Mittelfeldspieler von Wolfsburg", "Köln-Betreuer")."""
    if bare and _match_report(reading):
        return True
    return reading.tokens.language == "de" and bool(_CLUB.search(reading.tokens.text))


def _team(gaz: Gazetteer, reading: _Reading, hit: _Hit, sport: bool) -> bool:
    """The hit names a team, a person or a probe rather than the town.

    In a sports text a name the text also writes as a team's ("Red Bull Salzburg")
    is the team after any cue but "in" ("Unzufriedenheit bei Salzburg"), and a bare
    name is a team unless it opens a dateline. Elsewhere a bare name the text also
    writes as part of a longer name is that name ("Manny Serra ... Serra said"; "the
    Frankfurt Stock Exchange ... the Frankfurt exchange");
    German capitalises nouns ("Standort Koblenz"), so there only a team's letters
    ("HV71 Jönköping") make a name part, or any capitalised word before a foreign
    town under a million ("Investor Richard Chandler", "Raumsonde Rosetta").
    """
    tokens, part = reading.tokens, reading.name_parts.get(hit.key, 0)
    if sport and hit.evidence == CUE and part:
        return tokens.folded(hit.start - 1) != "in"
    if hit.evidence != BARE:
        return False
    if hit.end < len(tokens) and tokens.folded(hit.end) in reading.firm_words.get(hit.key, ()):
        return tokens.gap(hit.end - 1, hit.end) == " "  # "the Frankfurt exchange"
    if sport:
        return not _DATELINE.match(tokens.text, hit.after)
    least = NAME_WORD
    if tokens.language == "de":
        home = gaz.admin1(hit.pid)[0] in _GERMAN_HOME
        least = NAME_CODE if home or gaz.population(hit.pid) >= BIG_PLACE else NAME_WORD
    return part >= least


_DC = re.compile(r",? ?D\.? ?C\b")


def _only_region(gaz: Gazetteer, tokens: Tokens, start: int, end: int) -> bool:
    """Tokens start..end name a state or province and no city ("Sachsen"); countries
    do not count: in "India, Dubai, and the US" Dubai is the city."""
    if region_window(tokens, start) != end - start:
        return False
    key = tokens.key(start, end - start)
    if country_code(key):
        return False
    ids = gaz.candidates(key)
    return not ids or _region_wins(gaz, key, ids[0])


def _among_regions(gaz: Gazetteer, tokens: Tokens, hit: _Hit) -> bool:
    """A city named like its state stands in a list of states: it is the state
    ("aus den Ländern Sachsen, Bremen, Rheinland-Pfalz", "Salzburg und Kärnten")."""
    if not region_countries(hit.key) or country_code(hit.key):
        return False  # Singapore is the city wherever it stands
    if _DC.match(tokens.text, hit.after) or any(
        state for _c, state in region_after(tokens, hit.end)
    ):
        return False  # "Arkansas, and Washington, D.C.", "Ohio, Columbus, Georgia"
    before = hit.start - 1  # last token of the item before: "A, B" or "A und B"
    if before >= 1 and tokens.folded(before) in _LIST_WORDS:
        before -= 1
    if before >= 0 and tokens.gap(before, hit.start).strip(" ,") in {"", "und", "and"}:
        for first in range(max(0, before - 3), before + 1):
            if _only_region(gaz, tokens, first, before + 1):
                return True
    after = hit.end
    if after < len(tokens) and tokens.folded(after) in _LIST_WORDS:
        after += 1
    if after < len(tokens) and tokens.gap(hit.end - 1, after).strip(" ,") in {"", "und", "and"}:
        return any(_only_region(gaz, tokens, after, after + n) for n in (1, 2, 3, 4))
    return False


def _far_locality(gaz: Gazetteer, tokens: Tokens, home: str | None, hit: _Hit) -> bool:
    """A town under 100,000 people further than LOCAL_KM from the big city a local
    release is about, named only after "in" or "nach" and in a sentence that does not
    name the city (as "in Berlin und in Langenhagen" does): a locality of that city
    named like the town ("in Blankenburg" in a Berlin police report)."""
    if home is None or hit.evidence != CUE or gaz.population(home) < BIG_PLACE:
        return False
    if gaz.population(hit.pid) >= SMALL_PLACE or gaz.distance_km(home, hit.pid) <= LOCAL_KM:
        return False
    if tokens.folded(hit.start - 1) not in ("in", "nach"):
        return False  # "in der Nähe von Bayreuth"
    text = tokens.text
    begin = max(text.rfind(mark, 0, hit.pos) for mark in ".!?\n") + 1
    ends = [at for at in (text.find(mark, hit.after) for mark in ".!?\n") if at >= 0]
    sentence = text[begin : min(ends, default=len(text))]
    return not any(gaz.label(home, ui) in sentence for ui in ("de", "en"))


def _settle(gaz: Gazetteer, reading: _Reading, home: str | None = None) -> list[tuple[int, str]]:
    """One meaning per name and text: mentions resolved by their state or country decide."""
    resolved = {h.key: h.pid for h in reading.hits if h.evidence == CONTEXT}
    regions = {gaz.admin1(pid) for pid in resolved.values()}  # the states the text names
    found = []
    sport = _sport(reading, any(hit.evidence == BARE for hit in reading.hits))
    for k, hit in enumerate(reading.hits):
        if _team(gaz, reading, hit, sport) and (sport or not reading.listed(k)):
            continue  # "Manny Serra ... Serra said", "0:1 gegen Bournemouth"
        if _among_regions(gaz, reading.tokens, hit) or _far_locality(
            gaz, reading.tokens, home, hit
        ):
            continue
        pid = hit.pid if hit.evidence == CONTEXT else resolved.get(hit.key, hit.pid)
        if pid == hit.pid and len(hit.ids) > 1 and gaz.admin1(pid) not in regions:
            # "Fort Myers, FL ... Naples, Estero": the Naples of the text's state
            pid = next((c for c in hit.ids if gaz.admin1(c) in regions), pid)
        found.append((hit.pos, pid))
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


def find_cities(text: str, language: str | None = None, home: str | None = None) -> tuple[str, ...]:
    """Place ids mentioned in text, in order of first mention.

    ``home`` is the city a local release is about (its file declares one of the
    city's districts): there a small town far away, named only with a cue, is more
    likely one of the city's localities named like it (Berlin-Blankenburg, not
    Blankenburg in the Harz).
    """
    gaz = gazetteer()
    text = _GLUED_WEB.sub(" ", _GLUED_CITY.sub(" ", text))
    tokens = Tokens(text, language)
    hits = _settle(gaz, _latin(gaz, tokens), home)
    if _HAN.search(text):
        hits += _han(gaz, text)
    hits.sort()
    return tuple(dict.fromkeys(pid for _pos, pid in hits))
