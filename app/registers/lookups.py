"""Read-only look-ups the register pages and forms show beside the records themselves.

``record_meta`` says who created and last changed a record; ``link_choices`` lists the records a
link filter offers (none when the target register is too large to list: it is searched instead).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.registers.definition import RegisterDef
from app.registers.records import record_label
from app.storage.database import Connection

LINK_CHOICES_LIMIT = 300  # a larger register is searched, not listed in a filter


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


def link_choices(
    conn: Connection, target: RegisterDef, *, limit: int = LINK_CHOICES_LIMIT
) -> list[tuple[int, str]] | None:
    """(id, label) of every record of ``target`` by human key, or None if there are more than
    ``limit``."""
    total = conn.execute(f"SELECT count(*) FROM {target.table}").fetchone()[0]
    if total > limit:
        return None
    key, display = target.field(target.human_key), target.field(target.display)
    rows = conn.execute(
        f"SELECT id, {key.column}, {display.column} FROM {target.table} ORDER BY {key.column}"
    )
    return [
        (int(record_id), record_label(target, {target.human_key: value, target.display: name}))
        for record_id, value, name in rows
    ]
