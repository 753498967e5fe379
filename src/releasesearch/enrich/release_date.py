"""The date a release bears: declared, dateline, first lines, archive path; else none.

A release date is never invented: if neither the metadata, the dateline, the first
lines nor the archive path state one, the answer is None and the release simply
has no place on the timeline.
"""

from __future__ import annotations

import datetime as dt
import re

from releasesearch.model import Release

from .datelines import parse_dateline
from .dates import FoundDate, date_from_path, find_dates, parse_date
from .text import first_paragraph


def find_release_date(release: Release, *, head_chars: int = 400) -> dt.date | None:
    """Declared date, then dateline, then the first lines, then the path; else None."""
    if release.declared.date:
        declared = parse_date(release.declared.date)
        if declared is not None:
            return declared
    dateline = parse_dateline(first_paragraph(release.body))
    if dateline is not None and dateline.date is not None:
        return dateline.date
    head = release.body[:head_chars]
    for found in find_dates(head):
        if _standalone(head, found):
            return found.date
    return date_from_path(release.path)


_LABEL = re.compile(
    r"^[\W_]*(?:(?:date|datum|dated|published|stand|veröffentlicht|released?|for immediate release)\b[^\n\d]{0,20})?$",
    re.IGNORECASE,
)


def _standalone(text: str, found: FoundDate) -> bool:
    """A date that opens its line ("Datum: 5. März 2026") or stands on a short line.

    Why: a date inside a sentence in the first lines is far more often an event
    ("listing on March 8th, 2024") than the release date.
    """
    line_start = text.rfind("\n", 0, found.start) + 1
    line_end = text.find("\n", found.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return bool(_LABEL.match(text[line_start : found.start])) or len(line.strip()) <= 60
