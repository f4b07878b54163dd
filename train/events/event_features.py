"""The event head's training rows: every word the event coder asks the head about, in the
hand-written sentences of ``train/events/written/``, with its features and its label.

Each sentence runs through storyline's whole pipeline (the accurate quote tagger gives the
vectors), with the events stage asking a recording judge instead of the head: it keeps the
features of each verb and noun it is asked about and answers with the lexicon's code, so the
rows are exactly what the head will be given at run time. A word's label is the root its
sentence's annotation gives the word, else ``none`` (the writers marked every event of each
sentence). Gold triggers the coder never asks about (a word the parser tags as an adjective or a
name) are counted, as what the head cannot reach.

Real news comes from the Reuters-21578 events read by hand in issue 15's audit
(:func:`audited_items`), from the first half of the fundus-dev pages read by hand
(:func:`page_items`) and from IndiaPoliceEvents' first half (:func:`police_items`): only the
words a person's reading confirms are labelled there.

Runs in storyline's environment; writes a NumPy archive for ``train_event_head.py``:

    .venv/bin/python bench/audit_stories.py > /tmp/audit-stories.jsonl
    .venv/bin/python train/events/event_features.py train/events/written/*.jsonl \
        --audit bench/audit-issue15*.csv --stories /tmp/audit-stories.jsonl \
        --pages train/events/read/fundus-first-half.csv ../shared/data/corpora/fundus-dev/html \
        --police ../shared/data/events/indiapoliceevents/dev.jsonl --out /tmp/event-rows.npz
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Token

from storyline.document.article import Article
from storyline.knowledge.speech import REPORTING_VERBS
from storyline.pipeline import STAGES, process_many
from storyline.readers import read_inputs
from storyline.stages import s11_events
from storyline.stages.s11_events import learned
from storyline.stages.stage import Config, Work

PUBLISHED = "2025-06-02"  # the sentences tell news of no particular day


@dataclass
class Item:
    """An article to code and how to label the words the coder asks about in it."""

    article: Article
    where: str  # the tuning split is drawn by this (a sentence's file and line; a story's id)
    label: Callable[[Token, str | None], str | None]  # (word, lexicon's code) -> root, "none", or None: left out
    triggers: list[str] = field(default_factory=list)  # the gold triggers (counted when never asked)


def written_items(paths: list[str]) -> list[Item]:
    """The hand-written sentences: every event of each is marked, so every other word is none."""
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                row = json.loads(line)
                article = Article.create(row["text"], published=PUBLISHED)
                label = functools.partial(_gold_root, row)
                items.append(Item(article, f"{Path(path).name}:{number}", label, [e["trigger"] for e in row["events"]]))
    return items


def audited_items(stories: str, sheets: list[str]) -> list[Item]:
    """The Reuters-21578 events read by hand (``bench/audit-issue15*.csv``): an event whose code
    was read right labels its trigger with its root; one read wrong, with the root of the code
    the reader's note gives ("is 110", "(016)"), else none (no event). Other words of those
    stories were not read and are left out."""
    read: list[tuple[str, str, str]] = []  # trigger, sentence, root
    for sheet in sheets:
        with open(sheet, encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                if row["code_ok"] == "y":
                    root = row["cameo"][:2]
                else:
                    given = _CODE_IN_NOTE.search(row["note"])
                    root = given.group(1)[:2] if given else "none"
                read.append((row["trigger"], row["sentence"], root))
    # the sheets' article ids are of the run that drew them: find each sentence's story by its text
    articles = [a for a in read_inputs([stories]) if isinstance(a, Article)]
    texts = [" ".join(a.text.split()) for a in articles]
    verdicts: dict[int, list[tuple[str, str, str]]] = {}
    for trigger, sentence, root in read:
        start = " ".join(sentence.split())[:60]
        story = next((n for n, text in enumerate(texts) if start in text), None)
        if story is not None:
            verdicts.setdefault(story, []).append((trigger, sentence, root))
    return [
        Item(articles[n], f"audit:{articles[n].id}", functools.partial(_audited_root, found))
        for n, found in sorted(verdicts.items())
    ]


def page_items(sheet: str, pages: str) -> list[Item]:
    """Pages or stories read by hand: each event the learned coder gave there was read, and its
    word labelled with the root a reader gives it, or none (no act: a product that "offers", a
    football "battle", a plan in a law). ``train/events/read/fundus-first-half.csv`` reads the
    first half of fundus-dev (which storyline may learn from; ``pages`` its folder, a row's
    ``page`` a file in it); ``reuters-stories.csv`` reads whole Reuters-21578 stories
    (``pages`` the JSON Lines of ``bench/audit_stories.py``, ``page`` a story's input id;
    ``list_events.py`` makes such a sheet). A sheet holds the word's offset, never the text.
    Other words of those pages were not read."""
    read: dict[str, dict[tuple[int, str], str]] = {}
    with open(sheet, encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            read.setdefault(row["page"], {})[(int(row["start"]), row["trigger"])] = row["root"]
    if Path(pages).is_dir():
        found = {page: _first_article(str(Path(pages) / page)) for page in read}
    else:
        found = {a.input_id: a for a in read_inputs([pages]) if isinstance(a, Article) and a.input_id in read}
    missing = sorted(set(read) - set(found))
    if missing:
        raise SystemExit(f"{sheet}: {len(missing)} of its pages are not in {pages}, the first {missing[0]}")
    kind = "page" if Path(pages).is_dir() else "story"
    return [
        Item(found[page], f"{kind}:{page}", functools.partial(_page_root, verdicts))
        for page, verdicts in sorted(read.items())
    ]


def _first_article(path: str) -> Article:
    return next(a for a in read_inputs([path]) if isinstance(a, Article))


def _page_root(verdicts: dict[tuple[int, str], str], word: Token, code: str | None) -> str | None:
    if word.lemma_.lower() in REPORTING_VERBS:
        return None  # as in the audit: the statement rules' event
    return verdicts.get((word.idx, word.text))


def police_items(path: str, until: str = "2002-03-06") -> list[Item]:
    """IndiaPoliceEvents articles dated up to ``until`` (the half storyline may learn from; the
    later half is kept to measure): a sentence its annotators say tells a police arrest, use of
    force or killing confirms the lexicon's code of that kind on its words (an arrest 17, force
    17, 18 or 19, a killing 18, 19 or 20). Nothing else is labelled: the set answers questions
    about the police only, so a word it does not confirm is left out, never taken as none."""
    items = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["date"] > until:
                continue
            spans = [
                (s["start"], s["end"], set(s["labels"])) for s in record["sentences"] if s.get("start") is not None
            ]
            article = Article.create(record["text"], published=record["date"], input_id=f"ipe-{record['doc_id']}")
            items.append(Item(article, f"police:{record['doc_id']}", functools.partial(_police_root, spans)))
    return items


_CONFIRMED = {"ARREST": ("17",), "FORCE": ("17", "18", "19"), "KILL": ("18", "19", "20")}


def _police_root(spans: list[tuple[int, int, set[str]]], word: Token, code: str | None) -> str | None:
    if code is None:
        return None
    for start, end, labels in spans:
        if start <= word.idx < end:
            confirmed = any(code[:2] in _CONFIRMED[label] for label in labels if label in _CONFIRMED)
            return code[:2] if confirmed else None
    return None


_CODE_IN_NOTE = re.compile(r"\b(0[1-9]\d{1,2}|1\d{2,3}|20\d{1,2})\b")


def _audited_root(verdicts: list[tuple[str, str, str]], word: Token, code: str | None) -> str | None:
    if word.lemma_.lower() in REPORTING_VERBS:
        return None  # "said": the statement rules' event, made from the quote, not the head's
    sentence = " ".join(word.sent.text.split())
    for trigger, read, root in verdicts:
        if word.text == trigger and " ".join(read.split())[:60] in sentence:
            return root
    return None


def rows_of(items: list[Item]) -> tuple[dict[str, Any], Counter[str]]:
    """Features, labels, the lexicon's root, the item's number, and the sentence with the word's
    place in it, for every word asked and labelled."""
    asked: list[tuple[int, Any, str, str, str, int, int]] = []
    tally: Counter[str] = Counter()
    numbers = {item.article.id: n for n, item in enumerate(items)}

    def recording_stage(work: Work, config: Config) -> None:
        number = numbers.get(work.article.id)
        vectors = work.token_vectors
        if work.caption is not None or number is None or vectors is None:
            s11_events.code_work(work, config, None)
            return
        item = items[number]
        seen: set[int] = set()

        def judge(word: Token, code: str | None) -> str | None:
            seen.add(word.i)
            gold = item.label(word, code)
            if gold is not None:
                at = word.idx - word.sent.start_char  # the word's place in its sentence, for finetune_probe.py
                row = (number, learned.features(word, vectors, code), gold, code[:2] if code else "none")
                asked.append((*row, word.sent.text, at, at + len(word.text)))
                tally["labelled " + item.where.split(":")[0]] += 1
            return code

        s11_events.code_work(work, config, judge)
        for trigger in item.triggers:
            if not any(work.parsed[i].text == trigger for i in seen):
                tally["gold trigger never asked"] += 1
            tally["gold events"] += 1

    stages = tuple(
        dataclasses.replace(s, run=recording_stage) if s.name == s11_events.STAGE.name else s for s in STAGES
    )
    articles = (item.article for item in items)
    for n, _ in enumerate(process_many(articles, stages=stages, time_budget=0, quotes="accurate")):
        if n % 200 == 0:
            print(f"{n}/{len(items)} articles", file=sys.stderr)
    tally["labelled words"] = len(asked)
    which, features, labels, lexicon, texts, starts, ends = zip(*asked, strict=True)
    return {
        "sentence": numpy.asarray(which),
        "features": numpy.stack(features).astype("float32"),
        "label": numpy.asarray(labels),
        "lexicon": numpy.asarray(lexicon),
        "text": numpy.asarray(texts),  # the word's sentence
        "start": numpy.asarray(starts),  # the word's characters in it
        "end": numpy.asarray(ends),
    }, tally


def _gold_root(sentence: dict[str, Any], word: Token, code: str | None) -> str | None:
    """The root the annotation gives ``word``. A verb and its object name one act ("held talks",
    "imposed a curfew", "lodged a protest"), and the writers marked one of the two: a verb whose
    object is marked takes its root (the coder codes such a pair on the verb), and an object
    the lexicon codes with the marked verb's root takes it too (the noun alone is that act:
    "curfew was clamped")."""
    for event in sentence["events"]:
        if _is_trigger(word, event["trigger"]):
            return str(event["root"])
    for event in sentence["events"]:
        if word.pos_ == "VERB" and any(c.dep_ == "dobj" and _is_trigger(c, event["trigger"]) for c in word.children):
            return str(event["root"])
        pair = word.dep_ in ("dobj", "nsubjpass") and _is_trigger(word.head, event["trigger"])
        if pair and code is not None and code[:2] == event["root"]:
            return str(event["root"])
    return "none"


def _is_trigger(word: Token, trigger: str) -> bool:
    return word.text == trigger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="hand-written sentences (JSON Lines)")
    parser.add_argument("--audit", nargs="*", default=[], help="audit sheets (bench/audit-issue15*.csv)")
    parser.add_argument("--stories", help="the stories the audit read (bench/audit_stories.py's output)")
    parser.add_argument(
        "--pages",
        nargs=2,
        action="append",
        default=[],
        metavar=("SHEET", "INPUTS"),
        help="a reading of pages and their folder, or of stories and their JSON Lines (repeatable)",
    )
    parser.add_argument("--police", help="IndiaPoliceEvents dev.jsonl (its articles of 2002-03-01..06)")
    parser.add_argument("--out", required=True, help="the NumPy archive to write")
    args = parser.parse_args()
    items = written_items(args.files)
    if args.audit:
        items += audited_items(args.stories, args.audit)
    for sheet, pages in args.pages:
        items += page_items(sheet, pages)
    if args.police:
        items += police_items(args.police)
    rows, tally = rows_of(items)
    numpy.savez_compressed(args.out, **rows, where=numpy.asarray([item.where for item in items]))
    print(f"{len(items)} articles; {dict(tally)}", file=sys.stderr)


if __name__ == "__main__":
    main()
