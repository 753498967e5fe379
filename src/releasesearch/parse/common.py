"""What every format shares: titles from text, file-name conventions, tags.

Kept format-free so that a release reads the same whether it arrived as a text
file, a Markdown file or a CSV row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from releasesearch.model import Tag
from releasesearch.parse.decode import one_line

MAX_TITLE = 160
ELLIPSIS = "…"

# "NANJING, China, March 04, 2026 (GLOBE NEWSWIRE) -- ": a dateline ends at a spaced dash
# (or "--") within the first couple of hundred characters.
_DATELINE = re.compile(r"^(.{3,250}?)(?:\s+(?:--|—|–)\s*|\s*--\s+)")
_DATELINE_HINT = re.compile(r"\d|\(|/|[A-ZÄÖÜ]{3,}")
_ABBREV = frozenset(
    "mr mrs ms dr prof inc ltd co corp st no nr jan feb mar apr jun jul aug sep sept oct nov dec "
    "vs etc approx dipl ing bzw ca vgl z b u s e g i".split()
)
_SENTENCE_END = re.compile(r"[.!?](?=[\"'”’)]?\s+[\"'“„‘(]?[A-ZÄÖÜ0-9])")
# "am 2. März": a German ordinal before a month is no sentence end
_MONTH_AFTER = re.compile(
    r"\s*(?:Jan|Feb|Mär|Mar|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)", re.IGNORECASE
)

# file stem suffixes that name a language: "news-20230119-01.en", "report_de", "notes-de"
_LANG_DOT = re.compile(r"^(?P<stem>.+)\.(?P<lang>en|de|fr|es|it|nl|pt|pl|da|sv|zh|ja)$")
_LANG_SEP = re.compile(r"^(?P<stem>.+?)[_-](?P<lang>en|de)$", re.IGNORECASE)
_SLUG = re.compile(r"[^\w]+")


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a leading wire dateline; unchanged when it has none."""
    match = _DATELINE.match(paragraph)
    if match and _DATELINE_HINT.search(match.group(1)):
        rest = paragraph[match.end() :].strip()
        return rest or paragraph
    return paragraph


def first_sentence(text: str) -> str:
    """Up to the first sentence end that is not an abbreviation ("Sept. 12", "Mr. Wong")."""
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[: match.start()])
        token = word.group(1).lower().strip("(\"'“„") if word else ""
        if token in _ABBREV or len(token.rstrip(".")) <= 1 or "." in token.rstrip("."):
            continue
        if token.isdigit() and _MONTH_AFTER.match(text, match.end()):
            continue
        sentence = text[: match.end()]
        return sentence[:-1] if sentence.endswith(".") else sentence
    return text[:-1] if text.endswith(".") else text


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    """Cut at a word boundary to at most ``limit`` characters, marking the cut with "…"."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def derive_title(body: str, fallback: str) -> str:
    """A title for a release that has none: the first sentence after the dateline.

    Never empty: a file with no usable text is titled by its ``fallback`` (the file name).
    """
    first = body.split("\n\n", 1)[0].strip()
    if not first:
        return fallback
    sentence = first_sentence(strip_dateline(one_line(first)))
    return shorten(sentence) or fallback


def language_and_pair(path: str) -> tuple[str | None, str | None]:
    """Language code and pairing key from a name like ``news-20230119-01.en.xhtml``.

    Translations share the stem, which is how the pairing step finds them.
    """
    stem = PurePosixPath(path).stem
    match = _LANG_DOT.match(stem) or _LANG_SEP.match(stem)
    if not match:
        return None, None
    return match.group("lang").lower(), match.group("stem")


def file_title(path: str) -> str:
    return PurePosixPath(path).stem.replace("_", " ").replace("-", " ").strip() or path


def slug(label: str) -> str:
    """A language-independent key for a free-text tag: ``"Public Money"`` -> ``public-money``."""
    return _SLUG.sub("-", label.lower()).strip("-_")


def tags_from_labels(labels: Iterable[str]) -> tuple[Tag, ...]:
    """Tags from plain keywords, deduplicated by key, in order of first appearance."""
    seen: dict[str, Tag] = {}
    for label in labels:
        label = one_line(label)
        key = slug(label)
        if key and key not in seen:
            seen[key] = Tag(key=key, label=label)
    return tuple(seen.values())


def split_list(value: str) -> list[str]:
    """``"a, b; c"`` or ``"[a, b]"`` -> ``["a", "b", "c"]``."""
    value = value.strip().removeprefix("[").removesuffix("]")
    return [item.strip().strip("\"'") for item in re.split(r"[,;|]", value) if item.strip(" \"'")]
