"""releasesearch: full-text search over an archive of English and German press releases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web application; ``config`` overrides settings (tests pass ``tmp_path`` dirs).

    Imported here, not at the top: ``import releasesearch`` (the CLI, the indexer's
    workers) must not pay for Flask and the search wing.
    """
    from releasesearch.web.app import build_app

    return build_app(config)
