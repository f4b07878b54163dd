"""Holidays as dates: "on Christmas Day", "Thanksgiving", "Easter Sunday 2024".

Fixed days by month and day; movable ones by their rule (Easter from dateutil's computus).
Without a year the one meant is the DCT year's, moved by a year where the tense says it lies on
the other side of the DCT; without a DCT the year stays unknown (XXXX-12-25).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.easter import easter

__all__ = ["HOLIDAY_RE", "holiday"]


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    """The n-th (n < 0: from the end) ISO weekday of a month, as a function of the year."""

    def day(year: int) -> dt.date:
        if n > 0:
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)

    return day


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "valentine's day": _fixed(2, 14),
    "independence day": _fixed(7, 4),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "christmas eve": _fixed(12, 24),
    "christmas day": _fixed(12, 25),
    "christmas": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
    "easter sunday": easter,
    "easter": easter,
    "good friday": lambda year: easter(year) - dt.timedelta(days=2),
    "memorial day": _nth_weekday(5, 1, -1),
    "labor day": _nth_weekday(9, 1, 1),
    "thanksgiving day": _nth_weekday(11, 4, 4),
    "thanksgiving": _nth_weekday(11, 4, 4),
    "election day": lambda year: _nth_weekday(11, 1, 1)(year) + dt.timedelta(days=1),
}
HOLIDAY_RE = "|".join(name.replace("'", "['’]").replace(" ", r"\s+") for name in _HOLIDAYS)


def holiday(name: str, year: int | None, dct: dt.date | None, tense: str) -> str | None:
    key = " ".join(name.lower().replace("’", "'").split())
    rule = _HOLIDAYS.get(key)
    if rule is None:
        return None
    if year is not None:
        return rule(year).isoformat()
    if dct is None:  # a fixed holiday keeps its day; a movable one is a day of an unknown year
        return "XXXX-" + rule(2000).isoformat()[5:] if key in _FIXED else "XXXX-XX-XX"
    day = rule(dct.year)
    if tense == "past" and day > dct:
        day = rule(dct.year - 1)
    elif tense == "future" and day < dct:
        day = rule(dct.year + 1)
    elif not tense and abs((day - dct).days) > 183:  # no tense: the nearest one
        day = rule(dct.year + (1 if day < dct else -1))
    return day.isoformat()


_FIXED = {
    k
    for k in _HOLIDAYS
    if k
    not in (
        "easter",
        "easter sunday",
        "good friday",
        "memorial day",
        "labor day",
        "thanksgiving",
        "thanksgiving day",
        "election day",
    )
}
