"""Sectors: one short, documented list shared by English and German releases.

The list and its cue terms live in ``data/sectors.json`` so that a keeper can tune
them without touching code. Explicit metadata always wins; inference keeps only the
sectors a release is clearly about (several hits, or hits in the title), because a
facet that lists every sector mentioned once filters nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import fold

MAX_SECTORS = 3
MIN_SCORE = 3
RELATIVE = 0.25  # a sector must score at least this share of the best one
TITLE_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector id (language-independent facet value) and its two labels."""

    id: str
    label_en: str
    label_de: str


def _load() -> tuple[tuple[Sector, ...], dict[str, re.Pattern[str]]]:
    raw = resources.files("releasesearch.enrich").joinpath("data").joinpath("sectors.json")
    data = json.loads(raw.read_text("utf-8"))
    sectors, patterns = [], {}
    for item in data["sectors"]:
        sectors.append(Sector(item["id"], item["en"], item["de"]))
        patterns[item["id"]] = _pattern(item["cues"], item.get("words", []), item.get("infix", []))
    return tuple(sectors), patterns


def _alt(terms: list[str]) -> str:
    return "|".join(re.escape(t.lower()) for t in sorted(terms, key=len, reverse=True))


def _pattern(cues: list[str], words: list[str], infix: list[str]) -> re.Pattern[str]:
    parts = [rf"(?<![^\W_])(?:{_alt(cues)})"]
    if words:
        parts.append(rf"(?<![^\W_])(?:{_alt(words)})(?![^\W_])")
    if infix:
        parts.append(rf"(?<=[^\W\d_])(?:{_alt(infix)})")
    return re.compile("|".join(parts))


SECTORS, _PATTERNS = _load()
_BY_ID = {s.id: s for s in SECTORS}
_ALIASES = {fold(name): s.id for s in SECTORS for name in (s.id, s.label_en, s.label_de)}


def sector_label(sector_id: str, ui_language: str) -> str:
    """The label in the interface language; an unknown id is shown as it is."""
    sector = _BY_ID.get(sector_id)
    if sector is None:
        return sector_id
    return sector.label_de if ui_language.lower().startswith("de") else sector.label_en


@lru_cache(maxsize=1024)
def resolve_sector(name: str) -> str | None:
    """Id or either label, any case -> id; declared values outside the list -> None."""
    key = fold(name.strip())
    if key in _ALIASES:
        return _ALIASES[key]
    for sector in SECTORS:  # "AI" -> ai-digital, "Automotive" -> automotive
        if key and any(fold(part.strip()) == key for part in re.split(r"[&/,]", sector.label_en + "&" + sector.label_de)):
            return sector.id
    return None


def sector_scores(text: str, title: str = "") -> dict[str, int]:
    """Cue hits per sector; title hits weigh TITLE_WEIGHT times."""
    body, head = text.lower(), title.lower()
    if head and head in body[: len(head) + 500]:
        head = ""  # a title that is the first sentence is already counted once
    scores = {}
    for sid, pattern in _PATTERNS.items():
        score = len(pattern.findall(body)) + TITLE_WEIGHT * len(pattern.findall(head))
        if score:
            scores[sid] = score
    return scores


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
