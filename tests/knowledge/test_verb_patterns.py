"""Word patterns around event verbs, user event lexicons, and the PETRARCH verb dictionary
converted into one: sentences and dictionaries written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import process
from storyline.errors import InvalidArgument
from storyline.evaluation.petrarch_verbs import verbs_toml
from storyline.knowledge.cameo import load_lexicon
from storyline.knowledge.verb_patterns import best_match, parse_pattern
from storyline.stages.s03_annotate.nlp import load_model

LEXICON = """
replace = true

[codes]
"907" = { name = "Sever cultural links", goldstein = -2.0, quad_class = 3 }

[patterns]
"sever" = [
  { match = "* (cultural|sporting) links", code = "907" },
  { match = "* links", code = "161" },
  { match = "*", code = "160" },
]
"greet" = [{ match = "*", code = "042:043" }]
"""

# A small dictionary in PETRARCH's format, invented for this test.
VERBS = """<!-- test verbs -->
&KINDS
+CULTURAL
+SPORTING
+&OTHERKINDS

&OTHERKINDS
+FISHING RIGHTS

--- SEVER  [160]  ---
SEVER {SEVERS SEVERED}   # the verb and its forms
- * &KINDS LINKS  [907]
- * LINKS  [161]
- FAILED_TO_*  [111]
- * ODDLY  [16X]   # a code with a letter: left out
--- GREET  [042:043] ---
GREET
--- MUMBLE  [---] ---
MUMBLE
- * APOLOGY  [055]
"""


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


def test_a_pattern_reads_words_glue_choices_and_a_reciprocal_code() -> None:
    p = parse_pattern("failed_to_ * (cultural|fishing_rights) links", "042:043", "test")
    assert [e.phrases for e in p.before] == [(("failed",),), (("to",),)]
    assert p.before[1].glued and p.verb_glued
    assert p.after[0].phrases == (("cultural",), ("fishing", "rights"))
    assert (p.code, p.reverse, p.words) == ("042", "043", 4)
    with pytest.raises(InvalidArgument, match="one \\*"):
        parse_pattern("diplomatic ties", "901", "test")


def test_the_pattern_with_most_words_wins_and_glue_means_next_to(nlp) -> None:  # type: ignore[no-untyped-def]
    patterns = [parse_pattern(m, c, "test") for m, c in [("*", "160"), ("* links", "161"), ("* cultural links", "907")]]
    doc = nlp("Valdoria will sever all cultural and trade links with Kestrel.")
    verb = next(t for t in doc if t.lemma_ == "sever")
    found = best_match(verb, patterns, set())
    assert found is not None and found.pattern.code == "907"  # words in order, others between
    doc = nlp("Valdoria will sever its embassy staff.")
    found = best_match(next(t for t in doc if t.lemma_ == "sever"), patterns, set())
    assert found is not None and found.pattern.code == "160"
    glued = [parse_pattern("failed_to_ *", "111", "test")]
    far = nlp("Valdoria failed in its bid to sever links.")
    assert best_match(next(t for t in far if t.lemma_ == "sever"), glued, set()) is None
    near = nlp("Valdoria failed to sever links.")
    assert best_match(next(t for t in near if t.lemma_ == "sever"), glued, set()) is not None


def test_slots_point_at_the_actor_after_them(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The envoy was expelled from the capital by Kestrel yesterday.")
    verb = next(t for t in doc if t.lemma_ == "expel")
    actors = {t.i for t in doc if t.text in ("envoy", "Kestrel")}
    found = best_match(verb, [parse_pattern("+ was_ * from ^ $", "174", "test")], actors)
    assert found is not None
    assert doc[found.source].text == "Kestrel" and doc[found.target].text == "envoy"


def test_a_user_lexicon_adds_patterns_and_codes_and_may_replace_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.verb("condemn") is None  # replace = true: the shipped verbs are gone
    assert lexicon.code("907").name == "Sever cultural links" and lexicon.code("907").quad_class == 3
    assert lexicon.code("190").root == "19"  # the codebook still answers
    assert [p.code for p in lexicon.patterns["sever"]] == ["907", "161", "160"]
    extended = tmp_path / "extra.toml"
    extended.write_text('[verbs]\n"snub" = "161"\n', encoding="utf-8")
    both = load_lexicon(extended)
    assert both.verb("snub") == "161" and both.verb("condemn") is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[patterns]\n"sever" = [{ match = "* links", code = "999" }]\n', "not a CAMEO code"),
        ('[codes]\n"9X" = { quad_class = 1 }\n', "2-4 digits"),
        ('[codes]\n"907" = { name = "x", goldstein = 0.0, quad_class = 7 }\n', "quad_class 1..4"),
        ('[patterns]\n"sever" = "161"\n', "list of"),
        ("[verbs\n", "cannot read"),
    ],
)
def test_a_bad_user_lexicon_is_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidArgument, match=message):
        load_lexicon(path)


def test_the_petrarch_verb_dictionary_converts_to_a_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "verbs.toml"
    path.write_text(verbs_toml(VERBS), encoding="utf-8")
    lexicon = load_lexicon(path)
    sever = {p.text: p.code for p in lexicon.patterns["sever"]}
    assert sever == {
        "* (cultural|sporting|fishing_rights) links": "907",  # nested synonym sets spelt out
        "* links": "161",
        "failed_to_*": "111",
        "*": "160",  # the block's code
    }
    assert lexicon.patterns["severed"] == lexicon.patterns["sever"]  # the listed forms share them
    assert [(p.code, p.reverse) for p in lexicon.patterns["greet"]] == [("042", "043")]
    assert [p.code for p in lexicon.patterns["mumble"]] == ["055"]  # [---]: no event by itself
    assert lexicon.code("907").name.startswith("PETRARCH")
    assert lexicon.verb("condemn") is None


def test_coded_with_a_user_lexicon_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON, encoding="utf-8")
    doc = process("Germany severed sporting links with Chile.", check_language=False, lexicons=[path])
    (event,) = doc.events
    assert (event.cameo, event.source_actor.code, event.target_actor.code) == ("907", "DEU", "CHL")
    assert event.quad_class == 3 and event.root == "90"
    greeting = process("Germany greeted Chile warmly.", check_language=False, lexicons=[path]).events
    assert sorted((e.cameo, e.source_actor.code, e.target_actor.code) for e in greeting) == [
        ("042", "DEU", "CHL"),
        ("043", "CHL", "DEU"),
    ]


def test_a_pattern_with_no_code_says_there_is_no_event(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[patterns]\n"sever" = [{ match = "* ties", code = "" }, { match = "*", code = "160" }]\n')
    assert not process("Germany severed ties with Chile.", check_language=False, lexicons=[path]).events
    (event,) = process("Germany severed its embassy staff.", check_language=False, lexicons=[path]).events
    assert event.cameo == "160"
