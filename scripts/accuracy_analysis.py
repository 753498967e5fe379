"""Measure the analysis chain: Snowball fidelity, decompounding accuracy, folding, speed.

Run from the repository root (the data folder is read by path, never copied)::

    python scripts/accuracy_analysis.py [--data ../shared/data] [--sample 2000]

Definitions used for the figures:

* Snowball: ``stem(word)`` against the full current German and English gold files
  (``snowball_stemmer_gold/current``); 100 % is required.
* Exact split (GermaNet, ``german_compounds_gold/split_compounds_from_GermaNet18.0.txt``):
  among alphabetic compounds (no digits, hyphens or spaces), a random sample (seed 7).
  A split is exact when our parts can be cut once so that the trailing parts joined
  equal the gold head exactly (lowercase) and the leading parts joined match one gold
  modifier alternative "by lemma": equal, or equal after removing a linking element
  (ours starts with gold, at most 3 letters more), or gold starts with ours (a
  dropped -e/-en, verb stems "fahr" for "fahren", at most 3 letters less), or both
  have the same Snowball stem ("städte"/"stadt").  Our splitter goes down to the
  smallest parts, so the gold head may be several of our parts ("netz"+"betreiber").
  "two-part exact" additionally requires that we produced exactly two parts.
* False split (GermaNet simplex words): words of >= 6 letters that occur in the gold
  file as a head or modifier but never as a compound, and that are not themselves
  an unlisted compound in the gold vocabulary's own sense (no cut into a gold word +
  optional linking element and a gold head/compound of >= 3 letters each).  A word
  counts as falsely split when ``decompound`` returns any parts.
* Wikidata lexemes (CC0, noisy): rows whose parts are >= 2 plain words (no affix
  rows such as "-ung"); exact when our parts can be grouped, in order, onto the gold
  parts with the last group equal to the last gold part and the others matching by
  lemma as above.
* Folding: on ``wordfreq.top_n_list("de", 200000)``, how many words each ae/oe/ue
  rule respells, and how many of those collide with a different word of the list
  (a false conflation: the word's umlaut spelling is not in the list, so the pair
  was no transliteration, yet the respelled key equals the accent-folded key of
  another list word, e.g. poet -> pot).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import wordfreq

from releasesearch.analysis import (
    english_analyzer,
    fold_accents,
    german_analyzer,
    neutral_analyzer,
    stem,
)
from releasesearch.compounds import decompound, zipf

Row = tuple[str, list[str], str]


def snowball(data: Path) -> None:
    for language, code in (("german", "de"), ("english", "en")):
        folder = data / "snowball_stemmer_gold" / "current" / language
        words = (folder / "voc.txt").read_text(encoding="utf-8").split("\n")
        stems = (folder / "output.txt").read_text(encoding="utf-8").split("\n")
        pairs = [(w, s) for w, s in zip(words, stems, strict=True) if w]
        good = sum(stem(w, code) == s for w, s in pairs)
        print(f"snowball {language}: {good}/{len(pairs)} = {good / len(pairs):.2%}")


def read_germanet(path: Path) -> list[Row]:
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        fields = line.split("\t")
        if len(fields) == 3 and fields[1]:
            rows.append((fields[0], fields[1].lower().split("|"), fields[2].lower()))
    return rows


def modifier_matches(ours: str, gold: str) -> bool:
    """Whether our modifier (with linking element) is the gold lemma, see module doc."""
    if ours == gold:
        return True
    if ours.startswith(gold) and len(ours) - len(gold) <= 3:
        return True
    if gold.startswith(ours) and len(gold) - len(ours) <= 3:
        return True
    return stem(ours, "de") == stem(gold, "de")


def groups_match(parts: tuple[str, ...], gold: list[list[str]]) -> bool:
    """Can ``parts`` be cut into len(gold) runs: last run == gold head, others by lemma?"""
    if len(gold) == 1:
        return "".join(parts) in gold[0]
    for cut in range(1, len(parts) - len(gold) + 2):
        head = "".join(parts[:cut])
        if any(modifier_matches(head, alt) for alt in gold[0]) and groups_match(
            parts[cut:], gold[1:]
        ):
            return True
    return False


def germanet_compounds(rows: list[Row], sample: int) -> None:
    plain = [r for r in rows if r[0].isalpha() and all(m.isalpha() for m in r[1])]
    chosen = random.Random(7).sample(plain, min(sample, len(plain)))
    exact = two_part = unsplit = same_term = 0
    misses: list[str] = []
    for compound, modifiers, head in chosen:
        parts = decompound(compound)
        if not parts:
            unsplit += 1
        if len(parts) >= 2 and groups_match(parts, [modifiers, [head]]):
            exact += 1
            two_part += len(parts) == 2
            same_term += _modifier_term_found(compound, modifiers)
        elif len(misses) < 25:
            misses.append(f"{compound}={'|'.join(modifiers)}+{head}: {parts}")
    n = len(chosen)
    print(f"germanet compounds: {n} sampled from {len(plain)} alphabetic")
    print(f"  exact {exact / n:.1%}, two-part exact {two_part / n:.1%}, unsplit {unsplit / n:.1%}")
    print(f"  a query for the gold modifier lemma finds the compound in {same_term / n:.1%}")
    print("  e.g. misses: " + "; ".join(misses[:12]))


def _modifier_term_found(compound: str, modifiers: list[str]) -> bool:
    """Whether the German chain indexes the modifier lemma's query term for the compound."""
    indexed = {t.text for t in _GERMAN(compound, mode="index")}
    return any(t.text in indexed for alt in modifiers for t in _GERMAN(alt, mode="query"))


_GERMAN = german_analyzer()


def germanet_simplex(rows: list[Row], sample: int) -> None:
    compounds = {r[0].lower() for r in rows}
    constituents = {m for r in rows for m in r[1]} | {r[2] for r in rows}
    vocabulary = compounds | constituents
    candidates = sorted(
        w
        for w in constituents
        if len(w) >= 6 and w.isalpha() and w not in compounds and not _gold_compound(w, vocabulary)
    )
    chosen = random.Random(7).sample(candidates, min(sample, len(candidates)))
    split = [w for w in chosen if decompound(w)]
    print(f"germanet simplex: {len(chosen)} sampled from {len(candidates)}")
    print(
        f"  false splits {len(split) / len(chosen):.1%}: "
        + ", ".join(f"{w}={decompound(w)}" for w in split[:15])
    )


def _gold_compound(word: str, vocabulary: set[str]) -> bool:
    for cut in range(3, len(word) - 2):
        head, modifier = word[cut:], word[:cut]
        if head not in vocabulary:
            continue
        if modifier in vocabulary or any(
            modifier.endswith(link) and modifier[: -len(link)] in vocabulary
            for link in ("s", "es", "n", "en", "er", "e", "ens")
        ):
            return True
    return False


def wikidata(path: Path) -> None:
    total = exact = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [f.lower() for f in line.split("\t")]
        word, gold = fields[0], fields[1:]
        if len(gold) < 2 or not word.isalpha() or not all(g.isalpha() for g in gold):
            continue
        total += 1
        parts = decompound(word)
        exact += len(parts) >= 2 and groups_match(parts, [[g] for g in gold])
    print(f"wikidata lexemes de: exact {exact}/{total} = {exact / max(total, 1):.1%}")


# The lexicon-based respelling measured against the context rule (neither is in the
# product: the German chain leaves umlaut spellings to Snowball, see analysis.py).
_UMLAUT_SPELLINGS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))
_VOWELS = frozenset("aeiouäöüy")


@lru_cache(maxsize=200_000)
def untransliterate(word: str) -> str:
    """``word`` with ae/oe/ue read as ä/ö/ü where that spelling is the likelier German word.

    Only a lexicon can tell "Muenchen" (München) from "aktuell" or "Poet": the umlaut
    spelling must be a known German word more frequent than the ae/oe/ue spelling.
    "qu" and a vowel before the pair (neue, Feuer, Bauer) never count.
    """
    candidate = word
    for pair, umlaut in _UMLAUT_SPELLINGS:
        candidate = _replace_pairs(candidate, pair, umlaut)
    if candidate == word:
        return word
    return candidate if zipf(candidate) > zipf(word) else word


def _replace_pairs(word: str, pair: str, umlaut: str) -> str:
    """Replaces each ``pair`` not preceded by a vowel or q with ``umlaut``."""
    start = word.find(pair)
    while start >= 0:
        before = word[start - 1] if start else ""
        if before not in _VOWELS and before != "q":
            word = word[:start] + umlaut + word[start + 2 :]
        start = word.find(pair, start + 1)
    return word


def fold(text: str) -> str:
    """The language-neutral key of German (or any) text, for matching names and labels.

    Lowercases, reads transliterated umlauts back (:func:`untransliterate`), then
    folds all diacritics: München, Muenchen, Munchen and MÜNCHEN all give "munchen".
    The first call loads the wordfreq lexicon (about 0.4 s) if the text holds an
    ae/oe/ue pair.
    """
    lowered = text.lower()
    if "e" in lowered:
        lowered = _TEXT_WORD_RE.sub(_untransliterate_match, lowered)
    return lowered if lowered.isascii() else fold_accents(lowered)


_TEXT_WORD_RE = re.compile(r"[^\W\d_]*[aou]e[^\W\d_]*")


def _untransliterate_match(match: re.Match[str]) -> str:
    return untransliterate(match.group())


_PAIR = re.compile(r"(?<![aeiouäöüyq])([aou])e")
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü"}


def _context_rule(word: str) -> str:
    """The lexicon-free alternative: respell every ae/oe/ue not after a vowel or q."""
    return fold_accents(_PAIR.sub(r"\1", word))


def folding() -> None:
    words = [w for w in wordfreq.top_n_list("de", 200_000) if w.isalpha()]
    known = set(words)
    keys = {fold_accents(w) for w in words}
    rules: dict[str, Callable[[str], str]] = {"lexicon (fold)": fold, "context rule": _context_rule}
    for name, rule in rules.items():
        changed = [w for w in words if rule(w) != fold_accents(w)]
        false = [w for w in changed if rule(w) in keys and _umlaut_spelling(w) not in known]
        print(
            f"folding {name}: respells {len(changed)} of {len(words)} words, "
            f"false conflations {len(false)} ({len(false) / len(words):.3%}): "
            + ", ".join(f"{w}->{rule(w)}" for w in false[:12])
        )


def _umlaut_spelling(word: str) -> str:
    """The word with its ae/oe/ue pairs written as umlauts: a transliteration if that is a word."""
    return _PAIR.sub(lambda m: _UMLAUT[m.group(1)], word)


def timing(repo: Path, data: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((repo / "archive").glob("*.txt"))]
    german = [
        _strip_tags(p.read_text(encoding="utf-8"))
        for p in sorted((data / "press_releases_en_de_fsfe").rglob("*.de.xhtml"))
    ]
    for name, analyzer in (
        ("english", english_analyzer()),
        ("german", german_analyzer()),
        ("neutral", neutral_analyzer()),
    ):
        for label, texts in (("seeds", seeds), ("fsfe de", german)):
            _time_chain(f"{name} on {label}", analyzer, texts)


def _time_chain(label: str, analyzer: Callable[..., Iterable[object]], texts: list[str]) -> None:
    start = time.perf_counter()
    count = sum(
        1 for text in texts for _ in analyzer(text, mode="index", positions=True, chars=True)
    )
    cold = time.perf_counter() - start
    start = time.perf_counter()
    rounds = 40
    for _ in range(rounds):
        for text in texts:
            for _ in analyzer(text, mode="index", positions=True, chars=True):
                pass
    warm = time.perf_counter() - start
    print(
        f"timing {label}: first pass {count / cold:,.0f} tokens/s, "
        f"warm {count * rounds / warm:,.0f} tokens/s ({count} tokens per pass)"
    )


def _strip_tags(xhtml: str) -> str:
    return re.sub(r"<[^>]+>", " ", xhtml)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    gold = args.data / "german_compounds_gold"
    snowball(args.data)
    rows = read_germanet(gold / "split_compounds_from_GermaNet18.0.txt")
    start = time.perf_counter()
    germanet_compounds(rows, args.sample)
    germanet_simplex(rows, args.sample)
    wikidata(gold / "wikidata_lexeme_compounds_de.tsv")
    print(f"  (splitting incl. lexicon load: {time.perf_counter() - start:.1f} s)")
    folding()
    timing(repo, args.data)


if __name__ == "__main__":
    main()
