"""The words temporal expressions are made of, as regex pieces and lookup tables.

Shared by the finder (which builds its patterns from them) and the normaliser (which reads
the matched words back into numbers), so that the two never disagree on the vocabulary.
"""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_RE",
    "NUMBER_RE",
    "ORDINALS",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "UNIT_RE",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "number_value",
]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Full names, or abbreviations with their full stop ("Aug. 7"); a bare "Mar" or "Jun" is too
# often something else. Longest first, so that "Sept." is not read as "Sep".
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

# unit word -> (TIMEX3 duration letter, whether it is a clock unit written after "T")
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
    "weekend": ("WE", False),
}  # fmt: skip
UNIT_RE = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|century|centuries)"

_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half": 0.5, "a half": 0.5,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
# Amounts that the text leaves open ("several years") become X in the value: PXY.
_VAGUE = ("several", "few", "a few", "many", "some", "a couple of", "a number of", "couple of")
_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
NUMBER_RE = (
    rf"(?:\d{{1,3}}(?:\.\d+)?(?: 1/2)?|{_WORD}(?:[- ]{_WORD})?(?: and a half)?"
    r"|a few|a couple of|a number of|several|few|many|some|a|an)"
)


def number_value(words: str) -> str:
    """The amount a number phrase names, as a TIMEX3 duration amount ("X" when vague)."""
    words = words.lower().strip()
    if words in _VAGUE:
        return "X"
    half = words.endswith(" 1/2")  # "2 1/2 years"
    words = words.removesuffix(" 1/2")
    try:
        number = float(words) + (0.5 if half else 0)
    except ValueError:
        half = words.endswith(" and a half")
        words = words.removesuffix(" and a half")
        parts = words.replace("-", " ").split()
        total = 0.0
        for part in parts:
            value = _SMALL.get(part)
            if value is None:
                return "X"
            total = total * value if value == 100 and total else total + value
        number = total + (0.5 if half else 0)
    return str(int(number)) if number == int(number) else str(number)
