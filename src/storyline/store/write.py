"""Writing documents into the store: one article's rows, replaced whole.

The caller deletes what the store holds for a batch's articles (:func:`delete_articles`, one
statement a table) and :func:`store_document` inserts each article's rows, all inside one
transaction: the same article ingested twice replaces itself, and an ingest killed half way
leaves each article either whole or absent. :func:`input_hash` says whether an input is the
one the store already holds.

Each row is read from the document's records and written by column name through the tables'
declaration (:func:`storyline.store.schema.insert`). Empty text is stored as NULL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeAlias

from storyline.document.article import Article
from storyline.document.records import Caption, Document, Entity, Event, Mention, Quote, Timex
from storyline.store.connection import Store, Value
from storyline.store.publishers import publisher
from storyline.store.schema import TABLES, insert

__all__ = ["ARTICLE_TABLES", "delete_articles", "document_rows", "event_day", "input_hash", "is_day", "store_document"]

# The tables that hold an article's own rows (corpus events are the corpus's).
ARTICLE_TABLES = tuple(t.name for t in TABLES if t.columns[0].name == "article_id")

NamedRow: TypeAlias = dict[str, Value]  # one row of a table, by column name


def delete_articles(store: Store, article_ids: Sequence[str]) -> None:
    """Every row of these articles, from every table (one statement a table: each searches it)."""
    if article_ids:
        marks = ", ".join("?" for _ in article_ids)
        for table in ARTICLE_TABLES:
            store.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", article_ids)


def input_hash(article: Article) -> str:
    """What an input was, as read: its text and metadata (a changed title is a changed input)."""
    parts: tuple[str | None, ...] = (article.text, article.url, article.title, article.published, article.source)
    parts += (article.input_id,)
    if article.modified is not None:  # (only where given: an input read before stays the same input)
        parts += (article.modified,)
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8", "surrogatepass")).hexdigest()


def store_document(store: Store, document: Document, run_id: str, version: str, read_as: str | None = None) -> str:
    """Store ``document`` (a document read back as JSON is made records first:
    :meth:`Document.from_dict`); returns its id. The article's earlier rows, if any, must be gone
    first (:func:`delete_articles`). ``read_as`` is its :func:`input_hash`."""
    for table, rows in document_rows(document, run_id, version, read_as).items():
        insert(store, table, rows)
    return document.article.id


def document_rows(
    document: Document, run_id: str, version: str, read_as: str | None = None
) -> dict[str, list[NamedRow]]:
    """The rows :func:`store_document` writes, by table."""
    article_id = document.article.id
    entities = {e.id: e for e in document.entities}
    published = _text(document.article.published)
    return {
        "articles": [_article_row(document, run_id, version, read_as)],
        "entities": [_entity_row(article_id, e) for e in document.entities],
        "mentions": [_mention_row(article_id, e, m) for e in document.entities for m in e.mentions],
        "quotes": [_quote_row(article_id, q, entities) for q in document.quotes],
        "timexes": [_timex_row(article_id, t) for t in document.timexes],
        "captions": [_caption_row(article_id, n, c) for n, c in enumerate(document.captions)],
        "events": [_event_row(article_id, e, entities, _told_in(document, e), published) for e in document.events],
    }


def _article_row(document: Document, run_id: str, version: str, read_as: str | None) -> NamedRow:
    article, text = document.article, document.text
    return {
        "article_id": article.id,
        "input_id": _text(article.input_id),
        "url": _text(article.url),
        "source": _text(article.source),
        "title": _text(article.title),
        "published": _text(article.published),
        "content_hash": hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "input_hash": read_as,
        "words": len(text.split()),
        "duplicate_of": None,  # the corpus pass marks it
        "run_id": run_id,
        "version": version,
        "text": text,
        "document": document.to_json(),
        "publisher": publisher(article.url, article.source),
        "modified": _text(article.modified),
        "reference": _text(document.reference),
    }


def _entity_row(article_id: str, entity: Entity) -> NamedRow:
    actor, place = entity.actor, entity.place
    return {
        "article_id": article_id,
        "entity_id": entity.id,
        "name": _text(entity.name),
        "type": _text(entity.type),
        "actor_code": _text(actor and actor.code),
        "country": _text((actor and actor.country) or (place and place.country)),
        "sector": _text(actor and actor.sector),
        "mentions": len(entity.mentions),
    }


def _mention_row(article_id: str, entity: Entity, mention: Mention) -> NamedRow:
    return {
        "article_id": article_id,
        "entity_id": entity.id,
        "start": _int(mention.start),
        "end_": _int(mention.end),
        "text": _text(mention.text),
    }


def _quote_row(article_id: str, quote: Quote, entities: dict[str, Entity]) -> NamedRow:
    speaker = entities.get(quote.speaker or "")
    return {
        "article_id": article_id,
        "quote_id": quote.id,
        "kind": _text(quote.kind),
        "speaker_id": _text(quote.speaker),
        "speaker": _text(quote.speaker_name or (speaker and speaker.name)),
        "speaker_code": _text(speaker and speaker.actor and speaker.actor.code),
        "cue": _text(quote.cue and quote.cue.text),
        "content": _text((quote.content and quote.content.text) or quote.text),
        "start": _int(quote.start),
        "end_": _int(quote.end),
        "act": _text(quote.act),
    }


def _timex_row(article_id: str, timex: Timex) -> NamedRow:
    return {
        "article_id": article_id,
        "timex_id": timex.id,
        "type": _text(timex.type),
        "value": _text(timex.value),
        "text": _text(timex.text),
        "start": _int(timex.start),
        "end_": _int(timex.end),
    }


def _caption_row(article_id: str, index: int, caption: Caption) -> NamedRow:
    return {
        "article_id": article_id,
        "caption_index": index,
        "text": _text(caption.text),
        "credit": _text(caption.credit),
    }


def event_day(date: str | None, published: str | None) -> str | None:
    """The day an event happened, as lists sort and filter it: its date where that is a day
    (YYYY-MM-DD; not a week, a month or PRESENT_REF), else its article's publication day."""
    return date if is_day(date) else published


def is_day(date: str | None) -> bool:
    """Whether a date (a TIMEX3 value) is a day, YYYY-MM-DD."""
    return date is not None and len(date) == 10 and date[4] == date[7] == "-" and "X" not in date


def _event_row(
    article_id: str, event: Event, entities: dict[str, Entity], text: str, published: str | None
) -> NamedRow:
    source = entities.get(event.source or "")
    target = entities.get(event.target or "")
    place = entities.get(event.location or "")
    where = place and place.place
    start, end = _int(event.evidence.start), _int(event.evidence.end)
    return {
        "article_id": article_id,
        "event_id": event.id,
        "cameo": _text(event.cameo),
        "root": _text(event.root),
        "quad_class": _int(event.quad_class),
        "goldstein": _float(event.goldstein),
        "plover": _text(event.plover),
        "source_id": _text(event.source),
        "source_name": _text(source and source.name),
        "source_code": _text(event.source_actor and event.source_actor.code),
        "source_country": _text(event.source_actor and event.source_actor.country),
        "target_id": _text(event.target),
        "target_name": _text(target and target.name),
        "target_code": _text(event.target_actor and event.target_actor.code),
        "target_country": _text(event.target_actor and event.target_actor.country),
        "modality": _text(event.modality),
        "date": _text(event.date and event.date.value),
        "location_id": _text(event.location),
        "location_name": _text(place and place.name),
        "location_country": _text(where and where.country),
        "location_lat": _float(where and where.lat),
        "location_lon": _float(where and where.lon),
        "location_kind": _text(where and where.kind),
        "confidence": _float(event.confidence),
        "coded": _text(event.coded),
        "refers_to": _text(event.refers_to),
        "trigger": _text(event.trigger.text),
        "evidence_start": start,
        "evidence_end": end,
        "sentence": " ".join(text[start or 0 : end or 0].split()) or None,
        "caption": event.caption,
        "date_timex": _date_timex(event),
        "day": event_day(_text(event.date and event.date.value), published),
        "corpus_event_id": None,  # the corpus pass links it
    }


def _date_timex(event: Event) -> str:
    """The timex of the article's text the event's date comes from, or '' (the publication date
    stands in, or a caption's time: a caption's timexes are not the document's)."""
    timex = event.date.timex if event.date is not None and event.caption is None else None
    return timex or ""


def _told_in(document: Document, event: Event) -> str:
    """The text an event's evidence points into: the article's, or its caption's (a caption's
    event is told there, and its sentence is the caption's)."""
    if event.caption is None:
        return document.text
    if 0 <= event.caption < len(document.captions):
        return document.captions[event.caption].text
    return ""


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
