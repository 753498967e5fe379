"""Month names in the two interface languages, for labels and for reading dates."""

from __future__ import annotations

import datetime as dt

MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}


def month_name(month: int, ui_language: str) -> str:
    """``(3, "de")`` -> ``"März"``; an unknown interface language gets English."""
    return MONTH_NAMES.get(ui_language, MONTH_NAMES["en"])[month - 1]


def format_date(date: dt.date, ui_language: str) -> str:
    """``"5 March 2026"`` / ``"5. März 2026"``: a date as the reader writes it."""
    month = month_name(date.month, ui_language)
    if ui_language == "de":
        return f"{date.day}. {month} {date.year}"
    return f"{date.day} {month} {date.year}"
