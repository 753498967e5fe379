"""releasesearch under test: its index of the corpus, built once and cached, and its answers.

Building the index is the slow part (a minute for the fixed corpus), and ranking
work changes only the answering code, so the index is cached in the user's cache
folder under a key made of the corpus list and the indexing code (every source
file outside the answering wing): a change to query parsing or ranking reuses the
index, a change to analysis or the schema builds a new one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ranking_eval.corpus import Item
from releasesearch.config import Settings
from releasesearch.index import indexer, store
from releasesearch.index import schema as F
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

SRC = Path(__file__).resolve().parents[2] / "src" / "releasesearch"
# The answering wing and the front ends over it: changing them never changes the index.
ANSWERING = {"search", "web", "templates", "static", "cli.py"}
MAX_BYTES = 64 * 1024 * 1024


def code_hash() -> str:
    """Hash of the source files that decide what the index holds."""
    digest = hashlib.sha1()
    for path in sorted(SRC.rglob("*")):
        rel = path.relative_to(SRC)
        if path.is_file() and not ANSWERING & set(rel.parts) and "__pycache__" not in rel.parts:
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "releasesearch" / "eval-ranking"


def ensure_index(key: str, fill: Callable[[Path], None]) -> tuple[Path, bool]:
    """The index folder for ``key``, built by ``fill(archive)`` and rebuild when missing.

    Returns the folder and whether it was built now. Built in a temporary folder and
    renamed into place, so an interrupted build never leaves a half index in the cache.
    """
    target = cache_root() / key
    if (target / "index").is_dir() and store.current_dir(target / "index") is not None:
        return target / "index", False
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{key[:8]}-", dir=target.parent))
    try:
        fill(work / "archive")
        report = indexer.rebuild(work / "archive", work / "index", max_bytes=MAX_BYTES)
        for err in report.errors:
            print(f"  index error: {err.path}#{err.row}: {err.reason}")
        shutil.rmtree(work / "archive")
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target / "index", True


@dataclass(frozen=True, slots=True)
class Doc:
    """One indexed release as both systems see it."""

    id: str  # releasesearch's id: "path" or "path#row"
    item: Item
    group: str  # the release's translation group (releasesearch's pair id)
    text: str  # title and body, for the baseline


def documents(index_root: Path) -> Iterator[Doc]:
    """Every live release of the index, with the text releasesearch indexed."""
    ix = store.open_index(index_root)
    try:
        with ix.searcher() as searcher:
            for stored in searcher.reader().all_stored_fields():
                key = stored[F.ID]
                yield Doc(
                    id=key,
                    item=Item(stored[F.PATH], str(stored.get(F.ROW) or "")),
                    group=stored.get(F.PAIR) or key,
                    text=f"{stored.get(F.TITLE) or ''}\n{stored.get(F.BODY) or ''}",
                )
    finally:
        ix.close()


class Releasesearch:
    """Answers queries through the library, as the web page and the CLI do.

    With ``translate="auto"`` queries also search the other language through the
    dictionary of ``RELEASESEARCH_DICTIONARY`` (cross-language search, as served).
    """

    def __init__(self, index_root: Path, translate: str = "off") -> None:
        dictionary = Settings.from_env().dictionary if translate == "auto" else None
        self.service = SearchService(index_root, dictionary)
        self.translate = translate

    def search(self, text: str, limit: int) -> list[str]:
        request = SearchRequest(q=text, page_size=limit, translate=self.translate)
        result = self.service.search(request)
        return [hit.id for hit in result.hits]

    def close(self) -> None:
        self.service.close()
