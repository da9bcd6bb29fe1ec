"""The date arithmetic of every deadline: one function, ``compute(rule, start, calendar)``.

The calculator (CLI ``deadline``, the dashboard dialog), the stored deadline records and the
corpus tests all go through it, so a rule behaves the same wherever it is shown.
"""

from __future__ import annotations

import calendar as calendar_module
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.dates import add_months
from app.deadlines.holidays import BUILTIN, HolidayCalendar
from app.deadlines.rules import Calendar, Offset, Rule, get_rule

MAX_ROLL_DAYS = 31  # no real calendar closes for longer; a guard against a broken table


@dataclass(frozen=True)
class Computation:
    rule: Rule
    start: date  # the trigger date
    calendar_date: date | None  # the offset applied, before any rolling
    due_date: date | None  # the date the duty must be met by
    warn_from: date | None  # from when the deadline shows as coming up
    reasons: tuple[str, ...] = ()  # one line per day rolled past, named in Japanese

    @property
    def rolled(self) -> bool:
        return self.due_date != self.calendar_date

    def as_json(self) -> dict[str, Any]:
        """The calculator's JSON (CLI ``deadline --json``); keys fixed by issue 10."""
        return {
            "rule": self.rule.id,
            "from": self.start.isoformat(),
            "calendar_date": self.calendar_date.isoformat() if self.calendar_date else None,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "rolled": self.rolled,
            "reasons": list(self.reasons),
        }


def apply_offset(start: date, offset: Offset, calendar: HolidayCalendar = BUILTIN) -> date:
    """``start`` moved by the offset: anchor days, months (clamped to the month's end), days,
    then business days. A ``civil`` offset counts months and years as 民法140・143 do."""
    months = offset.years * 12 + offset.months
    if offset.civil:
        return _civil_end(start, months, offset.first_day_counts)
    result = add_months(start + timedelta(days=offset.anchor_days), months)
    days = offset.days
    if offset.first_day_counts and days > 0:
        days -= 1  # day 1 is the start itself
    result += timedelta(days=days)
    step = 1 if offset.business_days >= 0 else -1
    remaining = abs(offset.business_days)
    while remaining:
        result += timedelta(days=step)
        if calendar.is_business_day(result):
            remaining -= 1
    return result


def _civil_end(start: date, months: int, first_day_counts: bool) -> date:
    """The last day of a period of ``months`` from ``start`` (民法143): the day before the
    corresponding day of the 起算日 in the last month, or that month's end when it has no such day.
    The 起算日 is ``start`` itself when the first day counts, else the next day (民法140)."""
    origin = start if first_day_counts else start + timedelta(days=1)
    index = origin.year * 12 + origin.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if origin.day > calendar_module.monthrange(year, month)[1]:
        return date(year, month, calendar_module.monthrange(year, month)[1])
    return date(year, month, origin.day) - timedelta(days=1)


def roll_forward(day: date, calendar: HolidayCalendar = BUILTIN) -> tuple[date, tuple[str, ...]]:
    """The first business day on or after ``day``, and why each day passed over was closed."""
    reasons: list[str] = []
    while not calendar.is_business_day(day):
        reasons.append(calendar.why_closed(day))
        day += timedelta(days=1)
        if len(reasons) > MAX_ROLL_DAYS:
            raise ValueError(f"no business day within {MAX_ROLL_DAYS} days of {day}")
    return day, tuple(reasons)


def compute(
    rule: Rule | str,
    start: date,
    calendar: HolidayCalendar = BUILTIN,
    *,
    calendar_date: date | None = None,
) -> Computation:
    """Calendar date, due date (rolled when the rule's calendar says so) and warn-from date.

    ``calendar_date`` replaces the rule's offset when a record fixes its own date (a review
    set earlier than the yearly cycle); rolling and warning still follow the rule.
    """
    if isinstance(rule, str):
        rule = get_rule(rule)
    if rule.due is None and calendar_date is None:
        return Computation(rule, start, None, None, None)
    if calendar_date is None:
        assert rule.due is not None
        calendar_date = apply_offset(start, rule.due, calendar)
    due_date, reasons = calendar_date, ()
    if rule.calendar is Calendar.BUSINESS:
        due_date, reasons = roll_forward(calendar_date, calendar)
    warn_from = None
    if rule.warn.from_trigger is not None:
        warn_from = apply_offset(start, rule.warn.from_trigger, calendar)
    elif rule.warn.before_due_days is not None:
        warn_from = calendar_date - timedelta(days=rule.warn.before_due_days)
    if warn_from is not None and warn_from > due_date:
        warn_from = due_date
    return Computation(rule, start, calendar_date, due_date, warn_from, reasons)


_PERIOD = re.compile(
    r"^(?P<n>\d{1,3})\s*(?P<unit>年間?|か月間?|ヶ月間?|ケ月間?|箇月間?|カ月間?|ヵ月間?|月間|週間?|日間?"
    r"|years?|months?|weeks?|days?)$",
    re.IGNORECASE,
)


def parse_period(text: str | None) -> Offset | None:
    """A retention period as the 台帳 writes it (5年, 6か月, 90日, 3 years), or None when the text
    is not a plain period (契約終了後1年, 永年): those stay the officer's to date by hand."""
    if not text:
        return None
    match = _PERIOD.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    amount, unit = int(match["n"]), match["unit"].lower()
    if unit.startswith(("年", "year")):
        return Offset(years=amount)
    if unit.startswith(("週", "week")):
        return Offset(days=7 * amount)
    if unit.startswith(("日", "day")):
        return Offset(days=amount)
    return Offset(months=amount)


def add_period(start: date, period: Offset) -> date:
    """``start`` plus a period of the calendar (no rolling): a retention end date."""
    return apply_offset(start, period)


def cycle_date(rule_id: str, start: date | None) -> date | None:
    """The calendar date of ``rule_id`` from ``start`` (None for no start): for a register's own
    derived date field, e.g. the 台帳's next review (C-REGISTER: last review + 12 months)."""
    if start is None:
        return None
    return compute(rule_id, start).calendar_date
