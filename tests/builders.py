"""Records built by hand for tests: the fields a test cares about, placeholders for the rest."""

from __future__ import annotations

from storyline.document.records import Actor, CharSpan, Event, TextSpan


def event(
    cameo: str,
    plover: str | None = None,
    source: Actor | None = None,
    target: Actor | None = None,
    *,
    modality: str = "asserted",
    confidence: float = 0.5,
    trigger: TextSpan | None = None,
    derived: str | None = None,
) -> Event:
    """An event of ``cameo`` with the given actors (``source_actor`` / ``target_actor``)."""
    return Event(
        cameo=cameo,
        root=cameo[:2],
        quad_class=1,
        goldstein=0.0,
        plover=plover,
        source=None,
        target=None,
        source_actor=source,
        target_actor=target,
        modality=modality,
        reported_by=None,
        date=None,
        location=None,
        evidence=CharSpan(0, 0),
        confidence=confidence,
        trigger=trigger or TextSpan("", 0, 0),
        derived=derived,
    )
