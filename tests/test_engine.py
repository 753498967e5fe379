"""The posting engine answers exactly as Whoosh's own matchers do.

Differential tests on a generated archive of 2,000 releases in several segments
with deletions: thousands of random query trees (terms, AND, OR, NOT, AND NOT,
AND MAYBE, phrases, prefixes, wildcards, synonym sets, both languages) give the
same documents as Whoosh's ``searcher.search(q, limit=None)``, with scores equal
within 1e-4. The reference differs from a plain Whoosh search in the two places
the engine differs on purpose (see :mod:`releasesearch.search.engine`): Whoosh's
tree of union matchers (its choice above 5,000 documents) instead of its
preloaded one, and two Whoosh matchers that are wrong spelled another way: AND NOT
(it keeps a first match when the excluded term's first document precedes it,
proved below) as "require NOT", and AND MAYBE (inside an AND it skips its
optional part to the wrong document and loses that part's score) as
``a OR (b REQUIRE a)``.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.searching import Searcher

from generated_archive import release_path, write_archive
from releasesearch.errors import BadRequest
from releasesearch.index import indexer, postings, store
from releasesearch.search import engine as E
from releasesearch.search.columns import read_columns
from releasesearch.search.engine import Engine, open_engine
from releasesearch.search.filters import FILTERS
from releasesearch.search.highlight import field_terms, snippets
from releasesearch.search.query import parse_query
from releasesearch.search.request import SearchRequest
from releasesearch.search.semantics import MinMatch
from releasesearch.search.synonyms import SynonymSet

REPO = Path(__file__).resolve().parent.parent
FIELDS = ("title_en", "title_de", "body_en", "body_de")


@pytest.fixture(scope="module")
def index_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated releases and the bundled archive, then an update that adds,
    changes and deletes files: several segments, some documents deleted."""
    base = tmp_path_factory.mktemp("engine")
    archive, root = base / "archive", base / "index"
    write_archive(archive, 2000)
    shutil.copytree(REPO / "archive", archive / "bundled", ignore=shutil.ignore_patterns("*.md"))
    indexer.rebuild(archive, root)
    write_archive(archive, 60, start=2000)
    for number in range(0, 40, 2):
        (archive / release_path(number)).unlink()
    write_archive(archive, 10, start=100, seed=99)  # changed files: re-added documents
    indexer.update(archive, root)
    return root


@pytest.fixture(scope="module")
def searcher(index_root: Path) -> Iterator[Searcher]:
    ix = store.open_index(index_root)
    with ix.searcher() as s:
        yield s
    ix.close()


@pytest.fixture(scope="module")
def engine(index_root: Path, searcher: Searcher) -> Engine:
    reader = searcher.reader()
    return open_engine(reader, store.current_dir(index_root), read_columns(reader).live)


def reference(q: wq.Query) -> wq.Query:
    """``q`` with AND NOT spelled as "require NOT" (Whoosh's AND NOT matcher is wrong, below;
    its require matcher scores by the first query alone, as AND NOT does)."""
    if isinstance(q, wq.AndNot):
        return wq.Require(reference(q.a), wq.Not(reference(q.b)))
    if isinstance(q, wq.AndMaybe):  # Whoosh's matcher drops b's score inside an AND
        a, b = reference(q.a), reference(q.b)
        return wq.Or([a, wq.Require(b, a)])
    if isinstance(q, wq.Require):
        return wq.Require(reference(q.a), reference(q.b))
    if q.is_leaf():
        return q
    return q.apply(reference)


def whoosh_answer(searcher: Searcher, q: wq.Query) -> dict[int, float]:
    before = wq.Or.matcher_type
    wq.Or.matcher_type = wq.Or.DEFAULT_MATCHER
    try:
        return {d: s for s, d in searcher.search(reference(q), limit=None).top_n}
    finally:
        wq.Or.matcher_type = before


def assert_same(searcher: Searcher, engine: Engine, q: wq.Query) -> None:
    want = whoosh_answer(searcher, q)
    found = engine.run(q)
    assert found is not None, q
    got = dict(zip(found.docs.tolist(), found.scores.tolist(), strict=True))
    assert set(got) == set(want), q
    for doc, score in want.items():
        assert got[doc] == pytest.approx(score, abs=1e-4), (q, doc)


class Queries:
    """Random query trees over the index's own terms (seeded: the same trees every run)."""

    def __init__(self, searcher: Searcher, seed: int) -> None:
        self.rng = random.Random(seed)
        reader = searcher.reader()
        self.lexicon = {f: [t.decode() for t in reader.lexicon(f)] for f in FIELDS}
        self.frequent = {
            f: sorted(words, key=lambda w: -reader.doc_frequency(f, w))[:40]
            for f, words in self.lexicon.items()
        }
        self.searcher = searcher

    def word(self, field: str) -> str:
        pool = self.frequent[field] if self.rng.random() < 0.6 else self.lexicon[field]
        return self.rng.choice(pool)

    def term(self) -> wq.Query:
        field = self.rng.choice(FIELDS)
        boost = self.rng.choice((1.0, 1.0, 2.0, 0.5))
        return wq.Term(field, self.word(field), boost=boost)

    def across(self) -> wq.Query:
        """One word in every field, as the query parser writes it."""
        word = self.word(self.rng.choice(FIELDS))
        return wq.Or([wq.Term(f, word) for f in FIELDS])

    def phrase(self) -> wq.Query:
        field = self.rng.choice(("body_en", "body_de", "title_en", "title_de"))
        doc = self.rng.randrange(self.searcher.reader().doc_count_all())
        vector = sorted(
            (p, w) for w in self.frequent[field] for p in _positions(self.searcher, field, w, doc)
        )
        words = [w for _, w in vector[:3]] or [self.word(field), self.word(field)]
        slop = self.rng.choice((1, 1, 1, 2, 4))
        return wq.Phrase(field, words, slop=slop)

    def prefix(self) -> wq.Query:
        field = self.rng.choice(FIELDS)
        word = self.word(field)
        return wq.Prefix(field, word[: self.rng.randint(2, 4)])

    def wildcard(self) -> wq.Query:
        field = self.rng.choice(FIELDS)
        word = self.word(field)
        cut = self.rng.randint(1, max(1, len(word) - 1))
        return wq.Wildcard(field, word[:cut] + self.rng.choice(("*", "?*", "*" + word[-1:])))

    def synonyms(self) -> wq.Query:
        field = self.rng.choice(FIELDS)
        members = tuple((self.word(field), self.rng.choice((1.0, 0.5, 0.25))) for _ in range(3))
        return SynonymSet(field, tuple(dict(members).items()))

    def tree(self, depth: int = 0) -> wq.Query:
        r = self.rng.random()
        if depth >= 3 or r < 0.25:
            return self.rng.choice((self.term, self.across, self.phrase, self.synonyms))()
        if r < 0.33:
            return self.rng.choice((self.prefix, self.wildcard))()
        if r < 0.5:
            return wq.And([self.tree(depth + 1) for _ in range(self.rng.randint(2, 3))])
        if r < 0.7:
            return wq.Or([self.tree(depth + 1) for _ in range(self.rng.randint(2, 4))])
        if r < 0.8:
            return wq.AndNot(self.tree(depth + 1), self.tree(depth + 1))
        if r < 0.88:
            return wq.And([self.tree(depth + 1), wq.Not(self.tree(depth + 1))])
        if r < 0.95:
            return wq.AndMaybe(self.tree(depth + 1), self.tree(depth + 1))
        return wq.Or([self.tree(depth + 1), self.tree(depth + 1)], boost=1.5)


def _positions(searcher: Searcher, field: str, word: str, doc: int) -> list[int]:
    reader = searcher.reader()
    if (field, word) not in reader:
        return []
    m = reader.postings(field, word)
    m.skip_to(doc)
    if not m.is_active() or m.id() != doc:
        return []
    return list(m.value_as("positions"))


def _within_expansion(searcher: Searcher, q: wq.Query) -> bool:
    """False when a prefix or wildcard of ``q`` has more terms than the engine expands to."""
    reader = searcher.reader()
    for leaf in q.leaves() if not q.is_leaf() else [q]:
        if isinstance(leaf, (wq.Prefix, wq.Wildcard)):
            if sum(1 for _ in leaf._btexts(reader)) > E.MAX_EXPANSION:
                return False
    return True


@pytest.mark.parametrize("seed", range(4))
def test_random_trees_match_whoosh(searcher: Searcher, engine: Engine, seed: int) -> None:
    queries = Queries(searcher, seed)
    checked = 0
    for _ in range(500):
        q = queries.tree()
        if not _within_expansion(searcher, q):
            continue
        assert_same(searcher, engine, q)
        checked += 1
    assert checked > 400


USER_QUERIES = (
    "company",
    "Partnerschaft",
    "energy software",
    '"solar energy"',
    '"Millionen Euro"',
    "battery -hospital",
    "bank NOT growth",
    "research AND (university OR hospital)",
    "invest*",
    "plat?orm",
    "Berlin München",
    "Welche Stadt investiert in Solarenergie?",
    "title:partnership",
    "How much did the company invest in solar energy research?",
)


def spelled(q: wq.Query, *, every: bool) -> wq.Query:
    """``q`` with each MinMatch as Whoosh's AND of its words (``every``) or their OR."""
    if isinstance(q, MinMatch):
        words = [spelled(w, every=every) for w in q.subqueries]
        return wq.And(words) if every or q.minimum >= len(words) else wq.Or(words)
    if q.is_leaf():
        return q
    return q.apply(lambda child: spelled(child, every=every))


@pytest.mark.parametrize("text", USER_QUERIES)
def test_parsed_queries_match_whoosh(searcher: Searcher, engine: Engine, text: str) -> None:
    """Whoosh's documents: typed words are ranked by :mod:`releasesearch.search.ranking`
    (BM25F per word, tested in test_ranking.py), not by Whoosh's sum over six fields,
    so only the documents are compared. A query of most of its words finds every
    document in which Whoosh finds that many of its words, and none without any."""
    q = parse_query(searcher.schema, text).query
    if not _within_expansion(searcher, q):
        return
    found = engine.run(q)
    assert found is not None, q
    got = set(found.docs.tolist())
    every = set(whoosh_answer(searcher, spelled(q, every=True)))
    some = set(whoosh_answer(searcher, spelled(q, every=False)))
    assert every <= got <= some, q
    if every == some:
        assert got == every
    if isinstance(q, MinMatch):
        counts: dict[int, int] = {}
        for word in q.subqueries:
            for doc in whoosh_answer(searcher, word):
                counts[doc] = counts.get(doc, 0) + 1
        assert {d for d, n in counts.items() if n >= q.minimum} <= got, q


def test_whoosh_and_not_keeps_a_match_the_engine_drops(tmp_path: Path) -> None:
    """The documented difference: Whoosh's AND NOT matcher only looks for the excluded
    term at the first match's own document, not before it."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("Solar\n\nThe solar plant opens.\n", encoding="utf-8")
    (archive / "b.txt").write_text("Wind\n\nThe wind farm and the solar plant.\n", encoding="utf-8")
    indexer.rebuild(archive, tmp_path / "index")
    ix = store.open_index(tmp_path / "index")
    with ix.searcher() as s:
        reader = s.reader()
        wind_doc = next(iter(reader.postings("body_en", "wind").all_ids()))
        plant = wq.Term("body_en", "plant")
        q = wq.AndNot(plant, wq.Term("body_en", "wind"))
        eng = open_engine(reader, store.current_dir(tmp_path / "index"), read_columns(reader).live)
        found = eng.run(q)
        assert found is not None
        assert wind_doc not in found.docs.tolist()
        assert len(found.docs) == 1
        whoosh = [d for _, d in s.search(q, limit=None).top_n]
        reference_docs = [d for _, d in s.search(reference(q), limit=None).top_n]
        assert reference_docs == found.docs.tolist()
        assert len(whoosh) in (1, 2)  # 2 where the first posting of "wind" comes first
    ix.close()


def test_and_is_within_or(searcher: Searcher, engine: Engine) -> None:
    queries = Queries(searcher, 11)
    for _ in range(200):
        parts = [queries.tree(2), queries.tree(2)]
        both, either = engine.run(wq.And(parts)), engine.run(wq.Or(parts))
        assert both is not None and either is not None
        assert set(both.docs.tolist()) <= set(either.docs.tolist())


def test_deleted_documents_never_match(searcher: Searcher, engine: Engine) -> None:
    reader = searcher.reader()
    assert reader.has_deletions()
    deleted = {d for d in range(reader.doc_count_all()) if reader.is_deleted(d)}
    assert len(deleted) >= 20
    for q in (wq.Every(), wq.Or([wq.Term(f, w) for f in FIELDS for w in ("company", "energy")])):
        found = engine.run(q)
        assert found is not None
        assert not deleted & set(found.docs.tolist())


def test_expansion_keeps_the_most_frequent_terms(searcher: Searcher, engine: Engine) -> None:
    reader = searcher.reader()
    q = wq.Prefix("body_en", "")
    assert E.MAX_EXPANSION < sum(1 for _ in reader.lexicon("body_en"))
    terms = E._expanded(engine, "body_en", b"")
    assert len(terms) == E.MAX_EXPANSION
    frequency = {t: reader.doc_frequency("body_en", t) for t in reader.lexicon("body_en")}
    weakest_kept = min(frequency[t] for t in terms)
    assert all(frequency[t] <= weakest_kept for t in frequency if t not in terms)
    assert q.text == ""


def test_only_wildcards_browse(searcher: Searcher) -> None:
    for text in ("*", "**", "* ?", "?*?"):
        assert parse_query(searcher.schema, text).is_browse


def test_a_merge_changes_no_match(tmp_path: Path, index_root: Path) -> None:
    """The same releases match before and after a merge (scores move a little: like
    Whoosh, the statistics count deleted documents until a merge drops them)."""
    root = tmp_path / "index"
    shutil.copytree(index_root, root, symlinks=True)
    queries = [parse_query(store.open_index(root).schema, t).query for t in USER_QUERIES[:8]]

    def answers() -> list[list[str]]:
        ix = store.open_index(root)
        with ix.searcher() as s:
            reader = s.reader()
            eng = open_engine(reader, store.current_dir(root), read_columns(reader).live)
            ids = [s.stored_fields(d)["id"] for d in range(reader.doc_count_all())]
            out = []
            for q in queries:
                found = eng.run(q)
                assert found is not None
                out.append(sorted(ids[d] for d in found.docs))
        ix.close()
        return out

    before = answers()
    assert all(before[:3])
    ix = store.open_index(root)
    ix.optimize()
    with ix.reader() as reader:
        assert len(reader.leaf_readers()) == 1
        postings.ensure_packs(store.current_dir(root), reader)
    ix.close()
    assert answers() == before


def test_every_segment_has_its_pack(index_root: Path, searcher: Searcher) -> None:
    folder = store.current_dir(index_root)
    assert folder is not None
    segments = {postings.segment_id(leaf) for leaf, _ in searcher.reader().leaf_readers()}
    assert len(segments) >= 2
    on_disk = {p.name for p in (folder / postings.PACKS).iterdir() if not p.name.startswith(".")}
    assert on_disk == segments
    for segment in segments:
        assert segment is not None
        assert postings.load_pack(folder, segment) is not None


def test_pack_equals_the_segment(searcher: Searcher) -> None:
    leaf, _ = searcher.reader().leaf_readers()[0]
    pack = postings.build_pack(leaf)
    for field in FIELDS:
        fp = pack.fields[field]
        for term in list(leaf.lexicon(field))[::7]:
            row = fp.term_index(term)
            m = leaf.postings(field, term)
            want = []
            while m.is_active():
                want.append((m.id(), m.weight(), list(m.value_as("positions"))))
                m.next()
            a, b = int(fp.at[row]), int(fp.at[row + 1])
            if field.startswith("body"):
                m = leaf.postings(field, term)
                chars = []
                while m.is_active():
                    chars.extend((s, e) for _, s, e in m.value_as("characters"))
                    m.next()
                lo, hi = int(fp.pos_at[a]), int(fp.pos_at[b])
                pairs = zip(fp.starts[lo:hi].tolist(), fp.ends[lo:hi].tolist(), strict=True)
                assert list(pairs) == chars
            got = [
                (
                    int(fp.docs[k]),
                    float(fp.weights[k]),
                    fp.pos[fp.pos_at[k] : fp.pos_at[k + 1]].tolist(),
                )
                for k in range(a, b)
            ]
            assert got == want
        assert fp.term_index(b"\xff-no-such-term") == -1
        lengths = [leaf.doc_field_length(d, field, 0) or 0 for d in range(leaf.doc_count_all())]
        assert np.array_equal(fp.lengths, np.array(lengths, np.float32))


def test_a_pack_of_another_version_is_not_read(tmp_path: Path, searcher: Searcher) -> None:
    leaf, _ = searcher.reader().leaf_readers()[0]
    pack = postings.build_pack(leaf)
    postings.write_pack(tmp_path, pack)
    assert postings.load_pack(tmp_path, pack.segment) is not None
    meta = tmp_path / postings.PACKS / pack.segment / postings.META
    version = f'"version": {postings.VERSION}'
    meta.write_text(meta.read_text().replace(version, '"version": 0'))
    assert postings.load_pack(tmp_path, pack.segment) is None
    assert postings.load_pack(tmp_path, "no-such-segment") is None


def test_snippets_from_packs_equal_snippets_from_postings(
    searcher: Searcher, engine: Engine
) -> None:
    for text in ("energy", "Partnerschaft Forschung", '"solar energy"', "invest*", "bank -growth"):
        q = parse_query(searcher.schema, text).query
        found = engine.run(q)
        assert found is not None and found.docs.size
        for doc in found.docs[:: max(1, found.docs.size // 15)].tolist():
            stored = searcher.stored_fields(doc)
            field = "body_de" if stored["language"] == "de" else "body_en"
            terms = field_terms(q, searcher, field)
            plain = snippets(searcher, doc, field, stored["body"], terms)
            assert snippets(searcher, doc, field, stored["body"], terms, engine=engine) == plain


def test_facet_links_equal_toggled_requests() -> None:
    """The fast facet links (query string encoded once per facet) are the slow ones."""
    rng = random.Random(5)
    values = ["berlin", "ai-digital", "de", "2024", "2024-03", "a b&c", "ü", "x=y"]
    checked = 0
    for _ in range(300):
        args: dict[str, Any] = {"q": rng.choice(["", "Berlin", "a&b ü"])}
        for f in FILTERS:
            if rng.random() < 0.2:
                args[f.param] = rng.sample(values, rng.randint(1, 2))
        for name, choices in (("sort", ("newest", "oldest", "relevance")), ("page", ("2", "3"))):
            if rng.random() < 0.3:
                args[name] = rng.choice(choices)
        try:
            req = SearchRequest.from_args(args)
        except BadRequest:
            continue
        for f in FILTERS:
            toggle = req.toggler(f.param)
            for value in values:
                assert toggle(value) == req.toggled(f.param, value).to_query()
                checked += 1
    assert checked > 10_000
