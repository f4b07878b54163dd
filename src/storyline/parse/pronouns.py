"""Where a pronoun may point, read off the parse: pronouns no name covers, the speaker of the
verb a pronoun is said under, the last main-clause subject before it."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Token

from storyline.knowledge.speech import REPORTING_VERBS
from storyline.parse.climbs import heads
from storyline.parse.quote_marks import inside_quotes
from storyline.parse.text import text_of

__all__ = ["free_pronouns", "last_main_subject", "speaker_subject"]


def free_pronouns(doc: Doc, pronouns: Collection[str], owned: Collection[int]) -> Iterator[tuple[Token, list[bool]]]:
    """The ``pronouns`` of ``doc`` outside quotation marks that no mention covers (``owned``:
    token indices), each with the quotation marks of the whole text; none when nothing is owned."""
    if not owned:
        return
    quoted = inside_quotes(text_of(doc))
    for token in doc:
        if token.lower_ in pronouns and token.i not in owned and not quoted[token.idx]:
            yield token, quoted


def speaker_subject(token: Token) -> Token | None:
    """In "X said (that) ... he/they ...", the subject of the speech verb."""
    child = token
    for head in heads(token):
        if head.lemma_ in REPORTING_VERBS and head.pos_ == "VERB" and child.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        child = head
    return None


def last_main_subject(token: Token, quoted: list[bool], lookback: int, skip: Collection[str]) -> Token | None:
    """The last main-clause subject outside quotes before ``token``, in its sentence or the
    ``lookback`` sentences before, named or not ("Residents said the police came late. They
    ...": the residents), passing over the words in ``skip`` ("they ... they": the first one's)."""
    sentences = list(token.doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    for sentence in reversed(sentences[max(0, here - lookback) : here + 1]):
        main = {sentence.root.i, *(c.i for c in sentence.root.conjuncts)}
        subjects = [
            t
            for t in sentence
            if t.i < token.i
            and not quoted[t.idx]
            and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.i in main
            and t.lower_ not in skip
        ]
        if subjects:
            return subjects[-1]
    return None
