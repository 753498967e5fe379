"""Saving an uploaded release file under ``archive/uploads/`` and nowhere else.

The name is reduced by ``secure_filename`` (no folders, no ``..``), the folder
must be a real directory inside the archive, and the file is written to a
hidden temporary name first and moved into place with ``os.replace``: a symlink
planted at the target is replaced, never followed, and the indexer never sees
half a file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import IO

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from releasesearch.archive import SUPPORTED_SUFFIXES, is_supported
from releasesearch.errors import BadRequest, Forbidden

UPLOADS = "uploads"
_CHUNK = 64 * 1024


def upload_name(filename: str | None) -> str:
    """:raises BadRequest: when nothing usable is left of the name, or its type is not indexed."""
    name = secure_filename(filename or "")
    if not name or name.startswith("."):
        raise BadRequest("Choose a file to upload.")
    if not is_supported(name):
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise BadRequest(f"{name}: this file type is not indexed; accepted: {allowed}.")
    return name


def uploads_dir(archive_root: Path) -> Path:
    """:raises Forbidden: when ``archive/uploads`` is a symlink or not a folder."""
    folder = archive_root / UPLOADS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise Forbidden(f"{UPLOADS}/ in the archive is not a plain folder; uploads are refused.")
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.resolve().is_relative_to(archive_root.resolve()):
        raise Forbidden(f"{UPLOADS}/ leads outside the archive; uploads are refused.")
    return folder


def save_upload(archive_root: Path, filename: str | None, stream: IO[bytes], max_bytes: int) -> str:
    """Store the upload; returns its archive-relative path (``uploads/name.txt``).

    :raises RequestEntityTooLarge: when the file exceeds ``max_bytes``.
    """
    name = upload_name(filename)
    folder = uploads_dir(archive_root)
    temp = folder / f".{name}.{secrets.token_hex(4)}.part"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "wb") as out:
            _copy(stream, out, max_bytes)
        os.replace(temp, folder / name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return f"{UPLOADS}/{name}"


def _copy(stream: IO[bytes], out: IO[bytes], max_bytes: int) -> None:
    written = 0
    while chunk := stream.read(_CHUNK):
        written += len(chunk)
        if written > max_bytes:
            raise RequestEntityTooLarge()
        out.write(chunk)
