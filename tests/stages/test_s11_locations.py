"""Where an event happened: its clause's place, else its story's dateline where its sentence
names no place; each with how it was found and how fine it is."""

from __future__ import annotations

from storyline import process


def _where(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each event's trigger -> (place name, basis, precision)."""
    document = process(text, published="2025-05-07")
    names = {e.id: e.name for e in document.entities}
    return {
        e.trigger.text: (names.get(e.location or ""), e.location_basis, e.location_precision) for e in document.events
    }


def test_the_clause_place_comes_first() -> None:
    found = _where("PARIS, May 6 - Rebels attacked an army post in Aleppo on Tuesday.")
    assert found["attacked"] == ("Aleppo", "clause", "city")


def test_a_sentence_with_no_place_is_where_the_story_was_filed() -> None:
    found = _where("TOKYO, May 6 - Prime Minister Yasuhiro Nakasone condemned the opposition's boycott of parliament.")
    assert found["condemned"] == ("TOKYO", "dateline", "city")


def test_a_place_named_elsewhere_in_the_sentence_keeps_the_dateline_out() -> None:
    found = _where("LONDON, May 6 - The ministry condemned the raid, which Iraq carried out near the Syrian border.")
    assert found["condemned"] == (None, None, None)


def test_no_dateline_no_place() -> None:
    found = _where("Prime Minister Yasuhiro Nakasone condemned the opposition's boycott of parliament.")
    assert found["condemned"] == (None, None, None)


def test_a_place_the_entity_model_missed_is_still_where_it_happened() -> None:
    # the small model tags no name in "Kharkiv"; the gazetteer finds it standing alone
    document = process("Russian drones struck a power station in Kharkiv overnight.", published="2025-05-07")
    (kharkiv,) = [e for e in document.entities if e.name == "Kharkiv"]
    assert {m.label for m in kharkiv.mentions} == {"WITHIN"}  # found by the gazetteer, not the model
    (struck,) = [e for e in document.events if e.trigger.text == "struck"]
    assert (struck.location, struck.location_basis) == (kharkiv.id, "clause")


def test_a_place_inside_another_name_is_not_where_it_happened() -> None:
    found = _where("Police arrested two men at the Toronto Police Services Board offices.")
    assert found["arrested"] == (None, None, None)
