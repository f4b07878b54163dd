"""Calendar arithmetic against the document creation time (DCT): each function turns the parts
of one kind of expression into a TIMEX3 value.

``dct`` is ``None`` when the article has no publication date: then anything relative keeps
X's where the DCT would have fixed it ("Friday" -> ``XXXX-WXX-5``), never a guess. ``tense``
is that of the verb that governs the expression ("past", "future", or "" when there is none),
which picks the direction of an unanchored weekday or month, as HeidelTime does.
"""

from __future__ import annotations

import datetime as dt

from storyline.stages.s09_time.values import iso_week, month_value, quarter_of, shift_months

__all__ = [
    "ago",
    "duration",
    "month_day",
    "month_only",
    "quarter",
    "relative_unit",
    "season",
    "weekday",
]

_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def _season_of(day: dt.date) -> str:
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 1]


def weekday(number: int, dct: dt.date | None, tense: str, shift: str = "") -> str:
    """Monday = 1. ``shift`` "last"/"next" forces the direction; otherwise the tense does:
    past -> the latest such day on or before the DCT, future -> the next one on or after it."""
    if dct is None:
        return f"XXXX-WXX-{number}"
    delta = number - dct.isoweekday()
    if shift == "last":
        day = dct + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    elif shift == "next":
        day = dct + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    elif shift == "this":
        day = dct + dt.timedelta(days=delta)  # the same ISO week
    elif tense == "future":
        day = dct + dt.timedelta(days=delta % 7)
    else:
        day = dct - dt.timedelta(days=(-delta) % 7)
    return day.isoformat()


def month_day(month: int, day: int, year: int | None, dct: dt.date | None, tense: str) -> str | None:
    """A day of a month; without a year, the DCT's year, moved by a year where the tense says
    the date lies on the other side of the DCT (a past "Dec. 30" written in January)."""
    tense = "" if tense == "present" else tense
    if year is None:
        if dct is None:
            return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
        year = dct.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        ahead = (candidate - dct).days
        if ahead > (60 if tense == "past" else 183 if not tense else 366):
            year -= 1
        elif -ahead > (60 if tense == "future" else 183 if not tense else 366):
            year += 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def month_only(month: int, dct: dt.date | None, tense: str, shift: str = "") -> str:
    """A month named without a year: "last April" is the latest April before the DCT's month,
    "next April" the first after it; a bare month goes by the tense, else the DCT's year."""
    tense = "" if tense == "present" else tense
    if dct is None:
        return f"XXXX-{month:02d}"
    year = dct.year
    if shift == "last" or (not shift and tense == "past"):
        if month > dct.month or (shift == "last" and month == dct.month):
            year -= 1
    elif shift == "next" or (not shift and tense == "future"):
        if month < dct.month or (shift == "next" and month == dct.month):
            year += 1
    elif not shift and abs(month - dct.month) > 6:
        year += 1 if month < dct.month else -1  # no tense: the nearest such month
    return month_value(year, month)


def relative_unit(unit: str, offset: int, dct: dt.date | None) -> str | None:
    """ "last week" (offset -1), "this month" (0), "next year" (1): calendar units around the DCT."""
    if dct is None:
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}
        return unknown.get(unit, {"quarter": "XXXX-QX", "year": "XXXX"}.get(unit))
    if unit == "day":
        return (dct + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(dct + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return month_value(*shift_months(dct, offset))
    if unit == "quarter":
        year, month = shift_months(dct, 3 * offset)
        return f"{year}-Q{quarter_of(month)}"
    if unit == "year":
        return str(dct.year + offset)
    if unit == "decade":
        return str(dct.year // 10 + offset)
    if unit == "century":
        return str(dct.year // 100 + offset)
    return None


def ago(amount: str, unit: str, dct: dt.date | None, sign: int) -> str | None:
    """ "three years ago" / "two weeks later": the DCT moved by the amount, at the unit's
    granularity (a year ago -> the year, two weeks ago -> the ISO week, a day ago -> the day)."""
    if amount == "X" or "." in amount:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = int(amount) * sign
    if dct is None:
        return relative_unit(unit, n, None)
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=n))
    if unit == "month":
        return month_value(*shift_months(dct, n))
    if unit == "quarter":
        return relative_unit("quarter", n, dct)
    if unit == "year":
        return str(dct.year + n)
    if unit == "decade":
        return str(dct.year // 10 + n)
    if unit in ("century", "centurie"):
        return str(dct.year // 100 + n)
    return None


def duration(amount: str, letter: str, clock: bool) -> str:
    """P7Y, PT24H, P1W, PXY. Decades are counted in years ("two decades" P20Y, as TimeBank
    writes them), and a half is spelled out in the next unit ("2 1/2 years" P2Y6M)."""
    if letter == "DE" and amount != "X":
        amount, letter = _times_ten(amount), "Y"
    if amount not in ("X",) and "." in amount and letter == "CE":
        amount = amount.split(".")[0] or "X"
    whole, _, fraction = amount.partition(".")
    if fraction == "5" and letter in _HALVES:
        half = _HALVES[letter]
        return f"PT{whole}{letter}{half}" if clock else f"P{whole}{letter}{half}"
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


# The next unit down, as half of this one: years -> 6 months, days -> 12 hours, hours -> 30 minutes.
_HALVES = {"Y": "6M", "H": "30M"}


def _times_ten(amount: str) -> str:
    value = float(amount) * 10
    return str(int(value)) if value.is_integer() else str(value)


def quarter(number: int | None, which: str, year: int | None, dct: dt.date | None) -> str:
    """ "the third quarter" (of the DCT's year unless one is written), "the latest quarter" (the
    last one completed before the DCT: what earnings reports speak of), "the current quarter"."""
    if number is not None:
        if year is None and dct is None:
            return f"XXXX-Q{number}"
        return f"{year if year is not None else dct.year if dct else 0:04d}-Q{number}"
    if dct is None:
        return "XXXX-QX"
    offset = {"current": 0, "this": 0, "next": 1, "coming": 1}.get(which, -1)
    value = relative_unit("quarter", offset, dct) or "XXXX-QX"
    if which in ("year-earlier", "year-ago"):
        value = f"{int(value[:4]) - 1}{value[4:]}"
    return value


def season(code: str, shift: str, year: int | None, dct: dt.date | None, tense: str) -> str:
    """ "last fall" is the latest autumn that ended before the DCT's season; "this summer" the
    DCT's year; a bare season goes by the tense."""
    if year is not None:
        return f"{year:04d}-{code}"
    if dct is None:
        return f"XXXX-{code}"
    now = _SEASON_ORDER[_season_of(dct)]
    mine = _SEASON_ORDER[code]
    # "last spring"/"next summer" name the previous/next year's, as in TimeBank and HeidelTime.
    if shift == "last" or (not shift and tense == "past" and mine > now):
        return f"{dct.year - 1}-{code}"
    if shift == "next" or (not shift and tense == "future" and mine < now):
        return f"{dct.year + 1}-{code}"
    return f"{dct.year}-{code}"
