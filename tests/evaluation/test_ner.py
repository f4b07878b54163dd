"""The CoNLL-2003 NER evaluator: reading (IOB1 and IOB2), alignment, scoring, error kinds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.document.records import Entity, Mention
from storyline.evaluation.ner import (
    ConllDocument,
    Predictions,
    Span,
    chunks,
    error_patterns,
    evaluate_ner,
    parse_conll,
    read_conll,
    score,
)

from ..conftest import SHARED, need

VALID = SHARED / "data" / "ner" / "conll2003" / "valid.txt"

# token, IOB2 tag, IOB1 tag. "Alain Juppe Klaus Kinkel" is two adjacent people: the one
# place IOB1 writes B-.
ROWS: list[list[tuple[str, str, str]]] = [
    [("-DOCSTART-", "O", "O")],
    [
        ("EU", "B-ORG", "I-ORG"),
        ("rejects", "O", "O"),
        ("German", "B-MISC", "I-MISC"),
        ("call", "O", "O"),
        ("to", "O", "O"),
        ("boycott", "O", "O"),
        ("British", "B-MISC", "I-MISC"),
        ("lamb", "O", "O"),
        (".", "O", "O"),
    ],
    [("Peter", "B-PER", "I-PER"), ("Blackburn", "I-PER", "I-PER")],
    [
        ("Foreign", "O", "O"),
        ("ministers", "O", "O"),
        ("Alain", "B-PER", "I-PER"),
        ("Juppe", "I-PER", "I-PER"),
        ("Klaus", "B-PER", "B-PER"),
        ("Kinkel", "I-PER", "I-PER"),
        ("met", "O", "O"),
        ("in", "O", "O"),
        ("Bonn", "B-LOC", "I-LOC"),
        (".", "O", "O"),
    ],
    [("-DOCSTART-", "O", "O")],
    [("BRUSSELS", "B-LOC", "I-LOC"), ("1996-08-22", "O", "O")],
    [
        ("The", "O", "O"),
        ("European", "B-ORG", "I-ORG"),
        ("Commission", "I-ORG", "I-ORG"),
        ("said", "O", "O"),
        ("it", "O", "O"),
        ("disagreed", "O", "O"),
        ("with", "O", "O"),
        ("German", "B-MISC", "I-MISC"),
        ("advice", "O", "O"),
        (".", "O", "O"),
    ],
    [
        ("Germany", "B-LOC", "I-LOC"),
        ("'s", "O", "O"),
        ("representative", "O", "O"),
        ("to", "O", "O"),
        ("the", "O", "O"),
        ("European", "B-ORG", "I-ORG"),
        ("Union", "I-ORG", "I-ORG"),
        ("Werner", "B-PER", "I-PER"),
        ("Zwingmann", "I-PER", "I-PER"),
        ("said", "O", "O"),
        (".", "O", "O"),
    ],
]
GOLD_BY_TYPE = {"PER": 4, "ORG": 3, "LOC": 3, "MISC": 3}


def conll_lines(scheme: int) -> list[str]:
    """The small corpus in CoNLL columns; ``scheme`` 1 picks the IOB2 column, 2 the IOB1 one."""
    lines = []
    for sentence in ROWS:
        lines += [f"{row[0]} NNP I-NP {row[scheme]}" for row in sentence]
        lines.append("")
    return lines


@pytest.fixture
def iob2_file(tmp_path: Path) -> Path:
    path = tmp_path / "iob2.txt"
    path.write_text("\n".join(conll_lines(1)) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def iob1_file(tmp_path: Path) -> Path:
    path = tmp_path / "iob1.txt"
    path.write_text("\n".join(conll_lines(2)) + "\n", encoding="utf-8")
    return path


def gold_of(documents: list[ConllDocument]) -> list[Span]:
    return [span for i, d in enumerate(documents) for span in d.gold(i)]


def text_of(document: ConllDocument, span: Span) -> str:
    return " ".join(document.tokens[span.start : span.end])


# --- reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["iob1_file", "iob2_file"])
def test_gold_entities_read_from_either_scheme(fixture: str, request: pytest.FixtureRequest) -> None:
    documents = read_conll(request.getfixturevalue(fixture))
    assert len(documents) == 2
    gold = gold_of(documents)
    assert [(s.doc, text_of(documents[s.doc], s), s.type) for s in gold] == [
        (0, "EU", "ORG"),
        (0, "German", "MISC"),
        (0, "British", "MISC"),
        (0, "Peter Blackburn", "PER"),
        (0, "Alain Juppe", "PER"),
        (0, "Klaus Kinkel", "PER"),
        (0, "Bonn", "LOC"),
        (1, "BRUSSELS", "LOC"),
        (1, "European Commission", "ORG"),
        (1, "German", "MISC"),
        (1, "Germany", "LOC"),
        (1, "European Union", "ORG"),
        (1, "Werner Zwingmann", "PER"),
    ]
    assert {t: sum(1 for s in gold if s.type == t) for t in GOLD_BY_TYPE} == GOLD_BY_TYPE


def test_both_schemes_give_the_same_gold(iob1_file: Path, iob2_file: Path) -> None:
    assert gold_of(read_conll(iob1_file)) == gold_of(read_conll(iob2_file))


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["I-PER", "I-PER", "B-PER", "I-PER"], [(0, 2, "PER"), (2, 4, "PER")]),  # IOB1 adjacency
        (["B-PER", "I-PER", "B-PER", "I-PER"], [(0, 2, "PER"), (2, 4, "PER")]),  # IOB2
        (["I-ORG", "I-LOC", "O", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC"), (3, 4, "LOC")]),  # type change splits
        (["O", "B-MISC"], [(1, 2, "MISC")]),  # a chunk at the very end is closed
        ([], []),
    ],
)
def test_chunks(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert chunks(tags) == expected


def test_a_chunk_never_crosses_a_sentence_break() -> None:
    (document,) = parse_conll(["Bonn NNP I-NP I-LOC", "", "Paris NNP I-NP I-LOC", ""])
    assert [(s.start, s.end) for s in document.gold(0)] == [(0, 1), (1, 2)]


def test_a_file_without_docstart_is_one_document_and_limit_counts_documents(iob2_file: Path) -> None:
    (document,) = parse_conll(["Bonn NNP I-NP B-LOC", "", "Paris NNP I-NP B-LOC"])
    assert document.text == "Bonn\nParis"
    assert [len(d.tokens) for d in read_conll(iob2_file, limit=1)] == [21]


def test_a_folder_reads_every_file_in_name_order(iob1_file: Path, iob2_file: Path) -> None:
    documents = read_conll(iob1_file.parent)
    assert len(documents) == 4
    assert documents[0] == read_conll(iob1_file)[0]
    assert documents[2] == read_conll(iob2_file)[0]


# --- alignment ---------------------------------------------------------------------------


def test_text_and_token_offsets(iob2_file: Path) -> None:
    document = read_conll(iob2_file)[0]
    first_line = "EU rejects German call to boycott British lamb ."
    assert document.text.split("\n") == [
        first_line,
        "Peter Blackburn",
        "Foreign ministers Alain Juppe Klaus Kinkel met in Bonn .",
    ]
    assert all(document.text[s:e] == t for t, (s, e) in zip(document.tokens, document.offsets, strict=True))
    assert document.offsets[document.tokens.index("Peter")] == (len(first_line) + 1, len(first_line) + 6)


def test_char_spans_to_token_spans(iob2_file: Path) -> None:
    document = read_conll(iob2_file)[0]
    start = document.text.index("Alain")
    assert document.token_span(start, start + len("Alain Juppe")) == (13, 15)
    assert document.token_span(start - 1, start + len("Alain Juppe ")) == (13, 15)  # whitespace trimmed
    assert document.token_span(start, start + 3) is None  # "Ala": cuts through a token
    assert document.token_span(start + 1, start + 5) is None


def test_predictions_map_types_drop_untagged_labels_and_keep_misaligned(iob2_file: Path) -> None:
    document = read_conll(iob2_file)[0]
    at = document.text.index
    predictions = Predictions()
    predictions.add(document, 0, at("Bonn"), at("Bonn") + 4, "GPE")
    predictions.add(document, 0, at("German"), at("German") + 6, "NORP")
    predictions.add(document, 0, at("EU"), at("EU") + 2, "DATE")  # CoNLL has no dates: dropped
    predictions.add(document, 0, at("Blackburn"), at("Blackburn") + 5, "PERSON")  # "Black"
    assert sorted(predictions.spans) == [Span(0, 2, 3, "MISC"), Span(0, 19, 20, "LOC")]
    assert predictions.misaligned == ["PER"]


def test_entity_mentions_take_the_entity_type_and_pronouns_are_left_out(iob2_file: Path) -> None:
    document = read_conll(iob2_file)[1]
    at = document.text.index
    commission = Entity(
        id="E1",
        name="European Commission",
        type="GPE",  # the cluster's type wins over each mention's own label
        mentions=[
            Mention(at("European Commission"), at("European Commission") + 19, "European Commission", "ORG"),
            Mention(at("European Union"), at("European Union") + 14, "European Union", "ORG"),
            Mention(at(" it ") + 1, at(" it ") + 3, "it", "PRON"),
        ],
    )
    predictions = Predictions()
    predictions.add_entities(document, 1, [commission])
    assert sorted(predictions.spans) == [Span(1, 3, 5, "LOC"), Span(1, 17, 19, "LOC")]
    assert predictions.excluded == 1


# --- scoring -----------------------------------------------------------------------------


def test_score_arithmetic() -> None:
    gold = [Span(0, 0, 1, "ORG"), Span(0, 2, 3, "MISC"), Span(0, 9, 11, "PER"), Span(1, 0, 1, "LOC")]
    predicted = [
        Span(0, 0, 1, "ORG"),  # right
        Span(0, 2, 3, "MISC"),  # right
        Span(1, 0, 1, "LOC"),  # right
        Span(0, 9, 10, "PER"),  # too short: wrong
        Span(0, 5, 6, "PER"),  # spurious
    ]
    scores = score(gold, predicted, misaligned=1)
    assert (scores.correct, scores.predicted, scores.gold) == (3, 6, 4)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.75)
    assert scores.f1 == pytest.approx(0.6)


def test_same_span_wrong_type_is_wrong_and_empty_sides_score_zero() -> None:
    assert score([Span(0, 0, 1, "ORG")], [Span(0, 0, 1, "LOC")]).f1 == 0.0
    assert score([Span(0, 0, 1, "ORG")], []).precision == 0.0
    assert score([], [Span(0, 0, 1, "ORG")]).recall == 0.0
    assert score([Span(0, 0, 1, "ORG")], [Span(0, 0, 1, "ORG")] * 2).f1 == 1.0  # a duplicate counts once


def test_error_patterns_on_hand_made_predictions(iob2_file: Path) -> None:
    documents = read_conll(iob2_file)
    gold = gold_of(documents)
    predicted = [
        Span(0, 0, 1, "LOC"),  # EU as LOC
        Span(0, 2, 3, "MISC"),  # German: right
        Span(0, 9, 11, "PER"),  # Peter Blackburn: right
        Span(0, 13, 14, "PER"),  # "Alain" of Alain Juppe
        Span(0, 15, 18, "PER"),  # "Klaus Kinkel met"
        Span(0, 3, 4, "MISC"),  # "call": touches no gold entity
        Span(1, 0, 2, "LOC"),  # "BRUSSELS 1996-08-22"
        Span(1, 2, 5, "ORG"),  # "The European Commission"
        Span(1, 12, 14, "LOC"),  # "Germany 's"
    ]
    assert error_patterns(documents, gold, predicted) == {
        "type: gold ORG as LOC": 1,
        "boundary: too short (PER)": 1,
        "boundary: extra words (PER)": 1,
        "spurious MISC": 1,
        "missed MISC": 2,  # British, and German in document 2
        "missed LOC": 1,  # Bonn
        "boundary: takes in numbers (LOC)": 1,
        "boundary: includes 'the' (ORG)": 1,
        "boundary: includes possessive (LOC)": 1,
        "missed ORG": 1,  # European Union
        "missed PER": 1,  # Werner Zwingmann
    }


# --- end to end (the model) --------------------------------------------------------------


def test_evaluate_ner_end_to_end(iob1_file: Path) -> None:
    figures = evaluate_ner(iob1_file)
    for key in ("precision", "recall", "f1", "baseline_precision", "baseline_recall", "baseline_f1"):
        assert 0.0 <= figures[key] <= 1.0, key
    assert 0.0 <= figures["f1_without_misc"] <= 1.0
    assert figures["excluded_mentions"] >= 0 and figures["misaligned"] >= 0
    assert (figures["n"], figures["documents"]) == (13, 2)
    assert {t: v["n"] for t, v in figures["per_type"].items()} == GOLD_BY_TYPE
    assert all({"precision", "recall", "f1", "baseline_f1", "n"} <= set(v) for v in figures["per_type"].values())
    assert figures["f1"] > 0.3  # plain newswire names: a working pipeline finds several


def test_cli_on_conll_valid() -> None:
    data = need(VALID)
    result = subprocess.run(
        [sys.executable, "-m", "storyline", "eval", "ner", "--data", str(data), "--limit", "20", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 20
    assert figures["n"] == sum(v["n"] for v in figures["per_type"].values()) > 100
    assert set(figures["per_type"]) == {"PER", "ORG", "LOC", "MISC"}
    assert 0.0 <= figures["f1"] <= 1.0 and 0.0 <= figures["baseline_f1"] <= 1.0
    assert figures["f1"] > 0.3
