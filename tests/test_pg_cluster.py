"""The test fixtures for the two store backends: store_url and the throw-away PostgreSQL cluster."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from .pg_cluster import PostgresCluster, PostgresUnavailable, unavailable_reason, wait_gone


def test_store_url_gives_a_fresh_store_per_backend(store_url: str, tmp_path: Path) -> None:
    if store_url.startswith("postgresql://"):
        with psycopg.connect(store_url) as conn:
            # A fresh database: no tables of its own yet.
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
            assert tables == (0,)
            conn.execute("CREATE TABLE events (id integer PRIMARY KEY, verb text NOT NULL)")
            conn.execute("INSERT INTO events VALUES (%s, %s), (%s, %s)", (1, "met", 2, "signed"))
            conn.commit()
        with psycopg.connect(store_url) as conn:
            rows = conn.execute("SELECT id, verb FROM events ORDER BY id").fetchall()
        assert rows == [(1, "met"), (2, "signed")]
    else:
        path = Path(store_url)
        assert path.parent == tmp_path
        assert path.name == "store.duckdb"
        assert not path.exists()


def test_each_postgres_database_is_fresh_and_dropped(postgres_cluster: PostgresCluster) -> None:
    first = postgres_cluster.create_database()
    second = postgres_cluster.create_database()
    assert first != second
    try:
        with psycopg.connect(first, autocommit=True) as conn:
            conn.execute("CREATE TABLE only_in_first (x integer)")
        with psycopg.connect(second) as conn:
            found = conn.execute("SELECT to_regclass('only_in_first')").fetchone()
        assert found == (None,)
        left_open = psycopg.connect(first)  # a test that forgets to close its connection
        postgres_cluster.drop_database(first)
        left_open.close()
        with psycopg.connect(postgres_cluster.url) as conn:
            names = {row[0] for row in conn.execute("SELECT datname FROM pg_database").fetchall()}
        assert first.rsplit("/", 1)[1] not in names
        assert second.rsplit("/", 1)[1] in names
    finally:
        postgres_cluster.drop_database(second)


def test_a_cluster_stops_and_leaves_nothing_behind() -> None:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as unavailable:  # pragma: no cover - unavailable_reason said otherwise
        pytest.skip(str(unavailable))
    assert cluster.process is not None and cluster.root is not None
    pid, root, url = cluster.process.pid, cluster.root, cluster.url
    assert root.is_dir()
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    cluster.stop()
    cluster.stop()  # twice is harmless
    assert wait_gone(pid)
    assert not root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
