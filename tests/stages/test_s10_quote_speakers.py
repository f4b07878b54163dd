"""Who said what, and only what was said: quote speakers named in words, and the cues that
report a belief, a perception or an act, on sentences written for the tests."""

from __future__ import annotations

import pytest

from storyline import process
from storyline.document.records import Quote
from storyline.knowledge.word_classes import word_class


def said(text: str) -> list[Quote]:
    return process(text, published="2025-08-23", check_language=False).quotes


def speech(text: str) -> list[Quote]:
    return [q for q in said(text) if q.act == "speech"]


def test_an_apposition_names_the_person_not_their_town() -> None:
    (q,) = speech("Hayley Walsh, 42, a lecturer from Nottingham, said the march had been peaceful.")
    assert q.speaker_name == "Hayley Walsh"


def test_a_party_and_state_label_is_not_the_speaker() -> None:
    (q,) = speech("Mike Gallagher, R-Wis., said the bill would pass the House next week.")
    assert q.speaker_name == "Mike Gallagher"


def test_the_recipient_of_a_letter_is_not_its_author() -> None:
    (q,) = speech("The Conservatives' letter to Daniel Greenberg said the rules had been broken.")
    assert q.speaker_name != "Daniel Greenberg"
    assert "Conservatives" in (q.speaker_name or "")


def test_an_anonymous_source_keeps_its_description() -> None:
    (q,) = speech("Karl Brandt met the envoys on Monday. A source close to the talks said a deal was near.")
    assert q.speaker is None
    assert q.speaker_name == "A source close to the talks"


def test_a_nationality_before_officials_is_a_label_not_a_speaker() -> None:
    (q,) = speech("Indian officials said the strikes had hit nine sites across the border.")
    assert q.speaker_name == "Indian officials"


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (  # a description stands for the organisation named before it
            "Mexico's National Statistics Institute runs the census every ten years. "
            "The institute said growth was spurred by an expansion in industry.",
            "The institute",
            "National Statistics Institute",
        ),
        (  # "he said" goes on with the speaker quoted last
            "“Things can reverse with one release,” Benjamin Reitzes said. “We have seen this before. "
            "The economy is not booming.”\n\nThe May data is “an unambiguously strong report,” he said.",
            "he",
            "Benjamin Reitzes",
        ),
        (  # "it said" goes on with the organisation quoted last
            "India's army said in a statement that Pakistan had fired artillery along the border. "
            "It said its forces were responding in a calibrated manner.",
            "It",
            "India's army",
        ),
    ],
)
def test_a_source_that_points_back_names_who_it_stands_for(text: str, source: str, speaker: str) -> None:
    last = speech(text)[-1]
    assert last.source is not None and last.source.text == source
    assert last.speaker_name == speaker


def test_it_said_does_not_go_on_with_a_person() -> None:
    assert speech("Karl Brandt said the talks had failed. It said the ministry would appeal.")[-1].speaker_name != (
        "Karl Brandt"
    )


def test_a_question_put_to_the_speaker_is_not_their_speech() -> None:
    found = speech("Asked whether he would stay on as leader, the minister said he had no plans to resign.")
    assert [q.text for q in found] == ["he had no plans to resign"]


def test_a_wh_word_is_no_content() -> None:
    found = said("Here's what economists had to say about the latest jobs data and what it means for rates.")
    assert all((q.content or q).text.strip().lower() not in ("what", "the latest jobs data") for q in found)


@pytest.mark.parametrize(
    ("lemma", "act"),
    [
        ("say", "speech"),
        ("tell", "speech"),
        ("condemn", "speech"),
        ("believe", "belief"),
        ("consider", "belief"),
        ("hear", "perception"),
        ("see", "perception"),
        ("sign", "act"),
        ("authorize", "act"),
    ],
)
def test_a_cue_word_is_classed_by_its_act(lemma: str, act: str) -> None:
    assert word_class(lemma, "report") == act


def test_a_cue_word_not_written_down_is_classed_by_its_vector() -> None:
    assert word_class("proclaim", "report") == "speech"
    assert word_class("suppose", "report") == "belief"


def test_a_belief_is_kept_apart_and_an_act_yields_nothing() -> None:
    text = (
        "The ministry believes that the border will reopen in May. "
        "The president signed an executive order on tariffs on Monday. "
        "Karl Brandt said the talks had failed."
    )
    found = said(text)
    acts = {(q.content or q).text.split()[0]: q.act for q in found}
    assert acts.get("that") == "belief"
    assert "an" not in acts  # "signed an executive order": an act, no record
    assert [q.speaker_name for q in found if q.act == "speech"] == ["Karl Brandt"]


def test_a_description_of_a_person_goes_on_with_the_person_quoted_last() -> None:
    text = (
        "Hayley Walsh, a lecturer from Nottingham, joined the march on Saturday. "
        "“We will not be silenced,” Walsh said. The 42-year-old said the police had been calm."
    )
    assert [q.speaker_name for q in speech(text)] == ["Hayley Walsh", "Hayley Walsh"]


def test_nothing_is_carried_past_a_speaker_no_one_named() -> None:
    text = (
        "“The talks will go on,” Karl Brandt said. A source close to the talks said a deal was near. "
        "The official said the envoys would meet again."
    )
    last = speech(text)[-1]
    assert last.speaker is None and last.speaker_name == "The official"


def test_a_person_set_off_after_the_body_they_speak_for_is_the_speaker() -> None:
    text = "The latest jobs numbers end the recession debate, said the accountants' institute's chief economist, David Brassard."
    (q,) = speech(text)
    assert q.speaker_name == "David Brassard"


def test_who_was_told_is_not_who_said_it() -> None:
    text = "The Indian envoy was told that the strikes violated Pakistan's sovereignty, the ministry said."
    found = speech(text)
    assert found and all(q.speaker_name != "The Indian envoy" for q in found)


def test_a_pronoun_no_one_was_found_for_names_no_speaker() -> None:
    from storyline.document.records import TextSpan
    from storyline.stages.s10_quotes.speakers import Speakers

    text = "His remarks followed a warning."
    speakers = Speakers(text, [])
    assert speakers.name(None, TextSpan.of(text, 0, 3)) is None
    assert speakers.name(None, TextSpan.of(text, 4, 11)) == "remarks"
