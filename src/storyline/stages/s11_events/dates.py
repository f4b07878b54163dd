"""When an event happened, as its sentence tells it, and how that was decided (``basis``).

- ``clause``: a date or time in the event's own clause ("struck on Tuesday");
- ``sentence``: else the first one in its sentence that is not in a clause embedded below the
  event's word ("claims that it broke an agreement reached in 1991": not 1991);
- ``dateline``: that date is the story's dateline ("KYIV, March 3 -");
- ``earlier``: "at the time", "back then": the last date told before the sentence; or, for an
  act in the simple past with no date of its own, the day the sentence before (a sentence, not
  a heading) tells its act on ("The first A380 landed in Singapore at 6:40 p.m. The aircraft
  was greeted by 400 guests"), or that an act of it was dated to: narration goes on in its time
  (not a statement, nor an act a clause orders before or after another: "soon after X was
  killed");
- ``published``: no date in the sentence, and the act is told in the present ("says", "is
  protesting"), is a statement reported with a reporting verb ("the ministry said"), or is an
  act in the simple past that such a statement reports ("officials say a strike killed 13"):
  news tells those on the day it appears. Not a habit or a condition ("when we protest", "if
  they offer it"), nor a statement not yet made or made before ("will announce", "had said");
- ``incident``: an act of the kind of the article's lead incident (an act in its title or first
  sentences dated within two days before publication: "India fired missiles early Wednesday"),
  told in the simple past with no date of its own ("six people were killed in the strikes"), or
  named by a noun that points back at it ("the death toll from the strikes has risen"), is of
  that incident's day;
- no date: any other act with no date of its own (a past act, "has filed", a future one) is not
  given the publication day; it may be years old.

``precision`` says how fine the value is: day, week, month, quarter, season, year, decade, or
none where the value leaves part of it open ("XXXX-WXX-5").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from storyline.document.records import Event, EventDate, Timex
from storyline.knowledge.speech import REPORTING_VERBS
from storyline.parse.clauses import CLAUSES, clause_tokens
from storyline.parse.datelines import in_dateline

__all__ = ["event_date", "incident_dates", "narration_dates", "precision"]

_LEAD_SENTENCES = 3  # the title and the first sentences, where news tells its incident
_LEAD_DAYS = 2  # how long before publication the lead incident may lie

AT_THE_TIME = ("at the time", "at that time", "back then")
_TEMPORAL = frozenset({"during", "since", "before", "after", "until", "throughout"})  # words that order acts
_WHENEVER = frozenset({"when", "whenever"})  # a habit's clause
_IF = frozenset({"if", "unless"})  # a condition's
_BACK = frozenset({"the", "this", "these", "that", "those"})  # a noun's words that point back at one told
_PRECISIONS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
)


def precision(value: str) -> str | None:
    """How fine a TIMEX3 value is; None where part of it is left open."""
    return next((name for pattern, name in _PRECISIONS if pattern.match(value)), None)


def _dated(timex: Timex, basis: str) -> EventDate:
    return EventDate(timex.id, timex.value, basis=basis, precision=precision(timex.value))


def event_date(
    word: Token,
    in_sentence: Sequence[Timex],
    timexes: Sequence[Timex],
    published: str | None,
    narrated_present: bool = False,
) -> tuple[EventDate | None, float]:
    """The date of the event ``word`` tells, from the dates and times of its sentence
    (``in_sentence``, in order) and of the text (``timexes``), and how sure that is."""
    sentence = word.sent
    timing = [t for t in in_sentence if not _names_a_thing(t, word)]
    own = _held(timing, word)
    if own is not None:
        return _dated(own, "clause"), 0.9
    governing = [t for t in timing if not _below(t, word)]
    if governing:
        # the nearest clause above that holds one ("involved in the attack in October 2023, in
        # which 1,200 were killed"), else the sentence's first
        nearest = next((t for head in word.ancestors if (t := _held(governing, head)) is not None), governing[0])
        token = word.doc.char_span(nearest.start, nearest.end, alignment_mode="expand")
        return _dated(nearest, "dateline" if token is not None and in_dateline(token[0]) else "sentence"), 0.7
    if _at_the_time(word):
        earlier = [t for t in timexes if t.type == "DATE" and t.end <= sentence.start_char]
        if earlier:
            return _dated(earlier[-1], "earlier"), 0.6
    carried = _carried_over(word, timexes) if _narrated(word) else None
    if carried is not None:
        return _dated(carried, "earlier"), 0.5
    if published and (narrated_present or _told_today(word) or _reported_recent(word)):
        return EventDate(None, published, basis="published", precision=precision(published)), 0.4
    return None, 0.4


def _narrated(word: Token) -> bool:
    """An act the narration tells: in the simple past, not in a clause that orders it before or
    after another ("soon after Haniyeh was killed"), and no statement (which keeps the day it is
    reported on)."""
    verb = _verb_of(word)
    if verb is None or verb.lemma_.lower() in REPORTING_VERBS or not _simple_past(word):
        return False
    # a subordinator stands alone: "Speaker after speaker denounced" is no such clause
    return not any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL and not c.n_lefts + c.n_rights for c in verb.children
    )


def _carried_over(word: Token, timexes: Sequence[Timex]) -> Timex | None:
    """The day the sentence before tells its act on (a day's date or time that its main clause
    holds, not one below it nor a year of a noun)."""
    before = _sentence_before(word)
    if before is None:
        return None
    days = [t for t in timexes if before.start_char <= t.start < before.end_char and precision(t.value[:10]) == "day"]
    root = before.root
    held = [t for t in days if not _below(t, root) and not _names_a_thing(t, root)]
    return held[0] if held else None


def _sentence_before(word: Token) -> Span | None:
    """The sentence before the word's, where it is one: a heading, a caption or a line of page
    furniture (no full stop) tells no narration."""
    if word.sent.start == 0:
        return None
    before = word.doc[word.sent.start - 1].sent
    told = [t for t in before if not t.is_space and not t.is_quote]
    return before if told and told[-1].text in (".", "!", "?") else None


def _names_a_thing(timex: Timex, word: Token) -> bool:
    """Whether ``timex`` is a year written before a noun the word is not part of, which it dates
    alone ("its 2030 emissions target", "charged in the 1995 shooting", "that 1978 resolution
    calls for")."""
    if not re.fullmatch(r"\d{4}", timex.value):
        return False
    span = word.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    year = span[0]
    noun = year.head
    modifies = year.dep_ in ("nummod", "compound", "amod") and year.i < noun.i and noun.pos_ == "NOUN"
    # "taken during the 1987 offensive": a time the clause is told in
    timed = noun.dep_ == "pobj" and noun.head.lower_ in _TEMPORAL
    # what the noun's own words tell is of its year: "the 1996 bombing that killed one person";
    # a noun event holding it is too: "three attacks, including the 1996 bombing"
    inside = word in noun.subtree or (word.pos_ == "NOUN" and noun in word.subtree)
    return modifies and not timed and not inside


def _held(timexes: Sequence[Timex], word: Token) -> Timex | None:
    """The first of ``timexes`` that stands in the word's own clause."""
    clause = {t.idx for t in clause_tokens(word)}
    return next((t for t in timexes if t.start in clause or any(t.start <= i < t.end for i in clause)), None)


def _at_the_time(word: Token) -> bool:
    """Whether the word's sentence says "at the time" (or "back then") of it, not in a clause
    below it ("asked to meet her sister, who was 11 at the time": the sister's age then)."""
    sentence = word.sent
    lowered = sentence.text.lower()
    for phrase in AT_THE_TIME:
        at = lowered.find(phrase)
        if at >= 0:
            span = word.doc.char_span(sentence.start_char + at, sentence.start_char + at + len(phrase))
            if span is not None and not _below_word(span.root, word):
                return True
    return False


def _below(timex: Timex, word: Token) -> bool:
    """Whether ``timex`` stands in a clause embedded below ``word``'s own ("claims that it
    violates an agreement reached in 1991": 1991 is when the agreement was reached)."""
    span = word.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span is not None and _below_word(span.root, word)


def _below_word(root: Token, word: Token) -> bool:
    """Whether ``root`` stands in a clause embedded below ``word``'s own."""
    for token in (root, *root.ancestors):
        if token.dep_ in CLAUSES and token.pos_ in ("VERB", "AUX"):
            # "the ban, passed last October": a clause that tells of the event's noun dates it
            return token != word and word in token.ancestors and not (token.dep_ == "acl" and token.head == word)
        if token == word:
            return False
    return False


def _told_today(word: Token) -> bool:
    """A statement with a reporting verb ("said", "told"; not "will say", "had said"), or an act
    told in the present ("says", "is protesting", "are committed", "can fly"), not in the perfect
    ("has filed"), with a modal of the future or of a mere possibility ("will meet", "might
    strike") or as a habit ("when we protest, police are called")."""
    verb = _verb_of(word)
    if verb is None or _habitual(verb):
        return False
    auxiliaries = _auxiliaries(verb)
    modal = any(a.tag_ == "MD" and a.lower_ != "can" for a in auxiliaries)
    if verb.lemma_.lower() in REPORTING_VERBS:
        # "would later ask", "will announce": not said yet; "would not comment" is a refusal;
        # "had announced": said before the story's time
        refused = any(a.lower_ == "would" for a in auxiliaries) and any(c.dep_ == "neg" for c in verb.children)
        infinitive = verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxiliaries)  # "using it to criticise"
        return (refused or not modal) and not _past_perfect(verb) and not infinitive
    if modal or any(a.lemma_ == "have" for a in auxiliaries):
        return False
    if verb.tag_ in ("VBZ", "VBP") or any(a.lower_ == "can" for a in auxiliaries):
        return True
    if verb.dep_ == "acomp" and verb.head.tag_ in ("VBZ", "VBP"):
        return True  # "We are fully committed", as the parser reads it: a complement of "are"
    return any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)  # "is protesting", "are committed"


def _habitual(verb: Token) -> bool:
    """A habit, a condition or a general truth told in the present, of no day: a clause of
    "when", "whenever" or "if" in the present ("if the Chinese offer it"), a clause that holds
    one of "when" ("When we protest, police are called"; not of "if": "threatened to act if the
    banks refuse" is a threat of today), or one whose subject is "you"."""
    if _marked_present(verb, _WHENEVER | _IF):
        return True
    if any(c.dep_ == "advcl" and _marked_present(c, _WHENEVER) for c in verb.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "you" for c in verb.children)


def _marked_present(clause: Token, marks: frozenset[str]) -> bool:
    """A clause in the present introduced by one of ``marks``."""
    marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in clause.children)
    auxiliaries = _auxiliaries(clause)
    return marked and (clause.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries))


def _reported_recent(word: Token) -> bool:
    """An act told in the simple past inside what someone says or said, with no date of its own
    ("officials say a strike killed 13", "police said homes were damaged"): news reports what is
    new, so it is of the statement's day. Not "had been" (before then), nor a future or a modal,
    nor inside a clause with one ("may have an impact as when the iPod was released")."""
    verb = _verb_of(word)
    if verb is None or verb.tag_ not in ("VBD", "VBN") or _perfect_or_modal(_auxiliaries(verb)):
        return False
    child = verb
    for head in verb.ancestors:
        if head.lemma_.lower() in REPORTING_VERBS and child.dep_ in ("ccomp", "parataxis"):
            return not _past_perfect(head)  # "police had said they arrested 12": before then
        if child.dep_ not in ("conj", "ccomp", "advcl") and child is not verb:
            return False
        if any(a.tag_ == "MD" for a in _auxiliaries(head)):
            return False  # "he believes this may have an impact as when the iPod was released"
        child = head
    return False


def _past_perfect(verb: Token) -> bool:
    """ "had said", "had been told"."""
    return any(a.lower_ in ("had", "'d") for a in _auxiliaries(verb))


def _verb_of(word: Token) -> Token | None:
    """The verb that tells ``word``: itself, or the verb its noun hangs on ("the strike
    continues", "launched an attack")."""
    for token in (word, *word.ancestors):
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def incident_dates(told: Sequence[tuple[Event, Token | None]], published: str | None) -> None:
    """Give the lead incident's day to the undated acts of its kind (quad class) that the
    article tells in the simple past or names by a noun pointing back at one told (``told``:
    each event with its word, in text order)."""
    lead = _lead(told, published)
    if lead is None or lead.date is None:
        return
    day = EventDate(lead.date.timex, lead.date.value, basis="incident", precision=lead.date.precision)
    for event, word in told:
        if event.date is not None or word is None or event.modality != "asserted":
            continue
        if event.quad_class == lead.quad_class and (_simple_past(word) or _told_back(word)):
            event.date = day


def narration_dates(told: Sequence[tuple[Event, Token | None]]) -> None:
    """Carry the narration's day on from sentence to sentence: an undated act the narration
    tells (:func:`_narrated`) takes the day of an act the sentence before dated to a day
    (``told``: each event with its word, in text order)."""
    by_sentence: dict[int, list[Event]] = {}
    for event, word in told:
        if word is not None:
            by_sentence.setdefault(word.sent.start, []).append(event)
    for event, word in told:
        if event.date is not None or word is None or event.modality != "asserted" or not _narrated(word):
            continue
        before = _sentence_before(word)
        dated = [
            e.date
            for e in (by_sentence.get(before.start, []) if before is not None else [])
            if e.date is not None and e.date.basis in ("clause", "sentence", "earlier") and e.date.precision == "day"
        ]
        if dated:
            event.date = EventDate(dated[0].timex, dated[0].value, basis="earlier", precision=dated[0].precision)


def _lead(told: Sequence[tuple[Event, Token | None]], published: str | None) -> Event | None:
    """The first asserted act in the title or first sentences dated from the text to a day
    within :data:`_LEAD_DAYS` before publication."""
    if not published:
        return None
    try:
        day = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    words = [word for _, word in told if word is not None]
    if not words:
        return None
    lead_end = list(words[0].doc.sents)[:_LEAD_SENTENCES][-1].end  # the first token after the lead
    for event, word in told:
        if word is None or word.i >= lead_end or event.date is None:
            continue
        if event.date.basis not in ("clause", "sentence", "dateline"):
            continue
        try:
            when = datetime.date.fromisoformat(event.date.value[:10])
        except ValueError:
            continue
        if event.modality == "asserted" and 0 <= (day - when).days <= _LEAD_DAYS:
            return event
    return None


def _told_back(word: Token) -> bool:
    """An act named by a noun that points back at one already told ("the death toll from the
    strikes has risen", "India's strikes"): a definite article, a demonstrative or a possessor."""
    children = list(word.children)
    if word.pos_ != "NOUN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in children):
        return False  # "the Pahalgam terror attack" names an incident of its own
    return any((c.dep_ == "det" and c.lower_ in _BACK) or c.dep_ == "poss" for c in children)


def _simple_past(word: Token) -> bool:
    """Told in the simple past, active or passive ("struck", "were killed"), not the perfect."""
    verb = _verb_of(word)
    if verb is None:
        return False
    auxiliaries = _auxiliaries(verb)
    if _perfect_or_modal(auxiliaries):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxiliaries))


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _perfect_or_modal(auxiliaries: list[Token]) -> bool:
    """ "has filed", "had been killed", "will meet", "could strike"."""
    return any(a.tag_ == "MD" or a.lemma_ == "have" for a in auxiliaries)
