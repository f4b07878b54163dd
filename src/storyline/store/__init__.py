"""The corpus store: articles, their records and the events linking them across articles.

Data flow: :mod:`.ingest` reads and processes articles and :mod:`.write` stores each one whole
(one transaction per batch); :mod:`.corpus_pass` then marks near-duplicate articles and links
events across articles (:mod:`.corpus`); :mod:`.queries` and :mod:`.export` read it back.
:mod:`.connection` speaks to DuckDB and PostgreSQL alike, :mod:`.schema` declares the tables
and migrates a store to the current version.
"""
