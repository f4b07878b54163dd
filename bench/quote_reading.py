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
    python bench/quote_reading.py polnear ../shared/data/quotes/polnear -n 100 --out sheet.csv

``polnear`` draws gold attributions of PolNeAR dev that name a source and writes the speaker
storyline gives the quote at the same cue: ``speaker_ok`` is y where it is the named entity the
gold source stands for (a pronoun's or a title's person, by name; an anonymous source's
description kept), n otherwise, and n where storyline found no quote there.

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
        every = list(csv.DictReader(rows))
    if every and "gold_source" in every[0]:  # a PolNeAR sheet: the speaker alone
        read = [r for r in every if r["speaker_ok"].strip() in ("y", "n")]
        right = sum(r["speaker_ok"].strip() == "y" for r in read)
        print(f"{len(read)} PolNeAR attributions read; speaker resolved right {right / max(len(read), 1):.0%}")
        return {"speaker right": right / max(len(read), 1)}
    read = [r for r in every if r["speech"].strip() in ("y", "n")]
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


def polnear(folder: Path, n: int, seed: int, out: Path) -> None:
    """Draw ``n`` gold attributions of PolNeAR dev that have a source, and write beside each the
    speaker storyline gives the quote at the same cue (else at an overlapping content)."""
    from storyline.evaluation.quotes import read_polnear

    articles = read_polnear(folder, "dev")
    drawn = random.Random(seed).sample(
        [(a, g) for a in articles for g in a.attributions if g.source is not None and g.content is not None], n
    )
    names = sorted({a.name for a, _ in drawn})
    by_name = {a.name: a for a in articles}
    inputs = [Article.create(by_name[m].text) for m in names]
    documents = dict(zip(names, process_many(inputs, check_language=False, clean_text=False), strict=True))
    with out.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.DictWriter(
            sheet, ["n", "article", "gold_source", "speaker", "source", "cue", "sentence", "speaker_ok", "note"]
        )
        writer.writeheader()
        for i, (article, gold) in enumerate(drawn, 1):
            text, document = article.text, documents[article.name]
            quotes = [] if isinstance(document, Skipped) else document.quotes
            at_cue = [
                q for q in quotes if q.cue and gold.cue and q.cue.start < gold.cue.end and gold.cue.start < q.cue.end
            ]
            content = gold.content
            near = at_cue or [
                q for q in quotes if (q.content or q).start < content.end and content.start < (q.content or q).end
            ]
            quote = near[0] if near else None
            start, end = content.start, content.end
            writer.writerow(
                {
                    "n": i,
                    "article": article.name,
                    "gold_source": text[gold.source.start : gold.source.end],
                    "speaker": (quote.speaker_name or "") if quote else "(no quote)",
                    "source": quote.source.text if quote and quote.source else "",
                    "cue": text[gold.cue.start : gold.cue.end] if gold.cue else "",
                    "sentence": " ".join(text[max(0, start - 400) : min(end, start + 300)].split()),
                }
            )
    print(f"{n} gold attributions of {len(names)} articles to read in {out}")


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
    gold = actions.add_parser("polnear", help="draw PolNeAR dev attributions to read for their speaker")
    gold.add_argument("folder", type=Path, help="the PolNeAR folder (its dev/ split is read)")
    gold.add_argument("-n", type=int, default=100)
    gold.add_argument("--seed", type=int, default=29)
    gold.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.action == "draw":
        draw(args.pages, args.n, args.seed, args.out)
    elif args.action == "polnear":
        polnear(args.folder, args.n, args.seed, args.out)
    else:
        tally(args.sheet)


if __name__ == "__main__":
    main()
