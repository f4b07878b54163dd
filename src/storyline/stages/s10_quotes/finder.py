"""Who said what: attributions from a trained tagger and the dependency parse.

An attribution has a cue (the verb or phrase that reports: "said", "told", "according to"),
a source (the words naming the speaker at that cue) and a content (what was said).

The tagged methods (``accurate``, ``fast``) start from the cues that a trained tagger marks:
each takes the tagged source of its sentence (the one holding the cue verb's subject) and the
content the parse gives it (below), snapped to a tagged content that agrees with it (with the
accurate tagger, a tagged content beside the cue comes first); a direct quotation runs on
around and after its cue ("“...,” he said, “...”"), and a cue set off by commas reports its
whole sentence. The ``frames`` and ``rules`` methods use the parse alone:

- a cue verb's clausal complement is its content: "Lavrov said (that) ...", and, since spaCy
  makes the reporting verb the root, "“...,” he said" too;
- a cue verb with no complement takes the quotation right after it ("saying: “...”") or right
  before it ("“...” — Lavrov");
- "according to X" makes X the source of the clause around it;
- the source is the cue's subject, or its head's for "..., adding that ..." and "saying";
- a quotation signed with a dash ("“...” — Karl Brandt") has the name as its source;
- a paragraph that opens with a speaker's label and a colon is theirs: a transcript's turn
  ("PENCE: Well, look ...") or a headline naming its source ("Poll: ...", "Pence: ...");
- a quotation that fills a paragraph with no cue of its own continues the speaker of the
  paragraph before, when that one ended on a quotation.

What is not reported speech is left out, whatever found it: a speech act held back or denied
("did not respond to a request for comment", "declined to comment"), a cue that is the subject
of its own content ("calls to the club went unanswered"), a cue of auxiliaries alone.

Kinds: a content that is one quotation is direct; one with quoted words inside is mixed (each
quoted piece is then a record of its own, all sharing the attribution's ``content`` span);
otherwise indirect. Quoted words that no cue claims (scare quotes) are left out. What each cue
reports (speech, a belief, a perception, or an act that is no report) is read by :mod:`.acts`;
who the speaker is, by :mod:`.speakers`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.document.records import Entity, Quote, TextSpan
from storyline.document.span_index import SpanIndex
from storyline.errors import StageOrderError
from storyline.knowledge.quote_cues import DEFAULT_METHOD, TAGGED, cue_frames
from storyline.parse.climbs import lineage
from storyline.parse.owners import own_mentions
from storyline.parse.quote_marks import Stretch, quoted_stretches
from storyline.parse.text import text_of
from storyline.stages.s10_quotes.acts import ACTS
from storyline.stages.s10_quotes.acts import read as read_cue
from storyline.stages.s10_quotes.speakers import Speakers
from storyline.stages.s10_quotes.tags import tag_parts
from storyline.stages.stage import QuoteTags

__all__ = ["find_quotes"]

_SUBJECTS = ("nsubj", "nsubjpass")
_INHERIT = ("advcl", "conj", "xcomp")  # "..., adding that": the subject of the verb it hangs on
_EDGE_PUNCT = set(",;:.—–-()[]")
_OPENING_MARKS = frozenset("\"'“‘`")
_QUOTATION = re.compile('[“”"]')
_SET_OFF_WORDS = 8  # the longest source between a cue and the quotation it runs on into
_BESIDE = 3  # words at most between a cue and a tagged content of its, the source aside
_HOLD_BACK = frozenset({"decline", "refuse"})  # "declined to comment": nothing was said
# The methods whose tagged content beside a cue wins over the parse's: chosen on the tuning
# split of PolNeAR train (the encoder's contents: +1.6 content F1 there; the small heads': -1.4).
_CONTENT_FIRST = frozenset({"accurate"})


@dataclass
class _Attribution:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker: str | None = None
    pieces: list[Stretch] = field(default_factory=list)
    act: str = "speech"  # what the cue reports (:mod:`.acts`)


def find_quotes(
    doc: Doc, entities: Iterable[Entity], method: str = DEFAULT_METHOD, tags: QuoteTags | None = None
) -> list[Quote]:
    """The quotations of a parsed text, as document-contract records, in text order. The
    tagged methods ("fast", "accurate") read their tagger's ``tags`` of the text (the
    ``quote_tags`` stage)."""
    text = text_of(doc)
    frames = cue_frames(method)
    stretches = SpanIndex(quoted_stretches(text), _chars)
    speakers = Speakers(text, entities)
    found: list[_Attribution] = []
    for token in doc:
        deps = frames.get(token.lemma_.lower()) if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" else None
        if deps:
            found.extend(_from_verb(token, deps, stretches, speakers))
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            found.extend(_according_to(token, speakers))
    if method in TAGGED:
        if tags is None:
            raise StageOrderError(
                "the shipped quote finder reads the quote tagger's tags: run the quote_tags stage first"
            )
        found = _with_tags(doc, tag_parts(doc, tags), found, frames, stretches, speakers, method in _CONTENT_FIRST)
    found = [a for a in _dedupe(found) if not _withheld(doc, a) and _reported(doc, a)]
    found.sort(key=_content)
    carried = speakers.carry(doc, [(a.content, a.source, a.speaker, a.act) for a in found])
    for a, speaker in zip(found, carried, strict=True):
        a.speaker = speaker
    found.extend(_dashed(text, stretches, found, entities))
    found.extend(_labelled(text, found, entities))
    found.extend(_continuations(text, stretches, found))
    contents = SpanIndex(found, _content)
    for stretch in stretches:  # a quotation belongs to the innermost attribution around it
        around = [a for a in contents.overlapping(stretch.start, stretch.end) if _within(stretch, a.content)]
        if around:
            min(around, key=lambda a: a.content[1] - a.content[0]).pieces.append(stretch)
    return _records(text, sorted(found, key=lambda a: a.content), speakers)


def _with_tags(
    doc: Doc,
    tags: dict[str, list[Span]],
    found: list[_Attribution],
    frames: dict[str, frozenset[str]],
    stretches: SpanIndex[Stretch],
    speakers: Speakers,
    content_first: bool = False,
) -> list[_Attribution]:
    """The tagger's cues, each with the tagged source of its sentence and the content the parse
    gives it; a rule attribution whose cue the tagger also marked takes the tagged spans. With
    ``content_first`` a tagged content beside the cue wins over the parse's."""
    contents = _Contents(tags.get("CONTENT", []))
    sentence_sources: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for tagged in tags.get("SOURCE", []):
        sentence_sources[tagged.sent.start, tagged.sent.end].append(tagged)
    cues = SpanIndex([a for a in found if a.cue is not None], _cue)
    out: list[_Attribution] = []
    for cue in tags.get("CUE", []):
        cue_chars = (cue.start_char, cue.end_char)
        ruled = cues.overlapping(*cue_chars)
        source = _in_paragraph(_tagged_source(cue, sentence_sources[cue.sent.start, cue.sent.end]), cue)
        src = _source_extent(source, cue) if source is not None else None
        speaker = speakers.entity(source.root, (source.start_char, source.end_char)) if source is not None else None
        # one content per cue: of the parse's, the one the tagger agrees with most, else the longest
        parsed = max((a.content for a in ruled), key=lambda c: (_tagged_share(c, contents), c[1] - c[0]), default=None)
        beside = _beside(cue, source, contents) if content_first else None
        content = beside or _snap(
            parsed or _tagged_content(cue, source, frames, stretches), cue, source, contents, stretches
        )
        if content is None or not any(ch.isalnum() for ch in text_of(doc)[content[0] : content[1]]):
            continue
        content = _around(cue, source) or content
        content = _quote_goes_on(text_of(doc), _widen(content, stretches), cue, stretches)
        first = ruled[0] if ruled else None
        out.append(
            _Attribution(
                content,
                cue_chars,
                src or (first.source if first else None),
                speaker or (first.speaker if first else None),
            )
        )
    return out


class _Contents:
    """The tagged contents, found by the characters and by the tokens they cover."""

    def __init__(self, spans: list[Span]) -> None:
        self.by_chars = SpanIndex(spans, lambda c: (c.start_char, c.end_char))
        self.by_tokens = SpanIndex(spans, lambda c: (c.start, c.end))


def _tagged_share(content: tuple[int, int], contents: _Contents) -> int:
    """How many characters of ``content`` the tagged contents cover."""
    return sum(
        min(c.end_char, content[1]) - max(c.start_char, content[0]) for c in contents.by_chars.overlapping(*content)
    )


def _snap(
    content: tuple[int, int] | None,
    cue: Span,
    source: Span | None,
    contents: _Contents,
    stretches: SpanIndex[Stretch],
) -> tuple[int, int] | None:
    """The tagged content that overlaps the parse's one, or else the tagged content next to
    the cue (at most a few words away, the source aside)."""
    if content is not None:
        cue_chars = (cue.start_char, cue.end_char)
        overlapping = [
            c for c in contents.by_chars.overlapping(*content) if not _overlaps((c.start_char, c.end_char), cue_chars)
        ]
        if overlapping:
            best = max(overlapping, key=lambda c: min(c.end_char, content[1]) - max(c.start_char, content[0]))
            shared = min(best.end_char, content[1]) - max(best.start_char, content[0])
            if shared * 2 < min(best.end_char - best.start_char, content[1] - content[0]):
                return content  # a tagged span that only grazes the parse's content
            quoted = stretches.within(*content)
            if all(_within(q, (best.start_char, best.end_char)) for q in quoted):
                return _trim(best.doc, best.start, best.end)  # never cut a quotation the parse took in
        return content
    return _beside(cue, source, contents)


def _beside(cue: Span, source: Span | None, contents: _Contents) -> tuple[int, int] | None:
    """The tagged content next to the cue: at most a few words away, the source aside."""
    reach = _BESIDE + (len(source) if source is not None else 0)
    after = contents.by_tokens.starting(cue.end, cue.end + reach)
    before = contents.by_tokens.ending(cue.start - reach, cue.start)
    near = []
    for c in sorted(before + after, key=lambda c: c.start):
        if _overlaps((c.start_char, c.end_char), (cue.start_char, cue.end_char)):
            continue
        gap = c.start - cue.end if c.start >= cue.end else cue.start - c.end
        between = source is not None and (
            cue.end <= source.start < source.end <= c.start or c.end <= source.start < source.end <= cue.start
        )
        if source is not None and between:
            gap -= len(source)
        if 0 <= gap <= _BESIDE and not _paragraph_between(cue, c):
            near.append((gap, c))
    if not near:
        return None
    best = min(near, key=lambda pair: pair[0])[1]
    return _trim(best.doc, best.start, best.end)


def _paragraph_between(cue: Span, content: Span) -> bool:
    """A paragraph break parts the cue from the content, and no colon after the cue leads
    across it ("he said:" then the quotation's own paragraph)."""
    doc = cue.doc
    lo, hi = (cue.end, content.start) if content.start >= cue.end else (content.end, cue.start)
    gap = doc[lo:hi]
    if not any(t.is_space and "\n" in t.text for t in gap):
        return False
    return not (content.start >= cue.end and any(t.text == ":" for t in gap))


def _around(cue: Span, source: Span | None) -> tuple[int, int] | None:
    """ "The museum, Mr. Obama said, would make visitors face ...": a cue set off by commas
    inside its sentence reports the whole sentence around it."""
    doc, sentence = cue.doc, cue.sent
    lo = min(cue.start, source.start) if source is not None else cue.start
    hi = max(cue.end, source.end) if source is not None else cue.end
    if lo - 1 <= sentence.start or hi + 1 >= sentence.end or doc[lo - 1].text != "," or doc[hi].text != ",":
        return None
    return _trim(doc, sentence.start, sentence.end)


def _quote_goes_on(text: str, content: tuple[int, int], cue: Span, stretches: SpanIndex[Stretch]) -> tuple[int, int]:
    """ "“...,” said Caddell. “More.”": a direct content before its cue runs on through the
    quotation set off by a comma after the cue ("“Honestly,” he continued, “we may ...”") and
    the quotations that follow the cue's sentence in the same paragraph; "“Hopefully,” the
    president said, “...”" is one content around its cue. A content ending on a quotation
    counts, whatever comes before it ("The address “was a response,” said Jon Favreau.")."""
    if not any(s.end == content[1] for s in stretches.within(*content)):
        return content
    if content[0] >= cue.end_char:
        before = stretches.within(cue.sent.start_char, cue.start_char)
        return (before[0].start, content[1]) if before else content
    if content[1] > cue.start_char:
        return content
    start, stop = content
    end = cue.sent.end_char
    after = next(stretches.starting_from(cue.end_char), None)
    if after is not None and after.start < end and _set_off(text[cue.end_char : after.start]):
        stop = end = after.end
    while end > cue.end_char and (text[end - 1].isspace() or text[end - 1] in _OPENING_MARKS):
        end -= 1  # the parser may end the sentence after the next quotation's opening marks
    for s in stretches.starting_from(end):
        if text[end : s.start].strip() or "\n" in text[stop : s.start]:
            break
        stop = end = s.end
    return start, stop


def _set_off(between: str) -> bool:
    """Whether the words between a cue and a quotation are a comma, or a short source and a
    comma (", “...", " the Florida senator, “..."), within one sentence."""
    words = between.strip()
    return words.endswith(",") and len(words.split()) <= _SET_OFF_WORDS and not any(c in words for c in '.!?“”"')


def _source_extent(source: Span, cue: Span) -> tuple[int, int]:
    """A tagged source's words, cut where a participle after a comma begins a clause of its
    own ("Robin Maynard, laughing", "Senator Kirk, Republican of Illinois, becoming the first
    ...") unless the cue is in it, and with a trailing comma only where it closes an apposition
    ("Chris Christie," -> "Chris Christie"; "Howard Rubel, an analyst at Jefferies," keeps it)."""
    tokens = list(source)
    for i, t in enumerate(tokens[:-1]):
        after = tokens[i + 1]
        if t.text == "," and after.tag_ in ("VBG", "VBN") and not any(a.i == after.i for a in cue.root.ancestors):
            if after.i != cue.root.i:
                tokens = tokens[: i + 1]
            break
    while len(tokens) > 1 and tokens[-1].text == "," and not any(t.text == "," for t in tokens[:-1]):
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _tagged_source(cue: Span, mine: list[Span]) -> Span | None:
    """The tagged source for a cue: of the sources in its sentence (``mine``), the one holding
    the cue verb's subject, else the nearest."""
    if not mine:
        return None
    subject = _subject(cue.root)
    if subject is not None:
        for s in mine:
            if s.start <= subject.i < s.end:
                return s
    return min(mine, key=lambda s: min(abs(s.start - cue.end), abs(cue.start - s.end)))


def _tagged_content(
    cue: Span, source: Span | None, frames: dict[str, frozenset[str]], stretches: SpanIndex[Stretch]
) -> tuple[int, int] | None:
    """What a tagged cue reports: its verb's complement, a quotation beside it, else the
    longer side of its sentence around the cue and source."""
    doc, verb = cue.doc, cue.root
    deps = frames.get(verb.lemma_.lower(), frozenset({"ccomp", "parataxis", "xcomp", "dobj"}))
    for complement in _complements(verb, deps):
        last = complement
        if complement.dep_ == "dobj":  # "urged its allies to act": the object and what follows
            last = max((c for c in verb.children if c.dep_ in ("xcomp", "oprd") and c.i > complement.i), default=last)
        content = _trim(doc, complement.left_edge.i, last.right_edge.i + 1)
        if content is not None and not _overlaps(content, (cue.start_char, cue.end_char)):
            return _widen(content, stretches)
    adjacent = _adjacent_quote(verb, stretches)
    if adjacent is not None:
        return adjacent.start, adjacent.end
    if verb.pos_ not in ("VERB", "AUX"):
        return None  # a noun or a colon: only a tagged content beside it will do
    right = [c for c in verb.children if c.i > cue.end - 1 and c.dep_ not in ("punct", "cc", "conj", "advmod", "prep")]
    if right:  # "is calling the candidate fit": what the verb governs to its right
        content = _trim(doc, right[0].left_edge.i, right[-1].right_edge.i + 1)
        if content is not None:
            return _widen(content, stretches)
    sentence = cue.sent
    lo = min(cue.start, source.start if source is not None else cue.start)
    hi = max(cue.end, source.end if source is not None else cue.end)
    before = _trim(doc, sentence.start, lo)
    after = _trim(doc, hi, sentence.end)
    sides = [side for side in (before, after) if side is not None]
    return max(sides, key=lambda side: side[1] - side[0]) if sides else None


def _complements(verb: Token, deps: Collection[str]) -> list[Token]:
    """The heads of the verb's dependents that its frame says hold the content."""
    out = []
    for child in verb.children:
        if child.dep_ in deps:
            out.append(child)
        elif child.dep_ == "prep" and f"prep:{child.lower_}" in deps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _from_verb(
    verb: Token, deps: Collection[str], stretches: SpanIndex[Stretch], speakers: Speakers
) -> list[_Attribution]:
    subject = _subject(verb)
    source = _span(subject) if subject is not None else None
    speaker = speakers.entity(subject, source) if subject is not None and source is not None else None
    cue = (verb.idx, verb.idx + len(verb))
    contents = _complements(verb, deps)
    out: list[_Attribution] = []
    for complement in contents:
        content = _trim(verb.doc, complement.left_edge.i, complement.right_edge.i + 1)
        if content is None or _overlaps(content, cue):
            continue
        out.append(_Attribution(_widen(content, stretches), cue, source, speaker))
    if not out:
        adjacent = _adjacent_quote(verb, stretches)
        if adjacent is not None:
            out.append(_Attribution((adjacent.start, adjacent.end), cue, source, speaker))
    return out


def _subject(verb: Token) -> Token | None:
    for head in lineage(verb, 2):
        subjects = [c for c in head.children if c.dep_ in _SUBJECTS]
        if subjects:
            return subjects[0]
        if head.dep_ not in _INHERIT:
            return None
    return None


def _span(token: Token) -> tuple[int, int]:
    """A subject's words: its subtree, cut before an apposition or relative clause set off by a
    comma ("Trump, who ..." -> "Trump")."""
    tokens = list(token.subtree)
    for t in tokens:
        if t.i > token.i and t.text == "," and t.head.i <= token.i:
            tokens = [u for u in tokens if u.i < t.i]
            break
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last)


def _according_to(according: Token, speakers: Speakers) -> list[_Attribution]:
    doc = according.doc
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
    if not objects:
        return []
    source_token = objects[0]
    phrase_end = source_token.right_edge.i + 1
    sentence = according.sent
    before = _trim(doc, sentence.start, according.i)
    after = _trim(doc, phrase_end, sentence.end)
    content = (
        before if before is not None and (after is None or before[1] - before[0] >= after[1] - after[0]) else after
    )
    if content is None:
        return []
    cue = (according.idx, to.idx + len(to))
    source = (source_token.left_edge.idx, source_token.right_edge.idx + len(source_token.right_edge))
    return [_Attribution(content, cue, source, speakers.entity(source_token, source))]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range -> char span, without punctuation at its edges (quotation marks stay)."""
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    span: Span = doc[start:end]
    return span.start_char, span.end_char


def _widen(content: tuple[int, int], stretches: SpanIndex[Stretch]) -> tuple[int, int]:
    """A content that starts or ends inside a quotation takes in the whole quotation, marks too."""
    start, end = content
    for s in stretches.overlapping(start, start + 1):
        start = min(start, s.start)
    for s in stretches.overlapping(end - 1, end):
        end = max(end, s.end)
    return start, end


def _adjacent_quote(verb: Token, stretches: SpanIndex[Stretch]) -> Stretch | None:
    """The quotation right after the cue ("saying: “...”") or right before its clause."""
    sentence = verb.sent
    text = text_of(verb.doc)
    cue_end = verb.idx + len(verb)
    for s in stretches.starting(cue_end, cue_end + 3):
        if text[cue_end : s.start].strip() in ("", ":", ",", ":\n"):
            return s
    clause_start = verb.doc[max(verb.left_edge.i, sentence.start)].idx
    for s in reversed(stretches.ending(clause_start - 4, clause_start)):
        if text[s.end : clause_start].strip() in ("", ",", "—", "–", "-"):
            return s
    return None


_DASH = re.compile(r"\s*([—―–]|--)\s*")


def _dashed(
    text: str, stretches: SpanIndex[Stretch], found: list[_Attribution], entities: Iterable[Entity]
) -> list[_Attribution]:
    """ "“...” — Karl Brandt": a quotation signed with a dash and a name."""
    starts = {m.start: (m.end, e.id) for e in entities for m in own_mentions(e)}
    claimed = SpanIndex(found, _content)
    out = []
    for s in stretches:
        dash = _DASH.match(text, s.end)
        if dash is None or dash.end() not in starts or claimed.overlapping(s.start, s.end):
            continue
        end, speaker = starts[dash.end()]
        out.append(_Attribution((s.start, s.end), dash.span(1), (dash.end(), end), speaker))
    return out


# "PENCE: Well, look ...", "Poll: Clinton and Trump in dead heat": a paragraph that opens with
# a speaker's label (a name or a short noun phrase, capitalised) and a colon
_LABEL = re.compile(
    r"(?m)^[ \t]*[\"“'‘]?(?P<label>[A-Z][\w.'’&-]*(?:[ \t]+[\w.'’&-]+){0,5}?)(?P<colon>:)[ \t]+(?P<content>\S[^\n]*)$"
)
# Nouns that head a news headline as its source ("Poll: ...", "Sources: ...")
_SOURCE_NOUNS = frozenset(
    "poll polls survey study report analysis sources officials witnesses police experts critics aides".split()
)
_MIN_LABELLED_WORDS = 3
_LABEL_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _labelled(text: str, found: list[_Attribution], entities: Iterable[Entity]) -> list[_Attribution]:
    """ "WALLACE: Let's start with ...", "Pence: Gennifer Flowers Won't Be at Debate": a
    transcript turn (in a text where a capitals label heads two paragraphs or more) or a
    headline that names its source before a colon. The source is the label; the speaker the
    entity it names (an all-capitals label, "PENCE", is the person of that surname)."""
    labelled = list(_LABEL.finditer(text))
    if not labelled:
        return []
    named = {(m.start, m.end): e.id for e in entities for m in own_mentions(e) if e.type in _LABEL_TYPES}
    surnames = {e.name.split()[-1].upper(): e.id for e in entities if e.type == "PERSON" and " " in e.name}
    turns = Counter(m.group("label") for m in labelled if m.group("label").isupper())
    transcript = any(n > 1 for n in turns.values())  # a capitals label heads two paragraphs or more
    cues = SpanIndex([a.cue for a in found if a.cue is not None], lambda cue: cue)
    out = []
    for m in labelled:
        label, content = m.group("label"), m.group("content").rstrip()
        speaker = named.get(m.span("label"))
        # a named speaker, a transcript's turn (a capitals name), or a source noun
        turn = transcript and label.isupper() and label.replace(" ", "").isalpha()
        if speaker is None and not turn and label.lower() not in _SOURCE_NOUNS:
            continue
        if len(content.split()) < _MIN_LABELLED_WORDS:
            continue
        if cues.overlapping(*m.span("label")) or cues.overlapping(*m.span("colon")):
            continue
        start = m.start("content")
        speaker = speaker or surnames.get(label)
        out.append(_Attribution((start, start + len(content)), m.span("colon"), m.span("label"), speaker))
    return out


def _continuations(text: str, stretches: SpanIndex[Stretch], found: list[_Attribution]) -> list[_Attribution]:
    """A paragraph that is only a quotation, after a paragraph that ended on an attributed
    quotation, is more of the same speaker."""
    out: list[_Attribution] = []
    claimed = SpanIndex(found, _content)
    for s in stretches:
        if claimed.overlapping(s.start, s.end):
            continue
        paragraph_start = text.rfind("\n", 0, s.start) + 1
        paragraph_end = text.find("\n", s.end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        if text[paragraph_start : s.start].strip() or text[s.end : paragraph_end].strip(" .\t"):
            continue
        # what ended last in the 600 characters before the paragraph; of this function's own
        # attributions (each a whole paragraph before this one) that is the latest
        before = claimed.ending(paragraph_start - 599, paragraph_start) + out[-1:]
        before = [a for a in before if a.content[1] > paragraph_start - 600]
        if not before:
            continue
        last = max(before, key=lambda a: a.content[1])
        between = text[last.content[1] : paragraph_start]
        if last.speaker is not None and "\n\n" in between and between.count("\n\n") <= 1:
            out.append(_Attribution((s.start, s.end), None, None, last.speaker))
    return out


def _withheld(doc: Doc, attribution: _Attribution) -> bool:
    """A speech act held back or denied is no quote: nothing was said. "The ministry did not
    respond to a request for comment", "a spokesman declined to comment", "police would not
    say how ...", "he refused to say whether ...": a cue verb that is negated, or that is
    (or hangs on) "decline" or "refuse"; a cue that is the subject of its own content ("calls
    to the club went unanswered"); and a cue of auxiliaries alone."""
    if attribution.cue is None:
        return False
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if cue is not None and all(token.pos_ == "AUX" for token in cue):
        return True  # "The court will hear the case": a modal or auxiliary alone reports nothing
    start, end = attribution.content
    for token in cue if cue is not None else ():
        if token.dep_ in _SUBJECTS and start <= token.head.idx < end:
            return True  # "Calls to the club went unanswered": the content tells of the cue, not what was said
        verbs = [token, token.head] if token.dep_ == "xcomp" else [token]
        for verb in verbs:
            if verb.pos_ in ("VERB", "AUX") and (
                verb.lemma_.lower() in _HOLD_BACK or any(child.dep_ == "neg" for child in verb.children)
            ):
                return True
    return False


def _in_paragraph(source: Span | None, cue: Span) -> Span | None:
    """A source never reaches across a paragraph break (a headline parsed together with the
    paragraph under it): it keeps the part on its cue's side of the break."""
    if source is None:
        return None
    breaks = [t.i for t in source if t.is_space and "\n" in t.text]
    if not breaks:
        return source
    doc = source.doc
    start, end = (breaks[-1] + 1, source.end) if source.end <= cue.start else (source.start, breaks[0])
    kept = _trim(doc, start, end)
    return doc.char_span(*kept) if kept is not None else None


def _reported(doc: Doc, attribution: _Attribution) -> bool:
    """Sets the attribution's act; False for an act that reports nothing ("signed an order"),
    for a content that is no clause and no quotation, and for a content with no source and no
    quotation whose cue is no verb of speech ("It is unclear whether ...")."""
    reading = read_cue(doc, attribution.cue, attribution.content)
    attribution.act = reading.act
    if reading.act not in ACTS or reading.bare:
        return False
    if reading.told_to:  # "the diplomat was told that ...": who heard it
        attribution.source = attribution.speaker = None
    unsourced = attribution.source is None and not _QUOTATION.search(text_of(doc), *attribution.content)
    return not unsourced or attribution.cue is None or reading.said_outright


def _dedupe(found: list[_Attribution]) -> list[_Attribution]:
    """One attribution per content: a nested cue ("said ... adding") keeps the outer one."""
    out: list[_Attribution] = []
    seen: set[tuple[int, int]] = set()
    for a in sorted(found, key=lambda a: (a.content[0], -(a.content[1] - a.content[0]))):
        if a.content not in seen:
            seen.add(a.content)
            out.append(a)
    return out


def _chars(stretch: Stretch) -> tuple[int, int]:
    return stretch.start, stretch.end


def _content(attribution: _Attribution) -> tuple[int, int]:
    return attribution.content


def _cue(attribution: _Attribution) -> tuple[int, int]:
    return attribution.cue or (0, 0)


def _within(stretch: Stretch, content: tuple[int, int]) -> bool:
    return content[0] <= stretch.start and stretch.end <= content[1]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _records(text: str, found: list[_Attribution], speakers: Speakers) -> list[Quote]:
    out: list[Quote] = []

    def emit(start: int, end: int, kind: str, a: _Attribution) -> None:
        parts = (_part(text, a.source), _part(text, a.cue), _part(text, a.content))
        quote = Quote(f"Q{len(out) + 1}", text[start:end], start, end, kind, a.speaker, *parts)
        quote.speaker_name = speakers.name(a.speaker, parts[0])
        quote.act = a.act
        out.append(quote)

    for a in found:
        pieces = sorted(a.pieces, key=lambda s: s.start)
        if pieces and pieces[0].start == a.content[0] and pieces[-1].end == a.content[1]:
            # quotations end to end, or around their cue ("“...,” he said, “...”")
            for s in pieces:
                emit(s.inner_start, s.inner_end, "direct", a)
        elif a.pieces:
            for s in a.pieces:
                emit(s.inner_start, s.inner_end, "mixed", a)
        else:
            emit(a.content[0], a.content[1], "indirect", a)
    return out


def _part(text: str, span: tuple[int, int] | None) -> TextSpan | None:
    return TextSpan.of(text, *span) if span is not None else None
