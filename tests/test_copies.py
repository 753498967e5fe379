"""The same release in two files with identical text is one hit, with both files listed."""

from __future__ import annotations

import numpy as np
from bs4 import BeautifulSoup

from conftest import SEEDS, AppFactory, ArchiveFactory
from releasesearch.search.columns import groups

CHANGZHOU = "004_fdc124adaf6433fa.txt"
EN_NANJING = "000_1155c7d4176d89c5.txt"


def test_groups_join_pairs_and_copies_transitively() -> None:
    pair = np.array([1, 1, 2, 3, 4], np.int32)  # 0 and 1 are translations
    content = np.array([5, 6, 7, 6, 0], np.int32)  # 1 and 3 are copies; 4 has no hash
    live = np.ones(5, np.bool_)
    assert groups(pair, content, live).tolist() == [0, 0, 2, 0, 4]
    live[1] = False  # a deleted document joins nothing
    assert groups(pair, content, live).tolist() == [0, 1, 2, 3, 4]


def test_identical_copies_count_once_and_list_both_files(
    archive_factory: ArchiveFactory, make_app: AppFactory
) -> None:
    copy = (SEEDS / CHANGZHOU).read_bytes()
    built = archive_factory(
        {"mirror/changzhou-copy.txt": copy, "nanjing.txt": (SEEDS / EN_NANJING).read_bytes()},
        seeds=True,
    )
    client = make_app(built.config()).test_client()
    body = client.get("/api/search").json
    assert body["total"] == 4
    assert sorted(h["id"] for h in body["hits"]) == [
        "001_08a2519bc6076cba.txt",
        "002_2b7d03b8d94b1048.txt",
        "003_228523de1d0d3c93.txt",
        CHANGZHOU,
    ]
    cities = {v["label"]: v["count"] for v in body["facets"]["city"]}
    assert cities["Changzhou"] == 1 and cities["Nanjing"] == 2
    found = client.get("/api/search?q=Changzhou").json
    assert (found["total"], [h["id"] for h in found["hits"]]) == (1, [CHANGZHOU])
    release = client.get(f"/api/releases/{CHANGZHOU}").json
    assert release["copies"] == [
        {"id": "mirror/changzhou-copy.txt", "path": "mirror/changzhou-copy.txt", "row": None}
    ]
    page = BeautifulSoup(client.get(f"/release/{CHANGZHOU}").get_data(as_text=True), "html.parser")
    assert [a["href"] for a in page.select("td.path a")] == [
        f"/archive/{CHANGZHOU}",
        "/archive/mirror/changzhou-copy.txt",
    ]
    assert page.find("th", string="Archive files (identical text)") is not None
    other = client.get("/api/releases/mirror/changzhou-copy.txt").json
    assert [c["id"] for c in other["copies"]] == [CHANGZHOU]
