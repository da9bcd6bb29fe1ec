"""From a finding of the review area to a tracked corrective action, in one step.

A "no" answer of an operation check and an action item of a management review each become a
corrective action (``app.areas.assurance.actions.raise_corrective_action``) whose id is kept on
the row, so the loop — action, completion, effectiveness check — is followed in one register and
the row shows where it stands. A row already tracked is left alone: raising twice adds nothing.
"""

from __future__ import annotations

from datetime import date

from app.areas.assurance.actions import raise_corrective_action
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_ACTIONS
from app.catalogues import choices
from app.dates import show_date
from app.errors import MamoriError
from app.i18n import _
from app.registers.records import Changes, update_in_transaction
from app.storage.database import Connection, write_transaction

SOURCE_CHECK, SOURCE_REVIEW = "operation_check", "management_review"


class NothingToRaiseError(MamoriError):
    """The record has no untracked "no" answer or action item."""


def _changed(*registers: str, count: int, record_id: int | None) -> Changes:
    return Changes(frozenset({*registers, "corrective_actions", "deadlines"}), record_id, count)


def _raise_for_rows(conn: Connection, rows: list[tuple], today: date, user: str | None) -> int:
    items = dict(choices(conn, "OPCHECK_ITEM", language="ja", include_inactive=True))
    for row_id, item, note, department_id, department, start, end, checker in rows:
        period = f"{show_date(date.fromisoformat(start), 'ja')}〜{show_date(date.fromisoformat(end), 'ja')}"
        title = items.get(item, item)
        action = raise_corrective_action(
            conn,
            source=SOURCE_CHECK,
            source_label=f"運用の確認 {department} {period}",
            title=f"{title}（{note}）" if note else title,
            owner_id=checker,
            department_id=department_id,
            raised_on=today,
            user=user,
        )
        update_in_transaction(
            conn, OPERATION_CHECK_ITEMS, row_id, {"corrective_action": action}, user=user
        )
    return len(rows)


_NO_ROWS = (
    "SELECT i.id, i.item, i.note, c.department_id, d.name, c.period_start, c.period_end, "
    "coalesce(c.checker_id, d.manager_id) FROM operation_check_item i "
    "JOIN operation_check c ON c.id = i.check_id JOIN department d ON d.id = c.department_id "
    "WHERE i.answer = 'no' AND i.corrective_action_id IS NULL"
)


def raise_for_check(
    conn: Connection, check_id: int, *, today: date | None = None, user: str | None = None
) -> Changes:
    """A corrective action for every untracked "no" of the check; the count in the result."""
    with write_transaction(conn):
        count = raise_for_check_in_transaction(conn, check_id, today=today, user=user)
    return _changed(
        OPERATION_CHECKS.key, OPERATION_CHECK_ITEMS.key, count=count, record_id=check_id
    )


def raise_for_check_in_transaction(
    conn: Connection, check_id: int, *, today: date | None = None, user: str | None = None
) -> int:
    """``raise_for_check`` inside the caller's write transaction; returns the count."""
    rows = conn.execute(f"{_NO_ROWS} AND c.id = ? ORDER BY i.id", (check_id,)).fetchall()
    if not rows:
        raise NothingToRaiseError(
            _('This operation check has no "no" answer without a corrective action.')
        )
    return _raise_for_rows(conn, rows, today or date.today(), user)


def raise_for_answer(
    conn: Connection, item_id: int, *, today: date | None = None, user: str | None = None
) -> Changes:
    """The corrective action of one "no" answer."""
    with write_transaction(conn):
        rows = conn.execute(f"{_NO_ROWS} AND i.id = ?", (item_id,)).fetchall()
        if not rows:
            raise NothingToRaiseError(
                _('Only a "no" answer without a corrective action can raise one.')
            )
        _raise_for_rows(conn, rows, today or date.today(), user)
    return _changed(OPERATION_CHECK_ITEMS.key, count=1, record_id=item_id)


def raise_review_actions(
    conn: Connection, review_id: int, *, today: date | None = None, user: str | None = None
) -> Changes:
    """A corrective action (source: management review) for every untracked action item."""
    with write_transaction(conn):
        count = raise_review_actions_in_transaction(conn, review_id, today=today, user=user)
    return _changed(MANAGEMENT_REVIEWS.key, REVIEW_ACTIONS.key, count=count, record_id=review_id)


def raise_review_actions_in_transaction(
    conn: Connection, review_id: int, *, today: date | None = None, user: str | None = None
) -> int:
    """``raise_review_actions`` inside the caller's write transaction; returns the count."""
    title = conn.execute(
        "SELECT title FROM management_review WHERE id = ?", (review_id,)
    ).fetchone()
    rows = conn.execute(
        "SELECT id, title, owner_id, due_on FROM management_review_action "
        "WHERE review_id = ? AND corrective_action_id IS NULL ORDER BY id",
        (review_id,),
    ).fetchall()
    if title is None or not rows:
        raise NothingToRaiseError(
            _("This management review has no action item without a corrective action.")
        )
    for row_id, item, owner, due in rows:
        action = raise_corrective_action(
            conn,
            source=SOURCE_REVIEW,
            source_label=title[0],
            title=item,
            owner_id=owner,
            due_on=due,
            raised_on=today or date.today(),
            user=user,
        )
        update_in_transaction(
            conn, REVIEW_ACTIONS, row_id, {"corrective_action": action}, user=user
        )
    return len(rows)
