"""Reading dictd dictionaries and the derived lookup tables (vocab/dictd.py, vocab/dictionary.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dictd import write_dictd, write_fixture_dictionary
from releasesearch.vocab import dictionary
from releasesearch.vocab.dictd import clean_translation, lookup_key, parse_entry, read_entries
from releasesearch.vocab.dictionary import Bilingual, bilingual
from releasesearch.vocab.lookup import KeyTable


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Bilingual:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    found = bilingual(write_fixture_dictionary(tmp_path / "dictd"))
    assert found is not None
    return found


def test_entry_header_lines_notes_and_references() -> None:
    entry = parse_entry(
        "go /ɡˈəʊ/ (went /wˈɛnt/ <>, gone /ɡˈɒn/ <>) <v>\n"
        " [coll.] gehen <v, intr>, etw. verlassen <v>\n"
        "         Note: a note\n"
        '      "I/he/she went"  - ich/er/sie ging\n'
        "   Synonym: {leave}\n"
        " see: {going}, {er/sie geht}\n"
    )
    assert entry.head == "go"
    assert entry.verb
    assert entry.forms == ("went", "gone")
    assert [(s.translations, s.labelled) for s in entry.senses] == [(("gehen", "verlassen"), True)]
    assert entry.references == ("going", "er/sie geht")
    assert entry.examples == (("I/he/she went", "ich/er/sie ging"),)


@pytest.mark.parametrize(
    ("written", "key", "clean"),
    [
        ("etw. führen", "etw führen", "führen"),
        ("lead sb./sth.", "lead sbsth", "lead"),
        ("Fluss (m)", "fluss m", "Fluss"),
        ("power supply <n>", "power supply n", "power supply"),
    ],
)
def test_keys_and_clean_translations(written: str, key: str, clean: str) -> None:
    assert lookup_key(written) == key
    assert clean_translation(written) == clean


def test_read_entries_parses_each_entry_once_and_skips_sentences(tmp_path: Path) -> None:
    write_dictd(
        tmp_path,
        "x",
        [
            (("go", "went"), "go (went <>) <v>\ngehen\n"),
            (("ich gehe nach hause jetzt",), "Ich gehe nach Hause jetzt.\nI go home now.\n"),
        ],
    )
    found = list(read_entries(tmp_path / "x"))
    assert [key for key, _ in found] == ["go", "went"]
    assert found[0][1] is found[1][1]


def test_translations_keep_the_dictionary_order_with_their_evidence(book: Bilingual) -> None:
    found = book.candidates("fluss", "de", "en")
    assert [(c.text, c.rank, c.position, c.labelled, c.back) for c in found] == [
        ("outflow", 0, 0, False, False),
        ("efflux", 0, 1, False, False),
        ("river", 1, 0, True, True),
    ]
    assert found[2].zipf > found[0].zipf > 0


def test_lemmas_and_forms_come_from_the_dictionary_itself(book: Bilingual) -> None:
    assert book.lemmas("liegt", "de") == ("liegen",)
    assert book.lemmas("lag", "de") == ("liegen",)
    assert book.lemmas("ging", "de") == ("gehen",)
    assert book.lemmas("went", "en") == ("go",)
    assert book.forms("go", "en") == ("gone", "went")
    assert book.forms("liegen", "de") == ("lag", "liegt")
    assert book.stem_keys("partnerschaft", "de") == ("partnerschaft",)
    assert book.candidates("unknown", "de", "en") == ()


def test_tables_are_built_once_per_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = write_fixture_dictionary(tmp_path / "dictd")
    first = dictionary._open(source)
    assert first is not None
    stamp = (first.folder / "pair-de-en.tsv").stat().st_mtime_ns
    again = dictionary._open(source)
    assert again is not None and again.folder == first.folder
    assert (again.folder / "pair-de-en.tsv").stat().st_mtime_ns == stamp
    write_dictd(source, "freedict-deu-eng", [(("haus",), "Haus\nhouse\n")])
    changed = dictionary._open(source)
    assert changed is not None and changed.folder != first.folder
    assert [c.text for c in changed.candidates("haus", "de", "en")] == ["house"]


def test_no_dictionary_means_none(tmp_path: Path) -> None:
    assert bilingual(tmp_path / "missing") is None


def test_key_table_binary_search(tmp_path: Path) -> None:
    items = {f"k{i:03d}": f"v{i}" for i in range(0, 200, 3)} | {"äpfel": "x", "zz": "y"}
    KeyTable.write(tmp_path / "t.tsv", items)
    table = KeyTable(tmp_path / "t.tsv")
    assert all(table.get(k) == v for k, v in items.items())
    assert table.get("k001") is None
    assert table.get("") is None
    assert table.size == len(items)
