"""Reading dictionaries in the dictd format (FreeDict as Debian installs it).

A dictd dictionary is two files: ``NAME.index``, one line per lookup key
(``key<TAB>offset<TAB>length``, offset and length in base 64), and ``NAME.dict.dz``,
the entries' text, gzip-compressed (dictzip is gzip with a seek table, so plain
gzip reads it).  Several keys point at one entry: a headword, its alternate
spellings and, in FreeDict's English side, irregular forms ("went" -> the entry of
"go").

FreeDict (from the Ding dictionary) writes an entry as::

    Fluss /flˈʊs/ <masc, n, sg>
     [geogr.] river <n>, higher-order stream <n>
       Synonym: {Strom}
     see: {Flüsse}, {Gebirgsfluss}

a header (headword, pronunciation, irregular forms in parentheses marked ``<>``,
part of speech), then translation lines (optionally with a ``[domain]`` label),
then indented notes, examples (``"source"  - target``), synonyms and references.
Only what query translation needs is kept: translations per line, the domain
flag, references and examples (they hold conjugated forms: ``{ich/er/sie lag}``).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Entry", "Sense", "b64_decode", "clean_translation", "lookup_key", "read_entries"]

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_ANGLE = re.compile(r"<[^>]*>")
_SQUARE = re.compile(r"\[[^\]]*\]")
_PAREN = re.compile(r"\([^)]*\)")
# "sth.", "sb.", "etw.", "jdn./etw." stand for an object: not part of a translation.
_PLACEHOLDER = re.compile(
    r"(?<![\w.])(?:sth|sb|etw|jdn|jdm|jds|jd|sb's|sth's)\.(?:/(?:sth|sb|etw|jdn|jdm|jds)\.)*(?!\w)",
    re.I,
)
_REFERENCE = re.compile(r"\{([^}]*)\}")
_EXAMPLE = re.compile(r'^"(.*)"\s+-\s+(.*)$')
_KEY_DROP = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Sense:
    """One translation line: its translations in order, and whether a domain label marks it."""

    translations: tuple[str, ...]
    labelled: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """What query translation reads from one dictionary entry."""

    head: str  # the headword as written ("Fluss", "lead sb./sth.")
    verb: bool  # the header's part of speech is a verb
    forms: tuple[str, ...]  # irregular forms from the header ("went", "gone")
    senses: tuple[Sense, ...]
    references: tuple[str, ...]  # the "see:" list
    examples: tuple[tuple[str, str], ...]  # (source, target) pairs


def b64_decode(text: str) -> int:
    """dictd's base-64 numbers (offsets and lengths in the index)."""
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def lookup_key(text: str) -> str:
    """The index key of a word or phrase: lowercase, punctuation dropped ("etw. führen" ->
    "etw führen"), as dictd writes keys."""
    return " ".join(_KEY_DROP.sub("", text.lower()).split())


def clean_translation(text: str) -> str:
    """A translation without grammar marks, labels, notes or object placeholders."""
    text = _PLACEHOLDER.sub(" ", _PAREN.sub(" ", _SQUARE.sub(" ", _ANGLE.sub(" ", text))))
    return " ".join(text.split()).strip(" .;:…-/")


def parse_entry(text: str) -> Entry:
    """One entry's text -> :class:`Entry` (pure; tolerant of unusual lines)."""
    lines = text.split("\n")
    header = lines[0]
    head = header.split(" /", 1)[0].strip()
    tags = _ANGLE.findall(header)
    verb = bool(tags) and tags[-1].lstrip("<").startswith("v")
    forms = tuple(
        part.split(" /", 1)[0].strip()
        for group in _PAREN.findall(header)
        for part in group.strip("()").split(",")
        if "<>" in part
    )
    senses: list[Sense] = []
    references: list[str] = []
    examples: list[tuple[str, str]] = []
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("see:"):
            references.extend(_REFERENCE.findall(stripped))
        elif line.startswith("   "):
            found = _EXAMPLE.match(stripped)
            if found:
                examples.append((found.group(1), found.group(2)))
        elif not stripped.startswith("Synonym"):
            parts = (clean_translation(p) for p in _ANGLE.sub(" ", stripped).split(","))
            kept = tuple(p for p in parts if p)
            if kept:
                senses.append(Sense(kept, bool(_SQUARE.search(stripped))))
    return Entry(head, verb, forms, tuple(senses), tuple(references), tuple(examples))


def read_entries(stem: Path) -> Iterator[tuple[str, Entry]]:
    """(index key, entry) for every key of the dictionary ``stem`` (``.index`` + ``.dict.dz``).

    Each entry is parsed once however many keys point at it; keys of more than
    three words (example sentences) are skipped.

    :raises OSError: when a file cannot be read.
    """
    data = gzip.open(stem.with_name(stem.name + ".dict.dz")).read()
    parsed: dict[tuple[int, int], Entry] = {}
    with stem.with_name(stem.name + ".index").open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or not fields[0].strip() or fields[0].startswith("00"):
                continue
            key = fields[0].strip()
            if key.count(" ") > 2:
                continue
            span = (b64_decode(fields[1]), b64_decode(fields[2]))
            entry = parsed.get(span)
            if entry is None:
                raw = data[span[0] : span[0] + span[1]].decode("utf-8", "replace")
                entry = parsed[span] = parse_entry(raw)
            yield key, entry
