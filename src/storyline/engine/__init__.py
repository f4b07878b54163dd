"""The distributed engine (``storyline ingest --engine dask``, ``storyline load``).

partitions (the inputs cut for the workers) -> dask_engine (a Dask cluster runs the pipeline on
each) -> tables (a partition's Parquet tables) -> load (the tables into the store, then the
corpus pass).
"""
