"""The ``releasesearch`` command: a thin click layer over the library.

Commands validate their input, call the library and print; library errors become
``click.ClickException`` with a hint, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from releasesearch.config import Settings
from releasesearch.errors import ReleaseSearchError


def _settings(archive: str | None = None, index: str | None = None) -> Settings:
    try:
        return Settings.from_env(archive=archive, index=index)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


class _Group(click.Group):
    """Turns the library's errors into one-line messages with a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReleaseSearchError as exc:
            raise click.ClickException(exc.message) from None


@click.group(cls=_Group)
@click.version_option(package_name="releasesearch")
def main() -> None:
    """Full-text search over an archive of English and German press releases."""


archive_option = click.option(
    "--archive", type=click.Path(file_okay=False), help="Archive folder [RELEASESEARCH_ARCHIVE]."
)
index_option = click.option(
    "--index", type=click.Path(file_okay=False), help="Index folder [RELEASESEARCH_INDEX]."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _emit(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@json_option
def inspect(paths: tuple[str, ...], as_json: bool) -> None:
    """Show what the ingest makes of files and folders, without touching the index."""
    from releasesearch.ingest import inspect_paths

    max_bytes = _settings().max_file_bytes
    for record in inspect_paths([Path(p) for p in paths], max_bytes=max_bytes):
        if as_json:
            _emit(record)
        elif record.get("errors") and not record.get("id"):
            click.echo(f"{record['path']}: ERROR {'; '.join(record['errors'])}")
        else:
            click.echo(
                f"{record['id']}\n  {record['title']}\n  {record['language']} {record['date']}"
                f" | {record['dateline_city'] or '-'} | cities: {', '.join(record['cities'])}"
                f" | sectors: {', '.join(record['sectors'])}"
                + (
                    f" | translations: {', '.join(record['translations'])}"
                    if record["translations"]
                    else ""
                )
            )


@main.command()
@archive_option
@index_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index and switch to it atomically.")
@json_option
def index(archive: str | None, index: str | None, rebuild: bool, as_json: bool) -> None:
    """Index new, changed and removed archive files (or rebuild everything)."""
    from releasesearch.index import indexer, store

    settings = _settings(archive, index)
    if not settings.archive.is_dir():
        raise click.ClickException(f"archive folder {settings.archive} does not exist")
    stale = None if rebuild else store.outdated(settings.index)
    if stale:
        click.echo(f"Rebuild needed: {stale}; rebuilding.", err=as_json)
    run = indexer.rebuild if rebuild else indexer.update
    with click.progressbar(
        length=1, label="Indexing", file=sys.stderr, hidden=as_json or not sys.stderr.isatty()
    ) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        report = run(
            settings.archive, settings.index, max_bytes=settings.max_file_bytes, progress=progress
        )
    if as_json:
        _emit(report.as_json())
        return
    click.echo(
        f"{'Rebuilt' if report.rebuilt else 'Updated'} {settings.index}: "
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged files; {report.releases} releases written "
        f"in {report.seconds:.1f} s; {len(report.errors)} errors"
    )
    for err in report.errors:
        where = f"{err.path}#{err.row}" if err.row else err.path
        click.echo(f"  error: {where}: {err.reason}")


@main.command()
@archive_option
@index_option
@json_option
def check(archive: str | None, index: str | None, as_json: bool) -> None:
    """Compare the index with the archive; exit 1 when they differ."""
    from releasesearch.index import plan
    from releasesearch.vocab.dictionary import dictionary_status

    settings = _settings(archive, index)
    report = plan.check(settings.archive, settings.index)
    crosslang = dictionary_status(settings.dictionary)
    if as_json:
        _emit({**report.as_json(), "crosslang": crosslang.as_json()})
    else:
        click.echo(f"{report.indexed} releases indexed")
        click.echo(f"  cross-language search: {crosslang.describe()}")
        for label, paths in (
            ("missing", report.missing),
            ("stale", report.stale),
            ("orphaned", report.orphaned),
        ):
            for path in paths:
                click.echo(f"  {label}: {path}")
        for err in report.rejected:
            click.echo(f"  rejected: {err.path}: {err.reason}")
        click.echo(
            "index and archive agree" if report.ok else "to repair, run: releasesearch index"
        )
    if not report.ok:
        sys.exit(1)


def _batch_lines(batch: str) -> Iterator[str]:
    with click.open_file(batch, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line.strip()


@main.command()
@click.argument("query", required=False, default="")
@index_option
@click.option("--city", multiple=True, help="City (name in any language or GeoNames id).")
@click.option("--sector", multiple=True, help="Sector id or label.")
@click.option("--lang", multiple=True, help="Language (en, de, ...).")
@click.option("--source", multiple=True, help="Issuer.")
@click.option("--from", "date_from", help="Earliest date, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Latest date, YYYY-MM-DD.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest", "date"]))
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--batch", type=click.Path(allow_dash=True), help="One query per line; JSON out.")
@click.option("--ui", type=click.Choice(["en", "de"]), default="en", help="Label language.")
@click.option(
    "--translate",
    type=click.Choice(["auto", "off"]),
    default="auto",
    show_default=True,
    help="auto: also search the other language through dictionary translations.",
)
@json_option
def search(
    query: str,
    index: str | None,
    city: tuple[str, ...],
    sector: tuple[str, ...],
    lang: tuple[str, ...],
    source: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    sort: str | None,
    limit: int,
    batch: str | None,
    ui: str,
    translate: str,
    as_json: bool,
) -> None:
    """Search the index."""
    from releasesearch.search.render import result_json
    from releasesearch.search.request import SearchRequest
    from releasesearch.search.service import SearchService

    settings = _settings(index=index)
    service = SearchService(settings.index, settings.dictionary)
    args: dict[str, list[str]] = {
        "city": list(city),
        "sector": list(sector),
        "lang": list(lang),
        "source": list(source),
        "from": [date_from] if date_from else [],
        "to": [date_to] if date_to else [],
        "sort": ["newest" if sort == "date" else sort] if sort else [],
        "translate": [translate],
    }
    queries = list(_batch_lines(batch)) if batch else [query]
    for text in queries:
        req = SearchRequest.from_args({**args, "q": [text]}, page_size=limit, ui_language=ui)
        result = service.search(req)
        if as_json or batch:
            _emit(result_json(result))
            continue
        click.echo(
            f"{result.total} releases"
            + (f" (did you mean: {result.suggestion}?)" if result.suggestion else "")
        )
        for hit in result.hits:
            click.echo(f"\n{hit.id}  [{hit.language}] {hit.date or ''}\n  {hit.title}")
            for snippet in hit.snippets:
                click.echo("  … " + snippet.replace("<mark>", "[").replace("</mark>", "]"))
    service.close()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5000, show_default=True)
@archive_option
@index_option
@click.option("--no-index", is_flag=True, help="Serve without updating the index first.")
def serve(host: str, port: int, archive: str | None, index: str | None, no_index: bool) -> None:
    """Index what is new in the archive, then serve the site and API."""
    from releasesearch import create_app
    from releasesearch.index import indexer

    settings = _settings(archive, index)
    if not no_index:
        report = indexer.update(settings.archive, settings.index, max_bytes=settings.max_file_bytes)
        click.echo(
            f"index: {report.added} added, {report.updated} updated, "
            f"{report.removed} removed, {len(report.errors)} errors"
        )
    public_url = settings.public_url or _own_url(host, port)
    from releasesearch.vocab.dictionary import bilingual, dictionary_status

    bilingual(settings.dictionary)  # derive the lookup tables now, not on the first search
    click.echo(f"cross-language search: {dictionary_status(settings.dictionary).describe()}")
    app = create_app(
        {
            "archive": settings.archive,
            "index": settings.index,
            "public_url": public_url,
            "dictionary": settings.dictionary,
        }
    )
    click.echo(f"serving {settings.archive} on http://{host}:{port}/")
    from waitress import serve as waitress_serve

    waitress_serve(app, host=host, port=port, threads=4, ident="releasesearch")


def _own_url(host: str, port: int) -> str | None:
    """The address ``serve`` listens on, for absolute links; None for a wildcard address."""
    if host in ("", "0.0.0.0", "::"):
        return None
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
