"""Whether an event happened: asserted, negated, hypothetical or future, from the parse.

The clause of the event's word is read, and the clauses it hangs in up to its sentence's root:

- negated: "not"/"never" on the verb (or on the verb an "able to" hangs on: "have not been
  able to arrest"), "no" on its object or on the noun that governs it ("there are no plans
  for a meeting"), a subject that names no one ("nobody was arrested"), or a verb that denies
  what hangs on it ("ruled out sending troops", "refused to meet", "unable to stop", "denied
  that any arrest was made");
- hypothetical: "if"/"unless", a modal of possibility (could, would, might, may, should);
- future: "will", "shall", "going to", a reported "would" ("said he would visit"), an
  intention that governs it ("agreed to meet", "plans to visit", "threatened to strike"), or
  a purpose ("sent troops to protect the town"), or an order or a permission ("allowed the
  army to strike").

The verb that denies or intends is itself asserted: "Trump ruled out sending ground troops" is an
asserted rejection by Trump and a negated deployment.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.knowledge.speech import REPORTING_VERBS
from storyline.parse.climbs import MAX_CLIMB, heads, is_root

__all__ = ["modality"]

_NEGATORS = frozenset({"not", "n't", "never", "no"})
_DENYING = frozenset(
    {
        "rule",
        "refuse",
        "decline",
        "deny",
        "reject",
        "oppose",
        "fail",
        "avoid",
        "halt",
        "abandon",
        "stop",
        "prevent",
        "block",
        "unable",
    }
)
# Verbs that say a reported claim is false: what their that-clause says did not happen. ("ruled
# that ..." states, it does not deny.)
_DENYING_CLAIMS = frozenset({"deny", "dismiss", "refute"})
_POSSIBLE = frozenset({"could", "would", "might", "may", "should", "can", "must"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_INTENDING = frozenset(
    "agree plan intend want aim hope promise pledge vow threaten prepare seek expect propose "
    "offer decide schedule set urge call ask demand push press "
    "order direct instruct allow permit authorize authorise "  # an order or a permission is not the act
    "ready willing prepared eager keen determined due".split()  # "is ready to meet"
)
# ("try" is left out: "tried to assassinate" is an attempt, which CAMEO codes as the act)
_CONDITIONS = frozenset({"if", "unless", "whether"})
_NOUN_PLANS = frozenset(
    "plan proposal prospect possibility idea offer call bid attempt agenda preparation invitation "
    "request date venue timetable condition precondition".split()  # "the agenda for a meeting"
)
_HYPOTHETICAL_ADJECTIVES = frozenset({"potential", "possible", "future", "proposed", "planned", "prospective"})


def modality(word: Token, narrated_present: bool = False) -> str:
    """The modality of the event expressed by ``word`` (a verb, or an event noun).
    ``narrated_present``: the text tells what happened in the present tense, as a photo caption
    does ("Rescuers gather after an air attack"), so a present tense makes no rule of it."""
    if word.pos_ in ("NOUN", "PROPN"):
        return _noun_modality(word, narrated_present)
    return _clause_modality(word)


def _clause_modality(verb: Token, depth: int = 0) -> str:
    """The clause's own modality, else the one it inherits from the clause it hangs in
    (``depth`` clauses up, at most :data:`~storyline.parse.climbs.MAX_CLIMB`)."""
    children = list(verb.children)
    if any(c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ in ("advmod", "neg")) for c in children):
        return "negated"
    if any(c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children) for c in children):
        return "negated"
    if depth == 0 and any(c.dep_ in ("nsubj", "nsubjpass") and _nobody(c) for c in children):
        return "negated"  # "nobody was arrested", "no arrests were made": that clause alone
    words = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass", "mark")}
    if words & _CONDITIONS:
        return "hypothetical"
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "without":
        return "negated"  # "consented without admitting the allegations"
    embedded = verb.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "dobj") and not is_root(verb)
    if embedded and head.lemma_ in _DENYING and verb.dep_ != "ccomp":
        return "negated"
    if embedded and verb.dep_ == "ccomp" and head.lemma_ in _DENYING_CLAIMS:
        return "negated"  # "denied that any arrest has been made"
    if "would" in words and verb.dep_ == "ccomp" and head.lemma_ in REPORTING_VERBS and not words & _CONDITIONS:
        return "future"  # "said he would visit": the future of the reported moment
    if words & _POSSIBLE:
        return "hypothetical"
    if words & _FUTURE or (verb.tag_ == "VB" and "to" in words and head.lemma_ == "go"):
        return "future"
    infinitive = verb.dep_ in ("xcomp", "dobj", "pcomp") or (verb.dep_ == "ccomp" and "to" in words)
    if embedded and infinitive and head.lemma_ in _INTENDING:
        return "future"  # "agreed to meet", "allowed the army to strike"
    if verb.dep_ in ("advcl", "acl", "relcl") and verb.tag_ == "VB" and "to" in words:
        return "future"  # a purpose: "sent troops to protect the town", "steps to arrest them": not yet done
    # ("acomp": "have not been able to arrest" takes the "not" of "been")
    if verb.dep_ in ("advcl", "conj", "xcomp", "relcl", "pcomp", "acomp") and not is_root(verb) and depth < MAX_CLIMB:
        inherited = _clause_modality(head, depth + 1)
        if inherited != "asserted" and not (verb.dep_ == "advcl" and inherited == "future"):
            return inherited
    return "asserted"


_NOBODY = frozenset({"nobody", "noone", "none", "nothing"})


def _nobody(subject: Token) -> bool:
    """A subject that names no one: "nobody", "none of them", "no one", "no arrests"."""
    if subject.lower_ in _NOBODY:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _noun_modality(noun: Token, narrated_present: bool = False) -> str:
    if not narrated_present and _generic(noun):
        return "hypothetical"
    if any(c.lower_ in ("no", "any") and c.dep_ == "det" for c in noun.children):
        return "negated" if any(c.lower_ == "no" for c in noun.children) else _governing(noun)
    if any(c.lemma_ in _HYPOTHETICAL_ADJECTIVES for c in noun.children if c.dep_ == "amod"):
        return "hypothetical"
    return _governing(noun)


def _generic(noun: Token) -> bool:
    """ "(a treaty) which considers an attack on one member an attack on all": an indefinite
    event under a verb in the simple present is a rule, not a happening."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in noun.children):
        return False
    head = next((h for h in heads(noun) if h.pos_ in ("VERB", "AUX")), None)
    return head is not None and head.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in head.children)


def _governing(noun: Token) -> str:
    """A noun event takes the modality of what governs it: "no plans for a meeting" is negated,
    "a failure to agree a meeting" never happened, "called for talks" lies ahead. An event that
    is the doer of the verb ("the attack set the platform on fire") is not what the verb plans."""
    below = noun
    for head in heads(noun, 4):
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_ in _NOUN_PLANS | {"failure"}:
            if any(c.lower_ == "no" for c in head.children) or head.lemma_ == "failure":
                return "negated"
            return "future"
        if head.pos_ in ("VERB", "AUX"):
            if below.dep_ == "nsubj" and head.tag_ != "VBN":  # ("new attacks planned": the planned)
                return _clause_modality(head, depth=1)
            if head.lemma_ in _DENYING:
                return "negated"
            if head.lemma_ in _INTENDING:
                return "future"
            return _clause_modality(head, depth=1)
        below = head
    return "asserted"
