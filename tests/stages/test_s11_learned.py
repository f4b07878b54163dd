"""The learned event head: how its probabilities turn into codes, what it reads, and where it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest

from storyline import process
from storyline.stages.s10_quotes import tagger_accurate
from storyline.stages.s11_events import learned
from storyline.stages.stage import Config

from .conftest import parsed

WIDTH = 4


def a_head(drop: float = 0.6, recode: float = 0.7, add: float = 0.8) -> learned.Head:
    """A head over WIDTH features whose answer is the row itself: row k's weight is label k's."""
    weights = numpy.zeros((WIDTH, len(learned.LABELS)), dtype="float32")
    for k, label in enumerate(("none", "17", "18", "19")):
        weights[k, learned.LABELS.index(label)] = 10.0
    return learned.Head(weights, numpy.zeros(len(learned.LABELS), dtype="float32"), drop, recode, add)


def sure_of(label: str, strength: float = 1.0) -> numpy.ndarray:
    row = numpy.zeros(WIDTH, dtype="float32")
    row[("none", "17", "18", "19").index(label)] = strength
    return row


def test_the_lexicons_fine_code_stays_where_the_head_agrees_on_its_root() -> None:
    assert a_head().decide(sure_of("17"), "1731") == "1731"


def test_a_root_the_head_is_sure_of_replaces_the_lexicons_with_its_general_code() -> None:
    assert a_head().decide(sure_of("18"), "1731") == "180"


def test_a_root_the_head_is_unsure_of_leaves_the_lexicons_code() -> None:
    assert a_head(recode=1.01).decide(sure_of("18"), "1731") == "1731"


def test_a_word_the_head_is_sure_tells_no_event_is_not_coded() -> None:
    assert a_head().decide(sure_of("none"), "145") is None
    assert a_head(drop=1.01).decide(sure_of("none"), "145") == "145"  # not sure enough to drop


def test_a_word_the_lexicon_does_not_know_is_coded_only_when_the_head_is_sure() -> None:
    assert a_head().decide(sure_of("19"), None) == "190"
    assert a_head(add=1.01).decide(sure_of("19"), None) is None
    assert a_head().decide(sure_of("none"), None) is None


def test_the_features_are_the_word_its_sentence_and_the_lexicons_root(config: Config) -> None:
    doc = parsed(config, "Police arrested two men. The army shelled the town.").parsed
    vectors = numpy.arange(len(doc) * 3, dtype="float32").reshape(len(doc), 3)
    shelled = next(t for t in doc if t.text == "shelled")
    row = learned.features(shelled, vectors, "190")
    sentence = shelled.sent
    assert numpy.array_equal(row[:3], vectors[shelled.i])
    assert numpy.allclose(row[3:6], vectors[sentence.start : sentence.end].mean(axis=0))
    hint = row[6:]
    assert hint.sum() == 1.0 and hint[learned.LABELS.index("19")] == 1.0
    assert learned.features(shelled, vectors, None)[6 + learned.LABELS.index("none")] == 1.0


def test_the_encoder_gives_every_word_of_the_parse_a_vector(config: Config) -> None:
    doc = parsed(config, "Police in Lagos arrested 12 protesters on Tuesday.\n\nThe ministry confirmed it.").parsed
    (encoded,) = tagger_accurate.encode_batch([doc])
    assert encoded.vectors.shape == (len(doc), tagger_accurate.VECTOR_WIDTH)
    words = [t.i for t in doc if not t.is_space]
    assert all(numpy.abs(encoded.vectors[i]).sum() > 0 for i in words)
    assert all(numpy.abs(encoded.vectors[t.i]).sum() == 0 for t in doc if t.is_space)
    # the same word in two contexts gets two vectors: they are the encoder's, not a table's
    again = parsed(config, "Police arrested the minister.").parsed
    (other,) = tagger_accurate.encode_batch([again])
    assert not numpy.allclose(encoded.vectors[0], other.vectors[0])


def coded(text: str, **options: Any) -> dict[str, str]:  # Any: process()'s options
    return {e.trigger.text: e.cameo for e in process(text, published="2025-08-23", **options).events}


# Sentences written for these tests, in no training file: a lexicon word in a sense that is no act
LOOKALIKES = [
    ("A lightning strike knocked out power at the stadium on Saturday.", "strike"),
    ("The striker fired a shot past the keeper in the second half.", "fired"),
]


@pytest.mark.parametrize(("text", "word"), LOOKALIKES)
def test_the_head_leaves_uncoded_what_the_rules_code_in_a_sense_that_is_no_act(text: str, word: str) -> None:
    assert word in coded(text, events="rules")
    assert word not in coded(text)  # the learned coder is the default


def test_the_head_keeps_real_acts() -> None:
    found = coded("Rebels ambushed an army convoy near the border, killing four soldiers.")
    assert found.get("ambushed", "")[:2] == "19"


def test_without_the_encoder_the_rules_code_alone() -> None:
    text = "A lightning strike knocked out power at the stadium on Saturday. Police arrested 12 protesters."
    assert coded(text, quotes="fast") == coded(text, quotes="fast", events="rules")


def test_a_user_lexicons_words_are_not_judged(tmp_path: Path) -> None:
    lexicon = tmp_path / "verbs.toml"
    lexicon.write_text('[verbs]\nfire = "193"\n', encoding="utf-8")
    text = "The striker fired a shot past the keeper in the second half."
    assert coded(text, lexicons=[str(lexicon)]).get("fired") == "193"  # the user's own coding stands
