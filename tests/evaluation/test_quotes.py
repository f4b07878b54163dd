"""``storyline eval quotes``: the brat reader, the PolNeAR scoring rules on hand-made spans, the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.app.cli import cli
from storyline.document.article import Article
from storyline.document.records import Document, Quote, TextSpan
from storyline.errors import InvalidArgument
from storyline.evaluation import quotes as quotes_eval
from storyline.evaluation.quotes import (
    GoldAttribution,
    Span,
    error_patterns,
    exact_counts,
    is_direct,
    overlap_counts,
    parse_brat,
    predicted_keys,
    read_polnear,
    score_article,
    strip_span,
)

from ..conftest import SHARED, need

POLNEAR = SHARED / "data" / "quotes" / "polnear"


def at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def t_line(tid: str, label: str, text: str, *pieces: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in pieces)}"


def span(text: str, words: str, nth: int = 0) -> Span:
    s, e = at(text, words, nth)
    return Span(s, e, ((s, e),))


def part(where: tuple[int, int] | None) -> TextSpan | None:
    return None if where is None else TextSpan("", where[0], where[1])


def quote(
    where: tuple[int, int],
    cue: tuple[int, int] | None,
    source: tuple[int, int] | None,
    content: TextSpan | None = None,
    kind: str = "indirect",
) -> Quote:
    """A predicted quote: ``where`` is its start/end; ``content`` the whole attribution's, if apart."""
    return Quote("Q", "", where[0], where[1], kind, None, part(source), part(cue), content)


# --- reading brat --------------------------------------------------------------------------

BRAT_TEXT = 'Aides said the plan, he added, would work. "Fine," came the reply. "Soon," she said. "Now," she insisted.'


def brat_ann(text: str = BRAT_TEXT) -> str:
    plan, work = at(text, "the plan"), at(text, "would work")
    return "\n".join(
        [
            # pieces out of text order, the second with a leading space (stripped)
            t_line("T1", "Content", text, work, (plan[0] - 1, plan[1])),
            t_line("T2", "Cue", text, at(text, "said")),
            t_line("T3", "Source", text, at(text, "Aides")),
            t_line("T4", "Attribution", text, at(text, "said")),
            "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3",
            t_line("T5", "Content", text, at(text, '"Fine,"')),
            t_line("T6", "Cue", text, at(text, "came")),
            t_line("T7", "Attribution-no-source", text, at(text, "came")),
            "E2\tAttribution-no-source:T7 Content:T5 Cue:T6 ",
            t_line("T8", "Content", text, at(text, '"Soon,"')),
            t_line("T9", "Cue", text, at(text, "said", 1)),
            t_line("T10", "Source", text, at(text, "she")),
            t_line("T11", "Content", text, at(text, '"Now,"')),
            "E3\tAttribution:T9 Cue:T9 Source:T10 Content:T8 Content2:T11",
            "T12\tAttribution-no-source 0 5\tAides\nthe rest of a span text that held a newline",
            "E4\tAttribution-no-source:T12",  # no content: not a quote
            "#1\tAnnotatorNotes T1\ta note",
        ]
    )


def test_brat_spans_keep_their_pieces_and_compare_by_extent() -> None:
    first, no_source, two_contents = parse_brat(BRAT_TEXT, brat_ann())
    plan, work = at(BRAT_TEXT, "the plan"), at(BRAT_TEXT, "would work")
    assert first.content.pieces == (work, plan)  # kept as given, the leading space stripped
    assert first.content.extent == (plan[0], work[1])
    assert first.key == ((plan[0], work[1]), at(BRAT_TEXT, "said"), at(BRAT_TEXT, "Aides"))
    assert no_source.source is None and no_source.cue == span(BRAT_TEXT, "came")
    assert two_contents.content == span(BRAT_TEXT, '"Soon,"')
    assert two_contents.more_content == (span(BRAT_TEXT, '"Now,"'),)


def test_an_attribution_without_content_is_left_out() -> None:
    assert len(parse_brat(BRAT_TEXT, brat_ann())) == 3


def test_strip_span_drops_surrounding_whitespace() -> None:
    assert strip_span(" \n ab c \t", 0, 9) == (3, 7)
    assert strip_span("   ", 0, 3) == (3, 3)


def write_split(folder: Path, name: str, text: str, anns: dict[str, str]) -> None:
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "attributions").mkdir(parents=True, exist_ok=True)
    (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, ann in anns.items():
        (folder / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")


def test_the_first_annotator_is_used_and_both_layouts_read(tmp_path: Path) -> None:
    one = "\n".join(brat_ann().split("\n")[:5])  # E1 only
    write_split(tmp_path / "dev", "wire_2016-09-01_story", BRAT_TEXT, {"b2c3": brat_ann(), "a1f0": one})
    write_split(tmp_path / "dev", "wire_2016-09-02_other", BRAT_TEXT, {"ffff": brat_ann()})
    (tmp_path / "dev" / "text" / "unannotated.txt").write_text("No annotations.", encoding="utf-8")
    articles = read_polnear(tmp_path, "dev")
    assert [(a.name, a.annotator, len(a.attributions)) for a in articles] == [
        ("wire_2016-09-01_story", "a1f0", 1),
        ("wire_2016-09-02_other", "ffff", 3),
    ]
    assert read_polnear(tmp_path / "dev", "ignored") == articles  # a split folder itself
    assert len(read_polnear(tmp_path, "dev", limit=1)) == 1
    with pytest.raises(InvalidArgument, match="text/ and attributions/"):
        read_polnear(tmp_path, "test")


def test_the_dev_split_reads_every_article() -> None:
    articles = read_polnear(need(POLNEAR), "dev")
    assert len(articles) == 84
    # 2,193 E lines in the first annotators' files, one of which has no content
    assert sum(len(a.attributions) for a in articles) == 2192


# --- scoring -------------------------------------------------------------------------------


def test_exact_matches_are_one_to_one() -> None:
    gold = [(0, 5), (10, 15), (10, 15)]
    predicted = [(0, 5), (0, 5), (10, 15), (20, 25)]
    # (0, 5) matches once though predicted twice; (10, 15) once though gold twice
    assert exact_counts(gold, predicted) == (2, 4, 3)


def test_token_overlap_counts_each_token_position_once() -> None:
    text = 'He said: "We will win the vote."'
    # tokens: He said : " We will win the vote . "  -> the gold content is 8 of them
    gold = [at(text, '"We will win the vote."')]
    predicted = [at(text, "We will win"), at(text, "win the"), at(text, "He said"), at(text, "e will")]
    # {We will win} | {win the} = 4 shared tokens; He said: 2 more; "e will" holds only "will"
    assert overlap_counts(text, gold, predicted) == (4, 6, 8)


SCORE_TEXT = 'He said: "We will win." Officials said the budget would pass.'


def score_gold(text: str = SCORE_TEXT) -> list[GoldAttribution]:
    return [
        GoldAttribution(span(text, '"We will win."'), span(text, "said"), span(text, "He")),
        GoldAttribution(span(text, "the budget would pass"), span(text, "said", 1), None),
    ]


def score_quotes(text: str = SCORE_TEXT) -> list[Quote]:
    win, said, he = at(text, '"We will win."'), at(text, "said"), at(text, "He")
    content = part(win)
    budget = at(text, "the budget would pass")
    return [
        # the inner words as start/end, the whole content (with its marks) as "content"
        quote((win[0] + 1, win[1] - 1), said, he, content=content, kind="direct"),
        quote((win[0] + 1, win[1] - 5), said, he, content=content, kind="mixed"),  # same attribution again
        quote((budget[0] - 1, budget[1]), at(text, "said", 1), None),  # a leading space, stripped
        quote(at(text, "Officials"), None, None),
    ]


def test_predicted_attributions_take_the_content_span_and_count_once() -> None:
    keys = predicted_keys(SCORE_TEXT, score_quotes())
    assert len(keys) == 3
    assert keys[0][0] == at(SCORE_TEXT, '"We will win."')
    assert keys[1] == (at(SCORE_TEXT, "the budget would pass"), at(SCORE_TEXT, "said", 1), None)


def test_each_role_and_whole_attributions_are_counted() -> None:
    counts = score_article(SCORE_TEXT, score_gold(), score_quotes())
    triples = {
        name: tuple(counts[f"{name}_{side}"] for side in ("correct", "predicted", "gold"))
        for name in ("content_exact", "cue_exact", "source_exact", "attribution_exact", "content_overlap")
    }
    assert triples == {
        "content_exact": (2, 3, 2),  # "Officials" is a spurious content
        "cue_exact": (2, 2, 2),
        "source_exact": (1, 1, 1),  # no source on either side of the second counts nowhere
        "attribution_exact": (2, 3, 2),  # the missing source agrees
        # gold tokens: " We will win . " (6) + the budget would pass (4); "Officials" is 1 more
        "content_overlap": (10, 11, 10),
    }


def test_a_wrong_source_breaks_the_attribution_but_not_the_content() -> None:
    predicted = score_quotes()[:1]
    predicted[0].source = TextSpan("He said", 0, 7)
    counts = score_article(SCORE_TEXT, score_gold()[:1], predicted)
    assert counts["content_exact_correct"] == 1
    assert counts["source_exact_correct"] == 0
    assert counts["source_overlap_correct"] == 1 and counts["source_overlap_predicted"] == 2
    assert counts["attribution_exact_correct"] == 0


@pytest.mark.parametrize(
    ("content", "direct"),
    [
        ('"We will win."', True),
        ("“We will win”.", True),  # trailing punctuation after the closing mark
        ("``We will win.''", True),
        ("  'We will win,'  ", True),
        ('"Fine," he said', False),
        ("half of his supporters “deplorables.”", False),
        ("the budget would pass", False),
        ('"', False),
    ],
)
def test_direct_means_opening_and_closing_quotation_marks(content: str, direct: bool) -> None:
    assert is_direct(content, (0, len(content))) is direct


def test_error_patterns_name_what_went_wrong() -> None:
    text = SCORE_TEXT
    gold = [
        GoldAttribution(span(text, "We will win."), span(text, "said"), None),
        GoldAttribution(span(text, "the budget would pass"), span(text, "said", 1), span(text, "Officials")),
    ]
    predicted = [
        quote(at(text, '"We will win."'), at(text, "said"), None),
        quote(at(text, "the budget"), at(text, "said", 1), None),
        quote(at(text, "pass"), at(text, "He"), None),
    ]
    assert error_patterns(text, gold, predicted) == {
        "content too long by quote marks": 1,
        "content too short": 1,
        "source missed": 1,
        "cue spurious": 1,  # "He" as a cue; "pass" lies inside a gold content, so not spurious
    }


# --- the command ---------------------------------------------------------------------------

CLI_TEXT = 'The mayor spoke on Monday. He said: "We will win." Officials said the budget would pass.\n'


def cli_ann(text: str = CLI_TEXT) -> str:
    return "\n".join(
        [
            t_line("T1", "Source", text, at(text, "He")),
            t_line("T2", "Cue", text, at(text, "said")),
            t_line("T3", "Content", text, at(text, '"We will win."')),
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            t_line("T4", "Source", text, at(text, "Officials")),
            t_line("T5", "Cue", text, at(text, "said", 1)),
            t_line("T6", "Content", text, at(text, "the budget would pass")),
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )


@pytest.fixture
def polnear(tmp_path: Path) -> Path:
    write_split(tmp_path / "polnear" / "dev", "wire_2016-09-01_mayor", CLI_TEXT, {"a1f0": cli_ann()})
    return tmp_path / "polnear"


def perfect_quotes(text: str) -> list[Quote]:
    win = at(text, '"We will win."')
    return [
        quote(win, at(text, "said"), at(text, "He"), kind="direct"),
        quote(at(text, "the budget would pass"), at(text, "said", 1), at(text, "Officials")),
    ]


def fake_process_many(items: Iterable[Article], **options: Any) -> Iterator[Document]:
    """The tagged finders get every quote right, the rules none (no model is run)."""
    assert options["clean_text"] is False and options["check_language"] is False
    for article in items:
        found = perfect_quotes(article.text) if options["quotes"] in ("fast", "accurate") else []
        yield Document(article=article, text=article.text, quotes=found)


KEYS = [
    f"{role}_{kind}_{figure}"
    for role, kind in [(r, k) for r in ("source", "cue", "content") for k in ("exact", "overlap")]
    + [("attribution", "exact")]
    for figure in ("precision", "recall", "f1")
]


def test_json_has_the_design_keys_for_both_methods(polnear: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_eval, "process_many", fake_process_many)
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(polnear), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    for part in (figures, figures["baseline"], figures["direct"], figures["baseline"]["direct"]):
        assert set(KEYS) | {"n"} <= set(part)
    assert figures["n"] == 2 and figures["direct"]["n"] == 1 and figures["articles"] == 1
    assert all(figures[key] == 1.0 for key in KEYS)
    assert all(figures["baseline"][key] == 0.0 for key in KEYS)
    assert figures["articles_per_second"] > 0
    assert figures["method"] == "accurate"  # the default finder


def test_human_output_puts_the_methods_side_by_side(polnear: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_eval, "process_many", fake_process_many)
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(polnear / "dev"), "--quotes", "accurate"])
    assert result.exit_code == 0, result.output
    assert "accurate  P / R / F1" in result.output and "rules" in result.output
    line = next(row for row in result.output.splitlines() if row.startswith("content_exact"))
    assert line.split()[1:] == ["1.000"] * 3 + ["0.000"] * 3
    assert "1 articles, 2 gold attributions (1 direct)" in result.output


def test_a_missing_split_is_one_clear_error(polnear: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(polnear), "--split", "test"])
    assert result.exit_code != 0
    assert "text/ and attributions/" in str(result.exception)


def test_only_quotes_takes_a_split() -> None:
    assert "--split" in CliRunner().invoke(cli, ["eval", "quotes", "--help"]).output
    assert "--split" not in CliRunner().invoke(cli, ["eval", "time", "--help"]).output


def test_a_direct_quote_is_found_by_the_real_pipeline(polnear: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(polnear), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["n"] == 2
    for part in (figures, figures["baseline"]):
        assert all(0.0 <= part[key] <= 1.0 for key in KEYS)
    assert figures["direct"]["content_exact_recall"] == 1.0
