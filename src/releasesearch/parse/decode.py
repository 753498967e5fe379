"""Bytes to clean text: the one place that knows about encodings and invisible characters.

Every parser starts here so that all formats agree on what "clean text" means:
the index, the snippets and the deduplication hash all depend on it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from releasesearch.errors import ParseError

MAX_WORD = 200  # longer "words" are base64 blobs or garbage; they only bloat the index
_SNIFF = 1024
_MAX_CONTROL_RATIO = 0.1

# Zero-width characters and bidi controls: invisible, but they split words for the tokenizer.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0]
)
_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace except newline (tabs, NBSP, ...)
_BLANK_RUN = re.compile(r"\n{2,}")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")
# Western legacy encodings first: the archive is English and German, and the detector
# otherwise picks exotic code pages for short texts.
_LEGACY = ["cp1252", "iso8859_15", "mac_roman"]


def decode(data: bytes) -> str:
    """Decode ``data`` and remove invisible characters; raise :class:`ParseError` if it is no text.

    UTF-8 (with or without BOM) is tried first because a legacy detector happily
    "recognises" UTF-8 as something else.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        _reject_binary(data)
        text = _decode_bytes(data)
    text = clean_chars(text)
    if not text.strip():
        raise ParseError("file is empty")
    return text


def clean_chars(text: str) -> str:
    """NFC, LF line ends, no zero-width or bidi controls, no NUL."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reject_binary(data: bytes) -> None:
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise ParseError("file is binary (NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > _MAX_CONTROL_RATIO:
        raise ParseError("file is binary (control characters), not text")


def _decode_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A file cut in the middle of a character: keep what is there.
            return data[: exc.start].decode("utf-8")
    match = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    if match is None:
        match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise ParseError("cannot tell the text encoding (not UTF-8, no legacy encoding fits)")
    return str(match)


def tidy_lines(text: str) -> str:
    """Strip each line, collapse inner spaces and tabs; blank-line runs become one blank line.

    Leading indentation goes too: in plain-text releases it is layout, not structure.
    Words over :data:`MAX_WORD` characters are cut: they are base64 blobs or garbage.
    """
    text = _LONG_WORD.sub(lambda m: m.group(0)[:MAX_WORD], text)
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, tidied; empty blocks dropped."""
    return [block for block in tidy_lines(text).split("\n\n") if block]


def join_paragraphs(blocks: list[str]) -> str:
    return "\n\n".join(block for block in blocks if block)


def one_line(text: str) -> str:
    """Inline text: every run of whitespace, newlines included, becomes one space."""
    return " ".join(text.split())
