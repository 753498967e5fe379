"""Which sectors a release is about, from its metadata or from what it says it is about.

Explicit metadata wins (a front-matter ``sector``, a CSV column, HTML keywords).
Otherwise each sector is scored from weighted cue terms (``data/sector_cues.json``):
a cue counts by its weight, a repeated cue only logarithmically, and where it
stands multiplies it: the title and the lead paragraph say what the release is
about, the issuer's "About …" paragraph what the company does; the rest of the
body counts once. German compounds are split before matching, so
"Wohnimmobilienmarkt" hits ``immobilien``. A release gets its best sector when
that one is clearly there, and up to two more that come close to it; a release
that is about none of them gets none, since an empty facet value misleads less
than a wrong one. Measured against the gold set in ``eval/sectors/`` by
``scripts/accuracy_sectors.py``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from releasesearch.compounds import decompound
from releasesearch.vocab.sectors import MAX_SECTORS, resolve_sector

TITLE = 3.0  # field weights: where a cue stands says how central it is
LEAD = 2.0
ABOUT = 2.0
BODY = 1.0
LEAD_CHARS = 400
ABOUT_CHARS = 600
MIN_MAIN = 6.0  # the best sector must reach this score, or the release gets none
MIN_OTHER = 6.0  # a further sector must reach this ...
RELATIVE = 0.5  # ... and this share of the best one
MIN_SPLIT = 9  # German words at least this long are split into their parts

Hit = tuple[str, str, float]  # (sector id, cue, weight)


@dataclass(frozen=True, slots=True)
class _Cues:
    """Every sector's cues in lookup tables, so a text is tokenised and scanned once."""

    words: dict[str, tuple[Hit, ...]]  # whole words
    prefixes: dict[str, tuple[Hit, ...]]  # word-start prefixes; () blocks ("investig")
    longest: int
    # phrases by their first word: (the other words, last one a prefix?, hits);
    # an ignored phrase ("newsworthy.ai") has no hits and silences its words
    phrases: dict[str, tuple[tuple[tuple[str, ...], bool, tuple[Hit, ...]], ...]]


_WORD = re.compile(r"[^\W_]+")


def _load() -> _Cues:
    raw = resources.files("releasesearch.enrich").joinpath("data").joinpath("sector_cues.json")
    data = json.loads(raw.read_text("utf-8"))
    words: dict[str, list[Hit]] = {}
    prefixes: dict[str, list[Hit]] = {b: [] for b in data["blockers"]}
    ignored = [tuple(_WORD.findall(p)) for p in data["ignore"]]
    words.update({p[0]: [] for p in ignored if len(p) == 1})
    phrases: dict[tuple[tuple[str, ...], bool], list[Hit]] = {
        (p, True): [] for p in ignored if len(p) > 1
    }
    for sid, by_weight in data["sectors"].items():
        for weight, cues in by_weight.items():
            for cue in (c.strip() for c in cues.split(",")):
                term = cue.lstrip("=")
                hit = (sid, term, float(weight))
                parts = tuple(_WORD.findall(term))
                if len(parts) > 1:
                    phrases.setdefault((parts, not cue.startswith("=")), []).append(hit)
                else:
                    (words if cue.startswith("=") else prefixes).setdefault(term, []).append(hit)
    by_first: dict[str, list[tuple[tuple[str, ...], bool, tuple[Hit, ...]]]] = {}
    for (parts, prefix), hits in sorted(phrases.items(), key=lambda kv: -len(kv[0][0])):
        by_first.setdefault(parts[0], []).append((parts[1:], prefix, tuple(hits)))
    return _Cues(
        {w: tuple(h) for w, h in words.items()},
        {p: tuple(h) for p, h in prefixes.items()},
        max(map(len, prefixes)),
        {w: tuple(p) for w, p in by_first.items()},
    )


_CUES = _load()


@lru_cache(maxsize=200_000)
def _word_hits(word: str) -> tuple[Hit, ...]:
    """The cues one word hits: the whole word, else its longest cue prefix.

    Cached: an archive repeats its vocabulary, so most words are looked up once.
    """
    if word in _CUES.words:
        return _CUES.words[word]
    for size in range(min(len(word), _CUES.longest), 2, -1):
        hits = _CUES.prefixes.get(word[:size])
        if hits is not None:
            return hits
    return ()


@lru_cache(maxsize=200_000)
def _german_hits(word: str) -> tuple[Hit, ...]:
    """A German word's cues, or, when it hits none itself, those of its compound parts.

    Splitting every long word costs more than classifying the rest of the release, so
    a word is split only when it ends in a whole-word cue ("Batterierecycling"), and
    then all its parts count ("Wohnimmobilienmarkt" -> immobilien, markt).
    """
    hits = _word_hits(word)
    if hits or len(word) < MIN_SPLIT:
        return hits
    tail = next((word[j:] for j in range(3, len(word) - 3) if word[j:] in _CUES.words), "")
    if not tail:
        return ()
    parts = decompound(word)
    if not parts or not any("".join(parts[k:]) == tail for k in range(1, len(parts))):
        return ()  # "Beispiel" is no compound of "spiel"
    return tuple(h for part in parts for h in _word_hits(part))


def _phrase_at(words: list[str], i: int) -> tuple[int, tuple[Hit, ...]] | None:
    """The longest phrase starting at word ``i``: how many words it spans, and its hits."""
    for rest, prefix, hits in _CUES.phrases[words[i]]:
        end = i + 1 + len(rest)
        if end > len(words) or tuple(words[i + 1 : end - 1]) != rest[:-1]:
            continue
        last = words[end - 1]
        if last == rest[-1] or (prefix and last.startswith(rest[-1])):
            return len(rest) + 1, hits
    return None


def _cue_counts(text: str, german: bool) -> Counter[Hit]:
    """How often each cue occurs; phrases first, their words then no longer count alone.

    Counted over distinct words (a release repeats most of its words), so the Python
    loop runs a few hundred times, not once per word.
    """
    words = _WORD.findall(text)
    tf = Counter(words)
    counts: Counter[Hit] = Counter()
    if not _CUES.phrases.keys().isdisjoint(tf):
        free = 0  # phrases do not overlap: the next may start where the last one ended
        for i in [i for i, word in enumerate(words) if word in _CUES.phrases]:
            phrase = _phrase_at(words, i) if i >= free else None
            if phrase is not None:
                span, hits = phrase
                counts.update(hits)
                tf.subtract(words[i : i + span])
                free = i + span
    lookup = _german_hits if german else _word_hits
    for word, n in tf.items():
        if n > 0:
            for hit in lookup(word):
                counts[hit] += n
    return counts


def _field_scores(text: str, german: bool) -> dict[str, float]:
    """Per sector: each cue's weight, a repeated cue counting logarithmically."""
    scores: dict[str, float] = {}
    for (sid, _cue, weight), n in _cue_counts(text.lower(), german).items():
        scores[sid] = scores.get(sid, 0.0) + weight * (1.0 + math.log(n))
    return scores


def _about(about: str) -> str:
    """The issuer's self-description; a disclaimer parked there says nothing of the sector."""
    head = about[:ABOUT_CHARS]
    return "" if head.lower().lstrip().startswith(("disclaimer", "forward-looking")) else head


def sector_scores(
    text: str, title: str = "", about: str = "", language: str | None = None
) -> dict[str, float]:
    """Weighted cue scores per sector over title, lead, body and the "About" paragraph."""
    german = (language or "").startswith("de")
    if title and title.lower() in text[: len(title) + 200].lower():
        title = ""  # a title that opens the body is already its lead
    scores: dict[str, float] = {}
    for part, weight in (
        (title, TITLE),
        (text[:LEAD_CHARS], LEAD),
        (text[LEAD_CHARS:], BODY),
        (_about(about), ABOUT),
    ):
        if part:
            for sid, score in _field_scores(part, german).items():
                scores[sid] = scores.get(sid, 0.0) + weight * score
    return scores


def find_sectors(
    text: str,
    declared: tuple[str, ...] = (),
    title: str = "",
    *,
    about: str = "",
    language: str | None = None,
) -> tuple[str, ...]:
    """Declared sectors mapped to ids when there are any; else the clear winners, main first."""
    explicit = tuple(dict.fromkeys(s for s in map(resolve_sector, declared) if s))
    if explicit:
        return explicit[:MAX_SECTORS]
    scores = sector_scores(text, title, about, language)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_MAIN:
        return ()
    floor = max(MIN_OTHER, RELATIVE * ranked[0][1])
    return (ranked[0][0],) + tuple(s for s, v in ranked[1:MAX_SECTORS] if v >= floor)
