"""tantivy beside releasesearch: the reference line of the query benchmark.

``python bench/tantivy_ref.py INDEX [--passes 5]`` reads every live document of a
releasesearch index (its stored titles, bodies, language, cities, sectors and
year: the same releases, already parsed, so tantivy's figure is indexing alone),
indexes them with tantivy (English and German Snowball stemming per language
field, cities and sectors as multi-valued fast fields), then answers the
benchmark's query mix (:mod:`queries`) with full answers as releasesearch gives
them: exact total, city and sector counts over every match, top 10 with a
snippet of the body. Prints one JSON object: indexing rate and latency figures.

Query syntax is translated plainly: every word required (releasesearch's default
for short queries), phrases kept, a city or sector filter as a required term.
City names are filtered as the mix spells them (``Munich``), without
releasesearch's resolution of exonyms, so a filtered total may differ; the time
is what this reference is for.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import queries  # noqa: E402

FIELDS = ("title_en", "body_en", "title_de", "body_de")


def _schema(tantivy: Any) -> Any:
    builder = tantivy.SchemaBuilder()
    for lang, tokenizer in (("en", "en_stem"), ("de", "de_stem")):
        builder.add_text_field(f"title_{lang}", stored=True, tokenizer_name=tokenizer)
        builder.add_text_field(f"body_{lang}", stored=True, tokenizer_name=tokenizer)
    for name in ("city", "sector", "lang", "year"):
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    return builder.build()


def _german(tantivy: Any) -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("german"))
        .build()
    )


def documents(index_root: Path) -> list[dict[str, Any]]:
    """Every live document of a releasesearch index, as tantivy fields."""
    from releasesearch.index import schema as F
    from releasesearch.index import store

    ix = store.open_index(index_root)
    out = []
    with ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            lang = "de" if stored.get(F.LANGUAGE) == "de" else "en"
            out.append(
                {
                    f"title_{lang}": stored.get(F.TITLE) or "",
                    f"body_{lang}": stored.get(F.BODY) or "",
                    "city": F.split_multi(stored.get(F.CITY)),
                    "sector": F.split_multi(stored.get(F.SECTOR)),
                    "lang": stored.get(F.LANGUAGE) or "",
                    "year": stored.get(F.YEAR) or "",
                }
            )
    ix.close()
    return out


def build(tantivy: Any, folder: Path, docs: list[dict[str, Any]]) -> tuple[Any, float]:
    index = tantivy.Index(_schema(tantivy), path=str(folder))
    index.register_tokenizer("de_stem", _german(tantivy))
    started = time.perf_counter()
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for fields in docs:
        doc = tantivy.Document()
        for name, value in fields.items():
            for v in value if isinstance(value, tuple) else (value,):
                if v:
                    doc.add_text(name, v)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    index.reload()
    return index, seconds


_WORD = re.compile(r'"[^"]*"|\S+')


def query_text(params: queries.Params) -> str:
    """The mix's request as tantivy query syntax: every word and phrase required."""
    parts = ["+" + w for w in _WORD.findall(params.get("q", "")) if w.strip('"')]
    for name in ("city", "sector", "lang", "year"):
        if name in params:
            parts.append(f'+{name}:"{params[name]}"')
    return " ".join(parts)


def answer(index: Any, tantivy: Any, params: queries.Params) -> dict[str, Any]:
    text = query_text(params)
    searcher = index.searcher()
    query = index.parse_query(text, list(FIELDS)) if text else tantivy.Query.all_query()
    page = int(params.get("page", "1"))
    result = searcher.search(query, limit=10, count=True, offset=10 * (page - 1))
    aggs = {name: {"terms": {"field": name, "size": 12}} for name in ("city", "sector")}
    counts = searcher.aggregate(query, aggs)
    snippets = []
    if text:
        generators = {
            f: tantivy.SnippetGenerator.create(searcher, query, index.schema, f)
            for f in ("body_en", "body_de")
        }
        for _score, address in result.hits:
            doc = searcher.doc(address)
            field = "body_de" if doc.get_first("body_de") else "body_en"
            snippets.append(generators[field].snippet_from_doc(doc).to_html())
    return {"total": result.count, "counts": counts, "snippets": snippets}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("index", type=Path, help="a releasesearch index folder")
    p.add_argument("--passes", type=int, default=5)
    args = p.parse_args(argv)
    import tantivy

    docs = documents(args.index)
    folder = Path(tempfile.mkdtemp(prefix="tantivy-"))
    try:
        index, seconds = build(tantivy, folder, docs)
        for params in queries.MIX:
            answer(index, tantivy, params)  # warm-up
        times = []
        for _ in range(args.passes):
            for params in queries.MIX:
                t0 = time.perf_counter()
                answer(index, tantivy, params)
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()

        def pct(f: float) -> float:
            return round(times[min(len(times) - 1, int(f * len(times)))], 2)

        print(
            json.dumps(
                {
                    "releases": len(docs),
                    "index_releases_per_s": round(len(docs) / seconds, 1),
                    "p50_ms": pct(0.5),
                    "p95_ms": pct(0.95),
                    "p99_ms": pct(0.99),
                    "queries": len(times),
                }
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
