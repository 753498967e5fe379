"""The Atom feed of any search, and the OpenSearch description that advertises it.

Built with ``xml.etree`` so that every piece of release text is escaped by the
serializer, not by hand. Snippets travel as ``type="html"``: they are already
escaped HTML with ``<mark>``, and the serializer escapes them once more for XML.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote
from xml.etree import ElementTree as ET

from flask import Blueprint, g, request
from werkzeug.wrappers import Response

from releasesearch.model import Hit, SearchResult
from releasesearch.web.i18n import translator
from releasesearch.web.params import search_request
from releasesearch.web.state import state

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
XML = "http://www.w3.org/XML/1998/namespace"
_EPOCH = "1970-01-01T00:00:00Z"


@bp.get("/feed.atom", endpoint="feed")
def feed() -> Response:
    req = search_request()
    result = state().service.feed(req)
    query = req.to_query(page=1)
    xml = atom_feed(result, site=request.url_root, query=query, title=_feed_title(req.q))
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    t = translator(g.hl)
    root = ET.Element("OpenSearchDescription", xmlns=OPENSEARCH)
    ET.SubElement(root, "ShortName").text = t("site_name")[:16]
    ET.SubElement(root, "Description").text = t("search_label")
    ET.SubElement(root, "InputEncoding").text = "UTF-8"
    base = request.url_root.rstrip("/")
    for mime, path in (("text/html", "/"), ("application/atom+xml", "/feed.atom")):
        ET.SubElement(root, "Url", type=mime, template=f"{base}{path}?q={{searchTerms}}")
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/opensearchdescription+xml")


def _feed_title(q: str) -> str:
    base = translator(g.hl)("feed_title")
    return f"{base}: {q}" if q else base


def _stamp(date: dt.date | None) -> str:
    return f"{date.isoformat()}T00:00:00Z" if date else _EPOCH


def atom_feed(result: SearchResult, *, site: str, query: str, title: str) -> str:
    """An Atom 1.0 document of ``result``; ``site`` is the absolute root URL ending in ``/``."""
    root = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "id").text = f"{site}feed.atom?{query}"
    ET.SubElement(root, "link", rel="self", href=f"{site}feed.atom?{query}")
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=f"{site}?{query}")
    dates = [h.date for h in result.hits if h.date]
    ET.SubElement(root, "updated").text = _stamp(max(dates) if dates else None)
    ET.SubElement(ET.SubElement(root, "author"), "name").text = translator(g.hl)("site_name")
    for hit in result.hits:
        root.append(_entry(hit, site))
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _entry(hit: Hit, site: str) -> ET.Element:
    entry = ET.Element("entry")
    link = f"{site}release/{quote(hit.id, safe='/')}"
    ET.SubElement(entry, "id").text = link
    ET.SubElement(entry, "title").text = hit.title
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
    ET.SubElement(entry, "updated").text = _stamp(hit.date)
    if hit.date:
        ET.SubElement(entry, "published").text = _stamp(hit.date)
    if hit.source:
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = hit.source
    if hit.snippets:
        summary = ET.SubElement(entry, "summary", type="html")
        summary.text = " … ".join(hit.snippets)
    if hit.language:
        entry.set(f"{{{XML}}}lang", hit.language)
    for label in hit.sectors:
        ET.SubElement(entry, "category", term=label)
    return entry
