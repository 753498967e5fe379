"""Deriving the lookup tables of :mod:`.dictionary` from the dictd files (once per dictionary).

Pure reading and counting; the only output is the folder of tables, written to a
temporary folder first and renamed into place, so a reader never sees half of it.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from collections import defaultdict
from functools import cache
from pathlib import Path

import Stemmer
import wordfreq

from releasesearch.vocab.dictd import Entry, clean_translation, lookup_key, read_entries
from releasesearch.vocab.lookup import (
    FILES,
    LANGUAGES,
    Candidate,
    KeyTable,
    encode_candidate,
    join_items,
)

__all__ = ["build_tables"]

_PRONOUNS = {
    "de": r"(?:ich|du|er|sie|es|wir|ihr|man)",
    "en": r"(?:i|you|he|she|it|we|they)",
}
_AUXILIARIES = {
    "de": r"(?:hat|hatte|ist|war|habe|hast|haben|hatten|sind|waren)",
    "en": r"(?:has|had|have|is|was|were|would)",
}
_CONJUGATED = {
    lang: re.compile(
        rf"^{p}(?:/{p})*\s+(?:{_AUXILIARIES[lang]}(?:/{_AUXILIARIES[lang]})*\s+)?(?P<form>[^\W\d_]+)$"
    )
    for lang, p in _PRONOUNS.items()
}
_OBJECT = re.compile(r"^(?:etw|jdn|jdm|sich|sth|sb|to)\s+")
_SNOWBALL = {"en": "english", "de": "german"}


@cache
def _frequencies(language: str) -> dict[str, float]:
    return {w: math.log10(f) + 9.0 for w, f in wordfreq.get_frequency_dict(language).items()}


def _zipf(text: str, language: str) -> float:
    """Frequency of a word, or of a phrase's rarest word, in ``language`` (0 if unknown)."""
    freq = _frequencies(language)
    words = text.lower().replace("ß", "ss" if language == "de" else "ß").split()
    values = [max(0.0, freq.get(w, 0.0)) for w in words]
    return min(values) if values else 0.0


def _bare(key: str) -> str:
    """A headword key without its object placeholder ("etw führen" -> "führen")."""
    return _OBJECT.sub("", key)


def _conjugated_form(text: str, language: str, lemma: str) -> str | None:
    """The form in "ich/er/sie lag" if it plausibly belongs to ``lemma`` (same first letter)."""
    found = _CONJUGATED[language].match(text.lower().strip())
    if not found:
        return None
    form = found.group("form")
    return form if form != lemma and lemma[:1] == form[:1] else None


class _Collector:
    """Everything read from both directions before the tables are written."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], dict[str, list[tuple[int, Entry]]]] = {
            pair: defaultdict(list) for pair in FILES
        }
        self.lemmas: dict[str, dict[str, set[str]]] = {lang: defaultdict(set) for lang in LANGUAGES}

    def add(self, pair: tuple[str, str], key: str, entry: Entry) -> None:
        found = self.entries[pair][key]
        found.append((len(found), entry))
        source, target = pair
        head = _bare(lookup_key(clean_translation(entry.head)))
        if " " in head or not head:
            return
        for written in entry.forms:
            form_key = lookup_key(written)
            if form_key and form_key != head and " " not in form_key:
                self.lemmas[source][form_key].add(head)
        if not entry.verb:
            return
        for reference in entry.references:
            if form := _conjugated_form(reference, source, head):
                self.lemmas[source][form].add(head)
        lemma_target = _first_word(entry, target)
        for left, right in entry.examples:
            if form := _conjugated_form(left, source, head):
                self.lemmas[source][form].add(head)
            if lemma_target:
                other = _conjugated_form(right, target, lemma_target)
                if other:
                    self.lemmas[target][other].add(lemma_target)


def _first_word(entry: Entry, language: str) -> str | None:
    for sense in entry.senses:
        for text in sense.translations:
            key = _bare(lookup_key(text))
            if key and " " not in key:
                return key
    return None


def _translations_by_key(collected: _Collector) -> dict[tuple[str, str], dict[str, set[str]]]:
    out: dict[tuple[str, str], dict[str, set[str]]] = {}
    for pair, keys in collected.entries.items():
        table: dict[str, set[str]] = {}
        for key, entries in keys.items():
            table[key] = {
                _bare(lookup_key(t)) for _, e in entries for s in e.senses for t in s.translations
            }
        out[pair] = table
    return out


def _pair_table(
    pair: tuple[str, str], keys: dict[str, list[tuple[int, Entry]]], reverse: dict[str, set[str]]
) -> dict[str, str]:
    target = pair[1]
    table: dict[str, str] = {}
    for key, entries in keys.items():
        items: list[str] = []
        seen: set[str] = set()
        for rank, entry in entries:
            for sense in entry.senses:
                for position, text in enumerate(sense.translations):
                    if text in seen or "\t" in text or "\n" in text:
                        continue
                    seen.add(text)
                    back = key in reverse.get(_bare(lookup_key(text)), ())
                    candidate = Candidate(
                        text, rank, position, sense.labelled, back, _zipf(text, target)
                    )
                    items.append(encode_candidate(candidate))
        if items:
            table[key] = join_items(items)
    return table


def _stem_table(keys: list[str], language: str) -> dict[str, str]:
    stemmer = Stemmer.Stemmer(_SNOWBALL[language])
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if key.isalpha():
            groups[stemmer.stemWord(key)].append(key)
    return {stem: join_items(sorted(found)) for stem, found in groups.items()}


def build_tables(source_dir: Path, target: Path) -> None:
    """Derive every table from the dictd files in ``source_dir`` into the folder ``target``.

    :raises OSError: when a dictionary file cannot be read or the folder not written.
    """
    collected = _Collector()
    for pair, name in FILES.items():
        for key, entry in read_entries(source_dir / name):
            collected.add(pair, key, entry)
    translations = _translations_by_key(collected)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for pair in FILES:
        reverse = translations[(pair[1], pair[0])]
        table = _pair_table(pair, collected.entries[pair], reverse)
        KeyTable.write(tmp / f"pair-{pair[0]}-{pair[1]}.tsv", table)
    for lang in LANGUAGES:
        lemmas = collected.lemmas[lang]
        KeyTable.write(
            tmp / f"lemmas-{lang}.tsv", {f: join_items(sorted(h)) for f, h in lemmas.items()}
        )
        forms: dict[str, set[str]] = defaultdict(set)
        for form, heads in lemmas.items():
            for head in heads:
                forms[head].add(form)
        KeyTable.write(
            tmp / f"forms-{lang}.tsv", {h: join_items(sorted(f)) for h, f in forms.items()}
        )
        source_keys = list(collected.entries[(lang, "de" if lang == "en" else "en")])
        KeyTable.write(tmp / f"stems-{lang}.tsv", _stem_table(source_keys, lang))
    (tmp / "complete").write_text("ok\n", encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    os.replace(tmp, target)
