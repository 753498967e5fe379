"""Batch files: CSV and JSON Lines, one release per row.

A batch is only as good as its worst row, so a broken row never takes the file
down: it becomes an :class:`IngestError` naming the line, and reading resumes on
the next physical line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from releasesearch.errors import ParseError
from releasesearch.model import ArchiveFile, IngestError, Release
from releasesearch.parse.columns import assign_columns, build_release, normalize_name, row_keys
from releasesearch.parse.decode import decode

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class _Row:
    number: int  # 1-based data row number
    line: int  # 1-based physical line where the row starts
    fields: dict[str, str]


def parse_tabular(
    file: ArchiveFile, kind: str, *, mapping: Mapping[str, str] | None = None
) -> tuple[list[Release], list[IngestError]]:
    """Releases from the good rows, errors for the others (``row`` = "line N" or the row key)."""
    text = decode(file.data)
    errors: list[IngestError] = []
    rows = list(
        _csv_rows(text, mapping, file.path, errors)
        if kind == "csv"
        else _jsonl_rows(text, mapping, file.path, errors)
    )
    keys = row_keys([row.fields for row in rows], [row.number for row in rows])
    releases: list[Release] = []
    for key, row in zip(keys, rows, strict=True):
        try:
            releases.append(build_release(file.path, key, kind, row.fields))
        except ParseError as exc:
            errors.append(IngestError(path=file.path, row=key, reason=exc.message))
    return releases, errors


def sniff_delimiter(header: str) -> str:
    """The delimiter that splits the header line most often (comma on a tie)."""
    return max(_DELIMITERS, key=lambda d: (header.count(d), d == ","))


def _csv_rows(
    text: str, mapping: Mapping[str, str] | None, path: str, errors: list[IngestError]
) -> Iterator[_Row]:
    lines = [line + "\n" for line in text.split("\n")]  # not splitlines(): U+2028 is text
    delimiter = sniff_delimiter(lines[0])
    names = next(csv.reader([lines[0]], delimiter=delimiter))
    columns = assign_columns(names, mapping)
    if "title" not in columns and "text" not in columns:
        raise ParseError(
            f"no title or text column among {', '.join(names)}; "
            "name them in a .mapping.json beside the file"
        )
    number, start, in_error = 0, 1, False
    while start < len(lines):
        restart = None
        reader = csv.reader(lines[start:], delimiter=delimiter, strict=False)
        row_start = start
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                restart = _broken(errors, path, row_start, f"unreadable CSV: {exc}", in_error)
                break
            consumed = start + reader.line_num
            if not any(v.strip() for v in values):
                row_start, in_error = consumed, False
                continue
            if len(values) > len(names) and not any(v.strip() for v in values[len(names) :]):
                values = values[: len(names)]  # a trailing delimiter on every line
            reason = None
            if len(values) != len(names):
                reason = f"has {len(values)} fields, the header has {len(names)} (broken quoting?)"
            elif _unclosed_at_end(lines, row_start, consumed, delimiter):
                reason = "has a quote that is never closed"
            if reason:
                restart = _broken(errors, path, row_start, reason, in_error)
                break
            number += 1
            in_error = False
            fields = {f: values[i] if i < len(values) else "" for f, i in columns.items()}
            yield _Row(number=number, line=row_start + 1, fields=fields)
            row_start = consumed
        if restart is None:
            return
        start, in_error = restart, True


def _unclosed_at_end(lines: list[str], start: int, end: int, delimiter: str) -> bool:
    """A multi-line row that ran to the end of the file: is it an unclosed quote?

    The lenient reader silently swallows the rest of the file into such a field;
    the strict one says so.
    """
    if end < len(lines) or end - start <= 1:
        return False
    try:
        list(csv.reader(lines[start:end], delimiter=delimiter, strict=True))
    except csv.Error:
        return True
    return False


def _broken(errors: list[IngestError], path: str, index: int, reason: str, folded: bool) -> int:
    """Record a broken row (once per broken stretch) and return the line to resume at."""
    if not folded:
        errors.append(IngestError(path=path, row=f"line {index + 1}", reason=f"row {reason}"))
    return index + 1


def _jsonl_rows(
    text: str, mapping: Mapping[str, str] | None, path: str, errors: list[IngestError]
) -> Iterator[_Row]:
    number = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {line_no}"
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            errors.append(IngestError(path=path, row=where, reason=f"invalid JSON: {msg}"))
            continue
        if not isinstance(value, dict):
            errors.append(IngestError(path=path, row=where, reason="line is not a JSON object"))
            continue
        names = list(value)
        columns = assign_columns(names, mapping)
        number += 1
        fields = {f: _scalar(value[names[i]]) for f, i in columns.items()}
        yield _Row(number=number, line=line_no, fields=fields)


def _scalar(value: object) -> str:
    """JSON values as the text a CSV cell would hold: lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


__all__ = ["normalize_name", "parse_tabular", "sniff_delimiter"]
