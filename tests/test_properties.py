"""Property tests: whatever a file holds or a user types, nothing crashes.

Parsers promise releases or :class:`IngestError` s, never an exception; the query
parser promises that "nothing a user types is an error"; the web app promises a
page or a 400, never a 500. Hypothesis tries inputs no one would write by hand,
bounded so the whole module stays within seconds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releasesearch import create_app
from releasesearch.enrich import enrich
from releasesearch.errors import BadRequest
from releasesearch.index import indexer
from releasesearch.index import schema as F
from releasesearch.model import ArchiveFile, IngestError, Release
from releasesearch.parse import FORMATS, parse_file
from releasesearch.search.query import parse_query
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real syntax, so that random text often reaches the interesting branches.
FRAGMENTS = [
    "date 2024-03-05\n",
    "date: 0001-01-01 ",
    "31.02.2025",
    "March 5, 2026",
    "5. März 2026",
    "BERLIN, ",
    "MÜNCHEN (dpa) -- ",
    "(GLOBE NEWSWIRE) -- ",
    "\n\n",
    "\n",
    "\r\n",
    " ",
    "Source: ",
    "Quelle: ",
    "CONTACT:",
    "Pressekontakt:",
    "About Acme\n",
    "Über Acme\n",
    "---\n",
    "title: ",
    "# Heading\n",
    "**bold** ",
    "[link](http://x)",
    "<div>",
    "</div>",
    "<p>",
    "<h1>",
    "<script>x</script>",
    "<!--",
    "&amp;",
    "&#0;",
    "<![CDATA[",
    '"',
    "'",
    ",",
    ";",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ":",
    '{"title": "T", "text": "B"}\n',
    "title,date,text\n",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\x00",
    "\u2028",
    "ß",
    "ẞ",
    "İ",
    "ﬁ",
    "日本",
    "שלום",
    "😀",
    "x" * 300,
]
fragment_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40
).map("".join)
file_bytes = st.one_of(
    st.binary(max_size=3000),
    fragment_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    fragment_text.map(lambda t: t.encode("utf-16")),
    fragment_text.map(lambda t: t.encode("latin-1", "replace")),
)
suffixes = st.sampled_from(sorted(FORMATS) + [".TXT", ".Md", ".unknown", ""])
mappings = st.one_of(
    st.none(),
    st.dictionaries(
        st.one_of(st.sampled_from(["title", "Datum", "text", "Meldung"]), st.text(max_size=8)),
        st.one_of(
            st.sampled_from(["title", "date", "text", "city", "nonsense"]), st.text(max_size=8)
        ),
        max_size=3,
    ),
)

PARAMS = (
    "q",
    "city",
    "sector",
    "lang",
    "source",
    "year",
    "month",
    "country",
    "tag",
    "from",
    "to",
    "sort",
    "page",
    "hl",
    "ui",
)
param_values = st.one_of(
    fragment_text,
    st.sampled_from(
        [
            "2025-01-01",
            "2025-13-01",
            "0",
            "-1",
            "1001",
            "99999999999999999999",
            "newest",
            "oldest",
            "relevance",
            "bogus",
            "München",
            "de",
            "en",
            "xx",
            "2026-03",
            "",
            " ",
        ]
    ),
)
query_args = st.lists(st.tuples(st.sampled_from(PARAMS), param_values), max_size=6)


def _archive_file(data: bytes, suffix: str) -> ArchiveFile:
    return ArchiveFile(path=f"dir/file{suffix}", data=data, mtime=0.0, size=len(data))


@BOUNDED
@given(data=file_bytes, suffix=suffixes, mapping=mappings)
def test_parse_file_never_raises(data: bytes, suffix: str, mapping: dict[str, str] | None) -> None:
    releases, errors = parse_file(_archive_file(data, suffix), mapping=mapping)
    assert all(isinstance(r, Release) for r in releases)
    assert all(isinstance(e, IngestError) and e.reason for e in errors)
    if FORMATS.get(suffix.lower()) not in ("csv", "jsonl"):
        assert len(releases) + len(errors) == 1  # one file, one release or one reason


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=file_bytes, suffix=st.sampled_from(sorted(FORMATS)))
def test_enrich_and_document_accept_whatever_parses(data: bytes, suffix: str) -> None:
    releases, _ = parse_file(_archive_file(data, suffix))
    for release in releases:
        item = enrich(release)
        doc = F.to_document(item, stamp="0:0", pair=release.id)
        assert doc[F.ID] == release.id


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("props")
    archive = root / "archive"
    archive.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, archive / seed.name)
    (archive / "rows.jsonl").write_text(
        '{"id": "a", "title": "Ferry timetable", "text": "The ferry sails on Sundays.", '
        '"date": "2024-09-02", "city": "Hamburg", "lang": "en"}\n',
        encoding="utf-8",
    )
    indexer.update(archive, root / "index")
    return archive, root / "index"


@pytest.fixture(scope="module")
def service(seed_index: tuple[Path, Path]) -> Iterator[SearchService]:
    found = SearchService(seed_index[1])
    yield found
    found.close()


@BOUNDED
@given(text=st.one_of(fragment_text, st.text(max_size=200)), relaxed=st.booleans())
def test_parse_query_never_raises(text: str, relaxed: bool) -> None:
    parsed = parse_query(F.build_schema(), text, relaxed=relaxed)
    assert parsed.query is not None


@BOUNDED
@given(text=st.one_of(fragment_text, st.text(max_size=200)))
def test_search_answers_any_query_text(service: SearchService, text: str) -> None:
    result = service.search(SearchRequest(q=text))
    assert 0 <= result.total <= 6
    assert len(result.hits) <= result.total


@BOUNDED
@given(args=query_args)
def test_search_answers_any_request_or_says_why_not(
    service: SearchService, args: list[tuple[str, str]]
) -> None:
    grouped: dict[str, list[str]] = {}
    for name, value in args:
        grouped.setdefault(name, []).append(value)
    try:
        request = SearchRequest.from_args(grouped)
    except BadRequest as exc:
        assert exc.status == 400 and exc.message
        return
    result = service.search(request)
    assert result.page == request.page


@pytest.fixture(scope="module")
def app(seed_index: tuple[Path, Path]) -> Iterator[Flask]:
    application = create_app(
        {"TESTING": True, "archive": seed_index[0], "index": seed_index[1], "search_rate": 0}
    )
    yield application
    application.extensions["releasesearch"].close()


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@BOUNDED
@given(args=query_args)
def test_web_search_never_fails(client: FlaskClient, args: list[tuple[str, str]]) -> None:
    for path in ("/", "/api/search"):
        response = client.get(path, query_string=args)
        assert response.status_code in (200, 400), (path, args, response.data[:300])
        if response.status_code == 400 and path == "/api/search":
            assert response.is_json


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    release_id=st.one_of(
        fragment_text,
        st.text(max_size=60),
        st.sampled_from(["000_1155c7d4176d89c5.txt", "rows.jsonl#a"]),
    )
)
def test_release_pages_answer_or_say_not_found(client: FlaskClient, release_id: str) -> None:
    quoted = quote(release_id, safe="")
    for path in (f"/release/{quoted}", f"/api/releases/{quoted}"):
        response = client.get(path)
        # 308: Werkzeug folds the double slash of an id that starts with "/".
        assert response.status_code in (200, 308, 404), (path, response.data[:300])
