"""Where the Whoosh index lives on disk, and who may write it.

The index folder holds generations (``gen-000001/``, ...) and a symlink
``current`` naming the live one. A rebuild writes a new generation beside the
live one and replaces the symlink with ``os.replace``, one atomic step, so a
reader sees either the old index or the new one, never half of either.
Incremental updates commit into the live generation; Whoosh's table of contents
is itself replaced atomically on commit.

One writer at a time: :func:`writer_lock` takes an exclusive ``flock`` on
``index/.lock``; the kernel releases it when the process dies, so a killed
indexer never leaves the index locked.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from importlib import resources
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from releasesearch.errors import IndexBusy, IndexMissing
from releasesearch.index.schema import build_schema
from releasesearch.vocab.sectors import VERSION as SECTOR_VERSION

CURRENT = "current"
REJECTED = "rejected.json"  # files that yielded no release, with stamp and reason
LOCK = ".lock"
VOCABULARY = "vocabulary.json"  # the vocabulary versions the documents were built with
# An index built with another sector list holds ids that mean something else:
# it must be rebuilt, not updated. An index without this file predates it (version 1).
# Pairing 2: documents hold their words and the reason of their translation link
# (fields an older index lacks), so an older index is rebuilt too.
PAIRING_VERSION = 2
# The sector classifier (its code, cue terms, archive counts and model weights) gives other
# sectors whenever one of these files changes, so an index classified by another one is
# rebuilt too. Read as files, not imported: the answering wing opens this module.
CLASSIFIER_FILES = ("enrich/sector*.py", "enrich/data/sector*.json")


@lru_cache(maxsize=1)
def classifier_fingerprint() -> str:
    """A short hash of the sector classifier's files: which classifier built an index."""
    package = Path(str(resources.files("releasesearch")))
    digest = hashlib.sha256()
    for path in sorted(p for pattern in CLASSIFIER_FILES for p in package.glob(pattern)):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:12]


def vocabulary_versions() -> dict[str, object]:
    """What a generation records about the vocabularies its documents were built with."""
    return {
        "sectors": SECTOR_VERSION,
        "sector_classifier": classifier_fingerprint(),
        "pairing": PAIRING_VERSION,
    }


_GEN = re.compile(r"^gen-(\d{6})$")


def current_dir(root: Path) -> Path | None:
    """The live generation's folder, or None when no index was built yet."""
    link = root / CURRENT
    if not link.is_symlink():
        return None
    target = root / os.readlink(link)
    return target if whoosh_index.exists_in(str(target)) else None


def open_index(root: Path) -> FileIndex:
    """Open the live index for reading or incremental writing.

    :raises IndexMissing: when nothing was indexed yet.
    """
    target = current_dir(root)
    if target is None:
        raise IndexMissing(
            f"no index in {root}: run `releasesearch index` to build it from the archive"
        )
    ix = whoosh_index.open_dir(str(target))
    assert isinstance(ix, FileIndex)
    return ix


def folder_of(ix: FileIndex) -> Path:
    """The generation folder an open index lives in."""
    return Path(ix.storage.folder)


def new_generation(root: Path) -> tuple[Path, FileIndex]:
    """Create an empty index in a fresh generation folder (not live yet)."""
    root.mkdir(parents=True, exist_ok=True)
    numbers = [int(m.group(1)) for p in root.iterdir() if (m := _GEN.match(p.name))]
    folder = root / f"gen-{max(numbers, default=0) + 1:06d}"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    assert isinstance(ix, FileIndex)
    (folder / VOCABULARY).write_text(json.dumps(vocabulary_versions()), encoding="utf-8")
    return folder, ix


def outdated(root: Path) -> str | None:
    """Why the live index must be rebuilt (built with an older sector list, another
    sector classifier or older translation links), or None."""
    folder = current_dir(root)
    if folder is None:
        return None
    try:
        found = json.loads((folder / VOCABULARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = {}
    if not isinstance(found, dict):
        found = {}
    built = found.get("sectors", 1)
    if built != SECTOR_VERSION:
        return f"the index was built with sector list version {built}, this one is {SECTOR_VERSION}"
    if found.get("sector_classifier") != classifier_fingerprint():
        return "the index was built with another sector classifier"
    pairing = found.get("pairing", 1)
    if pairing != PAIRING_VERSION:
        return (
            f"the index was built with translation links version {pairing}, "
            f"this one is {PAIRING_VERSION}"
        )
    return None


def publish(root: Path, folder: Path) -> None:
    """Make ``folder`` the live generation atomically, then drop stale generations."""
    link = root / CURRENT
    previous = os.readlink(link) if link.is_symlink() else None
    tmp_link = root / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(folder.name, tmp_link)
    os.replace(tmp_link, link)
    _prune(root, keep={folder.name} | ({previous} if previous else set()))


def _prune(root: Path, keep: set[str]) -> None:
    """Remove every generation but the live one and the one live before it.

    The previous one may still be open in readers until they notice the switch.
    Anything else is stale or the leftover of a rebuild that was killed: going by
    the names in ``keep``, not by the newest numbers, since a killed rebuild's
    half-written folder is newer than the generation readers really have open.
    Only the writer publishes, under the writer lock, so no rebuild is under way.
    """
    for name in sorted(p.name for p in root.iterdir() if _GEN.match(p.name)):
        if name not in keep:
            shutil.rmtree(root / name, ignore_errors=True)


def discard(folder: Path) -> None:
    """Remove an unpublished generation (a rebuild that failed or was refused)."""
    shutil.rmtree(folder, ignore_errors=True)


_HELD_LOCKS: set[int] = set()  # descriptors of writer locks this process holds


def _drop_locks_in_child() -> None:
    """A forked child (an indexer's worker) must not share the writer lock.

    ``flock`` belongs to the open file, which a fork shares: workers orphaned by a
    killed indexer would otherwise keep the index locked until they exit. Closing
    the child's copy leaves the parent's lock in place.
    """
    for fd in _HELD_LOCKS:
        with suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_drop_locks_in_child)


LOCK_PATIENCE = 1.0


def _try_lock(fd: int, patience: float) -> bool:
    deadline = time.monotonic() + patience
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@contextmanager
def writer_lock(root: Path, *, patience: float = LOCK_PATIENCE) -> Iterator[None]:
    """Hold the index's single-writer lock for the duration of the block.

    Waits up to ``patience`` seconds: a status probe (:func:`is_locked`) holds the
    lock for microseconds, and must not make a starting re-index fail.

    :raises IndexBusy: when another process is indexing.
    """
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd, patience):
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise IndexBusy(
                f"a re-index is already running (process {holder}); try again when it has finished"
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _HELD_LOCKS.add(fd)
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)


def is_locked(root: Path) -> bool:
    """True while some process holds the writer lock (the admin page shows it)."""
    try:
        with writer_lock(root, patience=0.0):
            return False
    except IndexBusy:
        return True


def read_rejected(folder: Path) -> dict[str, dict[str, str]]:
    """path -> {"stamp", "reason"} of archive files that could not be ingested."""
    try:
        data = json.loads((folder / REJECTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_rejected(folder: Path, rejected: dict[str, dict[str, str]]) -> None:
    """Record rejected files atomically, after the commit that skipped them."""
    tmp = folder / f".{REJECTED}.{os.getpid()}"
    tmp.write_text(json.dumps(rejected, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / REJECTED)
