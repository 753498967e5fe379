"""HTML and XHTML releases, read through BeautifulSoup with lxml's tolerant HTML parser.

Pages come from anywhere, broken nesting and all; FSFE's XHTML sources add
non-HTML elements (``<tags>``, ``<discussion>``, ``<version>``) after the body.
The text is collected by an explicit-stack walk, never by recursion, so a page
nested 20,000 levels deep is just a long page.
"""

from __future__ import annotations

import html as html_lib
import warnings
from collections.abc import Iterator
from dataclasses import replace

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import PreformattedString

from releasesearch.errors import ParseError
from releasesearch.model import ArchiveFile, Declared, Release
from releasesearch.model import Tag as ReleaseTag
from releasesearch.parse.common import (
    derive_title,
    file_title,
    language_and_pair,
    split_list,
    tags_from_labels,
)
from releasesearch.parse.decode import decode, one_line, tidy_lines
from releasesearch.parse.sections import file_release, split_sections

MAX_LINKS = 100  # link addresses kept per page
BLOCKS = frozenset(
    "p li blockquote h1 h2 h3 h4 h5 h6 dt dd figcaption pre td th div section article main "
    "ul ol dl table tr thead tbody figure address body center details summary".split()
)
SKIP = frozenset(
    "nav header footer aside script style noscript form template svg head title meta link "
    "button select textarea iframe object embed canvas audio video map "
    "tags tag discussion image version peertube translator".split()
)
_DATE_META = (
    "article:published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publication_date",
    "datepublished",
)


def parse_html(file: ArchiveFile) -> Release:
    """One release from one HTML page; tag-stripped text if the page defeats the parser."""
    text = decode(file.data)
    try:
        return _parse_soup(file, _soup(text))
    except RecursionError:
        return _parse_stripped(file, text)


def _parse_stripped(file: ArchiveFile, text: str) -> Release:
    """Last resort: drop everything between ``<`` and ``>`` in one linear pass."""
    out: list[str] = []
    depth_open = False
    for char in text:
        if char == "<":
            depth_open = True
            out.append(" ")
        elif char == ">" and depth_open:
            depth_open = False
        elif not depth_open:
            out.append(char)
    body = tidy_lines(html_lib.unescape("".join(out)))
    if not body:
        raise ParseError("page has no text")
    language, pair_key = language_and_pair(file.path)
    return Release(
        id=file.path,
        path=file.path,
        row=None,
        title=derive_title(body, file_title(file.path)),
        body=body,
        format="html",
        declared=Declared(language=language, pair_key=pair_key),
    )


def _parse_soup(file: ArchiveFile, soup: BeautifulSoup) -> Release:
    meta = _metas(soup)
    blocks = paragraphs_of(soup.body or soup)
    title = _title(soup, meta)
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
    if not title and not blocks:
        raise ParseError("page has no text")
    language, pair_key = language_and_pair(file.path)
    declared = Declared(
        date=_date(soup, meta),
        language=_language(soup, meta) or language,
        cities=tuple(split_list(meta.get("geo.placename", ""))),
        sectors=tuple(split_list(meta.get("article:section") or meta.get("category") or "")),
        tags=_tags(soup, meta),
        source=meta.get("author") or meta.get("dc.publisher") or None,
        pair_key=pair_key,
        translation_of=meta.get("translation_of") or None,
    )
    release = file_release(
        file,
        split_sections(blocks),
        fmt="html",
        declared=declared,
        title=title,
        url=_url(soup, meta),
    )
    return replace(release, links=_links(soup.body or soup))


def _links(root: Tag) -> tuple[str, ...]:
    """Link and image addresses of the body, in order (translations keep them)."""
    found: dict[str, None] = {}
    for tag in root.find_all(["a", "img"]):
        if not isinstance(tag, Tag):
            continue
        value = _attr(tag, "href" if tag.name == "a" else "src").strip()
        if value and not value.startswith("#"):
            found[value] = None
    return tuple(found)[:MAX_LINKS]


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # FSFE sources start with an XML declaration; lxml's HTML parser reads them fine.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        # a page whose whole text is a URL is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(text, "lxml")
        except (RecursionError, ValueError):
            return BeautifulSoup(text, "html.parser")


def _attr(tag: Tag | None, name: str) -> str:
    if tag is None:
        return ""
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return (value or "").strip()


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta name|property|http-equiv|itemprop content>``, keys lower-cased, first wins."""
    found: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        if not isinstance(meta, Tag):
            continue
        key = (
            _attr(meta, "name")
            or _attr(meta, "property")
            or _attr(meta, "http-equiv")
            or _attr(meta, "itemprop")
        ).lower()
        content = one_line(_attr(meta, "content"))
        if key and content:
            found.setdefault(key, content)
    return found


def _text(tag: Tag | None) -> str:
    return one_line(tag.get_text(" ")) if tag is not None else ""


def _title(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    body = soup.body or soup
    h1 = body.find("h1")
    title_tag = soup.find("title")
    for candidate in (
        _text(h1 if isinstance(h1, Tag) else None),
        _text(title_tag if isinstance(title_tag, Tag) else None),
        meta.get("og:title", ""),
        meta.get("title", ""),
        meta.get("dc.title", ""),
    ):
        if candidate:
            return candidate
    return ""


def _date(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    for key in _DATE_META:
        if meta.get(key):
            return meta[key]
    time = soup.find("time", attrs={"datetime": True})
    if isinstance(time, Tag):
        return _attr(time, "datetime")
    html = soup.find("html")
    return _attr(html if isinstance(html, Tag) else None, "newsdate") or None


def _language(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    html = soup.find("html")
    root = html if isinstance(html, Tag) else None
    return (
        _attr(root, "lang")
        or _attr(root, "xml:lang")
        or meta.get("content-language")
        or meta.get("language")
        or meta.get("dc.language")
        or None
    )


def _url(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    for link in soup.find_all("link"):
        if isinstance(link, Tag) and "canonical" in _attr(link, "rel").lower().split():
            href = _attr(link, "href")
            if href:
                return href
    return meta.get("og:url") or None


def _tags(soup: BeautifulSoup, meta: dict[str, str]) -> tuple[ReleaseTag, ...]:
    """FSFE ``<tag key="de">Germany</tag>`` keeps its key; keywords get a slug as key.

    Tags without a label (FSFE's ``front-page`` flag) are site bookkeeping, not topics.
    """
    tags: dict[str, ReleaseTag] = {}
    for element in soup.find_all("tag"):
        if not isinstance(element, Tag):
            continue
        key, label = _attr(element, "key"), _text(element)
        if key and label:
            tags.setdefault(key, ReleaseTag(key=key, label=label))
    labels = split_list(meta.get("keywords", "")) + split_list(meta.get("article:tag", ""))
    for tag in tags_from_labels(labels):
        tags.setdefault(tag.key, tag)
    return tuple(tags.values())


def paragraphs_of(root: Tag) -> list[str]:
    """Text of block elements in document order, one paragraph each, inline text joined."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            text = tidy_lines("\n".join(one_line(part) for part in "".join(buffer).split("\n")))
            blocks.extend(p for p in text.split("\n\n") if p)
            buffer.clear()

    for kind, node in _walk(root):
        if kind == "text":
            buffer.append(" ".join(str(node).split(" ")).replace("\n", " ").replace("\t", " "))
        elif kind == "br":
            buffer.append("\n")
        else:
            flush()
    flush()
    return blocks


def _walk(root: Tag) -> Iterator[tuple[str, PageElement]]:
    """Yield ("text", string), ("br", tag) and ("edge", block tag) at each block start and end."""
    stack: list[Iterator[PageElement] | Tag] = [iter(root.children)]
    while stack:
        top = stack[-1]
        if isinstance(top, Tag):  # a block ends
            stack.pop()
            yield "edge", top
            continue
        node = next(top, None)
        if node is None:
            stack.pop()
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype
                yield "text", node
        elif isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in SKIP or node.has_attr("hidden"):
                continue
            if name == "br":
                yield "br", node
            elif name in BLOCKS:
                yield "edge", node
                stack.append(node)
                stack.append(iter(node.children))
            else:
                stack.append(iter(node.children))
