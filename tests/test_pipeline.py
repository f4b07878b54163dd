"""The pipeline end to end through the library: streaming, order, skips, one model load."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

import storyline
from storyline import Article, Document, Skipped, SkipReason
from storyline.errors import InputSkipped, InvalidArgument
from storyline.stages.s03_annotate.nlp import _load, load_model

from .conftest import REUTERS, SEED, need

STORY = (
    "BRUSSELS, May 2 (Wire) - European Union ministers agreed on Friday to extend sanctions on Belarus "
    "for another year, officials said. Foreign policy chief Elena Marchetti said the decision was unanimous. "
    "Marchetti told reporters in Brussels that Belarus had ignored every warning."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag in Berlin neue Hilfen für die Landwirte angekündigt. "
    "Der Minister sagte, die Trockenheit habe viele Betriebe schwer getroffen und die Ernte gefährdet. "
    "Die Opposition kritisierte das Paket als viel zu klein und verlangte schnellere Zahlungen. "
    "Bauernverbände wollen nächste Woche vor dem Kanzleramt demonstrieren."
)


def test_process_returns_a_document_with_metadata_and_entities() -> None:
    doc = storyline.process(STORY, published="2025-05-02", title="EU extends Belarus sanctions")
    assert isinstance(doc, Document)
    assert doc.article.published == "2025-05-02" and doc.article.title == "EU extends Belarus sanctions"
    names = {e.name: e for e in doc.entities}
    assert names["Belarus"].type == "GPE" and len(names["Belarus"].mentions) == 2
    assert names["Elena Marchetti"].type == "PERSON"
    for entity in doc.entities:
        for m in entity.mentions:
            assert doc.text[m.start : m.end] == m.text
    assert [e.id for e in doc.entities] == [f"E{i}" for i in range(1, len(doc.entities) + 1)]


def test_entity_mentions_drop_leading_article_and_possessive() -> None:
    doc = storyline.process("The European Union said on Monday that the European Union’s budget would rise.")
    (eu,) = [e for e in doc.entities if e.name == "European Union"]
    assert [m.text for m in eu.mentions] == ["European Union", "European Union"]


def test_one_document_per_distinct_name_on_the_seed() -> None:
    doc = storyline.process(need(SEED).read_text("utf-8"), published="2025-08-23")
    keys = [e.name.casefold() for e in doc.entities]
    assert len(keys) == len(set(keys))
    names = set(keys)
    for person in ("sergei lavrov", "vladimir putin", "volodymyr zelensky", "donald trump", "mark rutte"):
        assert person in names
    assert len(doc.captions) == 3


def test_process_rejects_unusable_text_with_the_reason() -> None:
    with pytest.raises(InputSkipped) as err:
        storyline.process(GERMAN)
    assert isinstance(err.value.skipped, Skipped) and err.value.skipped.reason is SkipReason.NOT_ENGLISH
    with pytest.raises(InputSkipped, match="empty"):
        storyline.process("   \n\n ")
    with pytest.raises(InvalidArgument, match="YYYY-MM-DD"):
        storyline.process(STORY, published="2 May 2025")
    assert storyline.process(GERMAN, check_language=False).text.startswith("Die Bundesregierung")


def test_process_many_keeps_order_and_interleaves_skips() -> None:
    items = [
        Article.create(STORY, url="u1"),
        Article.create(GERMAN, url="u2"),
        Skipped("x", SkipReason.BAD_JSON),
        STORY,
    ]
    results = list(storyline.process_many(items, batch_size=2))
    assert [type(r).__name__ for r in results] == ["Document", "Skipped", "Skipped", "Document"]
    assert results[1].reason is SkipReason.NOT_ENGLISH  # type: ignore[union-attr]
    assert results[0].article.url == "u1"  # type: ignore[union-attr]


def test_process_many_streams_without_reading_the_whole_input() -> None:
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        while True:
            consumed += 1
            yield STORY

    first = list(itertools.islice(storyline.process_many(endless(), batch_size=4), 3))
    assert len(first) == 3 and all(isinstance(d, Document) for d in first)
    assert consumed < 50  # a bounded look-ahead, not the whole (endless) stream


def test_model_is_loaded_once_per_process() -> None:
    load_model()
    before = _load.cache_info().misses
    list(storyline.process_many([STORY, STORY]))
    storyline.process(STORY)
    assert _load.cache_info().misses == before
    assert load_model() is load_model(None)


def test_invalid_arguments() -> None:
    with pytest.raises(InvalidArgument):
        list(storyline.process_many([STORY], workers=0))
    with pytest.raises(InvalidArgument):
        storyline.process(b"bytes")  # type: ignore[arg-type]


@pytest.mark.slow
def test_hundred_reuters_articles_stream_through_one_model() -> None:
    path = need(REUTERS)
    load_model()
    loads = _load.cache_info().misses
    with path.open("rb") as stream:
        lines = list(itertools.islice(stream, 100))
    articles = [Article.create(json.loads(line)["text"], where=f"reuters:{i}") for i, line in enumerate(lines, 1)]
    results = list(storyline.process_many(articles))
    assert len(results) == 100
    documents = [r for r in results if isinstance(r, Document)]
    assert len(documents) >= 98  # a Reuters body may be a table, but nearly all are prose
    assert _load.cache_info().misses == loads
    assert sum(len(d.entities) for d in documents) > 500


def test_worker_processes_give_the_same_documents() -> None:
    from storyline.readers import read_inputs

    from .conftest import SAMPLES

    items = list(read_inputs([SAMPLES]))
    one = [r.to_dict() for r in storyline.process_many(items) if isinstance(r, Document)]
    two = [r.to_dict() for r in storyline.process_many(items, workers=2) if isinstance(r, Document)]
    assert len(one) == 6 and one == two
