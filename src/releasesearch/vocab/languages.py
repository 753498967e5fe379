"""Languages: a tag, a code or a name in any language -> one code, and its label.

Both wings read languages the same way: enrichment normalises a declared
``language`` ("English", "de-DE", "ger"), search resolves ``lang=Deutsch`` and
labels the language facet in the interface language, all through langcodes.
"""

from __future__ import annotations

from functools import lru_cache

import langcodes


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
