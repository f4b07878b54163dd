"""Corpus events read by hand: are the articles a corpus event links one real happening?

Three commands over a DuckDB store made by ``storyline ingest`` (issue 26's reading: the first
3,000 Reuters-21578 stories and the 32 fundus-dev pages):

    python bench/corpus_links.py figures STORE.duckdb
        corpus events, those of two articles or more, those linking articles of different
        years, those whose NumMentions is not their mention rows, those of mixed modality
    python bench/corpus_links.py draw STORE.duckdb -n 50 --seed 26 --out bench/corpus-links-issue26.csv
        a sheet of corpus events with NumArticles >= 2 drawn at random (all of them, if fewer):
        code, actors, date, why they were linked, each mention's article and evidence sentence,
        and an empty ``verdict`` (same / same-miscoded / different: :func:`tally`) and ``why`` to fill
        in by hand
    python bench/corpus_links.py tally bench/corpus-links-issue26.csv
        the verdicts of a sheet once read

Reads stores made before issue 26 too (no ``link_reason`` column: left empty).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

import duckdb

COLUMNS = (
    "corpus_event_id",
    "cameo",
    "source_code",
    "target_code",
    "modality",
    "date",
    "num_articles",
    "num_sources",
    "num_mentions",
    "link_reason",
    "articles",
    "mentions",
    "verdict",
    "why",
)

FIGURES = {
    "corpus events": "SELECT COUNT(*) FROM corpus_events",
    "corpus events with NumArticles >= 2": "SELECT COUNT(*) FROM corpus_events WHERE num_articles >= 2",
    "corpus events with NumSources >= 2": "SELECT COUNT(*) FROM corpus_events WHERE num_sources >= 2",
    "corpus events linking articles of different years": (
        "SELECT COUNT(*) FROM (SELECT e.corpus_event_id FROM events e JOIN articles a USING (article_id) "
        "GROUP BY 1 HAVING COUNT(DISTINCT SUBSTR(a.published, 1, 4)) > 1)"
    ),
    "corpus events whose NumMentions is not their mention rows": (
        "SELECT COUNT(*) FROM corpus_events c LEFT JOIN (SELECT corpus_event_id, COUNT(*) AS n FROM events "
        "GROUP BY 1) m USING (corpus_event_id) WHERE COALESCE(m.n, 0) <> c.num_mentions"
    ),
    "corpus events of more than one modality": (
        "SELECT COUNT(*) FROM (SELECT corpus_event_id FROM events WHERE corpus_event_id IS NOT NULL "
        "GROUP BY 1 HAVING COUNT(DISTINCT modality) > 1)"
    ),
    "events in no corpus event": "SELECT COUNT(*) FROM events WHERE corpus_event_id IS NULL",
}


def figures(store: Path) -> None:
    with duckdb.connect(str(store), read_only=True) as db:
        for name, sql in FIGURES.items():
            print(f"{name}: {db.execute(sql).fetchall()[0][0]}")


def draw(store: Path, n: int, seed: int, out: Path) -> None:
    with duckdb.connect(str(store), read_only=True) as db:
        columns = {r[0] for r in db.execute("SELECT column_name FROM information_schema.columns").fetchall()}
        reason = "link_reason" if "link_reason" in columns else "NULL"
        events = db.execute(
            "SELECT corpus_event_id, cameo, source_code, target_code, modality, date, num_articles, num_sources, "
            f"num_mentions, {reason} FROM corpus_events WHERE num_articles >= 2 ORDER BY corpus_event_id"
        ).fetchall()
        chosen = sorted(random.Random(seed).sample(events, min(n, len(events))), key=lambda e: str(e[0]))
        rows = []
        for event in chosen:
            mentions = db.execute(
                "SELECT a.title, a.published, COALESCE(a.url, a.source, ''), e.event_id, e.date, e.modality, "
                "e.sentence FROM events e JOIN articles a USING (article_id) WHERE e.corpus_event_id = ? "
                "ORDER BY a.published, a.article_id, e.event_id",
                (event[0],),
            ).fetchall()
            titles = sorted({f"{m[1]} | {m[0]} | {m[2]}" for m in mentions})
            told = [f"[{m[1]} {m[3]} {m[4]} {m[5]}] {m[0]}: {' '.join(str(m[6] or '').split())}" for m in mentions]
            rows.append([*event, " || ".join(titles), "\n".join(told), "", ""])
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} of {len(events)} corpus events with NumArticles >= 2 written to {out}")


def tally(sheet: Path) -> None:
    """Verdicts: ``same`` (one real happening reported more than once), ``same-miscoded`` (the
    mentions tell one and the same thing, but the coder made an event of what is no happening:
    the link is right, the event is not), ``different`` (the link joins different happenings)."""
    with sheet.open(encoding="utf-8", newline="") as stream:
        verdicts = [row["verdict"].strip() for row in csv.DictReader(stream)]
    unread = sum(1 for v in verdicts if not v)
    same, miscoded = verdicts.count("same"), verdicts.count("same-miscoded")
    print(
        f"{len(verdicts)} corpus events read: links right {same + miscoded}, of which one real happening {same} "
        f"and a coding error {miscoded}; links wrong {len(verdicts) - same - miscoded - unread}"
    )
    if unread:
        print(f"{unread} not read yet", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("figures").add_argument("store", type=Path)
    drawing = commands.add_parser("draw")
    drawing.add_argument("store", type=Path)
    drawing.add_argument("-n", type=int, default=50)
    drawing.add_argument("--seed", type=int, default=26)
    drawing.add_argument("--out", type=Path, required=True)
    commands.add_parser("tally").add_argument("sheet", type=Path)
    args = parser.parse_args()
    if args.command == "figures":
        figures(args.store)
    elif args.command == "draw":
        draw(args.store, args.n, args.seed, args.out)
    else:
        tally(args.sheet)


if __name__ == "__main__":
    main()
