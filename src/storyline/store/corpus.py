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

    def __len__(self) -> int:
        return len(self._arrival)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._arrival

    def add(self, article_id: str, text: str) -> str | None:
        """Index an article; returns the id of the earlier article it duplicates, or None.

        An article without a word duplicates nothing (an empty body is no evidence of copying).
        """
        if article_id in self._arrival:
            raise InvalidArgument(f"article {article_id!r} is in the near-duplicate index already; ids must be unique")
        self._arrival[article_id] = len(self._arrival)
        words = _WORD.findall(text.casefold())
        if not words:
            return None
        if len(words) < _MIN_WORDS:
            original = self._short_texts.setdefault(" ".join(words), article_id)
        else:
            original = self._add_shingled(article_id, words)
        representative = self._representative.get(original, original)
        self._representative[article_id] = representative
        return None if representative == article_id else representative

    def _add_shingled(self, article_id: str, words: Sequence[str]) -> str:
        """The earliest representative among the indexed articles this one matches (itself if none)."""
        minhash = MinHash(num_perm=self.num_perm)
        minhash.update_batch(_shingles(words))
        signature: Signature = np.asarray(minhash.hashvalues)
        matches = [
            self._representative[candidate]
            for candidate in self._lsh.query(minhash)
            if _estimated_jaccard(signature, self._signatures[candidate]) >= self.threshold
        ]
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = signature
        return min(matches, key=self._arrival.__getitem__, default=article_id)


def find_near_duplicates(
    texts: Mapping[str, str], threshold: float = DEFAULT_THRESHOLD, num_perm: int = 128
) -> dict[str, str]:
    """Each near-duplicate article's id -> the id of the earliest article (in input order) it copies.

    Articles that copy nothing are absent. Feeds :class:`NearDuplicateIndex` in the mapping's
    order, so the earliest article should come first (e.g. ordered by publication).
    """
    index = NearDuplicateIndex(threshold, num_perm)
    duplicates: dict[str, str] = {}
    for article_id, text in texts.items():
        original = index.add(article_id, text)
        if original is not None:
            duplicates[article_id] = original
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

DEFAULT_DAY_TOLERANCE = 1
"""Days apart that two dated mentions of one act may be.

A wire story dated by its publication reports yesterday's act ("police arrested ... on
Tuesday" in Wednesday's paper resolves to Tuesday, but "police have arrested" resolves to the
publication day), so the same act arrives dated on two consecutive days. Two days apart is
another act (a second day of strikes, a second arrest).
"""

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
    date: str | None  # a day "2025-08-23", or a coarser TIMEX value: "2025-W34", "2025-08"
    publisher: str | None  # the article's source
    published: str | None
    confidence: float
    duplicate_of: str | None = None  # the article this article near-duplicates, if any


@dataclass(slots=True)
class CorpusEvent:
    """The mentions of one act across the corpus, with GDELT's counts.

    ``num_articles`` counts distinct articles, near-duplicate copies included, as GDELT's
    NumArticles counts documents; ``num_originals`` counts them with each copy folded into the
    article it copies (independent reports), and each mention's ``duplicate_of`` flags the
    copies. ``num_sources`` counts distinct publishers, a copy's publisher included: a
    republication by another outlet is that outlet reporting it.
    """

    corpus_event_id: str
    source_code: str | None
    target_code: str | None
    cameo: str
    modality: str
    date: str | None  # the earliest day (or the coarse date) of its mentions
    last_date: str | None  # the latest day; equal to ``date`` for a coarse date
    mentions: list[EventMention]
    num_mentions: int
    num_articles: int
    num_originals: int
    num_sources: int
    first_seen: str | None  # the earliest publication among its articles
    last_seen: str | None
    best: EventMention  # the mention with the highest confidence


def link_events(mentions: Iterable[EventMention], day_tolerance: int = DEFAULT_DAY_TOLERANCE) -> list[CorpusEvent]:
    """The corpus events: mentions with one source, target, CAMEO code and modality, and dates
    within ``day_tolerance`` days of each other (chained: day 1, 2 and 3 link through day 2),
    are one act.

    A mention without a source actor is never linked (two arrests by no one known are two
    arrests), nor one without a date (it could be any day). A coarse date ("2025-W34") links
    only with the same value. An act repeated daily by the same actors (a strike on each day of
    a week) chains into one corpus event; ``date`` and ``last_date`` show its span. The result
    does not depend on the mentions' order; corpus events come sorted by date and id.
    """
    if isinstance(day_tolerance, bool) or not isinstance(day_tolerance, int) or day_tolerance < 0:
        raise InvalidArgument(f"day_tolerance {day_tolerance!r} is not a whole number of days (0 or more)")
    by_key: dict[tuple[str | None, str | None, str, str], list[EventMention]] = defaultdict(list)
    groups: list[list[EventMention]] = []
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        ident = (mention.article_id, mention.event_id)
        if ident in seen:
            raise InvalidArgument(f"event {mention.event_id!r} of article {mention.article_id!r} is given twice")
        seen.add(ident)
        if _is_linkable(mention):
            by_key[(mention.source_code, mention.target_code, mention.cameo, mention.modality)].append(mention)
        else:
            groups.append([mention])
    for same_key in by_key.values():
        groups.extend(_split_by_date(same_key, day_tolerance))
    events = [_corpus_event(group) for group in groups]
    return sorted(events, key=lambda event: (event.date or "", event.corpus_event_id))


def _split_by_date(mentions: list[EventMention], day_tolerance: int) -> list[list[EventMention]]:
    """Mentions of one key grouped by date: days chained within the tolerance, coarse dates by value."""
    dated: list[tuple[dt.date, EventMention]] = []
    coarse: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        day = _day(mention.date)
        if day is None:
            coarse[str(mention.date)].append(mention)
        else:
            dated.append((day, mention))
    groups = list(coarse.values())
    dated.sort(key=lambda pair: pair[0])
    previous: dt.date | None = None
    for day, mention in dated:
        if previous is None or (day - previous).days > day_tolerance:
            groups.append([])
        groups[-1].append(mention)
        previous = day
    return groups


def _day(value: str | None) -> dt.date | None:
    """The calendar day of a TIMEX value that names one ("2025-08-23", "2025-08-23TMO"), else None."""
    match = _DAY.fullmatch(value or "")
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:  # "2025-02-30": no such day; kept as an exact value
        return None


def _corpus_event(group: list[EventMention]) -> CorpusEvent:
    """One corpus event from its mentions (all of one key and date span, or a lone mention)."""
    mentions = sorted(group, key=_mention_order)
    first = mentions[0]
    days = sorted(str(day) for day in (_day(m.date) for m in mentions) if day is not None)
    date, last_date = (days[0], days[-1]) if days else (first.date, first.date)
    published = sorted(m.published for m in mentions if m.published)
    return CorpusEvent(
        corpus_event_id=_corpus_event_id(first, date),
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
        num_sources=len({_publisher(m.publisher) for m in mentions if _publisher(m.publisher)}),
        first_seen=published[0] if published else None,
        last_seen=published[-1] if published else None,
        best=min(mentions, key=_best_first),
    )


def _is_linkable(mention: EventMention) -> bool:
    return bool(mention.source_code and mention.date)


def _corpus_event_id(first: EventMention, date: str | None) -> str:
    """A hash of the event's key and first date, or of the one mention it stands for.

    Stable across runs, machines and input order (no ``hash()``, no counters); a linked event's
    id changes only when an earlier-dated mention joins it.
    """
    if _is_linkable(first):
        key: list[str | None] = ["event", first.source_code, first.target_code, first.cameo, first.modality, date]
    else:
        key = ["mention", first.article_id, first.event_id]
    digest = hashlib.blake2b(json.dumps(key).encode("utf-8"), digest_size=12).hexdigest()
    return f"ce-{digest}"


def _publisher(name: str | None) -> str:
    """A publisher's name for counting: "Reuters" and " reuters" are one source."""
    return " ".join((name or "").casefold().split())


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
