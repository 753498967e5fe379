"""Bytes to text: encodings, binary rejection, invisible characters, layout."""

from __future__ import annotations

import codecs

import pytest

from releasesearch.errors import ParseError
from releasesearch.parse.decode import MAX_WORD, decode, paragraphs, tidy_lines


def test_utf8_with_and_without_bom() -> None:
    assert decode("Grüße aus München".encode()) == "Grüße aus München"
    assert decode(codecs.BOM_UTF8 + "Grüße".encode()) == "Grüße"


def test_utf16_with_bom() -> None:
    assert decode("Köln\nBonn".encode("utf-16")) == "Köln\nBonn"


def test_latin1_text_is_detected() -> None:
    text = "Die Straße in München ist größer als gedacht. Der Bürgermeister äußerte sich."
    assert decode(text.encode("latin-1")) == text


def test_cp1252_quotes_and_euro() -> None:
    text = "„Zitat“ – sagte er, es koste 5 € pro Stück."
    assert decode(text.encode("cp1252")) == text


def test_truncated_utf8_keeps_the_complete_part() -> None:
    data = "Grüße aus Köln".encode()
    cut = data[: data.index("ö".encode()) + 1]  # the first of the two bytes of "ö"
    assert decode(cut) == "Grüße aus K"
    assert decode("Düsseldorf ".encode() + "€".encode()[:2]) == "Düsseldorf "


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b" \n\t\r\n ", "file is empty"),
        ("\u200b\u200b\n".encode(), "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file is binary (NUL bytes), not text"),
        (bytes(range(1, 32)) * 10, "file is binary (control characters), not text"),
    ],
)
def test_rejects_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        decode(data)
    assert info.value.message == reason


def test_nul_after_the_first_kilobyte_is_removed() -> None:
    data = b"a" * 2000 + b"\x00b"
    assert decode(data) == "a" * 2000 + "b"


def test_invisible_and_bidi_characters_are_removed() -> None:
    raw = "Nan\u200bjing\u200c \u202eMünchen\u202c \u2066Köln\u2069 \ufeffBonn\u2060"
    assert decode(raw.encode()) == "Nanjing München Köln Bonn"


def test_nfc_and_line_ends() -> None:
    assert decode("Mu\u0308nchen\r\nKo\u0308ln\rBonn".encode()) == "München\nKöln\nBonn"


def test_tidy_lines_collapses_spaces_and_blank_runs() -> None:
    text = "  first\t\t line  \n\n\n\n second\u00a0 line \n\n"
    assert tidy_lines(text) == "first line\n\nsecond line"
    assert paragraphs("a\n \n\nb\nc\n\n\n") == ["a", "b\nc"]


def test_ten_thousand_character_word_is_cut() -> None:
    text = decode(("word " + "x" * 10_000 + " end").encode())
    assert tidy_lines(text) == "word " + "x" * MAX_WORD + " end"
