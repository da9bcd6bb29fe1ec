"""Where a catalogue item is used: the registers whose choice fields hold its code."""

from __future__ import annotations

from app.registers.fields import Kind
from app.registers.registry import all_registers
from app.storage.database import Connection, scalar


def item_usage(conn: Connection, item_id: int) -> dict[str, int]:
    """How many records of each register use a catalogue item (register title msgid -> count)."""
    row = conn.execute(
        "SELECT c.code, i.code FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        return {}
    catalogue, code = row
    usage: dict[str, int] = {}
    for defn in all_registers():
        for item in defn.fields:
            if item.catalogue != catalogue:
                continue
            if item.kind is Kind.MULTI_CHOICE:
                sql = (
                    f"SELECT count(*) FROM {defn.table} WHERE EXISTS "
                    f"(SELECT 1 FROM json_each({defn.table}.{item.column}) WHERE value = ?)"
                )
            else:
                sql = f"SELECT count(*) FROM {defn.table} WHERE {item.column} = ?"
            count = int(scalar(conn, sql, (code,)))
            if count:
                usage[defn.title] = usage.get(defn.title, 0) + count
    return usage
