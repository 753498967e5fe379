"""What linking translations costs per release at index time: ``python bench/pairing.py``.

On a generated archive of ``--n`` releases (:mod:`corpus`, about 30 % in English/
German pairs, half of them with file names that say nothing), in CPU time
(``time.process_time``, so the figures hold on a busy machine; the load average
is printed beside them):

* ``words_ms``: :func:`link_words` per release (the dictionary lookups of
  enrichment, which run in the indexer's workers), caches warming as in a run;
* ``rebuild_ms``: :meth:`PairRegistry.assign` per release in a rebuild (every
  release compared with the remembered ones of its date window);
* ``update_ms``: ``assign`` per release for ``--add`` new releases against the
  index of the ``--n`` (the day index read from the date column, candidates' stored
  fields read once), the incremental update's path.

It also reports how many of the generated pairs were linked, and wrongly.
Parsing, enrichment and the index build are not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))

from corpus import generate  # noqa: E402
from pools import load_pools  # noqa: E402

from releasesearch.archive import scan_archive  # noqa: E402
from releasesearch.enrich import linkwords  # noqa: E402
from releasesearch.enrich.linkwords import link_words  # noqa: E402
from releasesearch.index import indexer, store  # noqa: E402
from releasesearch.index.pairing import PairRegistry  # noqa: E402
from releasesearch.ingest import load_file  # noqa: E402
from releasesearch.model import EnrichedRelease  # noqa: E402

_PAIRED = re.compile(r"([pr]\d{7})(?:\.(?:en|de)|[ab])\.txt$")


def _load(root: Path, paths: list[str]) -> list[EnrichedRelease]:
    items: list[EnrichedRelease] = []
    for path in paths:
        found, _errors = load_file(root, path, 10 * 1024 * 1024)
        items.extend(found)
    return items


def _ms_per(seconds: float, count: int) -> float:
    return round(1000 * seconds / max(count, 1), 3)


def _words_ms(items: list[EnrichedRelease]) -> float:
    """Cold: the per-word cache emptied first, so every word's lookups are paid once."""
    linkwords._State.stems.clear()
    started = time.process_time()
    for item in items:
        link_words(item.release.title + "\n" + item.release.body, item.meta.language)
    return _ms_per(time.process_time() - started, len(items))


def _assign_all(
    registry: PairRegistry, items: list[EnrichedRelease]
) -> tuple[float, dict[str, str]]:
    pairs: dict[str, str] = {}
    started = time.process_time()
    for item in items:
        pairs[item.release.id] = registry.assign(item)[0]
    return _ms_per(time.process_time() - started, len(items)), pairs


def _quality(pairs: dict[str, str]) -> dict[str, int]:
    """Generated pairs (group in the file name) linked, and links between other releases."""
    truth: dict[str, str] = {}
    for rid in pairs:
        m = _PAIRED.search(rid)
        if m:
            truth[rid] = m.group(1)
    groups: dict[str, list[str]] = {}
    for rid, pair in pairs.items():
        groups.setdefault(pair, []).append(rid)
    linked = correct = 0
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                linked += 1
                correct += truth.get(a) is not None and truth.get(a) == truth.get(b)
    gold = sum(1 for g in set(truth.values()) if list(truth.values()).count(g) == 2)
    return {"gold_pairs": gold, "linked": linked, "correct": correct}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--shared", type=Path, default=BENCH.parent.parent / "shared" / "data")
    args = parser.parse_args(argv)
    pools = load_pools(args.shared if args.shared.is_dir() else None)
    result: dict[str, object] = {}

    def report(**values: object) -> None:
        """Each figure as soon as it is measured (a loaded machine takes its time)."""
        result.update(values, loadavg_1m=round(os.getloadavg()[0], 2))
        print(json.dumps(values | {"loadavg_1m": result["loadavg_1m"]}), flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        archive, index = Path(tmp) / "archive", Path(tmp) / "index"
        archive.mkdir()
        info = generate(archive, args.n, pools=pools)
        items = _load(archive, sorted(scan_archive(archive)))
        report(releases=len(items), words_ms=_words_ms(items))
        rebuild_ms, pairs = _assign_all(PairRegistry(None), items)
        report(rebuild_ms=rebuild_ms, rebuild_links=_quality(pairs))
        indexer.rebuild(archive, index)
        before = set(scan_archive(archive))
        generate(archive, args.add, start=info.next_group, pools=pools)
        added = _load(archive, sorted(set(scan_archive(archive)) - before))
        ix = store.open_index(index)
        registry = PairRegistry(ix)
        update_ms, _ = _assign_all(registry, added)
        registry.close()
        ix.close()
        report(added=len(added), update_ms=update_ms)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
