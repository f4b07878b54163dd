"""The corpus pass after an ingest: near-duplicate articles marked, events linked across articles.

It reads the whole store and writes its conclusions back in one transaction, so it can run
again at any time (after each ingest, or after one was killed) and always gives the same
answer for the same articles: ``articles.duplicate_of`` (and ``articles.publisher``, for the
articles a store made before it had the column holds), ``corpus_events`` and each event's
``corpus_event_id``. Every event belongs to exactly one corpus event (alone, for most), so a
corpus event's ``num_mentions`` is the number of events that point to it.
"""

from __future__ import annotations

import json

from storyline.store.connection import Store, Value
from storyline.store.corpus import CorpusEvent, EventMention, find_near_duplicates, link_events
from storyline.store.publishers import publisher
from storyline.store.schema import insert

__all__ = ["link_corpus"]


def link_corpus(store: Store) -> tuple[int, int]:
    """Mark near-duplicates and rebuild the corpus events; returns how many of each."""
    articles = store.query(
        "SELECT article_id, text, url, source, publisher FROM articles ORDER BY published NULLS LAST, article_id"
    )
    duplicates = find_near_duplicates({str(r[0]): str(r[1] or "") for r in articles})
    publishers = {str(r[0]): publisher(_text(r[2]), _text(r[3])) for r in articles}
    # what ingest wrote, unless the store was made before articles had a publisher (migration 2)
    renamed = [(name, str(r[0])) for r in articles if (name := publishers[str(r[0])]) != _text(r[4])]
    own_dates = _dates_of_their_own(store)
    rows = store.query(
        "SELECT e.article_id, e.event_id, e.source_code, e.target_code, e.cameo, e.modality, e.date, "
        "a.published, e.confidence, e.refers_to, e.root, e.quad_class, e.goldstein, e.sentence "
        "FROM events e JOIN articles a ON a.article_id = e.article_id ORDER BY e.article_id, e.event_id"
    )
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
    links = {(m.article_id, m.event_id): event.corpus_event_id for event in corpus for m in event.mentions}
    with store.transaction():
        store.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        store.executemany(
            "UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
            [(original, copy) for copy, original in duplicates.items()],
        )
        store.executemany("UPDATE articles SET publisher = ? WHERE article_id = ?", renamed)
        store.execute("DELETE FROM corpus_events")
        insert(store, "corpus_events", [_corpus_row(event, coded) for event in corpus])
        _set_links(store, links)
    return len(duplicates), len(corpus)


_PAGE = 500  # articles whose documents are read at once: the pass's memory stays bounded


def _dates_of_their_own(store: Store) -> dict[tuple[str, str], str]:
    """(article id, event id) -> the timex its date comes from, for the events whose own text
    dates them; the others fall back on the publication date (the document's ``date.timex`` is
    null). Read off the stored documents, a page of articles at a time."""
    found: dict[tuple[str, str], str] = {}
    last = ""
    while True:
        page = store.query(
            "SELECT article_id, document FROM articles WHERE article_id > ? ORDER BY article_id LIMIT ?",
            (last, _PAGE),
        )
        for article_id, document in page:
            for event in json.loads(str(document or "{}")).get("events") or []:
                timex = (event.get("date") or {}).get("timex")
                if timex and event.get("caption") is None:  # a caption's dates are not the document's timexes
                    found[(str(article_id), str(event["id"]))] = str(timex)
        if len(page) < _PAGE:
            return found
        last = str(page[-1][0])


def _set_links(store: Store, links: dict[tuple[str, str], str]) -> None:
    """Each event's corpus event, written through a scratch table (one UPDATE, not one per event)."""
    store.execute("DROP TABLE IF EXISTS event_links")
    store.execute("CREATE TEMPORARY TABLE event_links (article_id TEXT, event_id TEXT, corpus_event_id TEXT)")
    store.executemany(
        "INSERT INTO event_links (article_id, event_id, corpus_event_id) VALUES (?, ?, ?)",
        [(a, e, c) for (a, e), c in sorted(links.items())],
    )
    store.execute("UPDATE events SET corpus_event_id = NULL")
    store.execute(
        "UPDATE events SET corpus_event_id = l.corpus_event_id FROM event_links l "
        "WHERE events.article_id = l.article_id AND events.event_id = l.event_id"
    )
    store.execute("DROP TABLE event_links")


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
