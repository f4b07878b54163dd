"""The rule coder (``--events rules``): sentences written to fool a naive coder, one per trap.

The learned head over it has tests of its own (``test_s11_learned.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline import Document, process
from storyline.document.records import Actor, EventDate, Timex
from storyline.knowledge.cameo import lookup
from storyline.stages import s11_events
from storyline.stages.stage import Config

from .conftest import entity, parsed


def events(text: str) -> list[dict[str, Any]]:
    return process(text, published="2025-08-23", check_language=False, events="rules").events


def by_root(text: str, root: str) -> list[dict[str, Any]]:
    return [e for e in events(text) if e.root == root]


def with_caption(before: str, caption: str, after: str) -> Document:
    """An article with a BBC-style caption line between two paragraphs."""
    text = f"{before}\n\nImage caption, {caption}\n\n{after}"
    return process(text, published="2025-08-23", check_language=False, events="rules")


def test_an_asserted_attack_with_its_actors_date_and_place() -> None:
    (attack,) = by_root("On Friday, Ukraine's military struck an oil depot in the Bryansk region.", "19")
    assert attack.modality == "asserted"
    assert attack.source_actor.code == "UKRMIL"  # a metonymic, nominal actor
    assert attack.target_actor.country == "RUS"  # the place it was struck in
    assert attack.date.value == "2025-08-22"
    assert attack.location is not None
    assert attack.quad_class == lookup(attack.cameo).quad_class == 4


def test_no_plans_for_a_meeting_is_not_a_meeting() -> None:
    meetings = by_root("Moscow said there are no plans for a meeting between Putin and Zelensky.", "04")
    assert meetings
    assert all(m.modality != "asserted" for m in meetings)


def test_did_not_is_negated() -> None:
    (meeting,) = by_root("Germany did not meet with Poland on Friday.", "04")
    assert meeting.modality == "negated"


def test_ruled_out_is_an_asserted_rejection_and_a_negated_deployment() -> None:
    found = events("France ruled out sending troops to Ukraine.")
    rejection = [e for e in found if e.root == "12"]
    assert rejection and rejection[0].modality == "asserted"
    assert rejection[0].source_actor.country == "FRA"
    others = [e for e in found if e.root != "12"]
    assert all(e.modality == "negated" for e in others)


def test_a_conditional_is_hypothetical() -> None:
    found = events("If Iran attacks Israel, the region will burn.")
    attacks = [e for e in found if e.root in ("18", "19")]
    assert attacks and attacks[0].modality == "hypothetical"


def test_a_treaty_article_describes_no_attack() -> None:
    found = events("Nato's charter considers an attack on one member an attack on all.")
    assert not [e for e in found if e.root in ("18", "19", "20") and e.modality == "asserted"]


@pytest.mark.parametrize(
    "text",
    ["Japan will visit China next week.", "Japan agreed to visit China next week.", "Japan plans to visit China."],
)
def test_what_lies_ahead_is_future(text: str) -> None:
    visits = [e for e in events(text) if e.cameo.startswith("04") and e.source_actor.country == "JPN"]
    assert visits and all(v.modality == "future" for v in visits)


def test_reported_speech_yields_the_speakers_statement_and_the_reported_event() -> None:
    found = events("Sergei Lavrov said Russia had accused Ukraine of sabotage.")
    accusation = [e for e in found if e.root == "11"]
    assert accusation
    assert accusation[0].source_actor.country == "RUS"
    lavrov = next(
        e
        for e in process(
            "Sergei Lavrov said Russia had accused Ukraine of sabotage.", check_language=False, events="rules"
        ).entities
        if e.name == "Sergei Lavrov"
    )
    assert accusation[0].reported_by == lavrov.id


def test_a_statement_that_reports_no_event_is_a_statement() -> None:
    found = events("Sergei Lavrov said the weather in Moscow was cold.")
    assert [e.cameo for e in found] == ["010"]


def test_the_passive_puts_the_agent_first() -> None:
    found = by_root("Israel was attacked by Iran on Friday.", "19") or by_root(
        "Israel was attacked by Iran on Friday.", "18"
    )
    assert found
    assert found[0].source_actor.country == "IRN"
    assert found[0].target_actor.country == "ISR"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("On Monday, Kyiv rejected the proposal made by Moscow.", "UKRGOV"),
        ("The Kremlin rejected the proposal.", "RUSGOV"),
    ],
)
def test_a_capital_or_a_seat_stands_for_its_government(text: str, code: str) -> None:
    (rejection,) = by_root(text, "12")
    assert rejection.source_actor.code == code


def test_the_same_event_said_twice_is_merged() -> None:
    found = by_root("France condemned Russia on Friday. France condemned Russia on Friday.", "11")
    assert len(found) == 1


def test_a_pronoun_in_reported_words_is_the_speaker() -> None:
    found = events("Sergei Lavrov said he would visit China next week.")
    intents = [e for e in found if e.root == "03"]
    assert intents and intents[0].modality == "asserted"
    visits = [e for e in found if e.root == "04"]
    assert visits and visits[0].modality == "future" and visits[0].reported_by == visits[0].source


def test_an_event_without_a_codable_actor_is_kept_without_a_source() -> None:
    (protest,) = by_root("Thousands of farmers protested outside the ministry on Friday.", "14")
    assert protest.source is None and protest.source_actor is None
    assert protest.modality == "asserted"
    (coded,) = by_root("Germany protested outside the ministry on Friday.", "14")
    assert coded.source_actor.code == "DEU"
    assert protest.confidence < coded.confidence  # no actor: less sure


def test_ready_to_meet_is_not_a_meeting() -> None:
    meetings = by_root("Putin is ready to meet with Zelensky once the agenda is agreed.", "04")
    assert meetings and all(m.modality == "future" for m in meetings)
    assert {m.source_actor.code for m in meetings if m.source_actor} <= {"RUS", "RUSGOV"}


def test_the_subject_reaches_a_verb_after_a_preposition() -> None:
    (expelling,) = by_root("Hungary has resorted to expelling Russian diplomats.", "16")
    assert expelling.source_actor.code == "HUN"


def test_each_coordinated_actor_gets_its_own_event() -> None:
    found = by_root("Germany, France and Italy condemned Iran on Tuesday.", "11")
    assert sorted((e.source_actor.code, e.target_actor.code) for e in found) == [
        ("DEU", "IRN"),
        ("FRA", "IRN"),
        ("ITA", "IRN"),
    ]


def test_cooperation_between_coordinated_actors_is_mutual_and_conflict_is_not() -> None:
    signed = by_root("Germany and France signed a trade agreement on Tuesday.", "05")
    assert sorted((e.source_actor.code, e.target_actor.code) for e in signed) == [
        ("DEU", "FRA"),
        ("FRA", "DEU"),
    ]
    condemned = by_root("Germany and France condemned the decision on Tuesday.", "11")
    assert sorted(e.source_actor.code for e in condemned) == ["DEU", "FRA"]
    assert all(e.target_actor is None for e in condemned)  # not each other


def test_a_name_in_the_users_actor_dictionary_is_an_actor_where_the_model_saw_nothing(tmp_path: Path) -> None:
    dictionary = tmp_path / "fictional.toml"
    dictionary.write_text('[[igo]]\nname = "ELDMARK"\ncode = "ELD"\n', encoding="utf-8")
    text = "Eldmark condemned Iran on Tuesday."  # a name the model does not tag
    plain = process(text, published="2025-08-23", check_language=False, events="rules")
    assert not any(e.name == "Eldmark" for e in plain.entities)
    doc = process(text, published="2025-08-23", check_language=False, actors=[dictionary], events="rules")
    (event,) = [e for e in doc.events if e.root == "11"]
    assert event.source_actor.code == "ELD" and event.target_actor.code == "IRN"


def test_the_agenda_for_a_meeting_is_no_meeting() -> None:
    # the leaders are actors now ("Estonian and Latvian leaders"): the meeting must still not be asserted
    meetings = by_root(
        "Tallinn said the agenda for a meeting between the Estonian and Latvian leaders was not ready.", "04"
    )
    assert meetings and all(m.modality == "future" for m in meetings)


def test_an_unnamed_group_is_an_events_source() -> None:
    (attack,) = by_root("Serb forces shelled the village of Brezna on Friday.", "19")
    assert attack.source_actor.code == "SRBMIL"


def test_an_announced_act_is_an_asserted_intent_and_a_future_act() -> None:
    found = events("Finland will send medical supplies to Chad next month.")
    aid = [e for e in found if e.root == "07"]
    intent = [e for e in found if e.derived == "intent"]
    assert aid and aid[0].modality == "future"  # the sending has not happened
    assert [(e.cameo, e.modality, e.source_actor.code) for e in intent] == [("033", "asserted", "FIN")]
    assert intent[0].target_actor.code == "TCD" and intent[0].plover == "AGREE"


def test_an_act_that_depends_on_the_other_side_is_a_threat() -> None:
    found = events("Norway will withdraw its observers from Mali unless the fighting stops.")
    (threat,) = [e for e in found if e.derived == "intent"]
    assert threat.cameo == "130" and threat.source_actor.code == "NOR"


def test_reported_or_past_acts_derive_no_intent() -> None:
    assert not [e for e in events("Finland sent medical supplies to Chad.") if e.derived]
    # the speaker's intent is the statement's: one intent, by the speaker, not a second by the narrator
    found = events("Finland's foreign minister Aino Salo said Finland will send medical supplies to Chad.")
    assert not [e for e in found if e.derived]


def test_a_caption_is_coded_and_marked_with_its_index() -> None:
    doc = with_caption(
        "Sweden and Norway signed a fisheries accord on Tuesday, officials said.",
        "Prime Minister Erna Lund visited Stockholm earlier this week",
        "Norwegian Prime Minister Erna Lund said the accord would protect cod stocks.",
    )
    (caption,) = doc.captions
    (visit,) = [e for e in doc.events if e.caption is not None]
    assert visit.caption == 0 and visit.root == "04"
    # offsets index the caption's text; the speaker is the body's entity, with what the body knows of her
    assert caption.text[visit.trigger.start : visit.trigger.end] == "visited"
    lund = next(e for e in doc.entities if e.name == "Erna Lund")
    assert visit.source == lund.id and visit.source_actor.code == "NORGOV"
    assert visit.target_actor.code == "SWEGOV"
    assert visit.date == EventDate(None, "2025-W34", basis="caption", precision="week")
    assert all(e.caption is None for e in doc.events if e is not visit)
    assert [e.id for e in doc.events] == [f"V{n}" for n in range(1, len(doc.events) + 1)]


def test_the_target_of_condemning_an_attack_is_the_attacker() -> None:
    found = events("Poland condemned an attack by Belarusian soldiers in Lithuania on Thursday.")
    (condemn,) = [e for e in found if e.root == "11" or e.cameo.startswith("12")]
    assert condemn.source_actor.code == "POL" and condemn.target_actor.code == "BLRMIL"


def test_a_possessed_body_is_the_target_not_its_owner() -> None:
    (ties,) = [
        e for e in events("Chile restored diplomatic ties with Peru's government.") if e.trigger.text == "restored"
    ]
    assert ties.target_actor.code == "PERGOV"


def test_a_group_of_a_users_state(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text('[[group]]\nname = "Valdor"\ncode = "VLD"\ncountry = "VLD"\nsector = ""\n')
    doc = process(
        "Valdor soldiers shelled the border town of Kesh.", check_language=False, actors=[str(actors)], events="rules"
    )
    (attack,) = [e for e in doc.events if e.root == "19"]
    assert attack.source_actor.code == "VLDMIL"


def test_saying_another_must_act_is_a_demand_on_it() -> None:
    found = events("Poland said on Tuesday that Belarus must release the detained journalists.")
    (demand,) = [e for e in found if e.root == "10"]
    assert demand.source_actor.code == "POL" and demand.target_actor.code == "BLR"
    assert demand.modality == "asserted" and demand.plover == "REQUEST"


def test_a_must_deep_in_the_reported_words_is_not_the_speakers_demand() -> None:
    found = events("Poland said the principles that Belarus believes must be accepted were unclear.")
    assert not [e for e in found if e.root == "10"]


def test_saying_one_will_not_cooperate_is_a_rejection() -> None:
    found = events("Chile says it will not accept any more refugees from Peru.")
    assert [e.source_actor.code for e in found if e.root == "12"] == ["CHL"]


def test_a_reported_ultimatum_is_a_threat() -> None:
    found = events("Norway announced that it will withdraw its observers from Mali unless the fighting stops.")
    assert [e.source_actor.code for e in found if e.cameo == "130"] == ["NOR"]


def test_a_purpose_is_not_yet_done() -> None:
    found = events("Poland sent two envoys to Minsk to negotiate with Belarus.")
    talks = [e for e in found if e.trigger.text == "negotiate"]
    assert talks and talks[0].modality == "future"


def test_a_past_participle_clause_takes_its_by_agent_as_source() -> None:
    found = events("Chile protested over a fishing boat seized by Peruvian troops on Monday.")
    seized = [e for e in found if e.trigger.text == "seized"]
    assert seized and seized[0].source_actor.code == "PERMIL"


def test_a_caption_tells_in_the_present_and_who_gathers_after_an_attack_did_not_attack() -> None:
    doc = with_caption(
        "Russian missiles struck Kharkiv on Friday, officials said.",
        "Ukrainian rescuers gather in Kharkiv after an air attack on the city",
        "The mayor said repairs would take weeks.",
    )
    (attack,) = [e for e in doc.events if e.caption == 0 and e.root == "19"]
    assert attack.modality == "asserted"  # not a rule: captions narrate in the present
    assert attack.source_actor is None  # the rescuers gathered after it; they did not attack


def test_those_who_meet_after_an_attack_are_not_its_source() -> None:
    (attack,) = by_root("Estonian officials met in Tallinn after an attack on the border post.", "19")
    assert attack.source_actor is None


# --- the stage alone: a parse and hand-made records ----------------------------------------


def test_the_stage_codes_from_the_records_it_is_given(config: Config) -> None:
    cfg = config
    text = "Gondor attacked Rohan on Monday."
    gondor = entity(text, "Gondor", "GPE", 1, actor=Actor("GON", country="GON"))
    rohan = entity(text, "Rohan", "GPE", 2, actor=Actor("ROH", country="ROH"))
    monday = Timex("T1", "Monday", text.index("Monday"), text.index("Monday") + 6, "DATE", "2025-03-10")
    work = parsed(cfg, text, entities=[gondor, rohan], timexes=[monday])
    s11_events.STAGE.run(work, cfg)
    (attack,) = work.events
    assert attack.cameo.startswith("19") and attack.modality == "asserted"
    assert (attack.source, attack.target) == ("E1", "E2") and attack.source_actor is gondor.actor
    assert attack.date == EventDate("T1", "2025-03-10", basis="clause", precision="day")

    unknown = parsed(cfg, text, entities=[entity(text, "Gondor", "GPE", 1), rohan], timexes=[monday])
    s11_events.STAGE.run(unknown, cfg)
    assert [(e.source, e.target) for e in unknown.events] == [(None, "E2")]  # no actor given: no source


def test_two_events_with_no_known_doer_are_never_merged_and_far_tellings_stay_apart() -> None:
    found = events(
        "Twenty men were arrested in the east on Friday. Officials met on Saturday. "
        "Ten more people were arrested in the west on Friday."
    )
    arrests = [e for e in found if e.cameo == "173"]
    assert len(arrests) == 2 and all(e.source is None for e in arrests)


def test_the_police_named_bare_are_an_actor_of_their_sector() -> None:
    found = events("Police arrested 12 people on Friday. Later the police lathicharged the crowd.")
    arrest = next(e for e in found if e.cameo == "173")
    assert arrest.source_actor is not None and arrest.source_actor.sector == "COP"
    assert any(e.cameo == "175" and e.source_actor is not None and e.source_actor.sector == "COP" for e in found)


def test_custody_and_booking_are_arrests_but_a_booked_flight_is_no_event() -> None:
    assert [e.cameo for e in events("Twenty men were taken into custody on Friday.")] == ["173"]
    assert "173" in [e.cameo for e in events("He was booked for murder on Friday.")]
    assert events("She booked a flight to Delhi on Friday.") == []


def test_a_participle_of_taking_part_names_its_doer() -> None:
    found = events("Serbian forces were engaged in ethnic cleansing in the province, officials said.")
    cleansing = next(e for e in found if e.root == "20" or e.root == "18" or e.root == "19")
    assert cleansing.source_actor is not None and cleansing.source_actor.country == "SRB"
    assert cleansing.target_actor is None or cleansing.target_actor.country != "SRB"


@pytest.mark.parametrize(
    "text",
    ["Nobody was arrested on Friday.", "No arrests were made on Friday.", "No one has been arrested so far."],
)
def test_a_subject_that_names_no_one_negates_its_clause(text: str) -> None:
    assert [e.modality for e in events(text) if e.cameo == "173"] == ["negated"]


def test_an_ordered_act_is_not_reported_as_done() -> None:
    found = events("The commissioner ordered the police to arrest the rioters on Friday.")
    assert [e.modality for e in found if e.cameo == "173"] == ["future"]


def test_charging_in_words_accuses_and_a_cardiac_arrest_arrests_no_one() -> None:
    assert [e.cameo for e in events("The minister charged that the police had failed on Friday.")][:1] == ["112"]
    assert "173" in [e.cameo for e in events("The three men were charged with murder on Friday.")]
    assert [e.cameo for e in events("He suffered a cardiac arrest on Friday.")] == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Police denied that any arrest has been made in the case.", "negated"),  # a denied claim
        ("Police have not been able to arrest the gunmen.", "negated"),  # inability
        ("The government allowed the army to strike rebel targets.", "future"),  # a permission
    ],
)
def test_denials_inability_and_permission_are_not_reported_as_done(text: str, modality: str) -> None:
    acts = [e for e in events(text) if e.cameo.startswith(("173", "19"))]
    assert acts and all(e.modality == modality for e in acts)


def test_a_ruling_that_states_is_no_denial() -> None:
    assert [e.modality for e in events("The court ruled that the arrest was lawful.") if e.cameo == "173"] == [
        "asserted"
    ]


def test_a_datelines_place_never_acts_or_speaks() -> None:
    doc = process(
        "WELLINGTON, June 18 - Analysts said they were surprised by the budget surplus.",
        published="1987-06-18",
        check_language=False,
        events="rules",
    )
    wellington = next(e for e in doc.entities if e.name == "WELLINGTON")
    assert all(q.speaker != wellington.id for q in doc.quotes)
    assert all(e.source != wellington.id for e in doc.events)


def test_a_dateline_is_parsed_apart_from_the_lead() -> None:
    # read together, "GENEVA, June 3 - The European Community yesterday warned" makes
    # "yesterday" the subject and the Community a conjunct of the date
    found = events("GENEVA, June 3 - The European Community yesterday warned Japan against new import quotas.")
    (warning,) = [e for e in found if e.cameo == "130"]
    assert warning.source_actor is not None and warning.source_actor.code == "IGOEUR"
    assert warning.target_actor is not None and warning.target_actor.country == "JPN"


def test_a_subject_that_names_no_actor_gives_way_to_its_conjunct() -> None:
    (warning,) = [e for e in events("Both the clerk and the police commissioner warned the crowd on Friday.")]
    assert warning.source_actor is not None and warning.source_actor.sector == "COP"


@pytest.mark.parametrize(
    "text",
    [
        "Police have stepped up vigil across the state after the riots.",  # the object parsed as a modifier
        "The police kept a strict vigil on the border on Friday.",
    ],
)
def test_who_steps_up_or_keeps_an_act_does_it(text: str) -> None:
    vigil = next(e for e in events(text) if e.trigger.text == "vigil")
    assert vigil.source_actor is not None and vigil.source_actor.sector == "COP"


def test_a_state_body_named_in_a_story_with_no_home_country_keeps_its_sector() -> None:
    (dispersal,) = events("The State Reserve Police dispersed the crowd on Friday.")
    assert dispersal.source_actor is not None
    assert (dispersal.source_actor.sector, dispersal.source_actor.country) == ("COP", None)


def test_a_definite_event_noun_names_again_the_act_told_before_with_the_same_word() -> None:
    found = events(
        "Iraqi jets attacked an Iranian oil platform on Monday. The attack set the platform on fire, "
        "Iranian officials said. The attack on Tuesday hit a tanker."
    )
    first, other = [e for e in found if e.trigger.text.lower().startswith("attack")]
    assert [m.trigger.text for m in first.mentions] == ["attacked", "attack"]  # one incident, told twice
    assert first.source_actor is not None and first.source_actor.country == "IRQ"
    assert [m.trigger.text for m in other.mentions] == ["attack"]
    assert other.source is None  # its own day: another attack


def test_an_act_a_noun_holds_as_its_infinitive_is_not_yet_done() -> None:
    found = events("Police took steps to arrest the rioters.")
    assert [e.modality for e in found if e.trigger.text == "arrest"] == ["future"]


def test_an_event_that_is_the_subject_of_a_verb_of_planning_is_no_plan() -> None:
    (attack,) = [e for e in events("The attack set the platform on fire on Monday.") if e.trigger.text == "attack"]
    assert attack.modality == "asserted"  # the doer of "set", not a plan "set" for later
    (talks,) = [e for e in events("Israel set talks with Egypt for Monday.") if e.trigger.text == "talks"]
    assert talks.modality == "future"


def test_an_act_told_again_with_the_same_actors_is_one_event_with_both_mentions() -> None:
    found = events(
        "Police arrested opposition leader Ali Hassan in Basra on Monday. Hundreds of people marched "
        "through the city. Officials gave no reason. Police arrested Ali Hassan at his home, his lawyer said."
    )
    (arrest,) = [e for e in found if e.cameo.startswith("173")]
    assert [m.trigger.text for m in arrest.mentions] == ["arrested", "arrested"]
    assert arrest.mentions[0].trigger == arrest.trigger and arrest.mentions[0].evidence == arrest.evidence


def test_acts_by_no_one_named_far_apart_stay_two_events() -> None:
    found = events(
        "Two men were arrested in Basra on Monday. Hundreds of people marched through the city. "
        "Officials gave no reason. Two men were arrested in Mosul."
    )
    assert len([e for e in found if e.cameo.startswith("173")]) == 2


def test_a_hyphenated_verb_codes_as_its_compound() -> None:
    assert [e.cameo for e in events("Valdoria has test-fired a new anti-ship missile.")] == ["150"]
    assert events("The new network hit the air last year.") == []


def test_a_named_doer_no_dictionary_knows_is_the_source_with_no_code() -> None:
    document = process("Maren Holloway accused Acme Corp. of fraud on Tuesday.", check_language=False, events="rules")
    names = {e.id: e.name for e in document.entities}
    (accusation,) = [e for e in document.events if e.root == "11"]
    assert names[accusation.source] == "Maren Holloway"
    assert names[accusation.target] == "Acme Corp."
    assert accusation.source_actor is None and accusation.target_actor is None  # no code is guessed


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Osama bin Laden's al-Qaeda network has threatened to strike the United States.", "IMG"),
        ("A member of the Syrian parliament, Mohammed Mamoun, started a hunger strike yesterday.", "SYR"),
    ],
)
def test_a_coded_actor_comes_before_an_uncoded_name_in_one_phrase(text: str, doer: str) -> None:
    found = [e for e in events(text) if e.root in ("13", "14")]
    assert found and all(e.source_actor is not None and e.source_actor.code.startswith(doer) for e in found)


def test_the_possessor_of_an_arrest_is_the_one_arrested() -> None:
    document = process("Police confirmed Maren Holloway's arrest in Paris.", check_language=False, events="rules")
    names = {e.id: e.name for e in document.entities}
    (arrest,) = [e for e in document.events if e.root == "17"]
    assert names.get(arrest.target or "") == "Maren Holloway"
    assert names.get(arrest.source or "") != "Maren Holloway"


def test_a_bare_statement_by_an_uncoded_speaker_stays_a_quote_only() -> None:
    document = process('"The harvest was late this year," said Maren Holloway.', check_language=False, events="rules")
    assert document.quotes and document.quotes[0].speaker is not None
    assert not [e for e in document.events if e.cameo == "010"]


@pytest.mark.parametrize(
    "text",
    [
        "Sellers are refusing to accept lower prices this spring.",
        "There was much to discuss at the kitchen table.",
        "He acknowledged that he should not admit it too loudly.",
    ],
)
def test_a_verbal_or_cooperative_act_that_names_no_one_is_no_event(text: str) -> None:
    assert not [e for e in events(text) if int(e.root) <= 13]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The minister declined to disclose the terms of the loan.", "01"),  # an office: someone we could not tell
        ("Villagers accuse the company of ignoring their concerns.", "11"),  # a group
        ("Clashes erupted in the capital on Friday.", "19"),  # force is kept alone
    ],
)
def test_an_office_a_group_or_violence_keeps_an_event_with_no_actor_named(text: str, root: str) -> None:
    assert [e for e in events(text) if e.root == root]


def test_an_attempt_is_the_act() -> None:
    found = [e for e in events("Rebels tried to assassinate the governor of Valdoria on Friday.") if e.root == "18"]
    assert found and found[0].modality == "asserted"


def test_people_killed_in_a_countrys_strikes_were_killed_by_that_country() -> None:
    found = events("Six people were killed in the Syrian shelling of the town.")
    killed = next(e for e in found if e.trigger.text == "killed")
    assert killed.source_actor is not None and killed.source_actor.country == "SYR"  # the doer of the act they died in


def test_an_act_noun_done_by_someone_names_its_doer_after_by() -> None:
    found = events("An attack by Turkish jets on the border zone killed two.")
    attack = next(e for e in found if e.trigger.text == "attack")
    assert attack.source_actor is not None and attack.source_actor.country == "TUR"
