"""Placeholder analyzers; replaced by the bilingual analysis chain."""

from __future__ import annotations

from whoosh.analysis import Analyzer, LanguageAnalyzer, StandardAnalyzer


def english_analyzer() -> Analyzer:
    return LanguageAnalyzer("en")


def german_analyzer() -> Analyzer:
    return LanguageAnalyzer("de")


def neutral_analyzer() -> Analyzer:
    return StandardAnalyzer()
