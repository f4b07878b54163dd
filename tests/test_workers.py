"""Article workers: the whole pipeline in spawned processes, the results in order and the same as
in one process; a worker that dies loses only its own article."""

from __future__ import annotations

import os

import pytest

import storyline
from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import ModelNotInstalled
from storyline.pipeline import STAGES
from storyline.stages.stage import Config, Stage, StageTimer, Work
from storyline.workers import CHUNK

_FATAL = "SELF-DESTRUCT"


def _die_on_marker(work: Work, config: Config) -> None:
    if _FATAL in work.text:
        os._exit(1)  # as a worker killed by the kernel ends: no exception, no cleanup


# the shipped stages, then one that ends its process on one article (module level: a spawned
# worker imports it by name)
_DYING_STAGES = (*STAGES, Stage("die_on_marker", _die_on_marker, requires=("doc",), assigns=(), on_captions=False))


def _articles(count: int) -> list[Article]:
    return [
        Article.create(
            f"Talks on the {n}th round resumed in Geneva on Monday, officials said. "
            f"The ministry said {n} convoys had crossed into Pakistan.",
            where=f"feed:{n}",
        )
        for n in range(1, count + 1)
    ]


def test_a_worker_that_dies_loses_only_its_own_article() -> None:
    # more articles than one chunk, the fatal one in the first chunk: the chunks out beside it
    # are handed to the new workers
    articles = _articles(CHUNK + 4)
    fatal = Article.create(f"Troops left Kabul. {_FATAL}", where="feed:fatal")
    items = [*articles[:3], fatal, *articles[3:]]
    results = list(storyline.process_many(items, workers=2, stages=_DYING_STAGES))
    assert [r.where if isinstance(r, Skipped) else r.article.where for r in results] == [i.where for i in items]
    skipped = results[3]
    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.WORKER_DIED
    documents = [r for r in results if isinstance(r, Document)]
    alone = [d.to_dict() for d in storyline.process_many(articles) if isinstance(d, Document)]
    assert [d.to_dict() for d in documents] == alone


def test_workers_give_the_documents_of_one_process_with_skips_in_place() -> None:
    articles = _articles(3)
    items: list[Article | Skipped | str] = [articles[0], Skipped("feed:gone", SkipReason.EMPTY), "  ", *articles[1:]]
    one = list(storyline.process_many(items))
    two = list(storyline.process_many(items, workers=2))
    assert [type(r) for r in two] == [Document, Skipped, Skipped, Document, Document]
    assert [r.to_dict() if isinstance(r, Document) else r for r in two] == [
        r.to_dict() if isinstance(r, Document) else r for r in one
    ]


def test_a_timer_adds_up_the_workers_stages() -> None:
    timer = StageTimer()
    documents = list(storyline.process_many(_articles(3), workers=2, timer=timer))
    assert len(timer.budget_used) == len(documents) == 3
    assert {"entities", "quotes", "events"} <= set(timer.seconds)
    assert all(seconds > 0 for seconds in timer.seconds.values())


def test_a_model_a_worker_cannot_load_is_a_clear_error() -> None:
    with pytest.raises(ModelNotInstalled, match="STORYLINE_MODEL"):
        list(storyline.process_many(_articles(1), model="no_such_spacy_model", workers=2))
