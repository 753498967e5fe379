"""Pairing a release with its translations, by what the files say and by what they say.

Translations share what translators leave alone: the figures, the places, the
names, the web and e-mail addresses. Numbers are normalised across languages
("2.22 billion" and "2,22 Milliarden" both become "2.22") and, with place ids,
names ("name:fsfe"), addresses ("url:ilovefs.org", "mail:press@x.org"), form a
release's *fingerprint*. And their sentences translate into each other: a German
release's words, translated with the dictionary (:mod:`.linkwords`), cover most of
its English translation's words, an unrelated release's only the common ones.

:func:`evidence` weighs one pair, strongest rule first:

1. a translation declared in the file (``translation_of``) links, ``none`` forbids;
2. one pair key (``news-X.en.xhtml`` / ``news-X.de.xhtml``);
3. one issuer and one dateline (or none in both) within the date window;
4. content, within the date window (undated only with undated): the share of the
   English release's words that translate from the German one (at least
   :data:`MIN_SHARE`, and similar lengths), strengthened by shared fingerprint
   items; or, where words cannot be compared (no dictionary, other languages),
   the old fingerprint rule: one dateline and most of the fingerprint shared.

:func:`choose` then keeps a link one-to-one: the best candidate of the other
language links only when it clearly beats the next (ties stay unlinked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from releasesearch.model import EnrichedRelease, Release

from .linkwords import known_words, shared_count, size
from .text import normalise_source

WINDOW_DAYS = 3
MIN_SHARED = 4  # the fingerprint rule: items shared, and their Jaccard share
MIN_JACCARD = 0.5
MIN_SHARE = 0.35  # share of the English words that translate from the German release
STRONG_SHARE = 0.45  # a share this high links with no shared fingerprint item
MAX_LENGTH_RATIO = 2.5  # translations have similar lengths (distinct content words)
UNTRANSLATED = 1.5  # a translated German text has several stems a word, an untranslated one
TIE_MARGIN = 0.05  # the best candidate must beat the next by this much
ANCHOR_WEIGHT = 0.02  # score per shared fingerprint item (at most :data:`ANCHOR_CAP`)
ANCHOR_CAP = 10
FORBID = "none"
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[.,'’ ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_NAME = re.compile(r"(?<![\w@./])[A-ZÄÖÜ][\w-]*[A-Z0-9][\w-]*|(?<![\w@./-])[A-ZÄÖÜ][a-zäöüß]{2,}")
_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)


def _canonical(raw: str, language: str | None) -> str | None:
    """One spelling per number: German "2,22" and English "2.22" meet; "1.000"/"1,000" too."""
    text = raw.replace("'", "").replace("’", "").replace(" ", "")
    decimal = "," if language == "de" else "."
    group = "." if decimal == "," else ","
    if re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})+(?:\{decimal}\d+)?", text):
        text = text.replace(group, "")
    text = text.replace(decimal, ".").replace(",", ".")
    if text.count(".") > 1:
        return None
    value = text.rstrip("0").rstrip(".") if "." in text else text.lstrip("0") or "0"
    return value if len(value.replace(".", "")) >= 2 else None  # single digits say nothing


def numbers(text: str, language: str | None) -> set[str]:
    """Normalised numbers of at least two digits."""
    out = set()
    for m in _NUMBER.finditer(text):
        value = _canonical(m.group(0), language)
        if value is not None:
            out.add(value)
    return out


def names(text: str) -> set[str]:
    """Capitalised words (and acronyms) that are no common word of either language
    (rarer than ``linkwords.NAME_ZIPF`` in both): names and coinages, spelled alike."""
    known = known_words()
    return {w for w in (m.lower() for m in _NAME.findall(text)) if w not in known}


def address(raw: str) -> str | None:
    """A link target compared across languages: no scheme, no "www.", no trailing
    slash or fragment; relative paths kept as they are ("/activities/x/index.html")."""
    text = raw.strip().rstrip(".,;:").split("#", 1)[0]
    text = re.sub(r"^(?:https?:)?//", "", text, flags=re.I)
    text = re.sub(r"^www\.", "", text, flags=re.I).rstrip("/")
    if not text or text.startswith(("mailto:", "javascript:")):
        return None
    host, _, path = text.partition("/")
    return host.lower() + ("/" + path if path else "")


def addresses(release: Release) -> set[str]:
    """Web and e-mail addresses of the text and of the body's links."""
    text = release.title + "\n" + release.body
    out = {f"mail:{m.lower()}" for m in _MAIL.findall(text)}
    for link in release.links:
        if link.lower().startswith("mailto:"):
            out.add(f"mail:{link[7:].split('?', 1)[0].lower()}")
    for raw in (*_URL.findall(text), *release.links):
        found = address(raw)
        if found is not None and not raw.lower().startswith("mailto:"):
            out.add(f"url:{found}")
    return out


def fingerprint(
    release: Release, cities: Sequence[str], language: str | None = None
) -> frozenset[str]:
    """Numbers, place ids, names and addresses of a release: what survives translation."""
    text = release.title + "\n" + release.body
    items = numbers(text, language)
    items.update(f"place:{c}" for c in cities)
    items.update(f"name:{n}" for n in names(text))
    items.update(addresses(release))
    return frozenset(items)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two releases are translations, and how strongly (for ranking candidates)."""

    rule: str  # "declared" | "file name" | "issuer" | "content" | "fingerprint"
    days: int | None = None  # days between their dates (None: undated)
    shared: int = 0  # fingerprint items both have (years left out)
    share: float | None = None  # share of the English words that translate
    dateline: bool = False  # both have the same dateline city

    @property
    def score(self) -> float:
        base = {"declared": 10.0, "file name": 9.0, "issuer": 8.0}.get(self.rule, 0.0)
        return base + (self.share or 0.0) + ANCHOR_WEIGHT * min(self.shared, ANCHOR_CAP)

    def reason(self) -> str:
        """What the release page and the API say: "same date, 7 shared names and
        numbers, 82 % of words translate"."""
        parts = {
            "declared": ["declared in the file (translation_of)"],
            "file name": ["file names of one pair"],
            "issuer": ["same issuer"],
        }.get(self.rule, [])
        if self.days is not None and self.rule != "declared":
            parts.append(
                "same date" if self.days == 0 else f"{self.days} day{'s' * (self.days > 1)} apart"
            )
        if self.dateline:
            parts.append("same dateline")
        if self.shared and self.rule in ("issuer", "content", "fingerprint"):
            parts.append(f"{self.shared} shared names and numbers")
        if self.share is not None:
            parts.append(f"{round(100 * self.share)} % of words translate")
        return ", ".join(parts)


def _days_apart(a: dt.date | None, b: dt.date | None) -> int | None:
    return abs((a - b).days) if a is not None and b is not None else None


def _close(a: dt.date | None, b: dt.date | None, *, both_none: bool) -> bool:
    if a is None or b is None:
        return both_none and a is None and b is None
    return abs((a - b).days) <= WINDOW_DAYS


def declared_target(item: EnrichedRelease) -> str | None:
    """What ``translation_of`` names (None: nothing declared; :data:`FORBID`: no link)."""
    value = (item.release.declared.translation_of or "").strip()
    if not value:
        return None
    return FORBID if value.lower() in (FORBID, "-", "no", "nein", "keine") else value


def names_release(value: str, item: EnrichedRelease) -> bool:
    """Whether a ``translation_of`` value names ``item``: its id, path or file name,
    or its row key in the same batch file."""
    release = item.release
    return value in (release.id, release.path, PurePosixPath(release.path).name) or (
        release.row is not None and value == release.row
    )


def _declared(a: EnrichedRelease, b: EnrichedRelease) -> bool | None:
    """True: one declares the other its original; False: a link is forbidden; None: silent."""
    result: bool | None = None
    for one, other in ((a, b), (b, a)):
        target = declared_target(one)
        if target == FORBID:
            return False
        if target is not None:
            if names_release(target, other):
                return True
            result = False  # it declares another release
    return result


def word_share(a: EnrichedRelease, b: EnrichedRelease) -> float | None:
    """Share of the English release's stems among the German one's translated stems;
    None when either has no words or the German ones were not translated, 0 when
    their lengths differ too much."""
    english, german = (a, b) if a.meta.language == "en" else (b, a)
    if english.meta.language != "en" or german.meta.language != "de":
        return None
    en, de = english.meta, german.meta
    if not en.words or not de.words or not en.word_count or not de.word_count:
        return None
    if size(de.words) < UNTRANSLATED * de.word_count:
        return None  # German words kept only their own stems: enriched without the dictionary
    ratio = de.word_count / en.word_count
    if not 1 / MAX_LENGTH_RATIO <= ratio <= MAX_LENGTH_RATIO:
        return 0.0
    return shared_count(en.words, de.words) / size(en.words)


def _fingerprint_rule(a: EnrichedRelease, b: EnrichedRelease) -> bool:
    fa, fb = a.meta.fingerprint, b.meta.fingerprint
    shared, union = len(fa & fb), len(fa | fb)
    return shared >= MIN_SHARED and union > 0 and shared / union >= MIN_JACCARD


def evidence(a: EnrichedRelease, b: EnrichedRelease) -> Evidence | None:
    """Why ``a`` and ``b`` are translations of each other, or None (see the module)."""
    la, lb = a.meta.language, b.meta.language
    if la is None or lb is None or la == lb or a.release.id == b.release.id:
        return None
    days = _days_apart(a.meta.date, b.meta.date)
    declared = _declared(a, b)
    if declared is not None:
        return Evidence("declared", days) if declared else None
    ka, kb = a.release.declared.pair_key, b.release.declared.pair_key
    if ka is not None and ka == kb:
        return Evidence("file name", days)
    if not _close(a.meta.date, b.meta.date, both_none=True):
        return None
    shared = sum(1 for x in a.meta.fingerprint & b.meta.fingerprint if not _YEAR.match(x))
    dateline = a.meta.dateline_city is not None and a.meta.dateline_city == b.meta.dateline_city
    share = word_share(a, b)
    sa, sb = normalise_source(a.meta.source), normalise_source(b.meta.source)
    same_dateline = a.meta.dateline_city == b.meta.dateline_city  # none in both counts
    if sa is not None and sa == sb and days is not None and same_dateline:
        return Evidence("issuer", days, shared, share, dateline)
    if share is not None and (share >= STRONG_SHARE or (share >= MIN_SHARE and shared >= 2)):
        return Evidence("content", days, shared, share, dateline)
    if same_dateline and _fingerprint_rule(a, b):  # also without the dictionary
        return Evidence("fingerprint", days, shared, None, dateline)
    return None


def are_translations(a: EnrichedRelease, b: EnrichedRelease) -> bool:
    """Whether the evidence links ``a`` and ``b`` (before one-to-one is applied)."""
    return evidence(a, b) is not None


def choose(
    item: EnrichedRelease, candidates: Iterable[tuple[EnrichedRelease, bool]]
) -> tuple[int, Evidence] | None:
    """The candidate ``item`` translates, as (its position, the evidence), or None.

    ``candidates`` are (release, free): ``free`` is False when the candidate already
    has a translation in ``item``'s language (each release has at most one per
    language). Declared links and pair keys win outright; otherwise the best
    free candidate links when no other comes within :data:`TIE_MARGIN` of it.
    """
    scored: list[tuple[float, int, Evidence]] = []
    for position, (other, free) in enumerate(candidates):
        found = evidence(item, other)
        if found is not None and (free or found.rule == "declared"):
            scored.append((found.score, position, found))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    best_score, best, found = scored[0]
    if found.rule in ("declared", "file name"):
        return best, found
    rivals = [s for s in scored[1:] if s[2].rule not in ("declared", "file name")]
    if rivals and best_score - rivals[0][0] < TIE_MARGIN:
        return None
    return best, found


def _windows(items: Sequence[EnrichedRelease]) -> dict[int | None, list[int]]:
    days: dict[int | None, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        days[item.meta.date.toordinal() if item.meta.date else None].append(i)
    return days


def _candidates(
    items: Sequence[EnrichedRelease], i: int, days: dict[int | None, list[int]]
) -> list[int]:
    """Earlier releases of another language within the window, or with the same pair key."""
    item = items[i]
    key = item.release.declared.pair_key
    found = [j for j in range(i) if key and items[j].release.declared.pair_key == key]
    date = item.meta.date
    spread = range(-WINDOW_DAYS, WINDOW_DAYS + 1) if date else [None]
    for offset in spread:
        day = None if date is None or offset is None else date.toordinal() + offset
        found.extend(j for j in days.get(day, ()) if j < i)
    language = item.meta.language
    return sorted({j for j in found if items[j].meta.language != language})


def link_translations(items: Sequence[EnrichedRelease]) -> list[EnrichedRelease]:
    """Same order, each release's ``translations`` filled (both ways, ids sorted).

    Releases are linked in order, each to one earlier release of another language
    (:func:`choose`), as the indexer links them; a group holds one release per language.
    """
    days = _windows(items)
    group: list[int] = list(range(len(items)))
    languages: dict[int, set[str | None]] = {
        i: {item.meta.language} for i, item in enumerate(items)
    }
    for i, item in enumerate(items):
        pool = _candidates(items, i, days)
        chosen = choose(
            item, ((items[j], item.meta.language not in languages[group[j]]) for j in pool)
        )
        if chosen is not None:
            root = group[pool[chosen[0]]]
            group[i] = root
            languages[root].add(item.meta.language)
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(group):
        members[root].append(i)
    out = []
    for i, item in enumerate(items):
        linked = {items[j].release.id for j in members[group[i]] if j != i}
        found = tuple(sorted(linked | set(item.translations)))
        out.append(replace(item, translations=found) if found != item.translations else item)
    return out
