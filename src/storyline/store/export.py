"""``storyline export``: the store as files: a GDELT 2.0-style events table and mentions table,
plus articles, quotes and entities, in CSV, TSV, Parquet or JSON Lines.

Every column is declared once below, with what it holds; ``docs/codebook.md`` is made from the
same declarations (:func:`codebook`), and a test keeps the two equal. Every row carries the
storyline version that made it. By default the events table holds the dataset-grade events
(a coded source: ``storyline process --coded source``); ``all_events`` keeps every one.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.document.subset import CODED_CHOICES
from storyline.errors import InvalidArgument
from storyline.store.connection import Store, Value
from storyline.store.queries import EventFilter, events
from storyline.store.schema import TABLES

__all__ = ["DOWNLOAD_LIMIT", "EXPORTS", "FORMATS", "Export", "codebook", "event_columns", "export", "write_event_rows"]

FORMATS = {"csv": "csv", "tsv": "tsv", "parquet": "parquet", "jsonl": "jsonl"}  # format -> file suffix


@dataclass(frozen=True)
class Export:
    name: str
    about: str
    columns: tuple[tuple[str, str, str], ...]  # (name, SQL expression, what it holds)
    source: str  # FROM ... (and WHERE, ORDER BY): {grade} stands for the dataset-grade condition

    def select(self, all_events: bool) -> str:
        columns = ", ".join(f'{expression} AS "{name}"' for name, expression, _ in self.columns)  # (case kept)
        grade = "1 = 1" if all_events else "b.coded IN ('" + "', '".join(sorted(CODED_CHOICES["source"])) + "')"
        return f"SELECT {columns} {self.source.format(grade=grade)}"


_VERSION = ("StorylineVersion", "a.version", "the storyline version that made the row")
EXPORTS: tuple[Export, ...] = (
    Export(
        "events",
        "One row per corpus event (the same act reported by several articles is one row), in "
        "GDELT 2.0's event table layout where a column has a GDELT counterpart.",
        (
            ("GlobalEventID", "c.corpus_event_id", "storyline's stable corpus event id (GDELT: GlobalEventID)"),
            (
                "Day",
                "REPLACE(b.day, '-', '')",
                "the day it happened, YYYYMMDD (the article's day where the text gives no day)",
            ),
            ("MonthYear", "SUBSTR(REPLACE(b.day, '-', ''), 1, 6)", "YYYYMM"),
            ("Year", "SUBSTR(b.day, 1, 4)", "YYYY"),
            ("DateValue", "b.date", "the date as the text gives it (TIMEX3: a day, a week 2025-W34, a month)"),
            ("Actor1Code", "c.source_code", "the source actor's CAMEO-style code"),
            ("Actor1Name", "b.source_name", "the source's name as the best-grounded article gives it"),
            ("Actor1CountryCode", "b.source_country", "the source's country (ISO 3166-1 alpha-3)"),
            ("Actor2Code", "c.target_code", "the target actor's code"),
            ("Actor2Name", "b.target_name", "the target's name"),
            ("Actor2CountryCode", "b.target_country", "the target's country"),
            ("EventCode", "c.cameo", "CAMEO event code"),
            ("EventBaseCode", "SUBSTR(c.cameo, 1, 3)", "its first three digits"),
            ("EventRootCode", "c.root", "its root (two digits)"),
            (
                "QuadClass",
                "c.quad_class",
                "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
            ),
            ("GoldsteinScale", "c.goldstein", "the code's Goldstein score, -10 to +10"),
            ("PloverType", "b.plover", "the PLOVER event type"),
            (
                "Modality",
                "c.modality",
                "asserted, negated, hypothetical or future (GDELT has none: it keeps only asserted)",
            ),
            ("NumMentions", "c.num_mentions", "event mentions linked to it: its rows in the mentions table"),
            ("NumSources", "c.num_sources", "distinct publishers reporting it (by their URLs' domains)"),
            ("NumArticles", "c.num_articles", "distinct articles reporting it"),
            (
                "Confidence",
                "c.confidence",
                "its best mention's confidence: the calibrated chance that code root and source are right, 0-1",
            ),
            ("ActionGeo_FullName", "b.location_name", "where it happened (not every place the article names)"),
            ("ActionGeo_CountryCode", "b.location_country", "that place's country"),
            ("ActionGeo_Lat", "b.location_lat", "its latitude"),
            ("ActionGeo_Long", "b.location_lon", "its longitude"),
            ("FirstSeen", "c.first_seen", "the earliest publication date of an article reporting it"),
            ("LastSeen", "c.last_seen", "the latest"),
            ("SOURCEURL", "a.url", "the URL of the article with its best-grounded mention"),
            ("BestArticleID", "c.best_article_id", "that article's storyline id"),
            ("BestEventID", "c.best_event_id", "the event's id in that article's document"),
            ("Evidence", "b.sentence", "the sentence that supports it in that article"),
            ("LinkReason", "c.link_reason", "why its mentions are one event, or why it stands alone"),
            _VERSION,
        ),
        "FROM corpus_events c JOIN events b ON b.article_id = c.best_article_id AND b.event_id = c.best_event_id "
        'JOIN articles a ON a.article_id = b.article_id WHERE {grade} ORDER BY "Day", "GlobalEventID"',
    ),
    Export(
        "mentions",
        "One row per event mention: each article's telling of a corpus event, with its characters "
        "(GDELT 2.0's mentions table). Every mention of each corpus event in the events table, so "
        "a corpus event has NumMentions rows here.",
        (
            ("GlobalEventID", "m.corpus_event_id", "the corpus event it mentions"),
            ("EventTimeDate", "m.date", "the event's date as this article gives it"),
            ("MentionTimeDate", "a.published", "the article's publication date"),
            ("MentionType", "1", "1: a web or wire article (GDELT's code)"),
            (
                "MentionSourceName",
                "a.publisher",
                "the publisher: its URL's registered domain (bbc.co.uk), else its source in lower case",
            ),
            ("MentionIdentifier", "COALESCE(a.url, a.article_id)", "the article's URL, else its storyline id"),
            ("ArticleID", "m.article_id", "the article's storyline id"),
            ("EventID", "m.event_id", "the event's id in the article's document"),
            (
                "ActionCharOffset",
                "m.evidence_start",
                "first character of the evidence sentence in the article's text (in its caption's, for an event "
                "a caption tells: see Caption)",
            ),
            ("EvidenceEnd", "m.evidence_end", "character after it"),
            ("Caption", "m.caption", "the caption's index (0, 1, ...) for an event a photo caption tells, else empty"),
            ("Trigger", "m.trigger", "the word that reports the event"),
            ("Modality", "m.modality", "asserted, negated, hypothetical or future"),
            ("Confidence", "m.confidence", "the calibrated chance that its code root and source are right, 0-1"),
            ("Coded", "m.coded", "which actors are coded: both, source, target or none"),
            ("Sentence", "m.sentence", "the evidence sentence"),
            _VERSION,
        ),
        # graded as its corpus event is (by the best mention b), so an exported event has all its mentions
        "FROM events m JOIN articles a ON a.article_id = m.article_id "
        "JOIN corpus_events c ON c.corpus_event_id = m.corpus_event_id "
        "JOIN events b ON b.article_id = c.best_article_id AND b.event_id = c.best_event_id "
        'WHERE {grade} ORDER BY "ArticleID", "EventID"',
    ),
    Export(
        "articles",
        "One row per article.",
        (
            ("ArticleID", "a.article_id", "storyline's article id"),
            ("InputID", "a.input_id", "the input's own id, if it had one"),
            ("URL", "a.url", "its URL"),
            ("Source", "a.source", "its publisher or feed, as the input names it"),
            (
                "Publisher",
                "a.publisher",
                "who published it: its URL's registered domain, else its source in lower case",
            ),
            ("Title", "a.title", "its title"),
            ("Published", "a.published", "its publication date, YYYY-MM-DD"),
            ("Modified", "a.modified", "the day the page says it was last changed, YYYY-MM-DD, where it says"),
            ("Reference", "a.reference", "the day its relative dates were read against, where not Published"),
            ("Words", "a.words", "words in its cleaned text"),
            ("DuplicateOf", "a.duplicate_of", "the article it near-duplicates (wire copy republished), if any"),
            ("ContentHash", "a.content_hash", "SHA-1 of its cleaned text"),
            _VERSION,
        ),
        'FROM articles a ORDER BY "Published", "ArticleID"',
    ),
    Export(
        "quotes",
        "One row per attribution: who said what.",
        (
            ("ArticleID", "q.article_id", "the article"),
            ("QuoteID", "q.quote_id", "the quote's id in the article's document"),
            ("Kind", "q.kind", "direct, mixed or indirect"),
            ("Act", "COALESCE(q.act, 'speech')", "what the cue reports: speech, belief or perception"),
            ("Speaker", "q.speaker", "the speaker's name, else the words describing an unnamed one"),
            ("SpeakerCode", "q.speaker_code", "the speaker's actor code, if coded"),
            ("Cue", "q.cue", "the word or phrase that reports it"),
            ("Content", "q.content", "what was said"),
            ("Start", "q.start", "first character of the attribution in the article's text"),
            ("End", "q.end_", "character after it"),
            _VERSION,
        ),
        'FROM quotes q JOIN articles a ON a.article_id = q.article_id ORDER BY "ArticleID", "Start"',
    ),
    Export(
        "entities",
        "One row per entity an article names.",
        (
            ("ArticleID", "n.article_id", "the article"),
            ("EntityID", "n.entity_id", "the entity's id in the article's document"),
            ("Name", "n.name", "its name"),
            ("Type", "n.type", "PERSON, ORG, GPE, NORP, LOC, FAC, ..."),
            ("ActorCode", "n.actor_code", "its CAMEO-style actor code, if coded"),
            ("Country", "n.country", "its country"),
            ("Sector", "n.sector", "its sector"),
            ("Mentions", "n.mentions", "how many times the article names it"),
            _VERSION,
        ),
        'FROM entities n JOIN articles a ON a.article_id = n.article_id ORDER BY "ArticleID", "EntityID"',
    ),
)


def export(store: Store, fmt: str, out: Path, *, all_events: bool = False) -> dict[str, int]:
    """Write every table of :data:`EXPORTS` into ``out`` as ``<name>.<fmt>``; returns the rows
    written per table."""
    if fmt not in FORMATS:
        raise InvalidArgument(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in EXPORTS:
        path = out / f"{table.name}.{FORMATS[fmt]}"
        sql = table.select(all_events)
        if store.backend == "duckdb":
            written[table.name] = _copy(store, sql, fmt, path)
        else:
            written[table.name] = _write(store.query_dicts(sql), [c[0] for c in table.columns], fmt, path)
    return written


# The most events one download holds; and how many are read at a time to write it.
DOWNLOAD_LIMIT = 1_000_000
_DOWNLOAD_PAGE = 20_000
# Where an event of a list (e) holds what its corpus event (c) would: its own value, as the
# corpus pass may not have linked it yet; and the counts of an event that stands alone.
_OWN = {
    "corpus_event_id": "e.corpus_event_id",
    **{name: f"e.{name}" for name in ("source_code", "target_code", "cameo", "root", "quad_class", "goldstein")},
    **{name: f"e.{name}" for name in ("modality", "confidence")},
    **{name: f"COALESCE(c.{name}, 1)" for name in ("num_mentions", "num_sources", "num_articles")},
    **{name: f"COALESCE(c.{name}, a.published)" for name in ("first_seen", "last_seen")},
}


def event_columns() -> tuple[tuple[str, str], ...]:
    """The events table's columns (name, SQL) for each event of a list rather than each corpus
    event: read from the event itself (``e``), its article (``a``) and its corpus event (``c``),
    with its own ArticleID and EventID last: ``GET /events/download``'s columns."""

    def own(found: re.Match[str]) -> str:
        table, column = found.group(1), found.group(2)
        return f"e.{column}" if table == "b" else _OWN.get(column, found.group(0))

    table = next(t for t in EXPORTS if t.name == "events")
    columns = tuple((name, re.sub(r"\b([bc])\.(\w+)", own, sql)) for name, sql, _ in table.columns)
    return (*columns, ("ArticleID", "e.article_id"), ("EventID", "e.event_id"))


def write_event_rows(store: Store, wanted: EventFilter, fmt: str, path: Path) -> int:
    """Write every event ``wanted`` keeps (in its order, at most its ``limit``) to ``path`` as CSV
    or Parquet, with :func:`event_columns`; returns how many."""
    names = [name for name, _ in event_columns()]
    selected = ", ".join(f'{sql} AS "{name}"' for name, sql in event_columns())
    rows: list[dict[str, Value]] = []
    most = wanted.limit if wanted.limit is not None else DOWNLOAD_LIMIT
    while len(rows) < most:
        step = replace(wanted, limit=min(_DOWNLOAD_PAGE, most - len(rows)), offset=wanted.offset + len(rows))
        found = events(store, step, columns=selected).rows
        rows += found
        if len(found) < (step.limit or 0):
            break
    return _write(rows, names, fmt, path)


def _copy(store: Store, sql: str, fmt: str, path: Path) -> int:
    """DuckDB writes the file itself (one pass, in C++)."""
    options = {
        "csv": "FORMAT csv, HEADER true, DELIMITER ','",
        "tsv": "FORMAT csv, HEADER true, DELIMITER '\t'",
        "parquet": "FORMAT parquet",
        "jsonl": "FORMAT json",
    }[fmt]
    store.execute(f"COPY ({sql}) TO '{_quoted_path(path)}' ({options})")
    return int(store.query(f"SELECT COUNT(*) FROM ({sql}) x")[0][0] or 0)


def _write(rows: list[dict[str, Value]], columns: list[str], fmt: str, path: Path) -> int:
    """The same files from any store, in Python (Parquet through an in-memory DuckDB)."""
    if fmt in ("csv", "tsv"):
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([row[c] for c in columns] for row in rows)
        return len(rows)
    lines = path.with_suffix(".jsonl") if fmt == "parquet" else path
    with lines.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n")
    if fmt == "parquet":
        import duckdb

        # each column typed as its values are (left to itself, DuckDB reads "2024-03-05" as a DATE)
        types = ", ".join(f"'{c}': '{_sql_type(rows, c)}'" for c in columns)
        with duckdb.connect() as scratch:
            scratch.execute(
                f"COPY (SELECT * FROM read_json('{_quoted_path(lines)}', format = 'newline_delimited', "
                f"columns = {{{types}}})) TO '{_quoted_path(path)}' (FORMAT parquet)"
            )
        lines.unlink()
    return len(rows)


def _sql_type(rows: list[dict[str, Value]], column: str) -> str:
    """The SQL type of a column's values: of the first that is not NULL (text if all are)."""
    value = next((row[column] for row in rows if row[column] is not None), None)
    if isinstance(value, bool):
        return "BOOLEAN"
    return "BIGINT" if isinstance(value, int) else "DOUBLE" if isinstance(value, float) else "VARCHAR"


def _quoted_path(path: Path) -> str:
    """A file path inside a SQL string literal (COPY takes no parameter for it)."""
    return str(path.resolve()).replace("'", "''")


def codebook() -> str:
    """``docs/codebook.md``: every exported and stored column, one line each."""
    lines = [
        "# storyline codebook",
        "",
        "Generated from `storyline.store.export.EXPORTS` and `storyline.store.schema.TABLES`",
        "(`storyline export --codebook > docs/codebook.md`); a test keeps this file equal to them.",
        "",
        "## Exports (`storyline export --format csv|tsv|parquet|jsonl --out DIR`)",
    ]
    for table in EXPORTS:
        lines += ["", f"### {table.name}", "", table.about, "", "| column | what it holds |", "|---|---|"]
        lines += [f"| {name} | {about} |" for name, _, about in table.columns]
    lines += ["", "## Store tables (`--db FILE.duckdb` or `--db postgresql://...`)"]
    for stored in TABLES:
        lines += ["", f"### {stored.name}", "", stored.about, "", "| column | type | what it holds |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.type} | {c.about} |" for c in stored.columns]
    return "\n".join(lines) + "\n"
