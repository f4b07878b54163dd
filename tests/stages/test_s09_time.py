"""The time stage: finding temporal expressions and normalising them against the DCT."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stages.s03_annotate.nlp import load_model
from storyline.stages.s09_time.timexes import find_in_text, find_timexes
from storyline.stages.s09_time.values import is_timex_value

DCT = "2025-08-23"  # a Saturday, in ISO week 34


def values(text: str, published: str | None = DCT) -> dict[str, tuple[str, str]]:
    doc = load_model()(text)
    return {t.text: (t.type, t.value) for t in find_timexes(doc, published)}


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The minister resigned on Friday.", "Friday", ("DATE", "2025-08-22")),
        ("The minister will resign on Friday.", "Friday", ("DATE", "2025-08-29")),
        ("They met last week.", "last week", ("DATE", "2025-W33")),
        ("They meet this week.", "this week", ("DATE", "2025-W34")),
        ("Talks resume next month.", "next month", ("DATE", "2025-09")),
        ("Prices rose last year.", "last year", ("DATE", "2024")),
        ("Earlier this week, he spoke.", "Earlier this week", ("DATE", "2025-W34")),
        ("It was built in 2022.", "2022", ("DATE", "2022")),
        ("Sales fell this month.", "this month", ("DATE", "2025-08")),
        ("The war has lasted seven years.", "seven years", ("DURATION", "P7Y")),
        ("In the first 24 hours, nothing moved.", "the first 24 hours", ("DURATION", "PT24H")),
        ("The strike went on for 48 hours.", "48 hours", ("DURATION", "PT48H")),
        ("It lasted a week.", "a week", ("DURATION", "P1W")),
        ("Growth was slow in the 1990s.", "the 1990s", ("DATE", "199")),
        ("Profit rose in the third quarter.", "the third quarter", ("DATE", "2025-Q3")),
        ("The plant closed last fall.", "last fall", ("DATE", "2024-FA")),
        ("They met at 3 p.m. and left this morning.", "3 p.m.", ("TIME", "2025-08-23T15:00")),
        ("They met at 3 p.m. and left this morning.", "this morning", ("TIME", "2025-08-23TMO")),
        ("The market opens every Monday.", "every Monday", ("SET", "XXXX-WXX-1")),
        ("Trains run daily.", "daily", ("SET", "P1D")),
        ("Prices recently fell.", "recently", ("DATE", "PAST_REF")),
        ("Talks will go on in the coming weeks.", "the coming weeks", ("DATE", "FUTURE_REF")),
        ("He left a week after 3 March 2025.", "a week after 3 March 2025", ("DATE", "2025-03-10")),
        ("He left two years ago.", "two years ago", ("DATE", "2023")),
        ("He returned yesterday.", "yesterday", ("DATE", "2025-08-22")),
        ("He spoke on Aug. 7.", "Aug. 7", ("DATE", "2025-08-07")),
    ],
)
def test_expressions_normalise_against_the_dct(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The minister resigned on Friday.", "Friday", "XXXX-WXX-5"),
        ("They met last week.", "last week", "XXXX-WXX"),
        ("Sales fell this month.", "this month", "XXXX-XX"),
        ("He returned yesterday.", "yesterday", "XXXX-XX-XX"),
        ("It was built on 22 August 2025.", "22 August 2025", "2025-08-22"),
        ("The war has lasted seven years.", "seven years", "P7Y"),
    ],
)
def test_without_a_dct_relative_dates_keep_xs(text: str, expression: str, expected: str) -> None:
    assert values(text, None)[expression][1] == expected


def test_offsets_slice_the_text_and_ids_follow_text_order() -> None:
    text = "On Friday, 22 August 2025, and again next week, they met for two hours."
    found = find_in_text(text, DCT)
    assert [t.text for t in found] == ["Friday, 22 August 2025", "next week", "two hours"]
    assert [t.id for t in found] == ["T1", "T2", "T3"]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_modal_may_and_ages_are_not_timexes() -> None:
    assert find_in_text("May we go? The 6-year-old boy stayed.", DCT) == []


def test_validator_rejects_malformed_values() -> None:
    for good in ("2025-08-22", "2025-W34", "XXXX-WXX-5", "P7Y", "PT24H", "199", "2025-SU", "FUTURE_REF"):
        assert is_timex_value(good), good
    for bad in ("2025-8-22", "P7", "W34", "2025-Q5", "PT24", "NOW", ""):
        assert not is_timex_value(bad), bad


_PHRASES = st.sampled_from(
    ["Friday", "last week", "next month", "this year", "earlier this week", "the third quarter", "last fall",
     "two years ago", "seven years", "the first 24 hours", "every Monday", "3 p.m.", "tonight", "Aug. 7",
     "in the coming weeks", "recently", "the 1990s", "a week after 3 March 2025", "December", "next Friday"]
)  # fmt: skip
_DATES = st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2099, 12, 31))  # the years the finder reads


@settings(max_examples=200, deadline=None)
@given(phrase=_PHRASES, dct=st.one_of(st.none(), _DATES), verb=st.sampled_from(["said", "will say", "says"]))
def test_every_emitted_value_is_valid_timex3(phrase: str, dct: dt.date | None, verb: str) -> None:
    for timex in find_in_text(f"He {verb} {phrase} that it was so.", dct):
        assert is_timex_value(timex.value), timex


@settings(max_examples=200, deadline=None)
@given(day=_DATES, dct=st.one_of(st.none(), _DATES))
def test_a_full_date_normalises_the_same_whatever_the_dct(day: dt.date, dct: dt.date | None) -> None:
    written = f"{day.day} {day.strftime('%B')} {day.year}"
    found = find_in_text(f"It happened on {written}.", dct)
    assert [(t.text, t.value) for t in found] == [(written, day.isoformat())]


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        # a progressive with a present "be" is a plan; with a past one it is not
        ("The minister is meeting the envoy on Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("The minister was meeting the envoy on Tuesday.", "Tuesday", ("DATE", "2025-08-19")),
        ("Prices have risen in recent years.", "recent years", ("DURATION", "PXY")),
        ("The minister leaves for Tokyo on Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("The rally ended on Friday night.", "Friday night", ("TIME", "2025-08-22TNI")),
        ("The feud has lasted two decades.", "two decades", ("DURATION", "P20Y")),
        ("The trial took 2 1/2 years.", "2 1/2 years", ("DURATION", "P2Y6M")),
        # quarterly results: "a year earlier" is the same quarter of the year before
        (
            "Profit rose 10% in the third quarter from $2 million a year earlier.",
            "a year earlier",
            ("DATE", "2024-Q3"),
        ),
    ],
)
def test_tense_vague_periods_and_year_ago_quarters(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


def test_year_ago_without_a_quarter_is_the_year() -> None:
    assert values("The plant opened a year ago.")["a year ago"] == ("DATE", "2024")


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        # a results report: the year-earlier period is the same quarter a year back
        (
            "Profit rose in the third quarter from year-earlier profit of $2 million.",
            "year-earlier",
            ("DATE", "2024-Q3"),
        ),
        ("Sales fell in the latest period.", "the latest period", ("DATE", "2025-Q2")),
        ("Sales fell from the year-ago period.", "the year-ago period", ("DATE", "2024-Q2")),
        ("Revenue for the year ended March 31 rose.", "the year", ("DURATION", "P1Y")),
        ("Sales for the full year were flat.", "the full year", ("DATE", "2025")),
    ],
)
def test_results_report_periods(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


def test_the_year_before_is_not_this_year() -> None:
    assert "the year" not in values("Sales fell, down from $4 million the year before.")


def test_the_weekend() -> None:
    assert values("Talks went on over the weekend.", "2025-08-25")["the weekend"] == ("DATE", "2025-W34-WE")
    assert values("Markets closed ahead of the weekend.", "2025-08-22")["the weekend"][1].endswith("-WE")
    assert values("Talks went on over the weekend.", None)["the weekend"] == ("DATE", "XXXX-WXX-WE")


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("The ceasefire began on Christmas Day.", "2025-08-23", "2024-12-25"),
        ("Talks will resume after Thanksgiving.", "2025-08-23", "2025-11-27"),
        ("The church was full on Easter Sunday 2024.", "2025-08-23", "2024-03-31"),
        ("Voters go to the polls on Election Day.", "2024-10-01", "2024-11-05"),
        ("The ceasefire began on Christmas Day.", None, "XXXX-12-25"),
    ],
)
def test_holidays(text: str, dct: str | None, expected: str) -> None:
    (found,) = [v for k, v in values(text, dct).items()]
    assert found == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        # an infinitive looks ahead only under a verb of intent
        ("Officials plan to meet on Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("Hungary was the first to sign the treaty on Tuesday.", "Tuesday", ("DATE", "2025-08-19")),
        # a modal looks ahead; a possessive weekday is a day already reported on
        ("The group could arrive as early as Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("Lawyers will appeal Tuesday's ruling.", "Tuesday", ("DATE", "2025-08-19")),
        # "is to" and a plan verb in the perfect look ahead too
        ("The exchange is to resume trading on Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("The court has scheduled a hearing on Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        # the week named picks the day: one expression
        ("The talks will resume on Wednesday next week.", "Wednesday next week", ("DATE", "2025-08-27")),
        ("They met on Monday last week.", "Monday last week", ("DATE", "2025-08-11")),
        ("They will meet on Friday of next week.", "Friday of next week", ("DATE", "2025-08-29")),
    ],
)
def test_weekday_direction(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        # modal + perfect is the past; "could" alone does not look ahead
        ("The sale may have been responsible for a drop on Wednesday.", "Wednesday", ("DATE", "2025-08-20")),
        ("Neither man could be located on Wednesday.", "Wednesday", ("DATE", "2025-08-20")),
        # a plan overtaken: "had been due to" is the past
        ("The offer had been due to expire on Friday.", "Friday", ("DATE", "2025-08-22")),
        # "hurt" after a singular subject is the past, whatever the tagger says
        ("Weakness in big stocks hurt the index on Friday.", "Friday", ("DATE", "2025-08-22")),
        # subjects joined by "and" are plural: the present is the present, and October lies ahead
        ("The Queen and I look forward to our visit in October.", "October", ("DATE", "2025-10")),
        # a subject infinitive is not a plan
        ("To sign the treaty on Tuesday was an honour.", "Tuesday", ("DATE", "2025-08-19")),
    ],
)
def test_tense_of_modals_plans_and_irregular_pasts(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Net rose in this year's third quarter.", "this year's third quarter", ("DATE", "2025-Q3")),
        ("Growth may return in next year's first quarter.", "next year's first quarter", ("DATE", "2026-Q1")),
        ("Profit fell in the second quarter. For the quarter a year ago, it earned $3 million.",
         "the quarter a year ago", ("DATE", "2024-Q2")),
        ("Profit fell in the second quarter. In the 2024 period, it earned $3 million.",
         "the 2024 period", ("DATE", "2024-Q2")),
        ("Profit fell in the third quarter, against $2 million for the corresponding period last year.",
         "the corresponding period last year", ("DATE", "2024-Q3")),
        ("Profit fell in the third quarter. U.K. sales for last year's quarter were $3 million.",
         "last year's quarter", ("DATE", "2024-Q3")),
        # the year-ago quarter is not the report's own: "a year ago" after it is still 2024
        ("Profit fell in the third quarter from $2 million in the year-ago quarter. Costs were lower than a year ago.",
         "a year ago", ("DATE", "2024-Q3")),
        # a longer period since the quarter: the comparison is with the year
        ("Profit fell in the third quarter. For the nine months, it earned $9 million, against $7 million a year earlier.",
         "a year earlier", ("DATE", "2024")),
    ],
)  # fmt: skip
def test_quarters_of_a_results_report(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The law passed in nineteen ninety-six.", "nineteen ninety-six", ("DATE", "1996")),
        ("The plan runs to the year two thousand.", "the year two thousand", ("DATE", "2000")),
        ("It began in January nineteen ninety-seven.", "January nineteen ninety-seven", ("DATE", "1997-01")),
        ("Its current chairman resigned.", "current", ("DATE", "PRESENT_REF")),
        ("Orangemen march each July to the church.", "each July", ("SET", "XXXX-07")),
        ("He appeared before a judge at midday.", "midday", ("TIME", "2025-08-23T12:00")),
        ("The group could be ready as soon as Tuesday.", "Tuesday", ("DATE", "2025-08-26")),
        ("The blast came at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", ("TIME", "2025-08-22T10:35")),
    ],
)
def test_spelled_years_refs_sets_and_clock_times(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


def test_current_account_is_not_a_date() -> None:
    assert "current" not in values("The current account deficit widened.")
