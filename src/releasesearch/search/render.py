"""JSON renderings of search results and releases, shared by the API and the CLI.

The HTML page renders the same objects through templates; this module is the
one place that decides what a result looks like as JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from releasesearch.model import FacetValue, Hit, ReleaseView, SearchResult, TranslationRef

Link = Callable[[str], str]


def _query_link(query: str) -> str:
    return "?" + query


def _release_link(release_id: str) -> str:
    return "/release/" + release_id


def _translation(ref: TranslationRef, release_link: Link) -> dict[str, Any]:
    return {
        "id": ref.id,
        "language": ref.language,
        "language_label": ref.language_label,
        "title": ref.title,
        "url": release_link(ref.id),
        "reason": ref.reason,
    }


def hit_json(hit: Hit, release_link: Link = _release_link) -> dict[str, Any]:
    return {
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "language": hit.language,
        "language_label": hit.language_label,
        "date": hit.date.isoformat() if hit.date else None,
        "dateline_city": hit.dateline_city,
        "cities": [{"id": i, "label": label} for i, label in hit.cities],
        "sectors": [{"id": i, "label": label} for i, label in hit.sectors],
        "source": hit.source,
        "snippets": list(hit.snippets),
        "translations": [_translation(t, release_link) for t in hit.translations],
        "score": hit.score,
        "url": release_link(hit.id),
        "original_url": hit.url,
    }


def facet_value_json(value: FacetValue, link: Link = _query_link) -> dict[str, Any]:
    """One facet value; ``toggle_url`` selects it, or deselects it when it is selected."""
    return {
        "value": value.value,
        "label": value.label,
        "count": value.count,
        "selected": value.selected,
        "toggle_url": link(value.toggle_query),
        **({"description": value.description} if value.description else {}),
    }


def _corrected(result: SearchResult, link: Link) -> dict[str, Any] | None:
    """``{typed, query, instead_url}`` when the results are those of a corrected query."""
    found = result.corrected
    if found is None:
        return None
    return {"typed": found.typed, "query": found.query, "instead_url": link(found.instead_query)}


def _crosslang(result: SearchResult, link: Link) -> dict[str, Any] | None:
    """The cross-language notice as JSON: which language was also searched, and the way back."""
    found = result.crosslang
    if found is None:
        return None
    return {
        "source": found.source,
        "target": found.target,
        "words": list(found.words),
        "only_source_url": link(found.only_query),
    }


def result_json(
    result: SearchResult, link: Link = _query_link, release_link: Link = _release_link
) -> dict[str, Any]:
    """A search result as the API and ``releasesearch search --json`` print it."""
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "page_size": result.page_size,
        "relaxed": result.relaxed,
        "crosslang": _crosslang(result, link),
        "corrected": _corrected(result, link),
        "hits": [hit_json(h, release_link) for h in result.hits],
        "facets": {
            f.name: [facet_value_json(v, link) for v in (*f.values, *f.more)] for f in result.facets
        },
        "facets_left_out": {f.name: f.left_out for f in result.facets if f.left_out},
        "selected": [
            {
                "param": c.param,
                "value": c.value,
                "label": c.label,
                "remove_url": link(c.toggle_query),
            }
            for c in result.selected
        ],
        "suggestion": result.suggestion,
        "suggestion_url": link(result.suggestion_query) if result.suggestion_query else None,
        "links": {
            "prev": link(result.prev_query) if result.prev_query is not None else None,
            "next": link(result.next_query) if result.next_query is not None else None,
        },
    }


def release_json(view: ReleaseView, release_link: Link = _release_link) -> dict[str, Any]:
    """A release as ``/api/releases/<id>`` returns it."""
    return {
        "id": view.id,
        "path": view.path,
        "row": view.row,
        "title": view.title,
        "body": view.body,
        "contact": view.contact,
        "about": view.about,
        "original_url": view.url,
        "language": view.language,
        "language_label": view.language_label,
        "date": view.date.isoformat() if view.date else None,
        "dateline_city": view.dateline_city,
        "country": view.country,
        "cities": [{"id": i, "label": label} for i, label in view.cities],
        "sectors": [{"id": i, "label": label} for i, label in view.sectors],
        "source": view.source,
        "wire": view.wire,
        "tags": list(view.tags),
        "translations": [_translation(t, release_link) for t in view.translations],
        "copies": [{"id": c.id, "path": c.path, "row": c.row} for c in view.copies],
        "more_like_this": [
            {
                "id": r.id,
                "title": r.title,
                "language": r.language,
                "date": r.date.isoformat() if r.date else None,
                "url": release_link(r.id),
            }
            for r in view.more_like_this
        ],
    }
