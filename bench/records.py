"""Which record types for the document: encode speed and memory on 1,000 documents.

    python bench/records.py [CORPUS.jsonl] [N]        # needs msgspec and pydantic installed beside storyline

Three forms of the same records, built from the same 1,000 Reuters-21578 documents:
storyline's dataclasses (slots) with its one encoder then ``json.dumps``; msgspec Structs with
``msgspec.json.encode``; pydantic v2 models with ``model_dump_json``. Each form's record
classes are generated from storyline's own dataclasses, field for field (the contract's fields
only: neither library can leave a field out of the JSON and keep it on the record). Reported:
seconds to encode all documents (best of 5), the bytes the records hold (tracemalloc, while
they are built from the documents' JSON), and whether the JSON is the contract's.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
import time
import tracemalloc
import typing
from collections.abc import Callable
from pathlib import Path
from types import UnionType

import msgspec
import pydantic

import storyline
from storyline.document import records
from storyline.document.article import Article
from storyline.document.encode import JSON_KEY, encode

CORPUS = Path("../shared/data/corpora/reuters21578/reuters21578.jsonl")


def _contract_fields(kind: type) -> list[tuple[str, object, bool]]:
    """(name, type, omitted when None) of a record's contract fields, types resolved."""
    hints = typing.get_type_hints(kind)
    return [
        (f.name, hints[f.name], f.metadata.get(JSON_KEY) == "omitted if none")
        for f in dataclasses.fields(kind)
        if f.metadata.get(JSON_KEY) != "internal"
    ]


def _mapped(hint: object, made: dict[type, type]) -> object:
    """A type hint with every storyline record replaced by its generated class."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return made[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return list[_mapped(args[0], made)]  # type: ignore[misc]
    if origin in (typing.Union, UnionType):
        mapped = [_mapped(a, made) for a in args]
        return typing.Union[tuple(mapped)]  # noqa: UP007 (built at run time)
    return hint


_ORDER = [
    records.TextSpan,
    records.CharSpan,
    records.Mention,
    records.Actor,
    records.Place,
    records.Entity,
    records.Timex,
    records.Quote,
    records.EventDate,
    records.Event,
    records.Caption,
    records.Removed,
    records.Generator,
    Article,
    records.Document,
]


def msgspec_types() -> dict[type, type]:
    made: dict[type, type] = {}
    for kind in _ORDER:
        fields = [
            (name, _mapped(hint, made), None) if optional else (name, _mapped(hint, made))
            for name, hint, optional in _contract_fields(kind)
        ]
        made[kind] = msgspec.defstruct(kind.__name__, fields, omit_defaults=True)
    return made


def pydantic_types() -> dict[type, type]:
    made: dict[type, type] = {}
    for kind in _ORDER:
        fields: dict[str, typing.Any] = {
            name: (_mapped(hint, made), None if optional else ...) for name, hint, optional in _contract_fields(kind)
        }
        made[kind] = pydantic.create_model(kind.__name__, **fields)
    return made


def _measure(
    build: Callable[[], list[object]], dump: Callable[[object], bytes | str]
) -> tuple[float, int, list[object]]:
    tracemalloc.start()
    built = build()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for document in built:
            dump(document)
        best = min(best, time.perf_counter() - started)
    return best, held, built


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in itertools.islice(lines, n * 2)]
    documents = [d for d in storyline.process_many(texts, time_budget=0) if isinstance(d, records.Document)][:n]
    as_json = [encode(d) for d in documents]
    print(f"{len(documents)} documents, {sum(len(d.text.split()) for d in documents):,} words")

    def dataclass_dump(document: object) -> str:
        return json.dumps(encode(document), ensure_ascii=False)

    adapter = pydantic.TypeAdapter(list[records.Document])
    structs, models = msgspec_types(), pydantic_types()
    forms: dict[str, tuple[Callable[[], list[object]], Callable[[object], bytes | str]]] = {
        "dataclasses + storyline's encoder": (lambda: list(adapter.validate_python(as_json)), dataclass_dump),
        "msgspec Structs": (
            lambda: list(msgspec.convert(as_json, list[structs[records.Document]])),  # type: ignore[valid-type]
            msgspec.json.encode,
        ),
        "pydantic v2 models": (
            lambda: [models[records.Document].model_validate(d) for d in as_json],
            lambda m: m.model_dump_json(exclude_unset=True),  # type: ignore[attr-defined]
        ),
    }
    print(f"{'form':<36} {'encode s':>9} {'records MB':>11}  same JSON")
    for name, (build, dump) in forms.items():
        seconds, held, built = _measure(build, dump)
        same = all(json.loads(dump(b)) == j for b, j in zip(built, as_json, strict=True))
        print(f"{name:<36} {seconds:>9.3f} {held / 1e6:>11.1f}  {same}")


if __name__ == "__main__":
    main()
