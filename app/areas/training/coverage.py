"""Training coverage for a fiscal year (rule C-TRAINING): who is trained, who is not, and where.

In scope for a required programme: active staff whose employment type is in its audience (every
type when the audience is empty), employed at some time in the fiscal year, and not marked exempt.
Completed: attended (or made up) a session of the programme, and passed its test when it had one
(``passed``, or failing that the score against the session's pass mark). Everyone counts —
temporary staff, dispatched workers and member volunteers included — because the policies say so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.catalogues import choices
from app.dates import DEFAULT_FISCAL_YEAR_START, fiscal_year_of, fiscal_year_range, parse_month_day
from app.storage.database import Connection, read_snapshot

DEFAULT_NEW_HIRE_DAYS = 30
DONE_STATUSES = ("attended", "makeup")
DEFAULT_PLEDGE = "hire"
NO_DEPARTMENT = ""


@dataclass(frozen=True)
class PersonRef:
    id: int
    staff_no: str
    name: str
    department: str  # the department's name, or "" when none
    employment_type: str  # catalogue code

    @property
    def label(self) -> str:
        return f"{self.staff_no} {self.name}"


@dataclass
class Tally:
    in_scope: int = 0
    completed: int = 0

    @property
    def share(self) -> float | None:
        return self.completed / self.in_scope if self.in_scope else None

    def add(self, done: bool) -> None:
        self.in_scope += 1
        self.completed += int(done)


@dataclass
class ProgrammeCoverage:
    programme_id: int
    title: str
    training_type: str
    planned_month: int | None
    total: Tally = field(default_factory=Tally)
    by_department: dict[str, Tally] = field(default_factory=dict)
    by_employment: dict[str, Tally] = field(default_factory=dict)
    not_trained: list[PersonRef] = field(default_factory=list)
    failed: list[PersonRef] = field(default_factory=list)
    retake_needed: list[PersonRef] = field(default_factory=list)


@dataclass(frozen=True)
class NewHire:
    person: PersonRef
    hire_date: date
    due: date
    trained_on: date | None  # first completed training on or after hire, if any

    @property
    def late(self) -> bool:
        return self.trained_on is None or self.trained_on > self.due


@dataclass
class CoverageReport:
    fiscal_year: int
    start: date
    end: date
    today: date
    new_hire_days: int
    programmes: list[ProgrammeCoverage] = field(default_factory=list)
    overall: Tally = field(default_factory=Tally)  # staff who completed every required programme
    by_department: dict[str, Tally] = field(default_factory=dict)
    by_employment: dict[str, Tally] = field(default_factory=dict)
    new_hires_late: list[NewHire] = field(default_factory=list)
    without_pledge: list[PersonRef] = field(default_factory=list)
    employment_labels: dict[str, str] = field(default_factory=dict)

    def people_for(
        self, department: str | None = None, employment: str | None = None
    ) -> list[tuple[PersonRef, ProgrammeCoverage]]:
        """Untrained people (with the programme they lack), for a drill-down from a chart bar."""
        rows = []
        for programme in self.programmes:
            for person in (*programme.not_trained, *programme.failed):
                if department is not None and person.department != department:
                    continue
                if employment is not None and person.employment_type != employment:
                    continue
                rows.append((person, programme))
        return sorted(rows, key=lambda pair: (pair[0].department, pair[0].staff_no))


def organisation_settings(conn: Connection) -> tuple[tuple[int, int], int]:
    row = conn.execute(
        "SELECT fiscal_year_start, new_hire_training_days FROM organisation WHERE id = 1"
    ).fetchone()
    start = DEFAULT_FISCAL_YEAR_START
    days = DEFAULT_NEW_HIRE_DAYS
    if row is not None:
        if row[0]:
            start = parse_month_day(row[0])
        if row[1]:
            days = int(row[1])
    return start, days


def current_fiscal_year(conn: Connection, today: date) -> int:
    start, _days = organisation_settings(conn)
    return fiscal_year_of(today, start)


def _people(conn: Connection, start: date, end: date) -> list[tuple[PersonRef, date | None]]:
    rows = conn.execute(
        "SELECT p.id, p.staff_no, p.name, coalesce(d.name, ''), p.employment_type, p.hire_date "
        "FROM person p LEFT JOIN department d ON d.id = p.department_id "
        "WHERE coalesce(p.active, 1) = 1 AND (p.hire_date IS NULL OR p.hire_date <= ?) "
        "AND (p.leave_date IS NULL OR p.leave_date >= ?) ORDER BY p.staff_no",
        (end.isoformat(), start.isoformat()),
    )
    return [
        (PersonRef(pid, staff_no, name, dept, emp), date.fromisoformat(hired) if hired else None)
        for pid, staff_no, name, dept, emp, hired in rows
    ]


def _outcomes(conn: Connection, programme_id: int) -> dict[int, str]:
    """person id -> "done", "failed", "retake" or "exempt" for one programme (best outcome wins)."""
    rank = {"exempt": 4, "done": 3, "retake": 2, "failed": 1}
    outcome: dict[int, str] = {}
    rows = conn.execute(
        "SELECT a.person_id, a.status, a.score, a.passed, a.retake_needed, s.has_test, s.pass_mark "
        "FROM training_attendance a JOIN training_session s ON s.id = a.session_id "
        "WHERE s.programme_id = ?",
        (programme_id,),
    )
    for person_id, status, score, passed, retake, has_test, pass_mark in rows:
        if status == "exempt":
            result = "exempt"
        elif status not in DONE_STATUSES:
            continue
        elif not has_test:
            result = "done"
        else:
            ok = (
                bool(passed)
                if passed is not None
                else (score is not None and pass_mark is not None and score >= pass_mark)
            )
            result = "done" if ok else ("retake" if retake else "failed")
        if rank[result] > rank.get(outcome.get(person_id, ""), 0):
            outcome[person_id] = result
    return outcome


def _first_completion(conn: Connection) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = {}
    rows = conn.execute(
        "SELECT a.person_id, s.held_on FROM training_attendance a "
        "JOIN training_session s ON s.id = a.session_id "
        f"WHERE a.status IN {DONE_STATUSES!r} AND (coalesce(s.has_test, 0) = 0 OR a.passed = 1 "
        "OR (a.passed IS NULL AND a.score >= s.pass_mark)) ORDER BY s.held_on"
    )
    for person_id, held_on in rows:
        dates.setdefault(person_id, []).append(date.fromisoformat(held_on))
    return dates


def _pledge_types(conn: Connection) -> tuple[dict[int, set[str]], dict[str, str]]:
    signed: dict[int, set[str]] = {}
    for person_id, pledge_type in conn.execute("SELECT person_id, pledge_type FROM pledge"):
        signed.setdefault(person_id, set()).add(pledge_type)
    expected: dict[str, str] = {}
    rows = conn.execute(
        "SELECT i.code, i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EMPLOYMENT_TYPE'"
    )
    for code, extra in rows:
        expected[code] = (json.loads(extra) if extra else {}).get("pledge", DEFAULT_PLEDGE)
    return signed, expected


def _tally(bucket: dict[str, Tally], key: str, done: bool) -> None:
    bucket.setdefault(key, Tally()).add(done)


def compute_coverage(conn: Connection, fiscal_year: int, *, today: date) -> CoverageReport:
    """Everything the Coverage page, the dashboard and the board report need, for one year."""
    start_md, new_hire_days = organisation_settings(conn)
    start, end = fiscal_year_range(fiscal_year, start_md)
    report = CoverageReport(fiscal_year, start, end, today, new_hire_days)
    report.employment_labels = dict(choices(conn, "EMPLOYMENT_TYPE", include_inactive=True))
    with read_snapshot(conn):
        people = _people(conn, start, end)
        programmes = conn.execute(
            "SELECT id, title, training_type, planned_month, audience FROM training_programme "
            "WHERE fiscal_year = ? AND coalesce(required, 1) = 1 ORDER BY planned_month, title",
            (fiscal_year,),
        ).fetchall()
        status: dict[int, list[bool]] = {}
        for programme_id, title, training_type, month, audience_json in programmes:
            audience = set(json.loads(audience_json)) if audience_json else set()
            coverage = ProgrammeCoverage(programme_id, title, training_type, month)
            outcomes = _outcomes(conn, programme_id)
            for person, _hired in people:
                if audience and person.employment_type not in audience:
                    continue
                result = outcomes.get(person.id)
                if result == "exempt":
                    continue
                done = result == "done"
                coverage.total.add(done)
                _tally(coverage.by_department, person.department, done)
                _tally(coverage.by_employment, person.employment_type, done)
                status.setdefault(person.id, []).append(done)
                if result == "failed":
                    coverage.failed.append(person)
                elif result == "retake":
                    coverage.retake_needed.append(person)
                elif not done:
                    coverage.not_trained.append(person)
            report.programmes.append(coverage)
        for person, _hired in people:
            if person.id in status:
                done = all(status[person.id])
                report.overall.add(done)
                _tally(report.by_department, person.department, done)
                _tally(report.by_employment, person.employment_type, done)
        report.new_hires_late = list(
            _late_new_hires(conn, people, start, end, today, new_hire_days)
        )
        signed, expected = _pledge_types(conn)
        report.without_pledge = [
            person
            for person, _hired in people
            if expected.get(person.employment_type, DEFAULT_PLEDGE)
            not in signed.get(person.id, set())
        ]
    return report


def _late_new_hires(
    conn: Connection,
    people: Iterable[tuple[PersonRef, date | None]],
    start: date,
    end: date,
    today: date,
    days: int,
) -> Iterable[NewHire]:
    completions = _first_completion(conn)
    for person, hired in people:
        if hired is None or not start <= hired <= end:
            continue
        due = hired + timedelta(days=days)
        trained = next((d for d in completions.get(person.id, []) if d >= hired), None)
        if trained is None and due >= today:
            continue  # still within the allowed days
        hire = NewHire(person, hired, due, trained)
        if hire.late:
            yield hire


def completion_percent(tally: Tally) -> float | None:
    """Completion as a percentage with one decimal (None when nobody is in scope): the board
    report's training completion; ``share_text`` shows the same share on the Coverage page."""
    return round(tally.completed * 100 / tally.in_scope, 1) if tally.in_scope else None


def share_text(tally: Tally) -> str:
    share = tally.share
    return "—" if share is None else f"{share * 100:.0f}%"


def describe_for_json(report: CoverageReport) -> dict[str, Any]:
    """A plain summary (CLI ``--json``, board report data)."""

    def tallies(bucket: dict[str, Tally]) -> dict[str, dict[str, int]]:
        return {k: {"in_scope": v.in_scope, "completed": v.completed} for k, v in bucket.items()}

    return {
        "fiscal_year": report.fiscal_year,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "overall": {"in_scope": report.overall.in_scope, "completed": report.overall.completed},
        "by_department": tallies(report.by_department),
        "by_employment_type": tallies(report.by_employment),
        "programmes": [
            {
                "title": p.title,
                "in_scope": p.total.in_scope,
                "completed": p.total.completed,
                "not_trained": [x.staff_no for x in p.not_trained],
                "failed": [x.staff_no for x in p.failed],
                "retake_needed": [x.staff_no for x in p.retake_needed],
            }
            for p in report.programmes
        ],
        "new_hires_late": [h.person.staff_no for h in report.new_hires_late],
        "without_pledge": [x.staff_no for x in report.without_pledge],
    }
