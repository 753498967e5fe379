"""A deterministic bilingual archive of any size, for the benchmark.

Timing an indexer on five seeds says nothing; timing it on random words says
little more, because analysis, decompounding, dateline parsing, sector cues and
translation pairing all cost what they cost on real prose. So each release is a
dateline in a real style, facts (numbers, cities, an issuer) put into sentence
templates in English or German, and prose sampled from real releases: the seeds
in ``archive/`` always, and, when the shared data folder is beside the repo,
Newsworthy releases (English) and 10kGNAD articles (German), read by path and
never copied. About 30 % of releases come as English/German pairs that share
dateline, date, issuer and numbers, as real translations do.

Everything is drawn from ``random.Random(f"{seed}:{group}")``: the same seed and
group number always give the same files, and adding groups later (the
incremental-update measurement) leaves earlier files unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import vocab
from pools import Pools, load_pools

SEED = 20260304
PAIR_GROUP_SHARE = 0.176  # groups that are pairs -> ~30 % of releases are in a pair
BATCH_GROUP_SHARE = 0.03  # single releases that go into CSV/JSONL batch files
BATCH_ROWS = 25
FIRST_DAY = dt.date(2022, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 3, 31).toordinal()
_SOURCES = vocab.sources()
_CITY_WEIGHTS = [
    3 if c.country_en == "Germany" else 2 if c.country_en == "China" else 1 for c in vocab.CITIES
]

EN_FACTS = (
    "{source} today announced a new {comp_en} initiative together with partners from {city2}.",
    "The company plans to invest {n1} million euros in its {sector_en} business in {city} "
    "by {year}.",
    "According to {person}, chief executive of {source}, the project will create {n2} new jobs.",
    "More than {n3} companies from {country} and {country2} took part in the event in {city}.",
    "The {comp_en} between {city} and {city2} has been in place for {n4} years.",
    "{person} said the project was an important step for the {sector_en} sector in {country}.",
    "Trade between the two regions grew by {n5} percent last year, reaching {n6} million euros.",
    "The new site in {city2} will employ around {n2} people when it opens in {year}.",
    "Over the next {n4} years the partners want to expand their {comp2_en} to {n3} locations.",
)
DE_FACTS = (
    "{source} hat heute gemeinsam mit Partnern aus {city2_de} eine neue Initiative im Bereich "
    "{comp_de} angekündigt.",
    "Das Unternehmen will bis {year} in {city_de} {n1} Millionen Euro in den Bereich "
    "{sector_de} investieren.",
    "Nach Angaben von {person}, Geschäftsführer von {source}, entstehen durch das Projekt "
    "{n2} neue Arbeitsplätze.",
    "Mehr als {n3} Unternehmen aus {country_de} und {country2_de} nahmen an der Veranstaltung "
    "in {city_de} teil.",
    "Die {comp_de} zwischen {city_de} und {city2_de} besteht seit {n4} Jahren.",
    "{person} bezeichnete das Projekt als wichtigen Schritt für die Branche {sector_de} in "
    "{country_de}.",
    "Der Handel zwischen beiden Regionen wuchs im vergangenen Jahr um {n5} Prozent auf {n6} "
    "Millionen Euro.",
    "Der neue Standort in {city2_de} soll nach der Eröffnung {year} rund {n2} Menschen "
    "beschäftigen.",
    "In den kommenden {n4} Jahren wollen die Partner den Bereich {comp2_de} auf {n3} Standorte "
    "ausweiten.",
)
EN_TITLES = (
    "{source} Launches {Comp_en} Initiative in {city}",
    "{city} and {city2} Deepen {Comp_en} Cooperation",
    "{source} to Invest {n1} Million Euros in {city}",
)
DE_TITLES = (
    "{source} startet Initiative für {comp_de} in {city_de}",
    "{city_de} und {city2_de} vertiefen Zusammenarbeit: {comp_de}",
    "{source} investiert {n1} Millionen Euro in {city_de}",
)


@dataclass(frozen=True, slots=True)
class Release:
    """One generated release before it is written (a file or a batch row)."""

    group: int
    language: str
    date: dt.date
    city: vocab.City
    wire: str
    source: str
    title: str
    paragraphs: tuple[str, ...]  # the first holds the dateline


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """What :func:`generate` wrote; ``next_group`` continues the same corpus later."""

    files: int
    releases: int
    pairs: int
    batch_files: int
    next_group: int
    vocabulary: tuple[str, ...]


def _facts(rng: random.Random) -> dict[str, str]:
    """The slots a release and its translation share: numbers, places, issuer, topics."""
    city, city2 = rng.choices(vocab.CITIES, weights=_CITY_WEIGHTS, k=2)
    comp, comp2 = rng.sample(vocab.COMPOUNDS, 2)
    sector = rng.randrange(len(vocab.SECTOR_WORDS_EN))
    person = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
    return {
        "city": city.en,
        "city_de": city.de,
        "city2": city2.en,
        "city2_de": city2.de,
        "country": city.country_en,
        "country_de": city.country_de,
        "country2": city2.country_en,
        "country2_de": city2.country_de,
        "source": _SOURCES[int(len(_SOURCES) * rng.random() ** 2.5)],
        "person": person,
        "comp_en": comp[1],
        "comp_de": comp[0],
        "Comp_en": comp[1].title(),
        "comp2_en": comp2[1],
        "comp2_de": comp2[0],
        "sector_en": vocab.SECTOR_WORDS_EN[sector],
        "sector_de": vocab.SECTOR_WORDS_DE[sector],
        "n1": str(rng.randint(12, 900)),
        "n2": str(rng.randint(50, 5000)),
        "n3": str(rng.randint(10, 600)),
        "n4": str(rng.randint(11, 40)),
        "n5": str(rng.randint(12, 35)),
        "n6": str(rng.randint(100, 9000)),
        "year": str(rng.randint(2026, 2035)),
    }


def _dateline(lang: str, city: vocab.City, date: dt.date, wire: str, german_style: bool) -> str:
    if lang == "de" and german_style:
        return f"{city.de}, {date.day}. {vocab.MONTHS_DE[date.month - 1]} {date.year} ({wire}) --"
    country = city.country_en
    month = vocab.MONTHS_EN[date.month - 1]
    return f"{city.en.upper()}, {country}, {month} {date.day:02d}, {date.year} ({wire}) --"


def _body(
    rng: random.Random, lang: str, facts: dict[str, str], pools: Pools, dateline: str
) -> tuple[str, ...]:
    """Paragraphs of 3-5 sentences, one fact each, until 300-700 words."""
    templates = EN_FACTS if lang == "en" else DE_FACTS
    prose = pools.sentences(lang)
    target = rng.randint(300, 700)
    order = list(range(len(templates)))
    paragraphs: list[str] = []
    words = 0
    while words < target:
        fact = templates[order[len(paragraphs) % len(order)]].format(**facts)
        filler = [rng.choice(prose) for _ in range(rng.randint(2, 4))] if prose else []
        sentences = [fact, *filler] if paragraphs else [fact, *filler]
        text = " ".join(sentences)
        if not paragraphs:
            text = f"{dateline} {text}"
        paragraphs.append(text)
        words += len(text.split())
    return tuple(paragraphs)


def _release(
    group: int,
    rng: random.Random,
    lang: str,
    date: dt.date,
    facts: dict[str, str],
    pools: Pools,
    german_style: bool,
) -> Release:
    city = next(c for c in vocab.CITIES if c.en == facts["city"])
    wire = vocab.WIRES[group % len(vocab.WIRES)]
    titles = EN_TITLES if lang == "en" else DE_TITLES
    title = titles[group % len(titles)].format(**facts)
    dateline = _dateline(lang, city, date, wire, german_style)
    paragraphs = _body(rng, lang, facts, pools, dateline)
    return Release(group, lang, date, city, wire, facts["source"], title, paragraphs)


def releases_of(group: int, pools: Pools, seed: int = SEED) -> tuple[str, list[Release]]:
    """The group's kind ("pair", "single", "batch") and its one or two releases."""
    rng = random.Random(f"{seed}:{group}")
    date = dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    facts = _facts(rng)
    draw = rng.random()
    if draw < PAIR_GROUP_SHARE:
        return "pair", [
            _release(group, rng, lang, date, facts, pools, False) for lang in ("en", "de")
        ]
    lang = "en" if rng.random() < 0.55 else "de"
    kind = "batch" if draw > 1 - BATCH_GROUP_SHARE else "single"
    return kind, [_release(group, rng, lang, date, facts, pools, rng.random() < 0.5)]


def as_text(rel: Release) -> str:
    """The plain-text file: title, dateline paragraph, text, issuer line."""
    issuer = "Source" if rel.language == "en" else "Quelle"
    return "\n\n".join((rel.title, *rel.paragraphs, f"{issuer}: {rel.source}")) + "\n"


def _folder(rel: Release) -> str:
    return f"{rel.date.year}/{rel.date.month:02d}"


def _pair_names(group: int) -> tuple[str, str]:
    """Half of the pairs say so in their names; the rest must be found by content."""
    if group % 2 == 0:
        return f"p{group:07d}.en.txt", f"p{group:07d}.de.txt"
    return f"r{group:07d}a.txt", f"r{group:07d}b.txt"


def _write_batch(root: Path, index: int, rows: list[Release]) -> None:
    folder = root / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    if index % 2 == 0:
        with (folder / f"batch-{index:05d}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                record = {
                    "title": r.title,
                    "date": r.date.isoformat(),
                    "city": r.city.en,
                    "text": "\n\n".join(r.paragraphs),
                    "source": r.source,
                    "language": r.language,
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    import csv

    with (folder / f"batch-{index:05d}.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Headline", "Published", "Location", "Body", "Source"])
        for r in rows:
            out.writerow(
                [r.title, r.date.isoformat(), r.city.en, "\n\n".join(r.paragraphs), r.source]
            )


def _groups(
    start: int, n: int, pools: Pools, seed: int
) -> Iterator[tuple[int, str, list[Release]]]:
    made, group = 0, start
    while made < n:
        kind, rels = releases_of(group, pools, seed)
        rels = rels[: n - made]
        made += len(rels)
        yield group, kind, rels
        group += 1


def generate(
    root: Path, n: int, *, start: int = 0, seed: int = SEED, pools: Pools | None = None
) -> CorpusInfo:
    """Write ``n`` releases below ``root`` from group ``start`` on (files and batch rows)."""
    pools = pools or load_pools()
    files = pairs = batches = releases = 0
    pending: list[Release] = []
    group = start
    for group, kind, rels in _groups(start, n, pools, seed):
        releases += len(rels)
        if kind == "batch":
            pending.extend(rels)
            if len(pending) >= BATCH_ROWS:
                _write_batch(root, group, pending)
                pending, batches, files = [], batches + 1, files + 1
            continue
        names = _pair_names(group) if kind == "pair" else (f"r{group:07d}.txt",)
        pairs += len(rels) == 2
        for rel, name in zip(rels, names, strict=False):  # a pair cut at n yields one
            folder = root / _folder(rel)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(as_text(rel), encoding="utf-8")
            files += 1
    if pending:
        _write_batch(root, group, pending)
        batches, files = batches + 1, files + 1
    return CorpusInfo(files, releases, pairs, batches, group + 1, pools.origins)
