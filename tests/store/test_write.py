"""An article's rows, written from its document's records (or its JSON, read into records first)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator

import pytest

from storyline.document.records import Document
from storyline.store.connection import Row, Store, open_store
from storyline.store.queries import articles
from storyline.store.schema import TABLES, migrate
from storyline.store.write import ARTICLE_TABLES, delete_articles, event_day, input_hash, store_document

from ..builders import document


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    migrate(opened)
    yield opened
    opened.close()


def _rows(store: Store, article_id: str) -> dict[str, list[Row]]:
    """Every row the store holds of an article, table by table, in key order."""
    keys = {t.name: ", ".join(t.key) for t in TABLES}
    return {
        table: store.query(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {keys[table]}", (article_id,))
        for table in ARTICLE_TABLES
    }


def test_the_rows_of_a_document(store: Store) -> None:
    doc = document()
    with store.transaction():
        assert store_document(store, doc, "run-1", "0.1.0", "read-as") == doc.article.id
    rows = _rows(store, doc.article.id)
    [article] = rows["articles"]
    assert article[:12] == (
        doc.article.id,
        "wire-1",
        "https://news.example.org/kharkiv",
        "Example Wire",
        "Kharkiv shelled",
        "2024-03-04",
        hashlib.sha1(doc.text.encode()).hexdigest(),
        "read-as",
        16,  # words
        None,  # duplicate_of: the corpus pass marks it
        "run-1",
        "0.1.0",
    )
    # the publisher: its URL's domain; no page's last change, relative dates read against the publication
    assert article[12:] == (doc.text, doc.to_json(), "example.org", None, None)
    assert [r[1:] for r in rows["entities"]] == [
        ("E1", "Russian troops", "NORP", "RUSMIL", "RUS", "MIL", 1),
        ("E2", "Kharkiv", "GPE", None, "UKR", None, 1),  # the country of a place without an actor
        ("E3", "Ihor Terekhov", "PERSON", "UKRGOV", "UKR", "GOV", 1),
    ]
    assert [r[1:] for r in rows["mentions"]] == [
        ("E1", 0, 14, "Russian troops"),
        ("E2", 23, 30, "Kharkiv"),
        ("E3", 48, 61, "Ihor Terekhov"),
    ]
    q1, q2 = doc.quotes
    assert [r[1:] for r in rows["quotes"]] == [
        ("Q1", "direct", "E3", "Ihor Terekhov", "UKRGOV", "told", "We will rebuild,", q1.start, q1.end, "speech"),
        ("Q2", "indirect", None, None, None, None, q2.text, q2.start, q2.end, "speech"),  # no content: the whole text
    ]
    assert [r[1:] for r in rows["timexes"]] == [("T1", "DATE", "2024-03-04", "Monday", 34, 40)]
    assert [r[1:] for r in rows["captions"]] == [
        (0, "Firefighters at a building shelled in Kharkiv.", "Example Wire"),
        (1, "Smoke over the city.", None),
    ]
    v1, v2 = rows["events"]
    assert v1[1:] == (
        "V1", "190", "19", 4, -10.0, "ASSAULT",
        "E1", "Russian troops", "RUSMIL", "RUS",
        "E2", "Kharkiv", None, None,
        "asserted", "2024-03-04",
        "E2", "Kharkiv", "UKR", 49.98, 36.25,
        0.9, "source", None, "shelled", 0, 67,
        "Russian troops shelled Kharkiv on Monday, Mayor Ihor Terekhov said.",
        None,  # corpus_event_id: the corpus pass links it
        None,  # caption: told in the article's text
        "T1",  # date_timex: "Monday" dates it
        "2024-03-04",  # day: its date
        "city",  # location_kind: Kharkiv, a city (a map draws a country-level event as the country)
    )  # fmt: skip
    assert v2[1:] == (
        "V2", "190", "19", 4, -10.0, None,
        None, None, None, None,
        "E2", "Kharkiv", None, None,
        "asserted", None,
        None, None, None, None, None,
        0.4, "none", "V1", "shelled", 0, 46,
        "Firefighters at a building shelled in Kharkiv.",  # told in a caption: the caption's sentence
        None,
        0,  # the first caption: the offsets index its text
        "",  # date_timex: none of the text's own (a caption's time is not the document's timexes)
        doc.article.published,  # day: no date of its own, the publication day
        None,  # location_kind: no place
    )  # fmt: skip


def test_an_events_day_is_its_date_where_that_is_a_day_else_the_publication_day() -> None:
    assert event_day("2024-03-01", "2024-03-05") == "2024-03-01"
    for not_a_day in ("2024-W10", "2024-03", "2024", "XXXX-03-01", "PRESENT_REF", "2024-03-01T10:00", "", None):
        assert event_day(not_a_day, "2024-03-05") == "2024-03-05", not_a_day
    assert event_day("PRESENT_REF", None) is None  # an article without a day: none


def test_a_page_changed_later_keeps_its_day_and_the_day_its_dates_were_read_against(store: Store) -> None:
    doc = document()
    changed = dataclasses.replace(
        doc, article=dataclasses.replace(doc.article, modified="2026-04-24"), reference="2026-04-24"
    )
    with store.transaction():
        store_document(store, changed, "run-1", "0.1.0", input_hash(changed.article))
    [row] = store.query("SELECT published, modified, reference, input_hash FROM articles")
    assert row[:3] == ("2024-03-04", "2026-04-24", "2026-04-24")
    [listed] = articles(store).rows  # storyline articles and GET /articles show the day too
    assert (listed["published"], listed["modified"]) == ("2024-03-04", "2026-04-24")
    assert row[3] != input_hash(doc.article)  # a page changed since it was read is a new input
    # an input with no last change keeps the hash stores made before this column hold for it
    a = doc.article
    before = "\x1f".join(p or "" for p in (a.text, a.url, a.title, a.published, a.source, a.input_id))
    assert input_hash(a) == hashlib.sha1(before.encode()).hexdigest()


def test_a_document_read_back_from_its_json_is_stored_as_the_same_rows(store: Store) -> None:
    doc = document()
    with store.transaction():
        store_document(store, doc, "run-1", "0.1.0", "read-as")
    from_records = _rows(store, doc.article.id)
    with store.transaction():
        delete_articles(store, [doc.article.id])
        assert _rows(store, doc.article.id) == {t: [] for t in ARTICLE_TABLES}
        store_document(store, Document.from_dict(json.loads(doc.to_json())), "run-1", "0.1.0", "read-as")
    assert _rows(store, doc.article.id) == from_records


def test_a_caption_event_is_found_by_the_words_of_its_caption(store: Store) -> None:
    from storyline.store.queries import EventFilter, events

    doc = document()
    with store.transaction():
        store_document(store, doc, "run-1", "0.1.0", "read-as")
    found = events(store, EventFilter(text="firefighters", limit=10)).rows
    assert [(r["event_id"], r["sentence"]) for r in found] == [("V2", "Firefighters at a building shelled in Kharkiv.")]


def test_who_said_what_holds_speech_and_an_unnamed_speakers_description(store: Store) -> None:
    from storyline.errors import InvalidArgument
    from storyline.store.queries import quotes

    doc = document()
    named, unnamed = doc.quotes
    unnamed.speaker_name = "a source close to the mayor"
    believed = dataclasses.replace(named, id="Q3", act="belief", speaker_name="Ihor Terekhov")
    doc.quotes.append(believed)
    with store.transaction():
        store_document(store, doc, "run-1", "0.1.0", "read-as")
    said = quotes(store).rows
    assert sorted(str(r["speaker"]) for r in said) == ["Ihor Terekhov", "a source close to the mayor"]
    assert {r["act"] for r in said} == {"speech"}
    assert [r["quote_id"] for r in quotes(store, act="belief").rows] == ["Q3"]
    assert len(quotes(store, act="all").rows) == 3
    assert articles(store).rows[0]["quotes"] == 2  # an article's quotes are what was said
    with pytest.raises(InvalidArgument, match="unknown act"):
        quotes(store, act="rumour")
