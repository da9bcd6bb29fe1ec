"""Dashboard providers of the foundation registers: organisation roles, Pマーク renewal, leavers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from app.dashboard import DueItem, provider
from app.dates import add_months, roll_forward, show_date
from app.i18n import _
from app.storage.database import Connection

PMARK_WINDOW_OPENS_MONTHS = 8  # renewal application: from expiry - 8 months ...
PMARK_WINDOW_CLOSES_MONTHS = 4  # ... to expiry - 4 months (domain §4.1 R-PMARK-RENEW)
PMARK_NOTICE_DAYS = 60


def pmark_renewal_window(expiry: date) -> tuple[date, date]:
    opens = add_months(expiry, -PMARK_WINDOW_OPENS_MONTHS)
    closes = roll_forward(add_months(expiry, -PMARK_WINDOW_CLOSES_MONTHS))
    return opens, closes


@provider
def organisation_items(conn: Connection, today: date) -> Iterator[DueItem]:
    row = conn.execute(
        "SELECT privacy_officer_id, audit_officer_id, is_pmark_holder, pmark_expiry "
        "FROM organisation WHERE id = 1"
    ).fetchone()
    if row is None:
        return
    privacy_officer, audit_officer, is_holder, expiry_text = row
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
    opens, closes = pmark_renewal_window(expiry)
    if today > expiry:
        yield DueItem(
            _("Pマーク has expired"),
            _("The PrivacyMark expired on {date}.").format(date=show_date(expiry)),
            "organisation",
            1,
            "R-PMARK-RENEW",
            expiry,
        )
    elif today >= opens - timedelta(days=PMARK_NOTICE_DAYS):
        yield DueItem(
            _("Apply for Pマーク renewal"),
            _("The renewal window runs from {opens} to {closes} (expiry {expiry}).").format(
                opens=show_date(opens),
                closes=show_date(closes),
                expiry=show_date(expiry),
            ),
            "organisation",
            1,
            "R-PMARK-RENEW",
            closes,
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
