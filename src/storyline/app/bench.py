"""``storyline bench``: pipeline throughput as a ratio to the bare spaCy model, same texts, same run."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.skips import Skipped
from storyline.errors import BenchInputSkipped
from storyline.knowledge.quote_cues import DEFAULT_METHOD
from storyline.pipeline import StageTimer, process_many
from storyline.readers import read_inputs
from storyline.settings import BATCH_SIZE, LANGUAGE
from storyline.stages.s01_clean.clean import clean
from storyline.stages.s02_screen.language import is_language
from storyline.stages.s03_annotate.nlp import bare, load_model

__all__ = ["run_bench"]


def run_bench(
    paths: list[str | Path],
    *,
    limit: int = 500,
    repeat: int = 3,
    model: str | None = None,
    quotes: str = DEFAULT_METHOD,
    events: str = "learned",
) -> JSONObject:
    """Time ``nlp.pipe`` alone and the whole pipeline over the same articles.

    Words are whitespace-separated words of the cleaned texts, the same count for both sides.
    Each side runs ``repeat`` times, interleaved, and the fastest run counts (the least
    disturbed by whatever else the machine is doing).
    """
    articles: list[Article] = []
    for item in read_inputs(paths):
        if isinstance(item, Article) and is_language(item.text, LANGUAGE)[0]:
            articles.append(item)
            if len(articles) >= limit:
                break
    texts = [clean(a.text, title=a.title).text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model(model)
    list(nlp.pipe(texts[:8]))  # warm up: first calls allocate

    def model_alone() -> None:
        with bare(nlp):
            for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):  # the pipeline's batch size: padding costs differ
                pass

    timer = StageTimer()

    def pipeline() -> None:
        timer.seconds.clear()
        timer.budget_used.clear()
        for result in process_many(articles, model=model, timer=timer, quotes=quotes, events=events):
            if isinstance(result, Skipped):
                raise BenchInputSkipped(f"bench input was skipped: {result}")

    model_s, pipeline_s = [], []
    shares: dict[str, float] = {}
    used: list[float] = []
    for _ in range(repeat):
        model_s.append(_timed(model_alone))
        pipeline_s.append(_timed(pipeline))
        if pipeline_s[-1] == min(pipeline_s):  # the stage shares of the run that is reported
            shares = {stage: round(s / pipeline_s[-1], 4) for stage, s in timer.seconds.items()}
            used = sorted(timer.budget_used)
    model_wps = words / min(model_s)
    pipeline_wps = words / min(pipeline_s)
    return {
        "articles": len(articles),
        "words": words,
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}",
        "model_wps": round(model_wps, 1),
        "pipeline_wps": round(pipeline_wps, 1),
        "ratio": round(pipeline_wps / model_wps, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "stage_share": shares,  # each post-model stage's seconds over the whole pipeline's
        # the share of its time budget an article's own stages took: the slowest, and the 99th percentile
        "budget_used_max": round(used[-1], 4) if used else None,
        "budget_used_p99": round(used[int(0.99 * (len(used) - 1))], 4) if used else None,
    }


def _timed(fn: Callable[[], None]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
