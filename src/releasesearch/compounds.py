"""German decompounding, so a search for "Partnerschaft" finds "Städtepartnerschaft".

German writes compounds as one word; without splitting them the index holds
"städtepartnerschaft" as a single opaque term.  The splitter is a unigram model
over the wordfreq German lexicon (about 630,000 word forms with frequencies):
a segmentation scores the sum over its parts of ``zipf(part) - PART_COST``, the
unsplit word scores ``zipf(word) - PART_COST``, and the best-scoring reading
wins.  Since zipf is log10 frequency per billion words, this compares
``p(part1) * p(part2) * bonus`` with ``p(word)``: a frequent word is only split
when its parts are far more frequent than the whole ("Partnerschaft" stays,
"Städtepartnerschaft" splits).  Modifiers may carry a linking element
(Arbeit-s-amt, Sonne-n-schein) or drop a final -e/-en (Schul-bus, Fahr-rad);
parts that are really prefixes, particles or derivational suffixes (ver-, auf-,
-ung, -schaft) are never parts.

Parts are not mapped to lemmas: they keep their linking element and plural form
("städte", "arbeits", "sonnen"), and Snowball German stems those onto the lemma's
stem ("stadt", "arbeit", "sonn"), so a query for "Stadt" finds
"Städtepartnerschaft".  Where Snowball does not (gänse -> "gans", gans -> "gan"),
the modifier lemma does not find the compound.

Measured with ``scripts/accuracy_analysis.py`` (GermaNet gold, 2,000-word samples,
parameters tuned on a different sample): 94.8 % exact splits, 4.5 % false splits
of simplex words, a query for the modifier lemma finds the compound in 93.7 %.

The lexicon is loaded lazily, once per process, never at import time (wordfreq
itself is imported only to build it), and never pickled with an analyzer; built
once, it is kept in the user's cache folder (:mod:`releasesearch.cache`).
"""

from __future__ import annotations

import math
import sys
from functools import lru_cache
from importlib.metadata import version

from whoosh.lang.stopwords import stoplists

from releasesearch.cache import marshalled

__all__ = ["PART_COST", "compound_spans", "decompound", "lexicon", "zipf"]

PART_COST = 4.0
MIN_PART = 3
MIN_ZIPF = 1.5
MIN_ZIPF_SHORT = 3.0  # three-letter parts are often noise ("ate", "ter"), so they must be common
SHORT_COST = 1.5  # extra cost of a three-letter part: many are noise ("est", "raf", "del")
_VOWELS = frozenset("aeiouyäöü")
LINK_COST = 0.3
DROP_COST = 1.0
BARE_COST = 2.0  # a modifier in -ung, -heit, -schaft... without its obligatory -s-
_TAKES_S = ("ung", "heit", "keit", "schaft", "tion", "tät", "ling", "tum", "sicht")
MIN_WORD = 2 * MIN_PART

# Linking elements between modifier and head, longest first.
_LINKS = ("ens", "es", "en", "er", "s", "n", "e")
# Modifiers written without their final -e or -en (Schul-bus, Fahr-rad).
_DROPPED = ("e", "en")

# Prefixes, particles and function words: "Vertrag", "Aufbau", "Unterricht" are
# derivations, not compounds of "ver"/"auf"/"unter".
_NOT_MODIFIERS = (
    frozenset(
        """ab an auf aus bei be da dar durch ein ent er ge gegen her hin hinter los mit miss
    nach neben ob um un unter ur ver vor wider wieder zer zu zur zum zurück zusammen
    über dem den der des die das ein eine einer eines einem einen und oder als wie
    ich sie wir ihr ihre sein seine mein nicht auch noch nur schon sich man von vom
    beim ins ans für ohne bis doch ist sind war hat haben wird werden nie her hin
    wer wen wem ach anti inter""".split()
    )
    | (stoplists["de"] - {"selbst", "weg", "viel", "weiter"})
    | stoplists["en"]
)
# Derivational and inflectional endings: "-ung", "-schaft", "-lich" make words, not compounds.
_NOT_HEADS = (
    frozenset(
        """ung ungen heit heiten keit keiten schaft schaften lich liche lichen licher liches
    lichem isch ische ischen ischer isches bar bare baren barer bares los lose losen
    loser sam same samen samer tum tümer nis nisse nissen chen lein ling linge lingen
    haft hafte haften ier iere ieren iert ierte ierten ation ationen ismus isten ität
    itäten ent ente enten enz enzen ant anten ator atoren eur eure euren erei ereien
    ige igen iger iges innen ern ens end ende enden ender endes ung
    der die das den dem des ein eine einer eines einem einen und oder sich sie ist
    ten tet tete test ste sten ster stes samt ler lers erin erinnen rei ing ner ter tel lung rung
    nisch sche schen""".split()
    )
    | (stoplists["de"] - {"weg"})
    | stoplists["en"]
)

_CACHE_LIMIT = 400_000
_part_cache: dict[tuple[str, bool], float | None] = {}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Alphabetic wordfreq German forms -> zipf frequency; loaded once, on first use."""
    key = f"{version('wordfreq')}-py{sys.version_info[0]}.{sys.version_info[1]}"
    loaded: dict[str, float] = marshalled(f"lexicon-de-{key}.marshal", _build_lexicon)
    return loaded


def _build_lexicon() -> dict[str, float]:
    import wordfreq  # 0.4 s of imports, paid only when the cache must be built

    return {
        word: math.log10(freq) + 9.0
        for word, freq in wordfreq.get_frequency_dict("de").items()
        if word.isalpha()
    }


def zipf(word: str) -> float:
    """Zipf frequency of a lowercase German word form; 0.0 if unknown.

    wordfreq spells ß as ss, so ß is mapped before the lookup.
    """
    return lexicon().get(word.replace("ß", "ss") if "ß" in word else word, 0.0)


def _lexical(form: str, is_head: bool) -> float | None:
    """Zipf of ``form`` as a word that may stand in a compound, or None."""
    if len(form) < MIN_PART or form in (_NOT_HEADS if is_head else _NOT_MODIFIERS):
        return None
    value = lexicon().get(form.replace("ß", "ss") if "ß" in form else form)
    if value is None or _VOWELS.isdisjoint(form):
        return None
    if len(form) == MIN_PART:
        return value - SHORT_COST if value >= MIN_ZIPF_SHORT else None
    return value if value >= MIN_ZIPF else None


def _part_score(segment: str, is_head: bool) -> float | None:
    """How plausible ``segment`` is as one part (log frequency), or None if it is none."""
    key = (segment, is_head)
    if key in _part_cache:
        return _part_cache[key]
    best = _lexical(segment, is_head)
    if best is not None and not is_head and segment.endswith(_TAKES_S):
        best -= BARE_COST
    if not is_head and segment not in _NOT_MODIFIERS:
        best = _best(best, _modifier_variants(segment))
    if len(_part_cache) >= _CACHE_LIMIT:
        _part_cache.clear()
    _part_cache[key] = best
    return best


def _modifier_variants(segment: str) -> float | None:
    """A modifier read with a linking element removed or a dropped -e/-en restored."""
    best: float | None = None
    for link in _LINKS:
        if segment.endswith(link):
            value = _lexical(segment[: -len(link)], False)
            if value is not None:
                best = _best(best, value - LINK_COST)
    for ending in _DROPPED:
        value = _lexical(segment + ending, False)
        if value is not None:
            best = _best(best, value - DROP_COST)
    return best


def _best(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _segment(word: str) -> tuple[str, ...]:
    """The best reading of ``word`` as modifiers + head (dynamic programming over cuts)."""
    n = len(word)
    # prefix[i] = (score, previous cut) of the best way to read word[:i] as modifiers
    prefix: list[tuple[float, int] | None] = [None] * (n + 1)
    prefix[0] = (0.0, -1)
    for end in range(MIN_PART, n - MIN_PART + 1):
        for start in range(0, end - MIN_PART + 1):
            before = prefix[start]
            if before is None:
                continue
            value = _part_score(word[start:end], False)
            if value is None:
                continue
            score = before[0] + value - PART_COST
            current = prefix[end]
            if current is None or score > current[0]:
                prefix[end] = (score, start)
    best_score = zipf(word) - PART_COST
    best_cut = -1
    for cut in range(MIN_PART, n - MIN_PART + 1):
        before = prefix[cut]
        if before is None:
            continue
        value = _part_score(word[cut:], True)
        if value is not None and before[0] + value - PART_COST > best_score:
            best_score, best_cut = before[0] + value - PART_COST, cut
    if best_cut < 0:
        return ()
    return _unwind(word, prefix, best_cut)


def _unwind(word: str, prefix: list[tuple[float, int] | None], cut: int) -> tuple[str, ...]:
    parts = [word[cut:]]
    end = cut
    while end > 0:
        entry = prefix[end]
        assert entry is not None
        parts.append(word[entry[1] : end])
        end = entry[1]
    return tuple(reversed(parts))


@lru_cache(maxsize=500_000)
def decompound(word: str) -> tuple[str, ...]:
    """The parts of a German compound, lowercase and in original spelling, else ``()``.

    Parts keep their linking element ("arbeits", "amt") so they are substrings of the
    word; the Snowball stemmer later maps "arbeits" and "städte" onto "arbeit" and
    "stadt".  The split goes down to the smallest parts ("glas", "faser", "netz",
    "betreiber"); :func:`compound_spans` adds the known groups ("glasfaser").
    """
    lowered = word.lower()
    if len(lowered) < MIN_WORD or not lowered.isalpha():
        return ()
    return _segment(lowered)


@lru_cache(maxsize=500_000)
def compound_spans(word: str) -> tuple[tuple[str, int], ...]:
    """Index terms for a compound's parts: (text, offset in ``word``), in reading order.

    Besides the smallest parts, every run of adjacent parts that is itself a known
    word ("glasfaser", "netzbetreiber" in "glasfasernetzbetreiber") is included, so a
    query for an inner compound finds the outer one.
    """
    parts = decompound(word)
    if not parts:
        return ()
    lowered = word.lower()
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    spans: list[tuple[str, int]] = []
    for i in range(len(parts)):
        spans.append((parts[i], offsets[i]))
        for j in range(i + 2, len(parts) + 1):
            if i == 0 and j == len(parts):
                continue
            group = lowered[offsets[i] : offsets[j]]
            if _part_score(group, j == len(parts)) is not None:
                spans.append((group, offsets[i]))
    return tuple(spans)
