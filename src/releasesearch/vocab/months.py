"""Month names in the two interface languages, for labels and for reading dates."""

from __future__ import annotations

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
