"""What a user asks: one request object for the CLI, the pages, the API and the feed.

:class:`SearchRequest` is what a user asks (read from URL parameters or CLI
options); :func:`run_search` answers it with a :class:`~releasesearch.model.SearchResult`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import quote_plus, urlencode

from releasesearch.errors import BadRequest
from releasesearch.search.filters import BY_PARAM, FILTERS, Filter

SORTS = ("relevance", "newest", "oldest")
TRANSLATE = ("auto", "off")  # auto: also search the other language (needs the dictionary)
SPELL = ("auto", "off")  # auto: a query finding nothing is searched again with its typos corrected
Selection = tuple[tuple[str, tuple[str, ...]], ...]  # (filter param, values), in FILTERS order
MAX_PAGE = 1000
MAX_PAGE_SIZE = 100
PAGE_SIZES = (10, 20, 50)  # what the page offers; the API takes any size up to MAX_PAGE_SIZE
MAX_QUERY_CHARS = 1000
# Characters XML 1.0 cannot carry (NUL and the other C0 controls, lone surrogates,
# U+FFFE/U+FFFF): removed from every parameter, so that no value reaches a page,
# a feed or a log line that its format cannot hold.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class ArgSource(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """What a user asks for; every field round-trips through URL parameters."""

    q: str = ""
    selection: Selection = ()  # values as the index stores them (place ids, sector ids, ...)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    default_page_size: int = 10  # the site's setting: a page size equal to it stays out of links
    ui_language: str = "en"
    translate: str = "auto"
    spell: str = "auto"
    extra: tuple[tuple[str, str], ...] = ()  # kept in links (hl)

    @classmethod
    def from_args(
        cls,
        args: ArgSource | Mapping[str, Sequence[str]],
        *,
        page_size: int = 10,
        ui_language: str = "en",
    ) -> SearchRequest:
        """Read URL parameters (or CLI options given as lists).

        One rule for every parameter: a value that cannot be read (``page=abc``,
        ``month=13``, ``year=abcd``, ``from`` after ``to``, ``page_size=0``) is a
        :class:`BadRequest`; a readable value that no release has gives no results.

        :raises BadRequest: for a value that cannot be read.
        """
        get = _getter(args)
        q = " ".join(get("q"))[:MAX_QUERY_CHARS]
        date_from, date_to = _date(get("from"), "from"), _date(get("to"), "to")
        if date_from and date_to and date_from > date_to:
            raise BadRequest(
                f"'from' ({date_from.isoformat()}) must not be after 'to' ({date_to.isoformat()})"
            )
        return cls(
            q=q,
            selection=_selection({f.param: _values(f, get(f.param)) for f in FILTERS}),
            date_from=date_from,
            date_to=date_to,
            sort=_sort(get("sort"), q),
            page=_page(get("page")),
            page_size=_page_size(get("page_size"), page_size),
            default_page_size=page_size,
            translate=_translate(get("translate")),
            spell=_choice(get("spell"), "spell", SPELL),
            ui_language=ui_language,
        )

    def selected(self, param: str) -> tuple[str, ...]:
        """The values selected for one filter (none when it is not in use)."""
        for name, values in self.selection:
            if name == param:
                return values
        return ()

    def filters(self) -> dict[str, tuple[str, ...]]:
        """Every filter with its selected values (empty tuples included), in FILTERS order."""
        return {f.param: self.selected(f.param) for f in FILTERS}

    def with_values(self, param: str, values: tuple[str, ...]) -> SearchRequest:
        """This request with one filter's selection replaced."""
        chosen = self.filters()
        chosen[param] = values
        return replace(self, selection=_selection(chosen))

    def cleared(self) -> SearchRequest:
        """This request without any filter or date bound, on page 1 (the words kept)."""
        return replace(self, selection=(), date_from=None, date_to=None, page=1)

    def to_args(self) -> list[tuple[str, str]]:
        """The URL parameters that reproduce this request (defaults left out)."""
        args: list[tuple[str, str]] = []
        if self.q:
            args.append(("q", self.q))
        for name, values in self.selection:
            args.extend((name, v) for v in values)
        if self.date_from:
            args.append(("from", self.date_from.isoformat()))
        if self.date_to:
            args.append(("to", self.date_to.isoformat()))
        if self.sort != default_sort(self.q):
            args.append(("sort", self.sort))
        if self.page_size != self.default_page_size:
            args.append(("page_size", str(self.page_size)))
        if self.page != 1:
            args.append(("page", str(self.page)))
        if self.translate != "auto":
            args.append(("translate", self.translate))
        if self.spell != "auto":
            args.append(("spell", self.spell))
        args.extend(self.extra)
        return args

    def to_query(self, **changes: Any) -> str:
        """Query string (no ``?``) of this request with ``changes`` applied."""
        return urlencode(replace(self, **changes).to_args() if changes else self.to_args())

    def toggler(self, name: str) -> Callable[[str], str]:
        """``lambda value: self.toggled(name, value).to_query()``, fast for the values a
        facet offers to add: the query string around the new value is encoded once,
        not once per value (an answer links about 200 facet values)."""
        current = self.selected(name)
        if name not in BY_PARAM:
            return lambda value: self.toggled(name, value).to_query()
        base = replace(self, page=1)
        order = list(BY_PARAM)
        at = order.index(name)
        before: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        after: list[tuple[str, str]] = []
        for param, values in base.selection:
            if param == name:
                before.extend((param, v) for v in values)
            else:
                (before if order.index(param) < at else after).extend((param, v) for v in values)
        full = base.to_args()  # q, the selection, then dates, sort, sizes and extras
        after.extend(full[len(before) + len(after) :])
        head = urlencode(before) + "&" if before else ""
        tail = "&" + urlencode(after) if after else ""
        key = quote_plus(name) + "="

        def toggle(value: str) -> str:
            if value in current:
                return self.toggled(name, value).to_query()
            return head + key + quote_plus(value) + tail

        return toggle

    def toggled(self, name: str, value: str) -> SearchRequest:
        """This request with one facet value switched on or off, back on page 1.

        Removing a value also removes the values filed under it (a year's months).
        ``from`` and ``to`` (one value each) are switched off by toggling them.
        """
        if name == "from":
            return replace(self, page=1, date_from=None)
        if name == "to":
            return replace(self, page=1, date_to=None)
        current = self.selected(name)
        values = tuple(v for v in current if v != value) if value in current else current + (value,)
        out = self.with_values(name, values)
        if value in current:
            for inner in FILTERS:
                if inner.within == name:
                    kept = tuple(v for v in self.selected(inner.param) if not v.startswith(value))
                    out = out.with_values(inner.param, kept)
        return replace(out, page=1)


def default_sort(q: str) -> str:
    """Browsing (no words) lists the newest first; a search ranks by relevance."""
    return "relevance" if q.strip() else "newest"


def _selection(chosen: dict[str, tuple[str, ...]]) -> Selection:
    """Filters with values, in FILTERS order, each value once: one request, one key."""
    return tuple(
        (param, unique) for param in BY_PARAM if (unique := _unique(chosen.get(param, ())))
    )


def _getter(args: ArgSource | Mapping[str, Sequence[str]]) -> Any:
    if hasattr(args, "getlist"):
        return lambda key: _clean(args.getlist(key))
    mapping: Mapping[str, Sequence[str]] = args

    def get(key: str) -> list[str]:
        value = mapping.get(key, ())
        items = [value] if isinstance(value, str) else list(value)
        return _clean([str(v) for v in items if v is not None])

    return get


def _clean(values: list[str]) -> list[str]:
    """Values without unprintable characters and surrounding space; empty ones dropped."""
    cleaned = (_UNPRINTABLE.sub(" ", v).strip() for v in values)
    return [v for v in cleaned if v]


def _values(spec: Filter, values: list[str]) -> tuple[str, ...]:
    """:raises BadRequest: for a value the filter cannot hold (``month=13``, ``year=abcd``)."""
    for value in values:
        if spec.pattern is not None and not spec.pattern.fullmatch(value):
            raise BadRequest(f"'{spec.param}' must be {spec.form}, not {value!r}")
    return tuple(spec.resolve(v) for v in values)


def _unique(values: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v:
            seen.setdefault(v, None)
    return tuple(seen)


def _date(values: list[str], name: str) -> dt.date | None:
    if not values:
        return None
    try:
        return dt.date.fromisoformat(values[-1])
    except ValueError:
        raise BadRequest(
            f"'{name}' must be a date written YYYY-MM-DD, not {values[-1]!r}"
        ) from None


def _sort(values: list[str], q: str) -> str:
    if not values:
        return default_sort(q)
    if values[-1] not in SORTS:
        raise BadRequest(f"'sort' must be one of {', '.join(SORTS)}, not {values[-1]!r}")
    return values[-1]


def _choice(values: list[str], name: str, allowed: tuple[str, ...]) -> str:
    if not values:
        return allowed[0]
    if values[-1] not in allowed:
        raise BadRequest(f"'{name}' must be one of {', '.join(allowed)}, not {values[-1]!r}")
    return values[-1]


def _translate(values: list[str]) -> str:
    if not values:
        return "auto"
    if values[-1] not in TRANSLATE:
        raise BadRequest(f"'translate' must be one of {', '.join(TRANSLATE)}, not {values[-1]!r}")
    return values[-1]


def _page(values: list[str]) -> int:
    if not values:
        return 1
    try:
        page = int(values[-1])
    except ValueError:
        raise BadRequest(f"'page' must be a whole number, not {values[-1]!r}") from None
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest(f"'page' must be between 1 and {MAX_PAGE}, not {page}")
    return page


def _page_size(values: list[str], default: int) -> int:
    if not values:
        return default
    try:
        size = int(values[-1])
    except ValueError:
        raise BadRequest(f"'page_size' must be a whole number, not {values[-1]!r}") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"'page_size' must be between 1 and {MAX_PAGE_SIZE}, not {size}")
    return size
