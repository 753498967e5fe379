"""Which language a release is written in, and what to call a language in the interface.

py3langid knows 97 languages; an archive of English and German press releases meets
a handful, and restricting the candidates keeps short texts from being called Latin
or Luxembourgish.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

import langcodes

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
    """Load the model once per process: it costs about 0.8 s."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE)
            ident.set_languages(list(CANDIDATES))
            _identifier = ident
    return _identifier


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


@lru_cache(maxsize=1024)
def normalise_language(tag: str) -> str | None:
    """ "EN", "en-US", "English", "Deutsch", "ger", "deu" -> "en"/"de"; None if unknown."""
    text = tag.strip().replace("_", "-")
    if not text:
        return None
    try:
        lang = langcodes.Language.get(text)
        if not lang.is_valid() or lang.language in (None, "und"):
            raise langcodes.LanguageTagError(text)
    except (langcodes.LanguageTagError, ValueError):
        if "\x00" in text:
            return None  # NUL makes the language-name trie misread (SystemError, bad UTF-8)
        try:
            lang = langcodes.find(text)
        except LookupError:
            return None
    base = langcodes.standardize_tag(str(lang.language))
    return base if base and base != "und" else None


@lru_cache(maxsize=1024)
def language_label(tag: str, ui_language: str) -> str:
    """("de", "en") -> "German", ("de", "de") -> "Deutsch": capitalised for headings."""
    code = normalise_language(tag) or tag
    ui = normalise_language(ui_language) or "en"
    try:
        name = str(langcodes.Language.get(code).display_name(ui))
    except (langcodes.LanguageTagError, ValueError):
        return tag  # no language at all (?lang=2025-01-01): shown as the user wrote it
    return name[:1].upper() + name[1:]
