"""Internal-audit coverage of the fiscal year (rule C-AUDIT: every department at least once a year,
JIS Q 15001 A.3.7.2), shared by the coverage page, the dashboard reminder and board chapter 12.

An audit counts for the year its last day (or first, while it runs) falls in, and only when its
type is internal (AUDIT_TYPE ``extra.internal``: not an external review or a contractor audit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.areas.training.coverage import organisation_settings
from app.catalogues import choices, item_extra
from app.dashboard import DueItem, provider
from app.dates import fiscal_year_of, fiscal_year_range
from app.i18n import _, ngettext
from app.storage.database import Connection

REMINDER_DAYS = 120  # the reminder shows in the last four months of the fiscal year
COVERAGE_PAGE = "audit_coverage"  # the page the reminder opens (ui/areas.py registers it)


@dataclass(frozen=True)
class DepartmentCoverage:
    department_id: int
    code: str
    name: str
    planned: bool  # in the year's audit plan
    audits: tuple[tuple[int, str, date], ...]  # (audit id, code, day) of the year's internal audits
    findings: int  # findings of those audits for this department

    @property
    def covered(self) -> bool:
        return bool(self.audits)


@dataclass(frozen=True)
class AuditCoverage:
    fiscal_year: int
    start: date
    end: date
    departments: list[DepartmentCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.departments)

    @property
    def total(self) -> int:
        return len(self.departments)

    @property
    def missing(self) -> list[DepartmentCoverage]:
        return [row for row in self.departments if not row.covered]


def internal_types(conn: Connection) -> list[str]:
    return [
        code
        for code, _label in choices(conn, "AUDIT_TYPE", include_inactive=True)
        if item_extra(conn, "AUDIT_TYPE", code).get("internal", True)
    ]


def fiscal_year_bounds(conn: Connection, year: int) -> tuple[date, date]:
    start_md, _days = organisation_settings(conn)
    return fiscal_year_range(year, start_md)


def audit_coverage(
    conn: Connection, fiscal_year: int, *, until: date | None = None
) -> AuditCoverage:
    """Every active department with the year's internal audits that covered it (those ended by
    ``until`` when given: a report taken part-way through the year)."""
    start, end = fiscal_year_bounds(conn, fiscal_year)
    last = min(end, until) if until else end
    types = internal_types(conn)
    marks = ", ".join("?" * len(types)) or "NULL"
    audited: dict[int, list[tuple[int, str, date]]] = {}
    rows = conn.execute(
        "SELECT a.id, a.code, coalesce(a.ended_on, a.started_on) AS day, d.target_id "
        "FROM audit a JOIN audit_departments d ON d.owner_id = a.id "
        f"WHERE a.audit_type IN ({marks}) AND coalesce(a.ended_on, a.started_on) BETWEEN ? AND ? "
        "ORDER BY day, a.code",
        (*types, start.isoformat(), last.isoformat()),
    )
    for audit_id, code, day, department in rows:
        audited.setdefault(department, []).append((audit_id, code, date.fromisoformat(day)))
    planned = {
        row[0]
        for row in conn.execute(
            "SELECT d.target_id FROM audit_plan p JOIN audit_plan_departments d "
            "ON d.owner_id = p.id WHERE p.fiscal_year = ?",
            (fiscal_year,),
        )
    }
    findings: dict[int, int] = {}
    for department, audit_ids in audited.items():
        ids = [one[0] for one in audit_ids]
        findings[department] = conn.execute(
            f"SELECT count(*) FROM finding WHERE department_id = ? AND audit_id IN "
            f"({', '.join('?' * len(ids))})",
            (department, *ids),
        ).fetchone()[0]
    departments = [
        DepartmentCoverage(
            dept_id,
            code,
            name,
            dept_id in planned,
            tuple(audited.get(dept_id, ())),
            findings.get(dept_id, 0),
        )
        for dept_id, code, name in conn.execute(
            "SELECT id, code, name FROM department WHERE active = 1 ORDER BY code"
        )
    ]
    return AuditCoverage(fiscal_year, start, end, departments)


@provider
def audit_coverage_items(conn: Connection, today: date):
    """C-AUDIT on the dashboard: departments not yet audited this fiscal year, in its last months."""
    start_md, _days = organisation_settings(conn)
    year = fiscal_year_of(today, start_md)
    coverage = audit_coverage(conn, year)
    if not coverage.missing or today < coverage.end - timedelta(days=REMINDER_DAYS):
        return
    count = len(coverage.missing)
    names = "、".join(row.name for row in coverage.missing[:5])
    yield DueItem(
        ngettext(
            "Internal audit: {count} department not yet audited this year",
            "Internal audit: {count} departments not yet audited this year",
            count,
        ).format(count=count),
        _(
            "Every department is audited at least once a fiscal year (JIS Q 15001 A.3.7.2): {names}"
        ).format(names=names + ("…" if count > 5 else "")),
        COVERAGE_PAGE,
        None,
        "C-AUDIT",
        coverage.end,
    )
