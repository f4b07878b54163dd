"""The corpus pass after an ingest: near-duplicate articles marked, events linked across articles.

It reads the whole store and writes its conclusions back in one transaction, so it can run
again at any time (after each ingest, or after one was killed) and always gives the same
answer for the same articles: ``articles.duplicate_of``, ``corpus_events`` and each event's
``corpus_event_id``.
"""

from __future__ import annotations

from storyline.store.connection import Store, Value
from storyline.store.corpus import CorpusEvent, EventMention, find_near_duplicates, link_events
from storyline.store.schema import insert

__all__ = ["link_corpus"]


def link_corpus(store: Store) -> tuple[int, int]:
    """Mark near-duplicates and rebuild the corpus events; returns how many of each."""
    texts = {
        str(article_id): str(text or "")
        for article_id, text in store.query(
            "SELECT article_id, text FROM articles ORDER BY published NULLS LAST, article_id"
        )
    }
    duplicates = find_near_duplicates(texts)
    rows = store.query(
        "SELECT e.article_id, e.event_id, e.source_code, e.target_code, e.cameo, e.modality, e.date, "
        "COALESCE(a.source, a.url, a.article_id), a.published, e.confidence, e.refers_to, e.root, e.quad_class, "
        "e.goldstein "
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
            publisher=_publisher(str(r[7])),
            published=_text(r[8]),
            confidence=float(r[9]) if isinstance(r[9], int | float) else 0.0,
            duplicate_of=duplicates.get(str(r[0])),
        )
        for r in rows
        if r[10] is None  # "the attack", naming an act told before: a mention of that act, below
    ]
    corpus = link_events(mentions)
    coded = {(str(r[0]), str(r[1])): (r[11], r[12], r[13]) for r in rows}  # root, QuadClass, Goldstein
    referents = {(str(r[0]), str(r[1])): (str(r[0]), str(r[10])) for r in rows if r[10] is not None}
    links: dict[tuple[str, str], str] = {}
    for event in corpus:
        for m in event.mentions:
            links[(m.article_id, m.event_id)] = event.corpus_event_id
    for mention, referent in referents.items():
        if referent in links:
            links[mention] = links[referent]
    with store.transaction():
        store.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        store.executemany(
            "UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
            [(original, copy) for copy, original in duplicates.items()],
        )
        store.execute("DELETE FROM corpus_events")
        insert(store, "corpus_events", [_corpus_row(event, coded) for event in corpus])
        _set_links(store, links)
    return len(duplicates), len(corpus)


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
    dates = sorted(m.date for m in event.mentions if m.date)
    return {
        "corpus_event_id": event.corpus_event_id,
        "cameo": best.cameo,
        "root": root,
        "quad_class": quad_class,
        "goldstein": goldstein,
        "source_code": best.source_code,
        "target_code": best.target_code,
        "modality": best.modality,
        "date": dates[0] if dates else None,
        "num_mentions": event.num_mentions,
        "num_sources": event.num_sources,
        "num_articles": event.num_articles,
        "first_seen": event.first_seen,
        "last_seen": event.last_seen,
        "best_article_id": best.article_id,
        "best_event_id": best.event_id,
        "confidence": best.confidence,
    }


def _publisher(source: str) -> str:
    """Who published an article: its source, else its URL's host, else the article itself (an
    article of unknown origin is a source of its own)."""
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0].removeprefix("www.")
    return source


def _text(value: Value) -> str | None:
    return None if value is None else str(value)
