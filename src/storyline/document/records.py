"""The records a document carries, and the document itself (schema ``storyline.document/1``).

Field names are fixed by the contract in DESIGN.md; fields may be added, never renamed. All
offsets are Python ``str`` indices into ``text``, end exclusive (a caption's event: into its
caption's text). Each record's fields are its JSON object's keys, in order (:mod:`.encode`
writes them, :mod:`.decode` reads them back), except the fields marked :func:`internal`, which
the stages use and the contract leaves out, and those marked :func:`omitted_if_none`, which
appear only when set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from storyline._version import __version__
from storyline.document.article import Article
from storyline.document.decode import decode
from storyline.document.encode import JSON, JSONObject, encode, internal, omitted_if_none

__all__ = [
    "SCHEMA_ID",
    "Actor",
    "Caption",
    "CharSpan",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "EventMention",
    "Generator",
    "Mention",
    "Place",
    "Quote",
    "Removed",
    "TextSpan",
    "Timex",
]

SCHEMA_ID = "storyline.document/1"


@dataclass(slots=True)
class CharSpan:
    start: int
    end: int


@dataclass(slots=True)
class TextSpan:
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextSpan:
        """The span of ``text[start:end]``."""
        return cls(text[start:end], start, end)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str = internal("")  # the model's label, or the kind of mention ("PRON", "TITLE")


# The label of a place's mention inside a longer name, or outside any name the model tagged
# ("Toronto" in "the Toronto Police Services Board"): it says where the place is named, and the
# stages that find who acts read past it (:func:`storyline.parse.owners.own_mentions`).
WITHIN = "WITHIN"


@dataclass(slots=True)
class Actor:
    """Who an entity is, coded: CAMEO-style ``code``, its country (ISO alpha-3), organisation,
    sector and role."""

    code: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str | None = None
    country_inferred: bool | None = omitted_if_none()  # the country taken from the article's own


@dataclass(slots=True, frozen=True)
class Place:
    """Where a place entity is (a GeoNames record of the gazetteer)."""

    geonameid: int | None
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3, "" for a continent
    kind: str  # "continent", "country", "region" (first-level), "district" (second-level), "city"
    name: str = internal("")
    population: int = internal(0)
    admin1: str = internal("")  # GeoNames first-level code ("US.TX") of a region, district or city


@dataclass(slots=True, kw_only=True)
class Entity:
    id: str
    name: str
    type: str
    actor: Actor | None = None
    place: Place | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Timex:
    id: str
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str  # direct, mixed or indirect
    speaker: str | None  # an entity id
    source: TextSpan | None
    cue: TextSpan | None
    content: TextSpan | None
    # who, in words: the speaker entity's name, else the source's own description ("a source
    # close to the talks"); absent where neither is known (an unresolved pronoun)
    speaker_name: str | None = omitted_if_none()
    # what the cue reports: "speech" (said or written), "belief" ("considers", "believes") or
    # "perception" ("heard", "saw"); only speech is who said what
    act: str = "speech"


@dataclass(slots=True)
class EventDate:
    timex: str | None  # the timex it comes from (None: the publication date, or a caption's time)
    value: str
    # how it was set: clause, sentence, dateline, earlier ("at the time"), incident, published, caption
    basis: str | None = omitted_if_none()
    precision: str | None = omitted_if_none()  # day, week, month, quarter, season, year, decade


@dataclass(slots=True)
class EventMention:
    """One telling of an event in its article: the word and the sentence."""

    trigger: TextSpan
    evidence: CharSpan
    caption: int | None = None


@dataclass(slots=True, kw_only=True)
class Event:
    id: str = ""  # numbered once the document's events are all found
    cameo: str
    cameo_name: str | None = omitted_if_none()  # the codebook's name of the code, "Make statement"
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    source: str | None  # an entity id
    source_name: str | None = omitted_if_none()  # that entity's name, beside its id
    target: str | None  # an entity id
    target_name: str | None = omitted_if_none()  # that entity's name
    source_actor: Actor | None
    target_actor: Actor | None
    modality: str
    reported_by: str | None
    date: EventDate | None
    location: str | None  # a place entity's id
    location_basis: str | None = omitted_if_none()  # how it was found: "clause" or "dateline"
    location_precision: str | None = omitted_if_none()  # the place's kind: continent ... city
    evidence: CharSpan
    caption: int | None = None  # the index of the caption it was told in
    confidence: float
    trigger: TextSpan
    coded: str = "none"  # which of its actors are coded: "both", "source", "target" or "none"
    derived: str | None = omitted_if_none()  # "intent": an actor's own announced act
    source_inferred: bool | None = omitted_if_none()  # the source is read off the context, not the sentence
    refers_to: str | None = omitted_if_none()  # "the attack": the id of the event told before that it names again
    # every telling of this one incident in the article, in text order (its own trigger and
    # evidence are the first); empty in documents written before it was added
    mentions: list[EventMention] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Caption:
    text: str
    credit: str | None
    rule: str = internal("")  # the cleaning rule that found it


@dataclass(slots=True, frozen=True)
class Removed:
    """A line moved out of the body: which rule took it, and the line as read."""

    rule: str
    text: str


@dataclass(slots=True, frozen=True)
class Generator:
    name: str = "storyline"
    version: str = __version__
    model: str = ""  # the spaCy model and version


@dataclass(slots=True, kw_only=True)
class Document:
    schema: str = SCHEMA_ID
    article: Article
    text: str
    reference: str | None = omitted_if_none()  # the day relative dates were read against, where not the publication day
    captions: list[Caption] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    boilerplate: list[Removed] = field(default_factory=list)  # lines taken out of the body
    generator: Generator = field(default_factory=Generator)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_dict(self) -> JSONObject:
        """The document as the contract's JSON object."""
        encoded: JSONObject = encode(self)
        return encoded

    @classmethod
    def from_dict(cls, data: JSON) -> Document:
        """The document a contract's JSON object holds (``to_dict`` undone: the same object
        again); :class:`~storyline.errors.SchemaViolation` where a key does not fit its record."""
        return decode(cls, data)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(encode(self), ensure_ascii=False, indent=indent)
