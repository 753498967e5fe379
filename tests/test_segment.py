"""The array writer writes the segment Whoosh's own writer writes for the same documents."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from conftest import SEEDS
from generated_archive import write_archive
from releasesearch.index import schema as F
from releasesearch.index.analysed import analyse, analyse_field
from releasesearch.index.segment import WHOOSH_DEFLATE, ArrayWriter
from releasesearch.ingest import load_file
from releasesearch.model import EnrichedRelease


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> list[EnrichedRelease]:
    """The seeds and 250 generated releases, parsed and enriched once for the module."""
    archive = tmp_path_factory.mktemp("segment") / "archive"
    shutil.copytree(SEEDS, archive, ignore=shutil.ignore_patterns("*.md"))
    write_archive(archive, 250)
    paths = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*.txt"))
    return [item for path in paths for item in load_file(archive, path, 10**7)[0]]


def _build(folder: Path, items: list[EnrichedRelease], writer: str, **kwargs: Any) -> FileIndex:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), F.build_schema())
    if writer == "arrays":
        w: SegmentWriter = ArrayWriter(ix, compound=False, **kwargs)
    else:
        w = SegmentWriter(ix, compound=False)
    for number, item in enumerate(items):
        doc = F.to_document(item, stamp="1:1", pair=f"p{number}")
        if writer == "arrays":
            doc.update(analyse(ix.schema, item))
        w.add_document(**doc)
    w.commit(merge=False)
    return ix


def _files(ix: FileIndex) -> dict[str, str]:
    """Digest of each segment file by its extension (segment names are random)."""
    (segment,) = ix._segments()
    folder = Path(ix.storage.folder)
    prefix = f"{segment.segment_id()}."
    return {
        p.name[len(prefix) :]: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name.startswith(prefix)
    }


def _postings(ix: FileIndex) -> dict[tuple[str, bytes], Any]:
    """Every term's statistics and postings (ids, weights, values), as Whoosh reads them."""
    out: dict[tuple[str, bytes], Any] = {}
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
            matcher = reader.postings(fieldname, term)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            out[fieldname, term] = (stats, info.max_weight(), postings)
    return out


def test_segment_is_byte_for_byte_whooshs(tmp_path: Path, items: list[EnrichedRelease]) -> None:
    whoosh = _build(tmp_path / "whoosh", items, "whoosh")
    arrays = _build(tmp_path / "arrays", items, "arrays", deflate=WHOOSH_DEFLATE)
    expected = _files(whoosh)
    assert "pst" in expected and "trm" in expected and "_body_en_len.col" in expected
    assert _files(arrays) == expected
    with arrays.reader() as reader:  # posting lists of more than one block were written
        assert max(reader.doc_frequency(f, t) for f, t in reader.all_terms()) > 128


def test_smaller_deflate_window_reads_the_same(
    tmp_path: Path, items: list[EnrichedRelease]
) -> None:
    whoosh = _build(tmp_path / "whoosh", items, "whoosh")
    arrays = _build(tmp_path / "arrays", items, "arrays")
    expected = _postings(whoosh)
    assert len(expected) > 1000
    assert _postings(arrays) == expected


def _merged(folder: Path, items: list[EnrichedRelease], writer: str) -> FileIndex:
    """Small segments, each writer merging the earlier ones into its own."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), F.build_schema())
    for start in range(0, len(items), 80):
        w: SegmentWriter = (
            ArrayWriter(ix, compound=False)
            if writer == "arrays"
            else SegmentWriter(ix, compound=False)
        )
        for number in range(start, min(start + 80, len(items))):
            doc = F.to_document(items[number], stamp="1:1", pair=f"p{number}")
            if writer == "arrays":
                doc.update(analyse(ix.schema, items[number]))
            w.add_document(**doc)
        w.commit(optimize=True)
    assert len(ix._segments()) == 1
    return ix


def test_merge_into_the_writer_pools_the_columns(
    tmp_path: Path, items: list[EnrichedRelease]
) -> None:
    """Segments merged into a writer that holds analysed documents: Whoosh writes all."""
    expected = _postings(_merged(tmp_path / "whoosh", items, "whoosh"))
    assert _postings(_merged(tmp_path / "arrays", items, "arrays")) == expected


def test_documents_without_analysed_fields_take_whooshs_path(
    tmp_path: Path, items: list[EnrichedRelease]
) -> None:
    items = items[:20]
    whoosh = _build(tmp_path / "whoosh", items, "whoosh")
    folder = tmp_path / "plain"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), F.build_schema())
    writer = ArrayWriter(ix, compound=False)
    for number, item in enumerate(items):
        writer.add_document(**F.to_document(item, stamp="1:1", pair=f"p{number}"))
    writer.commit(merge=False)
    assert _files(ix) == _files(whoosh)


def test_analysed_fields_post_what_whoosh_posts(
    tmp_path: Path, items: list[EnrichedRelease]
) -> None:
    schema = F.build_schema()
    for item in items[:40]:
        for name, text in F.analysed_values(item).items():
            assert list(analyse_field(schema[name], text).postings()) == list(
                schema[name].index(text)
            )
