"""Incremental updates, atomic rebuilds, rejected files and translation links across runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh.index import create_in

from releasesearch.index import indexer, plan, store
from releasesearch.index import schema as F
from releasesearch.ingest import DEFAULT_MAX_BYTES, load_file
from releasesearch.search.request import SearchRequest
from releasesearch.search.service import SearchService

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
EN, DE = "000_1155c7d4176d89c5.txt", "001_08a2519bc6076cba.txt"


def make_archive(tmp_path: Path, names: list[str] | None = None) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    for seed in sorted(SEEDS.glob("0*.txt")):
        if names is None or seed.name in names:
            shutil.copy(seed, archive / seed.name)
    return archive


def indexed_ids(index: Path) -> list[str]:
    ix = store.open_index(index)
    with ix.searcher() as searcher:
        ids = sorted(fields[F.ID] for fields in searcher.all_stored_fields())
    ix.close()
    return ids


def test_first_run_adds_every_file(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    report = indexer.update(archive, tmp_path / "index")
    assert (report.added, report.updated, report.removed, report.unchanged) == (5, 0, 0, 0)
    assert report.releases == 5
    assert report.errors == ()
    assert len(indexed_ids(tmp_path / "index")) == 5


def test_second_run_touches_only_what_changed(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    index = tmp_path / "index"
    indexer.update(archive, index)
    (archive / "002_2b7d03b8d94b1048.txt").unlink()
    changed = archive / "004_fdc124adaf6433fa.txt"
    changed.write_text("Changzhou hosts a new trade fair.\n\nThe fair opens in May.\n")
    os.utime(changed, (1_900_000_000, 1_900_000_000))
    (archive / "new.md").write_text("# Hamburg port expands\n\nHamburg invests in its port.\n")
    report = indexer.update(archive, index)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert indexed_ids(index) == sorted(
        [EN, DE, "003_228523de1d0d3c93.txt", "004_fdc124adaf6433fa.txt", "new.md"]
    )
    again = indexer.update(archive, index)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)


def test_rejected_file_is_reported_once_and_remembered(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, [EN])
    (archive / "empty.txt").write_bytes(b"")
    index = tmp_path / "index"
    first = indexer.update(archive, index)
    assert [(e.path, e.reason) for e in first.errors] == [("empty.txt", "file is empty")]
    second = indexer.update(archive, index)
    assert (second.unchanged, second.errors) == (2, ())
    check = plan.check(archive, index)
    assert check.ok
    assert [(e.path, e.reason) for e in check.rejected] == [("empty.txt", "file is empty")]


def test_translation_added_later_links_both_ways(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, [EN])
    index = tmp_path / "index"
    indexer.update(archive, index)
    shutil.copy(SEEDS / DE, archive / DE)
    indexer.update(archive, index)
    service = SearchService(index)
    assert [t.id for t in service.release(EN).translations] == [DE]
    assert [t.id for t in service.release(DE).translations] == [EN]
    service.close()


def test_rebuild_switches_generations_atomically(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    index = tmp_path / "index"
    indexer.update(archive, index)
    service = SearchService(index)
    assert service.search(SearchRequest()).total == 4
    first = store.current_dir(index)
    (archive / "002_2b7d03b8d94b1048.txt").unlink()
    report = indexer.rebuild(archive, index)
    assert report.rebuilt and report.releases == 4
    assert store.current_dir(index) != first
    assert service.search(SearchRequest()).total == 3  # the service follows the switch
    service.close()


def test_rebuild_failure_keeps_the_live_index(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    index = tmp_path / "index"
    indexer.update(archive, index)
    live = store.current_dir(index)

    def explode(done: int, total: int) -> None:
        raise RuntimeError("disk full")

    try:
        indexer.rebuild(archive, index, progress=explode)
    except RuntimeError:
        pass
    assert store.current_dir(index) == live
    assert len(indexed_ids(index)) == 5
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("gen-")) == [live.name]


def _text_postings(ix: Any) -> dict[tuple[str, bytes], list[tuple[str, bytes]]]:
    """(field, term) -> sorted (release id, encoded positions and offsets) of every text field."""
    out: dict[tuple[str, bytes], list[tuple[str, bytes]]] = {}
    with ix.reader() as reader:
        ids = reader.column_reader(F.ID)
        for name in F.text_fields():
            for term in list(reader.lexicon(name)):
                postings = reader.postings(name, term)
                found = [(ids[postings.id()], postings.value()) for _ in _each(postings)]
                out[(name, term)] = sorted(found)
    return out


def test_text_analysed_by_the_loader_equals_whoosh_analysis(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    indexer.update(archive, tmp_path / "index")
    ix = store.open_index(tmp_path / "index")
    assert F.accepts_analysed(ix.schema)
    (tmp_path / "plain").mkdir()
    plain = create_in(str(tmp_path / "plain"), F.build_schema())
    with plain.writer() as writer:
        for name in sorted(os.listdir(archive)):
            for item in load_file(archive, name, DEFAULT_MAX_BYTES)[0]:
                writer.add_document(**F.to_document(item, stamp="", pair=item.release.id))
    expected = _text_postings(plain)
    assert len(expected) > 500
    assert _text_postings(ix) == expected
    ix.close()
    plain.close()


def _each(matcher: Any) -> Any:
    while matcher.is_active():
        yield None
        matcher.next()


def _segment_sizes(index: Path) -> list[int]:
    ix = store.open_index(index)
    sizes = sorted(s.doc_count_all() for s in ix._segments())
    ix.close()
    return sizes


def test_updates_commit_new_segments_and_merge_small_ones_after(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, [EN])
    indexer.update(archive, tmp_path / "index")
    assert _segment_sizes(tmp_path / "index") == [1]
    for seed in sorted(SEEDS.glob("0*.txt")):
        if seed.name != EN:
            shutil.copy(seed, archive / seed.name)
            indexer.update(archive, tmp_path / "index")
    # four updates of one file each: five one-document segments, then merged into one
    assert _segment_sizes(tmp_path / "index") == [5]
    assert len(indexed_ids(tmp_path / "index")) == 5
    assert indexer._would_merge([1, 1, 1, 1]) is False
    assert indexer._would_merge([1, 1, 1, 1, 1]) is True
    assert indexer._would_merge([10_000, 1, 1, 1, 1]) is False
    assert indexer._would_merge([10_000, 1, 1, 1, 1, 1]) is True
    assert indexer._would_merge([10_000, 1_000, 1_000, 1_000, 1_000]) is False


def test_each_committed_segment_is_announced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    monkeypatch.setattr(indexer, "ON_SEGMENT", [lambda ix, s: seen.append(s.doc_count_all())])
    archive = make_archive(tmp_path, [EN])
    indexer.update(archive, tmp_path / "index")
    assert seen == [1]
    for seed in sorted(SEEDS.glob("0*.txt")):
        if seed.name != EN:
            shutil.copy(seed, archive / seed.name)
            indexer.update(archive, tmp_path / "index")
    assert seen == [1, 1, 1, 1, 1, 5]  # four one-file batches, then their merge
    indexer.update(archive, tmp_path / "index")
    assert seen == [1, 1, 1, 1, 1, 5]  # nothing to do, nothing committed


def test_rebuild_writes_a_segment_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "REBUILD_BATCH_FILES", 2)
    archive = make_archive(tmp_path)
    indexer.rebuild(archive, tmp_path / "index")
    assert _segment_sizes(tmp_path / "index") == [1, 2, 2]
    assert len(indexed_ids(tmp_path / "index")) == 5
