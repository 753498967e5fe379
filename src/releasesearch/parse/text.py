"""Plain-text releases, as wire services and the seed archive deliver them.

The layout conventions: an optional ``date YYYY-MM-DD`` marker on the first line,
an optional short title line, the dateline paragraph, the text, a ``Source:`` line
and a ``CONTACT:`` block. The dateline stays in the body: enrichment reads it.
"""

from __future__ import annotations

import re

from releasesearch.model import ArchiveFile, Declared, Release
from releasesearch.parse.common import language_and_pair
from releasesearch.parse.decode import decode, paragraphs
from releasesearch.parse.sections import file_release, split_sections

_DATE_MARKER = re.compile(r"^\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_SOURCE = re.compile(r"^(?:Source|Quelle)\s*:\s*(\S.*)$", re.IGNORECASE)
_TITLE_MAX = 200
_DATELINE_MARK = re.compile(r"\s(?:--|—|–)\s|\((?:[A-Z][A-Za-z .-]*WIRE|[A-Z ]*NEWSWIRE)\)")
_SENTENCE_END = (".", ",", ";", ":")


def parse_text(file: ArchiveFile) -> Release:
    """One release from one text file; see the module docstring for the layout."""
    text = decode(file.data)
    date, text = _take_date(text)
    blocks = paragraphs(text)
    title, blocks = _take_title(blocks)
    source, blocks = _take_source(blocks)
    language, pair_key = language_and_pair(file.path)
    declared = Declared(date=date, language=language, source=source, pair_key=pair_key)
    return file_release(file, split_sections(blocks), fmt="text", declared=declared, title=title)


def _take_date(text: str) -> tuple[str | None, str]:
    """``date 2026-03-05 NANJING, ...`` -> ("2026-03-05", "NANJING, ...")."""
    match = _DATE_MARKER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :]


def looks_like_title(line: str) -> bool:
    """Short, one line, no dateline, not a sentence: what a headline looks like."""
    return (
        len(line) <= _TITLE_MAX
        and "\n" not in line
        and not line.endswith(_SENTENCE_END)
        and not _DATELINE_MARK.search(line)
    )


def _take_title(blocks: list[str]) -> tuple[str | None, list[str]]:
    if len(blocks) >= 2 and looks_like_title(blocks[0]):
        return blocks[0], blocks[1:]
    return None, blocks


def _take_source(blocks: list[str]) -> tuple[str | None, list[str]]:
    """The last ``Source:``/``Quelle:`` line names the issuer; it is metadata, not text."""
    for index in range(len(blocks) - 1, 0, -1):
        lines = blocks[index].split("\n")
        for line_no, line in enumerate(lines):
            match = _SOURCE.match(line)
            if match:
                rest = "\n".join(lines[:line_no] + lines[line_no + 1 :]).strip()
                kept = blocks[:index] + ([rest] if rest else []) + blocks[index + 1 :]
                return match.group(1).strip(), kept
    return None, blocks
