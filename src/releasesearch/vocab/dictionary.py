"""The English-German dictionary behind cross-language search, read where Debian puts it.

Debian's ``dict-freedict-eng-deu`` and ``dict-freedict-deu-eng`` (FreeDict, from
the Ding dictionary, GPL-3+; about 380,000 keys each) install dictd files under
``/usr/share/dictd``.  They are read there, never copied into the project.
Parsing them takes several seconds and hundreds of MB, so the first use derives
compact lookup tables into the user's cache folder, keyed by the files' hash:
sorted ``key<TAB>value`` lines plus a numpy array of line offsets, opened with
mmap, so a process touches only the pages its lookups read (a few KB a query)
and opening costs milliseconds.

Four tables per language pair and language:

- ``pair-SRC-TGT``: a key's translations with what ranks them (the entry's place
  among the key's entries, the translation's place in its line, a domain label,
  whether the reverse dictionary translates it back to the key, and the
  translation's frequency in the target language from wordfreq);
- ``lemmas-LANG``: inflected forms -> the headwords they belong to, from the
  dictionary itself: irregular English forms in the headers (went -> go) and
  German conjugations in references and examples ({ich/er/sie lag} -> liegen);
- ``forms-LANG``: the reverse, so a translation "lead" also finds "led";
- ``stems-LANG``: the Snowball stem of each one-word key -> the keys, for inflected
  forms the dictionary does not list (Partnerschaften -> partnerschaft).

Without the dictionary files :func:`bilingual` returns None and cross-language
search is off; nothing fails.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from releasesearch.vocab.dictionary_build import build_tables
from releasesearch.vocab.lookup import (
    FILES,
    LANGUAGES,
    Candidate,
    KeyTable,
    decode_candidate,
    split_items,
)

__all__ = [
    "DEFAULT_DIR",
    "DictionaryStatus",
    "FILES",
    "PACKAGES",
    "Bilingual",
    "Candidate",
    "KeyTable",
    "bilingual",
    "dictionary_files",
    "dictionary_status",
]

DEFAULT_DIR = Path("/usr/share/dictd")
PACKAGES = ("dict-freedict-eng-deu", "dict-freedict-deu-eng")
TABLE_VERSION = "1"  # bump when the derived tables change shape or content


class Bilingual:
    """Lookups in the derived tables of both directions."""

    def __init__(self, folder: Path, source_dir: Path) -> None:
        self.folder = folder
        self.source_dir = source_dir
        self._pairs = {pair: KeyTable(folder / f"pair-{pair[0]}-{pair[1]}.tsv") for pair in FILES}
        self._tables = {
            (kind, lang): KeyTable(folder / f"{kind}-{lang}.tsv")
            for kind in ("lemmas", "forms", "stems")
            for lang in LANGUAGES
        }

    @property
    def entries(self) -> dict[tuple[str, str], int]:
        """Keys per direction (for the status page)."""
        return {pair: table.size for pair, table in self._pairs.items()}

    def candidates(self, key: str, source: str, target: str) -> tuple[Candidate, ...]:
        """Translations of the lookup key ``key`` (see :func:`.dictd.lookup_key`)."""
        table = self._pairs.get((source, target))
        return tuple(
            decode_candidate(item) for item in split_items(table.get(key) if table else None)
        )

    def lemmas(self, form: str, language: str) -> tuple[str, ...]:
        """Headword keys of which ``form`` is an inflected form ("lag" -> "liegen")."""
        return split_items(self._tables[("lemmas", language)].get(form))

    def forms(self, lemma: str, language: str) -> tuple[str, ...]:
        """Irregular forms of a headword key ("lead" -> "led")."""
        return split_items(self._tables[("forms", language)].get(lemma))

    def stem_keys(self, stem: str, language: str) -> tuple[str, ...]:
        """One-word keys whose Snowball stem is ``stem``."""
        return split_items(self._tables[("stems", language)].get(stem))


def dictionary_files(source_dir: Path) -> list[Path]:
    """The dictd files both directions need (missing ones included)."""
    return [
        source_dir / f"{name}{suffix}"
        for name in FILES.values()
        for suffix in (".index", ".dict.dz")
    ]


@dataclass(frozen=True, slots=True)
class DictionaryStatus:
    """Whether cross-language search can run, for the status page and ``releasesearch check``."""

    folder: Path
    available: bool

    def describe(self) -> str:
        if self.available:
            return f"on (FreeDict English-German dictionary in {self.folder})"
        return (
            f"off: no FreeDict English-German dictionary in {self.folder} "
            f"(apt-get install {' '.join(PACKAGES)})"
        )

    def as_json(self) -> dict[str, object]:
        return {"available": self.available, "dictionary": str(self.folder)}


def dictionary_status(source_dir: Path | None = None) -> DictionaryStatus:
    """Whether the dictionary files are there (cheap: nothing is read or built)."""
    folder = Path(source_dir or DEFAULT_DIR)
    return DictionaryStatus(folder, all(p.is_file() for p in dictionary_files(folder)))


def _digest(source_dir: Path) -> str:
    digest = hashlib.sha256(TABLE_VERSION.encode())
    for path in dictionary_files(source_dir):
        digest.update(f"{path.name}:{path.stat().st_size}:".encode())
        if path.suffix == ".index":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "releasesearch"


_lock = threading.Lock()
_loaded: dict[Path, Bilingual | None] = {}


def bilingual(source_dir: Path | None = None) -> Bilingual | None:
    """The dictionary in ``source_dir`` (default ``/usr/share/dictd``), or None without it.

    The first call per process hashes the files (about 50 ms) and opens the derived
    tables, building them first if this dictionary has none yet (about 20 s, once).
    """
    folder = Path(source_dir or DEFAULT_DIR)
    with _lock:
        if folder not in _loaded:
            _loaded[folder] = _open(folder)
        return _loaded[folder]


def _open(source_dir: Path) -> Bilingual | None:
    if not all(path.is_file() for path in dictionary_files(source_dir)):
        return None
    target = cache_root() / f"dictionary-{_digest(source_dir)}"
    if not (target / "complete").exists():
        build_tables(source_dir, target)
    return Bilingual(target, source_dir)
