"""Archive files to releases: one entry point, one parser per format, no I/O.

Parsers are pure functions of the file's bytes and path so that the indexer can
run them anywhere (a worker process, a test) and re-run them with the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from releasesearch.errors import ParseError
from releasesearch.model import ArchiveFile, IngestError, Release
from releasesearch.parse.decode import decode
from releasesearch.parse.markdown import parse_markdown
from releasesearch.parse.tabular import parse_tabular
from releasesearch.parse.text import parse_text

__all__ = ["FORMATS", "decode", "format_of", "parse_file"]

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def format_of(path: str) -> str:
    """The format name for a path, by suffix (case-insensitive).

    :raises ParseError: for a suffix no parser reads.
    """
    name = PurePosixPath(path).name.lower()
    suffix = "." + name.rsplit(".", 1)[1] if "." in name else ""
    try:
        return FORMATS[suffix]
    except KeyError:
        raise ParseError(f"unsupported file type {suffix or '(no suffix)'}") from None


def parse_file(
    file: ArchiveFile, *, mapping: Mapping[str, str] | None = None
) -> tuple[list[Release], list[IngestError]]:
    """All releases in ``file`` and the reasons for anything that could not be read.

    A broken single-release file yields one :class:`IngestError`; a batch file yields
    one error per broken row and keeps the good rows. Never raises :class:`ParseError`.
    """
    try:
        kind = format_of(file.path)
        if kind in ("csv", "jsonl"):
            return parse_tabular(file, kind, mapping=mapping)
        return [_parse_single(file, kind)], []
    except ParseError as exc:
        return [], [IngestError(path=file.path, row=None, reason=exc.message)]


def _parse_single(file: ArchiveFile, kind: str) -> Release:
    if kind == "text":
        return parse_text(file)
    if kind == "markdown":
        return parse_markdown(file)
    from releasesearch.parse.html import parse_html  # BeautifulSoup: 0.25 s to import

    return parse_html(file)
