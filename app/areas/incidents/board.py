"""Chapter 11 事故・インシデント (domain §5.11): counts by type, cause and department, reportable
cases with 速報/確報 timeliness, notices and announcements, Pマーク reports, contractor-caused
incidents, recurrence prevention and the near-miss trend. Counts and incident numbers only: no
titles, descriptions or names reach the report.

An incident belongs to the period in which any department knew of it (``known_on``). A report is
on time when it was sent by the due date the deadline engine computes from that day; a report not
yet sent counts as late once its due date has passed at the period's ``at`` day (today at the
latest), and is left out (pending) before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.board.period import Period, display_date, previous_period
from app.board.sections import (
    labels,
    ordered_codes,
    percent,
    rule_at_most,
    section,
    share,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Chart, Kpi, Section, Table
from app.dates import format_year_month
from app.deadlines.engine import compute
from app.deadlines.holidays import HolidayCalendar, load_calendar
from app.i18n import N_
from app.storage.database import Connection

KEY = "incidents"
TARGET_ON_TIME = 100.0
ON_TIME_RULE = N_("On target at 100%; any report late is off target.")
CONTRACTOR_CAUSES = ("contractor_lapse",)
CONTRACTOR_TYPES = ("contractor_incident",)

_COLUMNS = (
    "i.id, incident_no, incident_type, cause, coalesce(d.name, ''), near_miss, known_on, "
    "ppc_report_due, final_report_days, prelim_reported_on, final_reported_on, pmark_report_due, "
    "pmark_reported_on, subject_notice_due, subject_notice_settled_on, subject_notice, "
    "announcement, recurrence_prevention, we_are_contractor, i.closed_on, reportable, "
    "mynum_reportable, reportable_since, i.contractor_id, ca.status, wrongful_purpose"
)


@dataclass(frozen=True)
class Row:
    id: int
    number: str
    type: str
    cause: str | None
    department: str
    near_miss: bool
    known_on: date
    ppc_report_due: bool
    final_days: int | None
    prelim_on: date | None
    final_on: date | None
    pmark_due: bool
    pmark_on: date | None
    notice_due: bool
    notice_on: date | None
    notice: str | None
    announcement: str | None
    prevention: str | None
    as_contractor: bool
    closed_on: date | None
    reportable: bool
    mynum_reportable: bool
    reportable_since: date | None
    contractor_id: int | None
    action_status: str | None  # of the linked corrective action
    wrongful: bool

    @property
    def contractor_caused(self) -> bool:
        return (
            self.contractor_id is not None
            or self.cause in CONTRACTOR_CAUSES
            or self.type in CONTRACTOR_TYPES
        )

    @property
    def prevention_state(self) -> str:
        """closed / open (a corrective action) / text (a measure written down) / none."""
        if self.action_status is not None:
            return "closed" if self.action_status == "closed" else "open"
        return "text" if (self.prevention or "").strip() else "none"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def incidents_in(conn: Connection, period: Period) -> list[Row]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM incident i LEFT JOIN department d ON d.id = i.department_id "
        "LEFT JOIN corrective_action ca ON ca.id = i.corrective_action_id "
        "WHERE known_on BETWEEN ? AND ? ORDER BY known_on, incident_no",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchall()
    found = []
    for row in rows:
        values = list(row)
        for index in (6, 9, 10, 12, 14, 19, 22):
            values[index] = _day(values[index])
        for index in (5, 7, 11, 13, 18, 20, 21, 25):
            values[index] = bool(values[index])
        found.append(Row(*values))
    return found


def on_time(sent: date | None, due: date | None, at: date) -> bool | None:
    """True / False, or None while a report not yet sent is not yet due."""
    if due is None:
        return None
    if sent is not None:
        return sent <= due
    return False if at > due else None


@dataclass(frozen=True)
class Timeliness:
    prelim_due: date | None
    prelim_ok: bool | None
    final_due: date | None
    final_ok: bool | None


def timeliness(row: Row, calendar: HolidayCalendar, at: date) -> Timeliness:
    prelim_due = compute("R-LEAK-PRELIM", row.reportable_since or row.known_on, calendar).due_date
    rule = (
        "R-LEAK-FINAL-60"
        if row.final_days == 60
        else "R-LEAK-FINAL-30"
        if row.reportable
        else "R-MYNUM-LEAK"
    )
    final_due = compute(rule, row.known_on, calendar).due_date
    return Timeliness(
        prelim_due,
        on_time(row.prelim_on, prelim_due, at),
        final_due,
        on_time(row.final_on, final_due, at),
    )


def _rate(results: list[bool | None]) -> tuple[float | None, int, int]:
    decided = [result for result in results if result is not None]
    good = sum(1 for result in decided if result)
    return percent(good, len(decided)), good, len(decided)


def _count_table(
    title: str, heading: str, counts: Counter[str], names: dict[str, str], order: list[str], t
) -> Table:  # type: ignore[no-untyped-def]
    codes = sorted(counts, key=lambda code: (order.index(code) if code in order else 99, code))
    return Table(
        title,
        [heading, t(N_("Number of incidents"))],
        [[names.get(code, code) or t(N_("(not recorded)")), counts[code]] for code in codes],
        kinds=["text", "int"],
    )


def _months(period: Period) -> list[tuple[int, int]]:
    months, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@section(110, KEY, N_("Incidents"))
def incidents_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Incidents"))
    rows = incidents_in(conn, period)
    if not rows:
        return Section(
            KEY,
            title,
            t(N_("No incident or near miss became known in the period.")),
            empty=t(N_("No incident or near miss became known in the period.")),
        )
    calendar = load_calendar(conn)
    at = min(period.at, date.today())  # a report not yet due today is pending, not late
    incidents = [row for row in rows if not row.near_miss]
    near_misses = [row for row in rows if row.near_miss]
    reportable = [row for row in incidents if row.ppc_report_due]
    times = {row.id: timeliness(row, calendar, at) for row in reportable}
    prelim_rate, prelim_good, prelim_n = _rate([times[row.id].prelim_ok for row in reportable])
    final_rate, final_good, final_n = _rate([times[row.id].final_ok for row in reportable])
    pmark_rows = [row for row in incidents if row.pmark_due]
    pmark_rate, pmark_good, pmark_n = _rate(
        [
            on_time(
                row.pmark_on,
                compute(
                    "R-PMARK-INC-60" if row.wrongful else "R-PMARK-INC", row.known_on, calendar
                ).due_date,
                at,
            )
            for row in pmark_rows
        ]
    )
    notice_rows = [row for row in incidents if row.notice_due]
    notices_done = sum(1 for row in notice_rows if row.notice_on is not None)
    announced = sum(1 for row in incidents if row.announcement in ("done", "alternative"))
    contractor = [row for row in incidents if row.contractor_caused]
    states = Counter(row.prevention_state for row in incidents)
    prevention = len(incidents) - states["none"]
    open_count = sum(1 for row in incidents if row.closed_on is None or row.closed_on > at)
    before = previous_period(conn, period, language)
    previous_rows = incidents_in(conn, before)
    previous_incidents = sum(1 for row in previous_rows if not row.near_miss)
    previous_near = sum(1 for row in previous_rows if row.near_miss)
    late = prelim_n - prelim_good + final_n - final_good

    kpis = [
        Kpi(
            t(N_("Incidents known")),
            len(incidents),
            t(N_("cases")),
            definition=t(
                N_(
                    "Incidents (leaks, losses and damage, and their possibility) any department "
                    "knew of during the period; near misses are counted apart."
                )
            ),
            previous=previous_incidents,
            headline=True,
        ),
        Kpi(
            t(N_("Incidents reportable to the PPC")),
            len(reportable),
            t(N_("cases")),
            definition=t(
                N_(
                    "Incidents the co-op itself had to report under 規則7条 or 番号法 (a contractor "
                    "that told its controller is not counted)."
                )
            ),
            headline=True,
        ),
        Kpi(
            t(N_("Preliminary reports on time")),
            prelim_rate,
            "%",
            target=f"{TARGET_ON_TIME:.0f}%",
            status=status_at_least(prelim_rate, TARGET_ON_TIME, TARGET_ON_TIME),
            rule=t(ON_TIME_RULE),
            definition=t(
                N_(
                    "速報 (or a 確報 sent in its place) sent within 5 days of the day any "
                    "department knew (day 1), as a share of reportable incidents whose report was "
                    "sent or is overdue ({good} of {total})."
                )
            ).format(good=prelim_good, total=prelim_n),
            headline=bool(reportable),
        ),
        Kpi(
            t(N_("Final reports on time")),
            final_rate,
            "%",
            target=f"{TARGET_ON_TIME:.0f}%",
            status=status_at_least(final_rate, TARGET_ON_TIME, TARGET_ON_TIME),
            rule=t(ON_TIME_RULE),
            definition=t(
                N_(
                    "確報 sent within 30 days (60 for a wrongful purpose), moved to the next "
                    "business day past 土日祝 and 12/29–1/3, as a share of reportable incidents "
                    "whose report was sent or is overdue ({good} of {total})."
                )
            ).format(good=final_good, total=final_n),
            headline=bool(reportable),
        ),
        Kpi(
            t(N_("Notices to individuals done")),
            percent(notices_done, len(notice_rows)),
            "%",
            definition=t(
                N_(
                    "Reportable incidents whose individuals were told (or an alternative such as "
                    "an announcement was taken) ({done} of {total}); announcements made: {announced}."
                )
            ).format(done=notices_done, total=len(notice_rows), announced=announced),
        ),
        Kpi(
            t(N_("Pマーク reports on time")),
            pmark_rate,
            "%",
            target=f"{TARGET_ON_TIME:.0f}%",
            status=status_at_least(pmark_rate, TARGET_ON_TIME, TARGET_ON_TIME),
            rule=t(ON_TIME_RULE),
            definition=t(
                N_(
                    "Incident reports to the Pマーク review body sent within 30 days (60 for a wrongful "
                    "purpose), as a share "
                    "of those sent or overdue ({good} of {total}); only while the co-op holds the "
                    "mark."
                )
            ).format(good=pmark_good, total=pmark_n),
        ),
        Kpi(
            t(N_("Contractor-caused incidents")),
            len(contractor),
            t(N_("cases")),
            definition=t(
                N_("Incidents whose cause was a lapse at a contractor, or that occurred at one.")
            ),
        ),
        Kpi(
            t(N_("Recurrence prevention recorded")),
            percent(prevention, len(incidents)),
            "%",
            definition=t(
                N_(
                    "Incidents with a recurrence-prevention measure recorded or a corrective "
                    "action raised ({done} of {total}); corrective actions closed: {closed}, "
                    "open: {open}."
                )
            ).format(
                done=prevention,
                total=len(incidents),
                closed=states["closed"],
                open=states["open"],
            ),
        ),
        Kpi(
            t(N_("Open incidents")),
            open_count,
            t(N_("cases")),
            status=status_at_most(open_count, 0, 3),
            rule=rule_at_most(language, 0, 3),
            definition=t(N_("Incidents of the period not closed at {date}.")).format(
                date=display_date(at, language)
            ),
        ),
        Kpi(
            t(N_("Near misses")),
            len(near_misses),
            t(N_("cases")),
            definition=t(
                N_("Near misses (ヒヤリハット) recorded: caught before any data left the co-op.")
            ),
            previous=previous_near,
        ),
    ]

    type_names = labels(conn, "INCIDENT_TYPE", language)
    cause_names = labels(conn, "INCIDENT_CAUSE", language)
    by_type = Counter(row.type for row in incidents)
    by_cause = Counter(row.cause or "" for row in incidents)
    by_department = Counter(row.department for row in incidents)
    tables = [
        _count_table(
            t(N_("Incidents by type")),
            t(N_("Type")),
            by_type,
            type_names,
            ordered_codes(conn, "INCIDENT_TYPE"),
            t,
        ),
        _count_table(
            t(N_("Incidents by cause")),
            t(N_("Cause")),
            by_cause,
            cause_names,
            ordered_codes(conn, "INCIDENT_CAUSE"),
            t,
        ),
        _count_table(
            t(N_("Incidents by department")),
            t(N_("Department")),
            by_department,
            {},
            sorted(by_department),
            t,
        ),
    ]
    if reportable:
        tables.append(
            Table(
                t(N_("Reportable incidents: reports and notices")),
                [
                    t(N_("Incident no.")),
                    t(N_("Type")),
                    t(N_("Known on")),
                    t(N_("速報 due")),
                    t(N_("速報 sent")),
                    t(N_("確報 due")),
                    t(N_("確報 sent")),
                    t(N_("On time")),
                    t(N_("Individuals told")),
                ],
                [
                    [
                        row.number,
                        type_names.get(row.type, row.type),
                        row.known_on.isoformat(),
                        _iso(times[row.id].prelim_due),
                        _iso(row.prelim_on),
                        _iso(times[row.id].final_due),
                        _iso(row.final_on),
                        _verdict(times[row.id], t),
                        _iso(row.notice_on),
                    ]
                    for row in reportable
                ],
                kinds=["text", "text", "date", "date", "date", "date", "date", "text", "date"],
            )
        )
    tables.append(
        Table(
            t(N_("Recurrence prevention")),
            [t(N_("State")), t(N_("Number of incidents"))],
            [
                [t(N_("Corrective action closed")), states["closed"]],
                [t(N_("Corrective action open")), states["open"]],
                [t(N_("Measure recorded, no corrective action")), states["text"]],
                [t(N_("Nothing recorded")), states["none"]],
            ],
            kinds=["text", "int"],
        )
    )
    months = _months(period)
    incident_months = Counter((row.known_on.year, row.known_on.month) for row in incidents)
    near_months = Counter((row.known_on.year, row.known_on.month) for row in near_misses)
    month_labels = [format_year_month(y, m, language) for y, m in months]
    charts = [
        Chart(
            "bar",
            t(N_("Incidents by type")),
            labels=[type_names.get(code, code) for code, _n in by_type.most_common()],
            values=[share(n, len(incidents)) for _code, n in by_type.most_common()],
            percent=True,
        ),
        Chart(
            "bar",
            t(N_("Near misses by month")),
            labels=month_labels,
            values=[float(near_months[month]) for month in months],
        ),
    ]
    trend = Table(
        t(N_("Incidents and near misses by month")),
        [t(N_("Month")), t(N_("Number of incidents")), t(N_("Near misses"))],
        [
            [label, incident_months[month], near_months[month]]
            for label, month in zip(month_labels, months, strict=True)
        ],
        kinds=["text", "int", "int"],
    )
    tables.append(trend)
    events = [
        t(N_("{number}: {type}, reportable; 速報 {prelim}, 確報 {final}.")).format(
            number=row.number,
            type=type_names.get(row.type, row.type),
            prelim=_state(row.prelim_on, times[row.id].prelim_ok, language, t),
            final=_state(row.final_on, times[row.id].final_ok, language, t),
        )
        for row in reportable
    ]
    summary = t(
        N_(
            "{incidents} incidents ({reportable} reportable) and {near} near misses became "
            "known; reports late or overdue: {late}."
        )
    ).format(incidents=len(incidents), reportable=len(reportable), near=len(near_misses), late=late)
    return Section(KEY, title, summary, kpis=kpis, tables=tables, charts=charts, events=events)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _verdict(times: Timeliness, t) -> str:  # type: ignore[no-untyped-def]
    results = [times.prelim_ok, times.final_ok]
    if any(result is False for result in results):
        return t(N_("Late"))
    if all(result is True for result in results):
        return t(N_("On time"))
    return t(N_("Pending"))


def _state(sent: date | None, ok: bool | None, language: str, t) -> str:  # type: ignore[no-untyped-def]
    if sent is None:
        return t(N_("overdue")) if ok is False else t(N_("not yet due"))
    verdict = t(N_("on time")) if ok else t(N_("late"))
    return t(N_("sent {date} ({verdict})")).format(
        date=display_date(sent, language), verdict=verdict
    )
