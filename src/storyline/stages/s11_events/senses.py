"""Sense before code: whether a trigger is used in the sense its code stands for.

The lexicon gives a word's event code; the sentence decides whether the word is used in that
sense. Each rule below is for a class of uses, read off the parse and the word classes of the
arguments (:mod:`~storyline.knowledge.word_classes`), never for a single sentence:

- violence and arrest (CAMEO 18x, 19x, 20x, 173, 181) are done to people, groups, places or
  things: "attacked the policy", "kill time", "the rallies wound their way", "apprehending
  retaliation" name an abstraction as what was done to, and are no such event. Verbs that also
  criticise ("attacked", "blasted", "slammed") then criticise (111);
- a violent word inside a hyphenated modifier describes, it reports no act ("violence-hit
  areas", "conflict-torn");
- firing a person is a dismissal, not a shooting: "fire" is violent with a weapon as its
  object, at or on someone, or with no object;
- "charged him with hypocrisy", "charged the government of instigating", "he charged" accuse
  (112); "charged him with fraud", "was charged with murder" charge (173);
- a violent verb whose subject is a natural event or an abstraction reports no violence ("an
  earthquake killed two", "a deficit which hit 58 billion dlrs");
- a participle used as a noun ("evacuate the wounded") or describing one ("the proposed tax",
  "an alleged attack", "the schedule agreed by the members") is no act; withdrawing an abstraction
  ("withdraw the sales tax") is no military retreat, meeting one ("targets will be met") no
  meeting;
- struggling for something is no fight ("fighting to regain confidence", "fight against
  corruption", "a battle for confirmation", "crime-fighting", "a veto battle"), reaching an
  amount no blow ("imports could hit 50 pct", "hit a record 18 billion dlrs"), people who
  clash no violence ("the two ministers clashed"), and being "on the offensive" a posture;
- paying for an abstraction is no aid ("finance the tax reform"), releasing one no release
  ("figures released today");
- agreeing that something is so expresses accord (019), it promises nothing; a "strike" with
  no weapon, force or target is a labour strike (143); supporting or defending a market
  quantity ("support the dollar", "defend the price") is no political backing;
- talking to reporters is the setting of a statement, no consultation, and reporters visiting
  a place make no visit of state; questioning a person is asking, not disapproving;
- refusing to say something ("declined to comment") is no statement: the refusal is coded;
  recognising an abstraction ("recognize a loss") is no diplomatic recognition.

:func:`sense_code` returns the code the trigger has in its sentence, or None for none.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.knowledge.sectors import AGENTS
from storyline.knowledge.word_classes import word_class
from storyline.parse.clauses import agent, object_after
from storyline.parse.climbs import is_root

__all__ = ["REFUSING", "being_asked", "sense_code"]

_DONE_TO = ("18", "19", "20")
_DONE_TO_CODES = ("173", "181")
_CRITICISING = frozenset({"attack", "blast", "slam", "hammer", "assail", "savage", "lash", "bash", "hit", "target"})
_AT = frozenset({"at", "on", "upon", "into", "against"})
_NOUN_PATIENT = frozenset({"on", "against", "of"})
_ENTITY_TYPES = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_NOMINAL = frozenset({"dobj", "pobj", "nsubj", "nsubjpass"})
_NAMES = frozenset({"ORG", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "FAC"})
# codes whose past participle after a noun describes the thing ("the plan agreed in Paris"),
# where a violent one still reports the act ("the soldiers killed in the raid")
_SAYING_AND_AGREEING = frozenset({"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"})
_AMOUNTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})


def sense_code(trigger: Token, code: str) -> str | None:
    """The code ``trigger`` has in its sentence: ``code``, another code, or None (no event)."""
    if _no_act(trigger, code):
        return None
    patient = _patient(trigger)
    other = _other_sense(trigger, code, patient)
    if other != code:
        return other
    violent = code[:2] in _DONE_TO or code.startswith(_DONE_TO_CODES)
    return _violent_sense(trigger, code, patient) if violent else code


def police_custody(verb: Token) -> bool:
    """ "Police picked up three men", "the two were caught by the Kolkata police": a coercive act
    (root 17) the lexicon has no word for, done by the police to people, takes them into custody
    (an arrest, 173), as news tells it."""
    if verb.pos_ != "VERB":
        return False
    doer = agent(verb)
    doer = doer if doer is not None else _subject(verb)
    if doer is None and verb.dep_ == "conj":  # "the police acted and caught some of them"
        doer = _subject(verb.head)
    if doer is None or AGENTS.get(doer.lemma_.lower()) != "COP":
        return False
    patient = _patient(verb)
    if patient is not None and not _a_person(patient):  # "some of them"
        patient = next((g for c in patient.children if c.lower_ == "of" for g in c.children), patient)
    # a word with no vector is most often a name ("kalota", in a lower-case wire)
    people = patient is not None and (_a_person(patient) or word_class(patient.lemma_, "taken") != "thing")
    # not "shot at" them, nor "prevented them from boarding"
    return people and not any(c.dep_ == "prep" and c.lower_ in ("at", "from") for c in verb.children)


# Verbs of refusing: refusing to say something is declining comment (011), coded on the refusal.
REFUSING = frozenset({"decline", "refuse"})


def _no_act(trigger: Token, code: str) -> bool:
    """A participle used as a noun or describing one, a word inside a name, or a saying
    refused ("declined to comment"): no act told."""
    if code[:2] == "01" and trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in REFUSING:
        return True
    if trigger.pos_ == "VERB" and trigger.tag_ == "VBN" and trigger.dep_ in _NOMINAL:
        return True  # "evacuate the wounded", "the accused": a participle used as a noun
    if trigger.tag_ in ("VBN", "VBD") and trigger.dep_ == "amod" and trigger.i < trigger.head.i:
        return True  # "the proposed tax", "Japan's alleged failure": a participle describing a noun
    # (not in a sentence parsed with no verb, where the participle is the predicate)
    described = trigger.dep_ == "acl" and trigger.sent.root.pos_ in ("VERB", "AUX")
    if trigger.tag_ == "VBN" and described and code[:2] in _SAYING_AND_AGREEING:
        return True  # "the schedule agreed by the members", "measures announced last year"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "on" and trigger.lemma_.lower() in _POSTURES:
        return True  # "the conservatives have been on the offensive": a posture, no attack
    return trigger.ent_type_ in _NAMES  # "the London Interbank Offered Rate": part of a name


# Units wire copy writes amounts in, which the model does not always tag as money or percent.
_UNITS = frozenset({"dlr", "dlrs", "pct", "stg", "yen", "mark", "marks", "franc", "francs", "lire", "tonne", "tonnes"})


def _an_amount(word: Token | None) -> bool:
    """ "50 pct", "58 billion dlrs", "a record 18 billion dlrs": an amount, not something hit."""
    if word is None:
        return False
    if word.ent_type_ in _AMOUNTS or any(c.ent_type_ in _AMOUNTS for c in word.children):
        return True
    return word.lemma_.lower() in _UNITS and any(c.like_num or c.pos_ == "NUM" for c in word.subtree if c is not word)


_POSTURES = frozenset({"offensive", "defensive", "attack", "warpath"})


def lemma_of(word: Token) -> str:
    return word.lemma_.lower()


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _other_sense(trigger: Token, code: str, patient: Token | None) -> str | None:
    """The code of a non-violent trigger in the sense its arguments give it (``code`` unchanged
    where none of these senses applies); ``patient`` is what it is done to."""
    lemma = trigger.lemma_.lower()
    withdrawing = code.startswith("087")
    meeting = code.startswith("04") and lemma == "meet"
    paying = code.startswith("07") and lemma in _PAYING
    releasing = code.startswith("084") and lemma == "release"
    recognising = code.startswith("054")
    if (withdrawing or meeting or paying or releasing or recognising) and _abstract(patient):
        return None  # "withdraw the sales tax", "the goals will be met", "finance tax cuts", "recognize a loss"
    if code[:2] == "04" and _with_the_press(trigger):
        return None  # "talking to reporters", "reporters visited the front": the press at work
    if lemma == "ask" and code[:2] == "02" and being_asked(trigger):
        return None  # "Asked if he planned to visit, he said ...": the one asked requests nothing
    if lemma == "question" and code[:2] == "11" and _a_person(patient):
        return None  # "he was questioned about the affair": asked, not disapproved of
    if code[:2] == "05" and _market(patient):
        return None  # "support the dollar", "defend the price": a market's, no political backing
    if code.startswith("03") and lemma == "agree" and any(_a_view(c) for c in trigger.children):
        return "019"  # "agreed that the blame lay with Baker": accord with a view, no promise
    if lemma == "strike" and trigger.pos_ == "NOUN" and code[:2] == "19" and not _armed(trigger):
        # "a threatened strike by oil workers": a labour strike, unless the story tells of armed ones
        return code if _armed_strikes_told(trigger.doc) else "143"
    return code


def _violent_sense(trigger: Token, code: str, patient: Token | None) -> str | None:
    """A violent or arrest code, kept only where it is done by someone to someone or something."""
    if _in_hyphenated_modifier(trigger) or _not_done_by_anyone(trigger) or _a_struggle(trigger):
        return None
    if _an_amount(patient):
        return None  # "imports could hit 50 pct", "the deficit hit 58 billion dlrs"
    if lemma_of(trigger) == "clash" and _a_person(_subject(trigger)):
        return None  # "Regan and Volcker clashed": people at odds, no violence
    lemma = lemma_of(trigger)
    if lemma == "fire" and trigger.pos_ == "VERB" and not _fired_a_weapon(trigger):
        return None
    if lemma == "strike" and trigger.pos_ == "VERB" and code[:2] == "19" and _a_labour_strike(trigger):
        return "143"
    if code.startswith("173") and lemma == "charge" and trigger.pos_ == "VERB" and _an_accusation(trigger):
        return "112"
    if patient is not None and _abstract(patient):
        return "111" if lemma in _CRITICISING else None
    return code


# Verbs of paying for something: aid only when what they pay for is not an abstraction
# ("funded the rebels", not "finance the tax reform").
_PAYING = frozenset({"finance", "fund", "bankroll", "subsidize", "subsidise", "underwrite"})
# What makes a "strike" an armed one: a weapon or a force before it, or a target after it.
_ARMED = frozenset(
    """air missile drone military nuclear rocket artillery retaliatory preemptive pre-emptive surgical precision
    naval aerial bombing""".split()
)


# After a verb "strike", what says something was struck ("struck at dawn" is left armed too).
_STRUCK = frozenset({"on", "against", "at", "in", "near", "inside", "across", "into", "from"})
_WORKING = frozenset({"LAB", "EDU", "HLH", "AGR"})  # the sectors of people who strike for pay
_STRIKERS = frozenset({"nurse", "driver", "employee", "staff", "member", "dockworker", "miner", "pilot"})


def _a_labour_strike(verb: Token) -> bool:
    """ "Nurses will strike over pay", "O'Brien and Zuckerman have said they are willing to
    strike": the verb with nothing struck, done by people named or by working people, is a
    labour strike (143). A country, a force or a group of fighters striking stays armed."""
    if any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in _STRUCK) for c in verb.children):
        return False
    word = verb
    for _ in range(3):  # "are willing to strike", "voted to strike": the subject above
        subject = _subject(word)
        if subject is not None:
            sector = AGENTS.get(subject.lemma_.lower())
            named = subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she", "they", "we", "i")
            return named or sector in _WORKING or subject.lemma_.lower() in _STRIKERS
        if word.dep_ not in ("xcomp", "acomp", "conj", "ccomp") or is_root(word):
            return False
        word = word.head
    return False


def _armed_strikes_told(doc: Doc) -> bool:
    """Whether a text tells of armed strikes in so many words ("air strikes", "missile strikes",
    "airstrikes"): then "the strike" it tells of again with nothing on it is one of them ("Our
    strike was well-planned"), not a walkout."""
    return any(
        t.lemma_.lower() in _ARMED_STRIKES
        or (
            t.lemma_.lower() == "strike"
            and t.pos_ == "NOUN"
            and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _ARMED for c in t.children)
        )
        for t in doc
    )


_ARMED_STRIKES = frozenset({"airstrike", "air-strike", "drone-strike"})


def _armed(noun: Token) -> bool:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
            return True
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (c.lemma_.lower() in _ARMED or c.ent_type_):
            return True
    return False


_PRESS = frozenset({"reporter", "journalist", "press", "newsman", "correspondent", "media", "news"})


def _with_the_press(trigger: Token) -> bool:
    """ "talking to reporters", "met journalists", "reporters visited": the press as a party of
    a meeting or a visit.
    (A joint press conference of two leaders is a meeting of theirs: it stays.)"""
    words = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for g in c.children]
    words += [c for c in trigger.children if c.dep_ in ("dobj", "nsubj")]
    joint = any(c.dep_ == "amod" and c.lower_ == "joint" for c in trigger.children)
    if trigger.pos_ == "NOUN" and not joint:  # "a news conference"; a joint one is a meeting
        words += [c for c in trigger.children if c.dep_ == "compound"]
    # "a group of its reporters": the group's members
    words += [g for w in words for c in w.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(w.lemma_.lower() in _PRESS for w in words)


def being_asked(verb: Token) -> bool:
    """ "he was asked", "Asked if ...", "when asked to clarify": a passive, or a participle
    clause with no subject of its own."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "ccomp", "xcomp")
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def _a_person(word: Token | None) -> bool:
    return word is not None and (word.ent_type_ == "PERSON" or word.pos_ == "PRON")


def _market(word: Token | None) -> bool:
    """Whether what is backed is a market quantity ("the dollar", "firmer prices")."""
    if word is None or word.ent_type_ in _ENTITY_TYPES or word.pos_ in ("PROPN", "PRON"):
        return False
    return word_class(word.lemma_, "backing") == "market"


def _a_view(clause: Token) -> bool:
    """A that-clause stating how things are ("... that the blame lay with Baker"), not what
    someone is to do ("... that their countries should cooperate")."""
    if clause.dep_ != "ccomp":
        return False
    return not any(c.dep_ == "aux" and c.lower_ in _TO_DO for c in clause.children)


_TO_DO = frozenset({"should", "will", "would", "must", "shall", "'ll", "to", "can", "could"})


def _not_done_by_anyone(verb: Token) -> bool:
    """ "an earthquake killed two people", "a deficit which hit 58 billion dlrs": the subject of
    a violent verb is a natural event or an abstraction, not someone acting."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:  # "hit hard by the yen's rise"
        subject = agent(verb)
    if subject is None and verb.dep_ in ("xcomp", "advcl"):  # "the dollar slipped to hit a record low"
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None or subject.ent_type_ or subject.pos_ in ("PROPN", "PRON"):
        return False
    return word_class(subject.lemma_, "doer") in ("nature", "abstract")


def _a_struggle(word: Token) -> bool:
    """ "fighting to regain confidence", "fight against corruption", "a long battle for
    confirmation", "crime-fighting", "a veto battle", "a trade war": a violent word with an
    infinitive of purpose, for, against or over an abstraction, a gerund joined to what it is
    done to, or a struggle noun named after an abstraction."""
    if word.pos_ == "NOUN" and word.lemma_.lower() in _STRUGGLES and any(_named_after(c) for c in word.children):
        return True
    if word.pos_ == "VERB" and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in word.children
    ):
        return True
    doc = word.doc
    if word.i >= 2 and word.lower_.endswith("ing") and doc[word.i - 1].text == "-" and not doc[word.i - 2].whitespace_:
        joined = doc[word.i - 2]
        if joined.pos_ == "NOUN" and not joined.ent_type_:
            return True  # "crime-fighting", "fire-fighting": a noun and its gerund name a task
    for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in _FOR_AGAINST):
        if any(_abstract(g) for g in prep.children if g.dep_ == "pobj"):
            return True
    return False


def _named_after(modifier: Token) -> bool:
    """A noun before a struggle that names an abstraction it is about ("veto", "trade")."""
    return modifier.dep_ == "compound" and modifier.pos_ == "NOUN" and _abstract(modifier)


_FOR_AGAINST = frozenset({"for", "against", "over"})
_STRUGGLES = frozenset({"battle", "war", "fight", "struggle", "clash", "warfare", "showdown"})


def _in_hyphenated_modifier(word: Token) -> bool:
    """ "violence-hit areas", "strike-bound ships": the word is part of a hyphenated compound
    that modifies a noun."""
    doc = word.doc
    after = word.i > 0 and doc[word.i - 1].text == "-" and not doc[word.i - 1].whitespace_
    before = word.i + 2 < len(doc) and doc[word.i + 1].text == "-" and not word.whitespace_
    if not (after or before):
        return False
    return word.dep_ in ("amod", "compound") or word.head.dep_ in ("amod", "compound")


def _fired_a_weapon(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(c.dep_ == "prep" and c.lower_ in _AT for c in verb.children):
        return True
    if not objects:
        return True  # "troops fired", "fired into the air"
    return any(o.lower_ in ("fire", "shots", "shot") or word_class(o.lemma_, "patient") == "weapon" for o in objects)


# Prepositions after "charged" that make it a rush at someone, not words.
_RUSHED = frozenset({"at", "into", "toward", "towards", "through", "across"})


def _an_accusation(verb: Token) -> bool:
    """ "Charged him with hypocrisy", "charged the BJP of instigating violence", "'...,' he
    charged", "he charged the government with deliberately allowing ...": an accusation (112).
    A charge at law (173) is brought by police, prosecutors or a state against a crime
    ("charged him with fraud", "was charged with murder", "prosecutors charged ...")."""
    charged_with = _charged_with(verb)
    if charged_with == "failing":
        return True
    children = list(verb.children)
    if verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in children):
        return True  # '"...," charged the leader', "charged that ...": words reported
    if any(c.dep_ == "nsubjpass" for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return True  # "charged X of ...": no charge at law is laid "of"
    if not any(c.dep_ == "dobj" for c in children):  # "he charged", "charged that ..."
        return not any(c.dep_ == "prep" and c.lower_ in _RUSHED for c in children)
    subject = _subject(verb)
    one_person = subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she"))
    return one_person and charged_with != "crime"  # a person, with no crime named: words


def _charged_with(verb: Token) -> str | None:
    what = object_after(verb, "with")
    return word_class(what.lemma_, "charge") if what is not None else None


def _patient(trigger: Token) -> Token | None:
    """What the act is done to: the object, the passive subject, the "at"/"on" object; for an
    event noun, what follows "on", "against" or "of"."""
    if trigger.pos_ == "VERB":
        for dep in ("dobj", "nsubjpass"):
            found = next((c for c in trigger.children if c.dep_ == dep), None)
            if found is not None:
                return found
        reduced = not any(c.dep_ in ("nsubj", "mark", "aux", "auxpass") for c in trigger.children)
        if trigger.dep_ == "acl" and trigger.tag_ in ("VBN", "VBD") and reduced:
            return trigger.head  # "a story, quickly shot down by others": what it describes
        preps = (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _AT)
    else:
        preps = (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _NOUN_PATIENT)
    return next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)


def _abstract(word: Token | None) -> bool:
    """Whether a noun names an abstraction: not a name, a pronoun or a number, and nearest the
    abstract prototypes."""
    if word is None:
        return False
    if word.ent_type_ in _ENTITY_TYPES or word.pos_ in ("PROPN", "PRON", "NUM") or word.like_num:
        return False
    if any(c.like_num or c.pos_ == "NUM" for c in word.children):  # "killed 12 people", "12 of them"
        return False
    if word_class(word.lemma_, "patient") != "abstract":
        return False
    # "tortured scores of refugees": a measure word's abstraction is what it measures
    measured = [
        g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    return not measured or all(_abstract(g) for g in measured)
