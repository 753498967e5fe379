"""The sector list: ids, English and German labels, and how a typed name resolves.

One list shared by both wings: enrichment classifies releases into these ids
(:mod:`releasesearch.enrich.sectors`), search filters and labels them. The list,
its labels, its aliases and the classifier's cue terms live in
``data/sectors.json`` so that a keeper can tune them without touching code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from releasesearch.vocab.names import fold


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector id (language-independent facet value) and its two labels."""

    id: str
    label_en: str
    label_de: str


@lru_cache(maxsize=1)
def sector_data() -> dict[str, Any]:
    """The parsed ``sectors.json``: the list, and the cue terms the classifier reads."""
    raw = resources.files("releasesearch.vocab").joinpath("data").joinpath("sectors.json")
    data: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return data


def _sectors() -> tuple[Sector, ...]:
    return tuple(Sector(i["id"], i["en"], i["de"]) for i in sector_data()["sectors"])


SECTORS = _sectors()
_BY_ID = {s.id: s for s in SECTORS}
_ALIASES: dict[str, str] = {
    fold(alias): item["id"]
    for item in sector_data()["sectors"]
    for alias in item.get("aliases", [])
} | {fold(name): s.id for s in SECTORS for name in (s.id, s.label_en, s.label_de)}


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
        if key and any(
            fold(part.strip()) == key
            for part in re.split(r"[&/,]", sector.label_en + "&" + sector.label_de)
        ):
            return sector.id
    return None
