"""Dates as officers write them, Japanese eras, fiscal years and date arithmetic.

``parse_date`` reads what people type or paste from Excel: ISO and slash dates, 年月日, era forms
(令和7年6月1日, R7.6.1), full-width text, yyyymmdd and Excel serial numbers. Business days (and the
holiday table with its imported overrides) belong to ``app.deadlines.holidays``.
"""

from __future__ import annotations

import calendar
import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, TypeAlias

from app.i18n import N_, _, current_language

DateInput: TypeAlias = str | date | datetime | int | float | None
MonthDay: TypeAlias = tuple[int, int]
DateStyle: TypeAlias = Literal["iso", "ja", "ja_era", "slash"]

DEFAULT_FISCAL_YEAR_START: MonthDay = (4, 1)

# Messages are gettext msgids (N_), translated where raised.
MSG_NOT_A_DATE = N_("'{text}' is not a date")
MSG_NO_YEAR = N_("no year in '{text}'")
MSG_NO_DAY = N_("no day in '{text}'")
MSG_NO_MONTH_DAY = N_("no month and day in '{text}'")
MSG_TWO_DIGIT_YEAR = N_(
    "'{text}' has a two-digit year; write it in full (2025) or with its era (R7)"
)
MSG_YEAR_LAST = N_("'{text}' puts the year last; write the year first (2025/6/1)")
MSG_BAD_MONTH = N_("month {month} in '{text}' is not between 1 and 12")
MSG_BAD_DAY = N_("day {day} in '{text}' does not exist: {month} has {days} days")
MSG_BAD_DAY_OF_MONTH = N_("day {day} in '{text}' does not exist: {month} has at most {days} days")
MSG_BAD_YEAR = N_("year {year} in '{text}' is out of range")
MSG_ERA_YEAR_ZERO = N_("'{text}' has era year 0; the first year of an era is 1 (元年)")
MSG_BEFORE_ERA = N_("'{text}' is before the start of {era} ({start})")
MSG_AFTER_ERA = N_("'{text}' is after the end of {era} ({end})")
MSG_BEFORE_GREGORIAN = N_(
    "'{text}' is before 1873-01-01 (明治6年), when Japan adopted the Gregorian calendar"
)
MSG_WRONG_WEEKDAY = N_(
    "'{text}' gives the weekday {written}, but {iso} is a {actual_en} ({actual})"
)
MSG_BAD_SERIAL = N_("{serial} is outside the Excel date serials 1 to {last}")
MSG_SERIAL_60 = N_("Excel serial 60 is 1900-02-29, a day that never existed")
MSG_BAD_MONTH_DAY = N_("'{text}' is not a month and day such as 04-01, 4/1 or 4月1日")
MSG_FEB_29 = N_(
    "2/29 cannot start a fiscal year: it exists only in leap years, so most years would have none"
)
MSG_NO_ERA = N_("{iso} is before 明治6年 (1873-01-01); it has no era date")
MSG_BAD_STYLE = N_("unknown date style '{style}'")


class DateParseError(ValueError):
    """Text that cannot be read as a date; the message says why, fit to show the officer."""


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_year: int  # the Gregorian year of 元年
    start: date  # the first day Mamori accepts in this era
    end: date | None


# Newest first. A new era needs a row here and its names in the _ERA pattern below.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", 2019, date(2019, 5, 1), None),
    Era("平成", "H", 1989, date(1989, 1, 8), date(2019, 4, 30)),
    Era("昭和", "S", 1926, date(1926, 12, 25), date(1989, 1, 7)),
    Era("大正", "T", 1912, date(1912, 7, 30), date(1926, 12, 25)),
    # 明治 began in 1868, but until 明治5年 Japan used the lunisolar calendar, so those dates do
    # not map onto Gregorian ones by adding years; accept 明治 from the switch-over (明治6年1月1日).
    Era("明治", "M", 1868, date(1873, 1, 1), date(1912, 7, 29)),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.name[0], era.letter)}

EXCEL_LAST_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = date(1899, 12, 30)
_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_SPACES = re.compile(r"\s+")
_WEEKDAY = re.compile(r"\((?P<weekday>[月火水木金土日])(?:曜日?)?\)")
_TIME_SUFFIX = re.compile(
    r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)
_ERA = r"(?P<era>令和|平成|昭和|大正|明治|[令平昭大明RHSTM])(?P<year>\d{1,2}|元)"
_ERA_DATE = re.compile(
    _ERA
    + r"(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日?"
    + r"|(?P<sep>[./-])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))",
    re.IGNORECASE,
)
_WESTERN_KANJI = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?")
_WESTERN_SEP = re.compile(r"(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})")
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_YEAR_ONLY = re.compile(r"(?:\d{4}|" + _ERA + r")年?", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"(?:\d{4}|" + _ERA + r")(?:[./-]\d{1,2}|年\d{1,2}月)", re.IGNORECASE)
_MONTH_DAY_ONLY = re.compile(r"\d{1,2}[./-]\d{1,2}|\d{1,2}月\d{1,2}日?")
_TWO_DIGIT_YEAR = re.compile(r"\d{2}(?P<sep>[./-])\d{1,2}(?P=sep)\d{1,2}")
_YEAR_LAST = re.compile(r"\d{1,2}(?P<sep>[./-])\d{1,2}(?P=sep)\d{4}")
_MONTH_DAY = re.compile(
    r"(?P<m>\d{1,2})(?:[./-](?P<d>\d{1,2})|月(?P<d2>\d{1,2})日?)|(?P<m4>\d{2})(?P<d4>\d{2})"
)


def parse_date(value: DateInput) -> date | None:
    """Read a date from typed, pasted or spreadsheet input; None for empty input.

    Raises DateParseError, with the reason in its message, for anything else.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise DateParseError(_(MSG_NOT_A_DATE).format(text=value))
    if isinstance(value, int | float):
        return _from_number(value)
    if not isinstance(value, str):
        raise DateParseError(_(MSG_NOT_A_DATE).format(text=value))
    return _parse_text(value)


def _from_number(value: float) -> date:
    if isinstance(value, float) and not math.isfinite(value):
        raise DateParseError(_(MSG_NOT_A_DATE).format(text=value))
    whole = math.floor(value)  # a fraction is the time of day
    if 19000101 <= whole <= 99991231:
        # Too large for a serial, so a yyyymmdd number from a spreadsheet cell.
        text = str(whole)
        return _make_date(int(text[:4]), int(text[4:6]), int(text[6:]), str(value))
    return _from_serial(whole)


def _from_serial(serial: int) -> date:
    if not 1 <= serial <= EXCEL_LAST_SERIAL:
        raise DateParseError(_(MSG_BAD_SERIAL).format(serial=serial, last=EXCEL_LAST_SERIAL))
    if serial == 60:
        raise DateParseError(_(MSG_SERIAL_60))
    # Excel counts the non-existent 1900-02-29 (a Lotus 1-2-3 bug it kept), so serials before
    # it are one day later than the epoch arithmetic gives.
    if serial < 60:
        serial += 1
    return _EXCEL_EPOCH + timedelta(days=serial)


def _normalise(text: str) -> str:
    # NFKC folds full-width digits and punctuation, the full-width space and the era
    # ligatures (㍻ → 平成, ㋿ → 令和).
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _parse_text(original: str) -> date | None:
    text = _normalise(original)
    if not text:
        return None
    shown = original.strip()
    weekday = None
    if match := _WEEKDAY.search(text):
        weekday = match["weekday"]
        text = f"{text[: match.start()]} {text[match.end() :]}".strip()
    text = _SPACES.sub("", _TIME_SUFFIX.sub("", text))
    result = _read_date_text(text, shown)
    actual = _WEEKDAYS_JA[result.weekday()]
    if weekday is not None and weekday != actual:
        raise DateParseError(
            _(MSG_WRONG_WEEKDAY).format(
                text=shown,
                written=weekday,
                iso=result.isoformat(),
                actual_en=_WEEKDAYS_EN[result.weekday()],
                actual=actual,
            )
        )
    return result


def _read_date_text(text: str, shown: str) -> date:
    """Read normalised text with every space removed; ``shown`` is what messages quote."""
    if match := _ERA_DATE.fullmatch(text):
        return _from_era_match(match, shown)
    for pattern in (_WESTERN_KANJI, _WESTERN_SEP, _COMPACT):
        if match := pattern.fullmatch(text):
            return _make_date(int(match["y"]), int(match["m"]), int(match["d"]), shown)
    if _SERIAL.fullmatch(text):
        return _from_serial(math.floor(float(text)))
    for pattern, message in (
        (_MONTH_DAY_ONLY, MSG_NO_YEAR),
        (_TWO_DIGIT_YEAR, MSG_TWO_DIGIT_YEAR),
        (_YEAR_LAST, MSG_YEAR_LAST),
        (_YEAR_MONTH, MSG_NO_DAY),
        (_YEAR_ONLY, MSG_NO_MONTH_DAY),
    ):
        if pattern.fullmatch(text):
            raise DateParseError(_(message).format(text=shown))
    raise DateParseError(_(MSG_NOT_A_DATE).format(text=shown))


def _from_era_match(match: re.Match[str], shown: str) -> date:
    era = _ERA_BY_KEY[match["era"].upper()]
    era_year = 1 if match["year"] == "元" else int(match["year"])
    if era_year == 0:
        raise DateParseError(_(MSG_ERA_YEAR_ZERO).format(text=shown))
    month = int(match["m1"] or match["m2"])
    day = int(match["d1"] or match["d2"])
    result = _make_date(era.first_year + era_year - 1, month, day, shown)
    if result < era.start:
        if era is ERAS[-1]:
            raise DateParseError(_(MSG_BEFORE_GREGORIAN).format(text=shown))
        raise DateParseError(
            _(MSG_BEFORE_ERA).format(text=shown, era=era.name, start=era.start.isoformat())
        )
    if era.end is not None and result > era.end:
        raise DateParseError(
            _(MSG_AFTER_ERA).format(text=shown, era=era.name, end=era.end.isoformat())
        )
    return result


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    if not 1 <= year <= 9999:
        raise DateParseError(_(MSG_BAD_YEAR).format(year=year, text=shown))
    if not 1 <= month <= 12:
        raise DateParseError(_(MSG_BAD_MONTH).format(month=month, text=shown))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateParseError(
            _(MSG_BAD_DAY).format(
                day=day, text=shown, month=format_year_month(year, month), days=days
            )
        )
    return date(year, month, day)


# --- formatting and eras -------------------------------------------------------------------------


def to_era(d: date) -> tuple[str, int]:
    """(era name, era year), e.g. (令和, 7) for 2025-06-01. The day an era starts belongs to it."""
    for era in ERAS:
        if d >= era.start:
            return era.name, d.year - era.first_year + 1
    raise ValueError(_(MSG_NO_ERA).format(iso=d.isoformat()))


def format_date(d: date, style: DateStyle = "iso") -> str:
    """Styles: iso 2025-06-01 · ja 2025年6月1日 · ja_era 令和7年6月1日 · slash 2025/06/01.

    ja_era writes 元年 for the first year of an era.
    """
    if style == "iso":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if style == "ja":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "ja_era":
        name, year = to_era(d)
        return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    if style == "slash":
        return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"
    raise ValueError(_(MSG_BAD_STYLE).format(style=style))


def format_month(month: int, language: str | None = None) -> str:
    """A month by itself: 2月 in Japanese, February in English."""
    if (language or current_language()) == "en":
        return _MONTH_NAMES[month - 1]
    return f"{month}月"


def format_year_month(year: int, month: int, language: str | None = None) -> str:
    """A month of a year: 2025年2月 in Japanese, February 2025 in English."""
    if (language or current_language()) == "en":
        return f"{_MONTH_NAMES[month - 1]} {year}"
    return f"{year}年{month}月"


def show_date(d: date, language: str | None = None) -> str:
    """The one way a date is shown on screen: 2026/12/04 in Japanese, 2026-12-04 in English."""
    return format_date(d, "iso" if (language or current_language()) == "en" else "slash")


def show_date_pattern(language: str | None = None) -> str:
    """``show_date``'s layout as a Qt date-edit display format (yyyy/MM/dd)."""
    return "yyyy-MM-dd" if (language or current_language()) == "en" else "yyyy/MM/dd"


def show_datetime(moment: datetime, language: str | None = None, *, seconds: bool = False) -> str:
    """A moment on screen, to the minute (or second): 2026/12/04 09:30."""
    return (
        f"{show_date(moment.date(), language)} {moment:%H:%M:%S}"
        if seconds
        else (f"{show_date(moment.date(), language)} {moment:%H:%M}")
    )


def show_date_era(d: date, language: str | None = None) -> str:
    """A date with its era, for tooltips: 2026/12/04（令和8年12月4日）."""
    if (language or current_language()) == "en":
        return show_date(d, language)
    with contextlib.suppress(ValueError):
        return f"{show_date(d, language)}（{format_date(d, 'ja_era')}）"
    return show_date(d, language)


# --- fiscal years --------------------------------------------------------------------------------


def parse_month_day(text: str) -> MonthDay:
    """Read a fiscal-year start such as "03-21", "3/21", "0321" or "3月21日" as (3, 21).

    Refuses days that do not exist every year, 2/29 included, with the reason in the message.
    """
    normal = _SPACES.sub("", _normalise(text))
    match = _MONTH_DAY.fullmatch(normal)
    if match is None:
        raise DateParseError(_(MSG_BAD_MONTH_DAY).format(text=text.strip()))
    month = int(match["m"] or match["m4"])
    day = int(match["d"] or match["d2"] or match["d4"])
    _check_month_day((month, day), text.strip())
    return month, day


def _check_month_day(start: MonthDay, shown: str) -> None:
    month, day = start
    if not 1 <= month <= 12:
        raise DateParseError(_(MSG_BAD_MONTH).format(month=month, text=shown))
    days = calendar.monthrange(2000, month)[1]  # a leap year: the most days the month has
    if not 1 <= day <= days:
        raise DateParseError(
            _(MSG_BAD_DAY_OF_MONTH).format(
                day=day, text=shown, month=format_month(month), days=days
            )
        )
    if (month, day) == (2, 29):
        raise DateParseError(MSG_FEB_29)


def fiscal_year_of(d: date, start: MonthDay = DEFAULT_FISCAL_YEAR_START) -> int:
    """The fiscal year containing ``d``, named by the calendar year it starts in."""
    _check_month_day(start, f"{start[0]}/{start[1]}")
    return d.year if (d.month, d.day) >= start else d.year - 1


def fiscal_year_range(fy: int, start: MonthDay = DEFAULT_FISCAL_YEAR_START) -> tuple[date, date]:
    """First and last day (both inclusive) of fiscal year ``fy``."""
    _check_month_day(start, f"{start[0]}/{start[1]}")
    first = date(fy, *start)
    return first, date(fy + 1, *start) - timedelta(days=1)


# --- business days and date arithmetic -----------------------------------------------------------


def add_days(d: date, n: int) -> date:
    """Calendar days (deadlines count weekends; app.deadlines.engine rolls a due date)."""
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Same day ``n`` months later (or earlier), clamped to the month's end: 1/31 + 1 → 2/28."""
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"{d.isoformat()} + {n} months is out of range")
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
