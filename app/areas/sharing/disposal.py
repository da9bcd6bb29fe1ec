"""What a disposal completes, and the list of what is due for disposal.

The due list is the open deadlines of two rules: R-DELETE, the asset register's retention dates
(the 台帳's 保管期限), and RET-PROV-END, the provision and receipt records whose retention has
ended. A disposal record closes
its item inside the same transaction as its save (``RegisterDef.after_save``):

- ``retired``: the asset's data is gone for good — the asset gets its disposal date, which completes
  the deadline and takes the asset out of the reminders and reviews;
- ``batch``: the part of a continuing asset whose retention ended (last year's paper order slips) —
  the asset's open R-DELETE deadline is marked done on the disposal date, and the asset's next
  retention date, when given, opens the next one;
- ``provision_record``: the record past its retention gets its disposal date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.registers.records import load_record, update_in_transaction
from app.registers.registry import get_register
from app.storage.database import Connection

DUE_RULES = {"assets": "R-DELETE", "provision_records": "RET-PROV-END"}
_DUE = " OR ".join("(rule = ? AND subject_register = ?)" for _register in DUE_RULES)
_DUE_PARAMS = tuple(value for register, rule in DUE_RULES.items() for value in (rule, register))


DUE_WITHIN_DAYS = 30  # the due list's horizon: a disposal may come a little before the date


def _open_due(conn: Connection, register: str, record_id: int, done_on: date) -> list[int]:
    """The open deadlines a disposal on ``done_on`` meets: those due by the due list's horizon
    from that day. A later retention date (the next part of a continuing asset) stays open, also
    when the disposal is edited afterwards (to add its certificate)."""
    horizon = (done_on + timedelta(days=DUE_WITHIN_DAYS)).isoformat()
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM deadline WHERE rule = ? AND subject_register = ? AND subject_id = ? "
            "AND status = 'open' AND due_date <= ? ORDER BY trigger_date",
            (DUE_RULES[register], register, record_id, horizon),
        )
    ]


def apply_disposal(conn: Connection, record_id: int, values: Mapping[str, Any], user: str) -> None:
    closes, day = values.get("closes"), values["executed_on"]
    assets = get_register("assets")
    if closes == "retired" and values.get("asset") is not None:
        if load_record(conn, assets, values["asset"])["disposed_on"] is None:
            update_in_transaction(conn, assets, values["asset"], {"disposed_on": day}, user=user)
    elif closes == "batch" and values.get("asset") is not None:
        deadlines = get_register("deadlines")
        for deadline_id in _open_due(conn, "assets", values["asset"], day):
            update_in_transaction(
                conn, deadlines, deadline_id, {"status": "done", "done_at": day}, user=user
            )
        following = values.get("next_retention_until")
        if following and load_record(conn, assets, values["asset"])["retention_until"] != following:
            update_in_transaction(
                conn, assets, values["asset"], {"retention_until": following}, user=user
            )
    elif closes == "provision_record" and values.get("provision_record") is not None:
        records = get_register("provision_records")
        if load_record(conn, records, values["provision_record"])["disposed_on"] is None:
            update_in_transaction(
                conn, records, values["provision_record"], {"disposed_on": day}, user=user
            )


@dataclass(frozen=True)
class DueDisposal:
    register: str  # assets or provision_records
    record_id: int
    label: str
    due: date | None  # the retention date (deadline's due date)
    overdue: bool


def disposal_due(
    conn: Connection, today: date, *, within_days: int = DUE_WITHIN_DAYS
) -> list[DueDisposal]:
    """What is to be disposed of: open deadlines of the due rules by ``today + within_days``, the
    overdue first."""
    horizon = (today + timedelta(days=within_days)).isoformat()
    rows = conn.execute(
        "SELECT subject_register, subject_id, subject_label, due_date FROM deadline "
        f"WHERE ({_DUE}) AND status = 'open' AND due_date IS NOT NULL AND due_date <= ? "
        "ORDER BY due_date, subject_label",
        (*_DUE_PARAMS, horizon),
    )
    items = []
    for register, subject_id, label, due in rows:
        due_date = date.fromisoformat(due)
        items.append(DueDisposal(register, subject_id, label, due_date, due_date < today))
    return items


def disposals_against_due(conn: Connection, start: date, end: date) -> tuple[int, int]:
    """(retention dates of the period that were due, those met by a disposal) — the board's
    "disposals done against due"."""
    row = conn.execute(
        f"SELECT count(*), coalesce(sum(status = 'done'), 0) FROM deadline WHERE ({_DUE}) "
        "AND due_date BETWEEN ? AND ? AND status != 'waived'",
        (*_DUE_PARAMS, start.isoformat(), end.isoformat()),
    ).fetchone()
    return int(row[0]), int(row[1])
