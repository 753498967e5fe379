"""The sector list: ids, labels and scopes in English and German, and how a name resolves.

One list shared by both wings: enrichment classifies releases into these ids
(:mod:`releasesearch.enrich.sectors`, whose cue terms live beside it), search
filters, counts and labels them, and the facet shows each sector's one-line
scope as its help text. The list lives in ``data/sectors.json`` so that a keeper
can read and tune it without touching code; ``VERSION`` changes whenever what an
id means changes, which makes an index built with another version out of date.
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
    """A sector id (language-independent facet value), its labels and its scope."""

    id: str
    label_en: str
    label_de: str
    scope_en: str = ""
    scope_de: str = ""


@lru_cache(maxsize=1)
def sector_data() -> dict[str, Any]:
    """The parsed ``sectors.json``."""
    raw = resources.files("releasesearch.vocab").joinpath("data").joinpath("sectors.json")
    data: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return data


def _sectors() -> tuple[Sector, ...]:
    return tuple(
        Sector(i["id"], i["en"], i["de"], i.get("scope_en", ""), i.get("scope_de", ""))
        for i in sector_data()["sectors"]
    )


SECTORS = _sectors()
VERSION: int = sector_data()["version"]
MAX_SECTORS: int = sector_data()["max_per_release"]  # at most this many a release, main first
FORMER_IDS: dict[str, str] = dict(sector_data()["former_ids"])
_BY_ID = {s.id: s for s in SECTORS}
_ALIASES: dict[str, str] = (
    {fold(old): new for old, new in FORMER_IDS.items()}
    | {fold(alias): item["id"] for item in sector_data()["sectors"] for alias in item["aliases"]}
    | {fold(name): s.id for s in SECTORS for name in (s.id, s.label_en, s.label_de)}
)


def _german(ui_language: str) -> bool:
    return ui_language.lower().startswith("de")


def sector_label(sector_id: str, ui_language: str) -> str:
    """The label in the interface language; an unknown id is shown as it is."""
    sector = _BY_ID.get(sector_id)
    if sector is None:
        return sector_id
    return sector.label_de if _german(ui_language) else sector.label_en


def sector_scope(sector_id: str, ui_language: str) -> str:
    """What the sector covers, in one line (the facet's tooltip); "" for an unknown id."""
    sector = _BY_ID.get(sector_id)
    if sector is None:
        return ""
    return sector.scope_de if _german(ui_language) else sector.scope_en


@lru_cache(maxsize=1024)
def resolve_sector(name: str) -> str | None:
    """Id, former id, alias or either label, any case -> id; anything else -> None."""
    key = fold(name.strip())
    if key in _ALIASES:
        return _ALIASES[key]
    for sector in SECTORS:  # "AI" -> ai-digital, "Logistik" -> smart-cities-mobility
        if key and any(
            fold(part.strip()) == key
            for part in re.split(r"[&/,]", sector.label_en + "&" + sector.label_de)
        ):
            return sector.id
    return None
