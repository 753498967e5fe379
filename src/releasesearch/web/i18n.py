"""Interface strings in English and German, and which of the two a reader gets.

A plain dict rather than gettext: two languages and a hundred strings do not pay
for a compile step, and a missing German string falls back to English instead of
breaking a page. Release text is never translated here, only the interface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from flask import Request

from releasesearch.model import SearchResult
from releasesearch.vocab import months

LANGUAGES = ("en", "de")
DEFAULT = "en"
COOKIE = "hl"

Translator = Callable[..., str]

STRINGS: Mapping[str, Mapping[str, str]] = {
    "site_name": {"en": "Press release search", "de": "Pressemitteilungen durchsuchen"},
    "short_name": {"en": "Press releases", "de": "Pressearchiv"},  # at most 16 characters
    "skip_link": {"en": "Skip to content", "de": "Zum Inhalt springen"},
    "search_label": {"en": "Search press releases", "de": "Pressemitteilungen durchsuchen"},
    "search_placeholder": {"en": "e.g. Nanjing cooperation", "de": "z. B. Nanjing Kooperation"},
    "search_button": {"en": "Search", "de": "Suchen"},
    "results_one": {"en": "{n} release", "de": "{n} Pressemitteilung"},
    "results_many": {"en": "{n} releases", "de": "{n} Pressemitteilungen"},
    "results_for": {"en": "for “{q}”", "de": "für „{q}“"},
    "range": {"en": "{first}–{last} of {total}", "de": "{first}–{last} von {total}"},
    "page_size_label": {"en": "Per page", "de": "Pro Seite"},
    "no_results": {
        "en": "No release matches. Try fewer words or remove a filter.",
        "de": "Keine Pressemitteilung passt. Versuchen Sie weniger Wörter oder entfernen Sie einen Filter.",
    },
    "relaxed": {
        "en": "No release has all the words; showing the closest matches.",
        "de": "Keine Pressemitteilung enthält alle Wörter; die ähnlichsten Treffer werden gezeigt.",
    },
    "no_results_filtered": {
        "en": "No release matches with these filters:",
        "de": "Keine Pressemitteilung passt zu diesen Filtern:",
    },
    "clear_filters": {"en": "Clear filters", "de": "Filter entfernen"},
    "facet_more": {"en": "{n} more", "de": "{n} weitere"},
    "facet_left_out": {
        "en": "{n} rarer values are not listed; type in the search box to find them.",
        "de": "{n} seltenere Werte sind nicht aufgeführt; tippen Sie sie ins Suchfeld.",
    },
    "facet_filter": {"en": "Filter {facet}", "de": "{facet} filtern"},
    "facet_filter_placeholder": {"en": "Filter…", "de": "Filtern…"},
    "facet_none": {"en": "No value matches.", "de": "Kein Wert passt."},
    "suggestions": {"en": "Suggestions", "de": "Vorschläge"},
    "kind_city": {"en": "City", "de": "Stadt"},
    "kind_sector": {"en": "Sector", "de": "Branche"},
    "kind_source": {"en": "Issuer", "de": "Herausgeber"},
    "kind_wire": {"en": "Wire", "de": "Verteiler"},
    "kind_title": {"en": "Release", "de": "Meldung"},
    "did_you_mean": {"en": "Did you mean", "de": "Meinten Sie"},
    "corrected": {"en": "Showing results for", "de": "Ergebnisse für"},
    "search_instead": {"en": "search instead for", "de": "stattdessen suchen nach"},
    "crosslang": {
        "en": "Also showing {target} releases for “{query}”.",
        "de": "Auch Pressemitteilungen auf {target} für „{query}“.",
    },
    "crosslang_only": {"en": "only {source}", "de": "nur auf {source}"},
    "sort_label": {"en": "Sort by", "de": "Sortieren nach"},
    "sort_relevance": {"en": "Relevance", "de": "Relevanz"},
    "sort_newest": {"en": "Newest first", "de": "Neueste zuerst"},
    "sort_oldest": {"en": "Oldest first", "de": "Älteste zuerst"},
    "filters": {"en": "Filters", "de": "Filter"},
    "show_filters": {"en": "Show filters", "de": "Filter anzeigen"},
    "hide_filters": {"en": "Hide filters", "de": "Filter ausblenden"},
    "apply": {"en": "Apply", "de": "Anwenden"},
    "date_range": {"en": "Date range", "de": "Zeitraum"},
    "date_from": {"en": "From", "de": "Von"},
    "date_to": {"en": "To", "de": "Bis"},
    "active_filters": {"en": "Active filters", "de": "Aktive Filter"},
    "remove_filter": {"en": "Remove filter {label}", "de": "Filter {label} entfernen"},
    "select_value": {"en": "Select {label}", "de": "{label} auswählen"},
    "clear_all": {"en": "Clear all", "de": "Alle entfernen"},
    "also_in": {"en": "also in {language}", "de": "auch auf {language}"},
    "pagination": {"en": "Pages", "de": "Seiten"},
    "prev": {"en": "Previous", "de": "Zurück"},
    "next": {"en": "Next", "de": "Weiter"},
    "page_n": {"en": "Page {n}", "de": "Seite {n}"},
    "no_date": {"en": "undated", "de": "ohne Datum"},
    "back_to_results": {"en": "Back to results", "de": "Zurück zu den Ergebnissen"},
    "metadata": {"en": "Details", "de": "Angaben"},
    "meta_date": {"en": "Date", "de": "Datum"},
    "meta_language": {"en": "Language", "de": "Sprache"},
    "meta_dateline": {"en": "Dateline", "de": "Ortsmarke"},
    "meta_country": {"en": "Country", "de": "Land"},
    "meta_cities": {"en": "Cities", "de": "Städte"},
    "meta_sectors": {"en": "Sectors", "de": "Branchen"},
    "meta_source": {"en": "Source", "de": "Quelle"},
    "meta_wire": {"en": "Wire", "de": "Verteiler"},
    "meta_tags": {"en": "Keywords", "de": "Schlagwörter"},
    "meta_file": {"en": "Archive file", "de": "Archivdatei"},
    "meta_files": {"en": "Archive files (identical text)", "de": "Archivdateien (gleicher Text)"},
    "download_original": {"en": "Download the original file", "de": "Originaldatei herunterladen"},
    "original_url": {"en": "Original publication", "de": "Originalveröffentlichung"},
    "other_languages": {"en": "Other languages", "de": "Andere Sprachen"},
    "linked_because": {"en": "linked:", "de": "verknüpft:"},
    "more_like_this": {"en": "More like this", "de": "Ähnliche Pressemitteilungen"},
    "contact": {"en": "Contact", "de": "Kontakt"},
    "about": {"en": "About", "de": "Über"},
    "interface_language": {"en": "Interface language", "de": "Sprache der Oberfläche"},
    "feed": {"en": "Atom feed of this search", "de": "Atom-Feed dieser Suche"},
    "feed_title": {"en": "Press releases", "de": "Pressemitteilungen"},
    "error_title": {"en": "Something went wrong", "de": "Etwas ist schiefgegangen"},
    "error_400": {"en": "Bad request", "de": "Ungültige Anfrage"},
    "error_401": {"en": "Login required", "de": "Anmeldung erforderlich"},
    "error_403": {"en": "Forbidden", "de": "Zugriff verweigert"},
    "error_404": {"en": "Not found", "de": "Nicht gefunden"},
    "error_405": {"en": "Method not allowed", "de": "Methode nicht erlaubt"},
    "error_409": {"en": "Busy", "de": "Beschäftigt"},
    "error_413": {"en": "Too large", "de": "Zu groß"},
    "error_422": {"en": "Unreadable", "de": "Nicht lesbar"},
    "error_429": {"en": "Too many requests", "de": "Zu viele Anfragen"},
    "error_500": {"en": "Internal error", "de": "Interner Fehler"},
    "error_503": {"en": "Not available yet", "de": "Noch nicht verfügbar"},
    "no_index": {
        "en": "No index yet: run `releasesearch index` to build it from the archive.",
        "de": "Noch kein Index: Führen Sie `releasesearch index` aus, um ihn aus dem Archiv zu bauen.",
    },
    "home": {"en": "Back to the search", "de": "Zurück zur Suche"},
    "admin": {"en": "Admin", "de": "Verwaltung"},
    "admin_login": {"en": "Admin login", "de": "Anmeldung Verwaltung"},
    "admin_token": {"en": "Admin token", "de": "Verwaltungs-Token"},
    "log_in": {"en": "Log in", "de": "Anmelden"},
    "log_out": {"en": "Log out", "de": "Abmelden"},
    "wrong_token": {"en": "Wrong token.", "de": "Falsches Token."},
    "index_status": {"en": "Index status", "de": "Indexstatus"},
    "crosslang_status": {"en": "Cross-language search", "de": "Sprachübergreifende Suche"},
    "crosslang_on": {
        "en": "on (FreeDict English-German dictionary in {folder})",
        "de": "an (FreeDict-Wörterbuch Englisch-Deutsch in {folder})",
    },
    "crosslang_off": {
        "en": "off: no dictionary in {folder} (apt-get install dict-freedict-eng-deu dict-freedict-deu-eng)",
        "de": "aus: kein Wörterbuch in {folder} (apt-get install dict-freedict-eng-deu dict-freedict-deu-eng)",
    },
    "documents": {"en": "Documents", "de": "Dokumente"},
    "last_change": {"en": "Index last changed", "de": "Index zuletzt geändert"},
    "last_run": {"en": "Last run in this process", "de": "Letzter Lauf in diesem Prozess"},
    "never": {"en": "never", "de": "nie"},
    "running": {"en": "Re-index running", "de": "Neuindizierung läuft"},
    "idle": {"en": "idle", "de": "bereit"},
    "progress": {"en": "{done} of {total} files", "de": "{done} von {total} Dateien"},
    "errors_last_run": {"en": "Errors of the last run", "de": "Fehler des letzten Laufs"},
    "no_errors": {"en": "none", "de": "keine"},
    "update_index": {"en": "Update index", "de": "Index aktualisieren"},
    "rebuild_index": {"en": "Rebuild index", "de": "Index neu aufbauen"},
    "reindex_started": {"en": "Re-index started.", "de": "Neuindizierung gestartet."},
    "upload": {"en": "Upload releases", "de": "Pressemitteilungen hochladen"},
    "upload_file": {"en": "Release file", "de": "Datei"},
    "upload_hint": {
        "en": "Accepted: {suffixes}; at most {mb} MB. Files are saved under archive/uploads/.",
        "de": "Erlaubt: {suffixes}; höchstens {mb} MB. Dateien werden unter archive/uploads/ gespeichert.",
    },
    "upload_button": {"en": "Upload and index", "de": "Hochladen und indizieren"},
    "uploaded": {
        "en": "Saved {name}; indexing it now.",
        "de": "{name} gespeichert; wird jetzt indiziert.",
    },
    "uploaded_queued": {
        "en": "Saved {name}; a re-index is running, the file is indexed when it has finished.",
        "de": "{name} gespeichert; eine Neuindizierung läuft, die Datei wird danach indiziert.",
    },
    "state_result": {"en": "Result", "de": "Ergebnis"},
    "state_ok": {"en": "finished", "de": "fertig"},
    "state_failed": {"en": "failed", "de": "fehlgeschlagen"},
}


def translator(language: str) -> Translator:
    """A ``t(key, **values)`` bound to one language, for templates and flash messages."""

    def t(key: str, **values: object) -> str:
        entry = STRINGS[key]
        text = entry.get(language) or entry[DEFAULT]
        return text.format(**values) if values else text

    return t


def count_label(n: int, language: str) -> str:
    """``"1 release"`` / ``"12 Pressemitteilungen"``: the only plural the interface needs."""
    return translator(language)("results_one" if n == 1 else "results_many", n=n)


def range_label(result: SearchResult, language: str) -> str:
    """``"11–20 of 36"``: which hits this page shows; empty when there are none."""
    if not result.hits:
        return ""
    first = (result.page - 1) * result.page_size + 1
    last = first + len(result.hits) - 1
    return translator(language)("range", first=first, last=last, total=result.total)


def negotiate(request: Request) -> str:
    """``?hl=`` beats the ``hl`` cookie beats Accept-Language; English when nothing matches."""
    asked = request.args.get("hl", "")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT


def format_date(date: dt.date | None, language: str) -> str:
    """``"5 March 2026"`` / ``"5. März 2026"``; the ISO form goes in ``<time datetime>``."""
    if date is None:
        return translator(language)("no_date")
    return months.format_date(date, language)
