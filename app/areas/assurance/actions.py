"""The use case other areas call to raise a corrective action (是正処置).

An incident, a complaint, an operation check's "no", a management review's decision or an audit
finding each become one record of ``corrective_actions`` through ``raise_corrective_action``: one
audited write. The caller keeps the returned id in its own LINK field to ``corrective_actions``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.registers.records import insert_validated, validate
from app.storage.database import Connection, write_transaction


def raise_corrective_action(
    conn: Connection,
    *,
    source: str,
    source_label: str,
    title: str,
    owner_id: int | None = None,
    due_on: date | str | None = None,
    department_id: int | None = None,
    raised_on: date | str | None = None,
    user: str | None = None,
) -> int:
    """Create an open corrective action and return its id (one write transaction, audited).

    ``source`` is a code of the CA_SOURCE catalogue (audit, operation_check, incident, complaint,
    management_review, external_review, other); ``source_label`` names the record it comes from
    ("事故 INC-2026-004"). A bad value raises ``ValidationError`` naming the field; nothing is
    written. Inside a transaction the caller already holds, the action joins it.
    """
    raw: dict[str, Any] = {
        "source": source,
        "source_label": source_label,
        "title": title,
        "owner": owner_id,
        "due_on": due_on,
        "department": department_id,
        "raised_on": raised_on,
    }
    if conn.in_transaction:
        values = validate(conn, CORRECTIVE_ACTIONS, raw)
        return insert_validated(conn, CORRECTIVE_ACTIONS, values, user=user)
    with write_transaction(conn):
        values = validate(conn, CORRECTIVE_ACTIONS, raw)
        return insert_validated(conn, CORRECTIVE_ACTIONS, values, user=user)
