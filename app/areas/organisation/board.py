"""Chapter 体制と方針 (governance): who holds the PMS roles, the staff who handle personal data,
departments and their managers, and the PrivacyMark (domain §5.3)."""

from __future__ import annotations

import json
from datetime import date

from app.board.period import Period, display_date, previous_period
from app.board.sections import (
    labels,
    named_annex,
    ordered_codes,
    percent,
    rule_at_least,
    section,
    status_at_least,
    translator,
)
from app.board.snapshot import Kpi, Section, Table
from app.dates import add_months
from app.i18n import N_, ngettext_in
from app.storage.database import Connection

KEY = "organisation"
TARGET_MANAGERS = 100.0
PMARK_RENEW_MONTHS = 8  # the renewal window opens 8 months before expiry (domain §0)
ROLE_ORDER = ("top", "board_director", "privacy_officer", "audit_officer", "committee", "auditor")

# People counted at a day: hired by then, not left before it (an inactive person with no leave
# date was closed without one and is not counted).
STAFF_AT = (
    "(coalesce(p.active, 1) = 1 OR p.leave_date IS NOT NULL) "
    "AND (p.hire_date IS NULL OR p.hire_date <= :at) AND (p.leave_date IS NULL OR p.leave_date >= :at)"
)


def staff_count(conn: Connection, at: date) -> int:
    return conn.execute(
        f"SELECT count(*) FROM person p WHERE {STAFF_AT}", {"at": at.isoformat()}
    ).fetchone()[0]


def _role_holders(conn: Connection, at: date) -> list[tuple[str, str, str]]:
    """(role code, name, department) of the PMS role holders employed at ``at``."""
    return sorted(
        (
            (role, name, department)
            for roles, name, department in conn.execute(
                "SELECT p.pms_roles, p.name, coalesce(d.name, '') FROM person p "
                f"LEFT JOIN department d ON d.id = p.department_id WHERE {STAFF_AT} "
                "AND p.pms_roles IS NOT NULL AND p.pms_roles != '[]' ORDER BY p.staff_no",
                {"at": at.isoformat()},
            )
            for role in json.loads(roles)
            if role in ROLE_ORDER
        ),
        key=lambda row: ROLE_ORDER.index(row[0]),
    )


def _by_department_and_type(conn: Connection, at: date, language: str) -> Table:
    """Staff counted by department (rows) and employment type (columns): counts, no names."""
    t = translator(language)
    employment = labels(conn, "EMPLOYMENT_TYPE", language)
    order = ordered_codes(conn, "EMPLOYMENT_TYPE")
    counts: dict[tuple[str, str], int] = {}
    types: set[str] = set()
    for department, kind, number in conn.execute(
        "SELECT coalesce(d.name, ''), coalesce(p.employment_type, ''), count(*) FROM person p "
        f"LEFT JOIN department d ON d.id = p.department_id WHERE {STAFF_AT} GROUP BY 1, 2",
        {"at": at.isoformat()},
    ):
        counts[(department, kind)] = number
        types.add(kind)
    columns = sorted(types, key=lambda c: (order.index(c) if c in order else 99, c))
    departments = sorted({d for d, _k in counts})
    rows = [
        [
            department or t(N_("(no department)")),
            *[counts.get((department, kind), 0) for kind in columns],
            sum(counts.get((department, kind), 0) for kind in columns),
        ]
        for department in departments
    ]
    return Table(
        t(N_("Staff by department and employment type")),
        [
            t(N_("Department")),
            *[employment.get(c, c) or t(N_("not recorded")) for c in columns],
            t(N_("Total")),
        ],
        rows,
        ["text", *["int"] * (len(columns) + 1)],
    )


@named_annex(KEY)
def named_roles(conn: Connection, period: Period, language: str) -> list[Table]:
    t = translator(language)
    role_labels = labels(conn, "PMS_ROLE", language)
    return [
        Table(
            t(N_("PMS role holders")),
            [t(N_("Role")), t(N_("Name")), t(N_("Department"))],
            [
                [role_labels.get(code, code), name, department]
                for code, name, department in _role_holders(conn, period.at)
            ],
            ["text", "text", "text"],
        )
    ]


@section(10, KEY, N_("Governance and roles"))
def organisation_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Governance and roles"))
    at = period.at
    staff = staff_count(conn, at)
    departments = conn.execute(
        "SELECT count(*), count(manager_id) FROM department WHERE coalesce(active, 1) = 1"
    ).fetchone()
    if staff == 0 and departments[0] == 0:
        return Section(KEY, title, "", empty=t(N_("No departments or staff are recorded yet.")))
    org = (
        conn.execute(
            "SELECT po.name, ao.name, bd.name, o.is_pmark_holder, o.pmark_registration_no, "
            "o.pmark_expiry, o.representative FROM organisation o "
            "LEFT JOIN person po ON po.id = o.privacy_officer_id "
            "LEFT JOIN person ao ON ao.id = o.audit_officer_id "
            "LEFT JOIN person bd ON bd.id = o.board_director_id WHERE o.id = 1"
        ).fetchone()
        or (None,) * 7
    )
    officer, auditor, director, pmark, _pmark_no, pmark_expiry, _representative = org
    previous = previous_period(conn, period, language)
    before = staff_count(conn, previous.end)
    handlers = conn.execute(
        f"SELECT count(*) FROM person p WHERE {STAFF_AT} AND coalesce(p.is_handler, 1) = 1",
        {"at": at.isoformat()},
    ).fetchone()[0]
    managed = percent(departments[1], departments[0])
    people_unit = t(N_("people"))

    def appointed(name: str | None, label: str, definition: str) -> Kpi:
        # The board report names no one by default: whether the role is filled is what counts.
        return Kpi(
            label,
            t(N_("appointed")) if name else t(N_("not appointed")),
            target=t(N_("appointed")),
            status="good" if name else "bad",
            definition=definition,
            rule=t(N_("On target when appointed; off target otherwise.")),
        )

    kpis = [
        appointed(
            officer,
            t(N_("Privacy officer (個人情報保護管理者)")),
            t(N_("The person named as privacy officer in the organisation settings.")),
        ),
        appointed(
            auditor,
            t(N_("Audit officer (個人情報保護監査責任者)")),
            t(N_("The person named as audit officer in the organisation settings.")),
        ),
        appointed(
            director,
            t(N_("Director responsible for information")),
            t(N_("The director the board appointed as responsible for the programme.")),
        ),
        Kpi(
            t(N_("Staff")),
            staff,
            people_unit,
            definition=t(
                N_(
                    "People on the staff register employed on the day the figures are taken at "
                    "(the period's last day, or today within the period), all employment types, "
                    "member volunteers included. The training chapter counts everyone employed at "
                    "some time during the fiscal year, so its figure can be higher."
                )
            ),
            previous=before or None,
        ),
        Kpi(
            t(N_("Staff handling personal data")),
            handlers,
            people_unit,
            definition=t(N_("Staff of the count above marked as handling personal data.")),
        ),
        Kpi(
            t(N_("Departments with a manager")),
            managed,
            "%",
            target=f"{TARGET_MANAGERS:.0f}%",
            status=status_at_least(managed, TARGET_MANAGERS, 90),
            rule=rule_at_least(language, TARGET_MANAGERS, 90),
            definition=t(
                N_(
                    "Active departments with a manager for the operation checks (運用の確認), "
                    "as a share of all active departments."
                )
            ),
        ),
    ]
    if pmark:
        expiry = date.fromisoformat(pmark_expiry) if pmark_expiry else None
        renew = expiry is not None and add_months(expiry, -PMARK_RENEW_MONTHS) <= at
        kpis.append(
            Kpi(
                t(N_("PrivacyMark (Pマーク) valid until")),
                display_date(expiry, language) if expiry else t(N_("not recorded")),
                target=t(N_("renewal applied for in time")),
                status="none" if expiry is None else ("watch" if renew else "good"),
                definition=t(
                    N_(
                        "Expiry of the PrivacyMark registration; the renewal window opens "
                        "8 months before it."
                    )
                ),
            )
        )
    role_labels = labels(conn, "PMS_ROLE", language)
    holders = _role_holders(conn, at)
    role_counts: dict[str, int] = {}
    for code, _name, _department in holders:
        role_counts[code] = role_counts.get(code, 0) + 1
    role_rows: list[list] = [
        [role_labels.get(code, code), role_counts.get(code, 0)] for code in ROLE_ORDER
    ]
    employment = labels(conn, "EMPLOYMENT_TYPE", language)
    counts = dict(
        conn.execute(
            f"SELECT p.employment_type, count(*) FROM person p WHERE {STAFF_AT} GROUP BY 1",
            {"at": at.isoformat()},
        ).fetchall()
    )
    order = ordered_codes(conn, "EMPLOYMENT_TYPE")
    by_type = [
        [employment.get(code, code), counts[code]]
        for code in sorted(counts, key=lambda c: order.index(c) if c in order else 99)
    ]
    unit_types = labels(conn, "ORGUNIT_TYPE", language)
    department_rows = [
        [code, name, unit_types.get(kind or "", kind or ""), bool(manager), number]
        for code, name, kind, manager, number in conn.execute(
            "SELECT d.code, d.name, d.unit_type, m.name, (SELECT count(*) FROM person p "
            f"WHERE p.department_id = d.id AND {STAFF_AT}) FROM department d "
            "LEFT JOIN person m ON m.id = d.manager_id WHERE coalesce(d.active, 1) = 1 "
            "ORDER BY d.code",
            {"at": at.isoformat()},
        )
    ]
    missing = [row[1] for row in department_rows if not row[3]]
    summary = t(
        N_("{staff} staff in {departments} departments; privacy officer {officer}.")
    ).format(
        staff=staff,
        departments=departments[0],
        officer=t(N_("appointed")) if officer else t(N_("not appointed")),
    )
    if missing:
        summary += " " + ngettext_in(
            language,
            "{count} department has no manager.",
            "{count} departments have no manager.",
            len(missing),
        ).format(count=len(missing))
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        tables=[
            Table(
                t(N_("PMS roles")),
                [t(N_("Role")), t(N_("People"))],
                role_rows,
                ["text", "int"],
                note=t(N_("Holders are named only in the named annex, when it is asked for.")),
            ),
            Table(
                t(N_("Staff by employment type")),
                [t(N_("Employment type")), t(N_("Staff"))],
                by_type,
                ["text", "int"],
            ),
        ],
        appendix=[
            Table(
                t(N_("Departments")),
                [
                    t(N_("Code")),
                    t(N_("Department")),
                    t(N_("Type")),
                    t(N_("Manager appointed")),
                    t(N_("Staff")),
                ],
                department_rows,
                ["text", "text", "text", "text", "int"],
            ),
            _by_department_and_type(conn, at, language),
        ],
    )
