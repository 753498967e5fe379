"""Tell the news from the boilerplate at the end of a release.

"About X" company profiles, contact blocks and legal notices repeat across every
release of an issuer; left in the body they would make every release of that issuer
match every query about it, and they would dominate the snippets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from releasesearch.model import ArchiveFile, Declared, Release
from releasesearch.parse.common import derive_title, file_title
from releasesearch.parse.decode import join_paragraphs

_CONTACT_WORDS = (
    r"(?:(?:media|press|investor|investors|company|pr)\s+)?"
    r"(?:contacts?|kontakt|pressekontakt|medienkontakt|ansprechpartner(?:in)?)"
)
_CONTACT_TAIL = r"(?:\s+(?:details|information|info|person|persons|us|for more information))?"
_CONTACT = re.compile(r"^\W{0,3}" + _CONTACT_WORDS + _CONTACT_TAIL + r"\W{0,3}", re.IGNORECASE)
# "About Xplain Data", "ABOUT NANSHAN", "About “Latinas in PR”" but not "About 500 guests".
_ABOUT_EN = re.compile(r"^\W{0,3}(?:About|ABOUT)\s+(?=[A-Z„“\"'‘])")
_ABOUT_DE = re.compile(r"^\W{0,3}(?:Über|ÜBER)\s+(?:(?:die|den|das|uns)\b\s*)?(?=[A-ZÄÖÜ„“\"]|$)")
_LEGAL = re.compile(
    r"^\W{0,3}(?:safe harbor|forward[- ]looking statements?|cautionary (?:note|statement)|"
    r"disclaimer|haftungsausschluss|zukunftsgerichtete aussagen)\b",
    re.IGNORECASE,
)
_HEADING_MAX = 100


@dataclass(frozen=True, slots=True)
class Sections:
    body: list[str]
    about: list[str]
    contact: list[str]


def is_contact_start(paragraph: str) -> bool:
    """A contact heading: "Media Contact", "CONTACT: Mr. Wong", "Contact DetailsAGC" ...

    After the heading words there must be a colon, the end of the line, or a capital
    letter glued on (flattened HTML); "Contact us today to ..." stays in the body.
    """
    match = _CONTACT.match(paragraph)
    if not match:
        return False
    rest = paragraph[match.end() :]
    matched = paragraph[: match.end()]
    if ":" in matched or not rest or rest[0] == "\n":
        return True
    return not matched[-1].isspace() and rest[0].isupper()


def is_about_start(paragraph: str) -> bool:
    if _ABOUT_EN.match(paragraph):
        return True
    if _ABOUT_DE.match(paragraph):
        first_line = paragraph.split("\n", 1)[0]
        return len(first_line) <= _HEADING_MAX and not first_line.rstrip().endswith(".")
    return False


def _kind(paragraph: str) -> str | None:
    if is_contact_start(paragraph):
        return "contact"
    if is_about_start(paragraph) or _LEGAL.match(paragraph):
        return "about"
    return None


def split_sections(paragraphs: list[str]) -> Sections:
    """Body up to the first boilerplate heading; later paragraphs join the last heading's kind.

    The first paragraph is never boilerplate: it is the lead (or the only text).
    """
    body: list[str] = []
    parts: dict[str, list[str]] = {"about": [], "contact": []}
    current: str | None = None
    for index, paragraph in enumerate(paragraphs):
        kind = _kind(paragraph) if index > 0 else None
        current = kind or current
        if current is None:
            body.append(paragraph)
        else:
            parts[current].append(paragraph)
    return Sections(body=body, about=parts["about"], contact=parts["contact"])


def contact_text(blocks: list[str]) -> str:
    """The contact block, one line per item, without its heading (the field name says it)."""
    if not blocks:
        return ""
    first = blocks[0]
    match = _CONTACT.match(first)
    if match and is_contact_start(first):
        first = first[match.end() :].strip()
    return "\n".join(block for block in [first, *blocks[1:]] if block)


def file_release(
    file: ArchiveFile,
    sections: Sections,
    *,
    fmt: str,
    declared: Declared,
    title: str | None,
    url: str | None = None,
    finish: Callable[[str], str] = str,
) -> Release:
    """The release a whole file makes: its sections split into body, contact and About.

    Without a title of its own the release is named by its opening sentence;
    ``finish`` tidies the chosen title (Markdown strips its inline syntax).
    """
    body = join_paragraphs(sections.body)
    return Release(
        id=file.path,
        path=file.path,
        row=None,
        title=finish(title or derive_title(body, file_title(file.path))),
        body=body,
        format=fmt,
        declared=declared,
        contact=contact_text(sections.contact),
        about=join_paragraphs(sections.about),
        url=url,
    )
