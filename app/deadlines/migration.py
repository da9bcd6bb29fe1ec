"""The data part of schema step 7, run inside the upgrade transaction, every change audited.

1. Shipped controls whose JIS references are still the wrong shipped ones get the corrected
   reference (physical, technical and foreign-regime controls: A.3.4.3.2 安全管理措置; H07, H09:
   A.3.4.3.3 従業者の監督) and, when empty, the shipped description. Edited values are kept.
2. The 台帳's next review date follows the last review (C-REGISTER: last + 12 months).
3. The new-hire training allowance of 30 days, the old default, becomes 0: training is due
   before handling, i.e. by the hire date (C-TRAINING).
4. Deadline records are created for every record whose register binds a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.storage import audit
from app.storage.database import Connection

if TYPE_CHECKING:
    from app.registers.definition import RegisterDef

OLD_WRONG_JIS = "A.3.3.5"
OLD_NEW_HIRE_DAYS = 30
MIGRATION_USER = "mamori-upgrade"


def audited_update(
    conn: Connection, defn: RegisterDef, record_id: int, changes: dict[str, Any]
) -> bool:
    """Set stored column values of one record and audit the change. Call inside a transaction."""
    from app.registers.records import _now, load_record, record_label, row_values

    present = {row[1] for row in conn.execute(f"PRAGMA table_info({defn.table})")}
    if all(item.column in present for item in defn.table_fields):
        before = row_values(conn, defn, record_id)
        label = None
    else:  # a later step adds columns to this table: record what it holds now
        before, label = _present_values(conn, defn, record_id, present)
    if before is None:
        return False
    after = {**before, **changes}
    if after == before:
        return False
    assignments = ", ".join(f"{column} = ?" for column in changes)
    conn.execute(
        f"UPDATE {defn.table} SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
        (*changes.values(), _now(), MIGRATION_USER, record_id),
    )
    audit.append(
        conn,
        "update",
        register=defn.key,
        record_id=record_id,
        record_label=label or record_label(defn, load_record(conn, defn, record_id), conn),
        before=before,
        after=after,
        user=MIGRATION_USER,
        detail={"migration": 7},
    )
    return True


def _present_values(
    conn: Connection, defn: RegisterDef, record_id: int, present: set[str]
) -> tuple[dict[str, Any] | None, str]:
    columns = [item.column for item in defn.table_fields if item.column in present]
    row = conn.execute(
        f"SELECT {', '.join(columns)} FROM {defn.table} WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        return None, ""
    values = dict(zip(columns, row, strict=True))
    return values, str(values.get(defn.field(defn.human_key).column) or "")


def _fix_controls(conn: Connection) -> None:
    from app.areas.assets.controls import shipped_controls
    from app.areas.assets.registers import CONTROLS

    shipped = {item["code"]: item for item in shipped_controls()}
    rows = conn.execute("SELECT id, code, jis2017_ref, jis2023_ref, description FROM control")
    for record_id, code, jis2017, jis2023, description in rows.fetchall():
        item = shipped.get(code)
        if item is None:
            continue
        changes: dict[str, Any] = {}
        right = item.get("jis2017_ref")
        if jis2017 == OLD_WRONG_JIS and right and right != jis2017:
            changes["jis2017_ref"] = right
        if code in ("H07", "H09") and jis2017 == "A.3.4.5" and right != jis2017:
            changes["jis2017_ref"] = right
        if not description and item.get("description"):
            changes["description"] = item["description"]
        if not jis2023 and item.get("jis2023_ref"):
            changes["jis2023_ref"] = item["jis2023_ref"]
        if changes:
            audited_update(conn, CONTROLS, record_id, changes)


def _asset_reviews(conn: Connection) -> None:
    from app.areas.assets.registers import ASSETS
    from app.deadlines.engine import compute

    rows = conn.execute(
        "SELECT id, last_reviewed, next_review_due FROM asset WHERE last_reviewed IS NOT NULL"
    ).fetchall()
    for record_id, last, current in rows:
        from datetime import date

        wanted = compute("C-REGISTER", date.fromisoformat(last)).calendar_date
        if wanted is not None and wanted.isoformat() != current:
            audited_update(conn, ASSETS, record_id, {"next_review_due": wanted.isoformat()})


def _new_hire_days(conn: Connection) -> None:
    from app.areas.organisation.registers import ORGANISATION

    row = conn.execute("SELECT new_hire_training_days FROM organisation WHERE id = 1").fetchone()
    if row is not None and row[0] == OLD_NEW_HIRE_DAYS:
        audited_update(conn, ORGANISATION, 1, {"new_hire_training_days": 0})


def upgrade_to_v7(conn: Connection, _state: Any = None, _log: Any = None) -> None:
    """The ``transform`` of schema step 7 (after the tables are rebuilt)."""
    from app.deadlines.store import recompute_all

    _fix_controls(conn)
    _asset_reviews(conn)
    _new_hire_days(conn)
    recompute_all(conn, user=MIGRATION_USER)
