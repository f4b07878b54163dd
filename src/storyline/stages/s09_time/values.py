"""TIMEX3 values: the grammar they must follow, and the calendar arithmetic that builds them.

A value is what TimeML (ISO-TimeML, TIMEX3) allows: a calendar date at some granularity
(``2025-08-22``, ``2025-08``, ``2025``, ``199`` for a decade, ``19`` for a century), an ISO
week (``2025-W34``, ``2025-W34-5``, ``2025-W34-WE``), a quarter, half or season
(``2025-Q3``, ``2025-H1``, ``2025-SU``), a time (``2025-08-22T15:00``, ``2025-08-22TMO``),
a duration (``P7Y``, ``PT24H``, ``PXW``), or a reference (``PAST_REF``...). Any part that the
text does not fix is written with X's (``XXXX-WXX-5``) rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "VALUE_PATTERN",
    "is_timex_value",
    "iso_week",
    "month_value",
    "quarter_of",
    "shift_months",
]

_YEAR = r"(?:\d{4}|XXXX)"
_CALENDAR = (
    rf"{_YEAR}(?:"
    r"-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?"  # month, day
    r"|-W(?:\d{2}|XX)(?:-(?:[1-7X]|WE))?"  # ISO week, its day or weekend
    r"|-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)"  # quarter, half, season
    r")?"
)
_DATE = rf"(?:{_CALENDAR}|\d{{3}}|\d{{2}})"  # 199 = the 1990s, 19 = the 1900s
_CLOCK = r"(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT)"
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_AMOUNT}(?:Y|M|W|D|Q|DE|CE|ML|WE))+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+)"
VALUE_PATTERN = re.compile(rf"{_DATE}(?:T{_CLOCK})?|{_DURATION}|PAST_REF|PRESENT_REF|FUTURE_REF")


def is_timex_value(value: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value (see the module docstring)."""
    return VALUE_PATTERN.fullmatch(value) is not None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1
