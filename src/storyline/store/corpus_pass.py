"""The corpus pass after an ingest: near-duplicate articles marked, events linked across articles.

It reads the store and works out its conclusions afresh every time, so it can run again at any
time (after each ingest, or after one was killed) and always gives the same answer for the same
articles: ``articles.duplicate_of`` (and ``articles.publisher``, for the articles a store made
before it had the column holds), ``corpus_events`` and each event's ``corpus_event_id``. Every
event belongs to exactly one corpus event (alone, for most), so a corpus event's
``num_mentions`` is the number of events that point to it.

What would grow with the store is kept, or written only where it changed, so that a pass after
a small ingest into a large store costs little: each article's MinHash signature is kept
(``article_signatures``; an article's text is read and shingled once), each event's date timex
too (``events.date_timex``, written at ingest), and only the duplicate marks, corpus events and
event links that differ from the stored ones are written.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from storyline.store.connection import Store, Value
from storyline.store.corpus import CorpusEvent, EventMention, Signature, find_near_duplicates, link_events
from storyline.store.publishers import publisher
from storyline.store.schema import insert, table

__all__ = ["link_corpus"]

_CORPUS_COLUMNS = table("corpus_events").columns


def link_corpus(store: Store) -> tuple[int, int]:
    """Mark near-duplicates and link the corpus events; returns how many of each."""
    articles = store.query(
        "SELECT a.article_id, CASE WHEN s.article_id IS NULL THEN a.text END, a.url, a.source, a.publisher, "
        "a.duplicate_of, s.signature FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.article_id "
        "ORDER BY a.published NULLS LAST, a.article_id"
    )
    signatures = {str(r[0]): _decoded(str(r[6])) for r in articles if r[6] is not None}
    kept = set(signatures)
    duplicates = find_near_duplicates({str(r[0]): _text(r[1]) for r in articles}, signatures=signatures)
    publishers = {str(r[0]): publisher(_text(r[2]), _text(r[3])) for r in articles}
    # what ingest wrote, unless the store was made before articles had a publisher (migration 2)
    renamed = [(name, str(r[0])) for r in articles if (name := publishers[str(r[0])]) != _text(r[4])]
    marked = [(duplicates.get(str(r[0])), str(r[0])) for r in articles if duplicates.get(str(r[0])) != _text(r[5])]
    rows = store.query(
        "SELECT e.article_id, e.event_id, e.source_code, e.target_code, e.cameo, e.modality, e.date, "
        "a.published, e.confidence, e.refers_to, e.root, e.quad_class, e.goldstein, e.sentence, e.corpus_event_id, "
        "e.date_timex FROM events e JOIN articles a ON a.article_id = e.article_id ORDER BY e.article_id, e.event_id"
    )
    unread = sorted({str(r[0]) for r in rows if r[15] is None})  # stored before events kept date_timex
    found = _dates_of_their_own(store, unread)
    own_dates = {(str(r[0]), str(r[1])): str(r[15]) for r in rows if r[15]} | found
    mentions = [
        EventMention(
            article_id=str(r[0]),
            event_id=str(r[1]),
            source_code=_text(r[2]),
            target_code=_text(r[3]),
            cameo=str(r[4]),
            modality=str(r[5]),
            date=_text(r[6]),
            publisher=publishers.get(str(r[0])),
            published=_text(r[7]),
            confidence=float(r[8]) if isinstance(r[8], int | float) else 0.0,
            duplicate_of=duplicates.get(str(r[0])),
            date_timex=own_dates.get((str(r[0]), str(r[1]))),
            refers_to=_text(r[9]),
            sentence=_text(r[13]),
        )
        for r in rows
    ]
    corpus = link_events(mentions)
    coded = {(str(r[0]), str(r[1])): (r[10], r[11], r[12]) for r in rows}  # root, QuadClass, Goldstein
    linked = {(str(r[0]), str(r[1])): _text(r[14]) for r in rows}
    relinked = {
        (m.article_id, m.event_id): event.corpus_event_id
        for event in corpus
        for m in event.mentions
        if linked.get((m.article_id, m.event_id)) != event.corpus_event_id
    }
    with store.transaction():
        insert(
            store,
            "article_signatures",
            [{"article_id": a, "signature": _encoded(s)} for a, s in signatures.items() if a not in kept],
        )
        store.executemany("UPDATE articles SET duplicate_of = ? WHERE article_id = ?", marked)
        store.executemany("UPDATE articles SET publisher = ? WHERE article_id = ?", renamed)
        _write_corpus_events(store, [_corpus_row(event, coded) for event in corpus])
        _set_links(store, relinked)
        _keep_dates(store, unread, found)
    return len(duplicates), len(corpus)


def _write_corpus_events(store: Store, rows: list[dict[str, Value]]) -> None:
    """The corpus events as ``rows`` say, writing only those that are new or changed and
    deleting those that are gone."""
    names = ", ".join(c.name for c in _CORPUS_COLUMNS)
    stored = {str(r[0]): tuple(r) for r in store.query(f"SELECT {names} FROM corpus_events")}
    wanted = {str(row["corpus_event_id"]): row for row in rows}
    stale = {key for key, values in stored.items() if _values(wanted.get(key)) != values}
    with _scratch(store, "stale", ("corpus_event_id",), [(key,) for key in sorted(stale)]):
        store.execute("DELETE FROM corpus_events WHERE corpus_event_id IN (SELECT corpus_event_id FROM stale)")
    insert(store, "corpus_events", [row for key, row in wanted.items() if key not in stored or key in stale])


def _values(row: dict[str, Value] | None) -> tuple[Value, ...] | None:
    return None if row is None else tuple(row[c.name] for c in _CORPUS_COLUMNS)


_PAGE = 500  # articles whose documents are read at once: the pass's memory stays bounded


def _dates_of_their_own(store: Store, article_ids: list[str]) -> dict[tuple[str, str], str]:
    """(article id, event id) -> the timex its date comes from, for these articles' events whose
    own text dates them (the others fall back on the publication date: the document's
    ``date.timex`` is null). Read off the stored documents, a page of articles at a time: only
    for the events stored before ``events.date_timex`` was kept."""
    found: dict[tuple[str, str], str] = {}
    wanted, last = set(article_ids), ""
    while wanted:
        page = store.query(
            "SELECT article_id, document FROM articles WHERE article_id > ? ORDER BY article_id LIMIT ?",
            (last, _PAGE),
        )
        for article_id, document in page:
            if str(article_id) not in wanted:
                continue
            for event in json.loads(str(document or "{}")).get("events") or []:
                timex = (event.get("date") or {}).get("timex")
                if timex and event.get("caption") is None:  # a caption's dates are not the document's timexes
                    found[(str(article_id), str(event["id"]))] = str(timex)
        if len(page) < _PAGE:
            break
        last = str(page[-1][0])
    return found


def _keep_dates(store: Store, article_ids: list[str], found: dict[tuple[str, str], str]) -> None:
    """``events.date_timex`` for the events that were read off their documents: the next pass
    reads it there."""
    if not article_ids:
        return
    with _scratch(store, "unread", ("article_id",), [(a,) for a in article_ids]):
        store.execute("UPDATE events SET date_timex = '' WHERE article_id IN (SELECT article_id FROM unread)")
    _update_events(store, "date_timex", found)


def _set_links(store: Store, links: dict[tuple[str, str], str]) -> None:
    """These events' corpus events."""
    _update_events(store, "corpus_event_id", links)


def _update_events(store: Store, column: str, values: dict[tuple[str, str], str]) -> None:
    """``column`` of the events keyed (article id, event id), through a scratch table: one
    UPDATE, not one per event."""
    rows = [(a, e, v) for (a, e), v in sorted(values.items())]
    with _scratch(store, "new_values", ("article_id", "event_id", "new_value"), rows):
        store.execute(
            f"UPDATE events SET {column} = n.new_value FROM new_values n "
            "WHERE events.article_id = n.article_id AND events.event_id = n.event_id"
        )


@contextmanager
def _scratch(store: Store, name: str, columns: tuple[str, ...], rows: Sequence[Sequence[Value]]) -> Iterator[None]:
    """A temporary table of text columns holding ``rows`` while the block's statements join it."""
    store.execute(f"DROP TABLE IF EXISTS {name}")
    store.execute(f"CREATE TEMPORARY TABLE {name} ({', '.join(f'{c} TEXT' for c in columns)})")
    marks = ", ".join("?" for _ in columns)
    store.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
    yield
    store.execute(f"DROP TABLE {name}")


def _encoded(signature: Signature) -> str:
    return base64.b64encode(np.asarray(signature, dtype="<u4").tobytes()).decode("ascii")


def _decoded(text: str) -> Signature:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def _corpus_row(event: CorpusEvent, coded: dict[tuple[str, str], tuple[Value, Value, Value]]) -> dict[str, Value]:
    best = event.best
    root, quad_class, goldstein = coded[(best.article_id, best.event_id)]
    return {
        "corpus_event_id": event.corpus_event_id,
        "cameo": best.cameo,
        "root": root,
        "quad_class": quad_class,
        "goldstein": goldstein,
        "source_code": best.source_code,
        "target_code": best.target_code,
        "modality": best.modality,
        "date": event.date,
        "num_mentions": event.num_mentions,
        "num_sources": event.num_sources,
        "num_articles": event.num_articles,
        "first_seen": event.first_seen,
        "last_seen": event.last_seen,
        "best_article_id": best.article_id,
        "best_event_id": best.event_id,
        "confidence": best.confidence,
        "link_reason": event.reason,
    }


def _text(value: Value) -> str | None:
    return None if value is None else str(value)
