"""Read-only look-ups the record form shows beside the record itself.

``record_meta`` says who created and last changed a record. (The records a link filter lists come
from ``app.registers.query.link_choices``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from app.registers.definition import RegisterDef
from app.storage.database import Connection


@dataclass(frozen=True)
class RecordMeta:
    created_at: str | None  # UTC ISO timestamps, as stored
    created_by: str | None
    updated_at: str | None
    updated_by: str | None


def record_meta(conn: Connection, defn: RegisterDef, record_id: int) -> RecordMeta | None:
    """When and by whom the record was created and last changed; None if it is gone."""
    row = conn.execute(
        f"SELECT created_at, created_by, updated_at, updated_by FROM {defn.table} WHERE id = ?",
        (record_id,),
    ).fetchone()
    return RecordMeta(*row) if row is not None else None


def record_count(conn: Connection, defn: RegisterDef) -> int:
    """How many records a register holds (a filter lists them, or searches them when many)."""
    return int(conn.execute(f"SELECT count(*) FROM {defn.table}").fetchone()[0])
