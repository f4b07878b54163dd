"""The corpus's conclusions: near-duplicate articles found, events of several articles linked."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from storyline.errors import InvalidArgument
from storyline.store.corpus import (
    CorpusEvent,
    EventMention,
    NearDuplicateIndex,
    find_near_duplicates,
    link_events,
)

# --- A small corpus: nine stories, two pairs of them on one topic with shared wording ----------

FLOOD = (
    "Floods force thousands from homes in northern Italy\n"
    "MILAN, May 3 (Wirenews) - Heavy rain swelled rivers across the Po valley on Tuesday and forced "
    "more than four thousand people to leave their homes, the civil protection agency said. Two bridges "
    "near Parma were closed after the water reached their arches. Farmers said the harvest of early "
    "vegetables was lost in many fields. Regional officials asked the government in Rome to declare a "
    "state of emergency and to release funds for repairs before the summer."
)
FLOOD_FRANCE = (
    "Floods force hundreds from homes in southern France\n"
    "NIMES, May 4 (Wirenews) - Storms over the Cevennes sent the Gard river over its banks on Wednesday "
    "and hundreds of residents were taken to school gyms for the night, the prefecture said. A camping "
    "site near Ales was evacuated by helicopter. The weather service kept its red alert for two more "
    "departments. The mayor of Nimes said the damage to roads would take months to repair and asked "
    "Paris for help from the national disaster fund."
)
RATES = (
    "Central bank holds rates, signals cut later this year\n"
    "WELLINGTON, June 12 (Wirenews) - The Reserve Bank kept its official cash rate at 5.5 percent on "
    "Wednesday, as most economists had expected, but said inflation was easing faster than it had "
    "forecast in February. Governor Anna Kirk told reporters that a first cut could come before the "
    "end of the year if wage growth kept slowing. The currency fell half a cent against the dollar "
    "after the statement, and bond yields dropped across the curve."
)
RATES_RAISE = (
    "Central bank raises rates again to fight inflation\n"
    "OSLO, June 13 (Wirenews) - Norway's central bank raised its policy rate by a quarter point to 4.75 "
    "percent on Thursday, its third increase this year, and said another rise was likely in September. "
    "Deputy governor Lars Moe said the weak crown was pushing up the price of imported food and fuel. "
    "Most economists had expected the bank to wait until August. Mortgage lenders said they would pass "
    "the increase on to borrowers within weeks."
)
STRIKE = (
    "Dock workers strike at three ports over pay\n"
    "ROTTERDAM, July 8 (Wirenews) - Dock workers walked out at Rotterdam, Antwerp and Hamburg on Monday "
    "in a dispute over pay and night shifts, leaving dozens of container ships waiting at anchor. The "
    "union said its members had not had a real pay rise in four years. Port operators called the strike "
    "irresponsible and said talks could resume only when the cranes were running again. Shippers warned "
    "of delays to deliveries of car parts and medicines."
)
ELECTION = (
    "Opposition leader wins runoff by narrow margin\n"
    "LIMA, June 9 (Wirenews) - The opposition candidate Rosa Quispe won Sunday's presidential runoff "
    "with 50.6 percent of the vote, the electoral office said after counting nearly all ballots. Her "
    "rival, a former mayor of the capital, said he would ask for a recount in four provinces where he "
    "claimed tally sheets had been altered. Observers from the regional bloc said the vote had been "
    "orderly. Quispe promised a cabinet of technocrats and a new mining tax."
)
QUAKE = (
    "Strong earthquake shakes coastal towns, no tsunami warning\n"
    "SANTIAGO, August 21 (Wirenews) - An earthquake of magnitude 6.8 struck off the central coast on "
    "Thursday evening, shaking buildings in the capital and cutting power to about eighty thousand "
    "homes, the national emergency office said. The navy said there was no risk of a tsunami. Two "
    "people were hurt by falling glass in Valparaiso. Copper mines in the region reported no damage and "
    "kept working through the night shift."
)
MERGER = (
    "Drugmakers agree twelve billion dollar merger\n"
    "BASEL, September 2 (Wirenews) - Two mid-sized drugmakers agreed to combine in a share deal worth "
    "about twelve billion dollars, creating the fourth largest maker of generic medicines in Europe, the "
    "companies said on Monday. Shareholders of the smaller firm will receive 0.8 new shares for each "
    "share they hold. The chief executives said the merger would save four hundred million dollars a "
    "year by 2027. Competition regulators in Brussels must approve the deal."
)
SATELLITE = (
    "Space agency launches weather satellite after two delays\n"
    "KOUROU, October 15 (Wirenews) - A rocket carrying a new European weather satellite lifted off from "
    "French Guiana on Tuesday night after two launches were called off because of high winds, the space "
    "agency said. The satellite will take pictures of clouds over Africa and Europe every ten minutes "
    "and should help forecasters warn of storms earlier. Engineers said its solar panels opened as "
    "planned about an hour after launch."
)

# The planted copies, each a republication with one kind of small change.
FLOOD_HEADLINE = FLOOD.replace("Floods force thousands", "Floods drive thousands", 1)
QUAKE_DROPPED_SENTENCE = QUAKE.replace(" The navy said there was no risk of a tsunami.", "", 1)
STRIKE_DATELINE = STRIKE.replace("ROTTERDAM, July 8 (Wirenews)", "AMSTERDAM (Daily Courier)", 1)
ELECTION_REORDERED = ELECTION.replace(
    "Observers from the regional bloc said the vote had been orderly. Quispe promised a cabinet of technocrats and a new mining tax.",
    "Quispe promised a cabinet of technocrats and a new mining tax. Observers from the regional bloc said the vote had been orderly.",
)
# A copy of the copy, one more word changed: it still belongs to the first story.
FLOOD_HEADLINE_AGAIN = FLOOD_HEADLINE.replace("Heavy rain", "Torrential rain", 1)

CORPUS = {
    "flood": FLOOD,
    "flood-france": FLOOD_FRANCE,
    "rates": RATES,
    "rates-raise": RATES_RAISE,
    "strike": STRIKE,
    "election": ELECTION,
    "quake": QUAKE,
    "merger": MERGER,
    "satellite": SATELLITE,
    "flood-copy": FLOOD_HEADLINE,
    "quake-copy": QUAKE_DROPPED_SENTENCE,
    "strike-copy": STRIKE_DATELINE,
    "election-copy": ELECTION_REORDERED,
    "flood-copy-of-copy": FLOOD_HEADLINE_AGAIN,
}

PLANTED = {
    "flood-copy": "flood",
    "quake-copy": "quake",
    "strike-copy": "strike",
    "election-copy": "election",
    "flood-copy-of-copy": "flood",
}


def test_the_stories_are_long_enough_to_be_shingled() -> None:
    assert all(len(text.split()) >= 40 for text in CORPUS.values())
    assert all(copy != CORPUS[original] for copy, original in ((CORPUS[c], o) for c, o in PLANTED.items()))


def test_every_planted_copy_is_found_and_nothing_else() -> None:
    assert find_near_duplicates(CORPUS) == PLANTED


def test_stories_on_one_topic_with_shared_wording_stay_apart() -> None:
    same_topic = {k: CORPUS[k] for k in ("flood", "flood-france", "rates", "rates-raise")}
    assert find_near_duplicates(same_topic) == {}
    # Even at a low threshold: their shared phrases ("force ... from homes in", "most economists
    # had expected") are a handful of the ~75 shingles each has.
    assert find_near_duplicates(same_topic, threshold=0.3) == {}


def test_the_representative_is_the_earliest_in_input_order() -> None:
    reordered = {"flood-copy": FLOOD_HEADLINE, "flood": FLOOD, "flood-copy-of-copy": FLOOD_HEADLINE_AGAIN}
    assert find_near_duplicates(reordered) == {"flood": "flood-copy", "flood-copy-of-copy": "flood-copy"}


def test_the_incremental_index_gives_the_batch_answer() -> None:
    index = NearDuplicateIndex()
    incremental = {}
    for article_id, text in CORPUS.items():
        original = index.add(article_id, text)
        if original is not None:
            incremental[article_id] = original
    assert incremental == find_near_duplicates(CORPUS)
    assert len(index) == len(CORPUS)
    assert "quake-copy" in index


def test_a_higher_threshold_lets_a_reworded_copy_go() -> None:
    # The copy missing a sentence is at a Jaccard of about 0.8; 0.95 asks for more.
    found = find_near_duplicates({"quake": QUAKE, "quake-copy": QUAKE_DROPPED_SENTENCE}, threshold=0.95)
    assert found == {}


def test_short_texts_compare_by_exact_normalized_text() -> None:
    texts = {
        "a": "Police arrested two men.",
        "b": "POLICE arrested  two men!",
        "c": "Police arrested three men.",
        "d": "Qtly div 10 cts vs 10 cts prior",
        "e": "Qtly div 12 cts vs 10 cts prior",
    }
    assert find_near_duplicates(texts) == {"b": "a"}


def test_an_empty_text_copies_nothing() -> None:
    assert find_near_duplicates({"a": "", "b": "  ", "c": "...", "d": FLOOD}) == {}


def test_an_article_id_is_indexed_once() -> None:
    index = NearDuplicateIndex()
    index.add("a", FLOOD)
    with pytest.raises(InvalidArgument, match="'a' is in the near-duplicate index already"):
        index.add("a", FLOOD_FRANCE)


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_a_threshold_outside_zero_to_one_is_refused(threshold: float) -> None:
    with pytest.raises(InvalidArgument, match="not a Jaccard similarity"):
        NearDuplicateIndex(threshold=threshold)


# --- Corpus events ------------------------------------------------------------------------------


def mention(article_id: str, event_id: str = "e1", **fields: Any) -> EventMention:
    """A police arrest of protesters in France, reported on 2025-08-23, unless told otherwise."""
    base = EventMention(
        article_id=article_id,
        event_id=event_id,
        source_code="FRACOP",
        target_code="FRAOPP",
        cameo="173",
        modality="asserted",
        date="2025-08-22",
        publisher="Wirenews",
        published="2025-08-23",
        confidence=0.8,
    )
    return replace(base, **fields)


def only(events: list[CorpusEvent]) -> CorpusEvent:
    assert len(events) == 1, [e.num_mentions for e in events]
    return events[0]


def test_three_articles_from_two_publishers_are_one_corpus_event() -> None:
    mentions = [
        mention("wire-1", published="2025-08-22", date="2025-08-22", confidence=0.7),
        mention("wire-2", published="2025-08-23", date="2025-08-23", confidence=0.9, duplicate_of="wire-1"),
        mention("paper-1", publisher="Daily Courier", published="2025-08-24", date="2025-08-22", confidence=0.6),
    ]
    event = only(link_events(mentions))
    assert (event.num_mentions, event.num_articles, event.num_sources) == (3, 3, 2)
    assert event.num_originals == 2  # wire-2 copies wire-1
    assert (event.first_seen, event.last_seen) == ("2025-08-22", "2025-08-24")
    assert (event.date, event.last_date) == ("2025-08-22", "2025-08-23")
    assert (event.best.article_id, event.best.confidence) == ("wire-2", 0.9)
    assert (event.source_code, event.target_code, event.cameo, event.modality) == (
        "FRACOP",
        "FRAOPP",
        "173",
        "asserted",
    )


def test_a_publisher_is_counted_once_whatever_its_spelling() -> None:
    mentions = [mention("a", publisher="Wirenews"), mention("b", publisher=" wirenews "), mention("c", publisher=None)]
    assert only(link_events(mentions)).num_sources == 1


def test_two_mentions_in_one_article_count_one_article() -> None:
    event = only(link_events([mention("a", "e1"), mention("a", "e2")]))
    assert (event.num_mentions, event.num_articles) == (2, 1)


def test_dates_two_days_apart_stay_apart() -> None:
    events = link_events([mention("a", date="2025-08-20"), mention("b", date="2025-08-22")])
    assert [e.date for e in events] == ["2025-08-20", "2025-08-22"]
    assert len({e.corpus_event_id for e in events}) == 2


def test_dates_a_day_apart_link_and_chain() -> None:
    days = ["2025-08-20", "2025-08-21", "2025-08-22"]
    event = only(link_events([mention(f"a{i}", date=day) for i, day in enumerate(days)]))
    assert (event.date, event.last_date, event.num_articles) == ("2025-08-20", "2025-08-22", 3)


def test_a_tolerance_of_zero_links_the_same_day_only() -> None:
    events = link_events([mention("a", date="2025-08-21"), mention("b", date="2025-08-22")], day_tolerance=0)
    assert len(events) == 2


def test_a_day_with_a_time_of_day_is_that_day() -> None:
    event = only(link_events([mention("a", date="2025-08-22TMO"), mention("b", date="2025-08-22")]))
    assert event.date == "2025-08-22"


def test_events_without_a_source_stay_apart() -> None:
    mentions = [mention("a", source_code=None), mention("b", source_code=None), mention("c", source_code="")]
    events = link_events(mentions)
    assert len(events) == 3
    assert all(e.num_mentions == 1 for e in events)


def test_undated_events_stay_apart() -> None:
    assert len(link_events([mention("a", date=None), mention("b", date=None)])) == 2


def test_a_coarse_date_links_only_the_same_value() -> None:
    events = link_events(
        [
            mention("a", date="2025-W34"),
            mention("b", date="2025-W34"),
            mention("c", date="2025-08-20"),  # a day of week 34: not the same value
            mention("d", date="2025-08"),
        ]
    )
    assert sorted((e.date, e.num_articles) for e in events) == [("2025-08", 1), ("2025-08-20", 1), ("2025-W34", 2)]


@pytest.mark.parametrize(
    "change",
    [
        {"target_code": "FRAGOV"},
        {"target_code": None},
        {"cameo": "172"},
        {"modality": "negated"},
        {"source_code": "DEUCOP"},
    ],
)
def test_a_different_key_field_is_a_different_event(change: dict[str, Any]) -> None:
    assert len(link_events([mention("a"), mention("b", **change)])) == 2


def test_the_corpus_event_id_is_stable_across_runs_and_input_order() -> None:
    mentions = [
        mention("a", date="2025-08-21"),
        mention("b", date="2025-08-22"),
        mention("c", date="2025-08-26"),
        mention("d", source_code=None),
        mention("e", date="2025-W34"),
    ]
    first = link_events(mentions)
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    again = link_events(shuffled)
    assert [(e.corpus_event_id, [(m.article_id, m.event_id) for m in e.mentions]) for e in first] == [
        (e.corpus_event_id, [(m.article_id, m.event_id) for m in e.mentions]) for e in again
    ]
    # Pinned: a hash of the key and first date, the same in every process (no hash(), no counter).
    assert first[0].date == "2025-08-21"
    assert first[0].corpus_event_id == "ce-0aa45ed9fddafde913b417ec"


def test_a_mention_given_twice_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="given twice"):
        link_events([mention("a"), mention("a")])


@pytest.mark.parametrize("tolerance", [-1, True])
def test_a_negative_or_boolean_tolerance_is_refused(tolerance: int) -> None:
    with pytest.raises(InvalidArgument, match="day_tolerance"):
        link_events([mention("a")], day_tolerance=tolerance)
