"""The CAMEO codebook (data/cameo.tsv) and storyline's event lexicon (data/event_lexicon.toml)."""

from __future__ import annotations

import re

import pytest

from storyline.errors import InvalidArgument
from storyline.knowledge.cameo import UnknownCode, _parse_lexicon, codebook, lexicon, lookup

from ..conftest import SHARED, need

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def test_every_root_is_there_and_every_subcode_has_its_parents() -> None:
    codes = codebook()
    assert [c for c in codes if len(c) == 2] == ROOTS
    for code in codes:
        assert re.fullmatch(r"\d{2,4}", code), code
        assert code[:2] in codes, code
        if len(code) == 4:
            assert code[:3] in codes, code
        assert codes[code].root == code[:2]
    assert len(codes) > 300  # the 20 roots and their 3- and 4-digit subcodes


def test_quad_classes_follow_the_root_ranges() -> None:
    for code in codebook().values():
        root = int(code.root)
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert code.quad_class == expected, code


def test_goldstein_values_lie_on_the_scale() -> None:
    for code in codebook().values():
        assert -10.0 <= code.goldstein <= 10.0, code
    assert lookup("01").goldstein == 0.0
    assert lookup("02").goldstein == 3.0
    assert lookup("0874").goldstein == 10.0
    assert lookup("190").goldstein == -10.0


def test_names_are_the_codebooks() -> None:
    assert lookup("01").name == "Make public statement"
    assert lookup("02").name == "Appeal"
    assert lookup("057").name == "Sign formal agreement"
    assert lookup("195").name == "Employ aerial weapons"
    assert all(code.name for code in codebook().values())


def test_an_unknown_code_is_a_clear_key_error() -> None:
    with pytest.raises(UnknownCode, match=r"unknown CAMEO code '999'.*cameo\.tsv") as caught:
        lookup("999")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, InvalidArgument)
    assert str(caught.value).startswith("unknown CAMEO code")


def test_every_lexicon_code_is_in_the_codebook_and_every_root_is_covered() -> None:
    codes = lexicon().codes()
    assert codes <= set(codebook())
    assert {code[:2] for code in codes} == set(ROOTS)


@pytest.mark.parametrize(
    ("lemma", "particle", "obj", "code"),
    [
        ("condemn", None, None, "111"),
        ("meet", "with", None, "040"),
        ("meet", None, "deadline", None),  # meeting a deadline is no event
        ("call", "for", "ceasefire", "0256"),
        ("call", "for", "calm", "020"),  # an object the entry does not list: its default
        ("call", "off", "talk", "164"),  # a phrasal entry decides alone
        ("call", None, None, None),
        ("decline", "to", "comment", "011"),  # no "decline to" entry: the bare verb with its object
        ("sign", None, "treaty", "057"),
        ("sign", None, "decree", None),
        ("launch", "at", "drone", "195"),
        ("launch", None, "investigation", "090"),
        ("impose", "on", "sanction", "163"),
        ("impose", None, "martial law", "1724"),  # modifier + head tried before the head
        ("hold", "with", "talks", "046"),  # a plural is tried without its "s"
        ("urge", None, "release", "0253"),  # borrowed from "call for" through `like`
        ("threaten", "to", "impose", "1312"),  # an infinitive complement as the object
        ("agree", "to", "withdraw", "0356"),
        ("agree", None, "ceasefire", "0871"),  # agree's own list wins over the borrowed one
        ("release", None, "hostage", "0841"),
        ("release", None, "Navalny", "0841"),  # any other object
        ("release", None, "statement", None),
        ("release", None, None, "084"),
        ("protest", None, None, "141"),
        ("protest", None, "visit", "114"),
        ("fire", None, "minister", None),
        ("fire", None, "missile", "195"),
        ("expel", None, "diplomat", "161"),
        ("accuse", "of", "war crime", "1124"),
        ("Rule", "Out", None, "120"),  # case and spacing do not matter
        ("frobnicate", None, None, None),
    ],
)
def test_verb_lookups(lemma: str, particle: str | None, obj: str | None, code: str | None) -> None:
    assert lexicon().verb(lemma, particle, obj) == code


@pytest.mark.parametrize(
    ("noun", "code"),
    [
        ("airstrike", "195"),
        ("drone strike", "195"),
        ("peace talks", "046"),
        ("talks", "046"),
        ("ceasefire", "0871"),
        ("car bombing", "1832"),
        ("press release", None),  # listed as no event, so not the head's 084
        ("release", "084"),
        ("weather", None),
    ],
)
def test_noun_lookups(noun: str, code: str | None) -> None:
    assert lexicon().noun(noun) == code


def test_plover_types_agree_with_the_cameo2plover_table() -> None:
    table = need(SHARED / "data" / "events" / "CAMEO2PLOVER-2021.txt")
    listed: dict[str, set[str]] = {}
    for line in table.read_text("utf-8").splitlines():
        found = re.match(r"(\d{2,4}):\s*([A-Z]+)", line)
        if found:  # "08" is listed twice there (CONCEDE, RETREAT); either is the table's
            listed.setdefault(found[1], set()).add(found[2])
    assert len(listed) > 200
    codes = codebook()
    for code, types in listed.items():
        assert code in codes, code
        assert codes[code].plover in types, (code, codes[code].plover, types)
    # a code absent from the table takes its parent's; roots 01 and 02 have no PLOVER type
    assert lookup("01").plover is None and lookup("0214").plover is None
    for entry in codes.values():
        if entry.code not in listed and len(entry.code) > 2:
            assert entry.plover == codes[entry.code[:-1]].plover, entry


def test_a_bad_lexicon_says_what_is_wrong() -> None:
    with pytest.raises(InvalidArgument, match=r"x\.toml: verb 'hit' has '999'"):
        _parse_lexicon({"verbs": {"hit": "999"}}, "x.toml")
    with pytest.raises(InvalidArgument, match=r"noun 'raid' has '1999'"):
        _parse_lexicon({"nouns": {"raid": "1999"}}, "x.toml")
    with pytest.raises(InvalidArgument, match="in a circle"):
        _parse_lexicon({"verbs": {"a": {"like": "b"}, "b": {"like": "a"}}}, "x.toml")
    with pytest.raises(InvalidArgument, match="is like 'c', which the lexicon lacks"):
        _parse_lexicon({"verbs": {"a": {"like": "c"}}}, "x.toml")
    with pytest.raises(InvalidArgument, match="lists the object 'deal' under '057' and '120'"):
        _parse_lexicon({"verbs": {"a": {"057": ["deal"], "120": ["deal"]}}}, "x.toml")
    with pytest.raises(InvalidArgument, match="use code, any_object, like, none or a code"):
        _parse_lexicon({"verbs": {"a": {"objects": ["deal"]}}}, "x.toml")
