"""A human-readable summary of documents, for a terminal (``storyline show``)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from storyline.document.encode import JSONObject
from storyline.errors import InputNotFound, InvalidArgument

__all__ = ["load_documents", "summarise"]


def load_documents(path: Path) -> Iterator[JSONObject]:
    """Documents from a JSON file (one document) or a JSON Lines file (one per line)."""
    try:
        text = path.read_text("utf-8")
    except OSError as err:
        raise InputNotFound(f"{path}: cannot read it ({err.strerror or err})") from err
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        yield whole
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise InvalidArgument(f"{path}:{n}: not a storyline document ({err.msg})") from None
        if isinstance(doc, dict) and "text" in doc:
            yield doc


def summarise(doc: JSONObject) -> str:
    article = doc.get("article") or {}
    text = doc.get("text") or ""
    lines = [
        f"== {article.get('title') or text[:60].strip() + '...'}",
        f"   id {article.get('id')}  published {article.get('published') or '-'}  "
        f"source {article.get('source') or '-'}  {len(text.split())} words",
    ]
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity in doc.get("entities") or []:
        by_type[entity["type"]].append(f"{entity['name']} ×{len(entity['mentions'])}")
    for kind in sorted(by_type):
        lines.append(f"   {kind:<8} " + ", ".join(by_type[kind]))
    for caption in doc.get("captions") or []:
        credit = f"  [credit: {caption['credit']}]" if caption.get("credit") else ""
        lines.append(f"   caption  {caption['text']}{credit}")
    for removed in doc.get("boilerplate") or []:
        lines.append(f"   removed  ({removed['rule']}) {removed['text'][:90]}")
    for key in ("timexes", "quotes", "events"):
        if doc.get(key):
            lines.append(f"   {key:<8} {len(doc[key])}")
    return "\n".join(lines)
