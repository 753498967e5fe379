"""Which language a release is written in (py3langid over its opening).

py3langid knows 97 languages; an archive of English and German press releases meets
a handful, and restricting the candidates keeps short texts from being called Latin
or Luxembourgish.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from importlib.metadata import version
from pathlib import Path
from typing import Any

from releasesearch.cache import cache_folder

CANDIDATES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "pl",
    "da",
    "sv",
    "cs",
    "ru",
    "tr",
    "zh",
    "ja",
    "ko",
)
_lock = threading.Lock()
_identifier: Any = None


def _load() -> Any:
    """Load the model once per process.

    Decompressing py3langid's model costs about 0.6 s of CPU; the identifier,
    pickled once into the user's cache folder, loads in a tenth of that, which
    matters to an index run that adds one release.
    """
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = _cached_identifier()
    return _identifier


def _cache_file() -> Path:
    py = f"py{sys.version_info[0]}.{sys.version_info[1]}"
    key = f"{version('py3langid')}-{py}-{'.'.join(CANDIDATES)}"
    return cache_folder() / f"langid-{key}.pickle"


def _cached_identifier() -> Any:
    path = _cache_file()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass  # no cache yet, or an unreadable one: build it
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE)
    ident.set_languages(list(CANDIDATES))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(ident, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: decompress every time
    return ident


def detect_language(text: str) -> str:
    """Best guess among CANDIDATES from the opening 600 characters.

    py3langid's cost grows with the text; on the Newsworthy and FSFE sets 600
    characters decide exactly as 2,000 did (8,350 releases, 0 differ), in 60 % of the time.
    """
    sample = text[:600]
    if not sample.strip():
        return "en"
    lang, _score = _load().classify(sample)
    return str(lang)
