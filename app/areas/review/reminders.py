"""Dashboard items of the review area that no stored deadline carries.

- R-PUBLIC-NOTICE: a document to re-check because what it describes changed since its review.
- C-LEGAL: a law or guideline amended after its last review (due by the day it takes effect).
- C-OPCHECK: departments that have never carried out an operation check.
(The yearly reviews, the quarterly checks and the annual management review are deadline records
bound in ``area.py``; the deadlines' own provider shows them.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.areas.review.changes import documents_due_after_change, laws_amended_since_review
from app.catalogues import choices
from app.dashboard import DueItem, provider
from app.dates import show_date
from app.i18n import _, ngettext
from app.storage.database import Connection


@provider
def review_items(conn: Connection, today: date) -> Iterator[DueItem]:
    labels = dict(choices(conn, "DOC_CHANGE_TRIGGER", include_inactive=True))
    for due in documents_due_after_change(conn):
        what = "、".join(
            _("{what} ({count} records, last on {date})").format(
                what=labels.get(change.trigger, change.trigger),
                count=change.count,
                date=show_date(change.last),
            )
            for change in due.changes
        )
        yield DueItem(
            _("Review {document}: what it describes has changed").format(document=due.title),
            _("Since its review on {date}: {changes}.").format(
                date=show_date(due.since), changes=what
            ),
            "documents",
            due.document_id,
            "R-PUBLIC-NOTICE",
            due.first_change,
        )
    for law in laws_amended_since_review(conn):
        yield DueItem(
            _("Check the amendment: {name}").format(name=law.name),
            _("Version {version}, in force from {date}: review what it changes.").format(
                version=law.version or "—", date=show_date(law.version_date)
            ),
            "legal_requirements",
            law.legal_id,
            "C-LEGAL",
            law.version_date,
        )
    unchecked = conn.execute(
        "SELECT d.id, d.name FROM department d WHERE coalesce(d.active, 1) = 1 "
        "AND NOT EXISTS (SELECT 1 FROM operation_check c WHERE c.department_id = d.id) "
        "ORDER BY d.code"
    ).fetchall()
    if unchecked and conn.execute("SELECT count(*) FROM operation_check").fetchone()[0]:
        names = "、".join(name for _id, name in unchecked[:3])
        yield DueItem(
            ngettext(
                "{count} department has never had an operation check",
                "{count} departments have never had an operation check",
                len(unchecked),
            ).format(count=len(unchecked)),
            _("First: {names}.").format(names=names),
            "operation_checks",
            None,
            "C-OPCHECK",
        )
