"""Dates as press releases write them, in English and German: found, read, checked.

Which of them is *the* release date is :mod:`releasesearch.enrich.release_date`'s call.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from releasesearch.vocab.months import MONTH_NAMES

# Abbreviations and spellings beside the full names of vocab.months, by month.
_OTHER_SPELLINGS = (
    "jan jänner jaenner jän",
    "feb",
    "mar maerz marz mrz",
    "apr",
    "",
    "jun",
    "jul",
    "aug",
    "sep sept",
    "oct okt",
    "nov",
    "dec dez",
)
MONTHS: dict[str, int] = {
    name: number
    for number, other in enumerate(_OTHER_SPELLINGS, start=1)
    for name in (
        *(names[number - 1].lower() for names in MONTH_NAMES.values()),
        *other.split(),
    )
}

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NAME = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+"
)
_ORD = r"(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    r"(?<![\d.])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    r"|(?<![\d/])(?P<sy>\d{4})/(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"
    r"|(?<![\d.])(?P<gd>\d{1,2})\.(?P<gm>\d{1,2})\.(?P<gy>\d{4})(?!\d)"
    rf"|\b(?:{_DAY_NAME})?(?P<em>{_MONTH})\s+(?P<ed>\d{{1,2}}){_ORD},?\s+(?P<ey>\d{{4}})(?!\d)"
    rf"|(?<![\d.])(?P<dd>\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?(?P<dm>{_MONTH}),?\s+(?P<dy>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_PATH_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/"
    r"|(?<!\d)(?P<y2>(?:19|20)\d{2})[-/]?(?P<m2>\d{2})[-/]?(?P<d2>\d{2})(?!\d)"
)


class FoundDate(NamedTuple):
    """A date and where the text says it, so datelines can cut around it."""

    date: dt.date
    start: int
    end: int


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    """Calendar-valid and plausible for a press release: 1900 to next year."""
    if not 1900 <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g["iy"]:
        return _valid(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["sy"]:
        return _valid(int(g["sy"]), int(g["sm"]), int(g["sd"]))
    if g["gy"]:
        return _valid(int(g["gy"]), int(g["gm"]), int(g["gd"]))
    if g["ey"]:
        return _valid(int(g["ey"]), _month(g["em"]), int(g["ed"]))
    return _valid(int(g["dy"]), _month(g["dm"]), int(g["dd"]))


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in text, in order; invalid ones (31.02.) are skipped."""
    out = []
    for m in DATE_RE.finditer(text):
        date = _from_match(m)
        if date is not None:
            out.append(FoundDate(date, m.start(), m.end()))
    return out


def parse_date(text: str) -> dt.date | None:
    """The date the text starts with or contains first; None when it is absent or absurd."""
    m = DATE_RE.search(text)
    return _from_match(m) if m else None


def date_from_path(path: str) -> dt.date | None:
    """`2024/0309/slug.md` or `news-20230119-01.en.xhtml`: archives file by date."""
    for m in _PATH_RE.finditer(path):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        date = _valid(int(y), int(mo), int(d))
        if date is not None:
            return date
    return None
