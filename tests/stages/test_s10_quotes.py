"""Quotations: cues, sources, contents, kinds and speakers, on sentences written for the tests."""

from __future__ import annotations

import dataclasses

import pytest

import storyline
from storyline import process
from storyline.document.records import Quote
from storyline.errors import StageOrderError
from storyline.parse.quote_marks import quoted_stretches
from storyline.stages import s10_quotes
from storyline.stages.stage import Config

from .conftest import entity, parsed


def quotes(text: str) -> tuple[list[Quote], dict[str, str]]:
    doc = process(text, published="2025-08-23", check_language=False)
    names = {e.id: e.name for e in doc.entities}
    return doc.quotes, names


def only(text: str) -> tuple[Quote, dict[str, str]]:
    found, names = quotes(text)
    assert len(found) == 1, found
    return found[0], names


def test_direct_quote_before_its_cue() -> None:
    q, names = only("“The bridge will reopen in May,” Maria Lopez said on Tuesday.")
    assert q.kind == "direct"
    assert q.text == "The bridge will reopen in May,"
    assert q.cue.text == "said"
    assert q.source.text == "Maria Lopez"
    assert names[q.speaker] == "Maria Lopez"
    assert q.content.text == "“The bridge will reopen in May,”"


def test_colon_then_quote() -> None:
    q, names = only('Finance minister Karl Brandt said: "We have no money left for roads."')
    assert q.kind == "direct"
    assert q.text == "We have no money left for roads."
    assert names[q.speaker] == "Karl Brandt"


def test_indirect_with_that_keeps_the_complementiser() -> None:
    q, names = only("Maria Lopez said that the bridge would reopen in May.")
    assert q.kind == "indirect"
    assert q.text == "that the bridge would reopen in May"
    assert names[q.speaker] == "Maria Lopez"


def test_told_a_broadcaster() -> None:
    q, _ = only("Karl Brandt told Radio Nord the budget was exhausted.")
    assert q.cue.text == "told"
    assert q.text == "the budget was exhausted"


def test_according_to() -> None:
    q, names = only("The dam was built in 1962, according to Maria Lopez.")
    assert q.cue.text == "according to"
    assert q.source.text == "Maria Lopez"
    assert q.text == "The dam was built in 1962"
    assert names[q.speaker] == "Maria Lopez"


def test_mixed_quote_gives_each_quoted_piece_with_the_whole_content() -> None:
    found, names = quotes("Karl Brandt said the plan was “dead on arrival” and a “waste of time”.")
    assert [q.text for q in found] == ["dead on arrival", "waste of time"]
    assert {q.kind for q in found} == {"mixed"}
    assert {q.content.text for q in found} == {"the plan was “dead on arrival” and a “waste of time”"}
    assert {names[q.speaker] for q in found} == {"Karl Brandt"}


def test_pronoun_source_resolves_to_the_person() -> None:
    found, names = quotes("Maria Lopez visited the site on Monday. “We will finish it,” she said.")
    (q,) = [q for q in found if q.kind == "direct"]
    assert q.source.text == "she"
    assert names[q.speaker] == "Maria Lopez"


def test_straight_open_curly_close_and_tex_quotes() -> None:
    q, _ = only('"The port is closed,” Karl Brandt said.')
    assert q.text == "The port is closed,"
    q, _ = only("``The port is closed,'' Karl Brandt said.")
    assert q.text == "The port is closed,"
    assert q.kind == "direct"


def test_a_paragraph_of_quotation_continues_the_speaker_before() -> None:
    text = "“The talks failed,” Maria Lopez said.\n\n“We will try again next week.”"
    found, names = quotes(text)
    assert len(found) == 2
    second = found[1]
    assert second.text == "We will try again next week."
    assert second.cue is None
    assert names[second.speaker] == "Maria Lopez"


def test_scare_quotes_that_nobody_said_are_not_quotes() -> None:
    found, _ = quotes("The so-called “peace dividend” never arrived in the valley.")
    assert found == []


def test_odd_number_of_marks_never_fails() -> None:
    text = "“We are ready, Karl Brandt said.\n\nThe minister left early."
    found, _ = quotes(text)
    assert found, "the cue in the unclosed quotation reports it"
    for q in found:
        assert 0 <= q.start < q.end <= text.index("\n")  # never past the unclosed paragraph


def test_a_quotation_signed_with_a_dash() -> None:
    q, names = only("“Nobody reads the fine print.” — Karl Brandt")
    assert q.kind == "direct"
    assert q.text == "Nobody reads the fine print."
    assert q.cue.text == "—"
    assert names[q.speaker] == "Karl Brandt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“one” and “two”", ["“one”", "“two”"]),
        ('He said "yes" then "no".', ['"yes"', '"no"']),
        ("``tex style''", ["``tex style''"]),
        ("“unclosed\n\n“reopened.”", ["“unclosed", "“reopened.”"]),
        ("a stray ” closer", []),
    ],
)
def test_quoted_stretches(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in quoted_stretches(text)] == expected


def test_a_quotation_run_on_into_the_next_paragraph_is_marked_continued() -> None:
    first, second = quoted_stretches("“unclosed\n\n“reopened.”")
    assert not first.closed
    assert second.continued


def test_doubled_apostrophes_open_and_close_a_quotation() -> None:
    text = "''We are ready,'' he said. ''The vote is Monday.''"
    found = [text[s.start : s.end] for s in quoted_stretches(text)]
    assert found == ["''We are ready,''", "''The vote is Monday.''"]


def test_a_quotation_around_its_cue_is_one_direct_content() -> None:
    found, names = quotes("“Hopefully,” Maria Lopez said, “the bridge will reopen in May.”")
    assert {q.kind for q in found} == {"direct"}
    assert [q.text for q in found] == ["Hopefully,", "the bridge will reopen in May."]
    assert {q.content.text for q in found} == {"“Hopefully,” Maria Lopez said, “the bridge will reopen in May.”"}
    assert {names[q.speaker] for q in found} == {"Maria Lopez"}


def test_a_direct_quote_runs_on_after_its_cue_sentence() -> None:
    found, _ = quotes("“The bridge is closed,” said Maria Lopez. “It will reopen in May.”\n\nTraffic was light.")
    assert {q.content.text for q in found} == {"“The bridge is closed,” said Maria Lopez. “It will reopen in May.”"}


def test_a_cue_between_commas_reports_its_whole_sentence() -> None:
    found, names = quotes("The new bridge, Maria Lopez said, will reopen in May.")
    assert [q.content.text for q in found] == ["The new bridge, Maria Lopez said, will reopen in May"]
    assert names[found[0].speaker] == "Maria Lopez"


def test_a_transcript_turn_names_its_speaker_before_a_colon() -> None:
    text = (
        "Senator Ann Roe spoke to Karl Berg on Sunday.\n\n"
        "BERG: Will the bill pass this week?\n\n"
        "ROE: I expect a vote on Thursday, and we have the votes.\n\n"
        "BERG: Thank you.\n\n"
    )
    doc = process(text, published="2025-08-23", check_language=False, quotes="frames")  # the rule alone
    found, names = doc.quotes, {e.id: e.name for e in doc.entities}
    turns = [q for q in found if q.cue and q.cue.text == ":"]
    assert [q.source.text for q in turns] == ["BERG", "ROE"]  # "Thank you.": too short to count
    assert turns[1].content.text == "I expect a vote on Thursday, and we have the votes."
    assert names[turns[1].speaker] == "Ann Roe"  # the capitals label is the person of that surname


def test_a_headline_that_names_its_source() -> None:
    found, names = quotes("Ann Roe: Farm Bill Will Pass Before the Recess\n\nThe senator spoke in Topeka.")
    (q,) = [q for q in found if q.cue and q.cue.text == ":"]
    assert q.source.text == "Ann Roe" and names[q.speaker] == "Ann Roe"
    assert q.content.text == "Farm Bill Will Pass Before the Recess"


def test_a_section_heading_with_a_colon_is_not_a_quote() -> None:
    found, _ = quotes("Rising Costs: Farmers in Kansas paid more for fuel this year than last.")
    assert not [q for q in found if q.cue and q.cue.text == ":"]


# --- the stage alone: a parse and hand-made entities ---------------------------------------


def test_the_stage_finds_the_speaker_among_the_entities_it_is_given(config: Config) -> None:
    text = "Maria Lopez said the bridge would reopen in May."
    work = parsed(config, text, entities=[entity(text, "Maria Lopez", "PERSON", 1)])
    s10_quotes.STAGE.run(work, dataclasses.replace(config, quote_method="frames"))
    (quote,) = work.quotes
    assert quote.speaker == "E1" and quote.kind == "indirect"
    assert quote.content is not None and quote.content.text == "the bridge would reopen in May"
    alone = parsed(config, text)  # no entities given: the words are found, no one said them
    s10_quotes.STAGE.run(alone, dataclasses.replace(config, quote_method="frames"))
    assert [q.speaker for q in alone.quotes] == [None]


def test_a_tagged_finder_without_the_taggers_tags_is_an_error_not_empty_quotes(config: Config) -> None:
    text = "Maria Lopez said the bridge would reopen in May."
    work = parsed(config, text, entities=[entity(text, "Maria Lopez", "PERSON", 1)])
    with pytest.raises(StageOrderError, match="quote_tags"):
        s10_quotes.STAGE.run(work, config)
    s10_quotes.TAGS.run(work, config)
    s10_quotes.STAGE.run(work, config)
    assert [q.speaker for q in work.quotes] == ["E1"]


# --- text that is not reported speech ---------------------------------------------------------

# Written for this test: refusals and non-responses (nothing was said), promo, link and legal
# lines, titles and scare quotes, and plain news sentences with no speaker.
NOT_REPORTED_SPEECH = (
    "The ministry did not respond to a request for comment.",
    "A spokesman for the company declined to comment on the report.",
    "Representatives for the airline could not be reached for comment on Sunday.",
    "The embassy did not immediately reply to an email seeking comment.",
    "Officials declined to say how many people had been detained.",
    "No comment was available from the governor's office.",
    "The mayor was not available to comment late on Friday.",
    "The senator did not say whether she would run again.",
    "Police would not say how the suspect had entered the building.",
    "A lawyer for the family could not immediately be reached.",
    "The union refused to discuss the offer with reporters.",
    "Calls to the club's offices went unanswered on Monday.",
    "The bridge was closed for repairs on Tuesday.",
    "Heavy rain flooded the lower town overnight.",
    "The team won its third match in a row on Saturday.",
    "Consumer prices rose 3 percent in March from a year earlier.",
    'The so-called "peace plan" was never published.',
    'The band\'s new album, "Northern Lights," comes out in May.',
    "The court will hear the case again in the autumn.",
)
PROMO_LINES = (
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Click here to read the full report.",
    "Read more: Five things to know about the new budget.",
    "Follow us on Twitter for the latest updates.",
    "Subscribe now for unlimited access to all our journalism.",
    "Share this article on Facebook or by email.",
    "Copyright 2026 The Daily Ledger. All rights reserved.",
)
REAL_QUOTE = "“We will reopen the bridge in May,” the mayor, Anna Berg, said on Monday."


@pytest.mark.parametrize("method", ["fast", "accurate"])
def test_text_that_is_not_reported_speech_yields_no_quotes(method: str) -> None:
    paragraphs = ("Harbour Town Reopens Its Bridge", *NOT_REPORTED_SPEECH[:9], REAL_QUOTE, *NOT_REPORTED_SPEECH[9:])
    article = "\n\n".join((*paragraphs, *PROMO_LINES))
    (doc,) = storyline.process_many([article], quotes=method)
    assert isinstance(doc, storyline.Document)
    # the one real quote among them is found, and nothing else
    assert [q.text for q in doc.quotes] == ["We will reopen the bridge in May,"], [
        (q.text, q.cue and q.cue.text) for q in doc.quotes
    ]
    alone = list(storyline.process_many([*NOT_REPORTED_SPEECH, *PROMO_LINES], quotes=method, check_language=False))
    # each line alone (a promo line alone is no article: skipped as empty, which is no quote either)
    lines = (*NOT_REPORTED_SPEECH, *PROMO_LINES)
    said = {
        line: d.quotes for line, d in zip(lines, alone, strict=True) if isinstance(d, storyline.Document) and d.quotes
    }
    assert not said


def test_a_quotation_set_off_after_its_cue_runs_on_through_the_next_sentences() -> None:
    found, _ = quotes(
        "Officials met on Monday.\n\n“Honestly,” he continued, “we may be on the brink. I did not see it.”"
    )
    assert {(q.content.text if q.content else q.text) for q in found} == {
        "“Honestly,” he continued, “we may be on the brink. I did not see it.”"
    }


def test_a_quotation_after_the_cue_sentence_continues_it_though_the_parser_splits_at_its_marks() -> None:
    text = (
        "Officials met on Monday.\n\n''It's not an unfair position for ESPN to hold,'' he added. "
        "''If you want to express your own opinions, ESPN is not where you should be working.''"
    )
    doc = storyline.process_many([storyline.Article.create(text)], check_language=False, clean_text=False)
    (content,) = {q.content.text for q in next(iter(doc)).quotes if q.content}
    assert content.startswith("''It's not") and content.endswith("should be working.''")


def test_a_source_keeps_a_comma_only_where_it_closes_an_apposition(config: Config) -> None:
    from storyline.stages.s10_quotes.finder import _source_extent

    def extent(text: str, source_words: int) -> str:
        doc = parsed(config, text).doc
        cue = next(doc[t.i : t.i + 1] for t in doc if t.lower_ == "said")
        start, end = _source_extent(doc[:source_words], cue)
        return text[start:end]

    assert extent("Chris Christie, said the plan would fail.", 3) == "Chris Christie"
    assert extent("Howard Rubel, an analyst at Jefferies, said the deal would close.", 8) == (
        "Howard Rubel, an analyst at Jefferies,"
    )
    assert extent("Robin Maynard, laughing loudly, said the show would go on.", 5) == "Robin Maynard"


def test_a_report_with_no_source_and_no_verb_of_speech_is_no_quote() -> None:
    found, _ = quotes("It is unclear whether the aircraft broke up in mid-air. Karl Brandt said the talks had failed.")
    assert [q.text for q in found] == ["the talks had failed"]
