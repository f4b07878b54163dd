"""The time stage: temporal expressions in a parsed text, normalised to TIMEX3 against the
document creation time (the article's publication date).

The expressions are found by the patterns in :mod:`~storyline.stages.s09_time.rules` (one per kind of expression,
each with its normalisation); where patterns overlap, the longest wins. Rules that need the
direction of time (a bare "Friday", "in March") read the tense of the governing verb from the
spaCy parse. "a week after May 3" is anchored on the date it names, not on the DCT.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from storyline.document.article import is_news_date
from storyline.document.records import Timex
from storyline.parse.climbs import lineage
from storyline.parse.paragraphs import paragraphs as text_paragraphs
from storyline.parse.text import text_of
from storyline.stages.s09_time.rules import RULES, Context
from storyline.stages.s09_time.values import iso_week, month_value

__all__ = ["find_in_text", "find_timexes", "parse_dct"]

# "could" is left out: as often the past of "can" ("could not be located Wednesday") as a
# possibility ahead
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "going", "would", "might", "may"}
_PERFECT_AUX = {"has", "have", "had", "'ve", "'s"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
_INTEND_VERBS = frozenset(
    "plan intend expect want aim hope agree promise vow seek decide threaten prepare schedule set go due".split()
)
# Verbs whose date lies ahead whatever their tense: "has scheduled a news conference Thursday"
_PLAN_VERBS = frozenset({"schedule", "plan", "expect", "set", "intend", "prepare", "due"})


def parse_dct(published: str | dt.date | None) -> dt.date | None:
    """The DCT as a date; a datetime ("1998-01-08T18:30:00") counts by its day. None for no
    date, and for one no news article has (:data:`~storyline.document.article.EARLIEST_PUBLISHED`
    to :data:`~storyline.document.article.LATEST_PUBLISHED`): relative expressions stay unresolved."""
    if published is None or isinstance(published, dt.date):
        date = published.date() if isinstance(published, dt.datetime) else published
    else:
        match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", published.strip())
        try:
            date = dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            return None
    return date if date is not None and is_news_date(date) else None


def _tense_in(doc: Doc | None, start: int, end: int) -> str:
    """ "past", "future" or "" from the verb that governs the span: "said on Friday" is past,
    "will meet on Friday" and "plans to meet on Friday" are future."""
    if doc is None:
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    # a prepositional phrase or a noun sits between the expression and its verb
    token = next((t for t in lineage(span.root, 8) if t.pos_ in ("VERB", "AUX")), None)
    if token is None:
        return ""
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    # "is meeting on Friday" is a plan; "was meeting on Friday" is not
    progressive = token.tag_ == "VBG" and bool(words & _PRESENT_BE)
    planned = token.lemma_ in _PLAN_VERBS and token.tag_ != "VBD"
    # "plans to meet on Friday" and "is to resume trading Tuesday" look ahead; "the first to
    # accede on Friday" need not
    intended = (
        token.tag_ == "VB" and "to" in words and token.dep_ != "csubj" and token.head.lemma_ in _INTEND_VERBS | {"be"}
    )
    if words & _FUTURE_AUX and words & {"have", "'ve"}:
        return "past"  # "may have been responsible on Wednesday"
    plan = token.head if token.head.pos_ in ("VERB", "AUX") else token.head.head  # "been due to"
    if intended and any(a.lower_ == "had" for a in plan.children if a.dep_ == "aux"):
        return "past"  # "had been due to expire Friday": a plan that was overtaken
    if words & _FUTURE_AUX or intended or progressive or planned:
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux) or words & _PERFECT_AUX or _past_as_present(token):
        return "past"
    if token.tag_ in ("VBZ", "VBP") or (token.tag_ == "VBN" and words & _PRESENT_BE):
        return "present"  # "the president leaves Tuesday", "is expected Thursday"
    return ""


_SINGULAR_SUBJECT_TAGS = frozenset({"NN", "NNP"})


def _past_as_present(verb: Token) -> bool:
    """ "Weakness in stocks hurt the index on Friday": a singular subject with the bare form is
    the past of a verb whose past looks the same (hurt, cut, set, hit), mistagged as present.
    Subjects joined by "and" are plural ("The Queen and I look forward"): the form is right."""
    return verb.tag_ == "VBP" and any(
        c.dep_ == "nsubj" and c.tag_ in _SINGULAR_SUBJECT_TAGS and not any(g.dep_ == "conj" for g in c.children)
        for c in verb.children
    )


def find_in_text(text: str, published: str | dt.date | None, doc: Doc | None = None) -> list[Timex]:
    """The timexes of ``text`` (``doc`` is its parse, for tense; without it tense is unknown)."""
    dct = parse_dct(published)
    context = Context(dct, text, lambda start, end: _tense_in(doc, start, end))
    candidates = []
    paragraphs = text_paragraphs(text)  # no temporal expression crosses a blank line
    lowered = _lowered(text)
    windows: dict[tuple[str, bool], list[tuple[int, int]]] = {}  # rules that share a keyword
    for order, rule in enumerate(RULES):
        seen: set[tuple[int, int]] = set()
        key = (rule.keyword.pattern, rule.cased)
        if key not in windows:
            windows[key] = _windows(text if rule.cased else lowered, paragraphs, rule.keyword)
        for start, end in windows[key]:
            for match in rule.pattern.finditer(text, start, end):
                if match.end() > match.start() and match.span() not in seen:
                    seen.add(match.span())
                    candidates.append((-(match.end() - match.start()), match.start(), order, match))
    taken: list[tuple[int, int, str, str]] = []
    occupied = bytearray(len(text))  # 1 for each character a taken expression covers
    for _, start, order, match in sorted(candidates, key=lambda c: c[:3]):
        end = match.end()
        if 1 in occupied[start:end]:
            continue
        found = RULES[order].value(match, context)
        if found is not None:
            taken.append((start, end, *found))
            occupied[start:end] = b"\x01" * (end - start)
    taken.sort()
    taken = _year_ago_quarters(text, _anchor(text, taken))
    return [Timex(f"T{i}", text[s:e], s, e, kind, value) for i, (s, e, kind, value) in enumerate(taken, 1)]


def _lowered(text: str) -> str:
    """``text`` in lower case, offset for offset (a few letters, like "İ", grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Every expression lies within this many characters of its keyword ("the next twenty-four
# hours": the keyword "hours" ends it; "March 5, 1998": "March" starts it).
_REACH = 100


def _windows(text: str, paragraphs: list[tuple[int, int]], keyword: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of each paragraph around the rule's keyword: the only places it can match.

    A pattern that opens with optional groups costs a try at every position; searched around
    its keyword only, it costs a few hundred characters per keyword, not the whole text.
    """
    windows: list[tuple[int, int]] = []
    for start, end in paragraphs:
        for hit in keyword.finditer(text, start, end):
            lo, hi = max(start, hit.start() - _REACH), min(end, hit.end() + _REACH)
            if windows and lo <= windows[-1][1] and windows[-1][0] >= start:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
    return windows


def find_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """The pipeline's time stage: timexes of a parsed article, ids T1, T2... in text order."""
    return find_in_text(text_of(doc), published, doc)


_LINK = re.compile(r"\s+(after|before|from)\s+$", re.IGNORECASE)
_SPAN = re.compile(r"P(\d+)(D|W|M|Y)")


def _anchor(text: str, taken: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """ "a week after May 3": a duration joined by after/before to a full date becomes one date
    counted from that date, which is what the words mean whatever the DCT."""
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(taken):
        start, end, kind, value = taken[i]
        if kind == "TIME" and i + 1 < len(taken) and re.search(r"T\d\d:\d\d$", value):
            nxt = taken[i + 1]
            between = text[end : nxt[0]]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt[3]) and re.fullmatch(r"[\s,]*(?:on\s+)?", between):
                # "9 a.m. Tuesday": the clock time on that day, one expression
                out.append((start, nxt[1], "TIME", nxt[3] + value[value.index("T") :]))
                i += 2
                continue
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt[3]) and re.fullmatch(r"\s*\([^()]{1,20}\)\s*", between):
                # "10:35 a.m. (0735 GMT) Friday": the time on that day; the day stays its own
                out.append((start, end, kind, nxt[3] + value[value.index("T") :]))
                i += 1
                continue
        if kind == "DURATION" and i + 1 < len(taken):
            nxt = taken[i + 1]
            link = _LINK.fullmatch(" " + text[end : nxt[0]]) if nxt[0] - end <= 8 else None
            amount = _SPAN.fullmatch(value)
            date = parse_dct(nxt[3]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt[3]) else None
            if link and amount and date:
                sign = -1 if link[1].lower() == "before" else 1
                out.append((start, nxt[1], "DATE", _shifted(date, int(amount[1]) * sign, amount[2])))
                i += 2
                continue
        out.append(taken[i])
        i += 1
    return out


# "last year" stays the year: reports say "last year" of the whole year, "a year earlier" of the quarter
_YEAR_AGO = re.compile(r"(?i)(?:a|one|the)?\s*year[- ](?:ago|earlier|before)|year-(?:earlier|ago)")
# "the 1988 period", "the corresponding period last year", "last year's quarter": that year's
# quarter of the same number as the one the report is about
_THAT_YEARS = re.compile(r"(?i)the\s+(?:\d{4}|corresponding|comparable|same)\s+period\b.*|\w+\s+year['’]s\s+quarter")
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_LOOKS_BACK = re.compile(r"(?i)year[- ](?:ago|earlier)|last year|previous|prior")
_LONGER_PERIOD = re.compile(r"P(?:[4-9]|1[0-2])M|P1Y")


def _year_ago_quarters(text: str, taken: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """In a report on quarterly results, "a year earlier" / "a year ago" compares
    with the same quarter of the year before ("profit rose from $2 million a year earlier" about
    the third quarter of 1989 means 1988-Q3). A quarter must have been named before it, and no
    longer period since ("for the nine months, ... a year earlier" is the year)."""
    out = []
    quarter: re.Match[str] | None = None
    for start, end, kind, value in taken:
        words = text[start:end].strip()
        found = _QUARTER_VALUE.fullmatch(value)
        if found and not _LOOKS_BACK.search(words):  # "the year-ago quarter" is not the report's
            quarter = found
        elif kind == "DURATION" and _LONGER_PERIOD.fullmatch(value):
            quarter = None
        elif quarter and kind == "DATE" and re.fullmatch(r"\d{4}", value):
            if _YEAR_AGO.fullmatch(words):
                value = f"{int(quarter[1]) - 1}-Q{quarter[2]}"
            elif _THAT_YEARS.fullmatch(words):
                value = f"{value}-Q{quarter[2]}"
        out.append((start, end, kind, value))
    return out


def _shifted(day: dt.date, n: int, letter: str) -> str:
    if letter == "D":
        return (day + dt.timedelta(days=n)).isoformat()
    if letter == "W":
        return (day + dt.timedelta(weeks=n)).isoformat()
    if letter == "M":
        index = day.year * 12 + day.month - 1 + n
        return month_value(index // 12, index % 12 + 1)
    if letter == "Y":
        return str(day.year + n)
    return iso_week(day)
