"""Seconds to write documents into a new DuckDB store: the store's part of an ingest, apart from
the pipeline.

    storyline process reuters-1000.jsonl > docs.jsonl
    python bench/store_write.py docs.jsonl [--repeat 3]

Reads the documents back into records (``Document.from_dict``), then times
:func:`storyline.store.write.store_document` over all of them in one transaction, best of
``--repeat`` runs, each into a fresh store.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from storyline.document.records import Document
from storyline.store.connection import open_store
from storyline.store.schema import migrate
from storyline.store.write import store_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", type=Path, help="documents as JSON Lines (storyline process)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = args.documents.read_text("utf-8").splitlines()
    documents = [Document.from_dict(json.loads(line)) for line in lines]
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.repeat):
            store = open_store(str(Path(folder) / f"store-{run}.duckdb"))
            migrate(store)
            started = time.perf_counter()
            with store.transaction():
                for document in documents:
                    store_document(store, document, "bench", "bench")
            best = min(best, time.perf_counter() - started)
            store.close()
    print(json.dumps({"documents": len(documents), "seconds": round(best, 2)}))


if __name__ == "__main__":
    main()
