"""MEANTIME's CAT files read back into text, gold dates, modality and doers."""

from __future__ import annotations

from pathlib import Path

from storyline import process
from storyline.evaluation.meantime import GoldEvent, MeantimeArticle, is_meantime, read_meantime, score_meantime

_TOKENS = [
    (0, "Gondor"), (0, "signs"), (0, "pact"),
    (1, "March"), (1, "3"), (1, ","), (1, "2010"),
    (2, "Gondor"), (2, "signed"), (2, "a"), (2, "pact"), (2, "with"), (2, "Rohan"), (2, "on"), (2, "Monday"),
    (2, "("), (2, "``"), (2, "a"), (2, "milestone"), (2, "''"), (2, ")"), (2, "."),
    (3, "Rohan"), (3, "had"), (3, "refused"), (3, "talks"), (3, "."),
    (4, "Gondor"), (4, "said"), (4, "so"), (4, "."),
]  # fmt: skip

_MARKABLES = """
<Markables>
<ENTITY_MENTION m_id="1"><token_anchor t_id="8"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2"><token_anchor t_id="23"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3"><token_anchor t_id="1"/></ENTITY_MENTION>
<EVENT_MENTION m_id="10" polarity="POS" time="NON_FUTURE" certainty="CERTAIN"><token_anchor t_id="9"/></EVENT_MENTION>
<EVENT_MENTION m_id="11" pred="refuse" polarity="POS" time="NON_FUTURE" certainty="CERTAIN"><token_anchor t_id="25"/></EVENT_MENTION>
<EVENT_MENTION m_id="13" pred="say" polarity="POS" time="NON_FUTURE" certainty="CERTAIN"><token_anchor t_id="29"/></EVENT_MENTION>
<EVENT_MENTION m_id="12" polarity="NEG" time="FUTURE" certainty="CERTAIN"><token_anchor t_id="2"/></EVENT_MENTION>
<TIMEX3 m_id="20" type="DATE" value="2010-03-03" functionInDocument="CREATION_TIME"><token_anchor t_id="4"/></TIMEX3>
<TIMEX3 m_id="21" type="DATE" value="2010-03-01" functionInDocument="NONE"><token_anchor t_id="15"/></TIMEX3>
<ENTITY m_id="30"/>
</Markables>
<Relations>
<TLINK reltype="IS_INCLUDED"><source m_id="10"/><target m_id="21"/></TLINK>
<TLINK reltype="AFTER"><source m_id="20"/><target m_id="11"/></TLINK>
<TLINK reltype="BEFORE"><source m_id="13"/><target m_id="20"/></TLINK>
<HAS_PARTICIPANT sem_role="Arg0"><source m_id="10"/><target m_id="1"/></HAS_PARTICIPANT>
<REFERS_TO><source m_id="1"/><target m_id="30"/></REFERS_TO>
<REFERS_TO><source m_id="3"/><target m_id="30"/></REFERS_TO>
</Relations>
"""


def _write(folder: Path) -> None:
    tokens = "\n".join(
        f'<token t_id="{n}" sentence="{sentence}" number="{n - 1}">{word}</token>'
        for n, (sentence, word) in enumerate(_TOKENS, 1)
    )
    part = folder / "gondor"
    part.mkdir()
    (part / "1_pact.xml").write_text(f'<Document doc_id="1">\n{tokens}\n{_MARKABLES}</Document>', "utf-8")


def test_a_cat_file_reads_back_into_text_and_gold(tmp_path: Path) -> None:
    _write(tmp_path)
    assert is_meantime(tmp_path)
    (article,) = read_meantime(tmp_path)
    assert article.part == "gondor" and article.published == "2010-03-03"
    assert article.text == (
        'Gondor signs pact\n\nMarch 3, 2010\n\nGondor signed a pact with Rohan on Monday ("a milestone"). '
        "Rohan had refused talks. Gondor said so."
    )
    signed, refused, said, signs = article.events
    assert article.text[slice(*signed.span)] == "signed"
    assert signed.anchor == "2010-03-01" and not signed.past_unanchored
    assert signed.modality == {"asserted"}
    # the doer is every mention of the same entity: the body's "Gondor" and the title's
    assert signed.doer is not None and sorted(article.text[slice(*m)] for m in signed.doer) == ["Gondor", "Gondor"]
    assert refused.anchor is None and refused.past_unanchored  # before the creation time, no date of its own
    # a saying is a statement: "past acts" leave it out, news dating it on the day it appears
    assert article.text[slice(*said.span)] == "said" and said.past_unanchored
    assert said.statement and not refused.statement
    assert signs.modality == {"negated"} and signs.doer is None


def test_a_folder_of_other_files_is_not_meantime(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    assert not is_meantime(tmp_path)


def test_past_acts_leave_statements_out() -> None:
    text = "Rohan had refused talks with Gondor. Gondor's minister said the attack was a mistake."
    document = process(text, published="2010-03-03")
    article = MeantimeArticle("1", "gondor", text, "2010-03-03")
    for word, statement in (("refused", False), ("attack", True)):
        start = text.index(word)
        article.events.append(GoldEvent((start, start + len(word)), None, True, frozenset(), None, statement))
    figures = score_meantime([article], [document])["all"]
    assert figures["past_unanchored"]["n"] == 2
    assert figures["past_acts"]["n"] == 1  # the one marked a statement is left out
