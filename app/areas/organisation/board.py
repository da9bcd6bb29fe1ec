"""Chapter 体制と方針 (governance): who holds the PMS roles, the staff who handle personal data,
departments and their managers, and the PrivacyMark (domain §5.3)."""

from __future__ import annotations

import json
from datetime import date

from app.board.period import Period, display_date, previous_period
from app.board.sections import labels, ordered_codes, percent, section, status_at_least, translator
from app.board.snapshot import Kpi, Section, Table
from app.dates import add_months
from app.i18n import N_
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
    officer, auditor, director, pmark, _pmark_no, pmark_expiry, representative = org
    previous = previous_period(conn, period, language)
    before = staff_count(conn, previous.end)
    handlers = conn.execute(
        f"SELECT count(*) FROM person p WHERE {STAFF_AT} AND coalesce(p.is_handler, 1) = 1",
        {"at": at.isoformat()},
    ).fetchone()[0]
    managed = percent(departments[1], departments[0])
    people_unit = t(N_("people"))

    def appointed(name: str | None, label: str, definition: str) -> Kpi:
        return Kpi(
            label,
            name or t(N_("not appointed")),
            target=t(N_("appointed")),
            status="good" if name else "bad",
            definition=definition,
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
                    "People on the staff register employed on the last day of the period "
                    "(all employment types, member volunteers included)."
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
    role_rows: list[list] = []
    if representative:
        role_rows.append([t(N_("Representative director")), representative, ""])
    for code, name, department in sorted(
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
    ):
        role_rows.append([role_labels.get(code, code), name, department])
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
        [code, name, unit_types.get(kind or "", kind or ""), manager or "", number]
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
        N_("{staff} staff in {departments} departments; privacy officer: {officer}.")
    ).format(staff=staff, departments=departments[0], officer=officer or t(N_("not appointed")))
    if missing:
        summary += " " + t(N_("{count} departments have no manager.")).format(count=len(missing))
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        tables=[
            Table(
                t(N_("PMS roles")),
                [t(N_("Role")), t(N_("Name")), t(N_("Department"))],
                role_rows,
                ["text", "text", "text"],
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
                    t(N_("Manager")),
                    t(N_("Staff")),
                ],
                department_rows,
                ["text", "text", "text", "text", "int"],
            )
        ],
    )
