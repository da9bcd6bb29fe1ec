"""The period a board report covers: a fiscal year by default, or any date range."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.areas.training.coverage import organisation_settings
from app.dates import fiscal_year_of, fiscal_year_range, format_date
from app.i18n import N_, gettext_in

# Business dates (the day a record was entered, as the office saw it) are taken in the
# organisation's time zone: a record entered at 08:30 JST on 1 April is an April record, although
# its UTC timestamp is still 31 March.
ORGANISATION_TIME_ZONE = ZoneInfo("Asia/Tokyo")


def business_date_sql(column: str) -> str:
    """SQL for the business date of a UTC ISO timestamp column (time zone offset, fixed for Japan
    which has no daylight saving time)."""
    offset = datetime.now(UTC).astimezone(ORGANISATION_TIME_ZONE).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    return f"date({column}, '{minutes:+d} minutes')"


MSG_FISCAL_YEAR_JA = N_("Fiscal year {year} ({start} to {end})")
MSG_RANGE = N_("{start} to {end}")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str  # in the report's language
    fiscal_year: int | None = None  # set when the period is exactly one fiscal year
    as_of: date | None = None  # the day the figures are taken at (default: the last day)

    @property
    def at(self) -> date:
        """The day stock figures (registers, overdue people) are counted at."""
        return min(self.as_of, self.end) if self.as_of else self.end

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def display_date(day: date, language: str) -> str:
    return format_date(day, "ja") if language == "ja" else format_date(day, "iso")


def fiscal_year_period(
    conn, year: int, language: str = "ja", *, as_of: date | None = None
) -> Period:
    """Fiscal year ``year`` as the organisation defines it (its start day is a setting)."""
    start_md, _days = organisation_settings(conn)
    start, end = fiscal_year_range(year, start_md)
    if language == "ja":
        label = f"{year}年度（{format_date(start, 'ja')}〜{format_date(end, 'ja')}）"
    else:
        label = gettext_in(language, MSG_FISCAL_YEAR_JA).format(
            year=year, start=display_date(start, language), end=display_date(end, language)
        )
    return Period(start, end, label, fiscal_year=year, as_of=as_of)


def date_range_period(
    conn, start: date, end: date, language: str = "ja", *, as_of: date | None = None
) -> Period:
    """Any date range; when it is exactly a fiscal year it is labelled (and compared) as one."""
    if end < start:
        raise ValueError("the period ends before it starts")
    start_md, _days = organisation_settings(conn)
    year = fiscal_year_of(start, start_md)
    if fiscal_year_range(year, start_md) == (start, end):
        return fiscal_year_period(conn, year, language, as_of=as_of)
    if language == "ja":
        label = f"{format_date(start, 'ja')}〜{format_date(end, 'ja')}"
    else:
        label = gettext_in(language, MSG_RANGE).format(
            start=display_date(start, language), end=display_date(end, language)
        )
    return Period(start, end, label, as_of=as_of)


def previous_period(conn, period: Period, language: str = "ja") -> Period:
    """The fiscal year before, or the same number of days just before a custom range."""
    if period.fiscal_year is not None:
        return fiscal_year_period(conn, period.fiscal_year - 1, language)
    length = (period.end - period.start).days
    end = period.start - timedelta(days=1)
    return replace(date_range_period(conn, end - timedelta(days=length), end, language), as_of=None)


def training_year(conn, period: Period) -> int:
    """The fiscal year whose training plan a period reports on (the one it starts in)."""
    if period.fiscal_year is not None:
        return period.fiscal_year
    start_md, _days = organisation_settings(conn)
    return fiscal_year_of(period.start, start_md)
