"""The archive folder as a set of files: list them cheaply, read one safely.

No parsing happens here. :func:`scan_archive` only calls ``os.stat`` because the
incremental indexer runs it on every pass to see what changed; reading and size
checks wait until a file really has to be (re)indexed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from releasesearch.errors import ParseError
from releasesearch.model import ArchiveFile, IngestError

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".csv", ".jsonl", ".ndjson"}
)
MAPPING_SUFFIX = ".mapping.json"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # the largest file ingested unless configured otherwise
# Notes that travel with a folder of releases (origin, licence) are not releases themselves.
DOC_STEMS = frozenset({"readme", "source", "license", "licence", "notice", "copying"})


@dataclass(frozen=True, slots=True)
class FileStat:
    """What the indexer compares between runs to decide whether a file changed."""

    mtime: float
    size: int


def is_supported(relpath: str) -> bool:
    """A release file by its name: supported suffix, not a column mapping, not a folder note."""
    name = relpath.rpartition("/")[2].lower()
    stem, dot, suffix = name.rpartition(".")
    return (
        bool(dot and stem)
        and "." + suffix in SUPPORTED_SUFFIXES
        and not name.endswith(MAPPING_SUFFIX)
        and stem not in DOC_STEMS
    )


def scan_archive(root: Path) -> dict[str, FileStat]:
    """Every supported file below ``root``, keyed by POSIX relative path, in sorted order.

    Hidden files and folders are skipped (editors and VCS keep their state there),
    and so are symlinks that lead out of the archive and folder notes such as
    ``SOURCE.md`` or ``README.md``. Every index run and check lists the whole
    archive, so this is one ``scandir`` per folder and one ``stat`` per file, with
    plain strings: pathlib per file cost more than the system calls at 100,000 files.
    """
    real_root = root.resolve()
    found: dict[str, FileStat] = {}
    _scan_folder(os.fspath(root), "", real_root, found)
    return dict(sorted(found.items()))


def _scan_folder(folder: str, prefix: str, real_root: Path, found: dict[str, FileStat]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # vanished or unreadable between listing and reading
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        rel = prefix + name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink():  # linked folders are not followed
                _scan_folder(entry.path, rel + "/", real_root, found)
            continue
        if not is_supported(rel):
            continue
        # Only a file that is itself a link can lead outside (folders are not followed).
        if entry.is_symlink() and not _inside(Path(entry.path), real_root):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue  # vanished or dangling link between listing and stat
        found[rel] = FileStat(mtime=st.st_mtime, size=st.st_size)


def _inside(path: Path, real_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):  # symlink loop
        return False


def read_archive_file(root: Path, relpath: str, *, max_bytes: int) -> ArchiveFile:
    """Read one file; the size is checked before reading so a huge file costs nothing.

    :raises ParseError: if the file is too big, gone, unreadable or outside ``root``.
    """
    path = _resolve(root, relpath)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ParseError("file vanished before it could be read") from None
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from None
    if st.st_size > max_bytes:
        raise ParseError(f"file is {_mb(st.st_size)}, over the {_mb(max_bytes)} limit")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ParseError("file vanished before it could be read") from None
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew between stat and read
        raise ParseError(f"file is over the {_mb(max_bytes)} limit")
    return ArchiveFile(path=relpath, data=data, mtime=st.st_mtime, size=len(data))


def _resolve(root: Path, relpath: str) -> Path:
    rel = PurePosixPath(relpath)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ParseError(f"path escapes the archive: {relpath}")
    path = root.joinpath(*rel.parts)
    if not _inside(path, root.resolve()):
        raise ParseError(f"path escapes the archive: {relpath}")
    return path


def _mb(size: int) -> str:
    """Human size: "52.4 MB", "10 MB", "512 bytes"."""
    if size < 1024 * 1024 // 10:
        return f"{size:,} bytes"
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def mapping_path(relpath: str) -> str:
    """``press/police.csv`` -> ``press/police.mapping.json``."""
    rel = PurePosixPath(relpath)
    return str(rel.with_name(rel.stem + MAPPING_SUFFIX))


def read_mapping(root: Path, relpath: str) -> dict[str, str] | None:
    """The column mapping beside a batch file, or None when there is none.

    :raises ParseError: if the mapping exists but is not a JSON object of strings.
    """
    path = _resolve(root, mapping_path(relpath))
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read column mapping {path.name}: {exc}") from None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ParseError(f"column mapping {path.name} is not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ParseError(f'column mapping {path.name} must be an object like {{"Datum": "date"}}')
    return dict(value)


def iter_archive(root: Path, *, max_bytes: int) -> Iterator[ArchiveFile | IngestError]:
    """Every supported file read, or the reason it could not be; never raises per file."""
    for relpath in scan_archive(root):
        try:
            yield read_archive_file(root, relpath, max_bytes=max_bytes)
        except ParseError as exc:
            yield IngestError(path=relpath, row=None, reason=exc.message)
