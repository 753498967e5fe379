"""Which sectors a release is about, from its metadata or from what it says it is about.

Explicit metadata wins (a front-matter ``sector``, a CSV column, HTML keywords).
Otherwise each sector is scored from weighted cue terms (``data/sector_cues.json``):
a cue counts by its weight, a repeated cue only logarithmically, and where it
stands multiplies it: the title and the lead paragraph say what the release is
about, the issuer's "About …" paragraph what the company does; the rest of the
body counts once. German compounds are split before matching, so
"Wohnimmobilienmarkt" hits ``immobilien``. Which of the sectors so scored a
release gets is decided by a small trained model (:mod:`.sector_model`): its
most likely sector, up to two more that are likely too, and none when even the
best is unlikely, since an empty facet value misleads less than a wrong one.
Measured against the gold set in ``eval/sectors/`` by
``scripts/accuracy_sectors.py``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from releasesearch.compounds import decompound
from releasesearch.vocab.sectors import MAX_SECTORS, resolve_sector

from .sector_model import Evidence, model

TITLE = 3.0  # field weights: where a cue stands says how central it is
LEAD = 2.0
ABOUT = 2.0
BODY = 1.0
LEAD_CHARS = 400
ABOUT_CHARS = 600
STRONG = 3.0  # a cue of this weight says the sector on its own
MIN_SPLIT = 9  # German words at least this long are split into their parts
GENITIVE_MIN = 4  # and longer ones ending in -s are tried without it ("Militärs")

DF_FILE = "sector_cue_df.json"  # in how many archive releases each cue occurs, per language
FOCUS = "with a focus on"  # a wire brand's boilerplate: what its releases are about
COMMON = 0.1  # a cue in more than this share of the archive's releases counts less,
FLOOR = 0.25  # down to this factor for a cue in nearly every release

Hit = tuple[str, str, float, float]  # (sector id, cue, weight, distinctiveness)


@dataclass(frozen=True, slots=True)
class _Cues:
    """Every sector's cues in lookup tables, so a text is tokenised and scanned once."""

    words: dict[str, tuple[Hit, ...]]  # whole words
    prefixes: dict[str, tuple[Hit, ...]]  # word-start prefixes; () blocks ("investig")
    # the lengths of the prefixes that start with these three letters, longest first, and
    # of the whole words that end in them: a word is checked only against what can match
    prefix_sizes: dict[str, tuple[int, ...]]
    tail_sizes: dict[str, tuple[int, ...]]
    # phrases by their first word: (the other words, last one a prefix?, hits);
    # an ignored phrase ("newsworthy.ai") has no hits and silences its words
    phrases: dict[str, tuple[tuple[tuple[str, ...], bool, tuple[Hit, ...]], ...]]
    about_ignore: tuple[str, ...]  # an "About" paragraph with one of these says nothing
    # a disclaimer naming one of these terms says the release is in that sector
    # (a crypto wire's "before investing in or trading cryptocurrency")
    disclaimer: tuple[tuple[str, str], ...]


_WORD = re.compile(r"[^\W_]+")


def _data(name: str) -> str:
    return (
        resources.files("releasesearch.enrich").joinpath("data").joinpath(name).read_text("utf-8")
    )


def _load(language: str) -> _Cues:
    """The cue tables of one language: its own cues ("de:brand") and those of both."""
    data = json.loads(_data("sector_cues.json"))
    try:
        df = json.loads(_data(DF_FILE))
    except FileNotFoundError:  # scripts/build_sector_df.py has not written it yet
        df = {"documents": {language: 1}, language: {}}
    documents = float(df["documents"][language])
    counts: dict[str, int] = df[language]

    def distinct(sid: str, term: str) -> float:
        share = counts.get(f"{sid}|{term}", 0) / documents
        if share <= COMMON:
            return 1.0
        return max(FLOOR, math.log(1.0 / share) / math.log(1.0 / COMMON))

    words: dict[str, list[Hit]] = {}
    prefixes: dict[str, list[Hit]] = {b: [] for b in data["blockers"]}
    ignored = [tuple(_WORD.findall(p)) for p in data["ignore"]]
    words.update({p[0]: [] for p in ignored if len(p) == 1})
    phrases: dict[tuple[tuple[str, ...], bool], list[Hit]] = {
        (p, True): [] for p in ignored if len(p) > 1
    }
    for sid, by_weight in data["sectors"].items():
        for weight, cues in by_weight.items():
            for cue in (c.strip() for c in cues.split(",")):
                tag, colon, rest = cue.partition(":")
                if colon and tag in LANGUAGES:
                    if tag != language:
                        continue
                    cue = rest
                term = cue.lstrip("=")
                hit = (sid, term, float(weight), distinct(sid, term))
                parts = tuple(_WORD.findall(term))
                if len(parts) > 1:
                    phrases.setdefault((parts, not cue.startswith("=")), []).append(hit)
                else:
                    (words if cue.startswith("=") else prefixes).setdefault(term, []).append(hit)
    by_first: dict[str, list[tuple[tuple[str, ...], bool, tuple[Hit, ...]]]] = {}
    for (parts, prefix), hits in sorted(phrases.items(), key=lambda kv: -len(kv[0][0])):
        by_first.setdefault(parts[0], []).append((parts[1:], prefix, tuple(hits)))
    disclaimer = data.get("disclaimer_cues", {})
    return _Cues(
        {w: tuple(h) for w, h in words.items()},
        {p: tuple(h) for p, h in prefixes.items()},
        _sizes((p[:3], len(p)) for p in prefixes if len(p) >= 3),
        _sizes((w[-3:], len(w)) for w in words if len(w) >= 4),
        {w: tuple(p) for w, p in by_first.items()},
        tuple(data.get("about_ignore", ())),
        tuple((term, str(sid)) for term, sid in disclaimer.items()),
    )


def _sizes(keyed: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    sizes: dict[str, set[int]] = {}
    for key, size in keyed:
        sizes.setdefault(key, set()).add(size)
    return {key: tuple(sorted(found, reverse=True)) for key, found in sizes.items()}


LANGUAGES = ("en", "de")
_EN = _load("en")
_DE = _load("de")


def _lookup(cues: _Cues) -> Callable[[str], tuple[Hit, ...]]:
    """The cues one word hits in these tables: the whole word, else its longest cue prefix.

    Cached: an archive repeats its vocabulary, so most words are looked up once.
    """

    @lru_cache(maxsize=200_000)
    def word_hits(word: str) -> tuple[Hit, ...]:
        if word in cues.words:
            return cues.words[word]
        for size in cues.prefix_sizes.get(word[:3], ()):
            if size <= len(word):
                hits = cues.prefixes.get(word[:size])
                if hits is not None:
                    return hits
        return ()

    return word_hits


_word_hits = _lookup(_EN)
_german_word_hits = _lookup(_DE)


@lru_cache(maxsize=200_000)
def _german_hits(word: str) -> tuple[Hit, ...]:
    """A German word's cues, or, when it hits none itself, those of its compound parts.

    Splitting every long word costs more than classifying the rest of the release, so
    a word is split only when it ends in a whole-word cue and either that cue says a
    sector on its own ("Batterierecycling") or what stands before it is a cue too
    ("Immobilienmarkt"); then all its parts count ("Wohnimmobilienmarkt" ->
    immobilien, markt).

    A whole-word cue also matches its genitive ("des Militärs", "Erdogans", "des
    Krieges"): German whole-word cues are written in the nominative.
    """
    hits = _german_word_hits(word)
    if hits:
        return hits
    if word.endswith("s") and len(word) > GENITIVE_MIN:
        stem = word[:-2] if word.endswith("es") and word[:-2] in _DE.words else word[:-1]
        if stem in _DE.words:
            return _DE.words[stem]
    if len(word) < MIN_SPLIT:
        return hits
    longest = len(word) - 3  # the head keeps at least three letters
    tail = next(
        (
            word[-size:]
            for size in _DE.tail_sizes.get(word[-3:], ())
            if size <= longest and word[-size:] in _DE.words
        ),
        "",
    )
    if not tail:
        return ()
    strong = any(hit[2] >= STRONG for hit in _DE.words[tail])
    if not strong and not _german_word_hits(word[: -len(tail)]):
        return ()  # a hint at the end of an unknown word is not worth the split
    parts = decompound(word)
    if not parts or not any("".join(parts[k:]) == tail for k in range(1, len(parts))):
        return ()  # "Beispiel" is no compound of "spiel"
    return tuple(h for part in parts for h in _german_word_hits(part))


def _phrase_at(cues: _Cues, words: list[str], i: int) -> tuple[int, tuple[Hit, ...]] | None:
    """The longest phrase starting at word ``i``: how many words it spans, and its hits."""
    for rest, prefix, hits in cues.phrases[words[i]]:
        end = i + 1 + len(rest)
        if end > len(words) or tuple(words[i + 1 : end - 1]) != rest[:-1]:
            continue
        last = words[end - 1]
        if last == rest[-1] or (prefix and last.startswith(rest[-1])):
            return len(rest) + 1, hits
    return None


# A German newspaper names its sources: "berichtet die Zeitung", "sagte er dem US-Magazin
# Time", "laut dem Spiegel", "Medienberichten zufolge". Such an outlet says where a story
# comes from, not that it is about the media, so it is dropped before matching.
_SAYS = frozenset(
    "laut zufolge berichtet berichtete berichteten sagte sagten meldet meldete meldeten "
    "schreibt schrieb zitiert zitierte gegenüber".split()
)
_OUTLETS = frozenset("radio spiegel orf ard zdf rtl reuters bloomberg".split())
_OUTLET_ENDS = ("zeitung", "zeitungen", "sender", "magazin", "agentur", "medien", "berichten")
_NEAR = 4  # an outlet this many words after a source verb, or before it, is its source


def _drop_attributions(words: list[str], tf: Counter[str]) -> None:
    """Blank the outlets a German text cites as sources, the one nearest each source verb.

    In place, in the word list (so no phrase starts there) and in its counts. The verbs
    are found through the counts and ``list.index``, both in C: a loop over every word
    would cost a tenth of the classification.
    """
    for verb in [verb for verb in _SAYS if verb in tf]:
        i = -1
        for _ in range(tf[verb]):
            i = words.index(verb, i + 1)
            after = range(i + 1, min(i + 1 + _NEAR, len(words)))
            before = range(i - 1, max(i - 1 - _NEAR, -1), -1)
            for j in (*after, *before):
                if words[j] in _OUTLETS or words[j].endswith(_OUTLET_ENDS):
                    tf[words[j]] -= 1
                    words[j] = ""  # hits no cue and starts no phrase
                    break


def _cue_counts(text: str, german: bool) -> Counter[Hit]:
    """How often each cue occurs; phrases first, their words then no longer count alone.

    Counted over distinct words (a release repeats most of its words), so the Python
    loop runs a few hundred times, not once per word.
    """
    cues = _DE if german else _EN
    words = _WORD.findall(text)
    tf = Counter(words)
    if german:
        _drop_attributions(words, tf)
    counts: Counter[Hit] = Counter()
    if not cues.phrases.keys().isdisjoint(tf):
        free = 0  # phrases do not overlap: the next may start where the last one ended
        for i in [i for i, word in enumerate(words) if word in cues.phrases]:
            phrase = _phrase_at(cues, words, i) if i >= free else None
            if phrase is not None:
                span, hits = phrase
                counts.update(hits)
                tf.subtract(words[i : i + span])
                free = i + span
    lookup = _german_hits if german else _word_hits
    for word, hits in zip(tf, map(lookup, tf), strict=True):  # the cached lookups run in C
        if hits and tf[word] > 0:
            for hit in hits:
                counts[hit] += tf[word]
    return counts


@dataclass(frozen=True, slots=True)
class _About:
    """What the "About …" paragraph may say: its text, a wire brand's focus, a disclaimer's sector."""

    text: str = ""
    focus: str = ""  # "a specialized communications platform with a focus on EVs …"
    warned: str = ""  # the sector a disclaimer warns about ("trading cryptocurrency")


def _about(about: str) -> _About:
    """The issuer's self-description, if it says what the release is about.

    A disclaimer parked there says nothing of the sector, unless it names the kind of
    asset it warns about (``disclaimer_cues``: a crypto wire's "trading cryptocurrency").
    The boilerplate of a wire brand or of a research firm writing about another company
    (``about_ignore``) is not the issuer's; only a brand's "with a focus on …" clause says
    something, and only through cues that name a sector on their own.
    """
    head = about[:ABOUT_CHARS]
    lowered = head.lower()
    if lowered.lstrip().startswith(("disclaimer", "forward-looking")):
        return _About(warned=next((sid for term, sid in _EN.disclaimer if term in lowered), ""))
    if not any(marker in lowered for marker in _EN.about_ignore):
        return _About(text=head)
    _before, found, focus = lowered.partition(FOCUS)
    return _About(focus=focus.split(".", 1)[0] if found else "")


def sector_evidence(
    text: str, title: str = "", about: str = "", language: str | None = None
) -> dict[str, Evidence]:
    """Per sector: the weighted cue score of title, lead, body and "About" paragraph.

    A cue counts by its weight times its distinctiveness in the archive (``df``), so a
    word that half of all releases use ("market", "team", "platform") adds little.
    """
    german = (language or "").startswith("de")
    if title and title.lower() in text[: len(title) + 200].lower():
        title = ""  # a title that opens the body is already its lead
    fields: dict[str, list[float]] = {}  # title, lead, body, about, strong
    seen: set[tuple[str, str]] = set()  # (sector, cue): how many distinct cues hit
    said = _about(about)
    parts = (title, text[:LEAD_CHARS], text[LEAD_CHARS:], said.text, said.focus)
    weights = (TITLE, LEAD, BODY, ABOUT, ABOUT)
    for index, (part, weight) in enumerate(zip(parts, weights, strict=True)):
        if not part:
            continue
        for (sid, cue, cue_weight, distinct), n in _cue_counts(part.lower(), german).items():
            if index == 4 and cue_weight < STRONG:
                continue  # a wire brand's focus counts only where it names a sector
            value = weight * cue_weight * distinct * (1.0 + math.log(n))  # a repeat adds little
            field = fields.get(sid)
            if field is None:
                field = fields[sid] = [0.0, 0.0, 0.0, 0.0, 0.0]
            field[min(index, 3)] += value
            if cue_weight >= STRONG:
                field[4] += value
            seen.add((sid, cue))
    if said.warned:  # the disclaimer counts as one strong cue in the "About" paragraph
        field = fields.setdefault(said.warned, [0.0, 0.0, 0.0, 0.0, 0.0])
        field[3] += ABOUT * STRONG
        field[4] += ABOUT * STRONG
        seen.add((said.warned, "disclaimer"))
    cues = Counter(sid for sid, _cue in seen)
    return {
        sid: Evidence(f[0], f[1], f[2], f[3], strong=f[4], cues=cues[sid])
        for sid, f in fields.items()
    }


def cues_read(
    text: str, title: str = "", about: str = "", language: str | None = None
) -> set[tuple[str, str]]:
    """The (sector, cue) pairs the classifier reads in a release (what ``df`` counts)."""
    words = " ".join((title, text, _about(about).text)).lower()
    german = (language or "").startswith("de")
    return {(sid, cue) for sid, cue, _weight, _distinct in _cue_counts(words, german)}


def sector_scores(
    text: str, title: str = "", about: str = "", language: str | None = None
) -> dict[str, float]:
    """Weighted cue scores per sector over title, lead, body and the "About" paragraph."""
    return {s: e.score for s, e in sector_evidence(text, title, about, language).items()}


def declared_sectors(declared: tuple[str, ...]) -> tuple[str, ...]:
    """The ids that metadata names (front matter, a CSV column, HTML keywords), at most three."""
    return tuple(dict.fromkeys(s for s in map(resolve_sector, declared) if s))[:MAX_SECTORS]


def find_sectors(
    text: str,
    declared: tuple[str, ...] = (),
    title: str = "",
    *,
    about: str = "",
    language: str | None = None,
) -> tuple[str, ...]:
    """Declared sectors mapped to ids when there are any; else the likely ones, main first."""
    explicit = declared_sectors(declared)
    if explicit:
        return explicit
    evidence = sector_evidence(text, title, about, language)
    return model().decide(evidence, german=(language or "").startswith("de"))
