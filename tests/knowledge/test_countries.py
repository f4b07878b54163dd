"""Countries by name and demonym."""

from __future__ import annotations

from storyline.knowledge.countries import lookup


def test_a_shared_demonym_is_the_most_populous_countrys() -> None:
    codes = [getattr(lookup(word), "code", None) for word in ("Indian", "Indians", "Dominican", "Congolese")]
    assert codes == ["IND", "IND", "DOM", "COD"]
    assert getattr(lookup("India"), "code", None) == "IND"
