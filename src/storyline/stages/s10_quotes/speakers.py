"""Who a quote's speaker is: the entity the source's words name, and its name in words.

The source is the words that name the speaker at a cue ("Hayley Walsh, 42, a lecturer from
Nottingham"); the speaker is the entity of the mention that heads them, so "he", "the Ukrainian
President" and "Lavrov" resolve through the entity clusters. Where the head is no mention, the
nearest mention inside the source is taken, but only one that stands for the speaker:

- an apposition is read as the person it describes ("a lecturer from Nottingham" in "Hayley
  Walsh, 42, a lecturer ..." -> Walsh);
- a place or group in a prepositional phrase is an origin, an employer's seat or a recipient,
  never the speaker ("a lecturer from Nottingham", "the letter to Daniel Greenberg"), except
  the author of a document ("a statement from the airport", "a report by the ministry");
- a nationality, party or place as a modifier is a label ("the Republican governor", "Indian
  officials"), and so is a place in a dateline ("WELLINGTON, June 18 - Analysts said").

A speaker resolved to no entity keeps the words that describe it ("a source close to the
talks", "Indian officials"): an anonymous source is a finding of its own, never a nearby
name. A definite description whose head word a named organisation's name holds ("the
institute" after "Mexico's National Statistics Institute") is that organisation, the latest
one named before it. A pronoun no entity claimed names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from storyline.document.records import Entity, TextSpan
from storyline.knowledge.word_classes import word_class
from storyline.parse.datelines import in_dateline
from storyline.parse.owners import own_mentions

__all__ = ["Speakers"]

_NAMELESS = frozenset(  # words that name no one by themselves: pronouns, possessive ones too
    """i me my we us our you your he him his she her it its they them their who whom whose that which this
    these those one someone""".split()
)
_LABELS = frozenset({"NORP", "GPE", "LOC", "FAC"})  # a label as a modifier, an origin in a phrase
_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod"})
# What a body writes; "from" and "by" under one name its author
_DOCUMENTS = frozenset(
    "statement report letter release memo email note filing message post study survey analysis document".split()
)
_AUTHOR = frozenset({"from", "by"})
# The speakers a pronoun source may go on with
_AGREES = {
    "he": {"PERSON"},
    "she": {"PERSON"},
    "it": {"ORG", "GPE"},
    "they": {"ORG", "GPE", "NORP"},
    "person": {"PERSON"},
    "body": {"ORG", "GPE"},
}
_AGE = re.compile(r"the \d+-year-old")  # "the 42-year-old": a person
_DESCRIBED = frozenset({"ORG"})  # what "the institute", "the ministry" may stand for
_PARAGRAPHS_BACK = 2  # how far back the organisation a description stands for may be named


class Speakers:
    """The speaker entities of an article's quote sources."""

    def __init__(self, text: str, entities: Iterable[Entity]) -> None:
        self._text = text
        self._entities = list(entities)
        self._by_id = {e.id: e for e in self._entities}
        self._owner: dict[int, Entity] = {}  # character offset -> the entity of the mention there
        for entity in self._entities:
            for m in own_mentions(entity):
                for i in range(m.start, m.end):
                    self._owner.setdefault(i, entity)

    def entity(self, token: Token, source: tuple[int, int]) -> str | None:
        """The id of the entity a source names: ``token`` its head word, ``source`` its
        characters; None where it names none."""
        if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
            token = token.head.head
            source = (token.idx, token.idx + len(token))
        if token.dep_ == "appos" and self._at(token) is None and self._at(token.head) is not None:
            token = token.head
        found = self._at(token)
        if found is not None and (found.type in _LABELS and token.dep_ in _MODIFIERS):
            found = None
        # a person set off at the source's edge is who speaks, before the body they speak for
        # ("Chartered Professional Accountants of Canada's chief economist, David-Alexandre Brassard")
        set_off = self._set_off(source) if found is None or found.type != "PERSON" else None
        if set_off is not None:
            return set_off.id
        if found is not None:
            return found.id
        inside = [t for t in token.subtree if source[0] <= t.idx < source[1] and t.i != token.i]
        # "Gary Johnson's doctor", "the GOP candidate": a person's possessor or label is not them
        a_person = word_class(token.lemma_.lower(), "speaker") == "person"
        for t in reversed(inside):
            found = self._at(t)
            if found is None or (a_person and _modifies(t, token) and (found.type == "PERSON" or t.dep_ != "poss")):
                continue  # a country's or a body's minister speaks for it: "Indonesia's transport minister"
            if _stands_for_speaker(t, token, found):
                return found.id
        return self._described(token)

    def name(self, speaker: str | None, source: TextSpan | None) -> str | None:
        """The speaker entity's name, else the source's own description, else None."""
        if speaker is not None and speaker in self._by_id:
            entity = self._by_id[speaker]
            if source is not None and _possessor_only(entity, source):
                return " ".join(source.text.strip(" ,").split())  # "Indonesia's transport minister"
            return entity.name
        if source is None:
            return None
        words = source.text.strip(" ,;:—–-\"'“”‘’()").split()
        if not words or " ".join(words).lower() in _NAMELESS:
            return None
        return " ".join(words)

    def carry(
        self, doc: Doc, said: list[tuple[tuple[int, int], tuple[int, int] | None, str | None, str]]
    ) -> list[str | None]:
        """Each quote's speaker, a source left unresolved that points back ("he", "it",
        "they"; "the victim", "the ministry", "the statement") taking the speaker of the speech
        quoted last: in news a "he said" or "the official said" with no one else quoted
        between goes on with the last speaker. ``said`` is each quote's content, source,
        speaker and act, in text order. The last speaker must agree (a person for "he", "she"
        and a person noun, of the gender the text calls them; an organisation or a country for
        "it" and other nouns; a body or a group for "they") and be quoted in the same paragraph
        or the one before; after a quote whose speaker is unknown ("a source said") nothing is
        carried."""
        out: list[str | None] = []
        last: tuple[int, str | None] | None = None  # where the last speech quoted ended, and whose
        for content, source, speaker, act in said:
            open_ = speaker is None or (source is not None and self._reached_back(speaker, source, last))
            if open_ and source is not None and last is not None and last[1] is not None:
                kinds = self._points_back(doc, source)
                entity = self._by_id.get(last[1])
                near = self._text.count("\n\n", last[0], content[0]) <= 1
                if kinds and entity is not None and near and self._agrees(kinds, entity):
                    speaker = entity.id
            out.append(speaker)
            if act == "speech":
                last = (content[1], speaker)
        return out

    def _reached_back(self, speaker: str, source: tuple[int, int], last: tuple[int, str | None] | None) -> bool:
        """Whether a pronoun source was joined to someone named only before the last quote
        ("“...,” Lacerda said. ... She added:" joined to Maxwell, named before it): the last
        speaker is then the likelier one. Someone named between the last quote and the pronoun
        keeps it ("“...,” Moeketsi said. Chief Hlajoane denied it. He said ...")."""
        words = self._text[source[0] : source[1]].strip().lower()
        entity = self._by_id.get(speaker)
        if words not in ("he", "she") or entity is None or last is None or last[1] in (None, speaker):
            return False
        return not any(last[0] <= m.start < source[0] for m in entity.mentions if m.label != "PRON")

    def _points_back(self, doc: Doc, source: tuple[int, int]) -> str | None:
        """What an unresolved source that points back is: a pronoun's own word, "person" for
        a definite description of a person ("the victim", "the 42-year-old"), "body" for one
        of anything else ("the ministry", "the statement"); None for a source that names."""
        words = self._text[source[0] : source[1]].strip().lower()
        if words in _AGREES:
            return words
        if _AGE.fullmatch(words):
            return "person"
        span = doc.char_span(*source, alignment_mode="expand")
        if span is None or span[0].lower_ != "the" or span.root.tag_ != "NN":
            return None
        kind = word_class(span.root.lemma_.lower(), "speaker")
        return None if kind is None else kind

    def _agrees(self, pronoun: str, entity: Entity) -> bool:
        if entity.type not in _AGREES[pronoun]:
            return False
        if pronoun in ("he", "she"):
            told = {m.text.lower() for m in entity.mentions if m.label == "PRON"} & {"he", "him", "his", "she", "her"}
            other = {"she", "her"} if pronoun == "he" else {"he", "him", "his"}
            return not told & other
        return True

    def _set_off(self, source: tuple[int, int]) -> Entity | None:
        """A person named at the edge of the source and set off from the rest by a comma, as
        news writes an apposition ("Dr Atilla Kisla, the cluster lead for ...", "Bank of
        Montreal's macro strategist, Benjamin Reitzes,")."""
        text = self._text
        start, end = source
        words = text[start:end].strip(" ,")
        start = text.index(words, start) if words else start
        end = start + len(words)
        for entity in self._entities:
            if entity.type != "PERSON":
                continue
            for m in own_mentions(entity):
                first = m.start == start and text[m.end : end].lstrip().startswith(",")
                last = m.end == end and text[start : m.start].rstrip().endswith(",")
                if first or last:
                    return entity
        return None

    def _at(self, token: Token) -> Entity | None:
        return None if in_dateline(token) else self._owner.get(token.idx)

    def _described(self, head: Token) -> str | None:
        """ "the institute": the latest organisation named before it whose name holds the word."""
        if head.pos_ != "NOUN" or head.tag_ != "NN" or not any(c.lower_ == "the" for c in head.children):
            return None
        word = head.lower_
        latest = None
        for entity in self._entities:
            if entity.type not in _DESCRIBED or word not in entity.name.lower().split():
                continue
            before = [
                m.start for m in own_mentions(entity) if m.start < head.idx and _near(self._text, m.start, head.idx)
            ]
            if before and (latest is None or max(before) > latest[0]):
                latest = (max(before), entity.id)
        return latest[1] if latest else None


def _possessor_only(entity: Entity, source: TextSpan) -> bool:
    """Whether the entity is named in the source only as the possessor of its head ("Indonesia"
    in "Indonesia's transport minister"), so that the words say more than the name."""
    inside = [m for m in entity.mentions if source.start <= m.start and m.end <= source.end]
    return bool(inside) and all(
        source.text[m.end - source.start : m.end - source.start + 2] in ("'s", "’s") for m in inside
    )


def _modifies(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs on ``head`` as a possessor or a modifier (through a name's own
    words: "Gary" in "Gary Johnson's")."""
    while token.i != head.i and token.head.i != token.i:
        if token.head.i == head.i:
            return token.dep_ in ("poss", *_MODIFIERS)
        token = token.head
    return False


def _near(text: str, start: int, end: int) -> bool:
    """Whether ``end`` is in the paragraph of ``start`` or the next two."""
    return text.count("\n\n", start, end) <= _PARAGRAPHS_BACK


def _stands_for_speaker(token: Token, head: Token, entity: Entity) -> bool:
    """Whether a mention inside the source, below its ``head``, may be the speaker: not in a
    prepositional phrase (an origin, an employer's seat, a recipient) unless it names a
    document's author, and not a label modifying a noun."""
    if entity.type in _LABELS and token.dep_ in _MODIFIERS:
        return False
    t = token
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ == "prep" and not (t.lower_ in _AUTHOR and t.head.lemma_.lower() in _DOCUMENTS):
            return False
        if t.dep_ in ("npadvmod", "relcl", "acl"):
            return False
        t = t.head
    return True
