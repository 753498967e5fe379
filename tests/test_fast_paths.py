"""The fast paths into Whoosh internals are the paths taken, on a real index.

``search/columns.py`` reads facet and date columns in one piece,
``search/highlight.py`` skips posting blocks by their headers and
``index/postings.py`` takes whole posting blocks when it builds a pack, all
through private attributes of the pinned Whoosh. Each has a general fallback, so an upgrade that
changed those internals would still answer, only slowly: these tests make such an
upgrade fail loudly instead.
"""

from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher

from conftest import BuiltIndex
from releasesearch.index import postings, store
from releasesearch.index import schema as F
from releasesearch.search import columns
from releasesearch.search.highlight import can_skip_blocks


def test_string_and_date_columns_are_read_in_one_piece(built_index: BuiltIndex) -> None:
    ix = store.open_index(built_index.index)
    with ix.reader() as reader:
        for leaf, _base in reader.leaf_readers():
            size = leaf.doc_count_all()
            for name in (*columns.SINGLE_FIELDS, *F.MULTI_VALUED):
                raw = leaf.column_reader(name, translate=False)
                fast = columns.fast_strings(raw, size)
                assert fast is not None, name
                assert fast == [v or "" for v in leaf.column_reader(name)], name
            days = columns.fast_days(leaf.column_reader(F.DATE, translate=False), size)
            assert days is not None
            slow = np.fromiter(
                (columns._days(v) for v in leaf.column_reader(F.DATE, translate=False)),
                np.int32,
                size,
            )
            assert days.tolist() == slow.tolist()
    ix.close()


def test_postings_skip_blocks_by_their_headers(built_index: BuiltIndex) -> None:
    ix = store.open_index(built_index.index)
    with ix.reader() as reader:
        leaf, _base = reader.leaf_readers()[0]
        field = F.body_field("en")
        term = next(iter(leaf.lexicon(field)))
        assert can_skip_blocks(leaf.postings(field, term))
    ix.close()


def test_packs_take_whole_posting_blocks(built_index: BuiltIndex) -> None:
    ix = store.open_index(built_index.index)
    with ix.reader() as reader:
        leaf, _ = reader.leaf_readers()[0]
        term = next(iter(leaf.lexicon("body_en")))
        assert isinstance(leaf.postings("body_en", term), W3LeafMatcher)
        ids, weights, values = postings._postings(leaf, "body_en", term)
        m = leaf.postings("body_en", term)
        assert ids.tolist() == list(m.all_ids())
        assert len(values) == len(ids) == len(weights)
    ix.close()
