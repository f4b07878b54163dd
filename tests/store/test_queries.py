"""The store's queries as an analyst relies on them, on DuckDB and on PostgreSQL alike (the
``store_url`` fixture): a filter that can match nothing because it is mistyped is refused with a
message saying what it takes, words are searched as written (``%`` and ``_`` too), and every
answer says how many rows match in all, whatever page it holds.

The articles are written for these tests; they are processed once and stored into each test's
fresh store.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import storyline
from storyline._version import __version__
from storyline.document.records import Document
from storyline.errors import InvalidArgument
from storyline.store.charts import network, places, timeline
from storyline.store.connection import Store, open_store
from storyline.store.queries import (
    CODED_FILTERS,
    EventFilter,
    actors,
    articles,
    events,
    quotes,
)
from storyline.store.schema import migrate
from storyline.store.write import store_document

from .test_store import STORIES

# Sentences with LIKE's wildcards in them, beside sentences without.
WILDCARDS = [
    {
        "source": "Wire W",
        "published": "2024-03-07",
        "title": "Guards wounded at 50% strength",
        "text": "Norwegian troops attacked a Swedish border post on Monday, wounding 50% of its guards, officials said.",
    },
    {
        "source": "Wire W",
        "published": "2024-03-08",
        "title": "Pay protest",
        "text": "Protesters in Oslo demanded a 20% pay rise on Tuesday, and the union_chief threatened a strike.",
    },
    {
        "source": "Wire X",
        "published": "2024-03-08",
        "title": "Prices",
        "text": '"Prices rose 5% in a month," the Swedish finance minister said on Monday.',
    },
]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [
        storyline.process(s["text"], published=s["published"], title=s["title"], source=s["source"])
        for s in [*STORIES[:4], *WILDCARDS]
    ]


@pytest.fixture()
def store(store_url: str, documents: list[Document]) -> Iterator[Store]:
    opened = open_store(store_url)
    migrate(opened)
    with opened.transaction():
        for document in documents:
            store_document(opened, document, "test", __version__)
    yield opened
    opened.close()


def test_search_words_are_matched_as_written_wildcards_too(store: Store) -> None:
    everything = events(store, EventFilter(limit=None)).rows
    percent = events(store, EventFilter(text="%", limit=None)).rows
    assert percent and all("%" in str(r["sentence"]) for r in percent)
    assert len(percent) < len(everything)
    underscore = events(store, EventFilter(text="_", limit=None)).rows
    assert underscore and all("_" in str(r["sentence"]) for r in underscore)
    assert events(store, EventFilter(text="50% of", limit=None)).rows  # the words around it too
    assert events(store, EventFilter(text="5_%", limit=None)).rows == []  # "_" is no wildcard
    assert events(store, EventFilter(text="\\", limit=None)).rows == []  # nor is the escape character
    said = quotes(store, text="%").rows
    assert said and all("%" in str(r["content"]) for r in said)
    assert len(said) < len(quotes(store, limit=None).rows)
    found = articles(store, text="_").rows
    assert [r["title"] for r in found] == ["Pay protest"]
    assert quotes(store, speaker="%").rows == []


def test_search_words_match_in_any_case_and_no_character_is_special(store: Store) -> None:
    upper = events(store, EventFilter(text="NORWEGIAN TROOPS", limit=None)).rows
    assert upper and upper == events(store, EventFilter(text="norwegian troops", limit=None)).rows
    assert [r["title"] for r in articles(store, text="PAY PROTEST").rows] == ["Pay protest"]
    assert quotes(store, text="PRICES ROSE").rows
    for special in ("(", ".*", "[a-z]", "5%|x", "^", "$", "\\d", "{2}"):  # what a regular expression reads
        assert events(store, EventFilter(text=special, limit=None)).rows == [], special
        assert articles(store, text=special).rows == [] and quotes(store, text=special).rows == [], special
    assert events(store, EventFilter(text="strike.", limit=None)).rows  # "." is a full stop,
    assert events(store, EventFilter(text="Oslo", limit=None)).rows
    assert not events(store, EventFilter(text="o.lo", limit=None)).rows  # not any character


@pytest.mark.parametrize("wrong", ["yesterday", "2025-13-45", "2025-02-30", "20250101", "2025-1-5", "2025-08-01x"])
def test_a_day_that_is_none_is_refused(store: Store, wrong: str) -> None:
    with pytest.raises(InvalidArgument, match=r"^since .*(YYYY-MM-DD|no day)"):
        events(store, EventFilter(since=wrong))
    with pytest.raises(InvalidArgument, match=r"^until "):
        articles(store, until=wrong)
    with pytest.raises(InvalidArgument, match=r"^since "):
        timeline(store, EventFilter(since=wrong))


def test_days_out_of_order_are_refused_and_a_real_range_is_kept(store: Store) -> None:
    with pytest.raises(InvalidArgument, match="since 2024-03-08 is after until 2024-03-05"):
        events(store, EventFilter(since="2024-03-08", until="2024-03-05"))
    kept = events(store, EventFilter(since="2024-03-05", until="2024-03-06", limit=None)).rows
    assert kept and all("2024-03-05" <= str(r["day"]) <= "2024-03-06" for r in kept)


def test_codes_and_countries_that_can_match_nothing_are_refused(store: Store) -> None:
    refused = {
        "actor": [
            (EventFilter(actor="Norway"), "stands for a country: give its code, NOR"),
            (EventFilter(actor="Norwegians"), "give its code, NOR"),
            (EventFilter(actor="NOR%"), "must be an actor code"),
            (EventFilter(actor="ZZZ"), "no country's code"),
            (EventFilter(source="U S A"), "must be an actor code"),
            (EventFilter(target="QQ"), "no country's code"),
        ],
        "code": [
            (EventFilter(code="99"), "starts no CAMEO code"),
            (EventFilter(code="19a"), "must be a CAMEO code"),
            (EventFilter(code="19%"), "must be a CAMEO code"),
        ],
        "plover": [(EventFilter(plover="FIGHT"), "no PLOVER type")],
        "other": [
            (EventFilter(coded="maybe"), "coded must be one of"),
            (EventFilter(modality="likely"), "modality must be one of"),
            (EventFilter(quad_class=5), "quad_class must be"),
            (EventFilter(limit=0), "limit must be"),
        ],
    }
    for cases in refused.values():
        for wanted, message in cases:
            with pytest.raises(InvalidArgument, match=message):
                events(store, wanted)
    with pytest.raises(InvalidArgument, match="stands for a country"):
        actors(store, actor="Sweden")
    with pytest.raises(InvalidArgument, match="starts no CAMEO code"):
        places(store, EventFilter(code="3"))
    with pytest.raises(InvalidArgument, match="no country's code"):
        network(store, EventFilter(actor="ZZZ"))
    # what is written right is kept: lower case, a country's code, its start, a sector, a type
    assert events(store, EventFilter(actor="nor", limit=None)).rows
    assert events(store, EventFilter(source="NORMIL", code="19", limit=None)).rows
    assert events(store, EventFilter(actor="NO", plover="assault", limit=None)).rows
    assert events(store, EventFilter(actor="FJI")).rows == []  # a country the store has no events of


def test_a_code_only_the_store_holds_is_a_code(store: Store) -> None:
    """Actor codes a user's dictionary wrote (``--actors``) are known by the store alone."""
    with pytest.raises(InvalidArgument):
        events(store, EventFilter(actor="QQQ"))
    with store.transaction():
        store.execute("UPDATE events SET source_code = 'QQQMIL' WHERE source_code = 'NORMIL'")
    held = events(store, EventFilter(actor="QQQ", limit=None)).rows
    assert held and all(r["source_code"] == "QQQMIL" for r in held)


def test_every_answer_says_how_many_rows_match(store: Store) -> None:
    everything = events(store, EventFilter(limit=None))
    n = len(everything.rows)
    assert n > 4 and everything.total == n
    first = events(store, EventFilter(limit=2))
    assert len(first.rows) == 2 and first.total == n
    last = events(store, EventFilter(limit=2, offset=n - 1))
    assert len(last.rows) == 1 and last.total == n
    past = events(store, EventFilter(limit=2, offset=n + 5))
    assert past.rows == [] and past.total == n and f"the {n} events that match end before row {n + 6}" in past.note
    norway = events(store, EventFilter(actor="NOR", limit=1))
    assert norway.total == len(events(store, EventFilter(actor="NOR", limit=None)).rows) > 1
    for listed in (
        lambda limit, offset: events(store, EventFilter(limit=limit, offset=offset)),
        lambda limit, offset: events(store, EventFilter(min_sources=1, text="the", limit=limit, offset=offset)),
        lambda limit, offset: quotes(store, limit=limit, offset=offset),
        lambda limit, offset: articles(store, limit=limit, offset=offset),
        lambda limit, offset: actors(store, limit=limit, offset=offset),
    ):
        every = listed(None, 0)
        assert len(every.rows) > 1 and every.total == len(every.rows)
        page = listed(1, 1)
        assert page.rows == every.rows[1:2] and page.total == every.total
        pages = [row for start in range(0, len(every.rows), 2) for row in listed(2, start).rows]
        assert pages == every.rows  # the pages, one after another, are the whole answer in its order
    every = network(store, actors=200)  # every actor
    two = network(store, actors=2)
    events_of: dict[object, int] = {}
    for row in every.rows:
        for end in (row["source_code"], row["target_code"]):
            events_of[end] = events_of.get(end, 0) + int(row["events"] or 0)
    busiest = sorted(events_of, key=lambda code: (-events_of[code], str(code)))[:2]
    assert two.rows == [r for r in every.rows if r["source_code"] in busiest and r["target_code"] in busiest]
    assert two.in_all == every.in_all == len(_ends(every.rows)) > 2
    assert two.total == sum(int(r["events"] or 0) for r in two.rows)


def _ends(rows: list[dict[str, object]]) -> set[object]:
    return {r["source_code"] for r in rows} | {r["target_code"] for r in rows}


def test_coded_none_keeps_the_events_with_no_actor_coded(store: Store) -> None:
    def total(coded: str) -> int:
        return events(store, EventFilter(coded=coded, limit=1)).total

    uncoded = events(store, EventFilter(coded="none", limit=None)).rows
    assert uncoded and all(r["source_code"] is None and r["target_code"] is None for r in uncoded)
    assert total("any") == total("source") + total("target") - total("both") + total("none")
    assert set(CODED_FILTERS) == {"any", "source", "target", "both", "none"}
