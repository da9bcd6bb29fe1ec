"""Auditor independence (JIS Q 15001 A.3.7.2: 監査員は自らの所属部署を監査しない).

The rule, as one pure function the audit register and the corpus test share: an auditor conflicts
with every audited department they belong to on any day of the audit (first day to last day,
inclusive). Belonging follows the person's department records with their validity (a move ends one
membership and starts another; 兼務 gives several at once); a department left before the audit is
no conflict. A parent department and its units are different departments (the rule compares the
unit only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.i18n import _
from app.storage.database import Connection
from app.text import join_list


@dataclass(frozen=True)
class Membership:
    department: str  # a code, or an id as text: compared with the scope as given
    start: date | None = None  # first day in the department (None: since ever)
    end: date | None = None  # last day in the department, inclusive (None: still there)

    def overlaps(self, first: date, last: date) -> bool:
        return (self.start is None or self.start <= last) and (
            self.end is None or self.end >= first
        )


@dataclass(frozen=True)
class Conflict:
    auditor: str
    department: str


def conflicts(
    first: date,
    last: date | None,
    scope: Iterable[str],
    auditors: Mapping[str, Sequence[Membership]],
) -> list[Conflict]:
    """Every (auditor, department of the scope) pair where the auditor belongs to the department
    on a day of the audit, in the order given."""
    last = last or first
    wanted = list(dict.fromkeys(scope))
    found = []
    for name, memberships in auditors.items():
        for department in wanted:
            if any(m.department == department and m.overlaps(first, last) for m in memberships):
                found.append(Conflict(name, department))
    return found


# --- the audit register's check ------------------------------------------------------------------


def memberships_of(conn: Connection, person_id: int) -> list[Membership]:
    """A person's departments with their validity, by department id (as text).

    When the person has department records (所属履歴・兼務), they are the whole history; otherwise the
    person's department counts from the hire date to the leave date.
    """
    rows = conn.execute(
        "SELECT department_id, start_on, end_on FROM department_assignment WHERE person_id = ?",
        (person_id,),
    ).fetchall()
    if rows:
        return [Membership(str(dept), _day(start), _day(end)) for dept, start, end in rows]
    row = conn.execute(
        "SELECT department_id, hire_date, leave_date FROM person WHERE id = ?", (person_id,)
    ).fetchone()
    if row is None or row[0] is None:
        return []
    return [Membership(str(row[0]), _day(row[1]), _day(row[2]))]


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def audit_days(values: Mapping[str, Any]) -> tuple[date, date]:
    """The audit's first and last day: started (or planned) to ended; today when none is set."""
    first = values.get("started_on") or values.get("planned_on") or date.today()
    last = values.get("ended_on") or first
    return first, max(first, last)


def independence_check(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    """The audit register's check: refuse an auditor who belongs to an audited department, naming
    the auditor and the department."""
    scope = [str(one) for one in values.get("departments") or ()]
    if not scope:
        return {}
    lead = values.get("lead_auditor")
    team = [one for one in values.get("auditors") or () if one != lead]
    people = ([lead] if lead is not None else []) + team
    if not people:
        return {}
    first, last = audit_days(values)
    names = dict(
        conn.execute(
            f"SELECT id, name FROM person WHERE id IN ({', '.join('?' * len(people))})",
            people,
        ).fetchall()
    )
    found = conflicts(first, last, scope, {str(pid): memberships_of(conn, pid) for pid in people})
    if not found:
        return {}
    departments = dict(conn.execute("SELECT id, name FROM department").fetchall())
    errors: dict[str, str] = {}
    for key, ids in (("lead_auditor", [lead]), ("auditors", team)):
        mine = [c for c in found if int(c.auditor) in ids]
        if mine:
            errors[key] = join_list(
                _(
                    "{auditor} belongs to {department} during the audit and may not audit it "
                    "(auditors do not audit their own department)"
                ).format(
                    auditor=names.get(int(c.auditor), "?"),
                    department=departments.get(int(c.department), "?"),
                )
                for c in mine
            )
    return errors
