"""A human-readable summary of documents, for a terminal (``storyline show``).

Per document: its header, the entities by type, then who did what to whom (one line per
event: date, source -> target, CAMEO code and name, modality, place; its sentence beneath) and
who said what (one line per quote). Documents written before events carried ``source_name``,
``target_name`` and ``cameo_name`` are read too: the names come from the entity table and the
codebook instead.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from storyline.document.encode import JSON, JSONObject
from storyline.errors import InputNotFound, InvalidArgument, UnknownCode
from storyline.knowledge.cameo import lexicon

__all__ = ["load_documents", "read_documents", "summarise"]

SENTENCE_WIDTH = 160  # an evidence sentence or a quote is cut to about this many characters
_NAMES_PER_TYPE = 5  # the most-mentioned entities listed per type; the rest are counted


def load_documents(path: Path) -> Iterator[JSONObject]:
    """Documents from a JSON file (one document) or a JSON Lines file (one per line); ``-``
    reads standard input."""
    if str(path) == "-":
        yield from read_documents(sys.stdin.buffer.read().decode("utf-8", errors="replace"), "<stdin>")
        return
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as err:
        raise InputNotFound(f"{path}: cannot read it ({err.strerror or err})") from err
    yield from read_documents(text, str(path))


def read_documents(text: str, where: str) -> Iterator[JSONObject]:
    """The documents in ``text``: one JSON document, or JSON Lines of them. ``where`` names the
    input in errors."""
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if whole is not None:
        yield _document(whole, where)
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise InvalidArgument(
                f"{where}:{n}: not a storyline document ({err.msg}); "
                "give the JSON or JSON Lines that 'storyline process' writes"
            ) from None
        yield _document(doc, f"{where}:{n}")


def _document(value: JSON, where: str) -> JSONObject:
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise InvalidArgument(
            f"{where}: not a storyline document (a JSON object with a 'text'); "
            "give the JSON or JSON Lines that 'storyline process' writes"
        )
    return value


def summarise(doc: JSONObject) -> str:
    """The document as lines to read: header, entities, captions, events, quotes."""
    article = doc.get("article") or {}
    text = doc["text"]
    entities = doc.get("entities") or []
    names = {e["id"]: e["name"] for e in entities}
    lines = [
        f"== {article.get('title') or _cut(text, 60)}",
        f"   id {article.get('id')}  published {article.get('published') or '-'}  "
        f"source {article.get('source') or '-'}  {len(text.split())} words",
    ]
    lines += _entity_lines(entities)
    captions = doc.get("captions") or []
    for caption in captions:
        credit = f"  [credit: {caption['credit']}]" if caption.get("credit") else ""
        lines.append(f"   caption  {caption['text']}{credit}")
    for removed in doc.get("boilerplate") or []:
        lines.append(f"   removed  ({removed['rule']}) {removed['text'][:90]}")
    if doc.get("timexes"):
        lines.append(f"   timexes  {len(doc['timexes'])}")
    events = doc.get("events") or []
    if events:
        lines.append(f"   events   {len(events)}")
    for event in events:
        told_in = text if event.get("caption") is None else captions[event["caption"]]["text"]
        evidence = event["evidence"]
        lines.append("   " + _event_line(event, names))
        lines.append("        " + _cut(told_in[evidence["start"] : evidence["end"]], SENTENCE_WIDTH))
    quotes = doc.get("quotes") or []
    if quotes:
        lines.append(f"   quotes   {len(quotes)}")
    for quote in quotes:
        named = names.get(quote["speaker"], quote["speaker"]) if quote.get("speaker") else "unattributed"
        speaker = quote.get("speaker_name") or named
        said = (quote.get("content") or quote)["text"]
        act = f", {quote['act']}" if quote.get("act", "speech") != "speech" else ""
        lines.append(f"   {quote['id']:<3}  {speaker} [{quote['kind']}{act}]: {_cut(said, SENTENCE_WIDTH)}")
    return "\n".join(lines)


def _entity_lines(entities: list[JSONObject]) -> list[str]:
    """One line per entity type: the most-mentioned names first, the rest counted."""
    by_type: dict[str, list[JSONObject]] = defaultdict(list)
    for entity in entities:
        by_type[entity["type"]].append(entity)
    lines = []
    for kind in sorted(by_type):
        ranked = sorted(by_type[kind], key=lambda e: -len(e["mentions"]))  # stable: ties keep text order
        shown = [f"{e['name']} ×{len(e['mentions'])}" for e in ranked[:_NAMES_PER_TYPE]]
        more = f", +{len(ranked) - _NAMES_PER_TYPE} more" if len(ranked) > _NAMES_PER_TYPE else ""
        lines.append(f"   {kind:<8} " + ", ".join(shown) + more)
    return lines


def _event_line(event: JSONObject, names: dict[str, str]) -> str:
    """ "V3  2025-08-22  Russia (RUS) -> Ukraine (UKR)  190 Use conventional military force
    [asserted]  in Bryansk"."""
    date = (event.get("date") or {}).get("value") or "-"
    source = _actor(event, "source", names) or "?"  # a doer no one could code
    target = _actor(event, "target", names) or "-"  # an act on no one named
    notes = [event["modality"]]
    if event.get("source_inferred"):
        notes.append("source inferred")
    if event.get("derived"):
        notes.append(event["derived"])
    code = f"{event['cameo']} {_cameo_name(event)}".rstrip()
    line = f"{event['id']:<3}  {date}  {source} -> {target}  {code}  [{', '.join(notes)}]"
    if event.get("location"):
        line += f"  in {names.get(event['location'], event['location'])}"
    if event.get("reported_by"):
        line += f"  (reported by {names.get(event['reported_by'], event['reported_by'])})"
    if len(event.get("mentions") or ()) > 1:
        line += f"  (told {len(event['mentions'])} times)"
    if event.get("refers_to"):  # a document written before events listed their mentions
        line += f"  (= {event['refers_to']})"
    if event.get("caption") is not None:
        line += f"  (caption {event['caption'] + 1})"
    return line


def _actor(event: JSONObject, role: str, names: dict[str, str]) -> str:
    """ "Russia (RUS)": the source's or target's name and actor code; "" for none."""
    entity, actor = event.get(role), event.get(f"{role}_actor")
    name = event.get(f"{role}_name") or (names.get(entity, entity) if entity else None)
    code = actor.get("code") if actor else None
    if name and code:
        return f"{name} ({code})"
    return name or code or ""


def _cameo_name(event: JSONObject) -> str:
    """The code's name: the event's own, else (an older document) the shipped codebook's."""
    if event.get("cameo_name"):
        return str(event["cameo_name"])
    try:
        return lexicon().code(event["cameo"]).name
    except UnknownCode:
        return ""  # a code a user lexicon declared: its name is not known here


def _cut(text: str, width: int) -> str:
    """``text`` on one line, whitespace collapsed, cut at a word to about ``width`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
