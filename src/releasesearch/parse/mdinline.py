"""Inline Markdown to plain text: what a reader sees, without the markup.

Linear regular expressions only (no nested quantifiers), so a hostile line cannot
make them backtrack for long.
"""

from __future__ import annotations

import html
import re

_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)|!\[[^\]\n]{0,1000}\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]{0,1000})\]\([^)\n]{0,2000}\)|\[([^\]\n]{1,1000})\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>")
_CODE = re.compile(r"`+([^`\n]*)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1")
_EMPH_STAR = re.compile(r"\*(?=\S)([^*\n]*?\S)\*")
_EMPH_UNDER = re.compile(r"(?<!\w)_(?=\S)([^_\n]*?\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)([^\n]*?\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_PRIVATE = 0xF0000  # supplementary private use area: never in real text
_HIDDEN = re.compile("[\U000f0000-\U000f007f]")
_STRAY = re.compile(r"(?<!\w)\*\*(?!\w)|(?<!\w)__(?!\w)")


def strip_inline(text: str) -> str:
    """``**Bold** [link](url) ![img](x)`` -> ``Bold link``; HTML tags dropped, entities decoded."""
    # escaped characters are hidden from the markup patterns, then restored
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _STRONG.sub(r"\2", text)
    text = _STRIKE.sub(r"\1", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    text = _STRAY.sub("", text)
    text = _HIDDEN.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), text)
    return html.unescape(text).strip()
