"""Annotate: the model's parse on a work, alone and streamed in order with skips between."""

from __future__ import annotations

from storyline.document.article import Article
from storyline.document.skips import Skipped, SkipReason
from storyline.stages import s03_annotate
from storyline.stages.stage import Config, Work


def test_the_stage_parses_the_works_text(config: Config) -> None:
    work = Work(Article.create("Talks resumed in Geneva."), text="Talks resumed in Geneva.")
    s03_annotate.STAGE.run(work, config)
    assert work.doc is not None and work.doc.text == work.text
    assert [e.text for e in work.doc.ents] == ["Geneva"]


def test_the_stream_keeps_order_and_lets_skips_through(config: Config) -> None:
    texts = ["Talks resumed in Geneva.", "Troops left Kabul."]
    skip = Skipped("feed:2", SkipReason.EMPTY)
    works = [Work(Article.create(texts[0]), text=texts[0]), skip, Work(Article.create(texts[1]), text=texts[1])]
    out = list(s03_annotate.stream(iter(works), config))
    assert out[1] is skip
    assert [w.doc.text for w in out if isinstance(w, Work) and w.doc is not None] == texts


# A section label, a headline, a standfirst and a first paragraph, a heading, then a summary
# list: lines without a full stop, which the parser left alone reads into the line after.
PAGE_LINES = [
    "HARBOUR NEWS",
    "Ferry crews walk out over pay as talks stall",
    "Unions say the operator has refused every offer since March",
    "Ferry crews on the island routes walked out on Friday after talks with the operator broke down.",
    "What happens next",
    "Summary",
    "- The union said its members would stay out until the operator returned to the table",
    "- The operator said it had offered a rise of four per cent over two years",
    "- Passengers were told to expect cancellations until Monday at the earliest",
]


def test_a_sentence_never_crosses_a_paragraph_heading_or_list_item_break(config: Config) -> None:
    text = "\n\n".join(PAGE_LINES)
    work = Work(Article.create(text), text=text)
    s03_annotate.STAGE.run(work, config)
    assert work.doc is not None
    assert [s.text.strip() for s in work.doc.sents] == PAGE_LINES


def test_a_paragraph_of_several_sentences_is_still_split_by_the_model(config: Config) -> None:
    text = "The talks resumed on Monday. Both sides said they were hopeful.\n\nA deal is expected soon."
    work = Work(Article.create(text), text=text)
    s03_annotate.STAGE.run(work, config)
    assert work.doc is not None
    assert [s.text.strip() for s in work.doc.sents] == [
        "The talks resumed on Monday.",
        "Both sides said they were hopeful.",
        "A deal is expected soon.",
    ]


def test_a_quotation_a_cue_introduces_with_a_colon_goes_on_its_sentence(config: Config) -> None:
    lines = [
        "Here is the latest:",
        "Ferry crews walk out over pay",
        "The union's leader told reporters on the quay:",
        "“We have waited long enough for an answer from the operator.”",
        "Its spokeswoman added:",
        "We will not stop until the offer is on the table.",
    ]
    text = "\n\n".join(lines)
    work = Work(Article.create(text), text=text)
    s03_annotate.STAGE.run(work, config)
    assert work.doc is not None
    assert [" ".join(s.text.split()) for s in work.doc.sents] == [
        lines[0],
        lines[1],
        " ".join(lines[2:4]),
        " ".join(lines[4:6]),
    ]
