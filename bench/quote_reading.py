"""Read storyline's quotes on pages it was not built on, and count what was right.

``draw`` processes pages, draws N quote records at random (seeded; the quoted pieces of one
mixed attribution are one record here, as the reader sees one attribution) and writes a sheet
with, for each, the speaker storyline names, the words that name it, the cue, the content and
the sentence around it. A reader fills:

- ``speech``: y if the record is reported speech (said or written: a cue of saying, writing or
  a communicative act), n if not (a belief, a perception, an act, a heading, a fragment);
- ``speaker_ok`` (for speech only): y if the speaker is right. A pronoun or a description
  counts right only when resolved to the named person; an anonymous speaker ("a source close
  to the talks") counts right when its description is kept; no speaker is wrong;
- ``content_ok``: y if the content is what was said, whole and no more (- not read);
- ``note``.

``tally`` gives the share of real reported speech whose speaker is right, the records shown as
speech that are not, and the contents right.

    python bench/quote_reading.py draw PAGES... -n 60 --seed 29 --out sheet.csv
    python bench/quote_reading.py tally sheet.csv

Issue 29's readings: ``bench/quotes-issue29-first-half.csv`` (lines 1-16 of fundus-dev's
``articles.jsonl``, read while building) and ``bench/quotes-issue29-second.csv`` (lines 17-32,
read once, at the end).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.pipeline import process_many
from storyline.readers import read_inputs

FIELDS = ["n", "page", "kind", "act", "speaker", "source", "cue", "content", "sentence"]
VERDICTS = ["speech", "speaker_ok", "content_ok", "note"]
_CONTEXT = 160  # characters shown on each side of the content


def quotes_of(pages: list[str]) -> list[dict[str, str]]:
    """Every attribution storyline finds on the pages, one row each, in page order."""
    articles = [a for a in read_inputs(pages) if isinstance(a, Article)]
    found = []
    for article, document in zip(articles, process_many(articles), strict=True):
        if isinstance(document, Skipped):
            continue
        text = document.text
        seen = set()
        for quote in document.quotes:
            content = quote.content or quote
            if (content.start, content.end) in seen:  # the other quoted pieces of a mixed quote
                continue
            seen.add((content.start, content.end))
            before = text[max(0, content.start - _CONTEXT) : content.start]
            after = text[content.end : content.end + _CONTEXT]
            found.append(
                {
                    "page": article.title or article.id,
                    "kind": quote.kind,
                    "act": getattr(quote, "act", None) or "speech",
                    "speaker": quote.speaker_name or "",
                    "source": quote.source.text if quote.source else "",
                    "cue": quote.cue.text if quote.cue else "",
                    "content": text[content.start : content.end],
                    "sentence": " ".join(f"{before} [[{text[content.start : content.end]}]] {after}".split()),
                }
            )
    return found


def draw(pages: list[str], n: int, seed: int, out: Path) -> None:
    quotes = quotes_of(pages)
    chosen = random.Random(seed).sample(quotes, min(n, len(quotes)))
    with out.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.DictWriter(sheet, FIELDS + VERDICTS, extrasaction="ignore")
        writer.writeheader()
        for i, quote in enumerate(chosen, 1):
            writer.writerow({**quote, "n": i})
    print(f"{len(quotes)} attributions on {len(pages)} pages; {len(chosen)} drawn to read in {out}")


def tally(sheet: Path) -> dict[str, float]:
    with sheet.open(encoding="utf-8") as rows:
        read = [r for r in csv.DictReader(rows) if r["speech"].strip() in ("y", "n")]
    counts: Counter[str] = Counter()
    for row in read:
        speech = row["speech"].strip() == "y"
        shown = (row.get("act") or "speech") == "speech"
        counts["shown"] += shown
        counts["shown, not speech"] += shown and not speech
        counts["speech"] += speech
        counts["speaker right"] += speech and row["speaker_ok"].strip() == "y"
        counts["no speaker"] += speech and not row["speaker"].strip()
        counts["content read"] += row["content_ok"].strip() in ("y", "n")
        counts["content right"] += row["content_ok"].strip() == "y"
    figures = {
        "speaker right, of speech": counts["speaker right"] / max(counts["speech"], 1),
        "no speaker, of speech": counts["no speaker"] / max(counts["speech"], 1),
        "shown as speech, not speech": counts["shown, not speech"] / max(counts["shown"], 1),
        "content right": counts["content right"] / max(counts["content read"], 1),
    }
    print(f"{len(read)} records read; {counts['speech']} reported speech; {counts['shown']} shown as speech")
    for what, share in figures.items():
        print(f"  {what}: {share:.0%}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    actions = parser.add_subparsers(dest="action", required=True)
    drawing = actions.add_parser("draw", help="draw a sheet to read")
    drawing.add_argument("pages", nargs="+")
    drawing.add_argument("-n", type=int, default=60, help="attributions drawn")
    drawing.add_argument("--seed", type=int, default=29)
    drawing.add_argument("--out", type=Path, required=True)
    counting = actions.add_parser("tally", help="count a read sheet's verdicts")
    counting.add_argument("sheet", type=Path)
    args = parser.parse_args()
    if args.action == "draw":
        draw(args.pages, args.n, args.seed, args.out)
    else:
        tally(args.sheet)


if __name__ == "__main__":
    main()
