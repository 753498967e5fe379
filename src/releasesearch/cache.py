"""Derived data cached in the user's cache folder, so a short run does not rebuild it.

A command that indexes one release pays for every model it loads; data built
from package files (the gazetteer's name index, the compound lexicon) is kept
here keyed by a hash of what it was built from, and rebuilt when that changes
or when the folder cannot be written.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/releasesearch`` (``~/.cache/releasesearch`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "releasesearch"


def marshalled(name: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value (plain dicts, lists, strings and numbers), cached as ``name``.

    ``name`` must change whenever what ``build`` reads changes. marshal loads a
    dict of 600,000 words about twice as fast as building it again.
    """
    path = cache_folder() / name
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or an unreadable one: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build every time
    return value
