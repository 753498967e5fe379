"""A deterministic archive of small, varied plain-text releases for reliability tests.

The crash, concurrency and load checks need thousands of files that are cheap to
write and cheap to index, yet different enough (languages, cities, dates, sizes)
that the whole ingest path runs. Same ``seed`` and ``count``, same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from releasesearch.vocab.months import MONTH_NAMES

CITIES_EN = ("Berlin", "Munich", "Hamburg", "London", "Paris", "Vienna", "Zurich", "Boston")
CITIES_DE = ("Berlin", "München", "Hamburg", "Köln", "Frankfurt", "Wien", "Leipzig", "Dresden")
MONTHS_EN = MONTH_NAMES["en"]
MONTHS_DE = MONTH_NAMES["de"]
WORDS_EN = (
    "company",
    "announces",
    "partnership",
    "energy",
    "software",
    "battery",
    "hospital",
    "investment",
    "research",
    "university",
    "customers",
    "platform",
    "solar",
    "bank",
    "growth",
    "quarter",
    "results",
    "launch",
    "service",
    "network",
    "security",
    "city",
    "mobility",
    "factory",
    "export",
    "market",
    "climate",
    "water",
    "data",
    "cloud",
)
WORDS_DE = (
    "Unternehmen",
    "kündigt",
    "Partnerschaft",
    "Energie",
    "Software",
    "Batterie",
    "Krankenhaus",
    "Investition",
    "Forschung",
    "Universität",
    "Kunden",
    "Plattform",
    "Solaranlage",
    "Bank",
    "Wachstum",
    "Quartal",
    "Ergebnisse",
    "Start",
    "Dienst",
    "Netzwerk",
    "Sicherheit",
    "Stadt",
    "Mobilität",
    "Fabrik",
    "Export",
    "Markt",
)
FILES_PER_FOLDER = 250


def release_path(number: int) -> str:
    """Archive-relative path of release ``number`` (folders keep directories small)."""
    return f"batch{number // FILES_PER_FOLDER:03d}/release-{number:05d}.txt"


def release_text(number: int, seed: int = 7) -> str:
    """The text of release ``number``: every third one German, lengths vary tenfold."""
    rnd = random.Random(seed * 1_000_003 + number)
    german = number % 3 == 2
    words = WORDS_DE if german else WORDS_EN
    cities = CITIES_DE if german else CITIES_EN
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(4000))
    city = rnd.choice(cities)
    if german:
        dateline = f"{city.upper()}, {day.day}. {MONTHS_DE[day.month - 1]} {day.year} --"
    else:
        dateline = f"{city.upper()}, {MONTHS_EN[day.month - 1]} {day.day}, {day.year} --"
    title = " ".join(rnd.choice(words).capitalize() for _ in range(rnd.randint(3, 7)))
    paragraphs = []
    for _ in range(rnd.randint(1, 6)):
        sentences = [
            " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 18))).capitalize()
            for _ in range(rnd.randint(1, 5))
        ]
        paragraphs.append(". ".join(sentences) + ".")
    paragraphs[0] = f"{dateline} {paragraphs[0]} Release {number} of the test archive."
    source = f"{'Quelle' if german else 'Source'}: Example Company {number % 97}"
    return f"date {day.isoformat()}\n{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{source}\n"


def write_archive(root: Path, count: int, *, start: int = 0, seed: int = 7) -> list[str]:
    """Write releases ``start`` .. ``start + count - 1`` below ``root``; their relative paths."""
    paths = []
    for number in range(start, start + count):
        rel = release_path(number)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(release_text(number, seed), encoding="utf-8")
        paths.append(rel)
    return paths
