"""An event's own date: from its clause, its sentence, or the publication day only for what
news tells as of today; a past act with no date of its own has none."""

from __future__ import annotations

import pytest

from storyline import process
from storyline.stages.s03_annotate.nlp import load_model
from storyline.stages.s11_events.dates import event_date, precision

PUBLISHED = "2025-05-07"  # a Wednesday


def _dates(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Each event's trigger -> (date value, basis)."""
    document = process(text, published=PUBLISHED)
    return {e.trigger.text: (e.date.value, e.date.basis) if e.date else (None, None) for e in document.events}


def test_a_past_act_with_no_date_of_its_own_is_not_put_on_the_publication_day() -> None:
    assert _dates("Rebels attacked an army post near the border.")["attacked"] == (None, None)
    assert _dates("The Teamsters union has filed a lawsuit against the ban.")["filed"] == (None, None)


def test_what_news_tells_as_of_today_takes_the_publication_day() -> None:
    assert _dates("The union is protesting against the new law.")["protesting"] == (PUBLISHED, "published")
    assert _dates("Police said they arrested 12 people.")["said"] == (PUBLISHED, "published")
    # an act in the simple past that a statement reports is of the statement's day
    assert _dates("Pakistani officials say an Indian missile strike on a mosque killed 13 people.")["killed"] == (
        PUBLISHED,
        "published",
    )


def test_an_act_below_a_modal_clause_is_not_reported_as_new() -> None:
    text = "Analysts say the sanctions may have a large impact, as they did when Gondor attacked Rohan."
    assert _dates(text)["attacked"] == (None, None)


def test_a_date_in_the_clause_wins_and_one_below_it_is_another_acts() -> None:
    assert _dates("Rebels attacked an army post on Monday.")["attacked"] == ("2025-05-05", "clause")
    # 1991 is when the agreement was reached, not when Russia claims it was broken
    assert _dates("Russia claims that Ukraine violated an agreement reached in 1991.")["claims"] == (
        PUBLISHED,
        "published",
    )


@pytest.mark.parametrize(
    ("value", "fineness"),
    [
        ("2025-05-07", "day"),
        ("2025-W19", "week"),
        ("2025-05", "month"),
        ("2025-Q2", "quarter"),
        ("2025-SU", "season"),
        ("2025", "year"),
        ("202", "decade"),
        ("XXXX-WXX-5", None),
        ("PRESENT_REF", None),
    ],
)
def test_precision_says_how_fine_a_value_is(value: str, fineness: str | None) -> None:
    assert precision(value) == fineness


def test_undated_acts_of_the_lead_incidents_kind_take_its_day() -> None:
    text = (
        "Gondor fired missiles into Rohan early on Tuesday, officials in both capitals said. "
        "Six people were killed in the strikes. "
        "Gondor's army has attacked Rohan's border posts many times. "
        "The two sides signed a trade pact."
    )
    found = _dates(text)
    assert found["fired"] == ("2025-05-06", "clause")
    assert found["killed"] == ("2025-05-06", "incident")
    assert found["attacked"] == (None, None)  # the perfect: no telling of that day
    assert found.get("signed", (None, None)) == (None, None)  # another kind of act


def test_no_lead_incident_no_borrowed_day() -> None:
    text = "Gondor fired missiles into Rohan in 2019. Six people were killed in the strikes."
    assert _dates(text)["killed"] == (None, None)


def test_at_the_time_dates_the_act_it_is_said_of_not_one_above_it() -> None:
    assert _dates("Rebels seized the town in 2019. Police arrested the mayor at the time.")["arrested"] == (
        "2019",
        "earlier",
    )
    # "at the time" tells of the mayor, in a clause below the arrest
    assert _dates("Rebels seized the town in 2019. Police arrested a man who was the mayor at the time.")[
        "arrested"
    ] == (None, None)


def test_the_nearest_clause_above_with_a_date_dates_the_act() -> None:
    text = (
        "Last August, the army arrested nine men after an inquiry found they were involved in the attack "
        "on the town in October 2023, in which 1,200 people were killed."
    )
    found = _dates(text)
    assert found["arrested"] == ("2024-08", "clause")
    assert found["killed"] == ("2023-10", "sentence")


def test_a_noun_pointing_back_at_the_lead_incident_takes_its_day() -> None:
    text = (
        "Gondor fired missiles into Rohan early on Tuesday, officials in both capitals said. "
        "A doctor said the death toll from the missile attacks on the city has risen to 19."
    )
    assert _dates(text)["attacks"] == ("2025-05-06", "incident")
    # without "the", the noun need not be the incident's
    assert _dates(text.replace("the missile attacks", "missile attacks"))["attacks"] == (None, None)
    # a noun with a name of its own tells another incident
    other = _dates(text.replace("to 19.", "to 19, a month after the Edoras terror attack."))
    assert other["attacks"] == ("2025-05-06", "incident")
    assert other["attack"] == (None, None)


def test_a_statement_not_yet_made_is_not_of_the_publication_day() -> None:
    assert _dates("The minister will announce new sanctions against Rohan.")["announce"] == (None, None)
    # a statement's verb in the infinitive tells a purpose, not a statement made today
    text = "Gondor's president used a television address to accuse Rohan of shelling the border."
    assert _dates(text)["accuse"] == (None, None)
    # said before the story's time: neither the statement nor what it reports is of the day
    assert _dates("Police had said they arrested 12 people.")["arrested"] == (None, None)
    # "would not comment" is a refusal the day's news reports
    assert _dates("The company would not comment on the rumours.")["comment"] == (PUBLISHED, "published")


def test_a_habit_or_a_condition_told_in_the_present_is_of_no_day() -> None:
    assert _dates("When we protest, police are called to stop us.")["protest"] == (None, None)
    found = _dates("Rohan threatens to strike if Gondor attacks its border.")
    assert found["attacks"] == (None, None)  # a condition, not an act
    assert found["threatens"] == (PUBLISHED, "published")  # the threat is today's, its "if" part of it


def test_a_state_told_in_the_present_is_of_the_day_as_the_parser_reads_it() -> None:
    doc = load_model()("We are fully committed to the search.")
    committed = next(t for t in doc if t.lower_ == "committed")
    assert committed.dep_ == "acomp"  # "are" is its head, not its auxiliary
    date, _ = event_date(committed, [], [], PUBLISHED)
    assert date is not None and (date.value, date.basis) == (PUBLISHED, "published")


def test_a_year_written_before_another_noun_dates_that_noun_alone() -> None:
    found = _dates("Police arrested two men over the 1995 shooting of a guard.")
    assert found["shooting"] == ("1995", "clause")
    assert found["arrested"] == (None, None)  # the arrest is not of 1995
    # a time the clause is told in, and what the noun's own words tell, keep the year
    assert _dates("Police arrested two men during the 1995 riots.")["arrested"] == ("1995", "clause")
    text = "He is charged in three attacks, including the 1996 bombing that killed a guard."
    assert _dates(text)["killed"] == ("1996", "sentence")


def test_narration_goes_on_in_the_day_the_sentence_before_tells() -> None:
    text = "Gondor's army entered Edoras on Monday. Its soldiers arrested the mayor."
    assert _dates(text)["arrested"] == ("2025-05-05", "earlier")
    # and from sentence to sentence
    text = "Gondor's army entered Edoras on Monday. Its soldiers arrested the mayor. They later attacked the police station."
    assert _dates(text)["attacked"] == ("2025-05-05", "earlier")
    # not an act a clause orders before or after another
    text = "Gondor's army entered Edoras on Monday. The town fell soon after its soldiers attacked the police station."
    assert _dates(text)["attacked"] == (None, None)
    # a heading tells no narration
    assert _dates("Army enters Edoras on Monday\n\nIts soldiers arrested the mayor.")["arrested"] == (None, None)
    # a statement keeps the day it is reported on
    text = "Gondor's army entered Edoras on Monday. Rohan warned Gondor against further attacks."
    assert _dates(text)["warned"] == (PUBLISHED, "published")
