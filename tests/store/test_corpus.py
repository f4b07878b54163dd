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
    """A police arrest of protesters in France on 2025-08-22, a date its text gave ("on
    Friday"), reported on 2025-08-23, unless told otherwise."""
    base = EventMention(
        article_id=article_id,
        event_id=event_id,
        source_code="FRACOP",
        target_code="FRAOPP",
        cameo="173",
        modality="asserted",
        date="2025-08-22",
        publisher="wirenews.com",
        published="2025-08-23",
        confidence=0.8,
        date_timex="T1",
    )
    return replace(base, **fields)


def only(events: list[CorpusEvent]) -> CorpusEvent:
    assert len(events) == 1, [(e.num_mentions, e.reason) for e in events]
    return events[0]


def test_three_articles_from_two_publishers_are_one_corpus_event() -> None:
    # the wire the same day ("today"), its copy the next day ("yesterday"), a paper two days on ("on Friday")
    mentions = [
        mention("wire-1", published="2025-08-22", date="2025-08-22", confidence=0.7),
        mention("wire-2", published="2025-08-23", date="2025-08-22", confidence=0.9, duplicate_of="wire-1"),
        mention("paper-1", publisher="courier.co.uk", published="2025-08-24", date="2025-08-22TNI", confidence=0.6),
    ]
    event = only(link_events(mentions))
    assert (event.num_mentions, event.num_articles, event.num_sources) == (3, 3, 2)
    assert event.num_originals == 2  # wire-2 copies wire-1
    assert (event.first_seen, event.last_seen) == ("2025-08-22", "2025-08-24")
    assert (event.date, event.last_date) == ("2025-08-22", "2025-08-22")
    assert (event.best.article_id, event.best.confidence) == ("wire-2", 0.9)
    assert (event.source_code, event.target_code, event.cameo, event.modality) == (
        "FRACOP",
        "FRAOPP",
        "173",
        "asserted",
    )


def test_sources_count_distinct_publishers_and_none_for_an_unknown_one() -> None:
    # Publishers come folded to one name each (storyline.store.publishers): equal names are one.
    mentions = [mention("a"), mention("b", publisher="wirenews.com"), mention("c", publisher=None)]
    event = only(link_events(mentions))
    assert (event.num_articles, event.num_sources) == (3, 1)


def test_two_mentions_in_one_article_count_one_article() -> None:
    event = only(link_events([mention("a", "e1"), mention("a", "e2")]))
    assert (event.num_mentions, event.num_articles) == (2, 1)


def test_days_apart_stay_apart() -> None:
    # one day apart, the same source, target, code and modality are as often two acts as one
    # (the Bank of England's money-market help on two days): see DEFAULT_DAY_TOLERANCE
    events = link_events([mention("a", date="2025-08-21"), mention("b", date="2025-08-22")])
    assert [e.date for e in events] == ["2025-08-21", "2025-08-22"]
    assert len({e.corpus_event_id for e in events}) == 2
    assert all(
        e.reason == "alone: no other mention of its source, target, code and modality on the same day" for e in events
    )


def test_dates_within_the_tolerance_of_the_earliest_link_and_do_not_chain() -> None:
    days = ["2025-08-20", "2025-08-21", "2025-08-22"]
    events = link_events([mention(f"a{i}", date=day) for i, day in enumerate(days)], day_tolerance=1)
    # every two mentions of a corpus event lie within the tolerance: day 22 is two days from 20
    assert [(e.date, e.last_date, e.num_articles) for e in events] == [
        ("2025-08-20", "2025-08-21", 2),
        ("2025-08-22", "2025-08-22", 1),
    ]


def test_a_tolerance_of_a_day_links_the_next_day() -> None:
    event = only(link_events([mention("a", date="2025-08-21"), mention("b", date="2025-08-22")], day_tolerance=1))
    assert event.reason.endswith("2025-08-21 to 2025-08-22 (within 1 day)")


def test_a_day_with_a_time_of_day_is_that_day() -> None:
    event = only(link_events([mention("a", date="2025-08-22TMO"), mention("b", date="2025-08-22")]))
    assert event.date == "2025-08-22"


def test_events_without_a_source_stay_apart() -> None:
    mentions = [mention("a", source_code=None), mention("b", source_code=None), mention("c", source_code="")]
    events = link_events(mentions)
    assert len(events) == 3
    assert all(e.num_mentions == 1 and e.reason == "alone: no source actor" for e in events)


def test_undated_events_stay_apart() -> None:
    assert len(link_events([mention("a", date=None), mention("b", date=None)])) == 2


@pytest.mark.parametrize(
    "value",
    [
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
        "XXXX-WXX-5",
        "P7Y",
        "PT24H",
        "2025-W34",
        "2025-08",
        "2025",
        "2025-02-30",
    ],
)
def test_a_date_that_is_no_calendar_day_links_nothing(value: str) -> None:
    # PRESENT_REF, "the week", "in August", a weekday without its week or a duration could be
    # any of many days: two reports dated so are not known to tell one act.
    events = link_events([mention("a", date=value), mention("b", date=value)])
    assert [e.num_mentions for e in events] == [1, 1]
    assert {e.reason for e in events} == {f"alone: its date {value} is not a calendar day"}


def test_a_date_the_text_did_not_give_links_nothing() -> None:
    # the publication date stands in where the event's own text gives none: it could be any day before
    events = link_events([mention("a", date_timex=None), mention("b", date_timex=None), mention("c")])
    assert sorted(e.num_mentions for e in events) == [1, 1, 1]
    assert sorted(e.reason for e in events)[0] == "alone: no date of its own (the article's publication date stands in)"


@pytest.mark.parametrize("cameo", ["010", "012", "018", "020", "0256"])
def test_a_statement_or_appeal_with_no_target_never_links(cameo: str) -> None:
    # "USAGOV said", twice on one day: two things said, not one act told twice
    events = link_events([mention("a", cameo=cameo, target_code=None), mention("b", cameo=cameo, target_code=None)])
    assert [e.num_mentions for e in events] == [1, 1]
    assert all(e.reason == f"alone: a statement or appeal ({cameo}) with no target" for e in events)


@pytest.mark.parametrize("cameo", ["010", "020"])
def test_a_statement_or_appeal_to_a_target_links(cameo: str) -> None:
    event = only(link_events([mention("a", cameo=cameo), mention("b", cameo=cameo)]))
    assert event.num_articles == 2


@pytest.mark.parametrize("cameo", ["190", "173", "036", "057"])
def test_an_act_more_specific_than_a_statement_links_with_no_target(cameo: str) -> None:
    event = only(
        link_events([mention("a", cameo=cameo, target_code=None), mention("b", cameo=cameo, target_code=None)])
    )
    assert (event.num_articles, event.target_code) == (2, None)


def test_every_corpus_event_keeps_the_reason_it_was_made() -> None:
    events = link_events(
        [
            mention("a", date="2025-08-22"),
            mention("b", date="2025-08-22TNI"),
            mention("c", cameo="190", date="2025-08-25"),
            mention("d", source_code=None),
        ]
    )
    reasons = {tuple(m.article_id for m in e.mentions): e.reason for e in events}
    assert reasons == {
        ("a", "b"): "linked: 2 mentions with the same source, target, code and modality, each with a date of "
        "its own, 2025-08-22 (on the same day)",
        ("c",): "alone: no other mention of its source, target, code and modality on the same day",
        ("d",): "alone: no source actor",
    }


# A story and the mention in it that names the act again ("the arrests"): V2 refers to V1.
NAMED_AGAIN = [mention("a", "V1"), mention("a", "V2", cameo="170", date="PRESENT_REF", refers_to="V1")]


def test_a_mention_naming_the_act_again_is_one_of_its_mentions_and_counted() -> None:
    event = only(link_events([*NAMED_AGAIN, mention("b", "V1")]))
    assert sorted((m.article_id, m.event_id) for m in event.mentions) == [("a", "V1"), ("a", "V2"), ("b", "V1")]
    assert (event.num_mentions, event.num_articles) == (3, 2)
    assert event.cameo == "173" and event.best.event_id == "V1"  # the act as told, not as named again
    assert event.reason.endswith("; 1 more naming it again in the same article")


def test_a_mention_naming_the_act_again_follows_a_chain_and_an_act_alone() -> None:
    chain = [
        mention("a", "V1", date_timex=None),  # alone: no date of its own
        mention("a", "V2", refers_to="V1"),
        mention("a", "V3", refers_to="V2"),
    ]
    event = only(link_events(chain))
    assert event.num_mentions == 3 and event.best.event_id == "V1"


def test_a_mention_naming_again_an_act_of_another_modality_stands_alone() -> None:
    # "Nato will send troops ... The deployment ...": the future act and an asserted one are not one event
    events = link_events([mention("a", "V1", modality="future"), mention("a", "V2", refers_to="V1")])
    assert sorted((e.modality, e.num_mentions) for e in events) == [("asserted", 1), ("future", 1)]
    alone = next(e for e in events if e.modality == "asserted")
    assert alone.reason == "alone: names again V1, which is future, as asserted"


def test_every_mention_is_in_one_corpus_event_of_its_modality() -> None:
    mentions = [
        *NAMED_AGAIN,
        mention("b", "V1"),
        mention("b", "V2", modality="negated", refers_to="V1"),
        mention("c", "V1", refers_to="V9"),  # names an event that is not there
        mention("d", "V1", source_code=None),
    ]
    events = link_events(mentions)
    linked = [(m.article_id, m.event_id) for e in events for m in e.mentions]
    assert sorted(linked) == sorted((m.article_id, m.event_id) for m in mentions)  # each once
    assert all(e.num_mentions == len(e.mentions) for e in events)
    assert all({m.modality for m in e.mentions} == {e.modality} for e in events)


# --- near-duplicate copies: the same sentence told again ---------------------------------------

SAID = "The ministry said on Monday that talks would resume."


def test_a_copy_telling_an_act_in_the_same_sentence_is_one_of_its_mentions() -> None:
    # a statement to no one with no date of its own: alone in one article, but the copy re-sent
    # the next day repeats the very sentence, so the two are one act told twice
    said = {"cameo": "010", "target_code": None, "date": "PRESENT_REF", "date_timex": None, "sentence": SAID}
    original = mention("a", "V3", **said)
    copy = mention("b", "V2", **said, duplicate_of="a", published="2025-08-24")
    event = only(link_events([original, copy]))
    assert (event.num_mentions, event.num_articles, event.num_originals) == (2, 2, 1)
    assert event.reason == (
        "copied: told in the same sentence by 1 near-duplicate copy of its article; otherwise alone: "
        "no date of its own (the article's publication date stands in)"
    )
    # and a copy of that copy follows it to the original
    again = mention("c", "V1", **said, duplicate_of="b", published="2025-08-24")
    assert only(link_events([original, copy, again])).num_articles == 3


@pytest.mark.parametrize(
    "change",
    [
        {"sentence": "The ministry said talks would not resume."},  # another sentence
        {"duplicate_of": None},  # the same words in an article that is no copy
        {"duplicate_of": "z"},  # a copy of another article
        {"published": "2025-08-30"},  # a templated report a week later
        {"date": "2025-08-24", "date_timex": "T1"},  # the same words about another day: a templated report
        {"cameo": "012"},  # another act in the same sentence
    ],
)
def test_only_the_same_sentence_in_a_copy_of_days_before_is_the_same_act(change: dict[str, Any]) -> None:
    said = {"cameo": "010", "target_code": None, "date": "PRESENT_REF", "date_timex": None, "sentence": SAID}
    copy = {**said, "duplicate_of": "a", "published": "2025-08-24", **change}
    assert len(link_events([mention("a", "V3", **said), mention("b", "V2", **copy)])) == 2


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
        mention("b", date="2025-08-21TMO"),
        mention("c", date="2025-08-26"),
        mention("d", source_code=None),
        mention("e", date="2025-W34"),
        mention("a", "e2", refers_to="e1"),
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
