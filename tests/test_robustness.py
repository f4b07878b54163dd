"""No article stops a run: climbs of the parse that end, the time budget per article, and
what the user sees of an article that met it (the generated inputs: test_fuzz.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

import storyline
from storyline import Article, Document, Skipped, SkipReason, process_many
from storyline.budget import Budget, Expired, deadline
from storyline.errors import InputSkipped, InvalidArgument
from storyline.parse.climbs import heads, is_root, lineage
from storyline.pipeline import STAGES
from storyline.readers import read_stream
from storyline.stages.s03_annotate.nlp import MAX_SENTENCE_TOKENS, PARAGRAPH_SPLIT, bare, load_model
from storyline.stages.s09_time.timexes import find_in_text
from storyline.stages.s11_events.modality import modality
from storyline.stages.stage import Config, Stage, Work

from .conftest import SEED, need

LOWER_CASE = "kanshi ram parried questions at a joint press conference."

# A budget an article that ends is never over, however loaded the machine (these articles take
# well under a second); the hang it guards against takes forever.
_NEVER_MISSED = Budget(per_1000_words=1, minimum=5)

# A stage that never ends on a text that asks for it, as a fault in a stage would.
HANG = """
import storyline.stages.s09_time as time_stage
found = time_stage.find_timexes
def find_timexes(doc, published):
    while "HANG" in doc.text:
        pass
    return found(doc, published)
time_stage.find_timexes = find_timexes
"""


def _parsed_by_hand() -> Doc:
    """ "kanshi ram parried questions" with the noun "ram" as its root, as the model parses
    the lower-cased sentence; built by hand so that no model decides it."""
    words = ["kanshi", "ram", "parried", "questions"]
    return Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 1, 2],
        deps=["compound", "ROOT", "acl", "dobj"],
        pos=["PROPN", "NOUN", "VERB", "NOUN"],
        tags=["NNP", "NN", "VBD", "NNS"],
    )


def test_climbs_end_at_a_root_that_is_no_verb() -> None:
    doc = _parsed_by_hand()
    assert is_root(doc[1]) and not is_root(doc[3])
    assert [t.i for t in heads(doc[3])] == [2, 1]
    assert [t.i for t in lineage(doc[3])] == [3, 2, 1]
    assert [t.i for t in heads(doc[3], limit=1)] == [2]
    assert list(heads(doc[1])) == []


def test_modality_of_a_noun_under_a_root_that_is_no_verb() -> None:
    """The loop that climbed from "questions" for a verb never stopped at "ram"."""
    doc = _parsed_by_hand()
    assert modality(doc[3]) == "asserted"
    assert modality(doc[2]) == "asserted"


def test_the_lower_case_sentence_is_done_within_its_budget() -> None:
    """It hung the pipeline for ever; now its stages finish inside a budget (a generous one: the
    hang never ended, and a loaded machine must not fail the test)."""
    doc = storyline.process(LOWER_CASE, published="2002-03-10", time_budget=_NEVER_MISSED)
    assert doc.text == LOWER_CASE
    assert doc.entities and doc.entities[0].name == "kanshi ram"


def test_budget_grows_with_the_words() -> None:
    budget = Budget(per_1000_words=3, minimum=5)
    assert budget.seconds(100) == 5
    assert budget.seconds(10_000) == 30
    assert Budget(per_1000_words=0).unlimited and Budget(per_1000_words=0).seconds(10**6) == float("inf")
    for bad in ({"per_1000_words": -1}, {"minimum": -1}, {"per_1000_words": float("nan")}):
        with pytest.raises(InvalidArgument, match="time budget"):
            Budget(**bad)


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_deadline_stops_a_loop_that_never_ends() -> None:
    with pytest.raises(Expired), deadline(0.05):
        while True:
            pass


def test_deadline_never_fires_after_its_body() -> None:
    for _ in range(20):
        try:
            with deadline(0.01):
                _spin(0.009)
        except Expired:
            pass  # on a loaded machine the body may overrun: then the deadline fired in time
        _spin(0.02)  # past the deadline, outside its body: nothing may arrive


def test_deadline_in_a_worker_thread() -> None:
    """A web server runs the pipeline on threads, where no signal reaches."""

    def spin_forever() -> str:
        try:
            with deadline(0.05):
                while True:
                    pass
        except Expired:
            return threading.current_thread().name
        return "not stopped"

    with ThreadPoolExecutor(1, thread_name_prefix="worker") as pool:
        assert pool.submit(spin_forever).result(timeout=30).startswith("worker")


@pytest.fixture
def hanging_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    namespace: dict[str, object] = {}
    exec(HANG, namespace)  # the same patch the command-line test runs in its process
    monkeypatch.setattr("storyline.stages.s09_time.find_timexes", namespace["find_timexes"])


def _hang_on_marker(work: Work, config: Config) -> None:
    while "HANG" in work.text:
        pass


# the shipped stages, then one that never ends on one article (module level: a spawned worker
# imports it by name, where a patch made in this process would not reach)
_HANGING_STAGES = (*STAGES, Stage("hang_on_marker", _hang_on_marker, requires=("doc",), assigns=(), on_captions=False))


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_budget_is_skipped_and_the_run_goes_on(workers: int) -> None:
    texts = ["Talks resumed in Paris on Monday.", "HANG: this one never ends.", "Russia attacked Ukraine on Friday."]
    articles = [Article.create(t, where=f"feed.jsonl:{n}") for n, t in enumerate(texts, 1)]
    results = list(process_many(articles, workers=workers, time_budget=_NEVER_MISSED, stages=_HANGING_STAGES))
    assert [type(r) for r in results] == [Document, Skipped, Document]
    skipped = results[1]
    assert isinstance(skipped, Skipped) and skipped.reason == SkipReason.TIMEOUT
    assert skipped.where == "feed.jsonl:2"
    assert "time budget for 5 words" in skipped.detail


@pytest.mark.usefixtures("hanging_stage")
def test_process_raises_the_timeout_as_a_skip() -> None:
    with pytest.raises(InputSkipped, match="timeout") as raised:
        storyline.process("HANG, once more.", time_budget=_NEVER_MISSED)
    assert raised.value.skipped.reason == SkipReason.TIMEOUT


def test_no_budget_is_zero_and_a_bad_one_is_refused() -> None:
    assert isinstance(storyline.process("Talks resumed in Paris on Monday.", time_budget=0), Document)
    with pytest.raises(InvalidArgument, match="time_budget"):
        storyline.process("Talks resumed.", time_budget="fast")  # type: ignore[arg-type]


def test_a_lone_surrogate_is_not_unicode_text() -> None:
    """Only a str made in Python holds one; UTF-8 cannot, so no document could be written."""
    broken, fine = process_many(["Talks resumed \ud83d in Paris.", "Talks resumed in Paris on Monday."])
    assert isinstance(broken, Skipped) and broken.reason == SkipReason.NOT_UTF8
    assert "character 14 of its text is a lone surrogate (U+D83D)" in broken.detail
    assert isinstance(fine, Document)


def test_the_command_reports_a_timeout_and_goes_on(tmp_path: Path) -> None:
    """Through the real entry point, with two workers: the article over budget is reported on
    stderr, written to --skips and counted; the others come out."""
    feed = tmp_path / "feed.jsonl"
    texts = ["Talks resumed in Paris on Monday.", "HANG: this one never ends.", "Russia attacked Ukraine on Friday."]
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    skips = tmp_path / "skips.jsonl"
    # a script file, the patch at its top: each spawned worker runs it again (as __mp_main__)
    script = tmp_path / "hanging.py"
    script.write_text(HANG + "from storyline.app.cli import main\nif __name__ == '__main__':\n    main()\n")
    args = ["process", str(feed), "--workers", "2", "--time-budget", "1", "--skips", str(skips)]
    result = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [texts[0], texts[2]]
    assert f"storyline: skipped {feed}:2: timeout: not done in 5.0 s" in result.stderr
    assert "2 documents, 1 skipped (1 timeout)" in result.stderr
    (record,) = [json.loads(line) for line in skips.read_text("utf-8").splitlines()]
    assert record["skipped"] == f"{feed}:2" and record["reason"] == "timeout"


def test_a_stretch_with_no_full_stop_is_cut_into_sentences() -> None:
    """Six hundred words and no full stop: sentences of at most MAX_SENTENCE_TOKENS tokens,
    not one parse chain six hundred deep."""
    nlp = load_model()
    doc = nlp(" ".join(["said"] * 600))
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    with bare(nlp):
        assert max(len(s) for s in nlp(" ".join(["said"] * 600)).sents) > MAX_SENTENCE_TOKENS


def test_prose_is_parsed_as_the_model_parses_it() -> None:
    """The cap sets nothing in text with full stops: heads, labels and sentences as without it
    (the paragraph split, which starts a sentence after the raw seed's caption lines, aside)."""
    text = need(SEED).read_text("utf-8")
    nlp = load_model()
    with nlp.select_pipes(disable=[PARAGRAPH_SPLIT]):
        capped = nlp(text)
    with bare(nlp):
        alone = nlp(text)
    assert [(t.head.i, t.dep_, t.is_sent_start) for t in capped] == [(t.head.i, t.dep_, t.is_sent_start) for t in alone]


def test_a_publication_date_no_news_has_is_refused() -> None:
    """Year 1000 or 9999 is a typo or junk: an error for --published, no date from a reader,
    and the time stage's arithmetic never leaves the calendar ("yesterday" on 0001-01-01)."""
    with pytest.raises(InvalidArgument, match="from 1600 to 2999"):
        Article.create("Talks resumed.", published="0999-12-31")
    feed = b'{"text": "THE YEAR-AGO PERIOD ENDED YESTERDAY.", "published": "1000-01-01"}\n'
    (article,) = read_stream(io.BytesIO(feed), "feed.jsonl", "jsonl")
    assert isinstance(article, Article) and article.published is None
    assert [t.value for t in find_in_text("the year-ago period ended yesterday", "0001-01-01")] == [
        "XXXX-QX",
        "XXXX-XX-XX",
    ]
