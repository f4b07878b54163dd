"""The store's queries: events, quotes, actors and articles, with the filters analysts use; one
article's document; the counts the charts draw (timeline, network, places); what the store holds.

These functions are the library's query API; ``storyline events|quotes|actors|articles`` and the
HTTP API call them. Every filter value travels as a parameter: no user text is ever put in SQL.
A filter value that can match nothing because it is mistyped (a day that is none, a country's
name for its code, a CAMEO code no code starts with) is refused with :class:`InvalidArgument`
(:mod:`.filters`); words are searched as written, ``%`` and ``_`` included. Every answer says how
many rows match in all (:attr:`Answer.total`), whatever page it holds, and an empty one says why
where it can (:attr:`Answer.note`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from storyline.document.encode import JSONObject
from storyline.document.subset import CODED_CHOICES
from storyline.errors import InvalidArgument, UnknownCode
from storyline.knowledge.cameo import lexicon
from storyline.store import filters as check
from storyline.store.connection import Store, Value
from storyline.store.filters import LIKE, holds_words, starts_with
from storyline.store.write import is_day

__all__ = [
    "CODED_FILTERS",
    "EVENT_COLUMNS",
    "EVENT_SORTS",
    "QUOTE_ACTS",
    "Answer",
    "EventFilter",
    "actors",
    "article_document",
    "articles",
    "checked",
    "corpus_event",
    "event_conditions",
    "events",
    "quotes",
    "stats",
    "why_empty",
]

# What the ``coded`` filter takes: ``storyline process --coded``'s choices, and "none", the
# events with neither actor coded (what a coder's lexicon or dictionary misses).
CODED_FILTERS: dict[str, frozenset[str]] = {**CODED_CHOICES, "none": frozenset({"none"})}


@dataclass(frozen=True)
class EventFilter:
    """What to keep. ``actor``: an actor code prefix ("USA", "RUSMIL") or a country, matched
    against the source or the target; ``code``: a CAMEO code prefix ("19", "173"); ``since`` /
    ``until``: days (YYYY-MM-DD), inclusive; ``text``: words in the evidence sentence;
    ``coded``: which actors must be coded (a key of :data:`CODED_FILTERS`); ``place`` (and
    ``place_country``): where it happened, the place's name as the store holds it; ``sort``: a
    key of :data:`EVENT_SORTS`, newest (or most) first unless ``ascending``; ``limit``: at most
    this many rows (None: every one)."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    code: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float = 0.0
    min_sources: int = 0
    text: str | None = None
    coded: str = "any"
    place: str | None = None
    place_country: str | None = None
    sort: str = "day"
    ascending: bool = False
    limit: int | None = 100
    offset: int = 0


# What events sort by: the column the UI shows (a coded actor's name, else its code). Ties are
# broken by day (newest first), article and event, so that pages follow one another.
EVENT_SORTS = {
    "day": "e.day",
    "source": "COALESCE(e.source_name, e.source_code)",
    "target": "COALESCE(e.target_name, e.target_code)",
    "event": "e.cameo",
    "modality": "e.modality",
    "sources": "COALESCE(c.num_sources, 1)",
    "confidence": "e.confidence",
}
# An event's columns in a list, as read by key from the page of matched events (p); its article
# (a); its corpus event (c), where the corpus pass has linked it.
EVENT_COLUMNS = (
    "p.day, e.cameo, e.source_name, e.source_code, e.target_name, e.target_code, "
    "e.modality, e.location_name, e.confidence, COALESCE(c.num_sources, 1) AS num_sources, "
    "COALESCE(c.num_articles, 1) AS num_articles, e.sentence, e.article_id, e.event_id, "
    "e.corpus_event_id, e.quad_class, e.plover, a.url, a.title"
)


@dataclass
class Answer:
    rows: list[dict[str, Value]]
    note: str = ""  # why there are none, where the store can tell
    filters: list[str] = field(default_factory=list)
    total: int = 0  # the rows that match, on every page (``rows`` holds one page of them)
    interval: str = ""  # a timeline's period: day, week, month or year
    focus: tuple[str, str] | None = None  # a timeline's days that hold all but a few stray events
    in_all: int = 0  # a network's actors, or a map's places, of which the rows show the most


def events(store: Store, f: EventFilter, columns: str = EVENT_COLUMNS) -> Answer:
    """Events in ``f.sort``'s order (newest first by default), each with its article and its
    corpus event's counts (``columns``: what to read of each, as :data:`EVENT_COLUMNS`)."""
    f = checked(store, f)
    # The filters and the order need the event alone (and, to sort by sources, its corpus event);
    # the page's own rows are then read by their key.
    corpus = " LEFT JOIN corpus_events c ON c.corpus_event_id = e.corpus_event_id"
    direction = "ASC" if f.ascending else "DESC"
    ties = ("day DESC NULLS LAST", "article_id", "event_id")
    order: tuple[str, ...]
    if f.sort == "day":
        sorted_by, order = "e.day", (f"day {direction} NULLS LAST", *ties[1:])
    else:
        sorted_by, order = f"{EVENT_SORTS[f.sort]} AS sort_key, e.day", (f"sort_key {direction} NULLS LAST", *ties)
    answer = _keyed_answer(
        store,
        "events",
        f"SELECT {sorted_by}, e.article_id, e.event_id FROM events e{corpus if f.sort == 'sources' else ''}",
        event_conditions(store, f),
        order,
        (f.limit, f.offset),
        f"{columns} FROM page p JOIN events e ON e.article_id = p.article_id AND e.event_id = p.event_id "
        f"JOIN articles a ON a.article_id = p.article_id{corpus}",
    )
    for row in answer.rows:  # the code's name from the codebook, beside the code
        if "cameo" in row:
            row["cameo_name"] = _cameo_name(str(row["cameo"]))
    return answer


def event_conditions(store: Store, f: EventFilter) -> tuple[list[str], list[Value]]:
    """The SQL conditions on events ``e`` that keep what ``f`` asks for, and their values (``f``
    as :func:`checked` returns it)."""
    where: list[str] = []
    params: list[Value] = []

    def keep(condition: str, *values: Value) -> None:
        where.append(condition)
        params.extend(values)

    if f.actor:
        keep(
            "(e.source_code LIKE ? OR e.target_code LIKE ? OR e.source_country = ? OR e.target_country = ?)",
            f.actor + "%",
            f.actor + "%",
            f.actor,
            f.actor,
        )
    if f.source:
        keep("(e.source_code LIKE ? OR e.source_country = ?)", f.source + "%", f.source)
    if f.target:
        keep("(e.target_code LIKE ? OR e.target_country = ?)", f.target + "%", f.target)
    if f.code:
        keep("e.cameo LIKE ?", f.code + "%")
    if f.plover:
        keep("UPPER(e.plover) = ?", f.plover)
    if f.quad_class:
        keep("e.quad_class = ?", f.quad_class)
    if f.modality:
        keep("e.modality = ?", f.modality)
    if f.since:
        keep("e.day >= ?", f.since)
    if f.until:
        keep("e.day <= ?", f.until)
    if f.min_confidence:
        keep("e.confidence >= ?", f.min_confidence)
    if f.min_sources > 1:  # (an event its corpus pass has not linked yet has one source: every event has 1)
        keep("e.corpus_event_id IN (SELECT corpus_event_id FROM corpus_events WHERE num_sources >= ?)", f.min_sources)
    if f.text:
        keep(*holds_words(store.backend, "e.sentence", f.text))
    if f.coded != "any":
        allowed = sorted(CODED_FILTERS[f.coded])
        keep(f"e.coded IN ({', '.join('?' for _ in allowed)})", *allowed)
    if f.place:
        keep("e.location_name = ?", f.place)
    if f.place_country:
        keep("e.location_country = ?", f.place_country)
    return where, params


QUOTE_ACTS = ("speech", "belief", "perception", "all")
_SPEECH = "COALESCE(q.act, 'speech')"  # a quote stored before issue 29 is speech


def quotes(
    store: Store,
    speaker: str | None = None,
    text: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    act: str = "speech",
) -> Answer:
    """Who said what: ``speaker`` matches the speaker's name (any part) or actor code prefix;
    ``act`` keeps what was said (speech, the default), beliefs, perceptions, or all of them."""
    _check_page(limit, offset)
    if act not in QUOTE_ACTS:
        raise InvalidArgument(f"unknown act {act!r}; choose from {', '.join(QUOTE_ACTS)}")
    where: list[str] = [] if act == "all" else [f"{_SPEECH} = ?"]
    params: list[Value] = [] if act == "all" else [act]
    if speaker:
        named, name = holds_words(store.backend, "q.speaker", speaker)
        where.append(f"({named} OR q.speaker_code {LIKE})")
        params += [name, starts_with(speaker.upper())]
    if text:
        said, words = holds_words(store.backend, "q.content", text)
        where.append(said)
        params.append(words)
    return _keyed_answer(
        store,
        "quotes",
        "SELECT a.published, q.article_id, q.start, q.quote_id "
        "FROM quotes q JOIN articles a ON a.article_id = q.article_id",
        (where, params),
        ("published DESC NULLS LAST", "article_id", "start", "quote_id"),
        (limit, offset),
        f"p.published, q.speaker, q.speaker_code, q.cue, q.kind, {_SPEECH} AS act, q.content, q.article_id, "
        "q.quote_id, a.title "
        "FROM page p JOIN quotes q ON q.article_id = p.article_id AND q.quote_id = p.quote_id "
        "JOIN articles a ON a.article_id = p.article_id",
    )


def actors(store: Store, actor: str | None = None, limit: int | None = 100, offset: int = 0) -> Answer:
    """Actors by how many events they are the source or the target of."""
    _check_page(limit, offset)
    params: list[Value] = []
    match = ""
    if actor:
        code = _actor(store, actor, "actor")
        match = " AND (code LIKE ? OR country = ?)"
        params += [code + "%", code]
    sql = (
        "SELECT code, MIN(country) AS country, SUM(as_source) AS as_source, SUM(as_target) AS as_target, "
        "SUM(as_source + as_target) AS events, MIN(name) AS example_name FROM ("
        "SELECT source_code AS code, source_country AS country, 1 AS as_source, 0 AS as_target, source_name AS name "
        "FROM events WHERE source_code IS NOT NULL UNION ALL "
        "SELECT target_code, target_country, 0, 1, target_name FROM events WHERE target_code IS NOT NULL) x "
        f"WHERE 1 = 1{match} GROUP BY code"
    )
    rows, total = _paged(store, sql, params, "events DESC, code", (limit, offset))
    return Answer(rows, "" if rows else why_empty(store, "events", bool(actor), total, offset), total=total)


def articles(
    store: Store,
    text: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> Answer:
    """Articles, newest first, with how many events and quotes each holds."""
    _check_page(limit, offset)
    since, until = check.days(since or None, until or None)
    where: list[str] = []
    params: list[Value] = []
    if text:
        titled, words = holds_words(store.backend, "a.title", text)
        held, _ = holds_words(store.backend, "a.text", text)
        where.append(f"({titled} OR {held})")
        params += [words, words]
    if source:
        where.append("LOWER(a.source) = ?")
        params.append(source.lower())
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    return _keyed_answer(
        store,
        "articles",
        "SELECT a.published, a.article_id FROM articles a",
        (where, params),
        ("published DESC NULLS LAST", "article_id"),
        (limit, offset),
        "a.article_id, a.published, a.modified, a.source, a.title, a.url, a.words, a.duplicate_of, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id = p.article_id) AS events, "
        f"(SELECT COUNT(*) FROM quotes q WHERE q.article_id = p.article_id AND {_SPEECH} = 'speech') AS quotes "
        "FROM page p JOIN articles a ON a.article_id = p.article_id",
    )


def article_document(store: Store, article_id: str) -> JSONObject | None:
    """The article's whole document, as it was stored, or None."""
    found = store.query("SELECT document FROM articles WHERE article_id = ?", (article_id,))
    if not found:
        return None
    document: JSONObject = json.loads(str(found[0][0]))
    return document


def stats(store: Store) -> dict[str, Value]:
    """What the store holds: the rows of each table, and the first and last days published."""
    held: dict[str, Value] = {
        table: store.query(f"SELECT COUNT(*) FROM {table}")[0][0]  # (table names from this list only)
        for table in ("articles", "events", "corpus_events", "quotes", "entities", "skipped")
    }
    first, last = store.query("SELECT MIN(published), MAX(published) FROM articles")[0]
    return {**held, "first_published": first, "last_published": last}


def _cameo_name(code: str) -> str | None:
    try:
        return lexicon().code(code).name
    except UnknownCode:
        return None  # a code a user's lexicon declared, not in the shipped codebook


def _keyed_answer(
    store: Store,
    table: str,
    matched: str,
    conditions: tuple[list[str], list[Value]],
    order: tuple[str, ...],
    page: tuple[int | None, int],
    details: str,
) -> Answer:
    """One page of a table's rows, read by their key, and how many match in all.

    ``matched`` selects, with the ``conditions`` (SQL with ``?``, and their values), only the
    columns the rows are sorted by and their key: narrow rows, cheap to sort and count on a store
    of millions. ``order`` sorts them by those columns' names; ``details`` selects the page's own
    columns ``FROM page p JOIN ...`` by its key. The count and the page come from one statement,
    so that they agree while an ingest writes."""
    where, params = conditions
    matched += " WHERE " + " AND ".join(where) if where else ""
    limit, offset = page
    bounds, values = ("LIMIT ? OFFSET ?", (limit, offset)) if limit is not None else ("OFFSET ?", (offset,))
    rows = store.query_dicts(
        f"WITH matched AS ({matched}), page AS (SELECT * FROM matched ORDER BY {', '.join(order)} {bounds}) "
        f"SELECT (SELECT COUNT(*) FROM matched) AS rows_matched, {details} "
        f"ORDER BY {', '.join('p.' + term for term in order)}",
        (*params, *values),
    )
    total = int(rows[0]["rows_matched"] or 0) if rows else _count(store, matched, params) if offset else 0
    for row in rows:
        del row["rows_matched"]
    return Answer(rows, "" if rows else why_empty(store, table, bool(where), total, offset), total=total)


def _paged(
    store: Store, sql: str, params: list[Value], order: str, page: tuple[int | None, int]
) -> tuple[list[dict[str, Value]], int]:
    """One page of the rows of ``sql`` (a ``SELECT``) in ``order`` (``page``: at most ``limit`` of
    them, None for every one, from ``offset``), and how many rows it has in all: counted by the
    same statement, so that the count and the rows agree while an ingest writes."""
    limit, offset = page
    if limit is None:
        rows = store.query_dicts(f"{sql} ORDER BY {order} OFFSET ?", (*params, offset))
        total = offset + len(rows) if rows or not offset else _count(store, sql, params)
        return rows, total
    counted = "SELECT COUNT(*) OVER () AS rows_matched, " + sql.removeprefix("SELECT ")
    rows = store.query_dicts(f"{counted} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset))
    total = int(rows[0]["rows_matched"] or 0) if rows else _count(store, sql, params) if offset else 0
    for row in rows:
        del row["rows_matched"]
    return rows, total


def _count(store: Store, sql: str, params: list[Value]) -> int:
    """How many rows ``sql`` has (asked where a page past the last row cannot tell)."""
    return int(store.query(f"SELECT COUNT(*) FROM ({sql}) matched", params)[0][0] or 0)


def checked(store: Store, f: EventFilter) -> EventFilter:
    """``f`` with every value checked, and codes written as the store holds them (upper case)."""
    if f.coded not in CODED_FILTERS:
        raise InvalidArgument(f"coded must be one of {', '.join(CODED_FILTERS)}, not {f.coded!r}")
    if f.modality and f.modality not in check.MODALITIES:
        raise InvalidArgument(f"modality must be one of {', '.join(check.MODALITIES)}, not {f.modality!r}")
    if f.quad_class is not None and f.quad_class not in (1, 2, 3, 4):
        raise InvalidArgument(f"quad_class must be 1, 2, 3 or 4, not {f.quad_class}")
    if not 0.0 <= f.min_confidence <= 1.0:
        raise InvalidArgument(f"min_confidence must be between 0 and 1, not {f.min_confidence}")
    if f.min_sources < 0:
        raise InvalidArgument(f"min_sources must be 0 or more, not {f.min_sources}")
    if f.sort not in EVENT_SORTS:
        raise InvalidArgument(f"sort must be one of {', '.join(EVENT_SORTS)}, not {f.sort!r}")
    _check_page(f.limit, f.offset)
    since, until = check.days(f.since or None, f.until or None)
    return replace(
        f,
        actor=_actor(store, f.actor, "actor") if f.actor else None,
        source=_actor(store, f.source, "source") if f.source else None,
        target=_actor(store, f.target, "target") if f.target else None,
        code=_cameo(store, f.code) if f.code else None,
        plover=_plover(store, f.plover) if f.plover else None,
        place_country=f.place_country.upper() if f.place_country else None,
        since=since,
        until=until,
    )


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 1:
        raise InvalidArgument(f"limit must be 1 or more (None: every row), not {limit}")
    if offset < 0:
        raise InvalidArgument(f"offset must be 0 or more, not {offset}")


def _actor(store: Store, value: str, name: str) -> str:
    """An actor filter's value, checked: a country's code or the start of one (NOR, NORMIL), or
    the start of an actor code some event in the store has (IGOUNO, a user dictionary's own)."""
    code = check.actor(value, name)
    if check.country_start(code) or _held(store, "source_code LIKE ? OR target_code LIKE ?", code + "%", code + "%"):
        return code
    raise InvalidArgument(
        f"{name} {value!r} is no country's code (ISO 3166-1 alpha-3, as NOR) and starts no actor code in the store"
    )


def _cameo(store: Store, value: str) -> str:
    """A CAMEO code filter's value, checked: the start of a code of the codebook, or of one some
    event in the store has (a user lexicon's own code)."""
    code = check.cameo(value)
    if check.known_cameo(code) or _held(store, "cameo LIKE ?", code + "%"):
        return code
    raise InvalidArgument(
        f"code {value!r} starts no CAMEO code (a code is a root 01 to 20 or one of its subcodes: 19, 190, 1951)"
    )


def _plover(store: Store, value: str) -> str:
    kind = check.plover(value)
    if check.known_plover(kind) or _held(store, "UPPER(plover) = ?", kind):
        return kind
    raise InvalidArgument(f"plover {value!r} is no PLOVER type ({', '.join(check.plover_types())})")


def _held(store: Store, condition: str, *values: Value) -> bool:
    """Whether some event meets ``condition``: a code storyline does not ship may be one that a
    user's actor dictionary or lexicon wrote into the store."""
    return bool(store.query(f"SELECT 1 FROM events WHERE {condition} LIMIT 1", values))


def why_empty(store: Store, table: str, filtered: bool, total: int = 0, offset: int = 0) -> str:
    """Why an answer is empty: an empty store, none of that kind, the filters, or a page past the
    last row."""
    if total:
        return f"the {total:,} {table} that match end before row {offset + 1:,} (offset {offset:,})"
    articles_held = store.query("SELECT COUNT(*) FROM articles")[0][0]
    if not articles_held:
        return "the store holds no articles yet: run storyline ingest"
    held = store.query(f"SELECT COUNT(*) FROM {table}")[0][0]  # (a name from this module, not user text)
    if not held:
        return f"the store's {articles_held} articles hold no {table}"
    return f"none of the {held} {table} match the filters" if filtered else f"no {table}"


def corpus_event(store: Store, corpus_event_id: str) -> dict[str, object] | None:
    """One corpus event and all its mentions, each with its article and publisher, or None. The
    event carries its code's name and its actors' names (as its best-grounded mention gives
    them), and how its day was set (``date_set``: by the text, or the publication day)."""
    found = store.query_dicts("SELECT * FROM corpus_events WHERE corpus_event_id = ?", (corpus_event_id,))
    if not found:
        return None
    mentions = store.query_dicts(
        "SELECT e.day, e.date, e.article_id, e.event_id, e.cameo, e.source_name, e.target_name, e.modality, "
        "e.confidence, e.location_name, e.sentence, a.title, a.url, a.published, a.source, a.publisher "
        "FROM events e JOIN articles a ON a.article_id = e.article_id WHERE e.corpus_event_id = ? "
        "ORDER BY a.published, e.article_id, e.event_id",
        (corpus_event_id,),
    )
    for mention in mentions:
        mention["date_set"] = _date_set(mention["date"])
    event = found[0]
    best = next(
        (m for m in mentions if (m["article_id"], m["event_id"]) == (event["best_article_id"], event["best_event_id"])),
        {},
    )
    for told in ("source_name", "target_name", "location_name", "day", "date_set"):
        event[told] = best.get(told)
    event["cameo_name"] = _cameo_name(str(event["cameo"]))
    return {"event": event, "mentions": mentions}


def _date_set(date: Value) -> str:
    """How an event's day was set, from the date its text gives (a TIMEX3 value)."""
    if isinstance(date, str) and is_day(date):
        return "the text gives the day"
    if isinstance(date, str) and date and date != "PRESENT_REF":
        return f"the text gives {date}, not a day: listed on the article's publication day"
    return "the text gives no date: the article's publication day"
