# ruff: noqa: E501  -- each pattern stays on one line so that it reads as one regex
"""The patterns that find temporal expressions, each with the rule that gives its TIMEX3 type
and value.

Extents follow the TimeML guidelines: determiners and modifiers that belong to the expression
("the first nine months", "earlier this week", "about two years") are in it; prepositions
("on Friday", "in 2022") are not. Names of months and weekdays must be capitalised, which
keeps the verb "may" and the noun "march" out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.stages.s09_time import normalise as norm
from storyline.stages.s09_time.holidays import HOLIDAY_RE, holiday
from storyline.stages.s09_time.values import iso_week, month_value
from storyline.stages.s09_time.words import (
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_RE,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
    number_value,
)

__all__ = ["RULES", "Context", "Rule"]

Value = tuple[str, str]  # (type, value)


@dataclass
class Context:
    """What a rule may look at besides its match: the DCT, the whole text, and the tense of
    the governing verb (computed only when a rule asks, since it needs the parse)."""

    dct: dt.date | None
    text: str
    tense: Callable[[int, int], str]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    value: Callable[[re.Match[str], Context], Value | None]
    # A word every match contains: a paragraph without it is not searched with ``pattern``,
    # whose optional leading groups make a scan of every position costly.
    keyword: re.Pattern[str]
    # whether ``keyword`` is searched in the text as written, not lower-cased
    cased: bool = False


def _i(words: str) -> str:
    """A case-insensitive piece inside a case-sensitive pattern."""
    return f"(?i:{words})"


_YEAR = r"(?:1[6-9]|20)\d\d"
_MOD = _i(r"early|earlier|late|later|mid-|mid|the end of|the beginning of|the start of|the middle of|the rest of")
_PARTS = _i(r"morning|afternoon|evening|night")


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _date_value(m: re.Match[str], ctx: Context) -> Value | None:
    year = int(m["year"]) if m["year"] else None
    value = norm.month_day(_month(m["month"]), int(m["day"]), year, ctx.dct, "" if year else ctx.tense(*m.span()))
    return ("DATE", value) if value else None


def _iso_date(m: re.Match[str], ctx: Context) -> Value | None:
    try:
        return "DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: Context) -> Value | None:
    return "DATE", f"{int(m['year']):04d}-{_month(m['month']):02d}"


_AFTER_MONTH_WORD = re.compile(r"\s*(?:,|\.|;|$)")
_BEFORE_MONTH_WORD = re.compile(
    _i(r"(?:\b(?:in|since|until|by|from|through|during|of|before|after|last|next|this)\s+)$")
)


def _month_alone(m: re.Match[str], ctx: Context) -> Value | None:
    word = m["month"]
    shift = (m["shift"] or "").lower()
    if "." in word or (len(word) <= 4 and word not in ("May", "June", "July")):
        return None  # a lone abbreviation is more often something else
    if word == "May" and not shift and not m["mod"] and not _BEFORE_MONTH_WORD.search(ctx.text[: m.start()]):
        return None  # the verb at the start of a sentence
    return "DATE", norm.month_only(_month(word), ctx.dct, ctx.tense(*m.span()), shift)


def _year(m: re.Match[str], ctx: Context) -> Value | None:
    before = ctx.text[max(0, m.start() - 1) : m.start()]
    if before in ("$", "#", "-", "/", ".") or before.isalnum():
        return None
    return "DATE", m["year"]


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPELLED_YEAR = _i(
    rf"(?:nineteen|twenty)[- ](?:(?:{_TENS})(?:[- ](?:{_UNITS_WORDS}))?|{_TEENS}|hundred)|two thousand(?:\s+and\s+(?:{_UNITS_WORDS}|{_TEENS}))?"
)


def _spelled_year(m: re.Match[str], ctx: Context) -> Value | None:
    """A year in words, as broadcast transcripts write it: "nineteen ninety-six", "the year two
    thousand", "January nineteen ninety-seven"."""
    words = m["spelled"].lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        year = 2000 + int(number_value(" ".join(words[3:]))) if len(words) > 3 else 2000
    else:
        rest = " ".join(words[1:])
        year = int(number_value(words[0])) * 100 + (0 if rest == "hundred" else int(number_value(rest)))
    if m["month"]:
        return "DATE", month_value(year, _month(m["month"]))
    return "DATE", str(year)


def _decade(m: re.Match[str], ctx: Context) -> Value | None:
    digits = m["decade"] or m["decade2"]
    if len(digits) == 2:
        digits = "19" + digits  # "the '90s": newswire of the last century and this one
    return "DATE", digits[:3]


_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


def _relative(m: re.Match[str], ctx: Context) -> Value | None:
    shift = m["shift"].lower().split()[-1]
    unit = _unit(m["unit"])
    if m["shift"].lower().startswith("the ") and shift in ("past", "last", "next", "coming", "previous", "following"):
        letter, clock = UNITS[unit]
        return "DURATION", norm.duration("1", letter, clock)  # "the past year": a period, not a date
    value = norm.relative_unit(unit, _OFFSETS[shift], ctx.dct)
    return ("DATE", value) if value else None


def _deictic(m: re.Match[str], ctx: Context) -> Value | None:
    word = m["word"].lower()
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}.get(word)
    part = PARTS_OF_DAY.get((m["part"] or "").lower(), "NI" if word == "tonight" else "")
    if offset is None:
        return "DATE", _REFS[word]
    day = norm.relative_unit("day", offset, ctx.dct)
    if day is None:
        return None
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF",
}  # fmt: skip


def _current(m: re.Match[str], ctx: Context) -> Value | None:
    """ "its current chairman", "current market conditions": the adjective points at the
    present, as TimeBank tags it ("the current year" is a longer match of its own)."""
    return "DATE", "PRESENT_REF"


def _vague_period(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the coming weeks" is the open future; "recent years" is a period of unknown length
    (PXY), as TimeBank codes it more often than PAST_REF."""
    if m["which"].lower() == "coming":
        return "DATE", "FUTURE_REF"
    letter, clock = UNITS[_unit(m["unit"])]
    return "DURATION", norm.duration("X", letter, clock)


_EARLIEST = re.compile(r"(?i)\bas (?:early|soon) as\s+(?:on\s+)?$")


def _weekday(m: re.Match[str], ctx: Context) -> Value | None:
    """A weekday: by the week named ("Wednesday next week"), by its shift word, else by tense,
    where news writes the present for what is to come ("the minister leaves Tuesday"). "Friday
    night" is a TIME on that day (TNI)."""
    shift = (m["shift"] or "").lower()
    # "Friday's ruling" names a day the news is about: a past one, whatever the verb's tense
    possessive = ctx.text[m.end() : m.end() + 2] in ("'s", "’s")
    tense = "" if possessive else ctx.tense(*m.span())
    if not tense and _EARLIEST.search(ctx.text[max(0, m.start() - 20) : m.start()]):
        tense = "future"  # "could be ready as soon as Tuesday": no tense, but a date ahead
    number = WEEKDAYS[m["day"].lower()]
    week = (m["week"] or "").lower()
    if week and ctx.dct is not None:  # "Wednesday next week": that day of the week named
        weeks = {"last": -1, "this": 0, "next": 1}[week]
        day = norm.weekday(number, ctx.dct + dt.timedelta(weeks=weeks), "", "this")
    else:
        day = norm.weekday(number, ctx.dct, "future" if tense == "present" else tense, shift)
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


def _part_of_day(m: re.Match[str], ctx: Context) -> Value | None:
    shift = m["shift"].lower()
    part = PARTS_OF_DAY[m["part"].lower()]
    day = norm.relative_unit("day", -1 if shift == "last" else 0, ctx.dct)
    return "TIME", f"{day}T{part}"


def _clock(m: re.Match[str], ctx: Context) -> Value | None:
    if m["noon"]:
        hour, minute = (24, 0) if m["noon"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        meridiem = m["ampm"].lower()[0]
        if not (1 <= hour <= 12 and minute < 60):
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    day = norm.relative_unit("day", 0, ctx.dct)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _ago(m: re.Match[str], ctx: Context) -> Value | None:
    sign = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    value = norm.ago(number_value(m["num"]), _unit(m["unit"]), ctx.dct, sign)
    return ("DATE", value) if value else None


def _duration(m: re.Match[str], ctx: Context) -> Value | None:
    unit = _unit(m["unit"])
    amount = number_value(m["num"])
    if unit == "second" and not m["num"][0].isdigit() and m["unit"].lower() == "second":
        return None  # "a second" is more often the ordinal
    letter, clock = UNITS[unit]
    return "DURATION", norm.duration(amount, letter, clock)


def _vague_duration(m: re.Match[str], ctx: Context) -> Value | None:
    letter, clock = UNITS[_unit(m["unit"])]
    return "DURATION", norm.duration("X", letter, clock)


def _quarter(m: re.Match[str], ctx: Context) -> Value | None:
    number = ORDINALS.get((m["ord"] or "").lower())
    which = (m["which"] or "").lower()
    year = m["year"] or m["pyear"]
    if m["yshift"]:  # "this year's third quarter", "last year's quarter"
        shifted = norm.relative_unit("year", _OFFSETS[m["yshift"].lower()], ctx.dct)
        if shifted is None or number is None:
            return ("DATE", shifted) if shifted else None  # made that year's named quarter later
        return "DATE", f"{shifted}-Q{number}"
    if number is None and not which and not year and not m.group(0).lower().startswith("the "):
        return None  # "a quarter", "its quarter": not a date without more
    value = norm.quarter(number, which, int(year) if year else None, ctx.dct)
    if year and number is None:
        value = f"{year}{value[4:]}"  # "the 1988 quarter": the same quarter of that year
    if m["ago"] and value[:4].isdigit():
        value = f"{int(value[:4]) - 1}{value[4:]}"  # "the quarter a year ago"
    return "DATE", value


def _period(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the latest period", "the year-earlier period": the quarters of a results report. A bare
    "year-earlier" ("year-earlier profit") is last year, made a quarter where one was named."""
    if m["which"]:
        return "DATE", norm.quarter(None, m["which"].lower(), None, ctx.dct)
    if m["pyear"]:
        return "DATE", m["pyear"]  # "the 1988 period": made that year's named quarter later
    year = norm.relative_unit("year", -1, ctx.dct)
    return ("DATE", year) if year else None


def _the_year(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the year ended June 30" is a twelve-month period (P1Y); "sales for the full year" and
    "a high for the year" are the DCT's year."""
    if m["ended"]:
        return "DURATION", "P1Y"
    year = norm.relative_unit("year", 0, ctx.dct)
    return ("DATE", year) if year else None


def _half(m: re.Match[str], ctx: Context) -> Value | None:
    half = 1 if m["ord"].lower() == "first" else 2
    if m["year"]:
        return "DATE", f"{m['year']}-H{half}"
    year = norm.relative_unit("year", _OFFSETS.get((m["shift"] or "this").lower(), 0), ctx.dct)
    return "DATE", f"{year}-H{half}"


def _season(m: re.Match[str], ctx: Context) -> Value | None:
    shift = (m["shift"] or "").lower().split()[-1] if m["shift"] else ""
    if not shift and not m["year"]:
        return None
    year = int(m["year"]) if m["year"] else None
    tense = ctx.tense(*m.span()) if not shift else ""
    return "DATE", norm.season(SEASONS[m["season"].lower()], shift, year, ctx.dct, tense)


def _weekend(m: re.Match[str], ctx: Context) -> Value | None:
    """ "over the weekend": the last one (news reports the past), unless the verb looks ahead
    ("ahead of the weekend", "will rest at the weekend")."""
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = ctx.dct - dt.timedelta(days=(ctx.dct.isoweekday() - 6) % 7)  # on or before the DCT
    if ctx.tense(*m.span()) == "future" and ctx.dct.isoweekday() < 6:
        saturday += dt.timedelta(days=7)
    return "DATE", iso_week(saturday) + "-WE"


def _holiday(m: re.Match[str], ctx: Context) -> Value | None:
    year = int(m["year"]) if m["year"] else None
    value = holiday(m["name"], year, ctx.dct, "" if year else ctx.tense(*m.span()))
    return ("DATE", value) if value else None


# Not tagged: "soon" and "annually", which TimeBank leaves untagged three times in four.
_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}


def _set(m: re.Match[str], ctx: Context) -> Value | None:
    if m["adverb"]:
        return "SET", _SET_WORDS[m["adverb"].lower()]
    if m["day"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['day'].lower()]}"
    if m["month"]:
        return "SET", f"XXXX-{_month(m['month']):02d}"
    letter, clock = UNITS[_unit(m["unit"])]
    amount = number_value(m["num"]) if m["num"] else "1"
    return "SET", norm.duration(amount, letter, clock)


_ORD = _i(r"first|second|third|fourth|1st|2nd|3rd|4th")
_WHICH_QUARTER = _i(r"latest|current|last|previous|past|year-earlier|year-ago|same|this|next|coming")
_SHIFT = _i(r"last|this|next")
_AMPM = _i(r"a\.m\.|p\.m\.|am|pm")

# A word every match contains, searched in the lower-cased text (much faster than a
# case-insensitive search), except the capitalised month and weekday names of _CASED.
_CASED = frozenset({"month-day", "day-month", "month-year", "month", "weekday"})
_KEYWORDS = {
    "month-day": MONTH_RE,
    "day-month": MONTH_RE,
    "iso-date": r"\d{4}-\d\d-\d\d",
    "month-year": MONTH_RE,
    "month": MONTH_RE,
    "year": _YEAR,
    "decade": r"0'?s\b",
    "spelled-year": "nineteen|two thousand",
    "relative": "week|month|year|quarter|decade|century",
    "deictic": "yesterday|today|tonight|tomorrow|now|currently|nowadays|recently|lately|the past|the future",
    "vague-period": "recent|coming",
    "current": "current",
    "weekday": WEEKDAY_RE,
    "weekend": "weekend",
    "holiday": HOLIDAY_RE,
    "part-of-day": "morning|afternoon|evening|night",
    "clock": r"\d\s*(?:a\.m\.|p\.m\.|am|pm)|noon|midday|midnight",
    "ago": "ago|earlier|later|from now|hence",
    "duration": UNIT_RE,
    "vague-duration": r"for\s+(?:years|months|weeks|decades|hours|days)",
    "quarter": "quarter",
    "half": "half",
    "period": "period|year-earlier|year-ago",
    "the-year": "the (?:full |fiscal )?year",
    "season": "spring|summer|fall|autumn|winter",
    "set": "daily|weekly|monthly|annually|yearly|hourly|every|each",
}

RULES: tuple[Rule, ...] = tuple(
    Rule(name, re.compile(pattern), handler, re.compile(_KEYWORDS[name]), name in _CASED)
    for name, pattern, handler in (
        (
            "month-day",
            rf"\b(?:{WEEKDAY_RE},?\s+)?(?P<month>{MONTH_RE})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_YEAR})\b)?",
            _date_value,
        ),
        (
            "day-month",
            rf"\b(?:{WEEKDAY_RE},?\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{MONTH_RE})(?:,?\s+(?P<year>{_YEAR})\b)?",
            _date_value,
        ),
        ("iso-date", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", _iso_date),
        (
            "month-year",
            rf"(?:\b{_MOD}\s*)?\b(?P<month>{MONTH_RE})\s*,?\s+(?:{_i('of')}\s+)?(?P<year>{_YEAR})\b",
            _month_year,
        ),
        (
            "month",
            rf"(?:\b(?P<mod>{_MOD})\s*)?(?:\b(?P<shift>{_SHIFT})\s+)?\b(?P<month>{MONTH_RE})(?![\w.]*\s+[0-3]?\d\b)",
            _month_alone,
        ),
        (
            "year",
            rf"(?:\b{_i('fiscal|calendar|the year|the end of|the beginning of|the start of|the middle of|early|late|mid-')}\s*)?(?P<year>\b{_YEAR})\b(?![.,]\d|\s*{_i('%|percent')})",
            _year,
        ),
        (
            "spelled-year",
            rf"(?:\b{_i('the year')}\s+|\b(?P<month>{MONTH_RE})\s+)?\b(?P<spelled>{_SPELLED_YEAR})\b(?![- ]+{_i(UNIT_RE)})",
            _spelled_year,
        ),
        (
            "decade",
            rf"(?:\b{_i('the')}\s+)?(?:{_i('early|late|mid-|mid')}\s*)?(?:\b(?P<decade>(?:1[6-9]|20)\d0)|'(?P<decade2>\d0))'?s\b",
            _decade,
        ),
        (
            "relative",
            rf"(?:\b{_MOD}\s+)?\b(?P<shift>{_i('last|this|next|the past|the previous|the coming|the following|the current|the next|the last')})\s+(?P<unit>{_i('week|month|year|quarter|weekend|decade|century')})\b",
            _relative,
        ),
        (
            "deictic",
            rf"\b(?P<word>{_i('the day before yesterday|yesterday|today|tonight|tomorrow|now|currently|nowadays|recently|lately|the past|the future')})\b(?:\s+(?P<part>{_PARTS}))?",
            _deictic,
        ),
        (
            "vague-period",
            rf"\b(?:{_i('the')}\s+)?(?P<which>{_i('recent|coming')})\s+(?P<unit>{_i('years|months|weeks|days|decades|quarters')})\b",
            _vague_period,
        ),
        # an adjective before a lower-case word; not the balance-of-payments "current account"
        ("current", rf"\b{_i('current')}\b(?=\s+[a-z])(?!\s+accounts?\b)", _current),
        (
            "weekday",
            rf"\b(?:(?P<shift>{_SHIFT})\s+)?(?P<day>{WEEKDAY_RE})\b(?:\s+(?P<part>{_PARTS})\b)?"
            rf"(?:,?\s+(?:{_i('of')}\s+)?(?P<week>{_SHIFT})\s+{_i('week')}\b)?",
            _weekday,
        ),
        ("holiday", rf"\b(?P<name>{_i(HOLIDAY_RE)})\b(?:,?\s+(?P<year>{_YEAR})\b)?", _holiday),
        ("weekend", rf"\b{_i('the')}\s+{_i('weekend')}\b(?!['’]s)", _weekend),
        ("part-of-day", rf"\b(?P<shift>{_i('this|last')})\s+(?P<part>{_PARTS})\b", _part_of_day),
        (
            "clock",
            rf"(?:\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>{_AMPM})(?!\w)|\b(?P<noon>{_i('noon|midday|midnight')})\b)(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?",
            _clock,
        ),
        (
            "ago",
            rf"(?:\b{_i('about|nearly|almost|some|more than|just|only|roughly')}\s+)?\b(?P<num>{_i(NUMBER_RE)})\s+(?P<unit>{_i(UNIT_RE)})\s+(?P<dir>{_i('ago|earlier|later|from now|hence')})\b",
            _ago,
        ),
        (
            "duration",
            rf"(?:\b{_i('the')}\s+)?(?:\b{_i('first|last|past|next|previous|coming|following|final|remaining|initial|about|nearly|almost|more than|less than|over|at least|up to|only|just')}\s+)?\b(?P<num>{_i(NUMBER_RE)})[- ](?P<unit>{_i(UNIT_RE)})\b(?![- ]{_i('old')})",
            _duration,
        ),
        (
            "vague-duration",
            rf"(?<=\b{_i('for')} )(?P<unit>{_i('years|months|weeks|decades|hours|days')})\b",
            _vague_duration,
        ),
        (
            "quarter",
            rf"(?:\b{_i('the|its|their')}\s+)?(?:(?P<pyear>{_YEAR})\s+|\b(?P<yshift>{_SHIFT})\s+{_i('year')}['’]s\s+)?(?:\b(?P<ord>{_ORD})[- ]|\b(?P<which>{_WHICH_QUARTER})[- ])?(?<=[ -])(?:{_i('fiscal')}[- ])?{_i('quarter')}\b(?:\s+{_i('of')}\s+(?:{_i('fiscal')}\s+)?(?P<year>{_YEAR})\b|(?P<ago>\s+{_i('a year')}\s+{_i('ago|earlier')}\b))?",
            _quarter,
        ),
        (
            "period",
            rf"(?:\b{_i('the')}\s+)?\b(?P<which>{_i('latest|year-earlier|year-ago')})\s+{_i('period')}\b|\b(?P<adjective>{_i('year-earlier|year-ago')})\b|\b{_i('the')}\s+(?P<pyear>{_YEAR})\s+{_i('period')}\b|\b{_i('the')}\s+{_i('corresponding|comparable|same')}\s+{_i('period')}\s+(?:{_i('last year')}|{_i('a year')}\s+{_i('ago|earlier')})\b",
            _period,
        ),
        (
            "the-year",
            rf"\b{_i('the')}\s+(?:{_i('full|fiscal')}\s+)?{_i('year')}\b(?![-'’]|\s+{_i('before|after|earlier|ago')}\b)(?=(?P<ended>\s+{_i('ended|ending|to')}\b)?)",
            _the_year,
        ),
        (
            "half",
            rf"(?:\b{_i('the')}\s+)?\b(?P<ord>{_i('first|second')})[- ]{_i('half')}\b(?:\s+{_i('of')}\s+(?:(?:{_i('fiscal')}\s+)?(?P<year>{_YEAR})\b|(?P<shift>{_SHIFT})\s+{_i('year')}\b))?",
            _half,
        ),
        (
            "season",
            rf"(?:\b{_MOD}\s+)?(?:\b(?P<shift>{_i('last|this|next|earlier this|later this')})\s+)?\b(?P<season>{_i('spring|summer|fall|autumn|winter')})\b(?:\s+(?:{_i('of')}\s+)?(?P<year>{_YEAR})\b)?",
            _season,
        ),
        (
            "set",
            rf"\b(?:(?P<adverb>{_i('daily|weekly|monthly|yearly|hourly')})|{_i('every|each')}\s+(?:{_i('other')}\s+)?(?:(?P<day>{WEEKDAY_RE})|(?P<month>{MONTH_RE})|(?:(?P<num>{_i(NUMBER_RE)})\s+)?(?P<unit>{_i(UNIT_RE)})))\b",
            _set,
        ),
    )
)
