"""Dates as releases write them, and the order in which a release date is found."""

from __future__ import annotations

import datetime as dt

import pytest

from releasesearch.enrich.dates import date_from_path, parse_date
from releasesearch.enrich.release_date import find_release_date
from releasesearch.model import Declared, Release


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04", dt.date(2026, 3, 4)),
        ("2026-03-04T10:00:00Z", dt.date(2026, 3, 4)),
        ("March 04, 2026", dt.date(2026, 3, 4)),
        ("Mar. 4, 2026", dt.date(2026, 3, 4)),
        ("Sept. 15, 2025", dt.date(2025, 9, 15)),
        ("15 September 2025", dt.date(2025, 9, 15)),
        ("Thursday Dec 14, 2023", dt.date(2023, 12, 14)),
        ("5. März 2026", dt.date(2026, 3, 5)),
        ("05. Maerz 2026", dt.date(2026, 3, 5)),
        ("09.09.2025 11:30 Uhr", dt.date(2025, 9, 9)),
        ("9.9.2025", dt.date(2025, 9, 9)),
        ("2023/12/14", dt.date(2023, 12, 14)),
        ("April 1st, 2025", dt.date(2025, 4, 1)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2025",
        "1899-12-31",
        f"{dt.date.today().year + 2}-01-01",
        "November 19 to 22",
        "",
        "Decade 10, 2020",
    ],
)
def test_absurd_or_missing_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_date_from_path() -> None:
    assert date_from_path("247PressRelease/2024/0309/slug.md") == dt.date(2024, 3, 9)
    assert date_from_path("2023/news-20230119-01.en.xhtml") == dt.date(2023, 1, 19)
    assert date_from_path("archive/000_1155c7d4176d89c5.txt") is None


def _release(body: str, *, path: str = "x.txt", date: str | None = None) -> Release:
    return Release(path, path, None, "Title", body, "text", Declared(date=date))


def test_release_date_order() -> None:
    dateline = "BERLIN, March 04, 2026 (GLOBE NEWSWIRE) -- Text from 2020-01-01."
    assert find_release_date(_release(dateline, date="2026-03-05")) == dt.date(2026, 3, 5)
    assert find_release_date(_release(dateline, date="garbage")) == dt.date(2026, 3, 4)
    head = "The company said on 15 September 2025 that it grew."
    assert find_release_date(_release(head, path="a/2024/0309/b.md")) == dt.date(2025, 9, 15)
    event = (
        "Investive announces its listing, which the exchange confirmed for March 8th, 2024 at noon."
    )
    assert find_release_date(_release(event, path="a/2024/0210/b.md")) == dt.date(2024, 2, 10)
    labelled = (
        "Investive announces its listing.\nDatum: 5. März 2024, and more words to make it long"
    )
    assert find_release_date(_release(labelled, path="a/2024/0210/b.md")) == dt.date(2024, 3, 5)
    late = "x " * 300 + "On 15 September 2025 it grew."
    assert find_release_date(_release(late, path="a/2024/0309/b.md")) == dt.date(2024, 3, 9)
    assert find_release_date(_release(late)) is None
