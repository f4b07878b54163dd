"""Read two event coders' output on pages neither was built on, blind, and count what was right.

``draw`` processes pages with ``--events learned`` and with ``--events rules``, draws the same
number of events from each coder's output (seeded), and writes one sheet holding every drawn
event once, in a shuffled order and with no word of which coder gave it (a key file beside it
says). A reader fills ``code_ok``, ``source_ok`` and ``target_ok`` (y, n, or - where the event
names none and none is right), ``date_ok`` and ``location_ok`` (y, n; - for no location where
none is right; no date is right only where the text gives no day) and ``note``. ``tally``
gives, for each coder, the share of its drawn events whose code is right, whose code, source
and target are all right, and whose date and location are right (of the rows read for them).

    python bench/event_reading.py draw PAGES... -n 50 --seed 27 --out sheet.csv
    python bench/event_reading.py tally sheet.csv

Issue 27's readings: the second half of ``fundus-dev`` (lines 17-32 of its ``articles.jsonl``),
``bench/events-issue27*.csv`` and their keys (the fifth drew from the learned coder alone);
issue 28's (dates and places only),
``bench/events-issue28.csv`` (seed 2828) and ``bench/events-issue28-second.csv`` (seed 3107, the
learned coder only, after the first half's date fixes; ``-second-rescored.csv``: the same events
drawn again after the later fixes, the three rows whose date changed read again).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.pipeline import process_many
from storyline.readers import read_inputs

CODERS = ("learned", "rules")
FIELDS = ["n", "page", "published", "code", "name", "source", "target", "modality", "date", "date_basis", "location"]
FIELDS += ["location_basis", "trigger", "sentence"]
VERDICTS = ["code_ok", "source_ok", "target_ok", "date_ok", "location_ok", "note"]


def _events(pages: list[str], coder: str) -> list[dict[str, str]]:
    articles = [a for a in read_inputs(pages) if isinstance(a, Article)]
    found = []
    for article, document in zip(articles, process_many(articles, events=coder), strict=True):
        if isinstance(document, Skipped):
            continue
        names = {e.id: e.name for e in document.entities}
        for event in document.events:
            found.append(
                {
                    "page": article.title or article.id,
                    "code": event.cameo,
                    "name": event.cameo_name or "",
                    "source": names.get(event.source or "", "") if event.source else "",
                    "target": names.get(event.target or "", "") if event.target else "",
                    "modality": event.modality,
                    "published": article.published or "",
                    "date": event.date.value if event.date else "",
                    "date_basis": (event.date.basis or "") if event.date else "",
                    "location": names.get(event.location or "", ""),
                    "location_basis": event.location_basis or "",
                    "trigger": event.trigger.text,
                    "sentence": document.text[event.evidence.start : event.evidence.end],
                    "at": f"{article.id}:{event.trigger.start}",
                }
            )
    return found


def draw(pages: list[str], n: int, seed: int, out: Path, coders: list[str]) -> None:
    rng = random.Random(seed)
    rows: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    drawn: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for coder in coders:
        events = _events(pages, coder)
        chosen = rng.sample(events, min(n, len(events)))
        keys = []
        for event in chosen:
            key = (event["at"], event["code"], event["source"], event["target"], event["modality"])
            rows.setdefault(key, event)
            keys.append(key)
        drawn[coder] = keys
        print(f"{coder}: {len(events)} events, {len(chosen)} drawn")
    order = list(rows)
    rng.shuffle(order)
    number = {key: i + 1 for i, key in enumerate(order)}
    with out.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.DictWriter(sheet, FIELDS + VERDICTS, extrasaction="ignore")
        writer.writeheader()
        for key in order:
            writer.writerow({**rows[key], "n": number[key]})
    key_file = out.with_suffix(".key.json")
    key_file.write_text(json.dumps({c: sorted(number[k] for k in keys) for c, keys in drawn.items()}) + "\n")
    print(f"{len(order)} rows to read in {out}; which coder drew which: {key_file}")


def tally(sheet: Path) -> None:
    with sheet.open(encoding="utf-8") as rows:
        read = {int(r["n"]): r for r in csv.DictReader(rows)}
    key = json.loads(sheet.with_suffix(".key.json").read_text())
    for coder in (c for c in CODERS if c in key):
        counts: Counter[str] = Counter()
        for n in key[coder]:
            row = read[n]
            if row["code_ok"].strip() not in ("y", "n"):  # a sheet read for dates and places only
                counts["dates only"] += 1
            else:
                counts["read"] += 1
            code = row["code_ok"].strip() == "y"
            counts["code"] += code
            actors = all(row[f].strip() in ("y", "-") for f in ("source_ok", "target_ok"))
            counts["all"] += code and actors
            for field in ("date_ok", "location_ok"):  # read in later sheets only
                verdict = row.get(field, "").strip()
                counts[f"{field} read"] += verdict in ("y", "n")
                counts[field] += verdict == "y"
        total = max(counts["read"], 1)
        if counts["read"]:
            print(
                f"{coder}: {counts['read']} events read; code right {counts['code'] / total:.0%}; "
                f"code, source and target right {counts['all'] / total:.0%}"
            )
        for field, what in (("date_ok", "date right"), ("location_ok", "location right, of those with one")):
            if counts[f"{field} read"]:
                print(f"  {what}: {counts[field] / counts[f'{field} read']:.0%} of {counts[f'{field} read']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    actions = parser.add_subparsers(dest="action", required=True)
    drawing = actions.add_parser("draw", help="draw a blind sheet")
    drawing.add_argument("pages", nargs="+")
    drawing.add_argument("-n", type=int, default=50, help="events drawn from each coder")
    drawing.add_argument("--seed", type=int, default=27)
    drawing.add_argument("--out", type=Path, required=True)
    drawing.add_argument("--coders", nargs="+", choices=CODERS, default=list(CODERS), help="whose events to draw")
    counting = actions.add_parser("tally", help="count a read sheet's verdicts per coder")
    counting.add_argument("sheet", type=Path)
    args = parser.parse_args()
    if args.action == "draw":
        draw(args.pages, args.n, args.seed, args.out, args.coders)
    else:
        tally(args.sheet)


if __name__ == "__main__":
    main()
