"""Events in photo captions: coded as the body's are, and marked with their caption's index.

"Zelensky visited the White House earlier this week" is often the only place a visit is told.
Each caption is parsed on its own; its names are matched to the body's entities ("Zelensky"
-> "Volodymyr Zelensky"), so that its events point at the same entity ids. A name the body
lacks keeps its actor and has no id. A caption tells what happened in the present tense, so
"after an air attack" under "gather" is no rule. As the document contract says, the offsets of a caption
event (evidence, trigger) index its caption's text; its date keeps the value, not a timex id,
since the caption's times are not in the document's list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.knowledge.cameo import Lexicon
from storyline.knowledge.countries import fold
from storyline.stages.s01_clean.clean import Caption
from storyline.stages.s04_entities import Entity
from storyline.stages.s09_time.timexes import find_timexes
from storyline.stages.s11_events.events import code_events
from storyline.stages.s11_events.modality import modality

__all__ = ["caption_events"]


def caption_events(
    nlp: Language,
    captions: Sequence[Caption],
    body: Sequence[Entity],
    entities_of: Callable[[Doc], list[Entity]],
    published: str | None,
    lexicon: Lexicon | None = None,
) -> list[dict[str, Any]]:
    """The events of every caption, each with ``caption`` set to its index; ``entities_of``
    finds a parsed caption's entities as the pipeline finds the body's."""
    out: list[dict[str, Any]] = []
    for index, caption in enumerate(captions):
        if not caption.text.strip():
            continue
        doc = nlp(caption.text)
        entities = entities_of(doc)
        same = {e.id: _body_entity(e, body) for e in entities}
        for event in code_events(doc, entities, find_timexes(doc, published), (), published, lexicon):
            event["caption"] = index
            for field in ("source", "target", "location"):
                entity = same.get(event[field] or "")
                event[field] = entity.id if entity else None
                if field != "location" and entity is not None and entity.actor:
                    event[f"{field}_actor"] = entity.actor  # the body may know more of who it is
            if event["date"]:
                event["date"] = {"timex": None, "value": event["date"]["value"]}
            trigger = doc.char_span(event["trigger"]["start"], event["trigger"]["end"])
            if event["modality"] == "hypothetical" and trigger is not None:
                event["modality"] = modality(trigger.root, narrated_present=True)  # captions tell in the present
            out.append(event)
    return out


def _body_entity(entity: Entity, body: Sequence[Entity]) -> Entity | None:
    """The body entity a caption's entity is: the same name, or a name among its mentions."""
    key = fold(entity.name)
    same = [e for e in body if fold(e.name) == key] or [
        e for e in body if any(fold(m.text) == key for m in e.mentions if m.label not in ("PRON", "TITLE"))
    ]
    return same[0] if same else None
