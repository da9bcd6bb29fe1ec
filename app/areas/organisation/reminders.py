"""Dashboard providers of the foundation registers: organisation roles, Pマーク expiry, leavers.

The Pマーク renewal window is a deadline record (rule R-PMARK-RENEW, ``app.deadlines``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.dashboard import DueItem, provider
from app.dates import show_date
from app.i18n import _
from app.storage.database import Connection


def _has_staff(conn: Connection) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM person)").fetchone()[0] == 1


@provider
def organisation_items(conn: Connection, today: date) -> Iterator[DueItem]:
    row = conn.execute(
        "SELECT privacy_officer_id, audit_officer_id, is_pmark_holder, pmark_expiry "
        "FROM organisation WHERE id = 1"
    ).fetchone()
    if row is None:
        return
    privacy_officer, audit_officer, is_holder, expiry_text = row
    if (privacy_officer is None or audit_officer is None) and not _has_staff(conn):
        # Both are chosen from the people register: with nobody in it, that comes first.
        yield DueItem(
            _("Register the staff, then appoint the officers"),
            _(
                "The 個人情報保護管理者 and the 監査責任者 are chosen from the people register, "
                "which is still empty. Register the staff first (or import a staff list)."
            ),
            "people",
            None,
            "O01",
        )
        privacy_officer = audit_officer = 0  # said once above
    if privacy_officer is None:
        yield DueItem(
            _("Appoint the privacy officer"),
            _("No 個人情報保護管理者 is named in the organisation settings."),
            "organisation",
            1,
            "O01",
        )
    if audit_officer is None:
        yield DueItem(
            _("Appoint the audit officer"),
            _("No 監査責任者 is named in the organisation settings."),
            "organisation",
            1,
            "O02",
        )
    if not is_holder or not expiry_text:
        return
    expiry = date.fromisoformat(expiry_text)
    if today > expiry:  # the renewal window itself is the R-PMARK-RENEW deadline record
        yield DueItem(
            _("Pマーク has expired"),
            _("The PrivacyMark expired on {date}.").format(date=show_date(expiry)),
            "organisation",
            1,
            "R-PMARK-RENEW",
            expiry,
        )


@provider
def leaver_items(conn: Connection, today: date) -> Iterator[DueItem]:
    rows = conn.execute(
        "SELECT id, staff_no, name, leave_date FROM person WHERE active = 1 AND leave_date IS NOT "
        "NULL AND leave_date < ? ORDER BY leave_date",
        (today.isoformat(),),
    )
    for record_id, staff_no, name, leave_text in rows:
        left = date.fromisoformat(leave_text)
        yield DueItem(
            _("Close the leaver process: {staff_no} {name}").format(staff_no=staff_no, name=name),
            _(
                "Left on {date} but still active: stop accounts, collect equipment, exit pledge."
            ).format(date=show_date(left)),
            "people",
            record_id,
            "H06",
            left,
        )


@provider
def department_items(conn: Connection, today: date) -> Iterator[DueItem]:
    rows = conn.execute(
        "SELECT id, code, name FROM department WHERE active = 1 AND manager_id IS NULL ORDER BY code"
    )
    for record_id, code, name in rows:
        yield DueItem(
            _("Name a manager for {code} {name}").format(code=code, name=name),
            _("Each department needs a manager for its operation checks (運用の確認)."),
            "departments",
            record_id,
            "O09",
        )
