"""The user's query string -> a Whoosh query plus the filters it names.

Syntax: words (all required), "phrases", OR, NOT / -word, wildcards (invest*),
``field:value`` for every filter of :mod:`.filters` (and its aliases) and title, and
``date:2024``, ``date:2024-03`` or ``date:2024-01-01..2024-06-30``. Nothing a user
types is an error: what the parser cannot read is searched as plain words.

People type questions and sentences, so sentence punctuation is never syntax: a
``?``, ``!``, ``.``, ``:``, ``;`` or ``,`` that ends a word (``Was ist die NASUWT?``)
or stands alone is dropped before parsing; ``*`` inside or at the end of a word
stays a wildcard, and so does a ``?`` inside a word (``Me?er``).

Each word is analysed by every language's analyzer (one field per language), so
``Partnerschaft`` is stemmed the German way in ``body_de`` and the English way in
``body_en`` and one query finds releases in both languages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh.fields import Schema
from whoosh.query import Every, NullQuery, Query

from releasesearch.index import schema as F
from releasesearch.search.crosslang import Translated, translate_query
from releasesearch.search.filters import QUERY_ALIASES
from releasesearch.search.semantics import shape
from releasesearch.vocab.dictionary import Bilingual
from releasesearch.vocab.gazetteer import gazetteer

_FIELD_TERM = re.compile(
    r'(?<![\w-])(?P<field>[A-Za-zä]+):(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s()"]+))'
)
_DATE_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# A quoted phrase (kept as typed), or punctuation that ends a word or stands alone.
_SENTENCE_PUNCTUATION = re.compile(r'"[^"]*"|[?!.:;,]+(?=[\s)]|$)')


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What the query string asks for: text to match and filters to apply."""

    text: str  # the free text left after filters were taken out
    query: Query  # Every() when there is no free text
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    translated: Translated | None = None  # how the query was searched in the other language

    @property
    def is_browse(self) -> bool:
        return isinstance(self.query, Every)


def _date_bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """``2024`` -> whole year, ``2024-03`` -> month, ``a..b`` -> range; bad input -> no bound."""
    if ".." in value:
        start, _, end = value.partition("..")
        return _date_bounds(start)[0] if start else None, _date_bounds(end)[1] if end else None
    m = _DATE_PART.match(value)
    if not m:
        return None, None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            d = dt.date(year, int(month), int(day))
            return d, d
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), 1), dt.date(year, int(month), last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None, None


def _parser(schema: Schema, fieldnames: tuple[str, ...], *, relaxed: bool) -> qparser.QueryParser:
    group = qparser.OrGroup.factory(0.9) if relaxed else qparser.AndGroup
    parser = qparser.MultifieldParser(list(fieldnames), schema, group=group)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.BoostPlugin)
    parser.add_plugin(qparser.PlusMinusPlugin())
    return parser


_ONLY_WILDCARDS = re.compile(r"[\s*?]*")
_QUESTION_MARK = re.compile(r"(?<=[^\W_])\?+(?=\s|$)")
_ASKED = re.compile(r"(?<=[^\W_])\?+\s*$")  # a question mark ends the text: a question


_INNER_HYPHEN = re.compile(r'"[^"]*"|(?<=\w)-(?=\w)')
WORD_HYPHEN = "\u2010"  # HYPHEN: splits words in analysis, is no syntax to the parser


def _punctuation(text: str) -> str:
    """A question mark that ends a word is punctuation ("Who led the delegation?"), not a
    one-letter wildcard that would stop the word from matching itself; a hyphen inside a
    word (``E-Scooter``, ``U-Bahnhof``) joins its parts, it is no ``-`` exclusion."""
    text = _QUESTION_MARK.sub("", text)
    return _INNER_HYPHEN.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else WORD_HYPHEN, text)


def _plain(text: str) -> str:
    """The words of ``text`` without any syntax: the fallback for unreadable queries."""
    return " ".join(re.findall(r"\w+", text))


_BARE_WORD = re.compile(r'"[^"]*"|(?<![\w*?\-])(\w{3,})(?![\w*?:])')


def expand_places(text: str) -> str:
    """``München`` -> ``(München OR Munich)``: a city is found whatever its name's language.

    Only words outside phrases, and only places whose English and German names
    differ (the exonyms), are expanded; everything else is left as typed.
    """
    places = gazetteer()

    def expand(m: re.Match[str]) -> str:
        word = m.group(1)
        if word is None or word in ("AND", "OR", "NOT") or word.isdigit():
            return m.group(0)
        place = places.resolve(word)
        if place is None:
            return word
        names = [n for n in dict.fromkeys((place.name, place.name_de)) if n and n != word]
        if not names or (len(names) == 1 and names[0] == word):
            return word
        quoted = [f'"{n}"' if " " in n else n for n in names]
        return "(" + " OR ".join([word, *quoted]) + ")"

    return _BARE_WORD.sub(expand, text)


def without_sentence_punctuation(text: str) -> str:
    """``Wer sang die Nationalhymne?`` -> ``Wer sang die Nationalhymne``; phrases untouched."""
    return _SENTENCE_PUNCTUATION.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else "", text)


def parse_text(
    schema: Schema,
    text: str,
    *,
    relaxed: bool = False,
    book: Bilingual | None = None,
    question: bool = False,
) -> tuple[Query, Translated | None]:
    """Parse free text over every language's text fields; never raises.

    With a dictionary (``book``) the other language's fields are searched for the
    words' translations (:mod:`.crosslang`). ``question``: the text was typed as a
    question (it ended in ``?``), so it needs only most of its words.
    """
    if not text.strip() or _ONLY_WILDCARDS.fullmatch(text):
        return Every(), None  # nothing but "*" and "?": browse, never expand every term
    text = _punctuation(text)
    for candidate in (expand_places(text), text, _plain(text)):
        try:
            parsed = _parser(schema, F.text_fields(), relaxed=False).parse(candidate)
            q = shape(parsed, question=question, relaxed=relaxed)
            if relaxed and q is parsed:  # no words to relax: any part of the query will do
                q = _parser(schema, F.text_fields(), relaxed=True).parse(candidate)
        except Exception:  # any parser failure means: read it as plain words
            continue
        if q is not NullQuery and type(q).__name__ != "_NullQuery":
            translated = translate_query(schema, q, candidate, book) if book else None
            return (translated.query if translated else q), translated
    return NullQuery, None


def parse_query(
    schema: Schema, text: str, *, relaxed: bool = False, book: Bilingual | None = None
) -> ParsedQuery:
    """Split field:value filters from the free text and parse the rest (translated with
    ``book``, when given)."""
    filters: dict[str, list[str]] = {}
    titles: list[str] = []
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def take(m: re.Match[str]) -> str:
        nonlocal date_from, date_to
        name = m["field"].lower()
        value = (m["quoted"] if m["quoted"] is not None else m["bare"]).strip()
        if name in QUERY_ALIASES and value:
            filters.setdefault(QUERY_ALIASES[name].param, []).append(value)
            return " "
        if name in ("title", "titel") and value:
            titles.append(value)
            return " "
        if name in ("date", "datum"):
            date_from, date_to = _date_bounds(value)
            return " "
        return m.group(0)

    rest = _FIELD_TERM.sub(take, without_sentence_punctuation(text))
    question = bool(_ASKED.search(text))
    query, translated = parse_text(schema, rest, relaxed=relaxed, book=book, question=question)
    if titles:
        title_fields = tuple(F.title_field(lang) for lang in F.TEXT_LANGUAGES)
        title_q = _parser(schema, title_fields, relaxed=False).parse(" ".join(titles))
        query = title_q if isinstance(query, Every) else query & title_q
    return ParsedQuery(
        text=" ".join(rest.split()),
        query=query,
        filters={k: tuple(v) for k, v in filters.items()},
        date_from=date_from,
        date_to=date_to,
        translated=translated,
    )


def query_words(text: str) -> list[str]:
    """The plain words of a query (for spelling suggestions), syntax removed."""
    cleaned = _FIELD_TERM.sub(" ", text)
    return [w for w in re.findall(r"\w+", cleaned) if w not in ("AND", "OR", "NOT")]
