"""Operation checks: a new check with its checklist, and the figures of a period.

The checklist of a new check is the active items of the OPCHECK_ITEM catalogue (the officer's
data: add, rename or retire items there), one unanswered row each; the department's manager is
the checker unless someone else is named.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.catalogues import choices
from app.errors import MamoriError
from app.i18n import _
from app.registers.children import save_with_children
from app.registers.records import Changes, insert_validated, validate
from app.storage.database import Connection, scalar, write_transaction


def checklist_items(conn: Connection) -> list[str]:
    """Codes of the active check items, in catalogue order."""
    return [code for code, _label in choices(conn, "OPCHECK_ITEM")]


def new_operation_check(
    conn: Connection,
    department_id: int,
    period_start: date,
    period_end: date,
    *,
    checker_id: int | None = None,
    user: str | None = None,
) -> Changes:
    """Create the department's check for the period with one row per check item."""
    if checker_id is None:
        checker_id = scalar(
            conn, "SELECT manager_id FROM department WHERE id = ?", (department_id,)
        )
    rows = [(None, {"item": code}) for code in checklist_items(conn)]
    return save_with_children(
        conn,
        OPERATION_CHECKS,
        None,
        {
            "department": department_id,
            "period_start": period_start,
            "period_end": period_end,
            "checker": checker_id,
            "status": "planned",
        },
        {OPERATION_CHECK_ITEMS.key: rows},
        user=user,
    )


def current_quarter(conn: Connection, today: date) -> tuple[date, date]:
    """The quarter of the organisation's fiscal year that ``today`` falls in."""
    from app.areas.training.coverage import current_fiscal_year, organisation_settings
    from app.dates import add_months, fiscal_year_range

    start_md, _days = organisation_settings(conn)
    first, _last = fiscal_year_range(current_fiscal_year(conn, today), start_md)
    index = 0
    while add_months(first, 3 * (index + 1)) <= today and index < 3:
        index += 1
    return add_months(first, 3 * index), add_months(first, 3 * (index + 1)) - timedelta(days=1)


def departments_without_check(conn: Connection, period_start: date) -> list[int]:
    """Active departments with no check for the period starting on ``period_start``."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT d.id FROM department d WHERE coalesce(d.active, 1) = 1 AND NOT EXISTS "
            "(SELECT 1 FROM operation_check c WHERE c.department_id = d.id "
            "AND c.period_start = ?) ORDER BY d.code",
            (period_start.isoformat(),),
        )
    ]


def new_checks_for_period(
    conn: Connection, period_start: date, period_end: date, *, user: str | None = None
) -> Changes:
    """A check with its checklist for every active department that has none for the period;
    all of them or none (one transaction)."""
    departments = departments_without_check(conn, period_start)
    if not departments:
        raise NoCheckToCreateError(
            _("Every active department already has an operation check for this period.")
        )
    items = checklist_items(conn)
    with write_transaction(conn):
        for department_id in departments:
            checker = scalar(
                conn, "SELECT manager_id FROM department WHERE id = ?", (department_id,)
            )
            check_id = insert_validated(
                conn,
                OPERATION_CHECKS,
                validate(
                    conn,
                    OPERATION_CHECKS,
                    {
                        "department": department_id,
                        "period_start": period_start,
                        "period_end": period_end,
                        "checker": checker,
                        "status": "planned",
                    },
                ),
                user=user,
            )
            for code in items:
                values = validate(conn, OPERATION_CHECK_ITEMS, {"check": check_id, "item": code})
                insert_validated(conn, OPERATION_CHECK_ITEMS, values, user=user)
    return Changes(
        frozenset({OPERATION_CHECKS.key, OPERATION_CHECK_ITEMS.key, "deadlines"}),
        None,
        len(departments),
    )


class NoCheckToCreateError(MamoriError):
    """Every active department already has a check for the period."""


@dataclass
class CheckFigures:
    """Operation checks whose period ends within a date range."""

    checks: int = 0
    done: int = 0  # carried out (a check date)
    confirmed: int = 0
    reported: int = 0  # reported to top management
    departments_checked: int = 0
    departments_active: int = 0
    answers: Counter[str] = field(default_factory=Counter)  # answer code -> count
    no_by_item: Counter[str] = field(default_factory=Counter)  # item code -> "no" answers
    no_by_department: Counter[str] = field(default_factory=Counter)  # department name -> "no"

    @property
    def yes_share(self) -> float | None:
        answered = self.answers["yes"] + self.answers["no"]
        return self.answers["yes"] / answered if answered else None


def check_figures(conn: Connection, start: date, end: date) -> CheckFigures:
    figures = CheckFigures()
    params = (start.isoformat(), end.isoformat())
    row = conn.execute(
        "SELECT count(*), count(checked_on), sum(status = 'confirmed'), count(reported_on), "
        "count(DISTINCT CASE WHEN checked_on IS NOT NULL THEN department_id END) "
        "FROM operation_check WHERE period_end BETWEEN ? AND ?",
        params,
    ).fetchone()
    figures.checks, figures.done = row[0], row[1]
    figures.confirmed, figures.reported, figures.departments_checked = int(row[2] or 0), *row[3:]
    figures.departments_active = conn.execute(
        "SELECT count(*) FROM department WHERE coalesce(active, 1) = 1"
    ).fetchone()[0]
    for answer, item, department in conn.execute(
        "SELECT i.answer, i.item, d.name FROM operation_check_item i "
        "JOIN operation_check c ON c.id = i.check_id JOIN department d ON d.id = c.department_id "
        "WHERE c.period_end BETWEEN ? AND ? AND i.answer IS NOT NULL",
        params,
    ):
        figures.answers[answer] += 1
        if answer == "no":
            figures.no_by_item[item] += 1
            figures.no_by_department[department] += 1
    return figures
