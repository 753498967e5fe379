"""Ranking of typed words (search/ranking.py): BM25F per word, "most of the words", proximity.

The engine's arrays are checked against a BM25F computed here from Whoosh's own
reader (postings, document field lengths, field totals), on an index of 300
generated releases in English and German: the same documents, the same scores.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.searching import Searcher

from conftest import ArchiveFactory
from generated_archive import write_archive
from releasesearch.index import indexer, store
from releasesearch.index import schema as F
from releasesearch.search import ranking as RK
from releasesearch.search.columns import read_columns
from releasesearch.search.engine import Engine, open_engine
from releasesearch.search.query import parse_query
from releasesearch.search.request import SearchRequest
from releasesearch.search.semantics import MinMatch
from releasesearch.search.service import SearchService


@pytest.fixture(scope="module")
def index_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("ranking")
    write_archive(base / "archive", 300)
    indexer.rebuild(base / "archive", base / "index")
    return base / "index"


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


def reference_word(searcher: Searcher, word: wq.Query) -> dict[int, tuple[float, float, str]]:
    """Per document: BM25F of one typed word from Whoosh's reader, its idf and language."""
    reader = searcher.reader()
    n_all = reader.doc_count_all()
    out: dict[int, tuple[float, float, str]] = {}
    for lang in F.TEXT_LANGUAGES:
        tf: dict[int, float] = {}
        for field, weight, b in (
            (F.title_field(lang), RK.TITLE_WEIGHT, RK.TITLE_B),
            (F.body_field(lang), 1.0, RK.BODY_B),
        ):
            text = next(t.text for t in word.leaves() if t.fieldname == field)
            if (field, text) not in reader:
                continue
            avg = reader.field_length(field) / n_all
            m = reader.postings(field, text)
            for doc in m.all_ids():
                m.skip_to(doc)
                norm = (1 - b) + b * reader.doc_field_length(doc, field) / avg
                tf[doc] = tf.get(doc, 0.0) + weight * m.weight() / norm
        if not tf:
            continue
        body = F.body_field(lang)
        n = sum(1 for d in range(n_all) if (reader.doc_field_length(d, body) or 0) > 0)
        idf = math.log(1 + (n - len(tf) + 0.5) / (len(tf) + 0.5))
        for doc, f in tf.items():
            out[doc] = (idf * f * (RK.K1 + 1) / (f + RK.K1), idf, lang)
    return out


def reference(searcher: Searcher, q: MinMatch) -> dict[int, float]:
    """The documents of ``q`` and their scores, from :func:`reference_word`."""
    words = [reference_word(searcher, w) for w in q.subqueries]
    scores: dict[int, float] = {}
    counts: dict[int, int] = {}
    for word in words:
        for doc, (score, _, _) in word.items():
            scores[doc] = scores.get(doc, 0.0) + score
            counts[doc] = counts.get(doc, 0) + 1
    keep = {d for d, c in counts.items() if c >= q.minimum}
    if q.minimum < len(words):
        keep |= {d for d in scores if _share(searcher, words, d) >= RK.MINIMUM_SHARE}
    return {d: s for d, s in scores.items() if d in keep}


def _share(searcher: Searcher, words: list[dict[int, tuple[float, float, str]]], doc: int) -> float:
    lang = next(w[doc][2] for w in words if doc in w)
    n_all = searcher.reader().doc_count_all()
    n = sum(
        1
        for d in range(n_all)
        if (searcher.reader().doc_field_length(d, F.body_field(lang)) or 0) > 0
    )
    total = 0.0
    for w in words:
        idfs = {lang_: idf for _, idf, lang_ in w.values()}
        total += idfs.get(lang, math.log(1 + (n + 0.5) / 0.5))
    return sum(w[doc][1] for w in words if doc in w) / total


QUERIES = (
    "company",
    "Partnerschaft",
    "energy software",
    "battery hospital research",
    "solar bank growth quarter results",
    "Energie Forschung Kunden Plattform Wachstum",
    "What did the company announce about the battery platform?",
)


@pytest.mark.parametrize("text", QUERIES)
def test_words_are_ranked_by_bm25f_per_word(searcher: Searcher, engine: Engine, text: str) -> None:
    q = parse_query(searcher.schema, text).query
    assert isinstance(q, MinMatch)
    want = reference(searcher, q)
    found = engine.run(q)
    assert found is not None
    got = dict(zip(found.docs.tolist(), found.scores.tolist(), strict=True))
    assert want and set(got) == set(want)
    for doc, score in want.items():
        assert got[doc] == pytest.approx(score, rel=1e-9), doc


def test_a_rare_word_in_the_body_outranks_a_common_word_in_the_title(
    archive_factory: ArchiveFactory,
) -> None:
    """The case Whoosh's sum of per-field BM25 got wrong (titles doubled, saturated apart)."""
    common = {f"c{i}.md": f"# Hafen Bericht {i}\n\nDer Hafen meldet Zahlen.\n" for i in range(8)}
    built = archive_factory(
        {
            **common,
            "rare.md": "# Inseln abgeschnitten\n\nEin Fährenstreik legt den Hafen lahm.\n",
            "title.md": "# Hafen Hafen Fährenstreik\n\nNichts.\n",
        }
    )
    service = SearchService(built.index)
    try:
        hits = service.search(SearchRequest.from_args({"q": "Fährenstreik Hafen"})).hits
        assert {h.path for h in hits} == {"rare.md", "title.md"}
        hits = service.search(SearchRequest.from_args({"q": "Fährenstreik Inseln Hafen?"})).hits
        assert [h.path for h in hits][:1] == ["rare.md"]
    finally:
        service.close()


HDP = (
    "# Heidelberg Pharma presents new data\n\nThe company will present the new data on "
    "HDP-101 at the congress, and the results will be shown to the investors.\n"
)


def test_a_hyphenated_rare_word_carries_its_weight(archive_factory: ArchiveFactory) -> None:
    """``HDP-101`` alone carries most of the idf of the question: its release matches
    although it has one of the three words (half of them would be needed)."""
    common = {f"c{i}.md": f"# Trial {i}\n\nThe disease was tested in a trial.\n" for i in range(6)}
    built = archive_factory({**common, "hdp.md": HDP})
    service = SearchService(built.index)
    try:
        found = service.search(
            SearchRequest.from_args({"q": "What disease is HDP-101 being tested against?"})
        )
        assert "hdp.md" in {h.path for h in found.hits} and found.total == 7
    finally:
        service.close()


def test_words_near_each_other_rank_first(
    archive_factory: ArchiveFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = " ".join(["Der Bericht nennt weitere Einzelheiten."] * 3)
    built = archive_factory(
        {
            "far.md": f"# Bericht\n\nDie Solaranlage {filler} steht in Leipzig.\n",
            "near.md": f"# Bericht\n\n{filler} Die Solaranlage Leipzig steht.\n",
        }
    )
    service = SearchService(built.index)
    try:
        request = SearchRequest.from_args({"q": "Solaranlage Leipzig"})
        plain = {h.path: h.score for h in service.search(request).hits}
        assert plain["near.md"] == pytest.approx(plain["far.md"])  # same words, same lengths
        monkeypatch.setattr(RK, "PROXIMITY", 1.0)
        request = SearchRequest.from_args({"q": "Solaranlage Leipzig", "page_size": "20"})
        hits = service.search(request).hits
        assert [h.path for h in hits] == ["near.md", "far.md"]
        assert hits[0].score > plain["near.md"] and hits[1].score == pytest.approx(plain["far.md"])
    finally:
        service.close()


def test_whoosh_alone_finds_the_same_documents(searcher: Searcher, engine: Engine) -> None:
    """Whoosh's matchers (the answer without packs) read a MinMatch of every word as an
    AND, and one of most words as an OR: the engine's documents, or more."""
    q = parse_query(searcher.schema, "battery hospital research").query
    assert isinstance(q, MinMatch) and q.minimum == 3
    whoosh = {d for _, d in searcher.search(q, limit=None).top_n}
    every = {d for _, d in searcher.search(wq.And(list(q.subqueries)), limit=None).top_n}
    found = engine.run(q)
    assert found is not None and whoosh == every == set(found.docs.tolist()) and whoosh
    q = parse_query(searcher.schema, "solar bank growth quarter results").query
    assert isinstance(q, MinMatch) and q.minimum == 3
    whoosh = {d for _, d in searcher.search(q, limit=None).top_n}
    found = engine.run(q)
    assert found is not None and set(found.docs.tolist()) < whoosh
