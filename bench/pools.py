"""Real sentences in English and German, the prose of the benchmark corpus.

Sentences come from the seed archive of the repository and, when it is beside
the repository, from the shared data folder (read in place, never copied). A
sentence is kept only if it reads as running text: no links, no markup, no
datelines, no digits (the corpus puts its own numbers in, so translations share
them) and no city of the corpus's city list (so the places a release mentions
are the ones its facts name).
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import vocab

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
NEWSWORTHY = "press_releases_en_newsworthy"
GNAD = "news_de_10kgnad"
MAX_NEWSWORTHY_FILES = 1200
MAX_PER_LANGUAGE = 20000

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
_BAD = re.compile(r"https?:|www\.|@|\d|--|[|#*\[\]<>{}_=~^\\]|\(\s*\)")
_DE_WORDS = frozenset("der die das und ist mit für von den nicht sich auf dem des eine".split())
_EN_WORDS = frozenset("the and of to is with for from that this are was on by an".split())
_CITY_NAMES = frozenset({c.en for c in vocab.CITIES} | {c.de for c in vocab.CITIES})
_CITY_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _CITY_NAMES))) + r")\b")


@dataclass(slots=True)
class Pools:
    """Sentences per language, and which sources they came from (for the results)."""

    by_language: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "de": []})
    origins: tuple[str, ...] = ()

    def sentences(self, language: str) -> list[str]:
        return self.by_language.get(language, [])


def _language(sentence: str) -> str | None:
    words = set(sentence.lower().split())
    de, en = len(words & _DE_WORDS), len(words & _EN_WORDS)
    if de == en:
        return None
    return "de" if de > en else "en"


def good_sentences(text: str) -> list[str]:
    """Running-text sentences of 6-45 words from ``text``."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        for sentence in _SPLIT.split(flat):
            if not sentence.endswith((".", "!", "?")) or _BAD.search(sentence):
                continue
            if not 6 <= len(sentence.split()) <= 45 or _CITY_RE.search(sentence):
                continue
            out.append(sentence)
    return out


def _archive_texts() -> list[str]:
    """Bodies of the repository's seeds and samples, through the project's own parsers."""
    from releasesearch.archive import iter_archive
    from releasesearch.model import ArchiveFile
    from releasesearch.parse import parse_file

    texts: list[str] = []
    for item in iter_archive(REPO / "archive", max_bytes=10 * 1024 * 1024):
        if isinstance(item, ArchiveFile):
            releases, _ = parse_file(item)
            texts.extend(r.body for r in releases)
    return texts


def _newsworthy_texts(folder: Path) -> list[str]:
    """Markdown bodies: headings, link lines and the footer dropped by the sentence filter."""
    files = sorted(folder.rglob("*.md"))
    step = max(1, len(files) // MAX_NEWSWORTHY_FILES)
    return [f.read_text(encoding="utf-8", errors="replace") for f in files[::step]]


def _gnad_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]


def load_pools(shared: Path | None = SHARED) -> Pools:
    """The sentence pools: seeds always, shared data when ``shared`` exists."""
    pools = Pools()
    sources: list[tuple[str, list[str], str | None]] = [("archive", _archive_texts(), None)]
    if shared is not None and (shared / NEWSWORTHY).is_dir():
        sources.append((NEWSWORTHY, _newsworthy_texts(shared / NEWSWORTHY), "en"))
    if shared is not None and (shared / GNAD / "test.csv").is_file():
        sources.append((GNAD, _gnad_texts(shared / GNAD / "test.csv"), "de"))
    seen: set[str] = set()
    for _, texts, language in sources:
        for text in texts:
            for sentence in good_sentences(text):
                lang = _language(sentence)
                if sentence in seen or lang is None or (language and lang != language):
                    continue
                seen.add(sentence)
                pools.by_language[lang].append(sentence)
    for lang, sentences in pools.by_language.items():
        ordered = sorted(sentences)
        random.Random(lang).shuffle(ordered)  # a fair, fixed sample when there are too many
        pools.by_language[lang] = ordered[:MAX_PER_LANGUAGE]
    pools.origins = tuple(name for name, _, _ in sources)
    return pools
