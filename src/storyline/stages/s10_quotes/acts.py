"""What a cue reports: speech, a belief, a perception, or an act that is no report at all.

A quote tagger trained on PolNeAR marks every attribution PolNeAR marks: what someone said or
wrote, but also what they believe ("Beijing considers Taiwan part of its territory"), what they
saw or heard ("AP reporters heard explosions"), and now and then what they did ("signed an
order", "will bring forward legislation"). Who said what must hold speech alone, so each cue is
read for its act:

- the cue's head is its main verb, followed down through "to" ("continues to expect" ->
  expect, "had to say" -> say), or its noun where it has no verb ("recollection of");
- the head's lemma is classed by :func:`~storyline.knowledge.word_classes.word_class` (the
  "report" question): prototype verbs of speech, belief, perception and acts, and for any
  other word the class of its nearest prototypes in the md model's vectors. A word with no
  vector is taken for speech, as the cue frames take it.

Beliefs and perceptions stay as records of their own kind; an act yields no record, unless
its content is a clause of its own ("ordered that the banks ...": a directive, told). Nor does
a question put to the speaker ("Asked whether he would go on, ...": the reporters' words), or
an attribution whose content is no clause and no quotation: a wh-word ("Here's what the polls
say"), a particle or a determiner alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.knowledge.word_classes import PROTOTYPES, word_class

__all__ = ["ACTS", "Reading", "read"]

ACTS = ("speech", "belief", "perception")  # the acts a quote record may report; "act" is none
_CONTENT_WORDS = ("VERB", "NOUN")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TELLING = frozenset("tell inform ask brief notify warn advise urge assure instruct remind".split())
_BARE = frozenset(
    "what which who whom whose how why where when that this these those to so there here exactly about the a an".split()
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one attribution's cue and content say of it."""

    act: str  # speech, belief, perception, or act (no record)
    bare: bool  # the content is no clause and no quotation: no record
    told_to: bool  # a verb of telling in the passive: its subject heard it
    said_outright: bool  # the cue's head is a written verb of speech, not one the vectors liken to them


def read(doc: Doc, cue: tuple[int, int] | None, content: tuple[int, int]) -> Reading:
    """The cue at these characters, read once (:class:`Reading`)."""
    head = _cue_head(doc, cue) if cue is not None else None
    return Reading(_act(doc, head, content), _bare(doc, content, head), _told_to(head), _said_outright(head))


def _act(doc: Doc, head: Token | None, content: tuple[int, int]) -> str:
    """Speech, belief, perception or act. A record with no cue (a quotation signed with a
    dash, a paragraph's label, a continued quotation) is speech, and so is an act whose content
    is a clause of its own ("ordered that the banks ...": a directive, told)."""
    if head is None:
        return "speech"
    if head.lemma_.lower() == "ask" and _put_to(head):
        return "act"  # "Asked whether he would go on, the minister said ...": the reporters' question
    act = word_class(head.lemma_.lower(), "report") or "speech"
    return "speech" if act == "act" and _clause(doc, content, head) else act


def _said_outright(head: Token | None) -> bool:
    """ "said", "was announced", "is alleged": what a record with no source and no quotation
    must have to be speech ("It is unclear whether ...", "Highlighting ...": not)."""
    return head is not None and head.lemma_.lower() in PROTOTYPES["report"]["speech"]


def _told_to(head: Token | None) -> bool:
    """ "The Indian diplomat was told that ...", "Reporters were informed": a verb of telling in
    the passive, whose subject is who heard it, never who said it."""
    return (
        head is not None
        and head.lemma_.lower() in _TELLING
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    )


def _bare(doc: Doc, content: tuple[int, int], head: Token | None) -> bool:
    """Only wh-words, particles and determiners, or the cue's own wh-object before it ("what
    economists had to say about ...")."""
    words = [t for t in _tokens(doc, content) if any(ch.isalnum() for ch in t.text)]
    if words and all(t.lower_ in _BARE for t in words):
        return True
    asked = head is not None and any(
        c.tag_ in ("WP", "WDT") and c.i < head.i and c.dep_ in ("dobj", "ccomp") for c in head.children
    )
    if head is None or not asked:
        return False
    # "what officials called the presence ...": the content is still the cue's own complement
    return not any(t.head.i == head.i and t.dep_ in ("oprd", "dobj", "ccomp", "xcomp") for t in words)


def _put_to(verb: Token) -> bool:
    """ "Asked whether ...", "When asked about ...": a participle clause with no subject of its
    own, whose question someone else put."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "ccomp", "xcomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _clause(doc: Doc, content: tuple[int, int], head: Token) -> bool:
    """Whether the content is the cue's own complement and a finite clause with a subject of
    its own ("ordered that the banks decouple"; not "requires a power to agree")."""
    tokens = _tokens(doc, content)
    inside = {t.i for t in tokens}
    verbs = [t for t in tokens if t.head.i == head.i and t.dep_ in ("ccomp", "parataxis")]
    return any(
        any(c.dep_ in ("nsubj", "nsubjpass") and c.i in inside for c in verb.children)
        and (verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children))
        for verb in verbs
    )


def _cue_head(doc: Doc, cue: tuple[int, int]) -> Token | None:
    tokens = _tokens(doc, cue)
    if any(t.lower_ == "according" for t in tokens):
        return None
    for pos in _CONTENT_WORDS:
        words = [t for t in tokens if t.pos_ == pos and t.dep_ not in ("aux", "auxpass")]
        if words:
            inside = {t.i for t in words}
            head = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
            while (down := next((c for c in head.children if c.dep_ == "xcomp" and c.i in inside), None)) is not None:
                head = down
            return head
    return None


def _tokens(doc: Doc, chars: tuple[int, int]) -> list[Token]:
    span = doc.char_span(*chars, alignment_mode="expand")
    return list(span) if span is not None else []
