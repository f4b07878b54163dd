"""The corpus's own conclusions: which articles are near-duplicates, which events are one event.

Pure functions over plain records, so the DuckDB and PostgreSQL stores (and their tests) share
them: :func:`find_near_duplicates` / :class:`NearDuplicateIndex` for wire copy republished with
small changes, and :func:`link_events` for the same act reported by several articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

# datasketch ships no type information (no py.typed); only MinHash and MinHashLSH are used, here.
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from storyline.errors import InvalidArgument

__all__ = [
    "DEFAULT_DAY_TOLERANCE",
    "DEFAULT_THRESHOLD",
    "SHINGLE_WORDS",
    "CorpusEvent",
    "EventMention",
    "NearDuplicateIndex",
    "find_near_duplicates",
    "link_events",
    "why_alone",
]

# --- Near-duplicate articles -----------------------------------------------------------------

SHINGLE_WORDS = 5
"""Words per shingle: long enough that two articles on one topic share few of them by chance."""

DEFAULT_THRESHOLD = 0.7
"""The Jaccard similarity of word shingles from which an article is a copy of an earlier one.

Measured on Reuters-21578 (19,043 stories; 5-word shingles of lower-cased words; exact Jaccard
over the candidate pairs of an LSH at 0.5). Pairs at or above each threshold, how many of them
were published within 24 hours of each other (rewrites, corrections, updates of one story) and
how many more than 48 hours apart (recurring templated reports, not copies)::

    J >= 0.5   764 pairs   617 within 24 h   120 over 48 h apart
    J >= 0.6   678         563               92
    J >= 0.7   584         509               54
    J >= 0.8   516         457               40
    J >= 0.9   421         397               11
    J >= 1.0   297         284               10

Between 0.7 and 0.8 (68 pairs) the same-day pairs read as true rewrites: "CANADA LAWMAKERS
URGE EXEMPTION FROM U.S. BILL" / "CANADIANS URGE EXEMPTION FROM U.S. TRADE BILL" (0.73, a
reworded lead and an added paragraph), "BANK OF JAPAN SATISFIED WITH YEN" (0.79, one version
eleven lines shorter), a company story re-sent with "(CORRECTED)"; 14 of the 68 are the
recurring 46-word "FED ADDS RESERVES VIA CUSTOMER REPURCHASES" note, where one figure differs
between days. Between 0.6 and 0.7 (94 pairs) 38 are more than two days apart, and the same-day
ones include different companies' 14-word dividend notices ("Qtly div 10 cts vs 10 cts prior,
pay ..., record ..."). So 0.7 is the knee: at 0.8 a copy with one dropped sentence or a
reworded lead is missed (54 of the 68 pairs lost are same-story rewrites); at 0.6 the templates
of different companies and days come in.

No threshold separates a recurring template from a copy (ten are identical, weeks apart), and
such a flag costs little: :func:`link_events` links events by their dates, so an article marked
as a copy of last month's report still counts as an independent article for its own events.

This index (MinHash estimate over 128 permutations, LSH bands chosen for recall) flags 552 of
the 19,043 stories at 0.7 (493 at 0.8) in about 8 seconds on one CPU. Of the 584 pairs at an
exact J >= 0.7, 572 end in one cluster; nine more lie within 0.04 of the threshold and their
estimate falls just under it, and three (recurring templates) were split by arrival order.
"""

_MIN_WORDS = 2 * SHINGLE_WORDS
"""Texts with fewer words are compared by their exact normalized text, not by shingles.

Below ten words a text has under six shingles and one changed word removes most of them, so a
Jaccard figure says little; two short notices that differ in one word (a company, a figure) are
different news.
"""

_CANDIDATE_RECALL = 0.99
"""How likely the LSH is to propose a pair exactly at the threshold; the signatures decide.

datasketch's own band choice for a threshold of 0.7 (14 bands of 9 rows) proposes only 44% of
the pairs at 0.7 and 87% at 0.8, so the bands are chosen here for recall and every candidate is
then checked against the threshold with the MinHash estimate.
"""

_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.unsignedinteger[Any]]  # uint32 for datasketch's default "affine32" scheme


class NearDuplicateIndex:
    """Articles fed one by one; each new one is told which earlier article it copies, if any.

    An article whose MinHash estimate of Jaccard similarity with an earlier one reaches the
    threshold is a near-duplicate of that article's cluster, whose representative is the
    earliest article added. Articles are never re-assigned later: an ingest can write an
    article's ``duplicate_of`` once. Copies are indexed too, so a copy of a copy is found.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = 128) -> None:
        if not 0.0 < threshold <= 1.0:
            raise InvalidArgument(f"near-duplicate threshold {threshold!r} is not a Jaccard similarity in (0, 1]")
        if num_perm < 2:
            raise InvalidArgument(f"num_perm {num_perm!r} is too few permutations for MinHash; use 64 or more")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_bands(threshold, num_perm))
        self._signatures: dict[str, Signature] = {}
        self._arrival: dict[str, int] = {}
        self._representative: dict[str, str] = {}
        self._short_texts: dict[str, str] = {}  # normalized short text -> its first article
        # one set of permutations for every MinHash (datasketch draws them again for each one)
        self._permutations = MinHash(num_perm=num_perm).permutations

    def __len__(self) -> int:
        return len(self._arrival)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._arrival

    def add(self, article_id: str, text: str, signature: Signature | None = None) -> str | None:
        """Index an article; returns the id of the earlier article it duplicates, or None.

        An article without a word duplicates nothing (an empty body is no evidence of copying).
        ``signature``: the article's MinHash signature, as :meth:`signature` gave it for the same
        text before (then the text is not read again).
        """
        if article_id in self._arrival:
            raise InvalidArgument(f"article {article_id!r} is in the near-duplicate index already; ids must be unique")
        self._arrival[article_id] = len(self._arrival)
        if signature is not None:
            original = self._add_signed(article_id, signature)
        else:
            words = _WORD.findall(text.casefold())
            if not words:
                return None
            if len(words) < _MIN_WORDS:
                original = self._short_texts.setdefault(" ".join(words), article_id)
            else:
                original = self._add_signed(article_id, self._signed(words))
        representative = self._representative.get(original, original)
        self._representative[article_id] = representative
        return None if representative == article_id else representative

    def signature(self, article_id: str) -> Signature | None:
        """The MinHash signature of an indexed article (None for a text too short to have one)."""
        return self._signatures.get(article_id)

    def _signed(self, words: Sequence[str]) -> Signature:
        minhash = MinHash(num_perm=self.num_perm, permutations=self._permutations, scheme="affine32")
        minhash.update_batch(_shingles(words))
        return np.asarray(minhash.hashvalues)

    def _add_signed(self, article_id: str, signature: Signature) -> str:
        """The earliest representative among the indexed articles this one matches (itself if none)."""
        minhash = MinHash(hashvalues=signature, permutations=self._permutations, scheme="affine32")
        matches = [
            self._representative[candidate]
            for candidate in self._lsh.query(minhash)
            if _estimated_jaccard(signature, self._signatures[candidate]) >= self.threshold
        ]
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = signature
        return min(matches, key=self._arrival.__getitem__, default=article_id)


def find_near_duplicates(
    texts: Mapping[str, str | None],
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = 128,
    signatures: dict[str, Signature] | None = None,
) -> dict[str, str]:
    """Each near-duplicate article's id -> the id of the earliest article (in input order) it copies.

    Articles that copy nothing are absent. Feeds :class:`NearDuplicateIndex` in the mapping's
    order, so the earliest article should come first (e.g. ordered by publication).
    ``signatures``, where given, is a cache: an article found in it is not read again (its text
    may be None), and the signatures of the others are added to it.
    """
    index = NearDuplicateIndex(threshold, num_perm)
    known = signatures if signatures is not None else {}
    duplicates: dict[str, str] = {}
    for article_id, text in texts.items():
        original = index.add(article_id, text or "", known.get(article_id))
        if original is not None:
            duplicates[article_id] = original
        if (signature := index.signature(article_id)) is not None:
            known.setdefault(article_id, signature)
    return duplicates


def _shingles(words: Sequence[str]) -> list[bytes]:
    """The distinct runs of :data:`SHINGLE_WORDS` words, encoded for hashing."""
    runs = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return [run.encode("utf-8") for run in sorted(runs)]


def _estimated_jaccard(a: Signature, b: Signature) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) with the most rows per band that still proposes a pair at the threshold.

    More rows per band mean fewer chance candidates to check; the recall at the threshold
    must stay at :data:`_CANDIDATE_RECALL` or above.
    """
    for rows in range(num_perm, 1, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= _CANDIDATE_RECALL:
            return bands, rows
    return num_perm, 1


# --- Corpus events ---------------------------------------------------------------------------

DEFAULT_DAY_TOLERANCE = 0
"""Days apart that the own dates of two mentions of one act may be: none, the same calendar day.

A calendar day is a TIMEX value that names one ("1987-03-03", "1987-03-03TNI" for Tuesday
night); a week, a month, PRESENT_REF or a weekday without its week names none. Measured on
Reuters-21578 (the first 9,000 stories, storyline's own events): the pairs of articles with an
event of the same source, target, code and modality, each with a day of its own text, by how
many days apart those days fall, read by hand::

    0 days   38 pairs of articles   20 read at random: 20 one happening (the Paris accord of
                                    February 22 told in March, Iran's Karbala-7 offensive "on
                                    Tuesday" in two stories a day apart, a wire story re-sent)
    1 day    10                     5 one happening, 5 not: the Bank of England's money-market
                                    help on two days, two officials' different acts under one
                                    "GOV", a meeting this morning beside one planned for Friday
    2-3 days  6                     none

A tolerance of one day would add as many wrong links as right ones. Four of the five right
ones are a story re-sent the next day whose "yesterday" or "today" moved with it; the
near-duplicate mark (``duplicate_of``) still ties such a copy to its original.
"""

_STATEMENT_ROOTS = frozenset({"01", "02"})
"""Make a public statement (01x) and appeal (02x): said to no one in particular, such an act by
a government or a company is said every day ("USAGOV said", "GOV said"), so two of them on one
day are two things said, not one act told twice. With a target ("Germany appealed to Russia")
they link like any other act."""

COPY_DAYS = 1
"""Days apart that a near-duplicate copy and its original may be published for a sentence they
share to tell one act. Of the 584 pairs of Reuters-21578 stories at Jaccard 0.7 or more, 509
were published within a day of each other (rewrites, corrections, a story re-sent) and 54 over
two days apart: recurring templated reports ("The Bank of England said it had provided the
money market with ... assistance"), whose sentences, though alike, tell another day's act."""

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T.*)?")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's event, as the corpus sees it."""

    article_id: str
    event_id: str
    source_code: str | None
    target_code: str | None
    cameo: str
    modality: str
    date: str | None  # a day "2025-08-23", or a coarser TIMEX value: "2025-W34", "2025-08", PRESENT_REF
    publisher: str | None  # who published the article (storyline.store.publishers): its URL's domain
    published: str | None
    confidence: float
    duplicate_of: str | None = None  # the article this article near-duplicates, if any
    date_timex: str | None = None  # the timex its date comes from; None: the publication date stands in
    refers_to: str | None = None  # the event of the same article that it names again ("the attack")
    sentence: str | None = None  # the evidence sentence: a copy that tells it tells it in the same words


@dataclass(slots=True)
class CorpusEvent:
    """The mentions of one act across the corpus, with GDELT's counts.

    ``mentions`` are all the events linked to it, those that name it again in their article
    ("the attack") included, so ``num_mentions`` is their number. ``num_articles`` counts
    distinct articles, near-duplicate copies included, as GDELT's NumArticles counts documents;
    ``num_originals`` counts them with each copy folded into the article it copies (independent
    reports), and each mention's ``duplicate_of`` flags the copies. ``num_sources`` counts
    distinct publishers (an article of unknown origin counts none), a copy's publisher included:
    a republication by another outlet is that outlet reporting it. ``reason`` says why its
    mentions are one act, or why it stands alone.
    """

    corpus_event_id: str
    source_code: str | None
    target_code: str | None
    cameo: str
    modality: str
    date: str | None  # the earliest day (or, for an event alone, its date as given)
    last_date: str | None  # the latest day; equal to ``date`` for an event alone
    mentions: list[EventMention]
    num_mentions: int
    num_articles: int
    num_originals: int
    num_sources: int
    first_seen: str | None  # the earliest publication among its articles
    last_seen: str | None
    best: EventMention  # the mention with the highest confidence, among those that tell the act
    reason: str


_Key = tuple[str | None, str | None, str, str]  # source, target, code, modality


def link_events(mentions: Iterable[EventMention], day_tolerance: int = DEFAULT_DAY_TOLERANCE) -> list[CorpusEvent]:
    """The corpus events: mentions with one source, target, CAMEO code and modality, each with a
    calendar day of its own, all within ``day_tolerance`` days of the earliest, are one act.

    A mention links nothing (it is a corpus event alone, and its ``reason`` says why) when it
    has no source actor (two arrests by no one known are two arrests), no date of its own (the
    publication date stands in: it could be any day before), a date that is no calendar day
    (``PRESENT_REF``, a week, a month, a weekday without its week, a duration), or is a
    statement or appeal with no target (:data:`_STATEMENT_ROOTS`). A mention that names again
    an act its article told before ("the attack") joins that act's corpus event when their
    modalities agree, else stands alone. A mention of a near-duplicate copy told in the same
    sentence, with the same key and date, as a mention of the article it copies (published at
    most :data:`COPY_DAYS` apart) is that mention again: it joins its corpus event, even where
    its date could link nothing else, since the copy repeats the words that told it. The result does not depend on the
    mentions' order; corpus events come sorted by date and id.
    """
    if isinstance(day_tolerance, bool) or not isinstance(day_tolerance, int) or day_tolerance < 0:
        raise InvalidArgument(f"day_tolerance {day_tolerance!r} is not a whole number of days (0 or more)")
    by_key: dict[_Key, list[EventMention]] = defaultdict(list)
    groups: list[_Group] = []
    named_again: list[EventMention] = []
    seen: dict[tuple[str, str], EventMention] = {}
    for mention in mentions:
        ident = (mention.article_id, mention.event_id)
        if ident in seen:
            raise InvalidArgument(f"event {mention.event_id!r} of article {mention.article_id!r} is given twice")
        seen[ident] = mention
    copies = _copies(seen.values())
    for mention in seen.values():
        if (mention.article_id, mention.event_id) in copies:
            continue
        if mention.refers_to:
            named_again.append(mention)
        elif (why := why_alone(mention)) is not None:
            groups.append(_Group([mention], f"alone: {why}"))
        else:
            by_key[_key(mention)].append(mention)
    for same_key in by_key.values():
        for told in _split_by_date(same_key, day_tolerance):
            groups.append(_Group(told, _linked_reason(told, day_tolerance), linkable=True))
    _add_named_again(groups, named_again, seen)
    _add_copies(groups, copies)
    events = [_corpus_event(group) for group in groups]
    return sorted(events, key=lambda event: (event.date or "", event.corpus_event_id))


def _copies(mentions: Iterable[EventMention]) -> dict[tuple[str, str], tuple[EventMention, EventMention]]:
    """(article id, event id) of each copy's mention -> that mention and the original's mention
    it repeats: the same key, the same evidence sentence and the same date, in the article it
    near-duplicates, published at most :data:`COPY_DAYS` apart (the first such mention, in text
    order, where the original has two). A date that differs is another day's act told in a
    templated report ("The Fed is adding reserves ..., a Fed spokesman said" on March 2 and 3)."""
    told: dict[tuple[str, _Key, str, str | None], list[EventMention]] = defaultdict(list)
    for mention in mentions:
        if mention.sentence and not mention.refers_to:
            told[(mention.article_id, _key(mention), mention.sentence, mention.date)].append(mention)
    found: dict[tuple[str, str], tuple[EventMention, EventMention]] = {}
    for (_, key, sentence, date), here in told.items():
        original = here[0].duplicate_of
        candidates = told.get((original, key, sentence, date), []) if original else []
        if candidates and _published_within(here[0].published, candidates[0].published, COPY_DAYS):
            first = min(candidates, key=_text_order)
            for mention in here:
                found[(mention.article_id, mention.event_id)] = (mention, first)
    return found


def _add_copies(groups: list[_Group], copies: Mapping[tuple[str, str], tuple[EventMention, EventMention]]) -> None:
    """Each copy's mention joins the group of the original's mention it repeats (followed through
    a copy of a copy)."""
    home = {(m.article_id, m.event_id): group for group in groups for m in group.told}
    for ident in sorted(copies):
        copy, original = copies[ident]
        for _ in range(len(copies)):  # a copy of a copy: to the first original (copies are no cycle)
            if (original.article_id, original.event_id) not in copies:
                break
            original = copies[(original.article_id, original.event_id)][1]
        group = home[(original.article_id, original.event_id)]
        group.copies = [*(group.copies or []), copy]


def _key(mention: EventMention) -> _Key:
    return (mention.source_code, mention.target_code, mention.cameo, mention.modality)


def _text_order(mention: EventMention) -> tuple[int, str]:
    """Events in the order their article tells them (V2 before V10)."""
    digits = "".join(c for c in mention.event_id if c.isdigit())
    return (int(digits) if digits else 0, mention.event_id)


def _published_within(first: str | None, second: str | None, days: int) -> bool:
    try:
        return abs((dt.date.fromisoformat(first or "") - dt.date.fromisoformat(second or "")).days) <= days
    except ValueError:  # a publication date unknown or not a day: no telling they are one story
        return False


def why_alone(mention: EventMention) -> str | None:
    """Why this mention can link with no other (None: it can)."""
    if not mention.source_code:
        return "no source actor"
    if mention.date is None:
        return "no date"
    if mention.date_timex is None:
        return "no date of its own (the article's publication date stands in)"
    if _day(mention.date) is None:
        return f"its date {mention.date} is not a calendar day"
    if not mention.target_code and mention.cameo[:2] in _STATEMENT_ROOTS:
        return f"a statement or appeal ({mention.cameo}) with no target"
    return None


@dataclass(slots=True)
class _Group:
    told: list[EventMention]  # the mentions that tell the act (one, for an event alone)
    reason: str
    linkable: bool = False  # its mentions passed why_alone: a key and a day (even if only one)
    again: list[EventMention] | None = None  # those that name it again in their article
    copies: list[EventMention] | None = None  # near-duplicate copies' mentions telling it in the same sentence


def _split_by_date(mentions: list[EventMention], day_tolerance: int) -> list[list[EventMention]]:
    """Mentions of one key grouped by day: each group spans at most ``day_tolerance`` days from
    its earliest (no chaining: days 1, 2 and 3 at a tolerance of 1 are two groups)."""
    dated = sorted(
        ((day, m) for m in mentions if (day := _day(m.date)) is not None),
        key=lambda pair: (pair[0], _mention_order(pair[1])),
    )
    groups: list[list[EventMention]] = []
    start: dt.date | None = None
    for day, mention in dated:
        if start is None or (day - start).days > day_tolerance:
            groups.append([])
            start = day
        groups[-1].append(mention)
    return groups


def _linked_reason(told: list[EventMention], day_tolerance: int) -> str:
    days = sorted(str(_day(m.date)) for m in told)
    if len(told) == 1:
        return f"alone: no other mention of its source, target, code and modality {_within(day_tolerance)}"
    span = days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"
    return (
        f"linked: {len(told)} mentions with the same source, target, code and modality, "
        f"each with a date of its own, {span} ({_within(day_tolerance)})"
    )


def _within(days: int) -> str:
    return "on the same day" if days == 0 else "within 1 day" if days == 1 else f"within {days} days"


def _add_named_again(
    groups: list[_Group], named_again: list[EventMention], seen: Mapping[tuple[str, str], EventMention]
) -> None:
    """Each mention that names an act again joins the group of the act it names (followed
    through a chain of such mentions), when their modalities agree; else it stands alone."""
    home = {(m.article_id, m.event_id): group for group in groups for m in group.told}
    for mention in sorted(named_again, key=_mention_order):
        referent = _referent(mention, seen)
        group = home.get((referent.article_id, referent.event_id)) if referent is not None else None
        if referent is None or group is None:
            why = f"names again {mention.refers_to}, an event the corpus does not hold"
            groups.append(_Group([mention], f"alone: {why}"))
        elif referent.modality != mention.modality:
            why = f"names again {referent.event_id}, which is {referent.modality}, as {mention.modality}"
            groups.append(_Group([mention], f"alone: {why}"))
        else:
            group.again = [*(group.again or []), mention]


def _referent(mention: EventMention, seen: Mapping[tuple[str, str], EventMention]) -> EventMention | None:
    """The act a mention names again: its ``refers_to``, followed while that names another."""
    visited = {mention.event_id}
    current = mention
    while current.refers_to is not None:
        found = seen.get((current.article_id, current.refers_to))
        if found is None or found.event_id in visited:
            return None
        visited.add(found.event_id)
        current = found
    return current


def _day(value: str | None) -> dt.date | None:
    """The calendar day of a TIMEX value that names one ("2025-08-23", "2025-08-23TMO"), else None."""
    match = _DAY.fullmatch(value or "")
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:  # "2025-02-30": no such day
        return None


def _corpus_event(group: _Group) -> CorpusEvent:
    """One corpus event from its group: the mentions that tell it, and those naming it again."""
    told = sorted(group.told, key=_mention_order)
    mentions = sorted([*told, *(group.again or []), *(group.copies or [])], key=_mention_order)
    first = told[0]
    days = sorted(str(day) for day in (_day(m.date) for m in told) if day is not None)
    date, last_date = (days[0], days[-1]) if group.linkable else (first.date, first.date)
    published = sorted(m.published for m in mentions if m.published)
    again, copies = len(group.again or []), len(group.copies or [])
    return CorpusEvent(
        corpus_event_id=_corpus_event_id(first, date, group.linkable),
        source_code=first.source_code,
        target_code=first.target_code,
        cameo=first.cameo,
        modality=first.modality,
        date=date,
        last_date=last_date,
        mentions=mentions,
        num_mentions=len(mentions),
        num_articles=len({m.article_id for m in mentions}),
        num_originals=len({m.duplicate_of or m.article_id for m in mentions}),
        num_sources=len({m.publisher for m in mentions if m.publisher}),
        first_seen=published[0] if published else None,
        last_seen=published[-1] if published else None,
        best=min(told, key=_best_first),
        reason=_reason(group.reason, again, copies),
    )


def _reason(reason: str, again: int, copies: int) -> str:
    """Why the mentions are one act: the group's reason, the mentions naming it again in their
    article, and the near-duplicate copies repeating its sentence (an event otherwise alone is
    then "copied", its reason for linking nothing else kept)."""
    if copies:
        copied = f"{copies} near-duplicate cop{'y' if copies == 1 else 'ies'} of its article"
        told = f"copied: told in the same sentence by {copied}"
        reason = f"{told}; {reason}" if reason.startswith("linked") else f"{told}; otherwise {reason}"
    return reason + (f"; {again} more naming it again in the same article" if again else "")


def _corpus_event_id(first: EventMention, date: str | None, linkable: bool) -> str:
    """A hash of the event's key and first date, or of the one mention it stands for.

    Stable across runs, machines and input order (no ``hash()``, no counters); a linked event's
    id changes only when an earlier-dated mention joins it.
    """
    if linkable:
        key: list[str | None] = ["event", first.source_code, first.target_code, first.cameo, first.modality, date]
    else:
        key = ["mention", first.article_id, first.event_id]
    digest = hashlib.blake2b(json.dumps(key).encode("utf-8"), digest_size=12).hexdigest()
    return f"ce-{digest}"


def _mention_order(mention: EventMention) -> tuple[str, str, str, str]:
    return (mention.date or "", mention.published or "", mention.article_id, mention.event_id)


def _best_first(mention: EventMention) -> tuple[float, bool, str, str, str]:
    """Highest confidence first; on a tie an original before a copy, then the earliest published."""
    return (
        -mention.confidence,
        mention.duplicate_of is not None,
        mention.published or "\uffff",
        mention.article_id,
        mention.event_id,
    )
