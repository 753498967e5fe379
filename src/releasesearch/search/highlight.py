"""Snippets: escape first, then mark.

Bodies are indexed with character offsets (``chars=True``), so the matches of a
hit are read from its postings and cut out of the stored text by
``PinpointFragmenter``: nothing is re-analysed, and a match inside a German
compound (``partnerschaft`` in ``Städtepartnerschaft``) is marked where it is.
Text between marks is HTML-escaped by the formatter; the only markup a snippet
ever contains is ``<mark>``, ``<mark class="translated">`` (a translation of a
query word, found by cross-language search) and ``</mark>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.highlight import (
    BasicFragmentScorer,
    Fragment,
    HtmlFormatter,
    PinpointFragmenter,
    top_fragments,
)
from whoosh.query import AndNot, Not, Query
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

from releasesearch.search.engine import Engine

SNIPPETS = 3
SNIPPET_CHARS = 220
SURROUND = 70


class MarkFormatter(HtmlFormatter):  # type: ignore[misc]
    """Escapes the text and wraps each match in ``<mark>``; translations of query words
    (index terms in ``translated``) in ``<mark class="translated">``."""

    def __init__(self, translated: frozenset[bytes] = frozenset()) -> None:
        super().__init__(tagname="mark", between=" … ")
        self.translated = translated

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        opening = '<mark class="translated">' if token.text in self.translated else "<mark>"
        return opening + escape(text[token.startchar : token.endchar], quote=False) + "</mark>"

    def format_fragment(self, fragment: Fragment, replace: bool = False) -> str:
        text = fragment.text
        out: list[str] = []
        index = fragment.startchar
        for token in fragment.matches:
            if token.startchar < index:
                continue  # overlaps a mark already made (a compound part inside a word)
            out.append(escape(text[index : token.startchar], quote=False))
            out.append(self.format_token(text, token))
            index = token.endchar
        out.append(escape(text[index : fragment.endchar], quote=False))
        return " ".join("".join(out).split())


_FORMATTER = MarkFormatter()
_FRAGMENTER = PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND, autotrim=True)
_SCORER = BasicFragmentScorer()


def _positive_leaves(query: Query) -> Iterator[Query]:
    """The query's leaves except those under NOT: excluded words are never marked."""
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from _positive_leaves(query.a)
        return
    if query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _positive_leaves(child)


def field_terms(query: Query, searcher: Searcher, fieldname: str) -> list[bytes]:
    """The index terms of ``fieldname`` the query can match (wildcards expanded)."""
    reader = searcher.reader()
    found: set[bytes] = set()
    for leaf in _positive_leaves(query):
        if hasattr(leaf, "expanded_terms"):
            pairs = leaf.expanded_terms(reader, phrases=True)
        else:
            pairs = leaf.iter_all_terms(phrases=True)
        for name, text in pairs:
            btext = text.encode("utf-8") if isinstance(text, str) else text
            if name == fieldname and (name, btext) in reader:
                found.add(btext)
    return sorted(found)


def match_tokens(
    searcher: Searcher,
    docnum: int,
    fieldname: str,
    terms: Iterable[bytes],
    engine: Engine | None = None,
) -> list[Token]:
    """Where each term occurs in one document, from the stored character offsets.

    The posting packs hold them as arrays (one binary search per term); without
    an engine, the postings of the one segment holding the document are read (a
    top-level ``searcher.postings`` would open a matcher over every segment).
    """
    if engine is not None:
        found = _pack_tokens(engine, docnum, fieldname, terms)
        if found is not None:
            return found
    leaf, base = _leaf_for(searcher, docnum)
    local = docnum - base
    tokens: list[Token] = []
    for btext in terms:
        try:
            postings = leaf.postings(fieldname, btext)
        except TermNotFound:
            continue
        if not _seek(postings, local):
            continue
        for pos, start, end in postings.value_as("characters"):
            tokens.append(Token(text=btext, pos=pos, startchar=start, endchar=end))
    tokens.sort(key=lambda t: (t.startchar, -(t.endchar - t.startchar)))
    return tokens


def _pack_tokens(
    engine: Engine, docnum: int, fieldname: str, terms: Iterable[bytes]
) -> list[Token] | None:
    tokens: list[Token] = []
    for btext in terms:
        found = engine.occurrences(docnum, fieldname, btext)
        if found is None:
            return None
        tokens.extend(Token(text=btext, pos=p, startchar=s, endchar=e) for p, s, e in found)
    tokens.sort(key=lambda t: (t.startchar, -(t.endchar - t.startchar)))
    return tokens


def _seek(postings: Any, docnum: int) -> bool:
    """Move ``postings`` to ``docnum``; True if the term occurs there.

    ``skip_to`` decodes the current block (ids and every posting's character
    offsets) before it looks at the next block's header; for a common term the
    hit is many blocks further on. Whoosh's own block skip reads headers only,
    so only the block holding the document is decoded: snippets cost 30 % less
    at 10,000 releases, and more as posting lists grow.
    """
    if can_skip_blocks(postings) and postings.block_max_id() < docnum:
        postings._skip_to_block(lambda: postings.block_max_id() < docnum)
        if not postings.is_active():
            return False
    postings.skip_to(docnum)
    return bool(postings.is_active() and postings.id() == docnum)


def can_skip_blocks(postings: Any) -> bool:
    """True when ``postings`` is the matcher whose private block skip :func:`_seek` uses
    (a test proves it is, on the pinned Whoosh)."""
    return isinstance(postings, W3LeafMatcher) and hasattr(postings, "_skip_to_block")


def _leaf_for(searcher: Searcher, docnum: int) -> tuple[IndexReader, int]:
    leaves = searcher.reader().leaf_readers()
    for leaf, base in reversed(leaves):
        if docnum >= base:
            return leaf, int(base)
    first, base = leaves[0]
    return first, int(base)


def translated_terms(query: Query, fieldname: str) -> frozenset[bytes]:
    """The index terms of ``fieldname`` that the query searches as translations."""
    found: set[bytes] = set()
    for leaf in _positive_leaves(query):
        if leaf.field() == fieldname:
            found.update(t.encode("utf-8") for t in getattr(leaf, "translated", ()))
    return frozenset(found)


def snippets(
    searcher: Searcher,
    docnum: int,
    fieldname: str,
    text: str,
    terms: list[bytes],
    translated: frozenset[bytes] = frozenset(),
    engine: Engine | None = None,
) -> tuple[str, ...]:
    """Up to three escaped fragments of ``text`` around the document's matches."""
    if not terms or not text:
        return ()
    tokens = match_tokens(searcher, docnum, fieldname, terms, engine)
    if not tokens:
        return ()
    fragments = list(_FRAGMENTER.fragment_matches(text, tokens))
    best = top_fragments(fragments, SNIPPETS, _SCORER, lambda f: f.startchar, minscore=1)
    formatter = MarkFormatter(translated) if translated else _FORMATTER
    return tuple(s for s in (formatter.format_fragment(f) for f in best) if s)


def lead(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The opening of a release, escaped, for hits without a text match (filters only)."""
    first = text.strip().split("\n\n", 1)[0]
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + " …"
    return escape(first, quote=False)


def marked_paragraphs(text: str, tokens: list[Token]) -> tuple[str, ...]:
    """Each paragraph of ``text`` escaped, with the matches in ``tokens`` marked.

    The tokens come from the postings (:func:`match_tokens`), so a release page
    marks the query's words, compound parts included, without analysing the text
    again (German analysis would load the compound lexicon into the web process).
    """
    out: list[str] = []
    start = 0
    for paragraph in text.split("\n\n"):
        end = start + len(paragraph)
        inside = [t for t in tokens if start <= t.startchar and t.endchar <= end]
        marked = _FORMATTER.format_fragment(Fragment(text, inside, start, end))
        if marked:
            out.append(marked)
        start = end + 2
    return tuple(out)


def mark_all(text: str, analyzer: Analyzer, words: frozenset[str]) -> str:
    """The whole ``text`` escaped, with every occurrence of ``words`` marked (titles).

    Analysed in query mode: short texts, and no compound lexicon needed.
    """
    if not words:
        return escape(text, quote=False)
    matches = [
        Token(text=t.text, pos=t.pos, startchar=t.startchar, endchar=t.endchar)
        for t in analyzer(text, chars=True, positions=True, mode="query", removestops=False)
        if t.text in words
    ]
    matches.sort(key=lambda t: (t.startchar, -(t.endchar - t.startchar)))
    return _FORMATTER.format_fragment(Fragment(text, matches, 0, len(text)))
