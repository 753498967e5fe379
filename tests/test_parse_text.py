"""Plain-text releases: the five seeds and the layout rules they follow."""

from __future__ import annotations

from pathlib import Path

from releasesearch.model import ArchiveFile, Declared, IngestError, Release
from releasesearch.parse import parse_file

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(name: str) -> Release:
    data = (SEEDS / name).read_bytes()
    releases, errors = parse_file(ArchiveFile(path=name, data=data, mtime=0.0, size=len(data)))
    assert errors == []
    assert len(releases) == 1
    return releases[0]


def _text(text: str, path: str = "r.txt") -> tuple[list[Release], list[IngestError]]:
    data = text.encode()
    return parse_file(ArchiveFile(path=path, data=data, mtime=0.0, size=len(data)))


def test_seed_000_title_from_first_sentence_after_dateline() -> None:
    release = _seed("000_1155c7d4176d89c5.txt")
    assert release.id == "000_1155c7d4176d89c5.txt"
    assert release.row is None
    assert release.format == "text"
    assert release.title == (
        'The 2026 "Nanjing Day" Economic and Trade Promotion Conference was successfully held '
        "in Stuttgart, Germany, on March 2 (Local Time)"
    )
    assert release.body.startswith(
        'NANJING, China, March 04, 2026 (GLOBE NEWSWIRE) -- The 2026 "Nanjing Day"'
    )
    assert release.body.endswith("upgrading of Sino-German local cooperation.")
    assert release.body.count("\n\n") == 5
    assert release.declared == Declared(
        source='The 2026 "Nanjing Day" Economic and Trade Promotion Conference'
    )
    assert (release.contact, release.about, release.url) == ("", "", None)


def test_seed_001_date_marker_on_the_dateline() -> None:
    release = _seed("001_08a2519bc6076cba.txt")
    assert release.declared.date == "2026-03-05"
    assert release.body.startswith(
        "NANJING, China, March 05, 2026 (GLOBE NEWSWIRE) -- Die Wirtschafts"
    )
    assert release.title == (
        "Die Wirtschafts- und Handelsförderungskonferenz „Nanjing Day“ 2026 wurde am 2. März "
        "(Ortszeit) erfolgreich in Stuttgart, Deutschland, ausgerichtet"
    )
    assert release.declared.source == (
        "The 2026 „Nanjing Day“ Economic and Trade Promotion Conference"
    )
    assert "Quelle:" not in release.body


def test_seed_002_title_line_and_indented_paragraphs() -> None:
    release = _seed("002_2b7d03b8d94b1048.txt")
    assert release.title == "Chen Zhichang Leads Nanjing Delegation on a Study Visit to Germany"
    assert release.body.startswith("From November 19 to 22, local time, Mayor Chen Zhichang")
    assert release.body.endswith("the Chinese Consul General in Munich.")
    assert "\n " not in release.body
    assert release.body.count("\n\n") == 7
    assert release.declared == Declared()


def test_seed_003_title_source_and_contact() -> None:
    release = _seed("003_228523de1d0d3c93.txt")
    assert release.title == (
        "Shenzhen’s Nanshan Gathers Efforts for New Progress in China-Germany Cooperation"
    )
    assert release.declared.source == "Nanshan District Government of Shenzhen"
    assert release.contact == "Contact person: Mr. Wong, Tel: 86-10-63074558"
    assert release.body.startswith("SHENZHEN, China, June 24, 2024 (GLOBE NEWSWIRE) — An economic")
    assert release.body.endswith("new opportunities for foreign investment in China.")
    assert "CONTACT" not in release.body and "Source:" not in release.body


def test_seed_004_abbreviation_does_not_end_the_sentence() -> None:
    release = _seed("004_fdc124adaf6433fa.txt")
    assert release.declared.date == "2025-09-15"
    assert release.title == (
        "The Jiangsu-Germany Dialogue 2025 was successfully held in Changzhou from Sept. 12 to 13"
    )
    assert release.declared.source == "Jiangsu-Germany Dialogue 2025"


def test_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    sentence = "BERLIN, 5. März 2026 -- " + "Die Stadt baut " + "sehr " * 60 + "viel."
    [release], _ = _text(sentence + "\n\nZweiter Absatz.")
    assert release.title == "Die Stadt baut " + "sehr " * 28 + "sehr…"
    assert len(release.title) <= 160


def test_about_and_german_contact_blocks() -> None:
    text = (
        "Neue Halle in Köln\n\nKÖLN, 5. März 2026 – Die Messe baut.\n\nMehr Text.\n\n"
        "Über die Messe Köln\n\nDie Messe gibt es seit 1924.\n\n"
        "Pressekontakt:\nErika Mustermann\nTel. 0221 123"
    )
    [release], errors = _text(text, "messe.de.txt")
    assert errors == []
    assert release.title == "Neue Halle in Köln"
    assert release.body == "KÖLN, 5. März 2026 – Die Messe baut.\n\nMehr Text."
    assert release.about == "Über die Messe Köln\n\nDie Messe gibt es seit 1924."
    assert release.contact == "Erika Mustermann\nTel. 0221 123"
    assert release.declared == Declared(language="de", pair_key="messe")


def test_sentences_about_numbers_stay_in_the_body() -> None:
    text = (
        "Lead paragraph.\n\nAbout 500 guests came.\n\nÜber 300 Firmen kamen.\n\nContact us today."
    )
    [release], _ = _text(text)
    assert release.body == text
    assert release.title == "Lead paragraph"


def test_pair_key_from_file_names() -> None:
    assert _text("Text.", "a/news-1.en.txt")[0][0].declared.pair_key == "news-1"
    assert _text("Text.", "a/news-1_de.txt")[0][0].declared.language == "de"
    assert _text("Text.", "a/notes-draft.txt")[0][0].declared.pair_key is None


def test_zero_width_rtl_nul_and_long_words() -> None:
    text = "Ti\u200btle\n\nBody \u202eword\u202c " + "x" * 10_000 + " with\x00 nul end."
    [release], errors = _text(text)
    assert errors == []
    assert release.title == "Title"
    assert release.body == "Body word " + "x" * 200 + " with nul end."


def test_bad_files_become_ingest_errors() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert parse_file(ArchiveFile("img.txt", png, 0.0, len(png))) == (
        [],
        [IngestError("img.txt", None, "file is binary (NUL bytes), not text")],
    )
    assert _text("   \n\n") == ([], [IngestError("r.txt", None, "file is empty")])
    assert _text("x", "notes.pdf") == (
        [],
        [IngestError("notes.pdf", None, "unsupported file type .pdf")],
    )


def test_latin1_text_file() -> None:
    data = "Straße in München\n\nDie Bürger äußerten sich über die Größe.".encode("latin-1")
    [release], _ = parse_file(ArchiveFile("l.txt", data, 0.0, len(data)))
    assert release.title == "Straße in München"
    assert release.body == "Die Bürger äußerten sich über die Größe."
