"""Query translation: each typed word -> weighted synonym sets in the other language.

Structured translation, one set per word (Pirkola 1998; weights as in Darwish &
Oard's probabilistic structured queries):

1. The query's language is read from its words (stop words, umlauts, which
   dictionary knows each word); a query of only names needs no translation.
2. A word is looked up by its exact key, then through the dictionary's own
   lemmas (hieß -> heißen, went -> go), then through the Snowball stems of its
   headwords (Partnerschaften -> Partnerschaft).  A German word the dictionary
   lacks is split into dictionary headwords (Apothekentechniker -> Apotheke +
   Techniker, Außenstromversorgung -> außen + Stromversorgung) and each part is
   translated.  Two or three adjacent words that are a dictionary phrase
   (power supply -> Stromversorgung) are translated as the phrase too.
3. Each translation is weighted by what the dictionary says about it (its
   entry's place, its place in the line, a specialist domain label, whether the
   reverse dictionary translates it back) and how common it is in the target
   language, so Fluss -> "river" outweighs the dictionary's first "outflow".
   Irregular forms of a translation are added with it (lead -> led, gehen -> ging).
4. The typed word stays in its own set (names, numbers, loan words).

The weights (:class:`Weights`) are tuned on the cross-language questions of
``eval/crosslang`` with ``scripts/eval_crosslang.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from releasesearch.analysis import ENGLISH_STOP_WORDS, GERMAN_STOP_WORDS, stem
from releasesearch.vocab.dictd import lookup_key
from releasesearch.vocab.dictionary import Bilingual, Candidate

__all__ = ["OTHER", "Translation", "Weights", "WordSets", "detect_language", "translate_words"]

OTHER = {"en": "de", "de": "en"}
_EN_ONLY = ENGLISH_STOP_WORDS - GERMAN_STOP_WORDS
_DE_ONLY = GERMAN_STOP_WORDS - ENGLISH_STOP_WORDS
_LINKS = ("", "s", "n", "en", "e", "es", "er")  # linking elements a modifier may carry


@dataclass(frozen=True, slots=True)
class Weights:
    """The translation model's parameters (see the module docstring)."""

    rank: float = 0.25  # per place of the entry among the key's entries
    position: float = 0.3  # per place of the translation in its line
    labelled: float = 0.5  # a specialist sense ([phys.], [bot.])
    back: float = 2.0  # the reverse dictionary translates it back to the word
    frequency: float = 2.0  # exponent of (1 + zipf) of the translation
    lemma: float = 0.8  # found through a lemma of the typed form
    stemmed: float = 0.5  # found through a stem
    top: int = 8  # translations kept per word
    floor: float = 0.03  # translations below this share are dropped
    keep: float = 1.0  # weight of the typed word among its translations
    phrase: float = 1.0  # weight of a phrase translation beside its words'


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Translation:
    """One target-language word or phrase with its share of the typed word's weight."""

    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class WordSets:
    """What one typed word becomes in the other language: one set, or one per part."""

    word: str
    sets: tuple[tuple[Translation, ...], ...]
    phrases: tuple[tuple[Translation, ...], ...] = field(default=())
    stop: bool = False  # a stop word of the query's language: not searched in the other one

    @property
    def translated(self) -> bool:
        own = any(len(s) > 1 or s[0].text.lower() != self.word.lower() for s in self.sets)
        return own or bool(self.phrases) or self.stop


def detect_language(words: Sequence[str], book: Bilingual) -> str | None:
    """ "en", "de" or None: the language the query's words are most likely in."""
    score = {"en": 0.0, "de": 0.0}
    for word in words:
        lower = word.lower()
        if lower in _EN_ONLY:
            score["en"] += 2
        if lower in _DE_ONLY:
            score["de"] += 2
        if any(c in "äöüß" for c in lower):
            score["de"] += 2
        key = lookup_key(word)
        for lang in ("en", "de"):
            if book.candidates(key, lang, OTHER[lang]):
                score[lang] += 1
    if score["en"] == score["de"]:
        return None
    return "en" if score["en"] > score["de"] else "de"


def _score(c: Candidate, w: Weights) -> float:
    value = math.exp(-w.rank * c.rank - w.position * c.position)
    if c.labelled:
        value *= w.labelled
    if c.back:
        value *= w.back
    return float(value * (1.0 + c.zipf) ** w.frequency)


def _lookup(book: Bilingual, key: str, source: str, w: Weights) -> dict[str, float]:
    """Translation -> score for one key: direct, through lemmas, else through stems."""
    target = OTHER[source]
    found: dict[str, float] = {}

    def add(candidates: Sequence[Candidate], factor: float) -> None:
        for c in candidates:
            found[c.text] = max(found.get(c.text, 0.0), factor * _score(c, w))

    add(book.candidates(key, source, target), 1.0)
    for lemma in book.lemmas(key, source):
        add(book.candidates(lemma, source, target), w.lemma)
    if not found and key.isalpha():
        for other in book.stem_keys(stem(key, source), source)[:5]:
            add(book.candidates(other, source, target), w.stemmed)
    return found


def _with_forms(book: Bilingual, scores: dict[str, float], target: str) -> dict[str, float]:
    out = dict(scores)
    for text, value in scores.items():
        for form in book.forms(lookup_key(text), target):
            out[form] = max(out.get(form, 0.0), value)
    return out


def _normalise(scores: dict[str, float], w: Weights) -> tuple[Translation, ...]:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[: w.top]
    total = sum(v for _, v in best) or 1.0
    return tuple(Translation(t, v / total) for t, v in best if v / total >= w.floor)


def _split_compound(book: Bilingual, key: str) -> tuple[str, ...]:
    """A German word as dictionary headwords (modifier(s) + head), longest head first."""
    for cut in range(3, len(key) - 2):
        head = key[cut:]
        if not book.candidates(head, "de", "en"):
            continue
        modifier = key[:cut]
        for link in _LINKS:
            if link and not modifier.endswith(link):
                continue
            base = modifier[: len(modifier) - len(link)] if link else modifier
            if len(base) >= 3 and book.candidates(base, "de", "en"):
                return (base, head)
        if len(modifier) >= 6:
            inner = _split_compound(book, modifier)
            if inner:
                return (*inner, head)
    return ()


_STOP = {"en": ENGLISH_STOP_WORDS, "de": GERMAN_STOP_WORDS}


def _word_sets(book: Bilingual, word: str, source: str, w: Weights) -> WordSets:
    key = lookup_key(word)
    target = OTHER[source]
    keep = Translation(word, w.keep)
    if key in _STOP[source]:
        return WordSets(word, ((keep,),), stop=True)
    if key.isdigit():
        return WordSets(word, ((keep,),))
    scores = _lookup(book, key, source, w)
    if scores:
        return WordSets(word, ((keep, *_scaled(book, scores, target, w)),))
    if source == "de" and key.isalpha() and len(key) >= 7:
        parts = _split_compound(book, key)
        sets = []
        for part in parts:
            found = _lookup(book, part, source, w)
            if found:
                sets.append(_scaled(book, found, target, w))
        if sets:
            return WordSets(word, ((keep,), *sets))
    return WordSets(word, ((keep,),))


def _scaled(
    book: Bilingual, scores: dict[str, float], target: str, w: Weights
) -> tuple[Translation, ...]:
    return _normalise(_with_forms(book, scores, target), w)


def _phrases(
    book: Bilingual, words: Sequence[str], source: str, w: Weights
) -> dict[int, list[tuple[Translation, ...]]]:
    """First word's index -> translations of the dictionary phrases (2-3 words) it starts."""
    out: dict[int, list[tuple[Translation, ...]]] = {}
    target = OTHER[source]
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            key = lookup_key(" ".join(words[start : start + size]))
            found = {c.text: _score(c, w) for c in book.candidates(key, source, target)}
            if not found:
                continue
            translations = tuple(
                Translation(t.text, t.weight * w.phrase) for t in _scaled(book, found, target, w)
            )
            out.setdefault(start, []).append(translations)  # once: the phrase is one unit
    return out


def translate_words(
    words: Sequence[str],
    source: str,
    book: Bilingual,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[WordSets, ...]:
    """The synonym sets of each typed word translated from ``source`` into the other language."""
    phrases = _phrases(book, words, source, weights)
    out = []
    for i, word in enumerate(words):
        sets = _word_sets(book, word, source, weights)
        out.append(WordSets(sets.word, sets.sets, tuple(phrases.get(i, ())), sets.stop))
    return tuple(out)
