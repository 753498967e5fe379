"""Every ``RELEASESEARCH_*`` variable reaches the web app, and ``config`` overrides it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from conftest import AppFactory, BuiltIndex
from dictd import write_fixture_dictionary
from releasesearch.config import SETTINGS

CSRF = "input[name=csrf_token]"


def env(monkeypatch: pytest.MonkeyPatch, index: BuiltIndex, **values: str) -> None:
    monkeypatch.setenv("RELEASESEARCH_ARCHIVE", str(index.archive))
    monkeypatch.setenv("RELEASESEARCH_INDEX", str(index.index))
    for name, value in values.items():
        monkeypatch.setenv(f"RELEASESEARCH_{name.upper()}", value)


def login(client: FlaskClient, token: str) -> str:
    page = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
    csrf = str(page.select_one(CSRF)["value"])
    response = client.post("/admin/login", data={"token": token, "csrf_token": csrf})
    assert response.status_code == 303
    return csrf


def test_every_setting_has_a_test_here() -> None:
    tested = {
        "archive",
        "index",
        "admin_token",
        "secret_key",
        "page_size",
        "max_file_mb",
        "max_upload_mb",
        "search_rate",
        "admin_rate",
        "public_url",
        "dictionary",
    }
    assert {s.name for s in SETTINGS} == tested


def test_dictionary_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = write_fixture_dictionary(tmp_path / "dictd")
    env(monkeypatch, built_index, dictionary=str(folder))
    client = make_app({"TESTING": True}).test_client()
    assert client.get("/api/status").json["crosslang"] == {
        "available": True,
        "dictionary": str(folder),
    }
    assert client.get("/api/search?q=partnership").json["crosslang"]["target"] == "de"


def test_archive_and_index_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index)
    client = make_app({"TESTING": True}).test_client()
    assert client.get("/api/search").json["total"] == 4
    with client.get("/archive/000_1155c7d4176d89c5.txt") as response:
        assert response.status_code == 200


def test_index_variable_pointing_nowhere_gives_503(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make_app: AppFactory
) -> None:
    monkeypatch.setenv("RELEASESEARCH_INDEX", str(tmp_path))
    assert make_app({"TESTING": True}).test_client().get("/api/search").status_code == 503


def test_admin_token_enables_admin(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index)
    assert make_app({"TESTING": True}).test_client().get("/admin").status_code == 403
    env(monkeypatch, built_index, admin_token="from-env")
    client = make_app({"TESTING": True}).test_client()
    login(client, "from-env")
    assert client.get("/admin/status").json["documents"] == 5
    api = client.post("/api/reindex", headers={"Authorization": "Bearer from-env"})
    assert api.status_code == 202


def test_secret_key(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, secret_key="env-secret")
    assert make_app({"TESTING": True}).secret_key == "env-secret"


def test_page_size(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, page_size="2")
    client = make_app({"TESTING": True}).test_client()
    body = client.get("/api/search").json
    assert (len(body["hits"]), body["pages"], body["page_size"]) == (2, 2, 2)
    page = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    assert len(page.select(".hit")) == 2


def test_public_url_makes_feed_opensearch_and_api_links_absolute(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, public_url="https://news.example.org/search")
    client = make_app({"TESTING": True}).test_client()
    evil = {"Host": "evil.example"}
    opensearch = client.get("/opensearch.xml", headers=evil).get_data(as_text=True)
    assert 'template="https://news.example.org/search/?q={searchTerms}"' in opensearch
    feed = client.get("/feed.atom?q=Stuttgart", headers=evil).get_data(as_text=True)
    assert "<id>https://news.example.org/search/release/001_08a2519bc6076cba.txt</id>" in feed
    body = client.get("/api/search?q=Nanjing", headers=evil).json
    assert body["links"]["self"] == "https://news.example.org/search/api/search?q=Nanjing"
    assert "evil.example" not in opensearch + feed + str(body)


def test_config_mapping_overrides_the_environment(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, page_size="2")
    app = make_app({"TESTING": True, "page_size": 3})
    assert len(app.test_client().get("/api/search").json["hits"]) == 3


def test_max_file_mb_limits_what_a_reindex_ingests(
    monkeypatch: pytest.MonkeyPatch, copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, copied_index, max_file_mb="0.001", admin_token="t")
    app = make_app({"TESTING": True})
    client = app.test_client()
    response = client.post(
        "/api/reindex", json={"rebuild": True}, headers={"Authorization": "Bearer t"}
    )
    assert response.status_code == 202
    job = app.extensions["releasesearch"].reindexer.wait(timeout=60)
    assert job.report is not None
    assert job.report["releases"] == 0
    assert len(job.report["errors"]) == 5


def test_max_upload_mb(
    monkeypatch: pytest.MonkeyPatch, copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, copied_index, max_upload_mb="0.002", admin_token="t")
    client = make_app({"TESTING": True}).test_client()
    csrf = login(client, "t")
    response = client.post(
        "/admin/upload",
        data={"csrf_token": csrf, "file": (io.BytesIO(b"x" * 3000), "big.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert b"at most 0.002 MB" in response.data


def test_search_rate(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, search_rate="1")
    client = make_app({"TESTING": True}).test_client()
    assert [client.get("/api/search").status_code for _ in range(2)] == [200, 429]


def test_admin_rate(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, admin_rate="1", admin_token="t")
    client = make_app({"TESTING": True}).test_client()
    assert [client.get("/admin").status_code for _ in range(2)] == [200, 429]


def test_malformed_variable_fails_at_startup(
    monkeypatch: pytest.MonkeyPatch, built_index: BuiltIndex, make_app: AppFactory
) -> None:
    env(monkeypatch, built_index, page_size="ten")
    with pytest.raises(ValueError, match="RELEASESEARCH_PAGE_SIZE='ten' is not a number"):
        make_app({"TESTING": True})


def test_flask_keys_pass_through(built_index: BuiltIndex, make_app: AppFactory) -> None:
    app = make_app(built_index.config(SERVER_NAME="search.example"))
    assert app.config["SERVER_NAME"] == "search.example"
    assert app.config["TESTING"] is True
    assert app.config["MAX_CONTENT_LENGTH"] == 10 * 1024 * 1024 + 64 * 1024
