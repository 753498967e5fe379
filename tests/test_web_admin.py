"""The admin page: login, status, re-index in the background, uploads."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from conftest import ADMIN_TOKEN, AppFactory, BuiltIndex
from releasesearch.index import store

UPLOAD = (
    b"Hamburg Harbour Opens New Terminal\n\nHAMBURG, Germany, May 4, 2026 -- "
    b"The port of Hamburg opened a container terminal today.\n"
)


def csrf(client: FlaskClient) -> str:
    page = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
    field = page.select_one("input[name=csrf_token]")
    assert field is not None
    return str(field["value"])


def logged_in(app: Flask) -> tuple[FlaskClient, str]:
    client = app.test_client()
    token = csrf(client)
    response = client.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/admin"
    return client, token


def page_text(client: FlaskClient, url: str = "/admin") -> str:
    html = client.get(url).get_data(as_text=True)
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.fixture
def admin_app(copied_index: BuiltIndex, make_app: AppFactory) -> Flask:
    return make_app(copied_index.config())


def wait(app: Flask) -> None:
    state = app.extensions["releasesearch"].reindexer.wait(timeout=60)
    assert not state.running and state.error is None, state


def test_admin_is_forbidden_without_a_configured_token(
    built_index: BuiltIndex, make_app: AppFactory
) -> None:
    client = make_app(built_index.config(admin_token=None)).test_client()
    response = client.get("/admin")
    assert response.status_code == 403
    assert b"Admin is disabled: set RELEASESEARCH_ADMIN_TOKEN to enable it." in response.data
    assert client.get("/admin/status").status_code == 403
    assert b'href="/admin"' not in client.get("/").data


def test_login_form_asks_for_the_token(client: FlaskClient) -> None:
    page = BeautifulSoup(client.get("/admin").get_data(as_text=True), "html.parser")
    form = page.select_one("form[action='/admin/login']")
    assert form is not None and form["method"] == "post"
    assert form.select_one("input[type=password][name=token]")["id"] == "token"
    assert page.select_one("label[for=token]").get_text() == "Admin token"
    assert len(str(form.select_one("input[name=csrf_token]")["value"])) >= 32


def test_login_needs_the_csrf_token(client: FlaskClient) -> None:
    csrf(client)
    response = client.post("/admin/login", data={"token": ADMIN_TOKEN})
    assert response.status_code == 403
    assert b"The form has expired or did not come from this site" in response.data
    forged = client.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf_token": "x" * 43})
    assert forged.status_code == 403


def test_wrong_token_is_refused(client: FlaskClient) -> None:
    token = csrf(client)
    response = client.post("/admin/login", data={"token": "guess", "csrf_token": token})
    assert response.status_code == 401
    assert b"Wrong token." in response.data
    assert client.get("/admin/status").status_code == 401


def test_dashboard_shows_the_index_status(admin_app: Flask) -> None:
    client, _ = logged_in(admin_app)
    text = page_text(client)
    assert "Documents 5" in text
    assert "Re-index running idle" in text
    assert "Last run in this process never" in text
    status = client.get("/admin/status")
    assert status.status_code == 200
    assert status.json["documents"] == 5
    assert status.json["indexing"] is False and status.json["job"]["running"] is False


def test_status_json_needs_login(client: FlaskClient) -> None:
    response = client.get("/admin/status")
    assert response.status_code == 401
    assert response.json == {"error": {"status": 401, "message": "Log in on the admin page first."}}


def test_update_index_runs_in_the_background(admin_app: Flask, copied_index: BuiltIndex) -> None:
    client, token = logged_in(admin_app)
    (copied_index.archive / "new.txt").write_bytes(UPLOAD)
    response = client.post("/admin/reindex", data={"mode": "update", "csrf_token": token})
    assert response.status_code == 303
    assert "Re-index started." in page_text(client)
    wait(admin_app)
    status = client.get("/admin/status").json
    assert status["documents"] == 6
    assert status["job"]["report"]["added"] == 1 and status["job"]["report"]["rebuilt"] is False
    assert "finished" in page_text(client)


def test_rebuild_index(admin_app: Flask) -> None:
    client, token = logged_in(admin_app)
    client.post("/admin/reindex", data={"mode": "rebuild", "csrf_token": token})
    wait(admin_app)
    status = client.get("/admin/status").json
    assert status["job"]["report"]["rebuilt"] is True
    assert status["job"]["report"]["releases"] == 5
    assert status["documents"] == 5


def test_reindex_while_locked_flashes_a_clear_message(
    admin_app: Flask, copied_index: BuiltIndex
) -> None:
    client, token = logged_in(admin_app)
    with store.writer_lock(copied_index.index):
        response = client.post("/admin/reindex", data={"mode": "update", "csrf_token": token})
        text = page_text(client)
    assert response.status_code == 303
    assert "A re-index is already running; try again when it has finished." in text
    assert "0 of 0 files" in text  # the lock held elsewhere shows as running


def test_reindex_needs_csrf_and_login(admin_app: Flask) -> None:
    anonymous = admin_app.test_client()
    token = csrf(anonymous)
    assert anonymous.post("/admin/reindex", data={"csrf_token": token}).status_code == 401
    client, _ = logged_in(admin_app)
    assert client.post("/admin/reindex", data={"mode": "update"}).status_code == 403


def test_running_job_refreshes_without_javascript(
    admin_app: Flask, copied_index: BuiltIndex
) -> None:
    client, _ = logged_in(admin_app)
    idle = client.get("/admin").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in idle and 'data-running="false"' in idle
    with store.writer_lock(copied_index.index):
        busy = client.get("/admin").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in busy
    assert 'data-running="true"' in busy and 'data-status-url="/admin/status"' in busy


def test_upload_is_sanitised_saved_and_indexed(admin_app: Flask, copied_index: BuiltIndex) -> None:
    client, token = logged_in(admin_app)
    response = client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(UPLOAD), "../evil.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert (copied_index.archive / "uploads" / "evil.txt").read_bytes() == UPLOAD
    assert not (copied_index.archive.parent / "evil.txt").exists()
    assert "Saved uploads/evil.txt; indexing it now." in page_text(client)
    wait(admin_app)
    hits = client.get("/api/search?q=Hamburg").json["hits"]
    assert [h["id"] for h in hits] == ["uploads/evil.txt"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("virus.exe", b"virus.exe: this file type is not indexed; accepted: .csv,"),
        ("....", b"Choose a file to upload."),
        ("x.mapping.json", b"x.mapping.json: this file type is not indexed"),
    ],
)
def test_upload_refuses_other_types(admin_app: Flask, name: str, message: bytes) -> None:
    client, token = logged_in(admin_app)
    response = client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(b"data"), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in response.data


def test_upload_without_a_file_or_csrf(admin_app: Flask) -> None:
    client, token = logged_in(admin_app)
    assert client.post("/admin/upload", data={"csrf_token": token}).status_code == 400
    response = client.post(
        "/admin/upload",
        data={"file": (io.BytesIO(UPLOAD), "a.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("size", [5_000, 200_000])
def test_too_large_upload_is_413(copied_index: BuiltIndex, make_app: AppFactory, size: int) -> None:
    app = make_app(copied_index.config(max_upload_mb=0.001))
    client, token = logged_in(app)
    response = client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(b"x" * size), "big.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert b"The upload is too large: at most 0.001 MB are accepted." in response.data
    uploads = copied_index.archive / "uploads"
    assert (sorted(p.name for p in uploads.iterdir()) if uploads.exists() else []) == []


def test_upload_never_follows_symlinks(
    admin_app: Flask, copied_index: BuiltIndex, tmp_path: Path
) -> None:
    client, token = logged_in(admin_app)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, copied_index.archive / "uploads")
    response = client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(UPLOAD), "a.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert list(outside.iterdir()) == []


def test_upload_replaces_a_planted_symlink_instead_of_writing_through_it(
    admin_app: Flask, copied_index: BuiltIndex, tmp_path: Path
) -> None:
    client, token = logged_in(admin_app)
    target = tmp_path / "victim.txt"
    target.write_text("untouched")
    (copied_index.archive / "uploads").mkdir()
    os.symlink(target, copied_index.archive / "uploads" / "a.txt")
    client.post(
        "/admin/upload",
        data={"csrf_token": token, "file": (io.BytesIO(UPLOAD), "a.txt")},
        content_type="multipart/form-data",
    )
    wait(admin_app)
    assert target.read_text() == "untouched"
    saved = copied_index.archive / "uploads" / "a.txt"
    assert not saved.is_symlink() and saved.read_bytes() == UPLOAD


def test_logout(admin_app: Flask) -> None:
    client, token = logged_in(admin_app)
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/admin/status").status_code == 401


def test_changing_the_token_logs_sessions_out(
    copied_index: BuiltIndex, make_app: AppFactory
) -> None:
    first = make_app(copied_index.config())
    client, _ = logged_in(first)
    cookie = client.get_cookie("session")
    assert cookie is not None
    other = make_app(copied_index.config(admin_token="another-token")).test_client()
    other.set_cookie("session", cookie.value)
    assert other.get("/admin/status").status_code == 401
