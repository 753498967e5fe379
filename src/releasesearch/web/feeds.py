"""The Atom feed of any search, and the OpenSearch description that advertises it.

Built with ``xml.etree`` so that every piece of release text is escaped by the
serializer, not by hand. Snippets travel as ``type="html"``: they are already
escaped HTML with ``<mark>``, and the serializer escapes them once more for XML.

Links start from :func:`site_root`: the configured public URL, else the site's
own path (relative links, resolved against the feed's address). Entry and feed
ids must be absolute IRIs, so without a public URL they are ``urn:`` names of
the release and the search, stable wherever the site is reached from.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote
from xml.etree import ElementTree as ET

from flask import Blueprint, g
from werkzeug.wrappers import Response

from releasesearch.model import Hit, SearchResult
from releasesearch.web.i18n import translator
from releasesearch.web.jobs import last_change
from releasesearch.web.params import search_request, site_root
from releasesearch.web.state import state

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
XML = "http://www.w3.org/XML/1998/namespace"
SUGGESTIONS = "application/x-suggestions+json"
SHORT_NAME_CHARS = 16  # OpenSearch's limit for ShortName
URN = "urn:releasesearch:"


@bp.get("/feed.atom", endpoint="feed")
def feed() -> Response:
    req = search_request()
    web = state()
    result = web.service.feed(req)
    query = req.to_query(page=1)
    xml = atom_feed(
        result,
        site=site_root(),
        query=query,
        title=_feed_title(req.q),
        changed=last_change(web.settings.index) or dt.datetime.now(dt.UTC),
    )
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    t = translator(g.hl)
    root = ET.Element("OpenSearchDescription", xmlns=OPENSEARCH)
    ET.SubElement(root, "ShortName").text = t("short_name")[:SHORT_NAME_CHARS]
    ET.SubElement(root, "Description").text = t("search_label")
    ET.SubElement(root, "InputEncoding").text = "UTF-8"
    site = site_root()
    for mime, path in (
        ("text/html", ""),
        ("application/atom+xml", "feed.atom"),
        (SUGGESTIONS, "suggest"),
    ):
        ET.SubElement(root, "Url", type=mime, template=f"{site}{path}?q={{searchTerms}}")
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/suggest", endpoint="suggest")
def opensearch_suggest() -> Response:
    """OpenSearch suggestions for a browser's search bar: ``[typed, [completions]]``."""
    req = search_request()
    labels = [s.label for s in state().service.suggest(req)]
    return Response(json.dumps([req.q, labels], ensure_ascii=False), mimetype=SUGGESTIONS)


def _feed_title(q: str) -> str:
    base = translator(g.hl)("feed_title")
    return f"{base}: {q}" if q else base


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _absolute(site: str, path: str, urn: str) -> str:
    """An id: the link itself when ``site`` is absolute, else a ``urn:`` of the same path."""
    return f"{site}{path}" if "://" in site else f"{URN}{urn}"


def atom_feed(
    result: SearchResult, *, site: str, query: str, title: str, changed: dt.datetime
) -> str:
    """An Atom 1.0 document of ``result``; ``site`` is the root links start from (ends in ``/``).

    ``changed`` (when the index last changed) dates an empty feed and undated entries.
    """
    root = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "id").text = _absolute(site, f"feed.atom?{query}", f"feed?{query}")
    ET.SubElement(root, "link", rel="self", href=f"{site}feed.atom?{query}")
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=f"{site}?{query}")
    dates = [h.date for h in result.hits if h.date]
    fallback = changed.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ET.SubElement(root, "updated").text = _stamp(max(dates)) if dates else fallback
    ET.SubElement(ET.SubElement(root, "author"), "name").text = translator(g.hl)("site_name")
    for hit in result.hits:
        root.append(_entry(hit, site, fallback))
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _entry(hit: Hit, site: str, fallback: str) -> ET.Element:
    entry = ET.Element("entry")
    path = f"release/{quote(hit.id, safe='/')}"
    ET.SubElement(entry, "id").text = _absolute(site, path, path)
    ET.SubElement(entry, "title").text = hit.title
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=f"{site}{path}")
    ET.SubElement(entry, "updated").text = _stamp(hit.date) if hit.date else fallback
    if hit.date:
        ET.SubElement(entry, "published").text = _stamp(hit.date)
    if hit.source:
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = hit.source
    if hit.snippets:
        summary = ET.SubElement(entry, "summary", type="html")
        summary.text = " … ".join(hit.snippets)
    if hit.language:
        entry.set(f"{{{XML}}}lang", hit.language)
    for sector, label in hit.sectors:
        ET.SubElement(entry, "category", term=sector, label=label)
    return entry
