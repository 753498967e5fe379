"""Archive file -> enriched releases, with no index: what the indexer and ``inspect`` share.

The indexer's workers call :func:`load_file` for every file they index;
``releasesearch inspect`` calls it too, and prints what the ingest makes of
files and folders without opening (or importing) anything of the index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from releasesearch.archive import DEFAULT_MAX_BYTES, read_archive_file, read_mapping, scan_archive
from releasesearch.enrich import enrich
from releasesearch.enrich.translations import link_translations
from releasesearch.errors import ParseError
from releasesearch.model import EnrichedRelease, IngestError
from releasesearch.parse import parse_file
from releasesearch.vocab.gazetteer import gazetteer

__all__ = ["DEFAULT_MAX_BYTES", "inspect_paths", "load_file"]


def load_file(
    archive_root: Path, path: str, max_bytes: int
) -> tuple[list[EnrichedRelease], list[IngestError]]:
    """Read, parse and enrich one archive file; every failure becomes an IngestError."""
    try:
        file = read_archive_file(archive_root, path, max_bytes=max_bytes)
        releases, errors = parse_file(file, mapping=read_mapping(archive_root, path))
    except ParseError as exc:
        return [], [IngestError(path, None, exc.message)]
    return [enrich(r) for r in releases], list(errors)


def _targets(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """(archive root, relative path) for each file named or found below a folder."""
    for path in paths:
        if path.is_dir():
            for rel in scan_archive(path):
                yield path, rel
        else:
            yield path.parent, path.name


def release_record(item: EnrichedRelease) -> dict[str, Any]:
    release, meta = item.release, item.meta
    places = gazetteer()
    return {
        "id": release.id,
        "path": release.path,
        "row": release.row,
        "format": release.format,
        "title": release.title,
        "language": meta.language,
        "date": meta.date.isoformat() if meta.date else None,
        "dateline_city": places.label(meta.dateline_city, "en") if meta.dateline_city else None,
        "dateline_city_id": meta.dateline_city,
        "country": meta.country,
        "cities": [places.label(c, "en") or c for c in meta.cities],
        "city_ids": list(meta.cities),
        "sectors": list(meta.sectors),
        "source": meta.source,
        "wire": meta.wire,
        "tags": [t.key for t in meta.tags],
        "url": release.url,
        "translations": list(item.translations),
        "content_hash": meta.content_hash,
        "errors": [],
    }


def error_record(error: IngestError) -> dict[str, Any]:
    return {"id": None, "path": error.path, "row": error.row, "errors": [error.reason]}


def inspect_paths(paths: list[Path], *, max_bytes: int) -> Iterator[dict[str, Any]]:
    """One record per release (and one per file or row that failed), translations linked."""
    items: list[EnrichedRelease] = []
    errors: list[IngestError] = []
    for root, rel in _targets(paths):
        found, errs = load_file(root, rel, max_bytes)
        items.extend(found)
        errors.extend(errs)
    for item in link_translations(items):
        yield release_record(item)
    for error in errors:
        yield error_record(error)
