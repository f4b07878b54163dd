"""A reading list for the event head's real-news rows: every telling of every event the learned
coder gives on some stories, one row each, for a person to give the word its right root.

``list`` writes the rows to read, with the sentence (a scratch file: the corpus' text is not
written into the repository). The reader fills ``root`` with the CAMEO root the word's act has in
its sentence (two digits), or ``none`` where the word tells no act (a market that "fell", a plan
that "offers"), and may add a row for a word the coder missed (its offset in the story's text).
``strip`` keeps the columns ``event_features.py --pages`` needs: the story, the word's offset, the
word, the coder's code and the root read. Reporting verbs are not listed: the statement rules
make their events from the quote, and the head is never asked about them.

    .venv/bin/python bench/audit_stories.py > /tmp/audit-stories.jsonl
    .venv/bin/python train/events/list_events.py list /tmp/audit-stories.jsonl --skip-audited \\
        bench/audit-issue15*.csv -n 100 --seed 29 --out /tmp/reuters-read.csv
    (read it)
    .venv/bin/python train/events/list_events.py strip /tmp/reuters-read.csv \\
        --out train/events/read/reuters-stories.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.knowledge.speech import REPORTING_VERBS
from storyline.pipeline import process_many
from storyline.readers import read_inputs

LISTED = ["page", "start", "trigger", "code", "name", "source", "target", "sentence", "root"]
KEPT = ["page", "start", "trigger", "code", "root"]
_SAID = {"said", "says", "told", "tells", "added", "adds", "say", "tell", "add"} | set(REPORTING_VERBS)


def _audited(sheets: list[str]) -> list[str]:
    """The starts of the sentences the audit sheets read (their stories are labelled already)."""
    starts = []
    for sheet in sheets:
        with open(sheet, encoding="utf-8") as rows:
            starts += [" ".join(row["sentence"].split())[:60] for row in csv.DictReader(rows)]
    return starts


def list_events(inputs: list[str], skip: list[str], n: int, seed: int, out: Path) -> None:
    audited = _audited(skip)
    stories = [
        a
        for a in read_inputs(inputs)
        if isinstance(a, Article) and not any(s in " ".join(a.text.split()) for s in audited)
    ]
    chosen = random.Random(seed).sample(stories, min(n, len(stories)))
    rows = []
    for article, document in zip(chosen, process_many(chosen, events="learned"), strict=True):
        if isinstance(document, Skipped):
            continue
        names = {e.id: e.name for e in document.entities}
        for event in document.events:
            for mention in event.mentions or []:
                if mention.caption is not None or mention.trigger.text.lower() in _SAID:
                    continue
                rows.append(
                    {
                        "page": article.input_id or article.id,
                        "start": mention.trigger.start,
                        "trigger": mention.trigger.text,
                        "code": event.cameo,
                        "name": event.cameo_name or "",
                        "source": names.get(event.source or "", ""),
                        "target": names.get(event.target or "", ""),
                        "sentence": document.text[mention.evidence.start : mention.evidence.end],
                    }
                )
    with out.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.DictWriter(sheet, LISTED)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(chosen)} stories, {len(rows)} words to read: {out}", file=sys.stderr)


def strip(sheet: Path, out: Path) -> None:
    with sheet.open(encoding="utf-8") as rows:
        read = [row for row in csv.DictReader(rows) if row["root"].strip()]
    bad = [row for row in read if row["root"] != "none" and not (len(row["root"]) == 2 and row["root"].isdigit())]
    if bad:
        sys.exit(f"{len(bad)} roots are neither two digits nor none, the first at {bad[0]['page']}:{bad[0]['start']}")
    with out.open("w", newline="", encoding="utf-8") as kept:
        writer = csv.DictWriter(kept, KEPT, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(read)
    print(f"{len(read)} words read: {out}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the rows to read")
    listing.add_argument("inputs", nargs="+")
    listing.add_argument("--skip-audited", nargs="*", default=[], help="audit sheets whose stories to leave out")
    listing.add_argument("-n", type=int, default=40, help="stories drawn")
    listing.add_argument("--seed", type=int, default=29)
    listing.add_argument("--out", type=Path, required=True)
    stripping = commands.add_parser("strip", help="the read sheet without the text")
    stripping.add_argument("sheet", type=Path)
    stripping.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "list":
        list_events(args.inputs, args.skip_audited, args.n, args.seed, args.out)
    else:
        strip(args.sheet, args.out)


if __name__ == "__main__":
    main()
