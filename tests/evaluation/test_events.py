"""``storyline eval events``: the PLOVER and PETRARCH2 readers, the actor converter, and the scoring,
on snippets the test writes and hand-made events whose figures are worked out here."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from storyline.document.records import Actor, Event
from storyline.errors import InvalidArgument
from storyline.evaluation.events import (
    PloverRecord,
    actor_key,
    chosen_event,
    evaluate_events,
    petrarch_code,
    plover_name,
    read_plover,
    score_petrarch,
    score_plover,
)
from storyline.evaluation.petrarch import (
    Coding,
    PetrarchRecord,
    actors_toml,
    parse_actors,
    parse_agents,
    read_records,
    suite_files,
)
from storyline.knowledge.actor_dictionary import load_dictionary

from ..builders import event
from ..conftest import SHARED, need

EVENTS = SHARED / "data" / "events"

PLOVER = [
    {
        "id": "X-1",
        "date": "2001-02-03",
        "text": "Senior Valdorian and Kestrelite officials agreed to reopen the border.",
        "event": "AGREE",
        "source": [
            {"actorText": "Valdorian", "code": "VAL", "sector": "GOV"},
            {"actorText": "Kestrelite", "code": "kes"},
        ],
        "target": None,
    },
    {"id": "X-2", "text": "The mayor demanded that the council resign.", "event": "DEMAND", "target": "diplomatic"},
    {"id": "X-3", "text": "No type was coded for this sentence.", "source": []},
]

RECORDS = """<Validation>
<Environment>
    <Actorfile>my.actors.txt</Actorfile>
    <Agentfile>my.agents.txt</Agentfile>
    <Include>valid DEMO ERROR</Include>
</Environment>
<Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="DEMO-1" category="DEMO" sentence="true">
<!-- two codings -->
<EventCoding sourcecode="VAL" targetcode="KES" eventcode="064"></EventCoding>
<EventCoding sourcecode="KES" targetcode="---" eventcode="023"></EventCoding>
<Text>
Valdoria will restore ties with
Kestrel.
</Text>
<Parse>(ROOT (S (NP (NNP Valdoria))))</Parse>
</Sentence>
<Sentence date="19950102" id="DEMO-2" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950103" id="DEMO-3" category="DEMO" sentence="false">
<EventCoding sourcecode="VAL" targetcode="KES" eventcode="064"></EventCoding>
<Text>Valdoria will restxre ties with Kestrel.</Text>
</Sentence>
<Sentence date="19950104" id="ERR-1" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>A hurricane hit Valdoria.</Text>
</Sentence>
<Sentence date="19950105" id="ODD-1" category="ODDITY" sentence="true">
<EventCoding sourcecode="VAL" targetcode="KES" eventcode="010"></EventCoding>
<Text>Valdoria said something to Kestrel.</Text>
</Sentence>
<Sentence date="19950106" id="DEMO-4" category="DEMO" sentence="true">
<Text>Valdoria was in an accord with nobody.</Text>
</Sentence>
</Sentences>
</Validation>
"""

ACTORS = """<!-- A FICTIONAL ACTOR DICTIONARY
     spread over lines -->
VALDORIA_ [VAL] # a comment
+VALDORIAN
+NEW_VALDORIA

KESTREL
+KESTRELITE
\t[KES]
OLD_MARSHAL
\t[VALMIL < 950601]  # six-digit dates are YYMMDD
\t[VALGOV 19950601 - 19991231]
\t[VALREB > 20000101]
NOBODY  [---]
TWIN_REALMS  [TWA/TWB]
<! -- a malformed comment line -->
"""

AGENTS = """!PERSON! = MAN, MEN
POLICE {} [ ~COP] # no plural
ARMY [~MIL]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
COUNCIL!PERSON! [~LEG]
RIGHTS_BODY [  NGO~]
"""


def _actor(code: str, country: str | None = None, org: str | None = None, sector: str | None = None) -> Actor:
    return Actor(code, country, org, sector)


def _event(
    cameo: str,
    plover: str | None,
    source: Actor | None = None,
    target: Actor | None = None,
    *,
    modality: str = "asserted",
    confidence: float = 0.5,
) -> Event:
    return event(cameo, plover, source, target, modality=modality, confidence=confidence)


# PLOVER -------------------------------------------------------------------------------------


def test_v05_names_map_to_draft_08_and_others_stay() -> None:
    assert plover_name("DEMAND") == "REQUEST"
    assert plover_name("DISAPPROVE") == "ACCUSE"
    assert plover_name("INVESTIGATE") == "ACCUSE"
    assert plover_name("fight") == "ASSAULT"
    assert plover_name("AGREE") == "AGREE"


def test_plover_records_are_read_with_actor_keys(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER), encoding="utf-8")
    records = read_plover(path)
    assert [r.id for r in records] == ["X-1", "X-2"]  # a record without an event type is not gold
    assert records[0].sources == {"VAL", "KES"}
    assert records[0].targets == frozenset()
    assert records[0].date == "2001-02-03"
    assert records[1].event == "REQUEST"  # DEMAND, renamed at reading
    assert records[1].targets == frozenset()  # a stray string is no actor list


def test_actor_key_is_the_country_else_the_first_three_letters_of_the_code() -> None:
    assert actor_key(_actor("RUSGOV", country="RUS", sector="GOV")) == "RUS"
    assert actor_key(_actor("IGONAT", org="NATO")) == "IGO"
    assert actor_key(None) is None


def test_the_chosen_event_is_the_most_confident_asserted_one_else_of_all() -> None:
    sure = _event("036", "CONSULT", modality="asserted", confidence=0.6)
    hedged = _event("190", "ASSAULT", modality="hypothetical", confidence=0.9)
    assert chosen_event([hedged, sure]) is sure
    assert chosen_event([hedged, _event("111", "ACCUSE", modality="negated", confidence=0.3)]) is hedged
    assert chosen_event([]) is None


def test_plover_scores_by_hand() -> None:
    records = [
        PloverRecord("a", "", None, "AGREE", frozenset({"HUN", "ROU"}), frozenset()),
        PloverRecord("b", "", None, "REQUEST", frozenset({"IGO"}), frozenset({"USA"})),
        PloverRecord("c", "", None, "ASSAULT", frozenset({"ISR"}), frozenset({"PSE"})),
    ]
    events = [
        [  # chosen: the first (asserted, most confident); the second has its CAMEO code, so counts too
            _event("036", "AGREE", _actor("HUN", country="HUN"), modality="asserted", confidence=0.9),
            _event("036", "AGREE", _actor("ROU", country="ROU"), modality="asserted", confidence=0.5),
            _event("190", "ASSAULT", _actor("IGONAT", org="NATO"), modality="hypothetical", confidence=0.99),
        ],
        [  # nothing asserted: the negated one is chosen, with a wrong type and a wrong target
            _event(
                "112", "ACCUSE", _actor("IGOUNO", org="UN"), _actor("RUS", "RUS"), modality="negated", confidence=0.8
            )
        ],
        [],  # no event: a wrong type, and both actors missed
    ]
    figures = score_plover(records, events)
    assert figures["n"] == 3
    assert figures["type_accuracy"] == pytest.approx(1 / 3)
    # sources: HUN, ROU, IGO found (3 of 3 predicted), ISR missed (4 gold)
    assert figures["source_precision"] == pytest.approx(1.0)
    assert figures["source_recall"] == pytest.approx(3 / 4)
    assert figures["source_f1"] == pytest.approx(6 / 7)
    # targets: RUS predicted for USA; PSE missed
    assert figures["target_precision"] == 0.0
    assert figures["target_f1"] == 0.0
    assert figures["confusion"] == {"REQUEST -> ACCUSE": 1, "ASSAULT -> none": 1}
    assert figures["per_type"]["AGREE"] == {"n": 1, "accuracy": 1.0}


# PETRARCH2 ----------------------------------------------------------------------------------


def test_petrarch_records_are_read_and_the_unrun_ones_skipped(tmp_path: Path) -> None:
    (tmp_path / "PETR.UnitTest.records.xml").write_text(RECORDS, encoding="utf-8")
    records_file, actors_file, agents_file, _ = suite_files(tmp_path)
    assert (actors_file.name, agents_file.name) == ("my.actors.txt", "my.agents.txt")
    records = {r.id: r for r in read_records(records_file)}
    first = records["DEMO-1"]
    assert first.codings == (Coding("VAL", "KES", "064"), Coding("KES", "---", "023"))
    assert first.text == "Valdoria will restore ties with Kestrel."
    assert first.date == "1995-01-01"
    assert first.skip is None
    assert records["DEMO-2"].codings == () and records["DEMO-2"].skip is None
    assert records["DEMO-4"].codings == () and records["DEMO-4"].skip is None  # no coding listed: none expected
    assert "sentence" in (records["DEMO-3"].skip or "")
    assert "storydiscard" in (records["ERR-1"].skip or "")
    assert "ODDITY" in (records["ODD-1"].skip or "")


def test_actor_dictionary_entries_codes_dates_and_synonyms() -> None:
    actors = {a.names[0]: a for a in parse_actors(ACTORS)}
    assert set(actors) == {"VALDORIA", "KESTREL", "OLD MARSHAL", "TWIN REALMS"}  # the null-coded one is dropped
    assert actors["VALDORIA"].names == ("VALDORIA", "VALDORIAN", "NEW VALDORIA")
    assert [c.code for c in actors["KESTREL"].codes] == ["KES"]  # the code block on a later line
    marshal = actors["OLD MARSHAL"].codes
    assert (marshal[0].code, marshal[0].start, marshal[0].end) == ("VALMIL", None, dt.date(1995, 6, 1))
    assert (marshal[1].start, marshal[1].end) == (
        dt.date(1995, 6, 1),
        dt.date(2000, 1, 1),
    )  # a range holds its last day
    assert (marshal[2].start, marshal[2].end) == (dt.date(2000, 1, 2), None)  # "> day" starts the day after


def test_agents_with_plurals_macros_and_prefixes() -> None:
    agents = {a.names[0]: a for a in parse_agents(AGENTS)}
    assert agents["POLICE"].names == ("POLICE",)
    assert agents["POLICE"].code == "COP" and not agents["POLICE"].prefix
    assert agents["ARMY"].names == ("ARMY", "ARMIES")
    assert agents["ATTORNEY GENERAL"].names == ("ATTORNEY GENERAL", "ATTORNEYS GENERAL")
    assert agents["COUNCILMAN"].names == ("COUNCILMAN", "COUNCILMEN")
    assert agents["RIGHTS BODY"].prefix and agents["RIGHTS BODY"].code == "NGO"


def test_the_converted_toml_loads_as_a_storyline_actor_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "converted.toml"
    text = actors_toml(parse_actors(ACTORS), parse_agents(AGENTS))
    path.write_text(text, encoding="utf-8")
    dictionary = load_dictionary(str(path))
    valdoria = dictionary.org("Valdorian")
    assert valdoria is not None and valdoria.code == "VAL"
    kestrel = dictionary.org("Kestrelite")
    assert kestrel is not None and kestrel.code == "KES"
    # dated codes become dated offices; country + sector spell the code again
    office = dictionary.office("Old Marshal", dt.date(1997, 3, 1))
    assert office is not None and (office.country, office.sector) == ("VAL", "GOV")
    early = dictionary.office("Old Marshal", dt.date(1990, 1, 1))
    assert early is not None and f"{early.country}{early.sector}" == "VALMIL"
    agents = tomllib.loads(text)["agent"]
    assert {"name": "POLICE", "aliases": [], "sector": "COP"} in agents


def test_petrarch_codes_of_actors() -> None:
    assert petrarch_code(None) == "---"
    assert petrarch_code(_actor("GOV", sector="GOV")) == "---GOV"  # an agent with no country
    assert petrarch_code(_actor("USAGOV", country="USA", sector="GOV")) == "USAGOV"
    assert petrarch_code(_actor("ARN", org="ARNOR")) == "ARN"


def test_petrarch_scores_by_hand() -> None:
    records = [
        PetrarchRecord("A", "DEMO", None, "", (Coding("ARN", "GON", "064"),)),
        PetrarchRecord("B", "COMPOUND", None, "", (Coding("FRO", "ELR", "064"), Coding("FRO", "GAL", "064"))),
        PetrarchRecord("C", "DEMO", None, "", ()),
        PetrarchRecord("D", "DATE", None, "", (Coding("HOB", "---", "023"),)),
    ]
    events = [
        [  # right, plus a spurious event by a country-less agent
            _event("064", None, _actor("ARN", org="ARNOR"), _actor("GON", org="GONDOR")),
            _event("023", None, _actor("GOV", sector="GOV"), _actor("GON", org="GONDOR")),
        ],
        [_event("064", None, _actor("FRO", org="SHIRE"), _actor("ELR/GAL", org="LORIEN"))],  # "/": one per part
        [],
        [_event("024", None, _actor("HOB", country="HOB"))],  # right actors, wrong code of the right root
    ]
    figures = score_petrarch(records, events)
    # triples: 3 right of 5 predicted and 4 expected
    assert figures["cameo_precision"] == pytest.approx(3 / 5)
    assert figures["cameo_recall"] == pytest.approx(3 / 4)
    assert figures["cameo_f1"] == pytest.approx(2 / 3)
    # sources: {ARN, ---GOV} / {ARN}, {FRO} / {FRO}, {HOB} / {HOB}: 3 right of 4 predicted, 3 expected
    assert figures["source_f1"] == pytest.approx(6 / 7)
    assert figures["target_f1"] == pytest.approx(1.0)
    assert figures["exact_match"] == pytest.approx(2 / 4)  # B and C
    assert figures["type_accuracy"] == pytest.approx(3 / 4)  # roots agree in B, C, D
    assert (figures["n"], figures["codings"], figures["no_event"]) == (4, 4, 1)
    assert figures["per_category"]["DEMO"] == {"n": 2, "exact": 0.5}


# Dispatch and the real files ----------------------------------------------------------------


def test_anything_but_a_json_file_or_a_petrarch_folder_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "gold.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidArgument, match=r"PETR\.UnitTest\.records\.xml"):
        evaluate_events(other)
    with pytest.raises(InvalidArgument, match="not an events gold set"):
        evaluate_events(tmp_path)


def test_a_petrarch_folder_runs_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "PETR.UnitTest.records.xml").write_text(RECORDS, encoding="utf-8")
    (tmp_path / "my.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "my.agents.txt").write_text(AGENTS, encoding="utf-8")
    figures = evaluate_events(tmp_path)
    assert (figures["n"], figures["codings"], figures["no_event"]) == (3, 2, 2)
    assert sum(figures["skipped"].values()) == 3
    assert all(0.0 <= figures[k] <= 1.0 for k in ("cameo_f1", "source_f1", "target_f1", "type_accuracy"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PETR.UnitTest.records.xml", "my.actors.txt", "my.agents.txt"]


def test_the_shared_gold_sets_are_read_whole() -> None:
    assert len(read_plover(need(EVENTS / "plover-gsr-dev.json"))) == 164
    records = read_records(need(EVENTS / "petrarch2" / "PETR.UnitTest.records.xml"))
    kept = [r for r in records if r.skip is None]
    assert (len(records), len(kept), sum(len(r.codings) for r in kept)) == (284, 271, 350)
    actors = parse_actors((EVENTS / "petrarch2" / "PETR.Validate.actors.txt").read_text(encoding="utf-8"))
    gollum = next(a for a in actors if a.names[0] == "GOLLUM")
    assert [c.code for c in gollum.codes] == ["HOB", "HOBGOV", "HOBREB"]


def test_petrarch_codes_no_event_without_a_source_actor() -> None:
    from storyline.evaluation.events import predicted_codings

    actor = _actor("ARN", org="Arnor")
    events = [_event("042", "CONSULT", None, actor), _event("043", "CONSULT", actor, None)]
    assert {(c.source, c.target, c.cameo) for c in predicted_codings(events)} == {("ARN", "---", "043")}


def test_the_chosen_event_has_a_plover_type_when_one_does() -> None:
    from storyline.evaluation.events import chosen_event

    statement = _event("010", None, modality="asserted", confidence=0.9)
    reported = _event("057", "AGREE", modality="asserted", confidence=0.6)
    future = _event("036", "CONSULT", modality="future", confidence=0.8)
    assert chosen_event([statement, reported, future]) is reported
    assert chosen_event([statement, future]) is future
    assert chosen_event([statement]) is statement
