"""Small text helpers shared by the enrichment modules."""

from __future__ import annotations

import re

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‟″"} | {c: "'" for c in "‘’‚‹›"})
_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Whitespace runs become one space; leading and trailing space goes."""
    return _SPACE.sub(" ", text).strip()


def normalise_source(source: str | None) -> str | None:
    """Typographic quotes become plain ones, so the EN and DE issuer lines compare equal."""
    if source is None:
        return None
    clean = collapse(source.translate(_QUOTES))
    return clean or None


def first_paragraph(body: str) -> str:
    """The first non-empty paragraph: where datelines live."""
    for para in body.split("\n\n"):
        if para.strip():
            return para.strip()
    return ""
