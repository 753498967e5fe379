"""A release's words in one shared vocabulary, so a translation can be recognised by them.

Every content word becomes Snowball stems of English words: an English word its
own stem, a German word the stems of its first dictionary translations (the
FreeDict English-German dictionary of cross-language search, from the same
``dictionary`` setting) and its own stem,
for names and loan words ("Software", "Reichstag"). A German release and its
English translation then share most of their stems, and two releases that are not
translations share only the common ones; :mod:`.translations` measures the share.

Very common words (wordfreq zipf above :data:`COMMON_ZIPF`: "the", "und", "have")
say nothing about a text and are left out. Without the dictionary a German word
keeps only its own stem, so only names and loan words meet.
"""

from __future__ import annotations

import importlib.metadata
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import Stemmer

from releasesearch.cache import marshalled
from releasesearch.config import Settings
from releasesearch.vocab.dictionary import Bilingual, bilingual

__all__ = [
    "COMMON_ZIPF",
    "NAME_ZIPF",
    "LinkWords",
    "common_words",
    "known_words",
    "link_words",
    "pack",
    "shared_count",
    "size",
]

COMMON_ZIPF = 6.0
NAME_ZIPF = 3.0  # a capitalised word rarer than this in both languages is a name
TRANSLATIONS = 4  # one-word translations kept per German word, in dictionary order
_WORD = re.compile(r"[^\W\d_]{3,}")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class LinkWords:
    """The stems of a release's words, and how many distinct words gave them."""

    stems: frozenset[str]
    words: int  # distinct content words of the text (not stems: comparable across languages)

    @property
    def packed(self) -> bytes:
        return pack(self.stems)


def pack(stems: frozenset[str]) -> bytes:
    """Stems as sorted 32-bit CRCs: what a release keeps of its words (4 bytes a stem,
    in the index and in the memory of an index run, where thousands are held)."""
    codes = np.unique(np.array([zlib.crc32(s.encode()) for s in stems], dtype=np.uint32))
    return codes.tobytes()


def shared_count(a: bytes, b: bytes) -> int:
    """Stems two packed sets have in common."""
    if not a or not b:
        return 0
    left = np.frombuffer(a, dtype=np.uint32)
    right = np.frombuffer(b, dtype=np.uint32)
    return int(np.intersect1d(left, right, assume_unique=True).size)


def size(packed: bytes) -> int:
    """Stems in a packed set."""
    return len(packed) // 4


def _words_above(zipf: float) -> dict[str, list[str]]:
    """Words of English and German with a wordfreq zipf above ``zipf`` (built once,
    then read from the cache folder: importing wordfreq alone costs 0.4 s)."""
    import wordfreq

    out: dict[str, list[str]] = {}
    for language in ("en", "de"):
        floor = 10 ** (zipf - 9)
        frequencies = wordfreq.get_frequency_dict(language)
        out[language] = sorted(w for w, f in frequencies.items() if f > floor)
    return out


def _cached_words(zipf: float) -> dict[str, list[str]]:
    version = importlib.metadata.version("wordfreq")
    found: dict[str, list[str]] = marshalled(
        f"words-above-{zipf}-{version}.marshal", lambda: _words_above(zipf)
    )
    return found


@cache
def common_words(language: str) -> frozenset[str]:
    """Words too common to say anything about a text (zipf above :data:`COMMON_ZIPF`)."""
    return frozenset(_cached_words(COMMON_ZIPF).get(language, ()))


@cache
def known_words() -> frozenset[str]:
    """Words of English or German at least as frequent as :data:`NAME_ZIPF`: no names."""
    found = _cached_words(NAME_ZIPF)
    return frozenset(found["en"]) | frozenset(found["de"])


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english" if language == "en" else "german")


class _State:
    """The dictionary of this process and the stems looked up in it (per word)."""

    folder: Path | None = None
    book: Bilingual | None = None
    stems: dict[tuple[str, str], tuple[str, ...]] = {}


def _use_dictionary() -> None:
    """Follow the ``dictionary`` setting (RELEASESEARCH_DICTIONARY), as search does."""
    folder = Settings.from_env().dictionary
    if folder != _State.folder:
        _State.folder, _State.book, _State.stems = folder, bilingual(folder), {}


def _translations(word: str, book: Bilingual) -> list[str]:
    """First one-word English translations of a German word: direct, else through its
    dictionary lemmas, else through keys of the same German stem."""
    found = list(book.candidates(word, "de", "en"))
    if not found:
        for lemma in book.lemmas(word, "de"):
            found.extend(book.candidates(lemma, "de", "en"))
    if not found:
        for key in book.stem_keys(_stemmer("de").stemWord(word), "de")[:3]:
            found.extend(book.candidates(key, "de", "en"))
    found.sort(key=lambda c: (c.rank, c.position))
    out: list[str] = []
    for candidate in found:
        text = candidate.text.lower()
        if " " not in text and text not in out:
            out.append(text)
            if len(out) == TRANSLATIONS:
                break
    return out


def _stems_of(word: str, language: str) -> tuple[str, ...]:
    """The English stems of one lowercase word (empty for a very common word)."""
    key = (word, language)
    found = _State.stems.get(key)
    if found is not None:
        return found
    english = _stemmer("en")
    if word in common_words(language):
        stems: tuple[str, ...] = ()
    elif language == "de":
        book = _State.book
        words = [word] + (_translations(word, book) if book is not None else [])
        stems = tuple(dict.fromkeys(english.stemWord(w) for w in words))
    else:
        stems = (english.stemWord(word),)
    if len(_State.stems) >= _CACHE_LIMIT:
        _State.stems.clear()
    _State.stems[key] = stems
    return stems


def link_words(text: str, language: str | None) -> LinkWords:
    """The English stems of the content words of ``text`` (English or German; none
    for a text in another language)."""
    if language not in ("en", "de"):
        return LinkWords(frozenset(), 0)
    _use_dictionary()
    words = set(_WORD.findall(text.lower()))
    stems: set[str] = set()
    counted = 0
    for word in words:
        found = _stems_of(word, language)
        if found:
            counted += 1
            stems.update(found)
    return LinkWords(frozenset(stems), counted)
