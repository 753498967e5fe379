"""Query semantics: stop and question words weigh nothing, long queries need most words."""

from __future__ import annotations

from conftest import ArchiveFactory
from releasesearch.index.schema import build_schema
from releasesearch.search.query import parse_query
from releasesearch.search.request import SearchRequest
from releasesearch.search.semantics import MinMatch, shape
from releasesearch.search.service import SearchService

SCHEMA = build_schema()


def words_of(text: str) -> list[str]:
    """The xx-field term of each word group left in the parsed query (unstemmed)."""
    q = parse_query(SCHEMA, text).query
    groups = q.subqueries if hasattr(q, "subqueries") else [q]
    if len(groups) == 1 and isinstance(groups[0], MinMatch):
        groups = groups[0].subqueries
    return [next(t.text for t in g.leaves() if t.fieldname == "body_xx") for g in groups]


def test_stop_words_of_any_language_and_question_words_are_dropped() -> None:
    assert words_of("Wer sang die Nationalhymne?") == ["sang", "nationalhymne"]
    assert words_of("Who led the delegation to Nanjing") == ["led", "delegation", "nanjing"]


def test_short_queries_require_every_word() -> None:
    q = parse_query(SCHEMA, "Berlin Partnerschaft Energie").query
    assert isinstance(q, MinMatch) and len(q.subqueries) == 3 and q.minimum == 3
    q = parse_query(SCHEMA, "Berlin Partnerschaft Energie Stadt").query
    assert isinstance(q, MinMatch) and q.minimum == 2


def test_short_questions_need_most_words() -> None:
    asked = parse_query(SCHEMA, "Wer gründete OriginTrail").query  # a question word
    assert isinstance(asked, MinMatch) and asked.minimum == 1
    marked = parse_query(SCHEMA, "OriginTrail Gründer?").query  # a question mark at the end
    assert isinstance(marked, MinMatch) and marked.minimum == 1
    plain = parse_query(SCHEMA, "OriginTrail Gründer").query
    assert isinstance(plain, MinMatch) and plain.minimum == 2


def test_one_word_is_ranked_as_a_word() -> None:
    q = parse_query(SCHEMA, "Partnerschaft").query
    assert isinstance(q, MinMatch) and q.minimum == 1 and len(q.subqueries) == 1


def test_the_relaxed_retry_needs_any_one_word() -> None:
    q = parse_query(SCHEMA, "Nanjing Stuttgart Partnerschaft", relaxed=True).query
    assert isinstance(q, MinMatch) and q.minimum == 1 and len(q.subqueries) == 3


def test_long_queries_need_most_words() -> None:
    q = parse_query(SCHEMA, "How much did Siemens invest in the new plant?").query
    assert isinstance(q, MinMatch)
    assert words_of("How much did Siemens invest in the new plant?") == [
        "much",
        "siemens",
        "invest",
        "new",
        "plant",
    ]
    assert q.minimum == 3  # half of five, rounded up


def test_a_query_of_only_stop_words_is_kept() -> None:
    q = parse_query(SCHEMA, "the who").query
    assert shape(q) == q


def test_phrases_and_exclusions_stay_required() -> None:
    q = parse_query(SCHEMA, 'solar "city partnership" Berlin Munich -Hamburg').query
    assert type(q).__name__ in ("AndNot", "And")


RELEASES = {
    "a.md": "# Solar plant in Nanjing\n\nSiemens invests in a new solar plant in Nanjing.\n",
    "b.md": "# Wind farm\n\nSiemens invests in a new wind farm near Hamburg.\n",
    "c.md": "# Bakery\n\nA bakery opens a new shop in Hamburg.\n",
}


def test_most_words_match(archive_factory: ArchiveFactory) -> None:
    built = archive_factory(RELEASES)
    service = SearchService(built.index)
    try:
        found = service.search(
            SearchRequest.from_args({"q": "Siemens invests new solar plant Nanjing"})
        )
        assert [h.path for h in found.hits] == ["a.md", "b.md"]  # b has 3 of the 6 words
        assert not found.relaxed
        found = service.search(
            SearchRequest.from_args({"q": "Siemens invests new wind farm Nanjing"})
        )
        assert [h.path for h in found.hits] == ["b.md", "a.md"]
        found = service.search(SearchRequest.from_args({"q": "Siemens solar plant Nanjing bakery"}))
        assert [h.path for h in found.hits] == ["a.md"]  # 4 of 5; c has 1, b has 1
    finally:
        service.close()


def test_a_hyphen_inside_a_word_is_no_exclusion() -> None:
    q = parse_query(SCHEMA, "E-Scooter Gleisbett").query
    assert isinstance(q, MinMatch) and q.minimum == 2
    assert "scooter" in {t.text for t in q.leaves()}
    assert type(parse_query(SCHEMA, "Gleisbett -Scooter").query).__name__ == "AndNot"
