"""What the charts count: events per period (the timeline), per pair of actors (the network) and
per place (the map), each with the filters of :func:`storyline.store.queries.events`, so that a
bar, an edge or a mark opens the very events it counts.

Every answer's :attr:`Answer.total` is how many events it counts in all.
"""

from __future__ import annotations

from datetime import date

from storyline.errors import InvalidArgument
from storyline.store.connection import Store, Value
from storyline.store.queries import Answer, EventFilter, checked, event_conditions, why_empty

__all__ = ["INTERVALS", "MOST_PLACES", "network", "places", "timeline"]

# The periods a timeline counts by; "auto" picks the one that gives a readable number of bars.
INTERVALS = ("auto", "day", "week", "month", "year")
_AUTO = ((92, "day"), (3 * 366, "week"), (30 * 366, "month"))  # (at most this many days, interval)
MOST_PLACES = 2000  # the marks a map draws legibly
QUADS = (1, 2, 3, 4)
EVERY_EVENT = EventFilter()


def timeline(store: Store, f: EventFilter = EVERY_EVENT, interval: str = "auto") -> Answer:
    """Event counts per period and QuadClass, each period named by its first day (a week starts
    on Monday), oldest first; periods with no event are left out (a chart fills them in).
    :attr:`Answer.interval` is the period counted by ("auto" picks day, week, month or year by
    the span of the days, and sets :attr:`Answer.focus` where a few days stretch that span)."""
    if interval not in INTERVALS:
        raise InvalidArgument(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    where, params = _conditions(store, f, "e.day IS NOT NULL")
    focus = None
    if interval == "auto":
        interval, focus = _interval_for(store, where, params)
    sql = (
        f"SELECT {_period_start(store.backend, interval)} AS period, quad_class, COUNT(*) AS events "
        f"FROM (SELECT e.day, e.quad_class FROM events e WHERE {' AND '.join(where)}) x "
        "GROUP BY period, quad_class ORDER BY period, quad_class"
    )
    rows = store.query_dicts(sql, params)
    total = sum(int(row["events"] or 0) for row in rows)
    note = "" if rows else why_empty(store, "events", len(where) > 1)
    return Answer(rows, note, total=total, interval=interval, focus=focus)


def _interval_for(store: Store, where: list[str], params: list[Value]) -> tuple[str, tuple[str, str] | None]:
    """The interval that shows the span of the matched events' days in at most about a hundred
    bars; and, where a few stray days (a misread year, a date from history) stretch that span
    to four times or more what holds the middle 96% of the events, those days (first, last)."""
    first, low, high, last = store.query(
        "SELECT MIN(e.day), PERCENTILE_DISC(0.02) WITHIN GROUP (ORDER BY e.day), "
        f"PERCENTILE_DISC(0.98) WITHIN GROUP (ORDER BY e.day), MAX(e.day) FROM events e WHERE {' AND '.join(where)}",
        params,
    )[0]
    try:
        span, middle = (_days(first, last), _days(low, high))
    except (TypeError, ValueError):
        return "day", None
    interval = next((interval for days, interval in _AUTO if span <= days), "year")
    return interval, (str(low), str(high)) if span >= 4 * max(middle, 7) else None


def _days(first: Value, last: Value) -> int:
    return (date.fromisoformat(str(last)) - date.fromisoformat(str(first))).days


def _period_start(backend: str, interval: str) -> str:
    """SQL for the first day (YYYY-MM-DD) of the period of ``interval`` that holds ``day``."""
    if interval == "day":
        return "day"
    if backend == "postgres":
        return f"TO_CHAR(DATE_TRUNC('{interval}', CAST(day AS DATE)), 'YYYY-MM-DD')"
    return f"STRFTIME(DATE_TRUNC('{interval}', CAST(day AS DATE)), '%Y-%m-%d')"


def network(store: Store, f: EventFilter = EVERY_EVENT, actors: int = 25) -> Answer:
    """Who acts on whom among the ``actors`` actor codes with the most events (as source or
    target, with another actor): one row per directed (source, target) pair, with each end's
    name (its busiest pair's commonest), its events, and how many fall in each QuadClass (``q1`` ... ``q4``;
    ``cooperation`` is QuadClass 1-2, ``conflict`` 3-4). :attr:`Answer.total`: the events the
    pairs hold; :attr:`Answer.in_all`: how many actors there are in all."""
    if actors < 1:
        raise InvalidArgument(f"actors must be 1 or more, not {actors}")
    where, params = _conditions(
        store, f, "e.source_code IS NOT NULL", "e.target_code IS NOT NULL", "e.source_code <> e.target_code"
    )
    by_quad = ", ".join(f"SUM(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END) AS q{q}" for q in QUADS)
    kept = " AND ".join(where)
    among_top = "e.source_code IN (SELECT code FROM top) AND e.target_code IN (SELECT code FROM top)"
    # The events grouped by pair, the busiest actors from the pairs; then the names, read only
    # for the pairs shown (an actor's name: the commonest its busiest pair gives it).
    rows = store.query_dicts(
        f"WITH pairs AS MATERIALIZED (SELECT e.source_code, e.target_code, COUNT(*) AS events, {by_quad} "
        f"FROM events e WHERE {kept} GROUP BY e.source_code, e.target_code), "
        "ends AS (SELECT source_code AS code, events FROM pairs UNION ALL SELECT target_code, events FROM pairs), "
        "top AS (SELECT code, SUM(events) AS events, COUNT(*) OVER () AS actors_in_all FROM ends "
        "GROUP BY code ORDER BY events DESC, code LIMIT ?), "
        "named AS (SELECT e.source_code, e.target_code, MODE() WITHIN GROUP (ORDER BY e.source_name) AS source_name, "
        f"MODE() WITHIN GROUP (ORDER BY e.target_name) AS target_name FROM events e WHERE {kept} AND {among_top} "
        "GROUP BY e.source_code, e.target_code), "
        "names AS (SELECT DISTINCT ON (code) code, name FROM ("
        "SELECT n.source_code AS code, n.source_name AS name, p.events FROM named n "
        "JOIN pairs p ON p.source_code = n.source_code AND p.target_code = n.target_code UNION ALL "
        "SELECT n.target_code, n.target_name, p.events FROM named n "
        "JOIN pairs p ON p.source_code = n.source_code AND p.target_code = n.target_code) x "
        "ORDER BY code, name IS NULL, events DESC, name) "
        "SELECT p.source_code, s.name AS source_name, p.target_code, t.name AS target_name, p.events, "
        "q1, q2, q3, q4, q1 + q2 AS cooperation, q3 + q4 AS conflict, "
        "(SELECT MAX(actors_in_all) FROM top) AS actors_in_all "
        "FROM pairs p JOIN names s ON s.code = p.source_code JOIN names t ON t.code = p.target_code "
        "ORDER BY p.events DESC, p.source_code, p.target_code",
        (*params, actors, *params),
    )
    in_all = 0
    for row in rows:
        in_all = int(row.pop("actors_in_all") or 0)
    if not rows:  # (no pair among the busiest: how many actors there are is asked apart)
        ends = f"SELECT e.source_code AS code FROM events e WHERE {kept} UNION ALL "
        ends += f"SELECT e.target_code FROM events e WHERE {kept}"
        in_all = int(store.query(f"SELECT COUNT(DISTINCT code) FROM ({ends}) x", (*params, *params))[0][0] or 0)
    note = f"none of the {actors} actors with the most events acts on another" if in_all else ""
    total = sum(int(row["events"] or 0) for row in rows)
    return Answer(rows, "" if rows else note or why_empty(store, "events", len(where) > 3), total=total, in_all=in_all)


def places(store: Store, f: EventFilter = EVERY_EVENT) -> Answer:
    """Where events happened (their action location, not every place named): the
    :data:`MOST_PLACES` places with the most events, each with its kind (a country-level event is
    drawn as its country), its count and its commonest QuadClass. :attr:`Answer.total`: the
    events they hold; :attr:`Answer.in_all`: how many places there are in all."""
    where, params = _conditions(store, f, "e.location_lat IS NOT NULL")
    rows = store.query_dicts(
        "SELECT e.location_name, e.location_country AS country, e.location_lat AS lat, e.location_lon AS lon, "
        "MAX(e.location_kind) AS kind, COUNT(*) AS events, MODE() WITHIN GROUP (ORDER BY e.quad_class) AS quad_class, "
        "COUNT(*) OVER () AS places_in_all "
        f"FROM events e WHERE {' AND '.join(where)} "
        "GROUP BY e.location_name, e.location_country, e.location_lat, e.location_lon "
        "ORDER BY events DESC, e.location_name LIMIT ?",
        (*params, MOST_PLACES),
    )
    in_all = int(rows[0]["places_in_all"] or 0) if rows else 0
    for row in rows:
        del row["places_in_all"]
    total = sum(int(row["events"] or 0) for row in rows)
    return Answer(rows, "" if rows else why_empty(store, "events", len(where) > 1), total=total, in_all=in_all)


def _conditions(store: Store, f: EventFilter, *always: str) -> tuple[list[str], list[Value]]:
    """The conditions of ``f`` (checked) on events ``e``, after those a chart always sets."""
    where, params = event_conditions(store, checked(store, f))
    return [*always, *where], params
