"""Which place names are also ordinary words or other names, per text language.

Used by ``scripts/build_gazetteer.py`` to write ``vocab/data/word_names.tsv``; such a
name counts as a city only next to a location cue ("in", "nach", "city of", ", PA").
No hand list: every rule reads word frequencies (wordfreq) or the casing of real
English press releases (Newsworthy, CC0).

German (capitals say nothing there: every noun has one):
  * compounds: an ordinary noun opens many German compounds (Raub: Raubdelikte,
    Raubfisch; Keller: Kellerbrand; Lage: Lagebericht), a town's name few (Bielefeld,
    Koblenz: none). A name of zipf >= 3.3 that opens at least 5 compounds (3 for a
    place outside DE/AT/CH, whose name German has no reason to compound) of a word of
    >= 5 letters and zipf >= 3.3 counts as a word;
  * verbs: an infinitive whose third person is a frequent word (Siegen: siegt;
    Erlangen: erlangt);
  * frequency beyond the place: a German, Austrian or Swiss town under 100,000 people
    more frequent in German than its population explains (a straight-line fit of
    zipf on log population over those towns) by >= 1.2 is named like a word (Norden,
    Singen, Roth). Bigger cities are famous beyond their size: no such test;
  * a place abroad whose GeoNames name is a frequent German word (zipf >= 4.0, and
    1.5 above English): Auch (France), Ende (Indonesia), Galt (California).
English (these count for German texts too, which use English words and name the
same people and firms):
  * casing: a name that the Newsworthy releases write lowercase in at least a quarter
    of its mid-sentence uses (bath, mobile, reading, sale, enterprise);
  * name parts: a name whose capitalised mid-sentence uses are at least 3 in 4 joined
    to another capitalised word (Victoria Smith, Jackson Hewitt, Orange County) is
    more often part of a person's or firm's name than a town (at least 8 uses; not
    for cities of a million: Seoul National University does not make Seoul a name).
Both: names of at most three letters.

``scripts/build_gazetteer.py`` also drops an alternate spelling that these tests
call a word ("Kita" for Quito, "Google" for Topeka), or of three letters or fewer.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import wordfreq
from wordfreq import zipf_frequency

GERMAN_HOME = {"DE", "AT", "CH"}
COMPOUND_WORD = 3.3  # zipf of the name and of the word it compounds with
COMPOUNDS_HOME, COMPOUNDS_ABROAD = 5, 3
BEYOND_PLACE = 1.2  # zipf above what a German town's population explains
SMALL_TOWN = 100_000  # a bigger city's fame, not a word, may explain its frequency
LOWERCASE_SHARE = 0.25
JOINED_SHARE, JOINED_USES = 0.75, 8
BIG_CITY = 1_000_000  # named for itself: firms named after it are told apart per mention
# Endings that make names, not compounds: Bernburg, Wittenberg, Hallenberger, Kölnerin.
NAME_ENDINGS = set(
    "bach berg berge burg dorf feld hausen heim mann stein horst born rode stedt stadt see "
    "ingen erin erinnen isch ische ischen ischer strasse weg allee gasse".split()
)


@dataclass(frozen=True, slots=True)
class Named:
    """A shipped name and the most populous place that bears it."""

    name: str
    country: str
    population: int
    primary: bool  # the place's GeoNames name, not one of its alternate spellings


@cache
def zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language)


@cache
def _german_lexicon() -> tuple[dict[str, float], list[str]]:
    lex = {
        w: math.log10(f) + 9.0 for w, f in wordfreq.get_frequency_dict("de").items() if w.isalpha()
    }
    return lex, sorted(lex)


def german_compounds(word: str) -> int:
    """How many German compounds the lowercase word opens (see the module docstring)."""
    lex, words = _german_lexicon()
    count = 0
    i = bisect.bisect_left(words, word)
    while i < len(words) and words[i].startswith(word):
        compound, rest = words[i], words[i][len(word) :]
        if lex[compound] >= 1.5:
            for head in (rest, rest[1:] if rest[:1] in "sn" else ""):
                if len(head) >= 5 and lex.get(head, 0.0) >= COMPOUND_WORD:
                    if head not in NAME_ENDINGS:
                        count += 1
                        break
        i += 1
    return count


def town_fit(named: Iterable[Named]) -> tuple[float, float]:
    """(intercept, slope) of German zipf on log10 population over DE/AT/CH towns."""
    xs, ys = [], []
    for item in named:
        word = item.name.lower()
        small = item.population < SMALL_TOWN
        if item.country in GERMAN_HOME and small and " " not in word and zipf(word, "de") > 0:
            xs.append(math.log10(max(item.population, 1000)))
            ys.append(zipf(word, "de"))
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return my - slope * mx, slope


def german_word(item: Named, fit: tuple[float, float]) -> bool:
    word = item.name.lower()
    de = zipf(word, "de")
    if de < 3.0 or " " in word:
        return False
    home = item.country in GERMAN_HOME
    if _german_verb(word):
        return True
    if de >= COMPOUND_WORD and german_compounds(word) >= (
        COMPOUNDS_HOME if home else COMPOUNDS_ABROAD
    ):
        return True
    if home and item.population < SMALL_TOWN:
        expected = fit[0] + fit[1] * math.log10(max(item.population, 1000))
        return de - expected >= BEYOND_PLACE
    # a foreign town named like a frequent German word: Auch (France), Ende, Galt;
    # GeoNames names only, as German exonyms (Mailand, Neapel) are German by nature
    return not home and item.primary and de >= 4.0 and de - zipf(word, "en") >= 1.5


def _german_verb(word: str) -> bool:
    """An infinitive whose third person is a frequent word: Siegen (siegt), Erlangen
    (erlangt), Singen, Leiden (leidet), Baden (badet)."""
    if not word.endswith("en") or len(word) < 5:
        return False
    lex = _german_lexicon()[0]
    stem = word[:-2].replace("ß", "ss")
    return max(lex.get(stem + "t", 0.0), lex.get(stem + "et", 0.0)) >= 3.0


@dataclass(frozen=True, slots=True)
class Casing:
    """How the Newsworthy releases write each word: lowercase, capitalised mid-sentence,
    and capitalised mid-sentence joined to another capitalised word."""

    lower: Counter[str]
    upper: Counter[str]
    joined: Counter[str]


_LINKS = re.compile(r"\(?https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:com|org|net|io)\S*")
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*|[^\w\s]|\n")
_OPENING = {"\n", ".", "!", "?", ":", '"', "“", "-", "—", "#", "*", "|"}


def _proper(word: str) -> bool:
    return word[:1].isupper() and word[0].isalpha() and not word.isupper()


def read_casing(folder: Path, phrases: set[str] | frozenset[str] = frozenset()) -> Casing:
    """Casing counts over the releases; a word inside a place name of several words
    ("Las Vegas", "New York": lowercase, space-joined in ``phrases``) is not counted."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    joined: Counter[str] = Counter()
    for path in sorted(folder.rglob("*.md")):
        words = _TOKEN.findall(_LINKS.sub(" ", path.read_text("utf-8", errors="replace")))
        for i, word in enumerate(words):
            if not word[0].isalpha():
                continue
            key = word.lower()
            if word[0].islower():
                lower[key] += 1
                continue
            before = words[i - 1] if i else "\n"
            if before in _OPENING or word.isupper():
                continue  # a sentence's first word or a heading: its capital says nothing
            after = words[i + 1] if i + 1 < len(words) else "\n"
            if f"{before} {word}".lower() in phrases or f"{word} {after}".lower() in phrases:
                continue
            upper[key] += 1
            if (_proper(before) and before.lower() not in ("the", "a", "an")) or _proper(after):
                joined[key] += 1
    return Casing(lower, upper, joined)


def _unaccented(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def english_word(item: Named, casing: Casing) -> bool:
    """An ordinary English word by its casing ("Salé" is read as "sale")."""
    word = _unaccented(item.name)
    low, up = casing.lower[word], casing.upper[word]
    return (
        " " not in word
        and zipf(word, "en") >= 3.3
        and low >= 3
        and low >= LOWERCASE_SHARE * (low + up)
    )


def english_name_part(item: Named, casing: Casing) -> bool:
    """Mostly part of a longer English name; not for cities of a million (Seoul)."""
    word = _unaccented(item.name)
    up, joined = casing.upper[word], casing.joined[word]
    if " " in word or item.population >= BIG_CITY or zipf(word, "en") < 3.0:
        return False
    return up >= JOINED_USES and joined >= JOINED_SHARE * up


def word_names(
    named: Iterable[Named], casing: Casing, fold: Callable[[str], str]
) -> dict[str, set[str]]:
    """Folded name -> the text languages ("en", "de") in which it is also a word.

    Each name is judged by the most populous place that bears it: the one a reader
    would take it for (Hamburg is the German city, not Hamburg, New York).
    """
    best: dict[str, Named] = {}
    for item in named:
        key = fold(item.name)
        if key not in best or item.population > best[key].population:
            best[key] = item
    fit = town_fit(best.values())
    out: dict[str, set[str]] = {}
    for key, item in best.items():
        languages = word_languages(item, casing, fit)
        if len(item.name) <= 3:
            languages |= {"en", "de"}
        if languages:
            out[key] = languages
    return out


def word_languages(item: Named, casing: Casing, fit: tuple[float, float]) -> set[str]:
    """The text languages in which the name is also a word or another name.

    English words and names count for German texts too: they use English words
    (Enterprise) and name the same people and firms (George, Google).
    """
    languages: set[str] = set()
    if german_word(item, fit):
        languages.add("de")
    if english_word(item, casing) or english_name_part(item, casing):
        languages |= {"en", "de"}
    return languages
