"""Count in how many releases of the shared collections each sector cue occurs, per language.

Run from the repository root::

    python scripts/build_sector_df.py [--data ../shared/data]

The sector classifier (``releasesearch.enrich.sectors``) weighs a cue by how distinctive it
is: a cue that more than a tenth of all releases use ("market", "team", "platform") says
little about any one of them. This script reads the texts the classifier reads (title, body
and the issuer's "About" paragraph as the classifier keeps it) of every English Newsworthy and
FSFE release and every German 10kGNAD and FSFE article, and writes the counts of the cues that
occur in at least 2% of them to ``src/releasesearch/enrich/data/sector_cue_df.json``. Only
counts are written, no text. The Berlin police releases are left out: their sector comes from
their own category column, and their thousands of police words would make "Polizei" common.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from accuracy_sectors import GNAD, REPO, Reader, collections

from releasesearch.enrich.sectors import DF_FILE, cues_read

OUT = REPO / "src" / "releasesearch" / "enrich" / "data" / DF_FILE
KEEP = 0.02  # cues rarer than this count fully anyway; leaving them out keeps the file small


def count(reader: Reader) -> tuple[dict[str, int], dict[str, Counter[str]]]:
    documents: Counter[str] = Counter()
    df: dict[str, Counter[str]] = {"en": Counter(), "de": Counter()}
    for name, language, items in collections(reader.data):
        if name == "berlin police":
            continue
        for item in items:
            release = reader.release(item)
            read = cues_read(release.body, release.title, release.about, language)
            df[language].update(f"{sid}|{cue}" for sid, cue in read)
            documents[language] += 1
    return dict(documents), df


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    if not (args.data / GNAD).is_file():
        print(f"no data folder at {args.data}", file=sys.stderr)
        return 2
    documents, df = count(Reader(args.data))
    data: dict[str, object] = {
        "_doc": (
            "In how many releases each sector cue ('sector|cue') occurs, per language, over the "
            "English Newsworthy and FSFE releases and the German 10kGNAD and FSFE articles; only "
            f"cues in at least {KEEP:.0%} of them. Written by scripts/build_sector_df.py; read by "
            "releasesearch.enrich.sectors to weigh common cues down."
        ),
        "documents": documents,
    }
    for language, counts in df.items():
        floor = KEEP * documents[language]
        data[language] = {k: n for k, n in sorted(counts.items()) if n >= floor}
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {documents}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
