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

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Token

from storyline.document.records import Entity, Mention
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.roles import title_mentions
from storyline.knowledge.speech import SPEECH_VERBS
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
    """Add he/him/his/she/her mentions to the person they confidently refer to, of those the
    pronoun agrees with (:func:`_genders`): a person the text calls "he" is never "she", and the
    other way round; the pronoun goes to the last subject it agrees with, or to no one."""
    people = [e for e in entities if e.type == "PERSON"]
    owner = token_owners(doc, people)  # where names of people stand
    pronouns = list(free_pronouns(doc, _PRONOUNS, owner))
    # who each pronoun would join with no regard to gender
    first = {token.i: _referent(token, owner, quoted, lambda _: True) for token, quoted in pronouns}
    gender = _genders(people, doc, [(token, first[token.i]) for token, _ in pronouns])
    for token, quoted in pronouns:
        said = _GENDER[token.lower_]

        def agrees(person: Entity, said: str = said) -> bool:
            return gender.get(id(person), said) == said

        person = first[token.i]
        if person is None or not agrees(person):  # (where it agrees, the choice is the same)
            person = _referent(token, owner, quoted, agrees)
        if person is not None:
            person.mentions.append(Mention(token.idx, token.idx + len(token), token.text, "PRON"))


def _referent(
    token: Token, owner: dict[int, Entity], quoted: list[bool], agrees: Callable[[Entity], bool]
) -> Entity | None:
    speaker = _speaker_of(token, owner)
    return speaker if speaker is not None and agrees(speaker) else _last_subject(token, owner, quoted, agrees)


def _genders(people: list[Entity], doc: Doc, joined: list[tuple[Token, Entity | None]]) -> dict[int, str]:
    """Each person's gender where the text tells it: an honorific ("Mr", "Dame"), else the
    pronouns ``joined`` to the person with no regard to gender: the one more of them say ("he"
    five times and a stray "she": he), the first on a tie."""
    votes: dict[int, Counter[str]] = {}
    for token, person in joined:
        if person is not None:
            votes.setdefault(id(person), Counter())[_GENDER[token.lower_]] += 1  # (a Counter keeps first-seen order)
    found = {}
    for person in people:
        if (told := _honorific_gender(person, doc)) is not None:
            found[id(person)] = told
        elif tally := votes.get(id(person)):
            found[id(person)] = tally.most_common(1)[0][0]
    return found


_GENDER = {p: "m" if p in ("he", "him", "his", "himself") else "f" for p in _PRONOUNS}
_HONORIFICS = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}


def _honorific_gender(person: Entity, doc: Doc) -> str | None:
    """ "Mr Makama", "Dame Louise Richardson": the gender an honorific before a mention gives."""
    text = doc.text
    for mention in person.mentions:
        before = text[max(0, mention.start - 6) : mention.start].split()
        word = before[-1].rstrip(".").lower() if before else ""
        if word in _HONORIFICS:
            return _HONORIFICS[word]
    return None


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


def _last_subject(
    token: Token, owner: dict[int, Entity], quoted: list[bool], agrees: Callable[[Entity], bool]
) -> Entity | None:
    """The last person who was a subject, outside quotes, before the pronoun (a few sentences
    of narration back: a sentence wholly inside a quotation is the speaker's, and not counted),
    of those the pronoun ``agrees`` with; for the subject of a speech verb ("She said: ..."),
    a main clause's subject before one in a clause below it ("Lacerda went into detail about
    how Maxwell recruited her victims. She said: ...": Lacerda)."""
    sentences = list(token.doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    window = [sentences[here]]
    for sentence in reversed(sentences[:here]):
        if len(window) > _LOOKBACK_SENTENCES:
            break
        if not all(quoted[t.idx] for t in sentence if t.is_alpha):
            window.append(sentence)
    apart = _own_subject(token, owner)
    speaking = token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS
    for sentence in window:
        candidates = [
            t
            for t in sentence
            if t.i < token.i
            and t.i in owner
            and not quoted[t.idx]
            and t.dep_ in ("nsubj", "nsubjpass")
            and agrees(owner[t.i])
            and owner[t.i] is not apart
        ]
        if candidates and speaking:  # who speaks next is likelier a main clause's subject
            main = {sentence.root.i, *(c.i for c in sentence.root.conjuncts)}
            candidates = [t for t in candidates if t.head.i in main] or candidates
        if candidates:
            return owner[candidates[-1].i]
    return None


def _own_subject(pronoun: Token, owner: dict[int, Entity]) -> Entity | None:
    """ "Epstein groomed her", "gave the money to him": the person an object pronoun cannot be,
    its own clause's subject (that would be "herself")."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return owner.get(subject.i) if subject is not None else None


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
