"""``storyline eval events`` on MEANTIME (Wikinews, CAT XML): when each event happened, its
modality and its doer.

MEANTIME (Minard et al. 2016) marks event mentions, time expressions, the temporal links
between them, and each event's participants. The text is rebuilt from its tokens (title, date
line and body as paragraphs; PTB quotes back to ``"``), with the creation time as the
publication date, and goes through the pipeline uncleaned. A gold event mention is scored when
one of storyline's events has a telling whose trigger overlaps it:

- **date**: a gold event anchored by a TLINK (IS_INCLUDED, INCLUDES, SIMULTANEOUS, DURING,
  BEGINS, ENDS and their inverses) to a DATE timex with a resolved value, or to the creation
  time: storyline's date must start with that day, or equal the gold value where it is coarser
  than a day;
- **past, unanchored**: a gold event BEFORE the creation time with no such anchor: storyline's
  date must not be the publication day (no date, or another one, is right); **past acts**: the
  same, statements aside (the gold's predicate a verb of saying, or TimeML's class REPORTING),
  which news dates on the day it appears and storyline does too, by design;
- **modality**: polarity NEG -> negated; time FUTURE -> future or hypothetical; certainty
  POSSIBLE or PROBABLE -> hypothetical or future; otherwise asserted;
- **source**: the gold Arg0 participant: storyline's source entity must have a mention that
  overlaps a mention of the same gold entity (REFERS_TO); no source counts wrong.

Figures come for every subfolder (``airbus``, ``apple``) and for all, each with its count.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.records import Document, Event, EventMention
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument
from storyline.knowledge.speech import SPEECH_VERBS
from storyline.pipeline import process_many

__all__ = [
    "INVERSE",
    "GoldEvent",
    "MeantimeArticle",
    "code_and_score",
    "evaluate_meantime",
    "format_meantime",
    "is_meantime",
    "read_meantime",
    "score_meantime",
    "timing",
]

_ANCHORING = frozenset(
    {"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING", "DURING_INV", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY"}
)
_WORDS = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}
# tokens written against the word before them, and after them (PTB's split, put back)
_CLOSING = frozenset({",", ".", ":", ";", "?", "!", ")", "%", "''", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"})
_OPENING = frozenset({"(", "$", "``", "-LRB-"})
_FIGURES = ("date", "past_unanchored", "past_acts", "modality", "source")
_RESOLVED = re.compile(r"^\d{4}(-\d{2}|-W\d{2}|-Q\d)?(-\d{2})?$")  # a date, not "FUTURE_REF" or "XXXX-XX"
INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES"}


@dataclass
class GoldEvent:
    span: tuple[int, int]  # characters of the rebuilt text
    anchor: str | None  # the value of the timex that anchors it
    past_unanchored: bool
    modality: frozenset[str]  # the storyline modalities that are right (none: not scored)
    doer: list[tuple[int, int]] | None  # the spans of the gold Arg0 entity's mentions
    statement: bool = False  # a saying ("said", "announced"): news dates it on the day it appears


@dataclass
class MeantimeArticle:
    name: str
    part: str  # the subfolder: airbus, apple, ...
    text: str
    published: str
    events: list[GoldEvent] = field(default_factory=list)


def is_meantime(path: Path) -> bool:
    """A folder of CAT XML files, or of subfolders holding them."""
    return path.is_dir() and any(_files(path))


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.xml")) + sorted(path.glob("*/*.xml"))


def read_meantime(path: Path) -> list[MeantimeArticle]:
    articles = []
    for file in _files(path):
        try:
            articles.append(_article(file, file.parent.name if file.parent != path else path.name))
        except (ElementTree.ParseError, KeyError, ValueError, IndexError) as err:
            raise InvalidArgument(f"{file}: not a MEANTIME CAT file ({err})") from err
    return articles


def _article(file: Path, part: str) -> MeantimeArticle:
    root = ElementTree.parse(file).getroot()
    spans: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pieces: list[str] = []
    length, sentence, last = 0, None, ""
    for token in root.iter("token"):
        number = int(token.attrib["sentence"])
        raw = token.text or ""
        if sentence is not None:
            if number != sentence and min(number, sentence) <= 1:
                gap = "\n\n"  # the title, the date line, the body
            else:
                gap = "" if raw in _CLOSING or raw == "-RRB-" or last in _OPENING else " "
            pieces.append(gap)
            length += len(gap)
        word = _WORDS.get(raw, raw)
        last = raw
        spans[token.attrib["t_id"]] = (length, length + len(word))
        sentence_of[token.attrib["t_id"]] = number
        pieces.append(word)
        length += len(word)
        sentence = number
    text = "".join(pieces)
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        raise KeyError("Markables")

    def extent(element: ElementTree.Element) -> tuple[int, int] | None:
        tokens = [spans[a.attrib["t_id"]] for a in element.findall("token_anchor") if a.attrib["t_id"] in spans]
        return (min(s for s, _ in tokens), max(e for _, e in tokens)) if tokens else None

    timexes = {t.attrib["m_id"]: t.attrib for t in markables.findall("TIMEX3")}
    # the creation time; two files mark none: the date line's timex (sentence 1) is it there
    dateline = [
        t.attrib["m_id"]
        for t in markables.findall("TIMEX3")
        if t.attrib.get("type") == "DATE" and any(sentence_of.get(a.attrib["t_id"]) == 1 for a in t)
    ]
    creation = next((m for m, t in timexes.items() if t.get("functionInDocument") == "CREATION_TIME"), None)
    creation = creation or dateline[0]
    published = timexes[creation]["value"][:10]
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # event -> (reltype, timex), event-first
    doers: dict[str, str] = {}  # event -> its Arg0 entity mention
    instance_of: dict[str, str] = {}  # entity mention -> entity instance
    for relation in relations if relations is not None else []:
        source = relation.find("source")
        target = relation.find("target")
        if source is None or target is None:
            continue
        a, b = source.attrib["m_id"], target.attrib["m_id"]
        if relation.tag == "TLINK":
            kind = relation.attrib.get("reltype", "")
            if b in timexes:
                links[a].append((kind, b))
            elif a in timexes:
                links[b].append((INVERSE.get(kind, kind), a))
        elif relation.tag == "HAS_PARTICIPANT" and relation.attrib.get("sem_role") == "Arg0":
            doers.setdefault(a, b)
        elif relation.tag == "REFERS_TO":
            instance_of[a] = b
    mentions_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in markables.findall("ENTITY_MENTION"):
        where = extent(mention)
        if where is not None and mention.attrib["m_id"] in instance_of:
            mentions_of[instance_of[mention.attrib["m_id"]]].append(where)
    article = MeantimeArticle(file.stem, part, text, published)
    for mention in markables.findall("EVENT_MENTION"):
        where = extent(mention)
        if where is None:
            continue
        m_id = mention.attrib["m_id"]
        anchor, past_unanchored = timing(links[m_id], timexes, creation)
        doer = doers.get(m_id)
        instance = instance_of.get(doer) if doer else None
        article.events.append(
            GoldEvent(
                where,
                anchor,
                past_unanchored,
                _modalities(mention.attrib),
                mentions_of.get(instance) if instance else None,
                mention.attrib.get("pred", "").lower() in SPEECH_VERBS,
            )
        )
    return article


def timing(
    links: list[tuple[str, str]], timexes: Mapping[str, Mapping[str, str]], creation: str
) -> tuple[str | None, bool]:
    """An event's gold date from its temporal links (``links``: relation type and timex id, the
    event first): the value of the first DATE timex with a resolved value that anchors it (or
    None), and whether it lies BEFORE the creation time (``creation``, a timex id) with no such
    anchor."""
    anchors = [
        timexes[t]["value"]
        for kind, t in links
        if kind in _ANCHORING
        and t in timexes
        and timexes[t].get("type") == "DATE"
        and _RESOLVED.match(timexes[t].get("value", ""))
    ]
    before = any(kind == "BEFORE" and t == creation for kind, t in links)
    return (anchors[0] if anchors else None), before and not anchors


def _modalities(attributes: dict[str, str]) -> frozenset[str]:
    if attributes.get("polarity") == "NEG":
        return frozenset({"negated"})
    if attributes.get("time") == "FUTURE" or attributes.get("certainty") in ("POSSIBLE", "PROBABLE"):
        return frozenset({"future", "hypothetical"})
    return frozenset({"asserted"})


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matching(gold: GoldEvent, events: list[Event]) -> Event | None:
    for event in events:
        for telling in event.mentions or [EventMention(event.trigger, event.evidence)]:
            if _overlaps((telling.trigger.start, telling.trigger.end), gold.span):
                return event
    return None


def _date_right(event: Event, anchor: str) -> bool:
    value = event.date.value if event.date else ""
    return value.startswith(anchor) if len(anchor) >= 10 else value == anchor


def score_meantime(articles: list[MeantimeArticle], documents: list[Document | Skipped]) -> JSONObject:
    """The four figures, for each part and for all: the share right and how many were scored (a
    figure nothing was scored for is left out)."""
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: {f: [0, 0] for f in _FIGURES})
    for article, document in zip(articles, documents, strict=True):
        if isinstance(document, Skipped):
            continue
        spans = {e.id: [(m.start, m.end) for m in e.mentions] for e in document.entities}
        for gold in article.events:
            event = _matching(gold, list(document.events))
            if event is None:
                continue
            verdicts: dict[str, bool] = {"modality": event.modality in gold.modality} if gold.modality else {}
            if gold.anchor:
                verdicts["date"] = _date_right(event, gold.anchor)
            if gold.past_unanchored:
                kept_off = not (event.date and event.date.value.startswith(article.published))
                verdicts["past_unanchored"] = kept_off
                if not gold.statement:
                    verdicts["past_acts"] = kept_off
            if gold.doer:
                found = spans.get(event.source or "", [])
                verdicts["source"] = any(_overlaps(a, b) for a in found for b in gold.doer)
            for part in (article.part, "all"):
                for figure, right in verdicts.items():
                    tallies[part][figure][0] += right
                    tallies[part][figure][1] += 1
    return {
        part: {figure: {"right": round(r / n, 4), "n": n} for figure, (r, n) in counts.items() if n}
        for part, counts in sorted(tallies.items())
    }


def evaluate_meantime(path: Path, limit: int | None = None, event_coder: str = "learned") -> JSONObject:
    return code_and_score(read_meantime(Path(path))[:limit], Path(path), event_coder)


def code_and_score(articles: list[MeantimeArticle], path: Path, event_coder: str) -> JSONObject:
    """Run the pipeline over ``articles`` (read from ``path``) with ``event_coder`` and score
    its events: :func:`score_meantime`, with the number of articles."""
    inputs = [Article.create(a.text, published=a.published, where=f"{path}/{a.part}/{a.name}") for a in articles]
    documents = list(
        process_many(inputs, check_language=False, clean_text=False, time_budget=MEASURING, events=event_coder)
    )
    return {"articles": len(articles), **score_meantime(articles, documents)}


def format_meantime(figures: JSONObject, corpus: str = "MEANTIME") -> str:
    """One line a part: each figure's share right and its count."""
    lines = [f"{corpus}: {figures['articles']} articles; share right (events scored)"]
    for part, found in figures.items():
        if isinstance(found, dict):
            cells = [f"{f} {found[f]['right']:.3f} ({found[f]['n']})" for f in _FIGURES if f in found]
            lines.append(f"  {part:<8} " + "   ".join(cells))
    return "\n".join(lines)
