"""The bilingual analysis chain: how release text becomes index terms.

English and German text go into separate Whoosh fields, each with its own chain,
and a query is analysed by every field's own chain, so a query word meets the
index through the same normalisation it was indexed with.  Whoosh pickles the
schema (analyzers included) into the index, therefore every tokenizer and filter
here is a small module-level class holding only plain settings; stemmers, caches
and the compound lexicon live in module-level state that is rebuilt lazily.

Umlauts: the German chain's fold step removes foreign diacritics only and leaves
ä/ö/ü/ß and ae/oe/ue to Snowball German (current algorithm), which maps umlauts to
plain vowels itself and reads every ae/oe/ue (except after q and in vowel-u-vowel)
as an umlaut, so München, Muenchen and Munchen all stem to "munch".  That keeps
index terms exactly Snowball's (100 % on its gold vocabulary), accepts Snowball's
own rare conflations (poet/pot), and means no lexicon is loaded at query time.
A lexicon-based respelling of ae/oe/ue was measured and not taken (see
``scripts/accuracy_analysis.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import Stemmer
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, Token, Tokenizer
from whoosh.lang.stopwords import stoplists

from releasesearch.compounds import compound_spans

__all__ = [
    "ENGLISH_STOP_WORDS",
    "GERMAN_STOP_WORDS",
    "DecompoundFilter",
    "FoldFilter",
    "IndexAnalyzer",
    "SnowballFilter",
    "StopWordFilter",
    "WordTokenizer",
    "analyzer_for",
    "english_analyzer",
    "fold_accents",
    "german_analyzer",
    "index_tokens",
    "neutral_analyzer",
    "stem",
    "stop_words",
]

# Snowball's stop lists (BSD, via whoosh.lang); "dass" is the post-1996 spelling of "daß".
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(stoplists["en"])
GERMAN_STOP_WORDS: frozenset[str] = frozenset(stoplists["de"]) | {"dass"}
_STOP_WORDS = {"en": ENGLISH_STOP_WORDS, "de": GERMAN_STOP_WORDS}
_SNOWBALL_NAMES = {"en": "english", "de": "german"}

# Words and numbers: "2.22", "4,2" and "1.000.000" stay one token (separator only
# between digits), short ampersand acronyms ("R&D", "AT&T") stay one token, and a
# hyphen always splits ("Sino-German" -> "sino", "german").
_WORD_RE = re.compile(
    r"(?<![^\W_])[^\W\d_]{1,3}&[^\W\d_]{1,3}(?![^\W_])"
    r"|[^\W_]+(?:[.,](?<=\d[.,])(?=\d)[^\W_]+)*"
)

# Per-process caches: bounded so a long indexing run cannot grow them forever.
_CACHE_LIMIT = 400_000
_stem_caches: dict[str, dict[str, str]] = {"en": {}, "de": {}}


def stop_words(language: str) -> frozenset[str]:
    """The stop list of ``language`` ("en" or "de"); empty for other languages."""
    return _STOP_WORDS.get(language, frozenset())


@cache
def _stemmer(language: str) -> Any:
    """One PyStemmer object per language and process (they do not pickle)."""
    return Stemmer.Stemmer(_SNOWBALL_NAMES[language])


def stem(word: str, language: str) -> str:
    """The Snowball stem of one lowercase word (``language`` "en" or "de").

    Exactly Snowball (current algorithms, via PyStemmer); unknown languages get
    the word back unchanged so callers need no special case.
    """
    cache = _stem_caches.get(language)
    if cache is None:
        return word
    result = cache.get(word)
    if result is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        result = cache[word] = _stemmer(language).stemWord(word)
    return result


# Characters NFKD does not decompose; umlauts and ß are listed so they fold alike everywhere.
_FOLD_TABLE = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ä": "a",
        "ö": "o",
        "ü": "u",
    }
)
_GERMAN_LETTERS = frozenset("äöüß")
_fold_cache: dict[str, str] = {}


def fold_accents(word: str) -> str:
    """Lowercase text without diacritics: umlauts lose their dots, ß -> ss, é -> e."""
    result = _fold_cache.get(word)
    if result is None:
        if len(_fold_cache) >= _CACHE_LIMIT:
            _fold_cache.clear()
        decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_TABLE))
        result = "".join(c for c in decomposed if not unicodedata.combining(c))
        _fold_cache[word] = result
    return result


def _fold_foreign(word: str) -> str:
    """Accent folding that leaves German letters alone (for the Snowball German stemmer)."""
    if _GERMAN_LETTERS.isdisjoint(word):
        return fold_accents(word)
    return "".join(c if c in _GERMAN_LETTERS else fold_accents(c) for c in word)


class WordTokenizer(Tokenizer):
    """Words and numbers; keeps decimal numbers and ampersand acronyms whole."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from _whole_value(t, value, start_pos, start_char)
            return
        pos = start_pos
        for match in _WORD_RE.finditer(value):
            t.text = match.group()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


def _whole_value(t: Token, value: str, start_pos: int, start_char: int) -> Iterator[Token]:
    """The untokenised value as one token (Whoosh asks for this with tokenize=False)."""
    t.text = t.original = value
    t.boost = 1.0
    if t.positions:
        t.pos = start_pos
    if t.chars:
        t.startchar = start_char
        t.endchar = start_char + len(value)
    yield t


class StopWordFilter(Filter):
    """Drops stop words and lone letters but keeps every number ("5", "2024").

    Positions are not renumbered: a removed stop word leaves a gap, so phrase
    queries (whose stop words are removed the same way) still line up.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        stops = stop_words(self.language)
        for t in tokens:
            text = t.text
            if text in stops or (len(text) < 2 and not text.isdigit()):
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            yield t


class DecompoundFilter(Filter):
    """At index time, adds the parts of German compounds after the whole word.

    Parts share the compound's position (so phrases over the compound still work)
    and, with ``chars``, carry the part's own span so highlighting marks
    "partnerschaft" inside "Städtepartnerschaft".  Queries are never split: a
    query for the whole compound should match the compound, and a query for a
    part matches the indexed part.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.mode != "index" or t.stopped:
                yield t
                continue
            text = t.text
            spans = compound_spans(text) if len(text) >= 6 else ()
            if not spans:
                yield t
                continue
            chars = t.chars
            start = t.startchar if chars else 0
            end = t.endchar if chars else 0
            exact = chars and end - start == len(text)
            yield t
            for part, offset in spans:
                t.text = part
                t.stopped = False
                if exact:
                    t.startchar = start + offset
                    t.endchar = start + offset + len(part)
                yield t
            if chars:
                t.startchar, t.endchar = start, end


class FoldFilter(Filter):
    """Folds diacritics out of each token so "café" and "cafe" meet.

    With ``german`` the umlauts and ß are left for the Snowball German stemmer that
    follows: it maps them itself, and pre-folding would change its result (e.g.
    "europäern" -> "europaern", which Snowball reads as "europärn").
    """

    def __init__(self, german: bool = False) -> None:
        self.german = german

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        fold_word = _fold_foreign if self.german else fold_accents
        for t in tokens:
            text = t.text
            if not text.isascii():
                t.text = fold_word(text)
            yield t


class SnowballFilter(Filter):
    """Snowball stemming (PyStemmer, C speed) behind a per-process word cache."""

    is_morph = True

    def __init__(self, language: str) -> None:
        if language not in _SNOWBALL_NAMES:
            raise ValueError(f"no Snowball stemmer configured for {language!r}")
        self.language = language

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        language = self.language
        cache = _stem_caches[language]
        for t in tokens:
            text = t.text
            result = cache.get(text)
            t.text = result if result is not None else stem(text, language)
            yield t


def english_analyzer() -> Analyzer:
    """Tokenise, lowercase, drop English stop words, fold accents, Snowball English."""
    return (
        WordTokenizer()
        | LowercaseFilter()
        | StopWordFilter("en")
        | FoldFilter()
        | SnowballFilter("en")
    )


def german_analyzer() -> Analyzer:
    """Tokenise, lowercase, drop stop words, split compounds (index only), fold, stem."""
    return (
        WordTokenizer()
        | LowercaseFilter()
        | StopWordFilter("de")
        | DecompoundFilter()
        | FoldFilter(german=True)
        | SnowballFilter("de")
    )


def neutral_analyzer() -> Analyzer:
    """For other languages: no stop words or stemming we could trust, only folding."""
    return WordTokenizer() | LowercaseFilter() | StopWordFilter("") | FoldFilter()


def analyzer_for(language: str | None) -> Analyzer:
    """The chain for a release language code ("en", "de"; anything else is neutral)."""
    if language == "en":
        return english_analyzer()
    if language == "de":
        return german_analyzer()
    return neutral_analyzer()


# What one word form becomes at index time: (term, start, end) relative to the word.
WordTerms = tuple[tuple[str, int, int], ...]
_word_caches: dict[str, dict[str, WordTerms]] = {}


@cache
def _chain(language: str) -> Any:
    """The composed chain of ``language`` ("en", "de" or "xx"), built once per process."""
    return analyzer_for(None if language == "xx" else language)


def _analyse_word(word: str, language: str) -> WordTerms:
    """One word form through the chain's filters (the tokenizer already found it).

    Every filter of the chain acts on one token at a time, so a word's terms do
    not depend on its neighbours: computed once, they hold for every occurrence.
    """
    token = Token(positions=True, chars=True, removestops=True, mode="index")
    token.text, token.pos, token.startchar, token.endchar, token.boost = word, 0, 0, len(word), 1.0
    stream: Iterator[Token] = iter((token,))
    for step in _chain(language).items[1:]:
        stream = step(stream)
    return tuple((t.text, t.startchar, t.endchar) for t in stream)


def _analyse_cached(cache: dict[str, Any], word: str, language: str) -> Any:
    """A word form analysed and remembered (the cache is emptied when it is full)."""
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    found = cache[word] = _analyse_word(word, language)
    return found


def index_tokens(text: str, language: str) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, startchar, endchar) of ``text`` as the chain indexes it.

    The same tokens, in the same order, as the chain of ``language`` ("en", "de",
    "xx") gives in index mode with positions and characters, but each distinct
    word form is analysed once per process: word forms repeat heavily across
    releases, and the generator chain costs microseconds per token and filter.
    """
    cache = _word_caches.setdefault(language, {})
    for pos, match in enumerate(_WORD_RE.finditer(text)):
        word = match.group()
        found = cache.get(word)
        if found is None:
            found = _analyse_cached(cache, word, language)
        if found:
            start = match.start()
            for term, begin, end in found:
                yield term, pos, start + begin, start + end


Occurrence = tuple[int, int, int]  # position, startchar, endchar


def index_occurrences(text: str, language: str) -> dict[str, list[Occurrence]]:
    """Each term of ``text`` with its occurrences, terms in order of first appearance.

    :func:`index_tokens` grouped by term (what a posting is made of), without a
    generator step and a tuple per token: the indexer's workers call this for
    every body, where it is most of the analysis once word forms are cached.
    """
    cache = _word_caches.setdefault(language, {})
    out: dict[str, list[Occurrence]] = {}
    found_in = out.get
    for pos, match in enumerate(_WORD_RE.finditer(text)):
        word = match.group()
        found = cache.get(word)
        if found is None:
            found = _analyse_cached(cache, word, language)
        start = match.start()
        for term, begin, end in found:
            occurrences = found_in(term)
            if occurrences is None:
                out[term] = [(pos, start + begin, start + end)]
            else:
                occurrences.append((pos, start + begin, start + end))
    return out


class IndexAnalyzer(Analyzer):
    """A language's chain, with index-mode analysis through :func:`index_tokens`.

    Queries, and index calls that ask for stop words or untokenised values, go
    through the composed chain itself; only the plain index call takes the
    cached path, with the same tokens. The schema pickles this object: it holds
    the language code only, and its chain and caches are rebuilt per process.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.language == getattr(other, "language", None)

    def __hash__(self) -> int:
        return hash((type(self), self.language))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        mode: str = "",
        removestops: bool = True,
        tokenize: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        **kwargs: Any,
    ) -> Iterator[Token]:
        if mode != "index" or not removestops or not tokenize or start_pos or start_char:
            chained: Iterator[Token] = _chain(self.language)(
                value,
                positions=positions,
                chars=chars,
                mode=mode,
                removestops=removestops,
                tokenize=tokenize,
                start_pos=start_pos,
                start_char=start_char,
                **kwargs,
            )
            return chained
        return _indexed(value, self.language, positions, chars, kwargs)


def _indexed(
    value: str, language: str, positions: bool, chars: bool, kwargs: dict[str, Any]
) -> Iterator[Token]:
    t = Token(positions, chars, removestops=True, mode="index", **kwargs)
    t.boost, t.stopped = 1.0, False
    for term, pos, start, end in index_tokens(value, language):
        t.text = term
        if positions:
            t.pos = pos
        if chars:
            t.startchar, t.endchar = start, end
        yield t
