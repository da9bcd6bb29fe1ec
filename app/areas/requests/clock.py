"""Use cases of a request's answer clock: extend it, stop it, restart it.

Each writes one row of the clock log (``data_request_clock``) through the record layer. Whichever
way a log row changes (these use cases, the request form's table, an import), the hook below
derives its request again in the same transaction, so the due date, the status and the deadline
record always follow the log.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from app.areas.requests.registers import DATA_REQUESTS, REQUEST_CLOCK
from app.areas.requests.sla import EXTENSION, SUSPENSION
from app.errors import MamoriError
from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.records import (
    Changes,
    after_write,
    create_record,
    update_in_transaction,
    update_record,
)
from app.storage.database import Connection


class ClockError(MamoriError):
    """The clock cannot be changed that way (the message says why)."""


def extend(
    conn: Connection,
    request_id: int,
    *,
    days: int,
    reason: str,
    decided_on: date | str,
    note: str | None = None,
    told_on: date | str | None = None,
    user: str | None = None,
) -> Changes:
    """Extend the answer by ``days`` (the due date moves by as many days)."""
    return create_record(
        conn,
        REQUEST_CLOCK,
        {
            "request": request_id,
            "kind": EXTENSION,
            "start_on": decided_on,
            "days": days,
            "reason": reason,
            "reason_note": note,
            "told_on": told_on,
        },
        user=user,
    )


def suspend(
    conn: Connection,
    request_id: int,
    *,
    stopped_on: date | str,
    reason: str,
    note: str | None = None,
    told_on: date | str | None = None,
    user: str | None = None,
) -> Changes:
    """Stop the clock from ``stopped_on`` (e.g. the day identity documents were asked for)."""
    if open_suspension(conn, request_id) is not None:
        raise ClockError(_("The clock of this request is already stopped."))
    return create_record(
        conn,
        REQUEST_CLOCK,
        {
            "request": request_id,
            "kind": SUSPENSION,
            "start_on": stopped_on,
            "reason": reason,
            "reason_note": note,
            "told_on": told_on,
        },
        user=user,
    )


def restart(
    conn: Connection, request_id: int, *, stopped_until: date | str, user: str | None = None
) -> Changes:
    """End a suspension: ``stopped_until`` is its last day (the day the documents arrived, not
    counted); the clock runs again the next day."""
    row_id = open_suspension(conn, request_id)
    if row_id is None:
        raise ClockError(_("The clock of this request is not stopped."))
    return update_record(conn, REQUEST_CLOCK, row_id, {"end_on": stopped_until}, user=user)


def open_suspension(conn: Connection, request_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM data_request_clock WHERE request_id = ? AND kind = ? AND end_on IS NULL "
        "ORDER BY start_on DESC LIMIT 1",
        (request_id, SUSPENSION),
    ).fetchone()
    return row[0] if row else None


def _request_of_clock_row(conn: Connection, row_id: int) -> int | None:
    row = conn.execute(
        "SELECT request_id FROM data_request_clock WHERE id = ?", (row_id,)
    ).fetchone()
    if row is not None:
        return int(row[0])
    # deleted just now: its delete entry in the trail names the request it belonged to
    entry = conn.execute(
        "SELECT before FROM audit_log WHERE register = ? AND record_id = ? AND action = 'delete' "
        "ORDER BY id DESC LIMIT 1",
        (REQUEST_CLOCK.key, row_id),
    ).fetchone()
    before: dict[str, Any] = json.loads(entry[0]) if entry and entry[0] else {}
    return before.get("request_id")


@after_write
def _derive_request_again(
    conn: Connection, defn: RegisterDef, record_id: int, user: str | None
) -> None:
    if defn.key != REQUEST_CLOCK.key:
        return
    request_id = _request_of_clock_row(conn, record_id)
    exists = (
        request_id is not None
        and conn.execute("SELECT 1 FROM data_request WHERE id = ?", (request_id,)).fetchone()
    )
    if exists:
        update_in_transaction(conn, DATA_REQUESTS, int(request_id), {}, user=user)


def overdue_on(conn: Connection, request_id: int, day: date) -> bool:
    """Whether the request was overdue on ``day`` (``app.areas.requests.sla.overdue_on``)."""
    from app.areas.requests.registers import clock_events
    from app.areas.requests.sla import overdue_on as clock_overdue_on

    row = conn.execute(
        "SELECT received_on, sla_days, responded_on FROM data_request WHERE id = ?", (request_id,)
    ).fetchone()
    received, sla_days, responded = row
    return clock_overdue_on(
        day,
        date.fromisoformat(received),
        int(sla_days),
        clock_events(conn, request_id),
        responded=date.fromisoformat(responded) if responded else None,
    )
