"""Events: who did what to whom, CAMEO-coded, with modality, date, place and evidence."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from storyline.knowledge import cameo
from storyline.stages.s11_events import confidence, learned
from storyline.stages.s11_events.events import Judge, code_events
from storyline.stages.stage import Config, Stage, Work

__all__ = ["CODERS", "STAGE", "code_work", "judge_of"]

# --events: "learned", the head over the quote encoder's vectors with the lexicon (where the
# encoder ran: --quotes accurate), else the lexicon's rules alone; "rules", the rules alone
CODERS = ("learned", "rules")


def _events(work: Work, config: Config) -> None:
    asked: dict[int, Any] = {}
    judge = judge_of(work, config, asked)
    code_work(work, config, judge)
    calibration = confidence.calibrations(learned.HEAD_DIR / "head.json").get("learned" if judge else "rules")
    confidence.calibrate(work.events, work.parsed, asked, calibration)


def code_work(work: Work, config: Config, judge: Judge | None) -> None:
    """The work's events, coded with ``judge`` (None: the rules alone). The training scripts
    pass a judge that records what the head would be asked."""
    work.events = code_events(
        work.parsed,
        work.entities,
        work.timexes,
        work.quotes,
        work.reference,
        config.lexicon,
        narrated_present=work.caption is not None,  # a caption tells what happened in the present tense
        judge=judge,
    )


def judge_of(work: Work, config: Config, asked: dict[int, Any]) -> Judge | None:
    """The learned head's judge, where it runs: the encoder ran (its vectors are there) and the
    lexicon is the shipped one, perhaps extended. A user lexicon that replaces the shipped one is
    a coding scheme of the user's own, which the head was not taught; the words a user lexicon
    defines are the user's own coding, which stands as written. The head's probabilities for
    each word it judges go into ``asked`` (by token index), for the events' confidence."""
    head = learned.head() if config.event_coder == "learned" else None
    vectors = work.token_vectors
    users = config.lexicon or cameo.lexicon()
    if head is None or vectors is None or users.replaced:
        return None

    means: dict[int, Any] = {}  # the document's sentence means, each computed once

    def judge(word: Token, code: str | None) -> str | None:
        if word.lemma_.lower() in users.users_words:
            return code
        p = head.probabilities(learned.features(word, vectors, code, means))
        asked[word.i] = p
        return head.choose(p, code)

    return judge


STAGE = Stage(
    "events",
    _events,
    requires=("doc", "entities.actor", "entities.place", "timexes", "reference", "quotes"),
    assigns=("events",),
    about="CAMEO-coded events over the parse: actors, modality, date, location, evidence",
)
