"""Markdown releases: Newsworthy archive style, optionally with YAML-ish front matter.

Newsworthy files are web pages flattened to Markdown: ``# Headline``, the text,
then a distributor footer (original link, TLDR, pickups, a QR code image) after a
``---`` rule. The footer is syndication bookkeeping, not news, and is dropped; its
"Original/Source Press Release" link is the release's URL.
"""

from __future__ import annotations

import re

from releasesearch.model import ArchiveFile, Declared, Release
from releasesearch.parse.common import (
    language_and_pair,
    split_list,
    tags_from_labels,
)
from releasesearch.parse.decode import decode, one_line, tidy_lines
from releasesearch.parse.mdinline import strip_inline
from releasesearch.parse.sections import file_release, split_sections

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_FOOTER_LINK = re.compile(r"^\[Original/Source Press Release\]\(([^)\s]*)\)", re.MULTILINE)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_WIRE_MARK = re.compile(r"^--\s*([^-\n][^\n]*?)\s*--$")  # "--News Direct--"
_DROP_LINE = re.compile(
    r"^(?:View source version on \S+:|The post .* appeared first on |"
    r"This article has been amplified by |This news story relied on content distributed by |"
    r"\[?\s*\]?$)",
    re.IGNORECASE,
)
# flattened HTML separates paragraphs by two spaces after a sentence (24-7PressRelease)
_GLUED_PARAGRAPH = re.compile(r"[ \t]{2,}(?=[A-Z“\"•])")
_INLINE_BULLET = re.compile(r"[ \t]+•[ \t]+")  # "Speakers: • A • B" -> one line per item


def parse_markdown(file: ArchiveFile) -> Release:
    """One release from one Markdown file."""
    text = decode(file.data)
    meta, text = _front_matter(text)
    text, url = _cut_footer(text)
    heading, lines = _take_heading(text.split("\n"))
    wire, blocks = _blocks(lines)
    language, pair_key = language_and_pair(file.path)
    declared = Declared(
        date=meta.get("date"),
        language=meta.get("language") or meta.get("lang") or language,
        cities=tuple(split_list(_first(meta, "city", "cities"))),
        sectors=tuple(split_list(_first(meta, "sector", "sectors", "category"))),
        tags=tags_from_labels(split_list(_first(meta, "tags", "keywords"))),
        source=meta.get("source"),
        wire=meta.get("wire") or wire,
        pair_key=pair_key,
        translation_of=meta.get("translation_of") or None,
    )
    return file_release(
        file,
        split_sections(blocks),
        fmt="markdown",
        declared=declared,
        title=meta.get("title") or heading,
        url=meta.get("url") or url,
        finish=lambda title: one_line(strip_inline(title)),
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` key: value lines ``---`` at the very top; lists as ``a, b`` or ``- a`` lines."""
    match = _FRONT.match(text.lstrip("\n"))
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    key: str | None = None
    for line in match.group(1).split("\n"):
        item = re.match(r"^\s+-\s+(.*)$|^-\s+(.*)$", line)
        if item and key:
            value = (item.group(1) or item.group(2) or "").strip()
            meta[key] = f"{meta[key]}, {value}" if meta.get(key) else value
            continue
        pair = _FRONT_KEY.match(line.strip())
        if pair:
            key = pair.group(1).lower().replace("-", "_")
            meta[key] = _unquote(pair.group(2).strip())
    return {k: v for k, v in meta.items() if v}, text.lstrip("\n")[match.end() :]


def _first(meta: dict[str, str], *keys: str) -> str:
    return next((meta[key] for key in keys if meta.get(key)), "")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _cut_footer(text: str) -> tuple[str, str | None]:
    """Drop the distributor footer; return its original-release link as the URL."""
    matches = list(_FOOTER_LINK.finditer(text))
    if not matches:
        return text, None
    last = matches[-1]
    target = last.group(1)
    url = target if target.startswith(("http://", "https://")) else None
    head = text[: last.start()].rstrip()
    lines = head.split("\n")
    if lines and _RULE.match(lines[-1]):
        lines.pop()
    return "\n".join(lines), url


def _take_heading(lines: list[str]) -> tuple[str | None, list[str]]:
    """The first line's ``# Headline`` is the title; a deeper first heading is not."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match and len(match.group(1)) == 1:
            return match.group(2), lines[index + 1 :]
        return None, lines
    return None, lines


def _blocks(lines: list[str]) -> tuple[str | None, list[str]]:
    """Markdown lines to clean paragraphs; also returns a ``--Wire--`` marker if one is found."""
    wire: str | None = None
    out: list[str] = []
    in_fence = False
    for raw in lines:
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        mark = _WIRE_MARK.match(line)
        if mark and wire is None and not any(out_line.strip() for out_line in out):
            wire = mark.group(1)
            continue
        out.extend(_convert_line(line))
    text = tidy_lines("\n".join(out))
    blocks = [b for b in text.split("\n\n") if b and not _DROP_LINE.match(b)]
    return wire, blocks


def _convert_line(line: str) -> list[str]:
    """One Markdown source line to zero or more output lines ("" = paragraph break)."""
    if _RULE.match(line):
        return [""]
    if re.match(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?$", line):
        return []  # table alignment row
    if re.match(r"^\[[^\]]+\]:\s*\S+", line):
        return []  # link reference definition
    heading = _HEADING.match(line)
    if heading:
        return ["", strip_inline(heading.group(2)), ""]
    line = re.sub(r"^(?:>\s?)+", "", line)
    line = re.sub(r"^-{4,}(?=\S)", "", line)  # "--------------About X" (a rule glued to text)
    if line.startswith("|") and line.endswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip("|").split("|"))
    bullet = re.match(r"^([*+-]|\d{1,3}[.)])\s+(.*)$", line)
    if bullet:
        marker = "-" if bullet.group(1) in "*+-" else bullet.group(1)
        return [f"{marker} {strip_inline(bullet.group(2))}"]
    text = strip_inline(line)
    parts = [_INLINE_BULLET.sub("\n• ", part).strip() for part in _GLUED_PARAGRAPH.split(text)]
    if len(parts) == 1:
        return parts[0].split("\n")
    return [item for part in parts for item in ("", *part.split("\n"))] + [""]
