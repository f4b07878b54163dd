"""Sense before code: a trigger codes its event only in the sense the code stands for. The
sentences are written for the classes of use each rule is for; none is from a gold set."""

from __future__ import annotations

import pytest

from storyline import process
from storyline.stages.s11_events.senses import police_custody
from storyline.stages.stage import Config

from .conftest import parsed
from .test_s11_events import events


def _codes(text: str) -> dict[str, str]:
    return {e.trigger.text: e.cameo for e in events(text)}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The premier fired his finance minister on Monday.", "fired"),  # a dismissal
        ("Delegates killed time at the airport before the vote.", "killed"),  # an abstraction
        ("The marchers wound their way through the old town.", "wound"),
        ("An earthquake killed two people in the hills on Sunday.", "killed"),  # no one's act
        ("The trade deficit, which hit 58 billion dollars last year, worries the bank.", "hit"),
        ("Ministers toured the flood-hit districts on Friday.", "hit"),  # a hyphenated modifier
        ("Medics evacuated the wounded from the town.", "wounded"),  # a participle used as a noun
        ("The opposition fought the proposed sales tax for months.", "proposed"),  # one describing a noun
        ("The minister will withdraw the sales tax next month.", "withdraw"),
        ("Officials expect the budget goals to be met this year.", "met"),
        ("The president, fighting to regain public confidence, spoke on Tuesday.", "fighting"),
        ("The nominee withdrew in the face of a long battle for confirmation.", "battle"),
        ("The agencies said the system was vital for crime-fighting.", "fighting"),
        ("Oil imports could hit 50 percent of demand by 1995.", "hit"),
        ("The minister is looking for ways to finance the tax reform.", "finance"),
        ("Trade figures released today showed a rise in exports.", "released"),
        ("The central bank intervened to support the dollar on Monday.", "support"),
        ("The minister was talking to reporters on the eve of the meeting.", "talking"),
        ("He was questioned about the affair by the committee.", "questioned"),
        ("The governor may lose his budget battle with the assembly.", "battle"),  # a struggle over an abstraction
        ("A group of the agency's reporters visited the front on Monday.", "visited"),  # the press at work
        ("The lenders would have to recognize a heavy loss on the loans.", "recognize"),
        (
            "He saw nothing that would cause the minister to back away from the plan.",
            "back",
        ),  # a phrasal verb's own sense
        ("The spokesman declined to comment on the reports.", "comment"),  # refused: no statement
        ("The surplus, which hit a record 18 billion dlrs last year, worries the bank.", "hit"),  # an amount
        ("The opposition has been on the offensive since January.", "offensive"),  # a posture
        ("Analysts expect the firm to retaliate with price cuts.", "retaliate"),  # a trade measure
        ("The plan, quickly shot down by the ministry, was revived in May.", "shot"),  # what is described
    ],
)
def test_a_sense_that_is_no_event_codes_nothing(text: str, trigger: str) -> None:
    assert trigger not in _codes(text)


@pytest.mark.parametrize(
    ("text", "trigger", "root"),
    [
        ("Troops fired rockets at the village on Monday.", "fired", "19"),
        ("Police fired on the crowd outside the court.", "fired", "19"),
        ("Gunmen killed 12 villagers near the border.", "killed", "19"),
        ("Security forces tortured scores of refugees, the group said.", "tortured", "18"),
    ],
)
def test_the_violent_sense_stays(text: str, trigger: str, root: str) -> None:
    assert _codes(text)[trigger][:2] == root


def test_attacking_an_idea_is_criticism_and_a_convoy_an_attack() -> None:
    assert _codes("The senator attacked the policy in a speech.")["attacked"] == "111"
    assert _codes("Rebels attacked the convoy near the pass.")["attacked"][:2] == "19"


def test_charged_with_a_failing_accuses_and_with_a_crime_charges() -> None:
    assert _codes("Opposition lawmakers charged the mayor with hypocrisy.")["charged"] == "112"
    assert _codes("Prosecutors charged the mayor with fraud.")["charged"].startswith("173")


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Reyes charged the ruling party of stoking unrest in the north.",  # "of": no charge at law
        "Tomas Reyes charged the government with deliberately letting the unrest spread.",  # a person, no crime
        "The mayor ignored the flooding, Tomas Reyes charged on Sunday.",  # words alone
    ],
)
def test_a_charge_a_person_lays_in_words_accuses(text: str) -> None:
    assert _codes(text)["charged"] == "112"


@pytest.mark.parametrize(
    "text",
    [
        "Police charged two men with theft on Sunday.",
        "Two men were charged with rioting in the capital on Sunday.",
        "Judge Ana Ruiz charged the two men with murder.",  # a person, a crime
    ],
)
def test_a_charge_at_law_stays_a_charge(text: str) -> None:
    assert {c for t, c in _codes(text).items() if t == "charged"} <= {"173"}


def test_a_cooperation_noun_with_no_one_taking_part_is_a_thing_not_an_event() -> None:
    found = _codes("Prices rose on slack demand, and the treaty of 1990 still governs exports.")
    assert "demand" not in found and "treaty" not in found
    assert "046" in _codes("Estonia and Latvia held talks on Monday.").values()  # the light verb codes it


def test_an_arrest_with_no_doer_named_is_the_polices_of_its_place() -> None:
    doc = process(
        "A missionary was arrested in Lebanon on Friday.", published="2025-03-04", check_language=False, events="rules"
    )
    (arrest,) = [e for e in doc.events if e.cameo.startswith("173")]
    assert arrest.source_actor.code == "LBNCOP" and arrest.source_inferred  # type: ignore[union-attr]
    court = process(
        "A court charged him with fraud on Friday.", published="2025-03-04", check_language=False, events="rules"
    )
    assert all(e.source_inferred is None for e in court.events)  # "a court" names a doer, if uncoded


def test_agreeing_that_is_accord_and_a_strike_with_no_weapon_is_a_labour_strike() -> None:
    assert _codes("The minister agreed that much of the blame lay with the bank.")["agreed"] == "019"
    assert _codes("A threatened strike by 55,000 oil workers worried the government.")["strike"] == "143"
    assert _codes("An air strike on the depot killed four soldiers.")["strike"][:2] == "19"


def test_refusing_to_say_declines_comment_and_asking_someone_to_act_is_a_request() -> None:
    assert _codes("The minister declined to disclose the terms of the loan.") == {"declined": "011"}
    assert _codes("The cabinet asked parliament to approve the new tariff schedule.")["asked"] == "020"


def test_an_act_done_without_is_negated() -> None:
    (admission,) = [
        e for e in events("Maren Holloway settled the case without admitting the charges.") if e.cameo == "015"
    ]
    assert admission.modality == "negated"


def test_retaliating_for_an_attack_is_violent() -> None:
    assert "190" in [e.cameo for e in events("Valdoria vowed to retaliate for the rocket attack on its border post.")]


def test_saying_one_will_oppose_is_no_intent_to_cooperate() -> None:
    found = events("Norway said it would oppose the new grain quotas in Geneva.")
    assert "030" not in [e.cameo for e in found]
    assert [e.modality for e in found if e.root == "11"] == ["future"]


@pytest.mark.parametrize(
    "text",
    [
        'Norway said: "They will consider it, should we choose to advance it in April."',  # a condition
    ],
)
def test_a_should_that_binds_no_one_is_no_demand(text: str) -> None:
    assert "100" not in [e.cameo for e in events(text)]


def test_dismissing_speculation_denies_it() -> None:
    assert [e.cameo for e in events("Officials dismissed speculation about an early election.")] == ["016"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "Asked if he planned to visit the U.S. to attend IMF meetings in April, Japan's finance minister "
            "Kiichi Miyazawa said he will make a decision carefully.",
            "Asked",
        ),
        ("The Norwegian prime minister spoke at a televised news conference on Monday.", "conference"),
    ],
)
def test_being_asked_and_a_news_conference_are_no_events(text: str, trigger: str) -> None:
    assert trigger not in _codes(text)


def test_a_joint_press_conference_is_a_meeting_of_its_hosts() -> None:
    found = events("Norway's prime minister held a joint press conference with Sweden's prime minister in Oslo.")
    assert "040" in [e.cameo for e in found]


def test_striking_with_nothing_struck_by_working_people_is_a_labour_strike() -> None:
    assert _codes("Nurses will strike next week over pay.")["strike"] == "143"
    assert _codes("Valdorian jets struck the depot on Monday.")["struck"].startswith("19")


@pytest.mark.parametrize(
    ("text", "verb", "taken"),
    [
        ("Police picked up three men near the station on Monday.", "picked", True),
        ("Ravi Kumar was picked up by the police in Surat.", "picked", True),
        ("The police acted and caught some of them.", "caught", True),
        ("Police picked up the pace of the inquiry.", "picked", False),  # no one taken
        ("The city police clamped restrictions on public meetings.", "clamped", False),
        ("Police prevented the marchers from boarding the trains.", "prevented", False),  # held back
        ("The crowd picked up three men near the station.", "picked", False),  # not the police
    ],
)
def test_the_police_taking_people_is_custody(config: Config, text: str, verb: str, taken: bool) -> None:
    doc = parsed(config, text).doc
    assert doc is not None
    assert police_custody(next(t for t in doc if t.text == verb)) is taken


def test_the_strike_of_a_story_of_air_strikes_is_armed() -> None:
    text = (
        "Valdorian jets carried out air strikes on two towns on Monday. The strike killed four people, officials said."
    )
    assert [e.cameo[:2] for e in events(text) if e.trigger.text == "strike"] == ["19"]
    walkout = "Bus drivers walked out on Monday. The strike closed every route in the city, officials said."
    assert [e.cameo for e in events(walkout) if e.trigger.text == "strike"] == ["143"]
