from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.dates import (
    DateParseError,
    add_days,
    add_months,
    fiscal_year_of,
    fiscal_year_range,
    format_date,
    parse_date,
    parse_month_day,
    to_era,
)
from app.deadlines.engine import roll_forward as engine_roll_forward
from app.deadlines.holidays import BUILTIN

JUNE_1 = date(2025, 6, 1)


# --- parse_date: what it reads ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000", " \u3000\t"])
def test_parse_date_empty_is_none(value: str | None) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text",
    [
        "2025-06-01",
        "2025/6/1",
        "2025/06/01",
        "2025.6.1",
        "2025-6-1",
        "2025年6月1日",
        "2025年06月01日",
        "2025年6月1",
        "20250601",
        "令和7年6月1日",
        "令和 7 年 6 月 1 日",
        "令和7.6.1",
        "令7.6.1",
        "R7.6.1",
        "R7/6/1",
        "R7-6-1",
        "R07.06.01",
        "r7.6.1",
        "㋿7.6.1",
        "２０２５／６／１",
        "２０２５－０６－０１",
        "２０２５年６月１日",
        "令和７年６月１日",
        "Ｒ７．６．１",
        "  2025-06-01  ",
        "\u30002025/6/1\u3000",
        "2025\u22126\u22121",
        "2025/6/1(日)",
        "2025年6月1日（日）",
        "令和7年6月1日(日曜日)",
        "2025/06/01 0:00:00",
        "2025-06-01T09:30",
        "2025-06-01T09:30:00+09:00",
        "2025/6/1（日） 10:00",
        "45809",
        "45809.5",
        "４５８０９",
    ],
)
def test_parse_date_reads_the_same_day(text: str) -> None:
    assert parse_date(text) == JUNE_1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("R1.5.1", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("H31.4.30", date(2019, 4, 30)),
        ("㍻31.4.30", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("S64.1.7", date(1989, 1, 7)),
        ("s64/1/7", date(1989, 1, 7)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        # The day 昭和 began is also the last day of 大正.
        ("大正15年12月25日", date(1926, 12, 25)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("T1.7.30", date(1912, 7, 30)),
        ("明治45年7月29日", date(1912, 7, 29)),
        ("M45.7.29", date(1912, 7, 29)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("平成12年2月29日", date(2000, 2, 29)),
        ("2024/2/29", date(2024, 2, 29)),
        ("20000229", date(2000, 2, 29)),
        ("1999/12/31", date(1999, 12, 31)),
    ],
)
def test_parse_date_eras_and_boundaries(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45809, JUNE_1),
        (45809.0, JUNE_1),
        (45809.999, JUNE_1),  # the fraction is the time of day
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),  # Excel's phantom 1900-02-29 is serial 60
        (36526, date(2000, 1, 1)),
        (43586, date(2019, 5, 1)),
        (2958465, date(9999, 12, 31)),
        (20250601, JUNE_1),  # too big for a serial: a yyyymmdd number cell
    ],
)
def test_parse_date_numbers(value: float, expected: date) -> None:
    assert parse_date(value) == expected


def test_parse_date_eight_digit_string_is_yyyymmdd_not_a_serial() -> None:
    assert parse_date("19000101") == date(1900, 1, 1)
    assert parse_date("10000101") == date(1000, 1, 1)


def test_parse_date_datetime_becomes_a_plain_date() -> None:
    result = parse_date(datetime(2025, 6, 1, 23, 59, 59))
    assert result == JUNE_1
    assert type(result) is date


def test_parse_date_date_passes_through() -> None:
    assert parse_date(JUNE_1) is JUNE_1


# --- parse_date: what it refuses, and why ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("6/1", "no year in '6/1'"),
        ("6月1日", "no year in '6月1日'"),
        ("06-01", "no year"),
        ("令和1年4月1日", "'令和1年4月1日' is before the start of 令和 (2019-05-01)"),
        ("R1.4.30", "before the start of 令和 (2019-05-01)"),
        ("平成31年5月1日", "'平成31年5月1日' is after the end of 平成 (2019-04-30)"),
        ("平成元年1月7日", "before the start of 平成 (1989-01-08)"),
        ("昭和64年1月8日", "after the end of 昭和 (1989-01-07)"),
        ("昭和元年12月24日", "before the start of 昭和 (1926-12-25)"),
        ("大正元年7月29日", "before the start of 大正 (1912-07-30)"),
        ("大正15年12月26日", "after the end of 大正 (1926-12-25)"),
        ("明治45年7月30日", "after the end of 明治 (1912-07-29)"),
        ("明治5年12月31日", "Gregorian calendar"),
        ("R0.1.1", "era year 0"),
        ("2025/2/29", "day 29 in '2025/2/29' does not exist: February 2025 has 28 days"),
        ("1900/2/29", "February 1900 has 28 days"),
        ("2025/4/31", "April 2025 has 30 days"),
        ("20250431", "April 2025 has 30 days"),
        ("2025/6/0", "day 0"),
        ("2025/13/1", "month 13 in '2025/13/1' is not between 1 and 12"),
        ("2025/0/1", "month 0"),
        ("令和7年2月29日", "February 2025 has 28 days"),
        ("0000-01-01", "year 0"),
        ("25/6/1", "two-digit year"),
        ("1/6/2025", "year last"),
        ("06/01/2025", "year last"),
        ("2025/6", "no day in '2025/6'"),
        ("2025年6月", "no day"),
        ("令和7年6月", "no day"),
        ("2025", "no month and day"),
        ("令和7年", "no month and day"),
        ("2025/6-1", "is not a date"),
        ("2025/6/1/", "is not a date"),
        ("X7.6.1", "is not a date"),
        ("yesterday", "'yesterday' is not a date"),
        ("202506", "is not a date"),
        ("2025/6/1(月)", "2025-06-01 is a Sunday (日)"),
        (60, "1900-02-29"),
        ("0", "is not a date"),
        (0, "outside the Excel date serials"),
        (-1, "outside the Excel date serials"),
        (2958466, "outside the Excel date serials"),
        (19000100, "outside the Excel date serials"),
        (20250231, "February 2025 has 28 days"),
        (float("nan"), "is not a date"),
        (float("inf"), "is not a date"),
        (True, "is not a date"),
    ],
)
def test_parse_date_refuses_with_a_reason(value: str | float, reason: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(value)
    assert reason in str(caught.value)


def test_date_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no year"):
        parse_date("6/1")


# --- format_date and eras --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("iso", "2025-06-01"),
        ("ja", "2025年6月1日"),
        ("ja_era", "令和7年6月1日"),
        ("slash", "2025/06/01"),
    ],
)
def test_format_date_styles(style: str, expected: str) -> None:
    assert format_date(JUNE_1, style) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 5, 1), "令和2年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
    ],
)
def test_format_date_ja_era_at_boundaries(d: date, expected: str) -> None:
    assert format_date(d, "ja_era") == expected


def test_format_date_pads_early_years() -> None:
    assert format_date(date(999, 1, 2), "iso") == "0999-01-02"
    assert format_date(date(999, 1, 2), "slash") == "0999/01/02"


def test_format_date_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown date style 'us'"):
        format_date(JUNE_1, "us")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (JUNE_1, ("令和", 7)),
        (date(2019, 5, 1), ("令和", 1)),
        (date(2019, 4, 30), ("平成", 31)),
        (date(1989, 1, 7), ("昭和", 64)),
        (date(1926, 12, 25), ("昭和", 1)),
        (date(1912, 7, 30), ("大正", 1)),
        (date(1900, 1, 1), ("明治", 33)),
        (date(1873, 1, 1), ("明治", 6)),
    ],
)
def test_to_era(d: date, expected: tuple[str, int]) -> None:
    assert to_era(d) == expected


def test_to_era_before_the_gregorian_calendar() -> None:
    with pytest.raises(ValueError, match="1872-12-31"):
        to_era(date(1872, 12, 31))


@pytest.mark.parametrize("style", ["iso", "ja", "ja_era", "slash"])
@pytest.mark.parametrize(
    "d",
    [
        JUNE_1,
        date(2019, 4, 30),
        date(2019, 5, 1),
        date(1989, 1, 7),
        date(1989, 1, 8),
        date(1926, 12, 25),
        date(1912, 7, 30),
        date(2024, 2, 29),
        date(2099, 12, 31),
    ],
)
def test_every_style_parses_back(d: date, style: str) -> None:
    assert parse_date(format_date(d, style)) == d  # type: ignore[arg-type]


# --- fiscal years ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "start", "expected"),
    [
        (date(2026, 3, 31), (4, 1), 2025),
        (date(2026, 4, 1), (4, 1), 2026),
        (date(2025, 4, 1), (4, 1), 2025),
        (date(2026, 1, 1), (4, 1), 2025),
        (date(2026, 3, 20), (3, 21), 2025),
        (date(2026, 3, 21), (3, 21), 2026),
        (date(2025, 12, 31), (1, 1), 2025),
        (date(2026, 1, 1), (1, 1), 2026),
        (date(2025, 9, 30), (10, 1), 2024),
        (date(2025, 10, 1), (10, 1), 2025),
        (date(2024, 2, 29), (3, 1), 2023),
    ],
)
def test_fiscal_year_of(d: date, start: tuple[int, int], expected: int) -> None:
    assert fiscal_year_of(d, start) == expected


def test_fiscal_year_default_start_is_april_first() -> None:
    assert fiscal_year_of(date(2026, 3, 31)) == 2025
    assert fiscal_year_range(2025) == (date(2025, 4, 1), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("fy", "start", "expected"),
    [
        (2025, (4, 1), (date(2025, 4, 1), date(2026, 3, 31))),
        (2025, (3, 21), (date(2025, 3, 21), date(2026, 3, 20))),
        (2025, (1, 1), (date(2025, 1, 1), date(2025, 12, 31))),
        (2023, (3, 1), (date(2023, 3, 1), date(2024, 2, 29))),
        (2024, (3, 1), (date(2024, 3, 1), date(2025, 2, 28))),
        (2025, (12, 31), (date(2025, 12, 31), date(2026, 12, 30))),
    ],
)
def test_fiscal_year_range(fy: int, start: tuple[int, int], expected: tuple[date, date]) -> None:
    assert fiscal_year_range(fy, start) == expected


@pytest.mark.parametrize("start", [(4, 1), (3, 21), (1, 1), (3, 1), (12, 31)])
def test_every_day_lies_in_the_range_of_its_fiscal_year(start: tuple[int, int]) -> None:
    day = date(2023, 1, 1)
    while day <= date(2025, 12, 31):
        first, last = fiscal_year_range(fiscal_year_of(day, start), start)
        assert first <= day <= last
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ((2, 29), "leap years"),
        ((2, 30), "February has at most 29 days"),
        ((4, 31), "April has at most 30 days"),
        ((13, 1), "month 13"),
        ((0, 1), "month 0"),
        ((4, 0), "day 0"),
    ],
)
def test_fiscal_year_refuses_a_bad_start(start: tuple[int, int], reason: str) -> None:
    with pytest.raises(DateParseError, match=reason):
        fiscal_year_of(JUNE_1, start)
    with pytest.raises(DateParseError, match=reason):
        fiscal_year_range(2025, start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-21", (3, 21)),
        ("3/21", (3, 21)),
        ("3月21日", (3, 21)),
        ("3月21", (3, 21)),
        ("04-01", (4, 1)),
        ("4.1", (4, 1)),
        ("0401", (4, 1)),
        ("１２／３１", (12, 31)),
        ("３月２１日", (3, 21)),
        (" 3 / 21 ", (3, 21)),
        ("2/28", (2, 28)),
    ],
)
def test_parse_month_day(text: str, expected: tuple[int, int]) -> None:
    assert parse_month_day(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2/29", "exists only in leap years"),
        ("02-29", "exists only in leap years"),
        ("2/30", "day 30 in '2/30' does not exist: February has at most 29 days"),
        ("2/31", "February has at most 29 days"),
        ("4/31", "April has at most 30 days"),
        ("6月31日", "June has at most 30 days"),
        ("13/1", "month 13 in '13/1' is not between 1 and 12"),
        ("0/1", "month 0"),
        ("4/0", "day 0"),
        ("", "is not a month and day"),
        ("April 1", "is not a month and day"),
        ("2025-03-21", "is not a month and day"),
        ("3", "is not a month and day"),
    ],
)
def test_parse_month_day_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_month_day(text)
    assert reason in str(caught.value)


# --- business days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 6, 2), True),  # Monday
        (date(2025, 6, 6), True),  # Friday
        (date(2025, 6, 7), False),  # Saturday
        (date(2025, 6, 1), False),  # Sunday
        (date(2025, 5, 5), False),  # こどもの日
        (date(2025, 5, 6), False),  # 振替休日 for みどりの日 on a Sunday
        (date(2025, 11, 24), False),  # 振替休日 for 勤労感謝の日
        (date(2026, 9, 22), False),  # 国民の休日 between 敬老の日 and 秋分の日
        (date(2019, 5, 1), False),  # 即位の日 (2019 only)
        (date(2019, 10, 22), False),  # 即位礼正殿の儀 (2019 only)
        (date(2020, 7, 24), False),  # スポーツの日 moved for the Olympics
        (date(2020, 10, 12), True),  # ... so the usual second Monday of October was a workday
        (date(2026, 1, 12), False),  # 成人の日
        (date(2025, 12, 26), True),  # last Friday before the closure
        (date(2025, 12, 29), False),  # year-end closure, a Monday
        (date(2025, 12, 31), False),
        (date(2026, 1, 2), False),  # closure, a Friday
        (date(2028, 1, 3), False),  # closure, a Monday
        (date(2029, 1, 3), False),  # closure, a Wednesday
        (date(2029, 1, 4), True),  # first workday after the closure
        (date(2025, 12, 28), False),  # Sunday
        (date(2026, 12, 28), True),  # Monday 12/28 is still a workday
    ],
)
def test_is_business_day(d: date, expected: bool) -> None:
    assert BUILTIN.is_business_day(d) is expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 6, 2), date(2025, 6, 2)),  # already a business day
        (date(2025, 6, 7), date(2025, 6, 9)),  # weekend
        (date(2025, 5, 3), date(2025, 5, 7)),  # Golden Week with a 振替休日
        (date(2019, 4, 27), date(2019, 5, 7)),  # the ten-day Golden Week of 2019
        (date(2026, 9, 19), date(2026, 9, 24)),  # シルバーウィーク 2026
        (date(2025, 12, 27), date(2026, 1, 5)),  # into and through the closure
        (date(2025, 12, 29), date(2026, 1, 5)),
        (date(2026, 1, 10), date(2026, 1, 13)),  # weekend and 成人の日
        (date(2028, 12, 29), date(2029, 1, 4)),
    ],
)
def test_roll_forward(d: date, expected: date) -> None:
    assert engine_roll_forward(d)[0] == expected


@pytest.mark.parametrize(
    ("known_at", "calendar_due", "rolled_due"),
    [
        # 確報 (domain §4.4): first business day >= known_at + 29 days; day 1 is the day it was known.
        (date(2025, 4, 7), date(2025, 5, 6), date(2025, 5, 7)),
        (date(2025, 12, 1), date(2025, 12, 30), date(2026, 1, 5)),
        (date(2025, 6, 2), date(2025, 7, 1), date(2025, 7, 1)),
        (date(2025, 6, 9), date(2025, 7, 8), date(2025, 7, 8)),
    ],
)
def test_final_report_deadline(known_at: date, calendar_due: date, rolled_due: date) -> None:
    due = add_days(known_at, 29)
    assert due == calendar_due
    assert engine_roll_forward(due)[0] == rolled_due


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2025, 2, 28), 1, date(2025, 3, 1)),
        (date(2025, 12, 31), 1, date(2026, 1, 1)),
        (date(2025, 1, 1), -1, date(2024, 12, 31)),
        (JUNE_1, 0, JUNE_1),
        (date(2025, 1, 1), 365, date(2026, 1, 1)),
        (date(2024, 1, 1), 365, date(2024, 12, 31)),
    ],
)
def test_add_days(d: date, n: int, expected: date) -> None:
    assert add_days(d, n) == expected


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
        (date(2025, 6, 1), 24, date(2027, 6, 1)),
        (date(2026, 10, 31), -8, date(2026, 2, 28)),  # Pマーク renewal window opens
        (date(2026, 10, 31), -4, date(2026, 6, 30)),  # ... and closes
        (JUNE_1, 0, JUNE_1),
    ],
)
def test_add_months(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(OverflowError):
        add_months(date(1, 1, 31), -1)
