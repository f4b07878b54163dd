"""Mentions that do not name: titles ("the Ukrainian President") and pronouns ("he", "him").

Rules, not a model (no spaCy 3 coreference component works offline). Each rule joins a mention
to a person only where it is confident, and leaves it out otherwise:

- a title joins the one person whose office it names ("the Ukrainian President" -> the person
  coded UKR / president), the latest one mentioned before it if several;
- a pronoun inside what someone is reported to say ("Trump said that he would ...") is the
  speaker: the subject of the speech verb it depends on;
- otherwise a pronoun is the last person who was a grammatical subject, outside quotation
  marks, in its own sentence before it or in the two sentences before that.

"They" is joined to groups by the agents stage, once the unnamed groups ("the police") are
entities.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.document.records import Entity, Mention
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.roles import title_mentions
from storyline.parse.owners import token_owners
from storyline.parse.pronouns import free_pronouns, speaker_subject
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "link_pronouns", "link_titles"]

_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_LOOKBACK_SENTENCES = 2


def link_titles(entities: list[Entity], text: str, dictionary: ActorDictionary) -> None:
    """Add title mentions to the person whose office they name."""
    people = [e for e in entities if e.type == "PERSON" and e.actor]
    taken = {(m.start, m.end) for e in entities for m in e.mentions}
    for title in title_mentions(text, dictionary):
        if (title.start, title.end) in taken:
            continue
        matches = [
            p
            for p in people
            if p.actor
            and p.actor.role == title.role
            and (title.country is None or p.actor.country == title.country)
            and (title.org is None or p.actor.org == title.org)
        ]
        if not matches:
            continue
        best = max(matches, key=lambda p: max((m.start for m in p.mentions if m.start < title.start), default=-1))
        best.mentions.append(Mention(title.start, title.end, text[title.start : title.end], "TITLE"))


def link_pronouns(entities: list[Entity], doc: Doc) -> None:
    """Add he/him/his/she/her mentions to the person they confidently refer to."""
    owner = token_owners(doc, [e for e in entities if e.type == "PERSON"])  # where names of people stand
    for token, quoted in free_pronouns(doc, _PRONOUNS, owner):
        person = _speaker_of(token, owner) or _last_subject(token, owner, quoted)
        if person is not None:
            person.mentions.append(Mention(token.idx, token.idx + len(token), token.text, "PRON"))


def _speaker_of(token: Token, owner: dict[int, Entity]) -> Entity | None:
    """In "X said (that) ... he ...", the subject of the speech verb, where it is a person."""
    subject = speaker_subject(token)
    return _person_at(subject, owner) if subject is not None else None


def _person_at(token: Token, owner: dict[int, Entity]) -> Entity | None:
    if token.i in owner:
        return owner[token.i]
    if token.lower_ in ("who", "whom") and token.head.dep_ == "relcl":  # "Trump, who once claimed he ..."
        return owner.get(token.head.head.i)
    return None


def _last_subject(token: Token, owner: dict[int, Entity], quoted: list[bool]) -> Entity | None:
    """The last person who was a subject, outside quotes, before the pronoun (a few sentences back)."""
    sentences = list(token.doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    for sentence in reversed(sentences[max(0, here - _LOOKBACK_SENTENCES) : here + 1]):
        candidates = [
            t
            for t in sentence
            if t.i < token.i and t.i in owner and not quoted[t.idx] and t.dep_ in ("nsubj", "nsubjpass")
        ]
        if candidates:
            return owner[candidates[-1].i]
    return None


def _coref(work: Work, config: Config) -> None:
    link_titles(work.entities, work.text, config.dictionary)
    link_pronouns(work.entities, work.parsed)


STAGE = Stage(
    "coref",
    _coref,
    requires=("doc", "entities.actor"),
    assigns=("entities.mentions",),
    about='title and pronoun mentions joined to the people they name ("the foreign minister", "he")',
)
