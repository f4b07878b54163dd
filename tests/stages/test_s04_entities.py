"""Entities: clusters across names, titles and pronouns; types decided by the cluster."""

from __future__ import annotations

import storyline
from storyline import Document

from ..conftest import SEED, need


def _by_name(doc: Document) -> dict[str, storyline.document.records.Entity]:  # type: ignore[name-defined]
    return {e.name: e for e in doc.entities}


def _texts(entity) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.text for m in sorted(entity.mentions, key=lambda m: m.start)]


def test_surnames_join_the_full_name_and_the_cluster_decides_the_type() -> None:
    doc = storyline.process(
        "Austrian Foreign Minister Anna Keller arrived in Vienna on Monday. Keller told reporters the talks "
        "had stalled. Opposition groups criticised Keller for the delay."
    )
    keller = _by_name(doc)["Anna Keller"]
    assert keller.type == "PERSON"
    assert _texts(keller)[:3] == ["Anna Keller", "Keller", "Keller"]
    assert "Keller" not in _by_name(doc)  # no second entity for the bare surname


def test_two_people_with_one_surname_keep_apart() -> None:
    doc = storyline.process(
        "Anna Holm met her brother Lars Holm in Stockholm on Monday. Lars Holm said the meeting went well, "
        "and Holm later left for Oslo."
    )
    names = _by_name(doc)
    # the bare surname goes to the Holm named last before it
    assert _texts(names["Lars Holm"]) == ["Lars Holm", "Lars Holm", "Holm"]
    assert _texts(names["Anna Holm"]) == ["Anna Holm", "her"]


def test_capital_tagged_as_person_is_a_place() -> None:
    doc = storyline.process("Negotiators met in Kyiv on Tuesday. Officials in Kyiv said the talks went well.")
    assert _by_name(doc)["Kyiv"].type == "GPE"


def test_acronym_joins_its_full_name() -> None:
    doc = storyline.process(
        "The European Union agreed new sanctions on Monday. EU ministers said the measures would take effect soon."
    )
    eu = _by_name(doc)["European Union"]
    assert [m.text for m in eu.mentions] == ["European Union", "EU"]


def test_region_word_belongs_to_the_place_name() -> None:
    doc = storyline.process("Drones struck an oil depot in the Bryansk region overnight, the governor said.")
    assert "Bryansk region" in _by_name(doc)


def test_pronoun_in_reported_speech_is_the_speaker() -> None:
    doc = storyline.process(
        "Prime Minister Erik Dahl met Maria Sorensen in Oslo. After the meeting, Dahl said that he would "
        "propose a new budget."
    )
    dahl = _by_name(doc)["Erik Dahl"]
    assert "he" in _texts(dahl)
    assert "he" not in _texts(_by_name(doc)["Maria Sorensen"])


def test_pronoun_after_a_quote_is_the_last_subject_outside_the_quote() -> None:
    doc = storyline.process(
        "Erik Dahl spoke to parliament on Monday.\n\n“Maria Sorensen and Johan Berg have worked hard on this,” he said."
    )
    assert "he" in _texts(_by_name(doc)["Erik Dahl"])
    for other in ("Maria Sorensen", "Johan Berg"):
        if other in _by_name(doc):
            assert "he" not in _texts(_by_name(doc)[other])


def test_no_person_no_pronoun_link() -> None:
    doc = storyline.process("It rained in Bergen on Monday. He said nothing.")
    assert all(m.text != "He" for e in doc.entities for m in e.mentions)


def test_seed_people_clustered_with_enough_mentions() -> None:
    doc = storyline.process(need(SEED).read_text("utf-8"), published="2025-08-23")
    names = _by_name(doc)
    want = {"Sergei Lavrov": 6, "Vladimir Putin": 6, "Volodymyr Zelensky": 5, "Donald Trump": 8, "Mark Rutte": 1}
    for name, minimum in want.items():
        assert names[name].type == "PERSON"
        assert len(names[name].mentions) >= minimum, (name, _texts(names[name]))
    assert "the Ukrainian President" in _texts(names["Volodymyr Zelensky"])
    assert {m.text for m in names["Sergei Lavrov"].mentions} >= {"Sergei Lavrov", "Lavrov", "he"}
    assert names["Kyiv"].type == "GPE"


def test_dateline_place_is_a_place_and_named_in_its_usual_case() -> None:
    doc = storyline.process(
        "SANTOS, Brazil, June 3 (Wire) - Dockworkers walked off the job at the port of Santos on Monday.\n\n"
        "Ships waited outside Santos for a second day."
    )
    (santos,) = [e for e in doc.entities if e.name.casefold() == "santos"]
    assert santos.type == "GPE" and santos.name == "Santos"
    assert santos.place is not None and santos.place.country == "BRA"


def test_capitals_at_a_paragraph_start_that_are_no_place_stay_as_they_are() -> None:
    doc = storyline.process("NATO, the Western alliance, met in Brussels on Monday to discuss the budget.")
    assert all(e.type != "GPE" for e in doc.entities if e.name.upper() == "NATO")


def test_she_never_joins_a_man_and_an_object_pronoun_not_its_own_subject() -> None:
    doc = storyline.process(
        "Erik Dahl spoke to parliament on Monday. He said the budget would pass.\n\n"
        "Dahl thanked the committee. She said the vote was close.\n\n"
        "Maria Sorensen met the press. Sorensen praised her."
    )
    people = _by_name(doc)
    assert "He" in _texts(people["Erik Dahl"])
    assert "She" not in _texts(people["Erik Dahl"])  # "he" already: no "she" after
    assert "her" not in _texts(people["Maria Sorensen"])  # "Sorensen praised her": someone else


def test_an_honorific_tells_a_persons_gender() -> None:
    doc = storyline.process("Mr Tomas Lind arrived on Monday. Lind met the envoy. She left early.")
    assert "She" not in _texts(_by_name(doc)["Tomas Lind"])
