"""Which sectors a release is about, from its metadata or its words.

The list and its cue terms live in ``vocab/data/sectors.json`` (read through
:mod:`releasesearch.vocab.sectors`) so that a keeper can tune them without
touching code. Explicit metadata always wins; inference keeps only the
sectors a release is clearly about (several hits, or hits in the title), because a
facet that lists every sector mentioned once filters nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from releasesearch.vocab.sectors import resolve_sector, sector_data

MAX_SECTORS = 3
MIN_SCORE = 3
RELATIVE = 0.25  # a sector must score at least this share of the best one
TITLE_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class _Cues:
    """All sectors' cues in lookup tables, so a text is tokenised and scanned once."""

    prefixes: dict[str, str]  # word-start prefix -> sector id ("" blocks: "investig")
    words: dict[str, str]
    phrases: re.Pattern[str]
    phrase_sector: dict[str, str]
    infixes: tuple[tuple[str, str], ...]
    longest: int


def _load() -> _Cues:
    data = sector_data()
    prefixes: dict[str, str] = {b: "" for b in data.get("blockers", [])}
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    infixes: list[tuple[str, str]] = []
    for item in data["sectors"]:
        sid = item["id"]
        for cue in item["cues"]:
            target = phrases if _WORD.fullmatch(cue) is None else prefixes
            target.setdefault(cue.lower(), sid)
        words.update({w.lower(): sid for w in item.get("words", [])})
        infixes.extend((cue.lower(), sid) for cue in item.get("infix", []))
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    cues = _Cues(
        prefixes,
        words,
        re.compile(rf"(?<![^\W_])(?:{alternation})"),
        phrases,
        tuple(infixes),
        max(map(len, prefixes)),
    )
    return cues


_WORD = re.compile(r"[^\W\d_]+")
_CUES = _load()


@lru_cache(maxsize=200_000)
def _word_hits(word: str) -> tuple[str, ...]:
    """Sectors one word hits: whole word, else longest cue prefix, plus compound infixes.

    Cached: a corpus repeats its vocabulary, so most words are looked up once.
    """
    if word in _CUES.words:
        return (_CUES.words[word],)
    hits = []
    for size in range(min(len(word), _CUES.longest), 1, -1):
        sid = _CUES.prefixes.get(word[:size])
        if sid is not None:
            if sid:
                hits.append(sid)
            break
    if len(word) > 6:
        hits.extend(sid for cue, sid in _CUES.infixes if cue in word[1:])
    return tuple(hits)


def _count(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        counts.update(_word_hits(word))
    counts.update(_CUES.phrase_sector[m] for m in _CUES.phrases.findall(text))
    return counts


def sector_scores(text: str, title: str = "") -> dict[str, int]:
    """Cue hits per sector; title hits weigh TITLE_WEIGHT times."""
    body, head = text.lower(), title.lower()
    if head and head in body[: len(head) + 500]:
        head = ""  # a title that is the first sentence is already counted once
    scores = _count(body)
    for sid, hits in _count(head).items():
        scores[sid] += TITLE_WEIGHT * hits
    return dict(scores)


def find_sectors(text: str, declared: tuple[str, ...] = (), title: str = "") -> tuple[str, ...]:
    """Declared sectors mapped to ids when there are any; else the clear winners of the cues."""
    explicit = tuple(dict.fromkeys(s for s in map(resolve_sector, declared) if s))
    if explicit:
        return explicit
    scores = sector_scores(text, title)
    if not scores:
        return ()
    best = max(scores.values())
    floor = max(MIN_SCORE, RELATIVE * best)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(sid for sid, score in ranked[:MAX_SECTORS] if score >= floor)
