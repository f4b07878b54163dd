"""Writing documents into the store: one article's rows, replaced whole.

The caller deletes what the store holds for a batch's articles (:func:`delete_articles`, one
statement a table) and :func:`store_document` inserts each article's rows, all inside one
transaction: the same article ingested twice replaces itself, and an ingest killed half way
leaves each article either whole or absent. :func:`input_hash` says whether an input is the
one the store already holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.store.connection import Store, Value
from storyline.store.schema import TABLES

__all__ = ["ARTICLE_TABLES", "delete_articles", "input_hash", "store_document"]

# The tables that hold an article's own rows (corpus events are the corpus's).
ARTICLE_TABLES = tuple(t.name for t in TABLES if t.columns[0].name == "article_id")
_INSERT = {t.name: f"INSERT INTO {t.name} VALUES ({', '.join('?' for _ in t.columns)})" for t in TABLES}


def delete_articles(store: Store, article_ids: Sequence[str]) -> None:
    """Every row of these articles, from every table (one statement a table: each searches it)."""
    if article_ids:
        marks = ", ".join("?" for _ in article_ids)
        for table in ARTICLE_TABLES:
            store.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", article_ids)


def input_hash(article: Article) -> str:
    """What an input was, as read: its text and metadata (a changed title is a changed input)."""
    parts = (article.text, article.url, article.title, article.published, article.source, article.input_id)
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8", "surrogatepass")).hexdigest()


def store_document(store: Store, doc: JSONObject, run_id: str, version: str, read_as: str | None = None) -> str:
    """Store ``doc`` (a document as JSON); returns its id. The article's earlier rows, if any,
    must be gone first (:func:`delete_articles`). ``read_as`` is its :func:`input_hash`."""
    article = _object(doc.get("article"))
    article_id = str(article["id"])
    text = str(doc.get("text") or "")
    entities = [_object(e) for e in _list(doc.get("entities"))]
    names = {str(e["id"]): e for e in entities}
    store.execute(
        _INSERT["articles"],
        (
            article_id,
            _text(article.get("input_id")),
            _text(article.get("url")),
            _text(article.get("source")),
            _text(article.get("title")),
            _text(article.get("published")),
            hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(),
            read_as,
            len(text.split()),
            None,
            run_id,
            version,
            text,
            json.dumps(doc, ensure_ascii=False),
        ),
    )
    store.executemany(_INSERT["entities"], [_entity_row(article_id, e) for e in entities])
    store.executemany(
        _INSERT["mentions"],
        [
            (article_id, str(e["id"]), _int(m.get("start")), _int(m.get("end")), _text(m.get("text")))
            for e in entities
            for m in map(_object, _list(e.get("mentions")))
        ],
    )
    store.executemany(_INSERT["quotes"], [_quote_row(article_id, _object(q), names) for q in _list(doc.get("quotes"))])
    store.executemany(_INSERT["timexes"], [_timex_row(article_id, _object(t)) for t in _list(doc.get("timexes"))])
    store.executemany(
        _INSERT["captions"],
        [
            (article_id, n, _text(c.get("text")), _text(c.get("credit")))
            for n, c in enumerate(map(_object, _list(doc.get("captions"))))
        ],
    )
    store.executemany(
        _INSERT["events"], [_event_row(article_id, _object(e), names, text) for e in _list(doc.get("events"))]
    )
    return article_id


def _entity_row(article_id: str, entity: JSONObject) -> tuple[Value, ...]:
    actor = _object(entity.get("actor"))
    place = _object(entity.get("place"))
    return (
        article_id,
        str(entity["id"]),
        _text(entity.get("name")),
        _text(entity.get("type")),
        _text(actor.get("code")),
        _text(actor.get("country") or place.get("country")),
        _text(actor.get("sector")),
        len(_list(entity.get("mentions"))),
    )


def _timex_row(article_id: str, timex: JSONObject) -> tuple[Value, ...]:
    return (
        article_id,
        str(timex["id"]),
        _text(timex.get("type")),
        _text(timex.get("value")),
        _text(timex.get("text")),
        _int(timex.get("start")),
        _int(timex.get("end")),
    )


def _quote_row(article_id: str, quote: JSONObject, entities: dict[str, JSONObject]) -> tuple[Value, ...]:
    speaker = entities.get(str(quote.get("speaker") or ""), {})
    return (
        article_id,
        str(quote["id"]),
        _text(quote.get("kind")),
        _text(quote.get("speaker")),
        _text(speaker.get("name")),
        _text(_object(speaker.get("actor")).get("code")),
        _text(_object(quote.get("cue")).get("text")),
        _text(_object(quote.get("content")).get("text") or quote.get("text")),
        _int(quote.get("start")),
        _int(quote.get("end")),
    )


def _event_row(article_id: str, event: JSONObject, entities: dict[str, JSONObject], text: str) -> tuple[Value, ...]:
    source = entities.get(str(event.get("source") or ""), {})
    target = entities.get(str(event.get("target") or ""), {})
    place = entities.get(str(event.get("location") or ""), {})
    where = _object(place.get("place"))
    evidence = _object(event.get("evidence"))
    start, end = _int(evidence.get("start")), _int(evidence.get("end"))
    sentence = " ".join(text[start or 0 : end or 0].split()) if event.get("caption") is None else None
    return (
        article_id,
        str(event["id"]),
        _text(event.get("cameo")),
        _text(event.get("root")),
        _int(event.get("quad_class")),
        _float(event.get("goldstein")),
        _text(event.get("plover")),
        _text(event.get("source")),
        _text(source.get("name")),
        _text(_object(event.get("source_actor")).get("code")),
        _text(_object(event.get("source_actor")).get("country")),
        _text(event.get("target")),
        _text(target.get("name")),
        _text(_object(event.get("target_actor")).get("code")),
        _text(_object(event.get("target_actor")).get("country")),
        _text(event.get("modality")),
        _text(_object(event.get("date")).get("value")),
        _text(event.get("location")),
        _text(place.get("name")),
        _text(where.get("country")),
        _float(where.get("lat")),
        _float(where.get("lon")),
        _float(event.get("confidence")),
        _text(event.get("coded")),
        _text(event.get("refers_to")),
        _text(_object(event.get("trigger")).get("text")),
        start,
        end,
        sentence,
        None,
    )


def _object(value: object) -> JSONObject:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> Sequence[object]:
    return value if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
