"""Who is behind a coverage bar, and why: the drill-down rows of the Coverage page.

``CoverageReport.people_for`` lists the untrained and the failed; the follow-ups add the people who
need a retake, because a retake is not a completion either. ``coverage_years`` are the fiscal years
the page offers: every year with a programme, and the current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from app.areas.training.coverage import (
    CoverageReport,
    PersonRef,
    ProgrammeCoverage,
    current_fiscal_year,
)
from app.storage.database import Connection

ALL_PROGRAMMES = 0  # "every required programme" where a programme id is expected


class State(IntEnum):
    NOT_TRAINED = 0
    FAILED = 1
    RETAKE = 2


@dataclass(frozen=True)
class FollowUp:
    """One person who has not completed one programme (a drill-down row)."""

    person: PersonRef
    programme: ProgrammeCoverage
    state: State


def follow_ups(
    report: CoverageReport,
    programme_id: int = ALL_PROGRAMMES,
    *,
    department: str | None = None,
    employment: str | None = None,
) -> list[FollowUp]:
    """Everyone in scope who has not completed a programme, with why, for the given bar
    (a department, an employment type, or everyone), by department then staff number."""
    rows = []
    for programme in report.programmes:
        if programme_id != ALL_PROGRAMMES and programme.programme_id != programme_id:
            continue
        for state, people in (
            (State.NOT_TRAINED, programme.not_trained),
            (State.FAILED, programme.failed),
            (State.RETAKE, programme.retake_needed),
        ):
            for person in people:
                if department is not None and person.department != department:
                    continue
                if employment is not None and person.employment_type != employment:
                    continue
                rows.append(FollowUp(person, programme, state))
    return sorted(rows, key=lambda row: (row.person.department, row.person.staff_no, row.state))


def coverage_years(conn: Connection, today: date) -> list[int]:
    """The fiscal years with a training programme, and the current one, latest first."""
    years = {
        int(row[0])
        for row in conn.execute("SELECT DISTINCT fiscal_year FROM training_programme")
        if row[0] is not None
    }
    years.add(current_fiscal_year(conn, today))
    return sorted(years, reverse=True)
