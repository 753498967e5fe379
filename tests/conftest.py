"""Shared fixtures: real indexes built in temporary folders, and apps over them.

Indexing the five seeds takes a couple of seconds, so ``built_index`` is built
once per session and treated as read-only; tests that change an archive or an
index build their own with ``archive_factory``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from releasesearch import create_app
from releasesearch.config import ENV_PREFIX
from releasesearch.index import indexer

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
ADMIN_TOKEN = "test-token"
SECRET_KEY = "test-secret-key"

# Releases whose text is markup and script: every surface must show them as text.
EVIL_TITLE = "<script>window.__xss=1;alert(1)</script> Evil Corp launches product"
XSS_RELEASES: dict[str, str | bytes] = {
    "xss.txt": (
        f"{EVIL_TITLE}\n\n"
        "BERLIN, Germany, February 1, 2026 -- Evil Corp announces "
        '<img src=x onerror="window.__xss=2;alert(2)"> a new product. '
        'See javascript:alert(3) and <a href="javascript:alert(4)">here</a>.\n\n'
        "The product <script>window.__xss=3</script> is great.\n\n"
        "Source: <b>Evil</b> Source\n"
    ),
    "link.md": (
        "---\ntitle: Harmless product news\ndate: 2026-01-15\nlanguage: en\n"
        "url: javascript:alert(5)\n---\n\nA product is announced in Hamburg today.\n"
    ),
}


NO_DICTIONARY = Path("/nonexistent/dictd")  # cross-language search off unless a test asks


@dataclass(frozen=True)
class BuiltIndex:
    """An archive folder and the index built from it."""

    archive: Path
    index: Path

    def config(self, **overrides: Any) -> dict[str, Any]:
        """``create_app`` settings for this archive and index, test defaults included."""
        base: dict[str, Any] = {
            "TESTING": True,
            "archive": self.archive,
            "index": self.index,
            "admin_token": ADMIN_TOKEN,
            "secret_key": SECRET_KEY,
            "dictionary": NO_DICTIONARY,
        }
        base.update(overrides)
        return base


def build_index(root: Path, files: Mapping[str, str | bytes]) -> BuiltIndex:
    """Write ``files`` (archive-relative path -> content) under ``root`` and index them."""
    archive, index = root / "archive", root / "index"
    for relpath, content in files.items():
        target = archive / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    archive.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        # session fixtures are built before the autouse fixture below: no dictionary
        # links translations by their words unless a test names one
        if not os.environ.get(ENV_PREFIX + "DICTIONARY"):
            patch.setenv(ENV_PREFIX + "DICTIONARY", str(NO_DICTIONARY))
        indexer.update(archive, index)
    return BuiltIndex(archive, index)


@pytest.fixture(autouse=True)
def _no_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's ``RELEASESEARCH_*`` variables must not change what tests see.

    Nor does an installed dictionary: cross-language search is off unless a test
    passes its own (``tests/dictd.py``), so results are the same on every machine.
    """
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX):
            monkeypatch.delenv(name)
    monkeypatch.setenv(ENV_PREFIX + "DICTIONARY", str(NO_DICTIONARY))


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    """The five seed releases, indexed once per session (read-only for tests)."""
    root = tmp_path_factory.mktemp("seeds")
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.suffix == ".txt"}
    return build_index(root, files)


ArchiveFactory = Callable[..., BuiltIndex]


@pytest.fixture
def archive_factory(tmp_path: Path) -> ArchiveFactory:
    """``archive_factory({"a.txt": "..."}, seeds=False)`` -> a fresh indexed archive.

    With ``seeds=True`` the five seed releases are added to the given files.
    """
    counter = itertools.count(1)

    def make(files: Mapping[str, str | bytes] | None = None, *, seeds: bool = False) -> BuiltIndex:
        everything: dict[str, str | bytes] = {}
        if seeds:
            everything.update(
                {p.name: p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.suffix == ".txt"}
            )
        everything.update(files or {})
        return build_index(tmp_path / f"built-{next(counter)}", everything)

    return make


@pytest.fixture
def copied_index(tmp_path: Path, built_index: BuiltIndex) -> BuiltIndex:
    """A private copy of the seed archive and index, for tests that re-index or upload."""
    archive, index = tmp_path / "archive", tmp_path / "index"
    shutil.copytree(built_index.archive, archive)
    shutil.copytree(built_index.index, index, symlinks=True)
    return BuiltIndex(archive, index)


AppFactory = Callable[[Mapping[str, Any]], Flask]


@pytest.fixture
def make_app() -> Iterator[AppFactory]:
    """``make_app(config)``: an app whose searcher is closed when the test ends.

    Closing matters: an open Whoosh reader left to the garbage collector raises a
    ResourceWarning, which ``filterwarnings = error`` turns into a failure elsewhere.
    """
    apps: list[Flask] = []

    def make(config: Mapping[str, Any]) -> Flask:
        application = create_app(config)
        apps.append(application)
        return application

    yield make
    for application in apps:
        application.extensions["releasesearch"].close()


@pytest.fixture
def app(built_index: BuiltIndex, make_app: AppFactory) -> Flask:
    """The app over the seed index, with admin enabled (token ``test-token``)."""
    return make_app(built_index.config())


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
