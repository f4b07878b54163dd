"""Records built by hand for tests: the fields a test cares about, placeholders for the rest."""

from __future__ import annotations

from storyline.document.article import Article
from storyline.document.records import (
    Actor,
    Caption,
    CharSpan,
    Document,
    Entity,
    Event,
    EventDate,
    Generator,
    Mention,
    Place,
    Quote,
    Removed,
    TextSpan,
    Timex,
)


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


def document() -> Document:
    """A document with every record of the contract and every optional field set somewhere:
    an actor and a place, a quote with and one without its parts, an event told in the text and
    one told in a caption (naming the first again), an integer Goldstein score (as a lexicon
    may give it)."""
    text = 'Russian troops shelled Kharkiv on Monday, Mayor Ihor Terekhov said. "We will rebuild," he told reporters.'
    caption = "Firefighters at a building shelled in Kharkiv."

    def at(words: str, within: str = text, nth: int = 0) -> TextSpan:
        start = -1
        for _ in range(nth + 1):
            start = within.index(words, start + 1)
        return TextSpan.of(within, start, start + len(words))

    def mention(words: str, nth: int = 0) -> Mention:
        span = at(words, nth=nth)
        return Mention(span.start, span.end, span.text)

    said, monday = at('"We will rebuild," he told reporters.'), at("Monday")
    first = at("Russian troops shelled Kharkiv on Monday, Mayor Ihor Terekhov said.")
    russia = Actor("RUSMIL", "RUS", None, "MIL", None, country_inferred=True)
    mayor = Actor("UKRGOV", "UKR", "Kharkiv city council", "GOV", "mayor")
    return Document(
        article=Article.create(
            text,
            url="https://news.example.org/kharkiv",
            title="Kharkiv shelled",
            published="2024-03-04",
            source="Example Wire",
            input_id="wire-1",
        ),
        text=text,
        captions=[Caption(caption, "Example Wire"), Caption("Smoke over the city.", None)],
        entities=[
            Entity(id="E1", name="Russian troops", type="NORP", actor=russia, mentions=[mention("Russian troops")]),
            Entity(
                id="E2",
                name="Kharkiv",
                type="GPE",
                place=Place(706483, 49.98, 36.25, "UKR", "city", name="Kharkiv"),
                mentions=[mention("Kharkiv")],
            ),
            Entity(id="E3", name="Ihor Terekhov", type="PERSON", actor=mayor, mentions=[mention("Ihor Terekhov")]),
        ],
        timexes=[Timex("T1", monday.text, monday.start, monday.end, "DATE", "2024-03-04")],
        quotes=[
            Quote(
                "Q1",
                said.text,
                said.start,
                said.end,
                "direct",
                "E3",
                at("he", nth=1),
                at("told"),
                at("We will rebuild,"),
            ),
            Quote("Q2", first.text, first.start, first.end, "indirect", None, None, None, None),
        ],
        events=[
            Event(
                id="V1",
                cameo="190",
                cameo_name="Use conventional military force",
                root="19",
                quad_class=4,
                goldstein=-10,
                plover="ASSAULT",
                source="E1",
                source_name="Russian troops",
                target="E2",
                target_name="Kharkiv",
                source_actor=russia,
                target_actor=None,
                modality="asserted",
                reported_by="E3",
                date=EventDate("T1", "2024-03-04"),
                location="E2",
                evidence=CharSpan(first.start, first.end),
                confidence=0.9,
                trigger=at("shelled"),
                coded="source",
            ),
            Event(
                id="V2",
                cameo="190",
                root="19",
                quad_class=4,
                goldstein=-10.0,
                plover=None,
                source=None,
                target="E2",
                source_actor=None,
                target_actor=None,
                modality="asserted",
                reported_by=None,
                date=None,
                location=None,
                evidence=CharSpan(0, len(caption)),
                caption=0,
                confidence=0.4,
                trigger=at("shelled", caption),
                derived="intent",
                source_inferred=True,
                refers_to="V1",
            ),
        ],
        boilerplate=[Removed("newsletter", "Sign up for our daily newsletter")],
        generator=Generator(model="en_core_web_sm 3.8.0"),
    )
