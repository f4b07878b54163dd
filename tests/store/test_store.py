"""The store, on DuckDB and on PostgreSQL alike: ingest, idempotence, queries, exports.

Every test here runs twice, once per backend (the ``store_url`` fixture). The articles are
written for these tests.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from storyline.store.connection import Store, open_store
from storyline.store.export import EXPORTS, export
from storyline.store.ingest import ingest
from storyline.store.queries import EventFilter, actors, articles, events, quotes
from storyline.store.schema import SCHEMA_VERSION, migrate

# Three reports of one attack (two publishers), one unrelated story, and one copy of the first
# with a changed headline word: wire copy republished.
ATTACK = (
    "Norwegian troops attacked a Swedish border post near Storlien on Monday, officials in Oslo said. "
    "The attack wounded four guards, the Swedish defence ministry said in a statement. "
    "Sweden's foreign minister condemned the attack and summoned Norway's ambassador."
)
STORIES = [
    {"id": "wire-a-1", "source": "Wire A", "published": "2024-03-05", "title": "Border attack", "text": ATTACK},
    {
        "id": "wire-b-1",
        "source": "Wire B",
        "published": "2024-03-05",
        "title": "Guards wounded",
        "text": "Norwegian troops attacked a Swedish border post on Monday, officials said. Four guards were "
        "wounded in the raid, which Swedish officials called unprovoked.",
    },
    {
        "id": "wire-a-2",
        "source": "Wire A",
        "published": "2024-03-05",
        "title": "Sweden protests",
        "text": "Norwegian troops attacked a Swedish border post on Monday. Sweden's prime minister said on "
        "Tuesday that Stockholm would raise the matter at the United Nations.",
    },
    {
        "id": "wire-c-9",
        "source": "Wire C",
        "published": "2024-03-06",
        "title": "Trade talks",
        "text": "Japan and South Korea agreed on Wednesday to resume trade talks in Seoul next month, "
        "the Japanese trade ministry said, after a year in which the two sides met only once.",
    },
    {"id": "wire-a-1-copy", "source": "Wire D", "published": "2024-03-05", "title": "Border attack", "text": ATTACK},
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    return path


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def _count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT COUNT(*) FROM {table}")[0][0] or 0)


def test_a_new_store_is_migrated_to_the_current_schema(store: Store) -> None:
    assert migrate(store) == 0
    assert migrate(store) == SCHEMA_VERSION  # the second opening finds it current
    assert store.query("SELECT MAX(version) FROM schema_version")[0][0] == SCHEMA_VERSION


def test_a_store_made_by_a_newer_storyline_is_refused(store: Store) -> None:
    migrate(store)
    with store.transaction():
        store.execute("INSERT INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION + 1, "later"))
    with pytest.raises(Exception, match="newer storyline"):
        migrate(store)


def test_ingest_stores_every_article_once_and_again_adds_nothing(store: Store, corpus: Path) -> None:
    first = ingest(store, [str(corpus)], check_language=False)
    assert (first.read, first.stored, first.replaced, first.skipped) == (5, 5, 0, 0)
    counts = {t: _count(store, t) for t in ("articles", "entities", "events", "quotes", "corpus_events")}
    assert counts["events"] > 5 and counts["quotes"] > 0
    second = ingest(store, [str(corpus)], check_language=False)
    assert (second.read, second.unchanged, second.stored) == (5, 5, 0)  # read as held: not processed again
    assert {t: _count(store, t) for t in counts} == counts
    assert _count(store, "ingest_runs") == 2
    finished = store.query("SELECT COUNT(*) FROM ingest_runs WHERE finished IS NOT NULL")[0][0]
    assert finished == 2


def test_a_changed_input_replaces_its_article(store: Store, corpus: Path, tmp_path: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    events_before = _count(store, "events")
    changed = [dict(s, title="Border attack: update") if s["id"] == "wire-a-1" else s for s in STORIES]
    again = tmp_path / "again.jsonl"
    again.write_text("".join(json.dumps(s) + "\n" for s in changed), encoding="utf-8")
    summary = ingest(store, [str(again)], check_language=False)
    assert (summary.unchanged, summary.stored, summary.replaced) == (4, 1, 1)
    assert _count(store, "articles") == 5 and _count(store, "events") == events_before
    assert store.query("SELECT title FROM articles WHERE input_id = 'wire-a-1'") == [("Border attack: update",)]


def test_an_inputs_own_id_is_kept_and_equal_texts_with_two_ids_are_two_articles(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "twins.jsonl"
    text = "Japan and South Korea agreed on Wednesday to resume trade talks in Seoul next month."
    path.write_text(json.dumps({"id": "a-1", "text": text}) + "\n" + json.dumps({"id": "b-2", "text": text}) + "\n")
    ingest(store, [str(path)], check_language=False)
    assert sorted(r[0] for r in store.query("SELECT input_id FROM articles")) == ["a-1", "b-2"]


def test_skipped_inputs_are_stored_with_their_reason(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "x", "text": ""}) + "\nnot json\n" + json.dumps(STORIES[3]) + "\n")
    summary = ingest(store, [str(path)], check_language=False)
    assert (summary.stored, summary.skipped) == (1, 2)
    reasons = sorted(str(r[0]) for r in store.query("SELECT reason FROM skipped"))
    assert reasons == ["bad-json", "no-text"]


def test_a_near_duplicate_is_marked_and_one_attack_is_one_corpus_event(store: Store, corpus: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    duplicates = store.query("SELECT input_id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
    original = store.query("SELECT article_id FROM articles WHERE input_id = 'wire-a-1'")[0][0]
    assert duplicates == [("wire-a-1-copy", original)]
    # the attack told by wire-a-1, wire-b-1 and wire-a-2 (and the copy): one corpus event
    attack = store.query_dicts(
        "SELECT num_articles, num_sources, num_mentions FROM corpus_events "
        "WHERE cameo LIKE '19%' AND source_code LIKE 'NOR%' ORDER BY num_articles DESC"
    )
    assert attack, "the attack was not coded"
    assert attack[0]["num_articles"] >= 3 and attack[0]["num_sources"] >= 2


def test_event_queries_keep_only_what_the_filters_ask(store: Store, corpus: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    everything = events(store, EventFilter(limit=1000)).rows
    assert everything
    by_actor = events(store, EventFilter(actor="NOR", limit=1000)).rows
    assert by_actor and all("NOR" in f"{r['source_code']}{r['target_code']}" for r in by_actor)
    violent = events(store, EventFilter(code="19", limit=1000)).rows
    assert violent and all(str(r["cameo"]).startswith("19") for r in violent)
    quad = events(store, EventFilter(quad_class=1, limit=1000)).rows
    assert all(r["quad_class"] == 1 for r in quad)
    dated = events(store, EventFilter(since="2024-03-06", limit=1000)).rows
    assert all(str(r["day"]) >= "2024-03-06" for r in dated)
    assert len(dated) < len(everything)
    words = events(store, EventFilter(text="border post", limit=1000)).rows
    assert words and all("border post" in str(r["sentence"]).lower() for r in words)
    assert len(events(store, EventFilter(limit=2)).rows) == 2
    wide = events(store, EventFilter(min_sources=2, limit=1000)).rows
    assert wide and all(int(r["num_sources"] or 0) >= 2 for r in wide)
    assert len(wide) == sum(int(r["num_sources"] or 0) >= 2 for r in everything)  # and every one of them
    coded = events(store, EventFilter(coded="source", limit=1000)).rows
    assert coded and all(r["source_code"] for r in coded)


def test_an_empty_answer_says_why(store: Store, corpus: Path) -> None:
    migrate(store)
    assert "no articles" in events(store, EventFilter()).note
    ingest(store, [str(corpus)], check_language=False)
    answer = events(store, EventFilter(actor="FJI"))  # a country the store has no events of
    assert answer.rows == [] and "match the filters" in answer.note


def test_text_with_sql_in_it_is_only_a_value(store: Store, corpus: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    assert events(store, EventFilter(text="'; DROP TABLE events; --")).rows == []
    assert _count(store, "events") > 0


def test_quotes_actors_and_articles(store: Store, corpus: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    said = quotes(store, limit=100).rows
    assert said and all(r["content"] for r in said)
    top = actors(store, limit=5).rows
    assert top and top == sorted(top, key=lambda r: -int(r["events"] or 0))
    found = articles(store, source="wire a").rows
    assert sorted(str(r["title"]) for r in found) == ["Border attack", "Sweden protests"]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet", "jsonl"])
def test_every_export_reads_back_as_written(store: Store, corpus: Path, tmp_path: Path, fmt: str) -> None:
    ingest(store, [str(corpus)], check_language=False)
    written = export(store, fmt, tmp_path / "out", all_events=True)
    for table in EXPORTS:
        path = tmp_path / "out" / f"{table.name}.{fmt}"
        columns = [c[0] for c in table.columns]
        rows = _read_back(path, fmt)
        assert len(rows) == written[table.name] > 0, table.name
        assert list(rows[0]) == columns, table.name
        expected = store.query_dicts(table.select(all_events=True))
        assert [_plain(r) for r in rows] == [_plain(r) for r in expected], table.name


def _read_back(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt in ("csv", "tsv"):
        with path.open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream, delimiter="," if fmt == "csv" else "\t"))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with duckdb.connect() as db:
        result = db.execute(f"SELECT * FROM read_parquet('{path}')")
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _plain(row: dict[str, object]) -> dict[str, str]:
    """Values as text, the way CSV gives them back (None is empty; floats as Python writes them)."""
    return {k: "" if v is None else repr(float(v)) if isinstance(v, float) else str(v) for k, v in row.items()}


def test_the_exports_round_trip_through_pandas(store: Store, corpus: Path, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    ingest(store, [str(corpus)], check_language=False)
    export(store, "parquet", tmp_path / "p", all_events=True)
    export(store, "tsv", tmp_path / "t", all_events=True)
    for table in EXPORTS:
        from_parquet = pandas.read_parquet(tmp_path / "p" / f"{table.name}.parquet")
        from_tsv = pandas.read_csv(tmp_path / "t" / f"{table.name}.tsv", sep="\t", keep_default_na=False, dtype=str)
        assert list(from_parquet.columns) == list(from_tsv.columns) == [c[0] for c in table.columns]
        assert len(from_parquet) == len(from_tsv)


def test_the_events_export_holds_the_dataset_grade_by_default(store: Store, corpus: Path, tmp_path: Path) -> None:
    ingest(store, [str(corpus)], check_language=False)
    graded = export(store, "jsonl", tmp_path / "graded")
    every = export(store, "jsonl", tmp_path / "all", all_events=True)
    assert 0 < graded["events"] <= every["events"]
    rows = [json.loads(x) for x in (tmp_path / "graded" / "events.jsonl").read_text().splitlines()]
    assert all(r["Actor1Code"] for r in rows)


def test_the_codebook_in_docs_is_the_one_the_code_makes() -> None:
    from storyline.store.export import codebook

    shipped = (Path(__file__).parents[2] / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert shipped == codebook(), "regenerate it: storyline export --codebook > docs/codebook.md"
    for table in EXPORTS:  # every exported column has its line
        for name, _, about in table.columns:
            assert f"| {name} | {about} |" in shipped


def test_a_statement_the_store_refuses_is_a_store_error_naming_it(store: Store) -> None:
    from storyline.errors import StoreError

    migrate(store)
    with pytest.raises(StoreError, match=r"^store \S+: "):
        store.query("SELECT nothing_here FROM articles")
    with pytest.raises(StoreError), store.transaction():
        store.execute("INSERT INTO articles (article_id) VALUES (?)", ("a",))
        store.execute("INSERT INTO articles (article_id) VALUES (?)", ("a",))  # the same key twice
    assert _count(store, "articles") == 0  # the transaction rolled back whole


def test_timeline_network_places_and_a_corpus_event(store: Store, corpus: Path) -> None:
    from storyline.store.charts import network, places, timeline
    from storyline.store.queries import corpus_event

    ingest(store, [str(corpus)], check_language=False)
    days = timeline(store, EventFilter(actor="NOR"), "day")
    assert days.rows and all(str(r["period"]).startswith("2024-03") for r in days.rows)
    norway = events(store, EventFilter(actor="NOR", limit=1)).total
    assert days.total == sum(int(r["events"] or 0) for r in days.rows) == norway
    weeks = timeline(store, interval="week").rows  # a week is named by its Monday: 2024-03-04
    assert weeks and {r["period"] for r in weeks} <= {"2024-03-04", "2024-02-26", "2024-03-11"}
    assert sum(int(r["events"] or 0) for r in weeks) >= days.total
    assert timeline(store).interval == "day"  # a few days: auto counts by day
    pairs = network(store).rows
    assert pairs and all(r["source_code"] != r["target_code"] for r in pairs)
    assert all(int(r["cooperation"] or 0) + int(r["conflict"] or 0) == r["events"] for r in pairs)
    assert all(sum(int(r[f"q{q}"] or 0) for q in (1, 2, 3, 4)) == r["events"] for r in pairs)
    assert any(r["source_name"] for r in pairs)  # names beside codes
    where = places(store).rows
    assert all(r["lat"] is not None and r["lon"] is not None for r in where)
    linked = store.query("SELECT corpus_event_id FROM corpus_events ORDER BY num_articles DESC LIMIT 1")[0][0]
    found = corpus_event(store, str(linked))
    assert found is not None and len(found["mentions"]) >= 1  # type: ignore[arg-type]
    assert corpus_event(store, "ce-none") is None


# --- Corroboration (issue 26) ------------------------------------------------------------------

# One attack told by a wire (the story and its rewrite by another outlet, the same day) and by a
# third publisher the next day; the wire's site under two of its names and two hosts; and the
# same ministry's statements, to no one, on two days in a row: two things said, not one.
CORROBORATED = [
    {
        "id": "wire",
        "source": "Wire A",
        "url": "https://www.wire-a.com/world/border-attack",
        "published": "2024-03-05",
        "title": "Norwegian troops attack Swedish border post",
        "text": "Norwegian troops attacked a Swedish border post near Storlien on Monday, officials in Oslo "
        "said. The attack wounded four guards, the Swedish defence ministry said in a statement.",
    },
    {
        "id": "rewrite",
        "source": "The Courier | Breaking News, Sport and Weather",
        "url": "https://news.courier.co.uk/2024/03/05/border",
        "published": "2024-03-05",
        "title": "Swedish guards wounded",
        "text": "Norwegian troops on Monday attacked a Swedish border post near Storlien, Oslo officials said. "
        "Four guards were wounded in the attack, Sweden's defence ministry said.",
    },
    {
        "id": "next-day",
        "source": "Gazette",
        "url": "https://gazette.example.org/sweden-protests",
        "published": "2024-03-06",
        "title": "Sweden protests",
        "text": "Norwegian troops attacked a Swedish border post on Monday. Sweden's prime minister said on "
        "Tuesday that Stockholm would raise the matter at the United Nations.",
    },
    {
        "id": "wire-again",
        "source": "Where the News Comes First",  # the wire's own site, under a slogan
        "url": "https://wire-a.com/world/border-attack-update",
        "published": "2024-03-05",
        "title": "Attack on border post",
        "text": "Norwegian troops attacked a Swedish border post near Storlien on Monday, killing no one.",
    },
    {
        "id": "said-1",
        "source": "Wire A",
        "url": "https://www.wire-a.com/us/watching",
        "published": "2024-03-06",
        "title": "Washington watching",
        "text": "The U.S. State Department said on Wednesday that it was watching events closely.",
    },
    {
        "id": "said-2",
        "source": "Gazette",
        "url": "https://gazette.example.org/talks",
        "published": "2024-03-07",
        "title": "Talks ended",
        "text": "The U.S. State Department said on Thursday that the trade talks had ended.",
    },
]


@pytest.fixture()
def corroborated(tmp_path: Path) -> Path:
    path = tmp_path / "corroborated.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in CORROBORATED), encoding="utf-8")
    return path


def _articles_of(store: Store, corpus_event_id: str) -> list[str]:
    return sorted(
        str(r[0])
        for r in store.query(
            "SELECT DISTINCT a.input_id FROM events e JOIN articles a ON a.article_id = e.article_id "
            "WHERE e.corpus_event_id = ?",
            (corpus_event_id,),
        )
    )


def test_a_wire_story_its_rewrite_and_a_report_a_day_later_are_one_corpus_event(
    store: Store, corroborated: Path
) -> None:
    ingest(store, [str(corroborated)], check_language=False)
    [attack] = store.query_dicts(
        "SELECT * FROM corpus_events WHERE cameo LIKE '19%' AND source_code LIKE 'NOR%' AND num_articles > 1"
    )
    assert _articles_of(store, str(attack["corpus_event_id"])) == ["next-day", "rewrite", "wire", "wire-again"]
    assert attack["date"] == "2024-03-04"  # "on Monday", in each article's own text
    # four articles, three publishers: www.wire-a.com and wire-a.com, under two names, are one
    assert (attack["num_articles"], attack["num_sources"]) == (4, 3)
    assert str(attack["link_reason"]).startswith("linked: ")
    publishers = dict(store.query("SELECT input_id, publisher FROM articles"))
    assert publishers["wire"] == publishers["wire-again"] == "wire-a.com"
    assert publishers["rewrite"] == "courier.co.uk"


def test_statements_to_no_one_on_two_days_in_a_row_are_not_one_event(store: Store, corroborated: Path) -> None:
    ingest(store, [str(corroborated)], check_language=False)
    said = store.query_dicts(
        "SELECT c.num_articles, c.link_reason FROM corpus_events c JOIN events e ON e.corpus_event_id = "
        "c.corpus_event_id JOIN articles a ON a.article_id = e.article_id WHERE a.input_id IN ('said-1', 'said-2') "
        "AND e.cameo LIKE '01%' AND e.target_code IS NULL"
    )
    assert len(said) == 2
    assert all(r["num_articles"] == 1 and "statement or appeal" in str(r["link_reason"]) for r in said)


def test_every_corpus_event_has_num_mentions_rows_of_one_modality(store: Store, corroborated: Path) -> None:
    ingest(store, [str(corroborated)], check_language=False)
    assert store.query("SELECT COUNT(*) FROM events WHERE corpus_event_id IS NULL") == [(0,)]
    counted = store.query(
        "SELECT c.corpus_event_id, c.num_mentions, COUNT(e.event_id), COUNT(DISTINCT e.modality), "
        "MIN(e.modality), MIN(c.modality) FROM corpus_events c JOIN events e ON e.corpus_event_id = "
        "c.corpus_event_id GROUP BY c.corpus_event_id, c.num_mentions"
    )
    assert len(counted) == _count(store, "corpus_events")
    assert [r for r in counted if r[1] != r[2] or r[3] != 1 or r[4] != r[5]] == []
    # "The attack wounded four guards" names the attack again: a mention of its event, not a row
    told = [json.loads(str(d)) for (d,) in store.query("SELECT document FROM articles")]
    twice = [e for d in told for e in d["events"] if len(e["mentions"]) > 1]
    assert any("attack" in [m["trigger"]["text"].lower() for m in e["mentions"]] for e in twice)
    assert store.query("SELECT COUNT(*) FROM events WHERE refers_to IS NOT NULL") == [(0,)]
    assert _count(store, "events") == sum(len(d["events"]) for d in told)


@pytest.mark.parametrize("all_events", [False, True])
def test_the_export_gives_each_event_its_num_mentions_in_rows(
    store: Store, corroborated: Path, tmp_path: Path, all_events: bool
) -> None:
    ingest(store, [str(corroborated)], check_language=False)
    export(store, "jsonl", tmp_path / "out", all_events=all_events)
    lines = {t: (tmp_path / "out" / f"{t}.jsonl").read_text().splitlines() for t in ("events", "mentions")}
    exported = [json.loads(line) for line in lines["events"]]
    rows: dict[str, int] = {}
    for mention in (json.loads(line) for line in lines["mentions"]):
        rows[mention["GlobalEventID"]] = rows.get(mention["GlobalEventID"], 0) + 1
    assert exported and {e["GlobalEventID"]: e["NumMentions"] for e in exported} == rows
    assert any(e["NumMentions"] > 1 for e in exported)


def test_a_store_of_schema_one_is_migrated_and_its_publishers_filled(store: Store) -> None:
    from storyline.store.corpus_pass import link_corpus
    from storyline.store.schema import MIGRATIONS

    # a store as storyline made it before migration 2, with an article in it
    store.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT)")
    with store.transaction():
        for statement in MIGRATIONS[1]:
            store.execute(statement)
        store.execute("INSERT INTO schema_version VALUES (1, 'before')")
        store.execute(
            "INSERT INTO articles (article_id, url, source, text, document) VALUES (?, ?, ?, ?, ?)",
            ("a1", "https://www.wire-a.com/world/x", "Where the News Comes First", "Troops crossed.", '{"events": []}'),
        )
    assert migrate(store) == 1
    assert store.query("SELECT article_id, publisher FROM articles") == [("a1", None)]
    link_corpus(store)
    assert store.query("SELECT article_id, publisher FROM articles") == [("a1", "wire-a.com")]


def _corpus_state(store: Store) -> list[list[tuple[object, ...]]]:
    """What the corpus pass concluded: the corpus events, each event's link, each article's
    duplicate mark, and the signatures kept."""
    return [
        sorted(store.query("SELECT * FROM corpus_events"), key=repr),
        sorted(store.query("SELECT article_id, event_id, corpus_event_id FROM events"), key=repr),
        sorted(store.query("SELECT article_id, duplicate_of, publisher FROM articles"), key=repr),
        sorted(store.query("SELECT article_id, signature FROM article_signatures"), key=repr),
    ]


def test_ingests_in_batches_and_a_replaced_article_give_the_corpus_of_one_ingest(store: Store, tmp_path: Path) -> None:
    """The pass keeps signatures and writes only what changed: after a second batch (with a copy
    of an article of the first, and a new text for one of its articles) the store holds what one
    ingest of the final articles gives in a new store."""
    changed = {**STORIES[0], "text": STORIES[0]["text"] + " The ministry later said two guards had died."}
    first, second = [*STORIES, *CORROBORATED[:3]], [changed, *CORROBORATED[3:]]
    for n, batch in enumerate((first, second)):
        path = tmp_path / f"batch-{n}.jsonl"
        path.write_text("".join(json.dumps(s) + "\n" for s in batch), encoding="utf-8")
        ingest(store, [str(path)], check_language=False)
    final = tmp_path / "final.jsonl"
    final.write_text("".join(json.dumps(s) + "\n" for s in [*second, *first[1:]]), encoding="utf-8")
    fresh = open_store(tmp_path / "fresh.duckdb")
    ingest(fresh, [str(final)], check_language=False)
    state = _corpus_state(store)
    assert state == _corpus_state(fresh)
    assert state[0] and any(duplicate for _, duplicate, _ in state[2])  # links and copies to compare
    assert len(state[3]) == _count(store, "articles")  # every story is long enough to be shingled
    fresh.close()


def test_a_store_made_before_events_kept_their_dates_timex_is_read_once(store: Store, corroborated: Path) -> None:
    """A store migrated from before issue 30 has no ``events.date_timex``: the next pass reads it
    off the documents, writes it, and concludes what it concluded before."""
    from storyline.store.corpus_pass import link_corpus

    ingest(store, [str(corroborated)], check_language=False)
    kept = sorted(store.query("SELECT article_id, event_id, date_timex FROM events"), key=repr)
    before = _corpus_state(store)
    assert any(timex for _, _, timex in kept) and any(timex == "" for _, _, timex in kept)
    with store.transaction():
        store.execute("UPDATE events SET date_timex = NULL, corpus_event_id = NULL")
        store.execute("DELETE FROM corpus_events")
    link_corpus(store)
    assert sorted(store.query("SELECT article_id, event_id, date_timex FROM events"), key=repr) == kept
    assert _corpus_state(store) == before
