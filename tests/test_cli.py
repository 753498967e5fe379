"""The ``releasesearch`` command as a keeper uses it: inspect, index, search.

Every command runs through click's CliRunner on a private copy of the seed
archive; outputs are compared exactly, because scripts parse them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from releasesearch.cli import main
from releasesearch.index import store

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
S000, S001, S002, S003, S004 = sorted(p.name for p in SEEDS.glob("*.txt"))
ENV_VARS = ("RELEASESEARCH_ARCHIVE", "RELEASESEARCH_INDEX", "RELEASESEARCH_MAX_FILE_MB")


@pytest.fixture(autouse=True)
def _no_settings_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in (S000, S001, S002, S003, S004):
        shutil.copy(SEEDS / name, target / name)
    return target


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds indexed once through the CLI (read-only for the tests)."""
    root = tmp_path_factory.mktemp("cli")
    archive = copy_seeds(root / "archive")
    result = CliRunner().invoke(
        main,
        ["index", "--archive", str(archive), "--index", str(root / "index")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return root / "index"


def search(index: Path, *args: str) -> dict[str, Any]:
    result = run("search", "--index", str(index), "--json", *args)
    assert result.exit_code == 0, result.output
    value: dict[str, Any] = json.loads(result.output)
    return value


def hits(result: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(hit["id"], hit["date"]) for hit in result["hits"]]


def test_inspect_json_on_the_seeds() -> None:
    result = run("inspect", "--json", str(SEEDS))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in records] == [S000, S001, S002, S003, S004]
    first = records[0]
    assert re.fullmatch(r"[0-9a-f]{64}", first.pop("content_hash"))
    assert first == {
        "id": S000,
        "path": S000,
        "row": None,
        "format": "text",
        "title": 'The 2026 "Nanjing Day" Economic and Trade Promotion Conference was '
        "successfully held in Stuttgart, Germany, on March 2 (Local Time)",
        "language": "en",
        "date": "2026-03-04",
        "dateline_city": "Nanjing",
        "dateline_city_id": "1799962",
        "country": "CN",
        "cities": ["Nanjing", "Stuttgart", "Frankfurt"],
        "city_ids": ["1799962", "2825297", "2925533"],
        "sectors": ["trade-investment"],
        "source": 'The 2026 "Nanjing Day" Economic and Trade Promotion Conference',
        "wire": "GlobeNewswire",
        "tags": [],
        "url": None,
        "translations": [S001],
        "errors": [],
    }
    assert (records[1]["language"], records[1]["date"], records[1]["translations"]) == (
        "de",
        "2026-03-05",
        [S000],
    )
    assert (records[2]["date"], records[2]["translations"]) == (None, [])


def test_inspect_text_and_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("inspect", str(SEEDS / S004), str(tmp_path / "empty.txt"))
    assert result.exit_code == 0
    assert result.output == (
        f"{S004}\n"
        "  The Jiangsu-Germany Dialogue 2025 was successfully held in Changzhou from Sept. 12 "
        "to 13\n"
        "  en 2025-09-15 | Changzhou | cities: Changzhou"
        " | sectors: trade-investment, energy-climate\n"
        "empty.txt: ERROR file is empty\n"
    )


def test_index_text_then_json(tmp_path: Path) -> None:
    archive = copy_seeds(tmp_path / "archive")
    index = tmp_path / "index"
    first = run("index", "--archive", str(archive), "--index", str(index))
    assert first.exit_code == 0
    assert re.fullmatch(
        rf"Updated {re.escape(str(index))}: 5 added, 0 updated, 0 removed, 0 unchanged files; "
        r"5 releases written in \d+\.\d s; 0 errors\n",
        first.output,
    )
    (archive / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    second = run("index", "--archive", str(archive), "--index", str(index), "--json")
    assert second.exit_code == 0
    report = json.loads(second.output)
    assert isinstance(report.pop("seconds"), float)
    assert report == {
        "added": 1,
        "updated": 0,
        "removed": 0,
        "unchanged": 5,
        "releases": 0,
        "rebuilt": False,
        "errors": [
            {"path": "broken.txt", "row": None, "reason": "file is binary (NUL bytes), not text"}
        ],
    }
    rebuilt = run("index", "--archive", str(archive), "--index", str(index), "--rebuild")
    assert rebuilt.exit_code == 0
    assert rebuilt.output.startswith(f"Rebuilt {index}: 6 added, 0 updated, 0 removed")
    assert rebuilt.output.endswith(
        "; 1 errors\n  error: broken.txt: file is binary (NUL bytes), not text\n"
    )


def test_an_index_of_an_older_sector_list_is_rebuilt(tmp_path: Path) -> None:
    archive = copy_seeds(tmp_path / "archive")
    index = tmp_path / "index"
    assert run("index", "--archive", str(archive), "--index", str(index)).exit_code == 0
    (index / "current" / "vocabulary.json").unlink()  # as an index of sector list version 1
    again = run("index", "--archive", str(archive), "--index", str(index))
    assert again.exit_code == 0
    assert again.output.startswith(
        "Rebuild needed: the index was built with sector list version 1, this one is 2; "
        f"rebuilding.\nRebuilt {index}: 5 added, 0 updated, 0 removed"
    )
    third = run("index", "--archive", str(archive), "--index", str(index))
    assert third.output.startswith(f"Updated {index}: 0 added, 0 updated, 0 removed, 5 unchanged")


def test_an_index_of_another_sector_classifier_is_rebuilt(tmp_path: Path) -> None:
    archive = copy_seeds(tmp_path / "archive")
    index = tmp_path / "index"
    assert run("index", "--archive", str(archive), "--index", str(index)).exit_code == 0
    versions = index / "current" / "vocabulary.json"
    built = json.loads(versions.read_text(encoding="utf-8"))
    assert built == {
        "sectors": 2,
        "sector_classifier": store.classifier_fingerprint(),
        "pairing": 2,
    }
    versions.write_text(json.dumps(built | {"sector_classifier": "0" * 12}), encoding="utf-8")
    again = run("index", "--archive", str(archive), "--index", str(index))
    assert again.output.startswith(
        "Rebuild needed: the index was built with another sector classifier; "
        f"rebuilding.\nRebuilt {index}: 5 added, 0 updated, 0 removed"
    )


def test_index_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = run("index", "--archive", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i"))
    assert result.exit_code == 1
    assert result.output == f"Error: archive folder {tmp_path / 'nowhere'} does not exist\n"


def test_search_json_words(seed_index: Path) -> None:
    result = search(seed_index, "Nanjing")
    assert result["query"] == "Nanjing"
    assert (result["total"], result["page"], result["pages"], result["relaxed"]) == (2, 1, 1, False)
    # BM25F per word: 14 mentions in 425 words outrank 16 in 799 words and the title
    assert hits(result) == [(S000, "2026-03-04"), (S002, None)]
    assert result["hits"][0]["translations"][0]["id"] == S001


def test_search_filters(seed_index: Path) -> None:
    assert hits(search(seed_index, "--city", "Stuttgart")) == [(S001, "2026-03-05")]
    munich = search(seed_index, "--city", "München")  # any language's name of the city
    assert hits(munich) == [(S003, "2024-06-24"), (S002, None)]
    assert munich["selected"] == [
        {"param": "city", "value": "2867714", "label": "Munich", "remove_url": "?"}
    ]
    assert hits(search(seed_index, "--lang", "de")) == [(S001, "2026-03-05")]
    assert hits(search(seed_index, "--sector", "energy-climate")) == [(S004, "2025-09-15")]
    in_2025 = search(seed_index, "--from", "2025-01-01", "--to", "2025-12-31")
    assert hits(in_2025) == [(S004, "2025-09-15")]
    assert search(seed_index, "--lang", "de", "--sector", "energy-climate")["total"] == 0


def test_search_sort_and_limit(seed_index: Path) -> None:
    oldest = search(seed_index, "--sort", "oldest")
    assert hits(oldest) == [
        (S003, "2024-06-24"),
        (S004, "2025-09-15"),
        (S000, "2026-03-04"),
        (S002, None),
    ]
    newest = search(seed_index, "--sort", "newest")
    assert hits(newest) == [
        (S001, "2026-03-05"),
        (S004, "2025-09-15"),
        (S003, "2024-06-24"),
        (S002, None),
    ]
    limited = search(seed_index, "--sort", "date", "--limit", "2")
    assert hits(limited) == hits(newest)[:2]
    assert (limited["total"], limited["pages"], limited["page_size"]) == (4, 2, 2)
    assert limited["links"] == {"prev": None, "next": "?page=2"}  # newest: the browse default


def test_search_batch_prints_one_json_per_line(seed_index: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("Nanjing\nStuttgart\n\n  Shenzhen  \n", encoding="utf-8")
    result = run("search", "--index", str(seed_index), "--batch", str(queries), "--limit", "1")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["query"], r["total"], hits(r)) for r in lines] == [
        ("Nanjing", 2, [(S000, "2026-03-04")]),
        ("Stuttgart", 1, [(S000, "2026-03-04")]),
        ("Shenzhen", 1, [(S003, "2024-06-24")]),
    ]
    from_stdin = CliRunner().invoke(
        main,
        ["search", "--index", str(seed_index), "--batch", "-"],
        input="Shenzhen\n",
        catch_exceptions=False,
    )
    assert [json.loads(line)["total"] for line in from_stdin.output.splitlines()] == [1]


def test_search_text_output(seed_index: Path) -> None:
    result = run(
        "search", "--index", str(seed_index), "--lang", "de", "--limit", "1", "Stadtregierung"
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:4] == [
        "1 releases",
        "",
        f"{S001}  [de] 2026-03-05",
        (
            "  Die Wirtschafts- und Handelsförderungskonferenz „Nanjing Day“ 2026 wurde am 2. März "
            "(Ortszeit) erfolgreich in Stuttgart, Deutschland, ausgerichtet"
        ),
    ]
    assert "[Stadtregierung]" in result.output


def test_search_errors_are_one_line(seed_index: Path, tmp_path: Path) -> None:
    bad_date = run("search", "--index", str(seed_index), "--from", "2025-13-01")
    assert bad_date.exit_code == 1
    assert bad_date.output == "Error: 'from' must be a date written YYYY-MM-DD, not '2025-13-01'\n"
    no_index = run("search", "--index", str(tmp_path / "none"), "anything")
    assert no_index.exit_code == 1
    assert no_index.output == (
        f"Error: no index in {tmp_path / 'none'}: run `releasesearch "
        "index` to build it from the archive\n"
    )


def test_environment_variables_name_the_folders(tmp_path: Path) -> None:
    archive = copy_seeds(tmp_path / "archive")
    index = tmp_path / "index"
    env = {"RELEASESEARCH_ARCHIVE": str(archive), "RELEASESEARCH_INDEX": str(index)}
    indexed = run("index", "--json", env=env)
    assert indexed.exit_code == 0
    assert json.loads(indexed.output)["added"] == 5
    assert run("check", env=env).exit_code == 0
    result = run("search", "--json", "Shenzhen", env=env)
    assert hits(json.loads(result.output)) == [(S003, "2024-06-24")]
    # An option beats the variable.
    other = tmp_path / "other-index"
    run("index", "--index", str(other), env=env)
    assert (other / "current").is_symlink()
    bad = run("index", env={**env, "RELEASESEARCH_MAX_FILE_MB": "ten"})
    assert bad.exit_code == 1
    assert bad.output == "Error: RELEASESEARCH_MAX_FILE_MB='ten' is not a number\n"
