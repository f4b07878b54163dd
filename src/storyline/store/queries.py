"""The store's queries: events, quotes, actors and articles, with the filters analysts use; one
article's document; the counts the charts draw (timeline, network, places); what the store holds.

These functions are the library's query API; ``storyline events|quotes|actors|articles`` and the
HTTP API call them. Every filter value travels as a parameter: no user text is ever put in SQL.
An empty answer says why where it can (:class:`Answer.note`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from storyline.document.encode import JSONObject
from storyline.document.subset import CODED_CHOICES
from storyline.errors import InvalidArgument, UnknownCode
from storyline.knowledge.cameo import lexicon
from storyline.store.connection import Store, Value

__all__ = [
    "Answer",
    "EventFilter",
    "actors",
    "article_document",
    "articles",
    "corpus_event",
    "events",
    "network",
    "places",
    "quotes",
    "stats",
    "timeline",
]

# The day an event happened where its date is a day, else the day its article was published.
_DAY = (
    "CASE WHEN LENGTH(e.date) = 10 AND SUBSTR(e.date, 5, 1) = '-' AND SUBSTR(e.date, 8, 1) = '-' "
    "AND e.date NOT LIKE '%X%' THEN e.date ELSE a.published END"
)


@dataclass(frozen=True)
class EventFilter:
    """What to keep. ``actor``: an actor code prefix ("USA", "RUSMIL") or a country, matched
    against the source or the target; ``code``: a CAMEO code prefix ("19", "173"); ``since`` /
    ``until``: days (YYYY-MM-DD), inclusive; ``text``: words in the evidence sentence;
    ``coded``: which actors must be coded (``storyline process --coded``)."""

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
    limit: int = 100
    offset: int = 0


@dataclass
class Answer:
    rows: list[dict[str, Value]]
    note: str = ""  # why there are none, where the store can tell
    filters: list[str] = field(default_factory=list)


def events(store: Store, f: EventFilter) -> Answer:
    """Events, newest first, each with its article and its corpus event's counts."""
    if f.coded not in CODED_CHOICES:
        raise InvalidArgument(f"coded must be one of {', '.join(CODED_CHOICES)}, not {f.coded!r}")
    where: list[str] = []
    params: list[Value] = []

    def keep(condition: str, *values: Value) -> None:
        where.append(condition)
        params.extend(values)

    if f.actor:
        keep(
            "(e.source_code LIKE ? OR e.target_code LIKE ? OR e.source_country = ? OR e.target_country = ?)",
            f.actor.upper() + "%",
            f.actor.upper() + "%",
            f.actor.upper(),
            f.actor.upper(),
        )
    if f.source:
        keep("(e.source_code LIKE ? OR e.source_country = ?)", f.source.upper() + "%", f.source.upper())
    if f.target:
        keep("(e.target_code LIKE ? OR e.target_country = ?)", f.target.upper() + "%", f.target.upper())
    if f.code:
        keep("e.cameo LIKE ?", f.code + "%")
    if f.plover:
        keep("UPPER(e.plover) = ?", f.plover.upper())
    if f.quad_class:
        keep("e.quad_class = ?", f.quad_class)
    if f.modality:
        keep("e.modality = ?", f.modality)
    if f.since:
        keep(f"{_DAY} >= ?", f.since)
    if f.until:
        keep(f"{_DAY} <= ?", f.until)
    if f.min_confidence:
        keep("e.confidence >= ?", f.min_confidence)
    if f.min_sources:
        keep("COALESCE(c.num_sources, 1) >= ?", f.min_sources)
    if f.text:
        keep("LOWER(e.sentence) LIKE ?", "%" + f.text.lower() + "%")
    if f.coded != "any":
        allowed = sorted(CODED_CHOICES[f.coded])
        keep(f"e.coded IN ({', '.join('?' for _ in allowed)})", *allowed)
    answer = _answer(
        store,
        "events",
        f"SELECT {_DAY} AS day, e.cameo, e.source_name, e.source_code, e.target_name, e.target_code, "
        "e.modality, e.location_name, e.confidence, COALESCE(c.num_sources, 1) AS num_sources, "
        "COALESCE(c.num_articles, 1) AS num_articles, e.sentence, e.article_id, e.event_id, "
        "e.corpus_event_id, e.quad_class, e.plover, a.url, a.title "
        "FROM events e JOIN articles a ON a.article_id = e.article_id "
        "LEFT JOIN corpus_events c ON c.corpus_event_id = e.corpus_event_id",
        (where, params),
        "day DESC NULLS LAST, e.article_id, e.event_id",
        (f.limit, f.offset),
    )
    for row in answer.rows:  # the code's name from the codebook, beside the code
        row["cameo_name"] = _cameo_name(str(row["cameo"]))
    return answer


def quotes(
    store: Store, speaker: str | None = None, text: str | None = None, limit: int = 100, offset: int = 0
) -> Answer:
    """Who said what: ``speaker`` matches the speaker's name (any part) or actor code prefix."""
    where: list[str] = []
    params: list[Value] = []
    if speaker:
        where.append("(LOWER(q.speaker) LIKE ? OR q.speaker_code LIKE ?)")
        params += ["%" + speaker.lower() + "%", speaker.upper() + "%"]
    if text:
        where.append("LOWER(q.content) LIKE ?")
        params.append("%" + text.lower() + "%")
    return _answer(
        store,
        "quotes",
        "SELECT a.published, q.speaker, q.speaker_code, q.cue, q.kind, q.content, q.article_id, q.quote_id, a.title "
        "FROM quotes q JOIN articles a ON a.article_id = q.article_id",
        (where, params),
        "a.published DESC NULLS LAST, q.article_id, q.start",
        (limit, offset),
    )


def actors(store: Store, actor: str | None = None, limit: int = 100) -> Answer:
    """Actors by how many events they are the source or the target of."""
    params: list[Value] = []
    match = ""
    if actor:
        match = " AND (code LIKE ? OR country = ?)"
        params += [actor.upper() + "%", actor.upper()]
    sql = (
        "SELECT code, MIN(country) AS country, SUM(as_source) AS as_source, SUM(as_target) AS as_target, "
        "SUM(as_source + as_target) AS events, MIN(name) AS example_name FROM ("
        "SELECT source_code AS code, source_country AS country, 1 AS as_source, 0 AS as_target, source_name AS name "
        "FROM events WHERE source_code IS NOT NULL UNION ALL "
        "SELECT target_code, target_country, 0, 1, target_name FROM events WHERE target_code IS NOT NULL) x "
        f"WHERE 1 = 1{match} GROUP BY code ORDER BY events DESC, code LIMIT ?"
    )
    rows = store.query_dicts(sql, (*params, limit))
    return Answer(rows, "" if rows else _why_empty(store, "events", bool(actor)))


def articles(
    store: Store,
    text: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Answer:
    """Articles, newest first, with how many events and quotes each holds."""
    where: list[str] = []
    params: list[Value] = []
    if text:
        where.append("(LOWER(a.title) LIKE ? OR LOWER(a.text) LIKE ?)")
        params += ["%" + text.lower() + "%"] * 2
    if source:
        where.append("LOWER(a.source) = ?")
        params.append(source.lower())
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    return _answer(
        store,
        "articles",
        "SELECT a.article_id, a.published, a.source, a.title, a.url, a.words, a.duplicate_of, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.article_id) AS events, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.article_id) AS quotes "
        "FROM articles a",
        (where, params),
        "a.published DESC NULLS LAST, a.article_id",
        (limit, offset),
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


def _answer(
    store: Store,
    table: str,
    select: str,
    conditions: tuple[list[str], list[Value]],
    order: str,
    page: tuple[int, int],
) -> Answer:
    """``select`` with the conditions (SQL with ``?``, and their values), ordered and paged."""
    where, params = conditions
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ? OFFSET ?"
    rows = store.query_dicts(sql, (*params, *page))
    return Answer(rows, "" if rows else _why_empty(store, table, bool(where)))


def _why_empty(store: Store, table: str, filtered: bool) -> str:
    """Why an answer is empty: an empty store, none of that kind, or the filters."""
    articles_held = store.query("SELECT COUNT(*) FROM articles")[0][0]
    if not articles_held:
        return "the store holds no articles yet: run storyline ingest"
    held = store.query(f"SELECT COUNT(*) FROM {table}")[0][0]  # (a name from this module, not user text)
    if not held:
        return f"the store's {articles_held} articles hold no {table}"
    return f"none of the {held} {table} match the filters" if filtered else f"no {table}"


def corpus_event(store: Store, corpus_event_id: str) -> dict[str, object] | None:
    """One corpus event and all its mentions (each with its article), or None."""
    found = store.query_dicts("SELECT * FROM corpus_events WHERE corpus_event_id = ?", (corpus_event_id,))
    if not found:
        return None
    mentions = store.query_dicts(
        f"SELECT {_DAY} AS day, e.article_id, e.event_id, e.cameo, e.source_name, e.target_name, e.modality, "
        "e.confidence, e.sentence, a.title, a.url, a.published, a.source "
        "FROM events e JOIN articles a ON a.article_id = e.article_id WHERE e.corpus_event_id = ? "
        "ORDER BY a.published, e.article_id, e.event_id",
        (corpus_event_id,),
    )
    return {"event": found[0], "mentions": mentions}


def timeline(
    store: Store, actor: str | None = None, interval: str = "day", since: str | None = None, until: str | None = None
) -> Answer:
    """Event counts per day (or ISO week) and QuadClass, for an actor as source or target."""
    if interval not in ("day", "week"):
        raise InvalidArgument(f"interval must be day or week, not {interval!r}")
    where, params = _around(actor, since, until)
    period = "day" if interval == "day" else "STRFTIME(CAST(day AS DATE), '%G-W%V')"
    if store.backend == "postgres" and interval == "week":
        period = "TO_CHAR(CAST(day AS DATE), 'IYYY-\"W\"IW')"
    sql = (
        f"SELECT {period} AS period, quad_class, COUNT(*) AS events FROM ("
        f"SELECT {_DAY} AS day, e.quad_class FROM events e JOIN articles a ON a.article_id = e.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + ") x WHERE day IS NOT NULL GROUP BY period, quad_class ORDER BY period, quad_class"
    )
    rows = store.query_dicts(sql, params)
    return Answer(rows, "" if rows else _why_empty(store, "events", bool(where)))


def network(store: Store, actor: str | None = None, limit: int = 200) -> Answer:
    """Who acts on whom: one row per (source, target) pair of actor codes, with its events,
    how many of them cooperate (QuadClass 1-2) and how many are conflict (3-4)."""
    where, params = _around(actor, None, None)
    sql = (
        "SELECT e.source_code, e.target_code, COUNT(*) AS events, "
        "SUM(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation, "
        "SUM(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict "
        "FROM events e JOIN articles a ON a.article_id = e.article_id "
        "WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND e.source_code <> e.target_code"
        + "".join(" AND " + w for w in where)
        + " GROUP BY e.source_code, e.target_code ORDER BY events DESC, e.source_code, e.target_code LIMIT ?"
    )
    rows = store.query_dicts(sql, (*params, limit))
    return Answer(rows, "" if rows else _why_empty(store, "events", bool(where)))


def places(
    store: Store, actor: str | None = None, code: str | None = None, since: str | None = None, until: str | None = None
) -> Answer:
    """Where events happened (their action location, not every place named), with counts and
    the commonest QuadClass."""
    where, params = _around(actor, since, until)
    if code:
        where.append("e.cameo LIKE ?")
        params.append(code + "%")
    sql = (
        "SELECT e.location_name, e.location_country AS country, e.location_lat AS lat, e.location_lon AS lon, "
        "COUNT(*) AS events, MODE() WITHIN GROUP (ORDER BY e.quad_class) AS quad_class "
        "FROM events e JOIN articles a ON a.article_id = e.article_id WHERE e.location_lat IS NOT NULL"
        + "".join(" AND " + w for w in where)
        + " GROUP BY e.location_name, e.location_country, e.location_lat, e.location_lon"
        + " ORDER BY events DESC LIMIT 2000"
    )
    rows = store.query_dicts(sql, params)
    return Answer(rows, "" if rows else _why_empty(store, "events", bool(where)))


def _around(actor: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Value]]:
    """The conditions for an actor (source or target) and a date range, and their values."""
    where: list[str] = []
    params: list[Value] = []
    if actor:
        where.append("(e.source_code LIKE ? OR e.target_code LIKE ? OR e.source_country = ? OR e.target_country = ?)")
        params += [actor.upper() + "%", actor.upper() + "%", actor.upper(), actor.upper()]
    if since:
        where.append(f"{_DAY} >= ?")
        params.append(since)
    if until:
        where.append(f"{_DAY} <= ?")
        params.append(until)
    return where, params
