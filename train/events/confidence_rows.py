"""The confidence calibration's rows: every event the coder finds in the tuning split of the
event head's training data, with the calibration's features and whether its code root and
source are both right.

The tuning split is the one ``train_event_head.py`` holds out (one sentence or story in five, by
a hash of its name), coded with the head fitted without it (``--tuning-out``), so the head's
probabilities here are those of text it has not learned from. Each event is labelled:

- in a hand-written sentence, by the sentence's annotation: an event on a word no annotated
  event has is wrong (a reporting verb's statement is left out: the writers did not mark those);
  one on an annotated word is right when its root is the annotation's and its source is the
  annotated doer (a mention of its source entity overlaps the doer's words; no source where the
  annotation names none);
- in an audited Reuters story (``bench/audit-issue15*.csv``), by the reader's verdict on the same
  event: the same sentence, trigger word and code, and the same source. An event the audit did
  not read is left out.

Runs in storyline's environment, once for each coder:

    .venv/bin/python train/events/confidence_rows.py train/events/written/*.jsonl \
        --audit bench/audit-issue15*.csv --stories /tmp/audit-stories.jsonl \
        --head /tmp/head-tune --out /tmp/confidence-rows.npz
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy

sys.path.insert(0, str(Path(__file__).parent))

from event_features import Item, audited_items, written_items

from storyline.document.records import Entity, Event
from storyline.knowledge.speech import REPORTING_VERBS
from storyline.pipeline import STAGES, process_many
from storyline.stages import s11_events
from storyline.stages.s11_events import confidence, learned
from storyline.stages.stage import Config, Work

Verdict = Callable[[Event, Work], bool | None]  # right, wrong, or None: not known


def in_tuning_split(where: str) -> bool:
    """As ``train_event_head.tuning_mask``."""
    return int(hashlib.sha256(where.encode()).hexdigest(), 16) % 5 == 0


def written_verdicts(paths: list[str]) -> dict[str, Verdict]:
    """By item name (``file:line``), the verdict of each hand-written sentence."""
    verdicts = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                verdicts[f"{Path(path).name}:{number}"] = _written(json.loads(line))
    return verdicts


def _written(sentence: dict[str, Any]) -> Verdict:
    def verdict(event: Event, work: Work) -> bool | None:
        word = work.parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if word is None:
            return None
        token = word.root
        objects = {c.text for c in token.children if c.dep_ == "dobj"}
        gold = next((g for g in sentence["events"] if g["trigger"] == token.text or g["trigger"] in objects), None)
        if gold is None:
            return None if token.lemma_.lower() in REPORTING_VERBS else False
        return event.root == gold["root"] and _same_doer(event, gold["source"], work)

    return verdict


def _same_doer(event: Event, doer: str | None, work: Work) -> bool:
    if doer is None or event.source is None:
        return doer is None and event.source is None
    start = work.text.find(doer)
    entity = next((e for e in work.entities if e.id == event.source), None)
    return entity is not None and (
        any(m.start < start + len(doer) and start < m.end for m in entity.mentions) or entity.name in doer
    )


def audit_verdicts(sheets: list[str]) -> Verdict:
    """The audit's verdict on an event, where the audit read that event."""
    read: dict[tuple[str, str, str], tuple[str, bool]] = {}  # (trigger, sentence, code) -> source, right
    for sheet in sheets:
        with open(sheet, encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                right = row["code_ok"] == "y" and row["source_ok"] in ("y", "-")
                read[(row["trigger"], " ".join(row["sentence"].split())[:60], row["cameo"])] = (row["source"], right)

    def verdict(event: Event, work: Work) -> bool | None:
        word = work.parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if word is None:
            return None
        found = read.get((event.trigger.text, " ".join(word.sent.text.split())[:60], event.cameo))
        if found is None:
            return None
        source, right = found
        return right if source == _as_audited(event, work.entities) else None

    return verdict


def _as_audited(event: Event, entities: list[Entity]) -> str:
    """The event's source as the audit sheets wrote it: "GBRGOV (Margaret Thatcher)"."""
    if event.source is None:
        return ""
    entity = next((e for e in entities if e.id == event.source), None)
    code = event.source_actor.code if event.source_actor else ""
    return f"{code} ({entity.name if entity else ''})"


def rows_of(items: list[Item], verdicts: dict[str, Verdict], coder: str) -> tuple[dict[str, Any], Counter[str]]:
    found: list[tuple[list[float], bool]] = []
    tally: Counter[str] = Counter()
    numbers = {item.article.id: n for n, item in enumerate(items)}

    def recording_stage(work: Work, config: Config) -> None:
        asked: dict[int, Any] = {}
        judge = s11_events.judge_of(work, config, asked)
        s11_events.code_work(work, config, judge)
        number = numbers.get(work.article.id)
        if number is None or work.caption is not None:
            return
        verdict = verdicts[items[number].where]
        for event in work.events:
            right = verdict(event, work)
            tally["events"] += 1
            if right is not None:
                found.append((confidence.features(event, work.parsed, asked), right))
                tally["right" if right else "wrong"] += 1

    stages = tuple(
        dataclasses.replace(s, run=recording_stage) if s.name == s11_events.STAGE.name else s for s in STAGES
    )
    for _ in process_many((i.article for i in items), stages=stages, time_budget=0, quotes="accurate", events=coder):
        pass
    features, labels = zip(*found, strict=True)
    return {
        f"{coder}_features": numpy.asarray(features, dtype="float32"),
        f"{coder}_right": numpy.asarray(labels),
    }, tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="hand-written sentences (JSON Lines)")
    parser.add_argument("--audit", nargs="*", default=[], help="audit sheets (bench/audit-issue15*.csv)")
    parser.add_argument("--stories", help="the stories the audit read (bench/audit_stories.py's output)")
    parser.add_argument("--head", required=True, help="the head fitted without the tuning split")
    parser.add_argument("--out", required=True, help="the NumPy archive to write")
    args = parser.parse_args()
    learned.HEAD_DIR = Path(args.head)  # the tuning head codes, and no calibration is applied
    verdicts = written_verdicts(args.files)
    items = written_items(args.files)
    if args.audit:
        audited = audited_items(args.stories, args.audit)
        audit = audit_verdicts(args.audit)
        verdicts |= {item.where: audit for item in audited}
        items += audited
    items = [item for item in items if in_tuning_split(item.where)]
    rows: dict[str, Any] = {"features_names": numpy.asarray(confidence.FEATURES)}
    for coder in s11_events.CODERS:
        found, tally = rows_of(items, verdicts, coder)
        rows |= found
        print(f"{coder}: {len(items)} items; {dict(tally)}", file=sys.stderr)
    numpy.savez_compressed(args.out, **rows)


if __name__ == "__main__":
    main()
