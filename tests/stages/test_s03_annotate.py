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
