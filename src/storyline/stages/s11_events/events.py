"""Who did what to whom: CAMEO-coded events over the dependency parse.

For every verb the lexicon knows (``cameo.lexicon()``: verb, particle or preposition, object;
or a word pattern around the verb from a user lexicon, :mod:`~storyline.knowledge.verb_patterns`), and every event
noun ("talks with X", "a meeting between X and Y", "an attack on X"):

- the source is the subject's actor ("by X" in the passive and in a participle clause; the
  governing verb's subject for "agreed to meet"); the target the object's, else that of
  "with/on/against/to/at/into X", or the second of "between X and Y";
- actors come from the entities stage, so metonyms are already actors ("Kyiv" -> UKRGOV,
  "Ukraine's military" -> UKRMIL); an event whose actor cannot be coded is kept with no source
  and half the confidence;
- the modality comes from :mod:`.modality`; an event inside someone's reported words is marked
  ``reported_by`` the speaker, and the speaker gets an event of their own: a statement, an
  intent, a threat, a demand or a rejection (:func:`_statements`); an actor's own announced act
  is an asserted intent too, marked ``derived`` (:func:`_intentions`);
- the date is the timex hanging on the event's own clause, else one in its sentence (an "at the
  time" sentence takes the last date before it), else the publication date, with falling
  confidence; the location is a place in the clause, else the dateline's (``locations.py``).

A document pass makes one event of each incident, with every telling of it as a mention: "the
attack" naming an act told before, and the same source, target, root code and date said again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.document.records import Actor, CharSpan, Entity, Event, EventMention, Quote, TextSpan, Timex
from storyline.document.span_index import SpanIndex
from storyline.knowledge.cameo import Lexicon, lexicon
from storyline.knowledge.quote_cues import cue_frames
from storyline.knowledge.roles import an_office
from storyline.knowledge.sectors import body_sector
from storyline.knowledge.speech import REPORTING_VERBS
from storyline.knowledge.verb_patterns import Match, best_match
from storyline.parse.clauses import agent, object_after, object_of
from storyline.parse.climbs import MAX_CLIMB, is_root
from storyline.parse.datelines import in_dateline
from storyline.parse.owners import token_owners
from storyline.stages.s11_events.dates import event_date, incident_dates, narration_dates
from storyline.stages.s11_events.implied import arrested_by_police, names_no_doer, told_before
from storyline.stages.s11_events.locations import event_place, place_tokens
from storyline.stages.s11_events.modality import modality
from storyline.stages.s11_events.senses import REFUSING, being_asked, police_custody, sense_code

__all__ = ["Judge", "code_events"]

Judge = Callable[[Token, str | None], str | None]  # (word, the lexicon's code) -> the code to use

_TARGET_PREPS = ("with", "on", "against", "to", "at", "into", "toward", "towards", "from", "for", "over")


@dataclass
class _Context:
    doc: Doc
    owner: dict[int, Entity]  # token index -> entity of a mention covering it
    timexes: Sequence[Timex]
    quotes: Sequence[Quote]
    published: str | None
    lexicon: Lexicon
    places: dict[str, Entity]
    narrated_present: bool = False  # the text tells what happened in the present tense (a caption)

    @property
    def actor_tokens(self) -> set[int]:
        return {i for i, e in self.owner.items() if e.actor}

    @functools.cached_property
    def where(self) -> dict[int, Entity]:
        """Token index -> the place a mention covering it names (``locations.place_tokens``)."""
        return place_tokens(self.doc, self.places.values(), self.owner)

    @functools.cached_property
    def entities(self) -> dict[str, Entity]:
        """The entities named in the text, by id."""
        return {e.id: e for e in self.owner.values()}

    @functools.cached_property
    def reports(self) -> SpanIndex[Quote]:
        """The quotes by the span of their content (of the whole attribution, for a mixed one)."""
        return SpanIndex(self.quotes, lambda q: (_content_of(q).start, _content_of(q).end))

    @functools.cached_property
    def speakers(self) -> dict[int, str]:
        """The speaker of each quote by its cue's head word (token index)."""
        found: dict[int, str] = {}
        for q in self.quotes:
            span = self.doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand") if q.cue else None
            if span is not None and q.speaker is not None:
                found.setdefault(span.root.i, q.speaker)
        return found

    @functools.cached_property
    def dates(self) -> SpanIndex[Timex]:
        """The timexes that are dates or times, by their span."""
        return SpanIndex([t for t in self.timexes if t.type in ("DATE", "TIME")], lambda t: (t.start, t.end))


def code_events(
    doc: Doc,
    entities: Iterable[Entity],
    timexes: Sequence[Timex],
    quotes: Sequence[Quote],
    published: str | None,
    event_lexicon: Lexicon | None = None,
    *,
    narrated_present: bool = False,
    judge: Judge | None = None,
) -> list[Event]:
    """The events of a parsed text, as document-contract records, duplicates merged.
    ``event_lexicon`` replaces the shipped lexicon (``cameo.load_lexicon`` builds one).
    ``judge`` (the learned head, :mod:`.learned`) has the last word on each verb's and event
    noun's code: given the word and the lexicon's code (None: none), it returns the code to use
    (None: the word is not coded)."""
    entities = list(entities)
    places = {e.id: e for e in entities if e.place}
    owner = token_owners(doc, entities)
    ctx = _Context(doc, owner, timexes, quotes, published, event_lexicon or lexicon(), places, narrated_present)
    actor_tokens = ctx.actor_tokens if ctx.lexicon.patterns else set()
    found: list[Event | None] = []
    for token in doc:
        if token.pos_ == "VERB":
            patterns = ctx.lexicon.patterns.get(token.lemma_.lower()) or ctx.lexicon.patterns.get(token.lower_)
            match = best_match(token, patterns, actor_tokens) if patterns else None
            if match is not None:
                found.extend(_pattern_events(token, match, ctx))
                continue
            known = _verb_code(token, ctx.lexicon)  # None: a word the lexicon does not know
            code = sense_code(token, known) if known else None
            if judge is not None and (code or known is None) and _judged(token, ctx):
                code = judge(token, code)  # a sense the rules found to be no event stays none
                unlisted = token.lemma_.lower() not in ctx.lexicon.verbs  # ("prevent" blocks: its own entry)
                code = "173" if code == "170" and unlisted and police_custody(token) else code
            if code:
                told = _verb_events(token, code, ctx)
                if token.tag_ == "VBG" and token.dep_ in _NOMINAL_PLACES:  # "the system of financing"
                    told = [e for e in told if e is not None and not _a_mere_mention(e, token)]
                found.extend(told)
        elif token.pos_ == "NOUN" and token.dep_ not in ("compound",):
            known = ctx.lexicon.noun(_lemma(token) or token.lemma_.lower())  # "" for a modifier stops the head
            code = sense_code(token, known) if known else None
            if judge is not None and (code or known is None) and _judged(token, ctx):
                code = judge(token, code)
            if code and not _light_verb_object(token, ctx.lexicon):
                event = _noun_event(token, code, ctx)
                if event is not None and not _a_mere_mention(event, token):
                    found.append(event)
    found.extend(_statements(found, ctx))
    found.extend(_intentions(found, ctx))
    arrested_by_police([e for e in found if e is not None and names_no_doer(_trigger(e, ctx))], entities, places)
    tellings = [(e, _trigger(e, ctx)) for e in found if e is not None]
    incident_dates(sorted(tellings, key=lambda pair: pair[0].trigger.start), ctx.published)
    narration_dates(sorted(tellings, key=lambda pair: pair[0].trigger.start))
    named_again = told_before(tellings)
    sentence_of = {sentence.start_char: n for n, sentence in enumerate(doc.sents)}
    kept = [e for e in found if e is not None and not _by_no_one(e, _trigger(e, ctx))]
    merged = _merge(kept, sentence_of, named_again)
    names = {e.id: e.name for e in entities}
    for event in merged:
        # named here, after the sources read off the context (implied.py) have been set
        event.source_name = names.get(event.source or "")
        event.target_name = names.get(event.target or "")
    return merged


def _judged(word: Token, ctx: _Context) -> bool:
    """Whether the learned head judges a word: acts told as done, and infinitives a noun holds
    ("talks to end the war", "on track to hit its target": told as to come, but the head was
    taught them among acts). An act announced, intended, threatened, denied or supposed ("said
    they would boycott", "prepared to lift the ban") is what the statement and intent rules turn
    into the speaker's own event, from the lexicon's code; the head was taught acts as they happen."""
    return modality(word, ctx.narrated_present) == "asserted" or _held_by_a_noun(word)


_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
_ANNOUNCING = frozenset({"will", "shall", "'ll"})
_ULTIMATUM = frozenset({"unless", "if"})


def _intent_code(root: str, ultimatum: bool = False) -> str | None:
    """What saying one will do an act of ``root`` is: an intent to cooperate (03x) or, for
    conflict or an act made to depend on the other side ("unless ..."), a threat (130). Saying
    one will demand, disapprove, reject or threaten is no intent of its own: the act, told as
    to come, is the event (None)."""
    if ultimatum or int(root) >= 14:
        return "130"
    return None if "09" <= root <= "13" else _INTENT.get(root, "030")


def _intentions(found: list[Event | None], ctx: _Context) -> list[Event | None]:
    """ "Finland will give Tanzania a grant": an actor's own announced act, in the narrator's
    words, is an asserted expression of intent by it (CAMEO 03x), or a threat; "Nigeria will
    withdraw its force unless ..." is an ultimatum. The future act itself stays, as future.
    Reported words are :func:`_statements`' (the speaker's intent, not the narrator's)."""
    out: list[Event | None] = []
    entities = ctx.entities
    for e in found:
        if not e or e.modality != "future" or e.reported_by or e.source not in entities:
            continue
        if int(e.root) < 4:  # saying one will say, appeal or agree is no new intent
            continue
        verb = _trigger(e, ctx)
        if verb is None or verb.pos_ != "VERB" or not _aux(verb, _ANNOUNCING):
            continue
        code = _intent_code(e.root, _ultimatum(verb))
        if code is None:
            continue
        target = entities.get(e.target or "")
        intent = _event(verb, code, entities[e.source], target, ctx, mood="asserted")
        if intent is not None:
            intent.derived = "intent"
            out.append(intent)
    return out


def _trigger(event: Event, ctx: _Context) -> Token | None:
    span = ctx.doc.char_span(event.trigger.start, event.trigger.end)
    return span.root if span is not None else None


def _aux(verb: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in verb.children)


def _ultimatum(verb: Token) -> bool:
    """ "will withdraw its force unless ...": an act made to depend on the other side."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ULTIMATUM for m in c.children)
        for c in verb.children
    )


_OBLIGING = frozenset({"must", "should"})


def _obliged(content: Span | None, speaker: Entity, ctx: _Context) -> tuple[bool, Entity | None]:
    """ "Russia said Sudan must return the helicopter": whether the reported words' main verb
    puts an obligation on someone, and who (its subject, if it is not the speaker). A "must"
    deeper down ("principles which Washington believes must be accepted") is not the speaker's."""
    if content is None:
        return False, None
    for verb in (content.root, *content.root.conjuncts):
        if verb.pos_ in ("VERB", "AUX") and _aux(verb, _OBLIGING) and _one_obliged(verb):
            obliged = _verb_actors(verb, ctx)[0]
            return True, obliged if obliged is not speaker else None
    return False, None


def _one_obliged(verb: Token) -> bool:
    """Whether the "must"/"should" states what someone is to do, not a condition: its subject
    comes before it ("should we choose to advance it" binds no one)."""
    aux = next(c for c in verb.children if c.dep_ == "aux" and c.lower_ in _OBLIGING)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.i < aux.i


def _statements(found: list[Event | None], ctx: _Context) -> list[Event | None]:
    """What a speaker is reported to say is an event of the speaker's too: "said Sudan must
    return the helicopter" is a demand on Sudan (100); "said he would help set up a meeting"
    expresses an intent to meet (036), "said it would strike" or "... unless ..." threatens
    (130); "says it will not accept refugees" rejects (120); words that report no event of
    their own are a statement (010)."""
    out: list[Event | None] = []
    entities = ctx.entities
    seen: set[tuple[int, int]] = set()
    for q in ctx.quotes:
        content, cue, speaker = _content_of(q), q.cue, entities.get(q.speaker or "")
        key = (content.start, content.end)
        if cue is None or speaker is None or q.act != "speech" or not _a_doer(speaker) or key in seen:
            continue
        seen.add(key)
        span = ctx.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if span is None or any(e and e.trigger.start == span.root.idx and e.root != "01" for e in found):
            continue  # "ruled out ...": the cue is an event of its own (beyond a bare "announced")
        cue_word = span.root
        if not _a_saying(cue_word) or cue_word.lemma_.lower() in REFUSING:
            continue  # a cue on "were unable to agree", "declined comment": no one said anything
        if cue_word.lemma_.lower() == "ask" and being_asked(cue_word):
            continue  # "Asked if he planned to visit ...": the question put to him is not his
        reported = [
            e for e in found if e and e.reported_by == speaker.id and content.start <= e.trigger.start < content.end
        ]
        # an act told as to come; not one a noun holds ("talks to end the war"), an act of its own
        held = [e for e in reported if e.modality == "future" and _held_by_a_noun(_trigger(e, ctx))]
        intended = [e for e in reported if e.modality == "future" and e not in held]
        # the speaker's own cooperation, denied: "it will not accept refugees"
        refused = [e for e in reported if e.modality == "negated" and "03" <= e.root <= "09"]
        refused = [e for e in refused if e.source == speaker.id]
        words = ctx.doc.char_span(content.start, content.end, alignment_mode="expand")
        obliging, target = _obliged(words, speaker, ctx)
        if obliging:
            code = "100"
        elif intended or refused:
            first = (intended or refused)[0]
            verb = _trigger(first, ctx)
            intent = _intent_code(first.root, verb is not None and _ultimatum(verb)) if intended else "120"
            code = intent or "010"  # "said it would oppose the plan": the opposing is the event
            other = first.target if first.source == speaker.id else first.source
            target = entities.get(other or "")
        elif held or any(e.modality == "asserted" for e in reported):
            continue
        elif not speaker.actor:
            continue  # a bare statement by someone no dictionary knows is the quote's alone
        else:
            code = "010"
        out.append(_event(span.root, code, speaker, target, ctx))
    return out


def _held_by_a_noun(word: Token | None) -> bool:
    """ "negotiation to end a war", "steps to arrest those involved": an infinitive a noun holds."""
    if word is None or word.dep_ not in ("acl", "relcl") or word.tag_ != "VB":
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children)


def _a_saying(cue: Token) -> bool:
    """Whether an attribution's cue word is one of saying: a verb of speech or belief, a cue
    verb the quotes stage knows, or "according" (to)."""
    lemma = cue.lemma_.lower()
    return lemma in REPORTING_VERBS or lemma in cue_frames() or cue.lower_ == "according"


def _verb_code(verb: Token, lex: Lexicon) -> str | None:
    joined = _hyphen_compound(verb)
    if joined is not None and joined in lex.verbs:  # "test-fired": the compound's entry, not "fire"'s
        return lex.verb(joined, None, _lemma(_object(verb)))
    return _lexicon_code(verb, lex)  # ("charged that ..." accuses: senses.py)


def _hyphen_compound(verb: Token) -> str | None:
    """The lemma of a verb joined to the word before it by a hyphen ("test-fired" ->
    "test-fire"), which the tokenizer splits in three; None for a verb standing alone."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "-" or doc[verb.i - 2].whitespace_ or doc[verb.i - 1].whitespace_:
        return None
    return f"{doc[verb.i - 2].lower_}-{verb.lemma_.lower()}"


# Particles the parser often reads as adverbs ("back away from", "called off"): a phrasal
# entry for the verb with one of them is the verb's meaning there.
_ADVERB_PARTICLES = frozenset({"away", "off", "out", "down", "up", "back", "over", "in"})


def _lexicon_code(verb: Token, lex: Lexicon) -> str | None:
    obj = _object(verb)
    lemma = verb.lemma_.lower()
    for adverb in (c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES):
        if f"{lemma} {adverb.lower_}" in lex.verbs:
            return lex.verb(lemma, adverb.lower_, _lemma(obj))  # ("" where the phrase is no event)
    preps = [c for c in verb.children if c.dep_ in ("prt", "prep")]
    for prep in preps:
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        lemma = verb.lemma_.lower()
        code = lex.verb(lemma, prep.lower_, _lemma(obj or pobj))
        # a preposition's entry speaks where it changes what the verb codes ("fire on"), or
        # where its object picks a code of its own ("taken into custody")
        selected = f"{lemma} {prep.lower_}" in lex.verbs and code != lex.verb(lemma, prep.lower_)
        if code and (prep.dep_ == "prt" or selected or lex.verb(lemma, prep.lower_) != lex.verb(lemma)):
            return code
    code = lex.verb(verb.lemma_.lower(), None, _lemma(obj))
    if code is None and obj is not None:  # "provided 25,000 tons of food aid": the stuff, not the measure
        inner = next(
            (g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if inner is not None:
            code = lex.verb(verb.lemma_.lower(), None, _lemma(inner))
    return code


def _object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr"):
            return c
    for c in verb.children:
        if c.dep_ == "xcomp":
            return c
    return None


def _lemma(token: Token | None) -> str | None:
    if token is None:
        return None
    modifiers = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
    return " ".join([*modifiers, token.lemma_.lower()])


def _light_verb_object(noun: Token, lex: Lexicon) -> bool:
    """ "held talks", "launched an attack": the verb's entry already codes the noun."""
    head = noun.head
    return noun.dep_ == "dobj" and head.pos_ == "VERB" and lex.verb(head.lemma_.lower(), None, _lemma(noun)) is not None


def _verb_events(verb: Token, code: str, ctx: _Context) -> list[Event | None]:
    source, target = _verb_actors(verb, ctx)
    if source is None and code.startswith("15") and _forces_put_in_place(verb, target, ctx):
        source, target = target, None  # "troops were deployed in the city": the troops' show of force
    return _each_pair(verb, code, source, target, ctx)


_FORCES = frozenset({"COP", "MIL"})


def _forces_put_in_place(verb: Token, target: Entity | None, ctx: _Context) -> bool:
    """Whether an agentless passive show of force names the forces as its subject."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return (
        agent(verb) is None
        and target is not None
        and target.actor is not None
        and target.actor.sector in _FORCES
        and _actor_of(subject, ctx) is target
    )


def _pattern_events(verb: Token, match: Match, ctx: _Context) -> list[Event | None]:
    """A lexicon pattern's events: its ``$`` and ``+`` slots, where it has them, name the
    actors; a reciprocal code ("032:033") adds the event back from the target; a pattern
    with no code says the verb is no event there."""
    if not match.pattern.code:
        return []
    source, target = _verb_actors(verb, ctx)
    if match.source is not None:
        source = ctx.owner[match.source]
    if match.target is not None:
        target = ctx.owner[match.target]
    found = _each_pair(verb, match.pattern.code, source, target, ctx)
    if match.pattern.reverse and target is not None and _a_doer(target):
        found += _each_pair(verb, match.pattern.reverse, target, source, ctx)
    return found


def _each_pair(
    verb: Token, code: str, source: Entity | None, target: Entity | None, ctx: _Context
) -> list[Event | None]:
    """ "Mordor, Rohan and Bree welcomed ...": one event for every actor coordinated with the
    source, and with the target; "Gondor and Osgiliath renewed ties", cooperation with no
    other party, is each one's with the other."""
    sources = _coordinated(verb, source, ctx) if source is not None else [None]
    targets = _coordinated(verb, target, ctx) if target is not None else [None]
    if target is None and len(sources) > 1 and ctx.lexicon.code(code).quad_class in (1, 2):
        targets = sources
    return [_event(verb, code, s, t, ctx) for s in sources for t in targets if s is None or s is not t]


def _coordinated(verb: Token, entity: Entity, ctx: _Context) -> list[Entity]:
    """The entity and the actors coordinated with its mention in the verb's sentence."""
    out = [entity]
    for t in verb.sent:
        if ctx.owner.get(t.i) is entity:
            for other in t.conjuncts:
                partner = ctx.owner.get(other.i)
                if partner is not None and _a_doer(partner) and partner not in out:
                    out.append(partner)
    return out


# Verbs whose object does the act of their infinitive: "forced the police to open fire".
_CAUSING = frozenset(
    "force prompt compel oblige order direct instruct ask urge tell persuade lead provoke drive push".split()
)
_TAKING_PART_VERBS = frozenset({"engage", "involve", "embroil", "implicate", "entangle"})


def _verb_actors(verb: Token, ctx: _Context) -> tuple[Entity | None, Entity | None]:
    children = list(verb.children)
    # "forces were engaged in ethnic cleansing": a participle of taking part names its doer
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children) and verb.lemma_ not in _TAKING_PART_VERBS
    subject = _subject(children, ctx)
    if subject is None and verb.dep_ == "acl" and not is_root(verb):
        root = verb.sent.root
        if root.pos_ in ("NOUN", "PROPN") and verb.tag_ in ("VBD", "VBN"):
            subject = root  # a sentence parsed with no verb: "Doctors from two aid groups donated ..."
        else:
            # the noun the clause describes: its doer ("militants operating in"), or, for a past
            # participle, what it was done to ("a helicopter captured by")
            subject, passive = verb.head, passive or verb.tag_ == "VBN"
    head = verb
    # "agreed to meet", "is willing to withdraw": the subject of the verb or adjective it hangs on
    for _ in range(MAX_CLIMB):
        if subject is not None or head.dep_ not in ("xcomp", "conj", "advcl", "acomp", "pcomp") or is_root(head):
            break
        caused = head is verb and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CAUSING
        head = head.head.head if head.dep_ == "pcomp" else head.head  # "resorted to throwing"
        # "forcing the police to open fire": the object of a verb of causing does the act
        controller = next((c for c in head.children if c.dep_ == "dobj"), None) if caused else None
        subject = controller or next((c for c in head.children if c.dep_ == "nsubj"), None)
    doer = agent(verb)
    source = _actor_of(doer, ctx) if passive else _actor_of(subject, ctx)
    if source is None and passive and doer is None:
        source = _doer_of_means(verb, ctx)  # "six were killed in police firing"
    if source is None and subject is None:
        source = _group_modifier(verb, ctx)  # "police firing", "army shelling"
    if source is None and not passive and subject is not None and subject.lower_ in _SPEAKER_PRONOUNS:
        source = _speaker_entity(verb, ctx)  # "the rebels said they will release ...": the speaker
    if source is None and not passive and verb.i in ctx.speakers:
        # the verb that attributes a quote: its speaker, as the quotes stage found it, where the
        # parse gives the verb no subject ("General Asim Munir has ... warned that ...")
        speaker = ctx.entities.get(ctx.speakers[verb.i])
        source = speaker if speaker is not None and _a_doer(speaker) else None
    target = _actor_of(subject, ctx) if passive else None
    if target is None:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        target = _actor_of(obj, ctx) or _first_actor(obj, ctx)
    if target is None:
        for prep in (c for c in children if c.dep_ in ("prep", "prt") and c.lower_ in _TARGET_PREPS):
            target = _actor_of(object_of(prep), ctx)
            if target is not None:
                break
    return source, target if target is not source else None


def _subject(children: list[Token], ctx: _Context) -> Token | None:
    """The verb's subject: the first that names an actor where the parse gives two ("vadodara
    police imposed", a name parsed as a subject of its own), else the first; where it names no
    actor, the first of its conjuncts that does ("the dgp and the police commissioner warned").
    A coded actor comes before a named doer no dictionary codes."""
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    words = [word for subject in subjects for word in (subject, *subject.conjuncts)]
    named = [(word, actor) for word in words if (actor := _actor_of(word, ctx)) is not None]
    coded = [word for word, actor in named if actor.actor]
    if coded:
        return coded[0]
    if named:
        return named[0][0]
    return subjects[0] if subjects else None


def _group_modifier(word: Token, ctx: _Context) -> Entity | None:
    """The group named as a modifier of an act ("police firing", "army shelling"): its doer.
    Only a group (an actor with a sector): "a Gaza strike" is no strike by Gaza, and "the Paris
    accord" is where, not who."""
    return _modifier(
        word, ctx, ("compound", "amod"), lambda e: bool(e.actor and e.actor.sector) and e.type not in _PLACE_TYPES
    )


def _country_modifier(noun: Token, ctx: _Context) -> Entity | None:
    """The country or people named before an act of conflict: its doer ("an Iranian attack").
    Not a capital standing for its government ("the Paris talks" name where)."""
    return _modifier(
        noun, ctx, ("compound", "amod", "nmod"), lambda e: bool(e.actor and e.actor.country and not e.actor.sector)
    )


def _country_of_conflict(noun: Token, ctx: _Context, code: str) -> Entity | None:
    """The country named before an act of conflict (``code``): "an Iranian attack", "U.S. air strikes"."""
    return _country_modifier(noun, ctx) if ctx.lexicon.code(code).quad_class >= 3 else None


def _act_code(noun: Token, lex: Lexicon) -> str | None:
    """The lexicon's code of a noun that names an act: its own, or its verb's ("firing": "fire")."""
    lemma = noun.lemma_.lower()
    verbs = (lemma, lemma[:-3], lemma[:-3] + "e") if lemma.endswith("ing") else (lemma,)
    return lex.noun(lemma) or next((code for v in verbs if (code := lex.verb(v))), None)


def _modifier(word: Token, ctx: _Context, deps: Collection[str], wanted: Callable[[Entity], bool]) -> Entity | None:
    """The first entity named in a modifier (``deps``) before ``word`` that is ``wanted``."""
    for c in word.children:
        if c.dep_ in deps and c.i < word.i:
            entity = ctx.owner.get(c.i)
            if entity is not None and wanted(entity):
                return entity
    return None


_MEANS_PREPS = frozenset({"in", "during", "by"})


def _doer_of_means(verb: Token, ctx: _Context) -> Entity | None:
    """ "were killed in police firing", "injured in firing by the army", "killed in the Indian
    strikes": a passive act with no agent is done by the doer of the act it happened in (the act
    may follow the last of passives joined: "seven were killed and 30 wounded in the firing")."""
    joined = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"]
    for prep in (p for v in (verb, *joined) for p in v.children):
        if prep.dep_ != "prep" or prep.lower_ not in _MEANS_PREPS:
            continue
        for act in (g for g in prep.children if g.dep_ == "pobj"):
            code = _act_code(act, ctx.lexicon)
            if code:
                found = (
                    _group_modifier(act, ctx)
                    or _country_of_conflict(act, ctx, code)
                    or _actor_of(object_after(act, "by"), ctx)
                )
                if found is not None:
                    return found
    return None


_NOMINAL_PLACES = frozenset({"pobj", "nsubj", "nsubjpass"})  # a gerund there is a noun
# Event nouns that name a thing as often as a happening ("the Louvre agreement", "import
# tariffs", "slack demand", "an inquiry"): cooperation, and verbal conflict short of protest.
_THING_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "09", "10", "11", "12", "13", "16"})


def _by_no_one(event: Event, word: Token | None) -> bool:
    """Whether an act of cooperation or of verbal conflict names no one taking part, neither a
    doer nor one it is done to, once the context has lent its actors ("sellers are refusing to
    accept", "the phone offers", "he acknowledged", "there was much to discuss"): it is no
    record of who did what to whom. An office or a group as its subject names a party we could
    not tell ("the minister declined to disclose", "officials dismissed"): kept. Protests,
    force and violence are kept alone ("clashes erupted", "were arrested")."""
    if event.root not in _THING_ROOTS or event.source is not None or event.target is not None:
        return False
    if word is not None and word.dep_ == "dobj" and word.head.lemma_ in _LIGHT_VERBS:
        word = word.head  # "held talks": the holders
    subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")] if word is not None else []
    return not any(an_office(s.lemma_) or body_sector(s.lemma_) for s in subjects)


def _a_mere_mention(event: Event, noun: Token) -> bool:
    """ "the treaty", "trade sanctions", "demand": a noun of cooperation or of verbal conflict
    with no one taking part and no verb making it happen names a thing, not an event. Protests,
    force and violence nouns report a happening alone ("clashes erupted")."""
    if event.root not in _THING_ROOTS or event.source is not None or event.target is not None:
        return False
    return not (noun.dep_ == "dobj" and noun.head.lemma_ in _LIGHT_VERBS)


def _noun_event(noun: Token, code: str, ctx: _Context) -> Event | None:
    source: Entity | None = None
    target: Entity | None = None
    for c in noun.children:
        if c.dep_ == "poss" and noun.lemma_.lower() in _UNDERGONE:
            target = _actor_of(c, ctx)  # "his arrest": the one arrested
        elif c.dep_ == "poss":
            source = _actor_of(c, ctx)
        elif c.dep_ == "prep" and c.lower_ == "between":
            pair = [g for g in c.subtree if g.dep_ in ("pobj", "conj") and g.i in ctx.owner]
            actors = [_actor_of(g, ctx) for g in pair]
            actors = [a for a in actors if a is not None]
            if len(actors) >= 2:
                source, target = actors[0], actors[1]
        elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS and target is None:
            target = _actor_of(object_of(c), ctx)
        elif c.dep_ == "prep" and c.lower_ == "by" and source is None:  # "attacks on the agency by Netanyahu"
            source = _actor_of(object_of(c), ctx)
    source = source or _group_modifier(noun, ctx) or _country_of_conflict(noun, ctx, code)
    if source is None:
        # "gathered after an air attack": whoever acts after a conflict is not its doer
        conflict = ctx.lexicon.code(code).quad_class >= 3
        source = _actor_of(_participant(noun, ("at", "in", "during") if conflict else (*_TAKING_PART, "for")), ctx)
    return _event(noun, code, source, target if target is not source else None, ctx)


# Acts whose noun's possessor is the one they were done to: "his arrest", "Navalny's killing",
# "the minister's dismissal" (where "Russia's attack" is Russia's own).
_UNDERGONE = frozenset(
    """arrest detention imprisonment jailing capture abduction kidnapping assassination killing murder
    execution release removal expulsion deportation extradition ouster dismissal sacking trial conviction
    sentencing torture beating""".split()
)


# Verbs that make the act their object names happen ("held talks"), or make more of it ("stepped
# up vigil", "tightened security", "imposed a curfew", "kept a watch"): their subject takes part.
_LIGHT_VERBS = frozenset(
    """hold have launch carry conduct stage begin start mount make sign reach attend host join open resume
    step intensify tighten impose clamp keep maintain increase""".split()
)
_TAKING_PART = ("at", "in", "during", "after", "before")


def _participant(noun: Token, taking_part: Collection[str] = _TAKING_PART) -> Token | None:
    """Who took part in an event noun: the subject of a light verb ("held talks"), or of the
    clause in which one was "at" it ("Speaking at a press conference, the President said")."""
    head, via = noun.head, noun
    if noun.dep_ == "pobj" and head.lower_ in taking_part:
        head, via = head.head, head
    elif not (noun.dep_ in ("dobj", "npadvmod") and head.lemma_ in _LIGHT_VERBS):
        return None  # (an object parsed as a modifier: "stepped up vigil")
    for _ in range(3):
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if head.dep_ not in ("advcl", "xcomp", "conj") or (via.dep_ == "dobj" and head.lemma_ not in _LIGHT_VERBS):
            return None
        head, via = head.head, head
    return None


def _actor_of(token: Token | None, ctx: _Context) -> Entity | None:
    """The entity with an actor that the phrase headed by ``token`` names (its head word first)."""
    if token is None:
        return None
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        token = token.head.head
    if _a_place_named(token, ctx) or in_dateline(token):
        return None  # "a meeting in Paris", "WELLINGTON, June 18 - ...": where, not who
    # "Irish guerrillas", "U.N. helicopters", "Israel's army", "an attack by Osgiliath soldiers",
    # "forces in Guinea"
    candidates = [token] + [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod", "appos")]
    preps = [c for c in token.children if c.dep_ == "prep"]
    # "forces in Guinea" are Guinea's; "a meeting in Paris" is no one's
    owning = ("by", "of", "from") if ctx.lexicon.noun(token.lemma_.lower()) else ("by", "in", "of", "from")
    for word in owning:
        candidates += [g for c in preps if c.lower_ == word for g in c.children if g.dep_ == "pobj"]
    named = [e for t in candidates if (e := ctx.owner.get(t.i)) is not None and _a_doer(e)]
    # a coded actor first: "Israeli right-winger Ariel Sharon", "Osama bin Laden's al-Qaeda"
    return next((e for e in named if e.actor), named[0] if named else None)


# Named kinds of entity that can do an act though no dictionary codes them ("Imran Khan
# accused the military", "Fischer described ..."): the doer is still who the text names.
_DOER_TYPES = frozenset({"PERSON", "ORG"})


def _a_doer(entity: Entity) -> bool:
    """Whether an entity can be an event's source or target: it has an actor code, or it is a
    named person or organisation (its ``source_actor`` then stays null: no code is guessed)."""
    return entity.actor is not None or entity.type in _DOER_TYPES


_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# ("from" is left out: "withdraw its troops from Lebanon" is a withdrawal from Lebanon)
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "via", "through"})


def _a_place_named(token: Token, ctx: _Context) -> bool:
    """Whether a place's name stands as a place, not as its government: after a preposition
    of place ("met in Paris"); a capital elsewhere may stand for its government ("Moscow
    said", "talks with Kyiv")."""
    entity = ctx.owner.get(token.i)
    return (
        entity is not None and entity.type in _PLACE_TYPES and token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
    )


_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def _speaker_entity(word: Token, ctx: _Context) -> Entity | None:
    speaker = _reporter(word, ctx)
    found = ctx.entities.get(speaker) if speaker else None
    return found if found is not None and _a_doer(found) else None


def _first_actor(phrase: Token | None, ctx: _Context) -> Entity | None:
    """The first actor named inside an object ("the prospect of Ukraine joining Nato")."""
    if phrase is None:
        return None
    for t in phrase.subtree:
        if t.dep_ in ("poss", "compound"):  # "ties with Gondor's government": the government
            t = t.head if (owner := ctx.owner.get(t.head.i)) is not None and _a_doer(owner) else t
        entity = ctx.owner.get(t.i)
        if entity is not None and _a_doer(entity) and t.dep_ in ("nsubj", "poss", "pobj", "compound"):
            return entity
    return None


def _event(
    word: Token, code: str, source: Entity | None, target: Entity | None, ctx: _Context, mood: str | None = None
) -> Event | None:
    if source is not None and not _a_doer(source):
        source = None  # a place or a work named as the subject is no doer
    known = source is not None and bool(source.actor)  # an uncoded doer leaves the event less sure
    info = ctx.lexicon.code(code)
    sentence = word.sent
    in_sentence = ctx.dates.starting(sentence.start_char, sentence.end_char - 1)
    date, confidence = event_date(word, in_sentence, ctx.timexes, ctx.published, ctx.narrated_present)
    mood = mood or modality(word, ctx.narrated_present)
    place, location_basis = event_place(word, ctx.where)
    target_actor = target.actor if target and target.actor else None
    if target is None and place is not None and location_basis == "clause" and info.root in _ATTACKS:
        # struck a station in the Bryansk region: an attack on Russia (a dateline's place is not said to be hit)
        own = source.actor.country if source is not None and source.actor else None
        # a sea or a region of water ("in the Gulf") is no country's to be attacked
        if place.type != "LOC" and place.place and place.place.country and place.place.country != own:
            target = place
            country = place.place.country
            target_actor = Actor(country, country=country)
    return Event(
        cameo=info.code,
        cameo_name=info.name,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=info.plover,
        source=source.id if source is not None else None,
        target=target.id if target else None,
        source_actor=source.actor if source is not None else None,
        target_actor=target_actor,
        modality=mood,
        reported_by=_reporter(word, ctx),
        date=date,
        location=place.id if place is not None else None,
        location_basis=location_basis,
        location_precision=place.place.kind if place is not None and place.place else None,
        evidence=CharSpan(sentence.start_char, sentence.end_char),
        confidence=round(confidence * (1.0 if target else 0.85) * (1.0 if known else 0.5), 2),
        trigger=TextSpan(word.text, word.idx, word.idx + len(word)),
    )


_ATTACKS = frozenset({"18", "19", "20"})  # an attack on a place is on its country; an arrest there is not


def _content_of(quote: Quote) -> TextSpan | Quote:
    """What the quote reports: its content, else the quote itself."""
    return quote.content or quote


def _reporter(word: Token, ctx: _Context) -> str | None:
    for q in ctx.reports.overlapping(word.idx, word.idx + 1):
        if q.cue is None or q.cue.start != word.idx:
            return q.speaker
    return None


def _merge(events: list[Event], sentence_of: dict[int, int], named_again: dict[int, Event]) -> list[Event]:
    """One incident, one event: a later telling of an act becomes a mention of the event that
    first told it (:attr:`Event.mentions`), not an event of its own. A telling is the same act

    - when it names the act again ("Iraqi jets attacked the platform ... The attack set it on
      fire": :func:`.implied.told_before`);
    - when it has the same source, target, code, modality and reporter, on a day that does not
      differ (:func:`_same_day`): anywhere in the
      article where it names a target ("arrested the opposition leader" ... "his arrest"), in
      the same or the next sentence where it names none. An event with no source, or one read
      off the context, is never merged so: two arrests "by" no one known are not the same arrest.

    The event keeps its first telling's words and the highest confidence of its tellings."""
    kept: list[Event] = []
    latest: dict[tuple[str | None, ...], Event] = {}  # key -> the latest event told with it
    home: dict[int, Event] = {}  # id() of a telling -> the event it is a mention of
    for e in sorted(events, key=lambda e: e.evidence.start):
        e.mentions = [EventMention(e.trigger, e.evidence, e.caption)]
        key = (e.source, e.target, e.cameo, e.modality, e.reported_by)
        earlier = home.get(id(named_again[id(e)])) if id(e) in named_again else None
        if earlier is None and e.source is not None and not e.source_inferred and key in latest:
            candidate = latest[key]
            near = sentence_of[e.evidence.start] - sentence_of[candidate.mentions[-1].evidence.start] <= 1
            earlier = candidate if (e.target is not None or near) and _same_day(candidate, e) else None
        if earlier is None:
            latest[key] = e
            home[id(e)] = e
            kept.append(e)
            continue
        home[id(e)] = earlier
        earlier.mentions.extend(e.mentions)
        earlier.confidence = max(earlier.confidence, e.confidence)
        if earlier.location is None and e.location is not None:  # where a later telling puts it
            earlier.location, earlier.location_basis = e.location, e.location_basis
            earlier.location_precision = e.location_precision
        if e.date is not None and e.date.timex is not None and (earlier.date is None or earlier.date.timex is None):
            earlier.date = e.date  # the day a later telling gives it
    merged = sorted(kept, key=lambda e: (e.evidence.start, -e.confidence))
    for i, e in enumerate(merged, 1):
        e.id = f"V{i}"
        e.coded = _coded(e)
    return merged


def _same_day(one: Event, other: Event) -> bool:
    """Whether two tellings may be of one day: the same date, or one with no date of its own
    (the publication date stands in)."""
    own = [e.date for e in (one, other) if e.date is not None and e.date.timex is not None]
    return len(own) < 2 or own[0].value == own[1].value


def _coded(event: Event) -> str:
    """Which of an event's actors are coded, to a country or an organisation (a sector alone,
    "GOV", says what kind of actor but not whose): "both", "source", "target" or "none"."""
    source, target = _whose(event.source_actor), _whose(event.target_actor)
    return "both" if source and target else "source" if source else "target" if target else "none"


def _whose(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.org)
