"""Reading deadline records: the open list (dashboard, CLI ``deadlines``), the Excel export and
the timeliness figures the board report uses (on time %)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import xlsxwriter

from app.atomic import replacing
from app.deadlines.holidays import HolidayCalendar, load_calendar
from app.deadlines.rules import all_rules
from app.i18n import N_, _
from app.storage import audit
from app.storage.database import Connection, read_snapshot, write_transaction

SOON_DAYS = 7
GROUP_OVERDUE, GROUP_TODAY, GROUP_SOON, GROUP_LATER, GROUP_UNDATED = (
    "overdue",
    "today",
    "soon",
    "later",
    "undated",
)
GROUP_TITLES = {
    GROUP_OVERDUE: N_("Overdue"),
    GROUP_TODAY: N_("Due today"),
    GROUP_SOON: N_("Within 7 days"),
    GROUP_LATER: N_("Coming up"),
    GROUP_UNDATED: N_("No fixed day"),
}


@dataclass(frozen=True)
class DeadlineRow:
    id: int
    rule: str
    subject_register: str
    subject_id: int
    subject_label: str
    trigger_date: date | None
    calendar_date: date | None
    due_date: date | None
    warn_from: date | None
    status: str
    done_at: date | None

    @property
    def rolled(self) -> bool:
        return self.due_date != self.calendar_date

    def group(self, today: date) -> str:
        if self.due_date is None:
            return GROUP_UNDATED
        if self.due_date < today:
            return GROUP_OVERDUE
        if self.due_date == today:
            return GROUP_TODAY
        if (self.due_date - today).days <= SOON_DAYS:
            return GROUP_SOON
        return GROUP_LATER

    def reasons(self, calendar: HolidayCalendar) -> list[str]:
        """Why the due date moved past its calendar date, one line per day passed over."""
        if self.calendar_date is None or self.due_date is None:
            return []
        found, day = [], self.calendar_date
        while day < self.due_date:
            found.append(calendar.why_closed(day))
            day += timedelta(days=1)
        return found

    def as_json(self, calendar: HolidayCalendar) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "from": _iso(self.trigger_date),
            "calendar_date": _iso(self.calendar_date),
            "due_date": _iso(self.due_date),
            "rolled": self.rolled,
            "reasons": self.reasons(calendar),
            "subject": self.subject_label,
            "register": self.subject_register,
            "record_id": self.subject_id,
            "id": self.id,
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


_SELECT = (
    "SELECT id, rule, subject_register, subject_id, coalesce(subject_label, ''), trigger_date, "
    "calendar_date, due_date, warn_from, status, done_at FROM deadline"
)


def _rows(conn: Connection, where: str, params: Iterable[Any] = ()) -> list[DeadlineRow]:
    return [
        DeadlineRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            _date(row[5]),
            _date(row[6]),
            _date(row[7]),
            _date(row[8]),
            row[9],
            _date(row[10]),
        )
        for row in conn.execute(
            f"{_SELECT} WHERE {where} ORDER BY due_date IS NULL, due_date, rule, subject_label",
            tuple(params),
        )
    ]


def open_deadlines(
    conn: Connection, today: date, *, within: int | None = None, showing: bool = False
) -> list[DeadlineRow]:
    """Open deadlines, soonest first. ``within``: only those due within that many days (overdue
    included). ``showing``: only those whose warn-from day has come (the dashboard's view)."""
    where, params = "status = 'open'", []
    if within is not None:
        where += " AND due_date IS NOT NULL AND due_date <= ?"
        params.append((today + timedelta(days=within)).isoformat())
    if showing:
        where += " AND (warn_from IS NULL OR warn_from <= ? OR due_date <= ?)"
        params += [today.isoformat(), (today + timedelta(days=SOON_DAYS)).isoformat()]
    return _rows(conn, where, params)


def rule_title(rule_id: str) -> str:
    rule = all_rules().get(rule_id)
    return rule.title if rule else rule_id


# ----- Excel ---------------------------------------------------------------------------------


def export_deadlines(
    conn: Connection, target: Path, today: date, *, within: int | None = None
) -> int:
    """The open deadlines, grouped as on the dashboard, to an xlsx file; audited as an export."""
    calendar = load_calendar(conn)
    with read_snapshot(conn):
        rows = open_deadlines(conn, today, within=within)
    headers = [
        _("Group"),
        _("Due date"),
        _("Calendar date"),
        _("Rolled because"),
        _("Rule"),
        _("Duty"),
        _("Subject"),
        _("Trigger date"),
        _("Legal source"),
    ]
    order = [GROUP_OVERDUE, GROUP_TODAY, GROUP_SOON, GROUP_LATER, GROUP_UNDATED]
    rows = sorted(rows, key=lambda r: order.index(r.group(today)))
    with replacing(Path(target)) as temp:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False})
        try:
            sheet = book.add_worksheet(_("Deadlines"))
            bold = book.add_format({"bold": True, "bg_color": "#E0E0E0", "border": 1})
            day = book.add_format({"num_format": "yyyy/mm/dd"})
            wrap = book.add_format({"text_wrap": True, "valign": "top"})
            sheet.write(0, 0, _("Deadlines on {date}").format(date=today.isoformat()))
            for column, text in enumerate(headers):
                sheet.write(2, column, text, bold)
            for number, row in enumerate(rows, start=3):
                rule = all_rules().get(row.rule)
                sheet.write(number, 0, _(GROUP_TITLES[row.group(today)]))
                for column, value in (
                    (1, row.due_date),
                    (2, row.calendar_date),
                    (7, row.trigger_date),
                ):
                    if value is not None:
                        sheet.write_datetime(number, column, _midnight(value), day)
                sheet.write(number, 3, "\n".join(row.reasons(calendar)), wrap)
                sheet.write(number, 4, row.rule)
                sheet.write(number, 5, rule.title if rule else "")
                sheet.write(number, 6, row.subject_label)
                sheet.write(number, 8, rule.source if rule else "")
            for column, width in enumerate((12, 12, 12, 34, 18, 30, 30, 12, 30)):
                sheet.set_column(column, column, width)
            sheet.freeze_panes(3, 0)
            sheet.autofilter(2, 0, 2 + len(rows), len(headers) - 1)
        finally:
            book.close()
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register="deadlines",
            detail={"format": "xlsx", "rows": len(rows), "file": Path(target).name},
        )
    return len(rows)


def _midnight(value: date):
    from datetime import datetime

    return datetime(value.year, value.month, value.day)


# ----- timeliness (board report) ---------------------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    """Deadlines due within a period: met on time, met late, still open and overdue."""

    due: int
    on_time: int
    late: int
    open_overdue: int
    open_not_due: int

    @property
    def on_time_share(self) -> float | None:
        decided = self.on_time + self.late + self.open_overdue
        return None if decided == 0 else self.on_time / decided


def timeliness(
    conn: Connection,
    start: date,
    end: date,
    *,
    rules: Iterable[str] | None = None,
    at: date | None = None,
) -> Timeliness:
    """On-time figures for deadlines whose due date falls in ``start``–``end`` (both inclusive),
    as they stood at ``at`` (default ``end``). Waived deadlines do not count."""
    at = at or end
    where = "due_date BETWEEN ? AND ? AND status != 'waived'"
    params: list[Any] = [start.isoformat(), end.isoformat()]
    if rules is not None:
        chosen = list(rules)
        where += f" AND rule IN ({', '.join('?' * len(chosen))})"
        params += chosen
    on_time = late = open_overdue = open_not_due = 0
    for row in _rows(conn, where, params):
        assert row.due_date is not None
        finished = row.status == "done" and row.done_at is not None and row.done_at <= at
        if finished and row.done_at is not None and row.done_at <= row.due_date:
            on_time += 1
        elif finished:
            late += 1
        elif row.due_date < at:
            open_overdue += 1
        else:
            open_not_due += 1
    return Timeliness(
        on_time + late + open_overdue + open_not_due, on_time, late, open_overdue, open_not_due
    )


def overdue_count(
    conn: Connection, at: date, rules: Iterable[str], *, subject_ids: Iterable[int] | None = None
) -> int:
    """Deadlines of these rules that were overdue on ``at``: due before it, and then neither done
    nor waived (a deadline done later still counts for a report taken at ``at``).
    ``subject_ids`` limits the count to those subjects (e.g. the assets held on that day)."""
    chosen = list(rules)
    sql = (
        "SELECT count(DISTINCT subject_register || subject_id) FROM deadline WHERE due_date < ? "
        "AND (status = 'open' OR (status = 'done' AND done_at > ?)) "
        f"AND rule IN ({', '.join('?' * len(chosen))})"
    )
    params: list[Any] = [at.isoformat(), at.isoformat(), *chosen]
    if subject_ids is not None:
        sql += " AND subject_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(subject_ids)))
    return int(conn.execute(sql, params).fetchone()[0])
