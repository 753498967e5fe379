"""Derive the shipped gazetteer files in ``src/releasesearch/vocab/data/`` from GeoNames.

Run from the repository root::

    python scripts/build_gazetteer.py [--data ../shared/data]

It reads ``gazetteer_geonames/cities15000.zip`` and ``countryInfo.tsv`` (GeoNames,
CC BY 4.0) and, to see how English press releases write place names, the
Newsworthy press releases (CC0). It writes:

* ``gazetteer.tsv``: ``id, country, admin1, population, name, names, lat, lon`` (names
  ``|``-joined; latitude and longitude to a tenth of a degree, about 10 km).
* ``countries.tsv``: ``iso, English name, German name, aliases...``.
* ``word_names.tsv``: folded names that are also words, and in which text language
  (see ``scripts/word_names.py``): they count only with a location cue.
* ``regions.tsv``: ``iso, names...`` of first-level subdivisions (ISO 3166-2 via
  pycountry) and world regions (``-``).

Which names are kept (the shipped file must stay small, see GAZETTEER_SOURCE.md):
every populated place of cities15000 except neighbourhoods (PPLX) and historical,
abandoned or destroyed places; its GeoNames name and ASCII name; its Latin-script
alternate names when it has >= 100,000 inhabitants or lies in DE/AT/CH/CN/HK/TW; its
Han-script alternate names when it lies in CN/HK/TW/MO/SG or has >= 1,000,000.
An alternate spelling is dropped when it has three letters or fewer, when the word
tests of ``scripts/word_names.py`` call it a word, or when it is 30 times as frequent
as the place's own name ("Google" for Topeka).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import langcodes
from word_names import (
    GERMAN_HOME,
    Casing,
    Named,
    read_casing,
    town_fit,
    word_languages,
    word_names,
)
from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "releasesearch" / "vocab" / "data"
SKIP_CODES = {"PPLX", "PPLH", "PPLQ", "PPLW"}
ALT_COUNTRIES = {"DE", "AT", "CH", "CN", "HK", "TW"}
HAN_COUNTRIES = {"CN", "HK", "TW", "MO", "SG"}
LATIN_ALT = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u00ff'’. -]{2,40}$")
HAN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")

# Word frequencies (wordfreq Zipf) decide which alternate spellings to keep. A city's
# name is about as frequent in French, Spanish, Italian, Portuguese and Polish text
# as in German or English ("Frankfurt", "Peking"); an ordinary word is far more
# frequent in its own language ("dabei", "gerät"). The margins keep Frankfurt,
# Peking and Saigon and drop Dabei (Dubai).
OTHER_LANGUAGES = ("fr", "es", "it", "pt", "pl")
COMMON_DE = 2.4  # zipf_de minus the median of the other languages
COMMON_EN = 1.2
COMMON_MIN = 3.0  # rarer words are no ordinary words of the language
PLAUSIBLE = 2.0  # an alternate spelling must be this frequent in English or German text
OUTSHINES = 1.5  # an alternate this much more frequent (zipf) than the name means another thing

# Continents and world regions, named like towns somewhere ("Asia", Philippines).
WORLD_REGIONS = [
    "Africa",
    "Asia",
    "Europe",
    "Oceania",
    "Antarctica",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Middle East",
    "Southeast Asia",
    "East Asia",
    "Central Asia",
    "Afrika",
    "Asien",
    "Europa",
    "Ozeanien",
    "Nordamerika",
    "Südamerika",
    "Lateinamerika",
    "Mittelamerika",
    "Nahost",
    "Naher Osten",
    "Südostasien",
    "Ostasien",
    "Zentralasien",
]

# US states: a city named like a state (Florida UY, Delaware OH) would be mistaken
# for the state, so such names are dropped unless the place is the famous namesake.
US_STATES = dict(
    pair.split("=")
    for pair in (
        "AL=Alabama;AK=Alaska;AZ=Arizona;AR=Arkansas;CA=California;CO=Colorado;CT=Connecticut;"
        "DE=Delaware;FL=Florida;GA=Georgia;HI=Hawaii;ID=Idaho;IL=Illinois;IN=Indiana;IA=Iowa;"
        "KS=Kansas;KY=Kentucky;LA=Louisiana;ME=Maine;MD=Maryland;MA=Massachusetts;MI=Michigan;"
        "MN=Minnesota;MS=Mississippi;MO=Missouri;MT=Montana;NE=Nebraska;NV=Nevada;"
        "NH=New Hampshire;NJ=New Jersey;NM=New Mexico;NY=New York;NC=North Carolina;"
        "ND=North Dakota;OH=Ohio;OK=Oklahoma;OR=Oregon;PA=Pennsylvania;RI=Rhode Island;"
        "SC=South Carolina;SD=South Dakota;TN=Tennessee;TX=Texas;UT=Utah;VT=Vermont;VA=Virginia;"
        "WA=Washington;WV=West Virginia;WI=Wisconsin;WY=Wyoming;DC=District of Columbia;"
    )
    .strip(";")
    .split(";")
)
STATE_CITY_OK = {"new york", "washington"}
COUNTRY_ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "United States of America", "America", "Amerika", "USA"],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Großbritannien",
        "Grossbritannien",
        "England",
    ],
    "CN": ["P.R.C.", "PRC", "P.R. China", "People's Republic of China", "Volksrepublik China"],
    "DE": ["Federal Republic of Germany", "Bundesrepublik Deutschland", "BRD"],
    "HK": ["Hong Kong", "Hongkong", "Hong Kong SAR"],
    "KR": ["Korea", "Republic of Korea"],
    "AE": ["UAE", "U.A.E.", "VAE"],
    "NL": ["Holland", "The Netherlands"],
    "CZ": ["Czech Republic", "Tschechien"],
    "TW": ["Taiwan, China"],
    "MO": ["Macau", "Macao"],
}


def fold(name: str) -> str:
    """Same folding as releasesearch.vocab.names.fold: umlauts as ae/oe/ue, no accents."""
    text = name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss").replace("’", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def plain(name: str) -> str:
    """Folding with umlauts as plain vowels: "Munchen" and "München" are one spelling."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss").replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def read_rows(data: Path) -> Iterator[list[str]]:
    archive = data / "gazetteer_geonames" / "cities15000.zip"
    with zipfile.ZipFile(archive) as zf, zf.open("cities15000.txt") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            yield line.rstrip("\n").split("\t")


def country_names(data: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (data / "gazetteer_geonames" / "countryInfo.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        iso, english = cols[0], cols[4]
        lang = langcodes.Language.get("und-" + iso)
        german = lang.territory_name("de")
        names = [english, german, lang.territory_name("en")]
        names += COUNTRY_ALIASES.get(iso, [])
        out[iso] = list(dict.fromkeys(n for n in names if n and "Unknown" not in n))
    return out


DICTD = Path("/usr/share/dictd/freedict-deu-eng.dict.dz")
_GEOGR = re.compile(r"^(\S[^/<\n]*?) /[^/\n]*/[^\n]*\n \[geogr\.\] ([^\n<]+)", re.MULTILINE)


@cache
def german_names() -> dict[str, frozenset[str]]:
    """English place name -> the German names a German-English dictionary gives it.

    Debian's FreeDict deu-eng (GPL-3+) marks place entries ``[geogr.]``: "Bozen ...
    [geogr.] Bolzano", "Venedig ... [geogr.] Venice". It is only asked which of a
    place's GeoNames alternate names German uses; nothing of it is shipped. Without
    the dictionary (``scripts/ensure-dictionaries``) no alternate is kept for this.
    """
    if not DICTD.is_file():
        print(f"no {DICTD}: German names of small places are not kept", file=sys.stderr)
        return {}
    import gzip

    out: dict[str, set[str]] = {}
    for match in _GEOGR.finditer(gzip.decompress(DICTD.read_bytes()).decode("utf-8")):
        german = match.group(1).strip()
        for english in match.group(2).split(","):
            out.setdefault(english.strip(), set()).add(german)
    return {english: frozenset(names) for english, names in out.items()}


def place_names(row: list[str], banned: set[str]) -> list[str]:
    """The names of one place worth shipping: GeoNames name first.

    An alternate name that a German-English dictionary gives as the place's German
    name ("Venedig" for Venice, "Bozen" for Bolzano) is kept whatever the place's
    size, and even when German uses it far more than other languages do (which else
    marks a German word: "Dabei" for Dubai).
    """
    country, population = row[8], int(row[14] or 0)
    names = [row[1], row[2]]
    latin = population >= 100_000 or country in ALT_COUNTRIES
    han = country in HAN_COUNTRIES or population >= 1_000_000
    german = german_names().get(row[1], frozenset()) | german_names().get(row[2], frozenset())
    for alt in row[3].split(","):
        if alt in german and LATIN_ALT.match(alt):
            names.append(alt)
        elif (
            latin
            and LATIN_ALT.match(alt)
            and not alt.isupper()
            and alt.count(" ") <= 2
            and plausible_alternate(alt)
            or han
            and HAN.match(alt)
        ):
            names.append(alt)
    keep: dict[str, str] = {}
    for name in names:
        if len(name) >= 2 and (fold(name) not in banned or row[7] == "PPLC"):
            keep.setdefault(plain(name), name)  # the loader derives the other spellings
    return list(keep.values())


@cache
def zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language)


def contrast(word: str, language: str) -> float:
    """How much more frequent the word is in this language than in the others."""
    others = sorted(zipf(word, other) for other in OTHER_LANGUAGES)
    return zipf(word, language) - others[len(others) // 2]


def common_word(name: str) -> bool:
    """An ordinary German or English word: "Dabei", "Raub", "Lage"; not "Stuttgart"."""
    word = name.lower()
    return any(
        zipf(word, language) >= COMMON_MIN and contrast(word, language) >= margin
        for language, margin in (("de", COMMON_DE), ("en", COMMON_EN))
    )


def plausible_alternate(name: str) -> bool:
    """An alternate spelling that English or German text uses for the place.

    GeoNames alternate names carry no language; those wordfreq never sees in English
    or German ("Dubajus", "Turijn") are other languages' names, and those that are
    ordinary words ("Dabei" for Dubai, "Gerat") would be read as the word.
    """
    word = name.lower()
    return max(zipf(word, "en"), zipf(word, "de")) >= PLAUSIBLE and not common_word(name)


def region_rows() -> Iterator[tuple[str, list[str]]]:
    """(ISO country, names) of every first-level subdivision, from ISO 3166-2.

    pycountry (LGPL) ships the ISO 3166-2 names and their English and German
    translations; only the derived names are written, no code is copied.
    """
    import gettext

    import pycountry

    languages = ("en", "de")
    tr = {
        lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, [lang], fallback=True)
        for lang in languages
    }
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        names = {sub.name} | {tr[lang].gettext(sub.name) for lang in languages}
        names |= {re.sub(r"\s+(?:Sheng|Shi|Zizhiqu)$", "", n) for n in names}
        yield sub.country_code, sorted(n for n in names if not re.search(r"[,(/\[]", n))
    yield "", WORLD_REGIONS


def _frequency(name: str) -> float:
    return max(zipf(name.lower(), "en"), zipf(name.lower(), "de"))


def _named(row: list[str], names: list[str]) -> list[Named]:
    """The Latin-script names of one place, for the word tests of word_names.py."""
    primary = (row[1], row[2])
    return [Named(n, row[8], int(row[14] or 0), n in primary) for n in names if not HAN.match(n)]


def _alternate_word(row: list[str], name: str, casing: Casing, fit: tuple[float, float]) -> bool:
    """An alternate spelling of three letters or fewer ("Rot" for Roth, "Rio"), or one
    that the word tests call a word ("Kita" for Quito), or one 30 times as frequent
    in English or German as the place's own name ("Google" for Topeka); the German
    word tests only for places abroad (a German town keeps its short name "Halle",
    which then needs a location cue like any name that is a word)."""
    if name in (row[1], row[2]) or HAN.match(name):
        return False
    # a German name the dictionary gives is more frequent than the place's own name
    german = name in german_names().get(row[1], ()) or name in german_names().get(row[2], ())
    own = max(_frequency(row[1]), _frequency(row[2]))
    if not german and own >= PLAUSIBLE and _frequency(name) - own >= OUTSHINES:
        return True  # "Google" (Topeka): another thing's name; not for unknown own names
    item = Named(name, row[8], int(row[14] or 0), False)
    languages = word_languages(item, casing, fit)
    if row[8] in GERMAN_HOME:  # "Halle" stays a name of Halle (Saale): a word there too
        languages.discard("de")
    return len(name) <= 3 or bool(languages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    countries = country_names(args.data)
    banned = {fold(n) for names in countries.values() for n in names}
    banned |= {fold(s) for s in US_STATES.values()} - STATE_CITY_OK
    places = []
    for row in read_rows(args.data):
        if row[7] in SKIP_CODES:
            continue
        names = place_names(row, banned)
        if names and names[0] == row[1]:  # else named like a country or a US state
            places.append((row, names))
    phrases = {n.lower() for _row, names in places for n in names if n.count(" ") == 1}
    casing = read_casing(args.data / "press_releases_en_newsworthy", phrases)
    fit = town_fit([item for row, names in places for item in _named(row, names)])
    lines: list[str] = []
    named: list[Named] = []
    for row, names in places:
        # an alternate spelling that is a word is read as the word ("Kita" for Quito)
        names = [n for n in names if not _alternate_word(row, n, casing, fit)]
        named.extend(_named(row, names))
        cols = [row[0], row[8], row[10], row[14] or "0", names[0], "|".join(names[1:])]
        cols += [f"{float(row[4]):.1f}", f"{float(row[5]):.1f}"]
        lines.append("\t".join(cols))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "gazetteer.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    with (OUT / "countries.tsv").open("w", encoding="utf-8") as out:
        for iso, names in sorted(countries.items()):
            out.write("\t".join([iso, *names]) + "\n")
        for code, state in sorted(US_STATES.items()):
            out.write(f"US-{code}\t{state}\t{code}\n")
    words = word_names(named, casing, fold)
    with (OUT / "word_names.tsv").open("w", encoding="utf-8") as out:
        out.write("# place names that are also words, and the text languages where they are;\n")
        out.write("# derived by scripts/word_names.py (see its docstring for the rules)\n")
        for key in sorted(words):
            out.write(f"{key}\t{','.join(sorted(words[key]))}\n")
    with (OUT / "regions.tsv").open("w", encoding="utf-8") as out:
        out.write("# first-level subdivisions (ISO 3166-2 via pycountry) and world regions\n")
        for iso, names in region_rows():
            out.write("\t".join([iso or "-", *names]) + "\n")
    size = (OUT / "gazetteer.tsv").stat().st_size
    print(f"{len(lines)} places, {size / 1e6:.2f} MB, {len(words)} names that are words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
