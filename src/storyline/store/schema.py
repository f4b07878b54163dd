"""The store's tables, one definition for DuckDB and PostgreSQL, and its versioned migrations.

Every table is declared once (:data:`TABLES`): its columns, their SQL types (the ones both
databases accept) and what each holds. Rows are written by column name through the declaration
(:func:`insert`), and ``docs/codebook.md`` is made from it.

A change to the schema is a new entry in :data:`MIGRATIONS`, written out as literal SQL (a
migration, once released, never changes), applied in order by :func:`migrate` and recorded in
``schema_version``; a store made by an older storyline is brought up to date when it is opened,
and one made by a newer storyline is refused. A column added to a declaration needs its
migration (``ALTER TABLE ... ADD COLUMN ...``): a test compares the migrated store's columns
with the declarations. A statement marked :class:`PostgresOnly` (an index of a kind DuckDB has
not) is run by a PostgreSQL store alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.errors import InvalidArgument, StoreError
from storyline.store.connection import Store, Value

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "TABLES", "Column", "PostgresOnly", "Table", "insert", "migrate", "table"]


class PostgresOnly(str):
    """A migration's statement that only a PostgreSQL store runs."""

    __slots__ = ()


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # TEXT, INTEGER, BIGINT, DOUBLE PRECISION or BOOLEAN
    about: str


@dataclass(frozen=True)
class Table:
    name: str
    about: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def ddl(self) -> str:
        """The table as declared, as one CREATE TABLE statement (for a migration that adds it:
        print it and paste it there, as literal SQL)."""
        columns = ",\n  ".join(f"{c.name} {c.type}" for c in self.columns)
        return f"CREATE TABLE {self.name} (\n  {columns},\n  PRIMARY KEY ({', '.join(self.key)})\n)"

    @property
    def insert_sql(self) -> str:
        """The INSERT of one row, every column named: ``INSERT INTO t (a, b) VALUES (?, ?)``."""
        names = ", ".join(c.name for c in self.columns)
        return f"INSERT INTO {self.name} ({names}) VALUES ({', '.join('?' for _ in self.columns)})"

    def values(self, row: Mapping[str, Value]) -> tuple[Value, ...]:
        """``row``'s values in the order :attr:`insert_sql` names them. A row gives every
        declared column, and only those: a column declared and never written is an error, not
        a silent NULL."""
        names = [c.name for c in self.columns]
        if row.keys() != set(names):
            missing = [f"no {name}" for name in names if name not in row]
            unknown = [f"{name}, which it does not declare" for name in row if name not in names]
            raise StoreError(
                f"a row of {self.name} with {'; '.join(missing + unknown)}: give every column of the "
                f"table's declaration (storyline.store.schema.TABLES), by its name"
            )
        return tuple(row[name] for name in names)


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


_ARTICLE = ("article_id", "TEXT", "the article's id (the document's article.id)")

TABLES: tuple[Table, ...] = (
    Table(
        "ingest_runs",
        "One row per `storyline ingest`: what it read, when, by which storyline.",
        _columns(
            ("run_id", "TEXT", "the run's id (its start time and a random suffix)"),
            ("started", "TEXT", "when it started (ISO 8601, UTC)"),
            ("finished", "TEXT", "when it finished; empty while running or if it was killed"),
            ("version", "TEXT", "the storyline version that ran it"),
            ("inputs", "TEXT", "the paths it was given, one per line"),
            ("articles_read", "BIGINT", "articles read from the inputs"),
            ("articles_stored", "BIGINT", "articles stored or replaced"),
            ("articles_skipped", "BIGINT", "inputs skipped, each with its reason in `skipped`"),
        ),
        ("run_id",),
    ),
    Table(
        "articles",
        "One row per article: its metadata, its text and the whole document as JSON.",
        _columns(
            _ARTICLE,
            ("input_id", "TEXT", "the input's own id (a JSON line's `id`), if it had one"),
            ("url", "TEXT", "the article's URL"),
            ("source", "TEXT", "the publisher or feed"),
            ("title", "TEXT", "the title"),
            ("published", "TEXT", "the publication date (YYYY-MM-DD)"),
            ("content_hash", "TEXT", "SHA-1 of the cleaned text"),
            ("input_hash", "TEXT", "SHA-1 of the input as read (text and metadata): the same input again is skipped"),
            ("words", "INTEGER", "words in the cleaned text"),
            ("duplicate_of", "TEXT", "the article this one is a near-duplicate of (wire copy republished)"),
            ("run_id", "TEXT", "the ingest run that stored it"),
            ("version", "TEXT", "the storyline version that made the document"),
            ("text", "TEXT", "the cleaned text; every offset in the store points into it"),
            ("document", "TEXT", "the whole document (schema storyline.document/1) as JSON"),
            (
                "publisher",
                "TEXT",
                "who published it: the registered domain of its URL (bbc.co.uk), else its source in lower case",
            ),
            ("modified", "TEXT", "the day the page says it was last changed (YYYY-MM-DD), where it says"),
            ("reference", "TEXT", "the day relative dates were read against, where not the publication day"),
        ),
        ("article_id",),
    ),
    Table(
        "entities",
        "Who and what each article names.",
        _columns(
            _ARTICLE,
            ("entity_id", "TEXT", "the entity's id in its document (E1, E2, ...)"),
            ("name", "TEXT", "its name as the text gives it"),
            ("type", "TEXT", "PERSON, ORG, GPE, NORP, LOC, FAC, ..."),
            ("actor_code", "TEXT", "CAMEO-style actor code (USAGOV, RUS, IGONAT), if coded"),
            ("country", "TEXT", "the actor's or place's country (ISO 3166-1 alpha-3)"),
            ("sector", "TEXT", "the actor's sector (GOV, MIL, COP, ...)"),
            ("mentions", "INTEGER", "how many times the article names it"),
        ),
        ("article_id", "entity_id"),
    ),
    Table(
        "mentions",
        "Every mention of an entity, with its characters.",
        _columns(
            _ARTICLE,
            ("entity_id", "TEXT", "the entity mentioned"),
            ("start", "INTEGER", "first character of the mention in the text"),
            ("end_", "INTEGER", "character after the mention"),
            ("text", "TEXT", "the mention's words"),
        ),
        ("article_id", "entity_id", "start"),
    ),
    Table(
        "quotes",
        "Who said what: each attribution with its speaker, cue and content.",
        _columns(
            _ARTICLE,
            ("quote_id", "TEXT", "the quote's id in its document (Q1, ...)"),
            ("kind", "TEXT", "direct, mixed or indirect"),
            ("speaker_id", "TEXT", "the speaking entity's id, if known"),
            ("speaker", "TEXT", "the speaker's name, else the words describing an unnamed one ('a source')"),
            ("speaker_code", "TEXT", "the speaker's actor code, if coded"),
            ("cue", "TEXT", "the verb or phrase that reports it (said, told, according to)"),
            ("content", "TEXT", "what was said"),
            ("start", "INTEGER", "first character of the whole attribution"),
            ("end_", "INTEGER", "character after it"),
            ("act", "TEXT", "what the cue reports: speech, belief or perception (only speech is who said what)"),
        ),
        ("article_id", "quote_id"),
    ),
    Table(
        "timexes",
        "Each time expression and its normalised value.",
        _columns(
            _ARTICLE,
            ("timex_id", "TEXT", "the timex's id (T1, ...)"),
            ("type", "TEXT", "DATE, TIME, DURATION or SET"),
            ("value", "TEXT", "its TIMEX3 value (2025-08-22, 2025-W34, P7Y)"),
            ("text", "TEXT", "the words"),
            ("start", "INTEGER", "first character"),
            ("end_", "INTEGER", "character after it"),
        ),
        ("article_id", "timex_id"),
    ),
    Table(
        "captions",
        "Photo captions, kept apart from the body.",
        _columns(
            _ARTICLE,
            ("caption_index", "INTEGER", "its position among the article's captions (0, 1, ...)"),
            ("text", "TEXT", "the caption"),
            ("credit", "TEXT", "its photo credit"),
        ),
        ("article_id", "caption_index"),
    ),
    Table(
        "events",
        "Who did what to whom, when and where: each event an article tells, with its evidence.",
        _columns(
            _ARTICLE,
            ("event_id", "TEXT", "the event's id in its document (V1, ...)"),
            ("cameo", "TEXT", "CAMEO event code"),
            ("root", "TEXT", "its two-digit root"),
            ("quad_class", "INTEGER", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material"),
            ("goldstein", "DOUBLE PRECISION", "the code's Goldstein score (-10 to +10)"),
            ("plover", "TEXT", "the PLOVER event type"),
            ("source_id", "TEXT", "the source entity's id"),
            ("source_name", "TEXT", "the source's name"),
            ("source_code", "TEXT", "the source's actor code"),
            ("source_country", "TEXT", "the source's country"),
            ("target_id", "TEXT", "the target entity's id"),
            ("target_name", "TEXT", "the target's name"),
            ("target_code", "TEXT", "the target's actor code"),
            ("target_country", "TEXT", "the target's country"),
            ("modality", "TEXT", "asserted, negated, hypothetical or future"),
            ("date", "TEXT", "when it happened (TIMEX3 value: a day, a week, a month)"),
            ("location_id", "TEXT", "where it happened: a place entity's id (not every place the article names)"),
            ("location_name", "TEXT", "that place's name"),
            ("location_country", "TEXT", "that place's country"),
            ("location_lat", "DOUBLE PRECISION", "its latitude"),
            ("location_lon", "DOUBLE PRECISION", "its longitude"),
            ("confidence", "DOUBLE PRECISION", "the calibrated chance that its code root and source are right (0-1)"),
            ("coded", "TEXT", "which actors are coded to a country or organisation: both, source, target, none"),
            ("refers_to", "TEXT", "the event of the same article it names again ('the attack'), if any"),
            ("trigger", "TEXT", "the word that reports it"),
            ("evidence_start", "INTEGER", "first character of the sentence that supports it"),
            ("evidence_end", "INTEGER", "character after that sentence"),
            ("sentence", "TEXT", "the evidence sentence"),
            ("corpus_event_id", "TEXT", "the corpus event it is a mention of (see corpus_events)"),
            (
                "caption",
                "INTEGER",
                "for an event a photo caption tells, the caption's index (0, 1, ...): its evidence offsets "
                "and sentence are then the caption's; empty for an event of the article's text",
            ),
            (
                "date_timex",
                "TEXT",
                "the timex of the article's text its date comes from; '' where the publication date stands in "
                "(or a caption dates it); NULL in a store made before it, until the next corpus pass",
            ),
            (
                "day",
                "TEXT",
                "the day it happened (YYYY-MM-DD), as lists sort and filter it: its date where that is a day, "
                "else its article's publication day",
            ),
            (
                "location_kind",
                "TEXT",
                "what kind of place its location is: continent, country, region, district or city (a map draws "
                "a country-level event as the country); NULL in a store made before it, until the article is "
                "processed again",
            ),
        ),
        ("article_id", "event_id"),
    ),
    Table(
        "corpus_events",
        "One row per event of the corpus: the same act reported by several articles, linked.",
        _columns(
            (
                "corpus_event_id",
                "TEXT",
                "stable id: a hash of its actors, code, modality and first day (its event's ids, if it links nothing)",
            ),
            ("cameo", "TEXT", "CAMEO event code"),
            ("root", "TEXT", "its root"),
            ("quad_class", "INTEGER", "its QuadClass"),
            ("goldstein", "DOUBLE PRECISION", "its Goldstein score"),
            ("source_code", "TEXT", "the source's actor code"),
            ("target_code", "TEXT", "the target's actor code"),
            ("modality", "TEXT", "asserted, negated, hypothetical or future"),
            ("date", "TEXT", "the earliest day its mentions give (the date of its one event, if alone)"),
            ("num_mentions", "INTEGER", "events linked to it: the rows of events that point to it (GDELT NumMentions)"),
            ("num_sources", "INTEGER", "distinct publishers (articles.publisher) reporting it (GDELT NumSources)"),
            ("num_articles", "INTEGER", "distinct articles reporting it (GDELT NumArticles)"),
            ("first_seen", "TEXT", "the earliest publication date of an article reporting it"),
            ("last_seen", "TEXT", "the latest"),
            ("best_article_id", "TEXT", "the article of its best-grounded mention"),
            ("best_event_id", "TEXT", "that mention's event id"),
            ("confidence", "DOUBLE PRECISION", "the best mention's confidence"),
            ("link_reason", "TEXT", "why its mentions are one event, or why it stands alone"),
        ),
        ("corpus_event_id",),
    ),
    Table(
        "article_signatures",
        "Each article's MinHash signature, kept so that the corpus pass reads no text twice.",
        _columns(
            _ARTICLE,
            ("signature", "TEXT", "128 uint32 hash values, little-endian, base64 (none for a text under ten words)"),
        ),
        ("article_id",),
    ),
    Table(
        "skipped",
        "Inputs that were not stored, each with the reason.",
        _columns(
            ("run_id", "TEXT", "the ingest run"),
            ("input", "TEXT", "where it was read (path, path:line, path#record)"),
            ("reason", "TEXT", "why it was skipped (empty, binary, not-english, too-large, ...)"),
            ("detail", "TEXT", "the details"),
        ),
        ("run_id", "input"),
    ),
)

_BY_NAME = {table.name: table for table in TABLES}


def table(name: str) -> Table:
    """The declaration of the table ``name``."""
    return _BY_NAME[name]


def insert(store: Store, table: str, rows: Iterable[Mapping[str, Value]]) -> None:
    """Insert ``rows`` into ``table``, each a mapping of its declared columns' names to values."""
    declared = _BY_NAME[table]  # (the parameter hides the function of that name)
    store.executemany(declared.insert_sql, [declared.values(row) for row in rows])


# Version -> the statements that bring the store from the version before to it, as literal SQL:
# what a released migration did, it always does (a column added to TABLES is a new migration).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE ingest_runs (\n"
        "  run_id TEXT,\n"
        "  started TEXT,\n"
        "  finished TEXT,\n"
        "  version TEXT,\n"
        "  inputs TEXT,\n"
        "  articles_read BIGINT,\n"
        "  articles_stored BIGINT,\n"
        "  articles_skipped BIGINT,\n"
        "  PRIMARY KEY (run_id)\n"
        ")",
        "CREATE TABLE articles (\n"
        "  article_id TEXT,\n"
        "  input_id TEXT,\n"
        "  url TEXT,\n"
        "  source TEXT,\n"
        "  title TEXT,\n"
        "  published TEXT,\n"
        "  content_hash TEXT,\n"
        "  input_hash TEXT,\n"
        "  words INTEGER,\n"
        "  duplicate_of TEXT,\n"
        "  run_id TEXT,\n"
        "  version TEXT,\n"
        "  text TEXT,\n"
        "  document TEXT,\n"
        "  PRIMARY KEY (article_id)\n"
        ")",
        "CREATE TABLE entities (\n"
        "  article_id TEXT,\n"
        "  entity_id TEXT,\n"
        "  name TEXT,\n"
        "  type TEXT,\n"
        "  actor_code TEXT,\n"
        "  country TEXT,\n"
        "  sector TEXT,\n"
        "  mentions INTEGER,\n"
        "  PRIMARY KEY (article_id, entity_id)\n"
        ")",
        "CREATE TABLE mentions (\n"
        "  article_id TEXT,\n"
        "  entity_id TEXT,\n"
        "  start INTEGER,\n"
        "  end_ INTEGER,\n"
        "  text TEXT,\n"
        "  PRIMARY KEY (article_id, entity_id, start)\n"
        ")",
        "CREATE TABLE quotes (\n"
        "  article_id TEXT,\n"
        "  quote_id TEXT,\n"
        "  kind TEXT,\n"
        "  speaker_id TEXT,\n"
        "  speaker TEXT,\n"
        "  speaker_code TEXT,\n"
        "  cue TEXT,\n"
        "  content TEXT,\n"
        "  start INTEGER,\n"
        "  end_ INTEGER,\n"
        "  PRIMARY KEY (article_id, quote_id)\n"
        ")",
        "CREATE TABLE timexes (\n"
        "  article_id TEXT,\n"
        "  timex_id TEXT,\n"
        "  type TEXT,\n"
        "  value TEXT,\n"
        "  text TEXT,\n"
        "  start INTEGER,\n"
        "  end_ INTEGER,\n"
        "  PRIMARY KEY (article_id, timex_id)\n"
        ")",
        "CREATE TABLE captions (\n"
        "  article_id TEXT,\n"
        "  caption_index INTEGER,\n"
        "  text TEXT,\n"
        "  credit TEXT,\n"
        "  PRIMARY KEY (article_id, caption_index)\n"
        ")",
        "CREATE TABLE events (\n"
        "  article_id TEXT,\n"
        "  event_id TEXT,\n"
        "  cameo TEXT,\n"
        "  root TEXT,\n"
        "  quad_class INTEGER,\n"
        "  goldstein DOUBLE PRECISION,\n"
        "  plover TEXT,\n"
        "  source_id TEXT,\n"
        "  source_name TEXT,\n"
        "  source_code TEXT,\n"
        "  source_country TEXT,\n"
        "  target_id TEXT,\n"
        "  target_name TEXT,\n"
        "  target_code TEXT,\n"
        "  target_country TEXT,\n"
        "  modality TEXT,\n"
        "  date TEXT,\n"
        "  location_id TEXT,\n"
        "  location_name TEXT,\n"
        "  location_country TEXT,\n"
        "  location_lat DOUBLE PRECISION,\n"
        "  location_lon DOUBLE PRECISION,\n"
        "  confidence DOUBLE PRECISION,\n"
        "  coded TEXT,\n"
        "  refers_to TEXT,\n"
        "  trigger TEXT,\n"
        "  evidence_start INTEGER,\n"
        "  evidence_end INTEGER,\n"
        "  sentence TEXT,\n"
        "  corpus_event_id TEXT,\n"
        "  PRIMARY KEY (article_id, event_id)\n"
        ")",
        "CREATE TABLE corpus_events (\n"
        "  corpus_event_id TEXT,\n"
        "  cameo TEXT,\n"
        "  root TEXT,\n"
        "  quad_class INTEGER,\n"
        "  goldstein DOUBLE PRECISION,\n"
        "  source_code TEXT,\n"
        "  target_code TEXT,\n"
        "  modality TEXT,\n"
        "  date TEXT,\n"
        "  num_mentions INTEGER,\n"
        "  num_sources INTEGER,\n"
        "  num_articles INTEGER,\n"
        "  first_seen TEXT,\n"
        "  last_seen TEXT,\n"
        "  best_article_id TEXT,\n"
        "  best_event_id TEXT,\n"
        "  confidence DOUBLE PRECISION,\n"
        "  PRIMARY KEY (corpus_event_id)\n"
        ")",
        "CREATE TABLE skipped (\n"
        "  run_id TEXT,\n"
        "  input TEXT,\n"
        "  reason TEXT,\n"
        "  detail TEXT,\n"
        "  PRIMARY KEY (run_id, input)\n"
        ")",
        "CREATE INDEX events_by_code ON events (cameo)",
        "CREATE INDEX events_by_source ON events (source_code)",
        "CREATE INDEX events_by_corpus_event ON events (corpus_event_id)",
        "CREATE INDEX articles_by_hash ON articles (content_hash)",
    ),
    # Issue 26: who published an article, by its URL's domain; why a corpus event's mentions are one.
    2: (
        "ALTER TABLE articles ADD COLUMN publisher TEXT",
        "ALTER TABLE corpus_events ADD COLUMN link_reason TEXT",
        "ALTER TABLE events ADD COLUMN caption INTEGER",
    ),
    # Issue 28: a page's last change and the day its relative dates were read against.
    3: (
        "ALTER TABLE articles ADD COLUMN modified TEXT",
        "ALTER TABLE articles ADD COLUMN reference TEXT",
    ),
    # Issue 29: what a quote's cue reports (speech, belief, perception).
    4: ("ALTER TABLE quotes ADD COLUMN act TEXT",),
    # Issue 30: what the corpus pass would otherwise read again each time: each article's
    # near-duplicate signature, and the timex each event's date comes from.
    5: (
        "CREATE TABLE article_signatures (\n  article_id TEXT,\n  signature TEXT,\n  PRIMARY KEY (article_id)\n)",
        "ALTER TABLE events ADD COLUMN date_timex TEXT",
    ),
    # Issue 30: the day each event is sorted and filtered by, kept, so that a store of a million
    # events is paged without joining every event to its article.
    6: (
        "ALTER TABLE events ADD COLUMN day TEXT",
        "CREATE INDEX events_by_day ON events (day)",  # (DuckDB makes no index after an UPDATE in one transaction)
        "UPDATE events SET day = CASE WHEN LENGTH(events.date) = 10 AND SUBSTR(events.date, 5, 1) = '-' "
        "AND SUBSTR(events.date, 8, 1) = '-' AND events.date NOT LIKE '%X%' THEN events.date ELSE a.published END "
        "FROM articles a WHERE a.article_id = events.article_id",
    ),
    # Issue 30: the indexes PostgreSQL's text search needs (a search is an ILIKE there, which a
    # trigram index serves; DuckDB scans, fast enough on a million events). pg_trgm is a trusted
    # extension shipped with PostgreSQL: the owner of a database may create it.
    7: (
        PostgresOnly("CREATE EXTENSION IF NOT EXISTS pg_trgm"),
        PostgresOnly("CREATE INDEX events_by_sentence_words ON events USING gin (sentence gin_trgm_ops)"),
        PostgresOnly("CREATE INDEX quotes_by_speaker_words ON quotes USING gin (speaker gin_trgm_ops)"),
        PostgresOnly("CREATE INDEX quotes_by_speaker_code_words ON quotes USING gin (speaker_code gin_trgm_ops)"),
        PostgresOnly("CREATE INDEX quotes_by_content_words ON quotes USING gin (content gin_trgm_ops)"),
        PostgresOnly("CREATE INDEX articles_by_title_words ON articles USING gin (title gin_trgm_ops)"),
        PostgresOnly("CREATE INDEX articles_by_text_words ON articles USING gin (text gin_trgm_ops)"),
    ),
    # Issue 31: the kind of place an event happened in, so that a map draws a country as a country.
    8: ("ALTER TABLE events ADD COLUMN location_kind TEXT",),
}
SCHEMA_VERSION = max(MIGRATIONS)


def migrate(store: Store) -> int:
    """Bring ``store`` to :data:`SCHEMA_VERSION`; returns the version it had (0: new)."""
    store.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT)")
    store.connection.commit()
    found = store.query("SELECT MAX(version) FROM schema_version")[0][0]
    current = int(found) if isinstance(found, int) else 0
    if current > SCHEMA_VERSION:
        raise InvalidArgument(
            f"{store.where}: made by a newer storyline (schema version {current}; this one knows "
            f"{SCHEMA_VERSION}): upgrade storyline"
        )
    for version in sorted(v for v in MIGRATIONS if v > current):
        with store.transaction():
            for statement in MIGRATIONS[version]:
                if store.backend == "postgres" or not isinstance(statement, PostgresOnly):
                    store.execute(statement)
            store.execute(
                "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                (version, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
    return current
