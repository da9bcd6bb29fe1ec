"""Child registers: records that belong to one parent record (a risk assessment's items; later an
audit's findings, a contract's clauses). A child register declares ``parent="<link field>"``.

``save_with_children`` writes a parent and the full list of its children in one transaction:
every row validated as its register declares (the parent link filled in), new rows created,
changed rows updated, rows no longer listed deleted, each with its own audit entry. Problems are
reported per row: ``{"risk_items.2.threat": "is required"}`` (rows counted from 1).
Deleting a parent deletes its children with it (``records.delete_record``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.deadlines.bindings import bindings_for
from app.errors import ValidationError
from app.registers.definition import RegisterDef
from app.registers.records import (
    Changes,
    child_registers,
    delete_in_transaction,
    insert_validated,
    row_values,
    update_validated,
    validate,
)
from app.storage.database import Connection, write_transaction

ChildRow = tuple[int | None, Mapping[str, Any]]  # (existing id or None, raw values)


def child_ids(conn: Connection, child: RegisterDef, parent_id: int) -> list[int]:
    column = child.field(child.parent or "").column
    sql = f"SELECT id FROM {child.table} WHERE {column} = ? ORDER BY id"
    return [row[0] for row in conn.execute(sql, (parent_id,))]


def save_with_children(
    conn: Connection,
    defn: RegisterDef,
    record_id: int | None,
    raw: Mapping[str, Any],
    children: Mapping[str, Sequence[ChildRow]],
    *,
    user: str | None = None,
) -> Changes:
    """Create or update the parent and replace its children by ``children`` (by register key)."""
    kinds = {child.key: child for child in child_registers(defn)}
    unknown = set(children) - set(kinds)
    if unknown:
        raise KeyError(f"{defn.key} has no child register {sorted(unknown)}")
    touched = {defn.key, *(("deadlines",) if bindings_for(defn) else ())}
    with write_transaction(conn):
        errors: dict[str, str] = {}
        try:
            values = validate(conn, defn, raw, record_id)
        except ValidationError as exc:
            errors.update(exc.errors)
            values = None
        if values is not None:
            if record_id is None:
                record_id = insert_validated(conn, defn, values, user=user)
            else:
                before = row_values(conn, defn, record_id)
                if before is None:
                    raise KeyError(f"{defn.key} #{record_id} does not exist")
                update_validated(conn, defn, record_id, values, before, user=user)
        for key, rows in children.items():
            child = kinds[key]
            touched.add(key)
            errors.update(_save_rows(conn, child, record_id, rows, user))
        if not errors and children and record_id is not None and defn.conn_derive is not None:
            # values derived from the rows just saved (an evaluation's score and result)
            rederived = validate(conn, defn, {}, record_id)
            before = row_values(conn, defn, record_id) or {}
            update_validated(conn, defn, record_id, rederived, before, user=user)
        if errors:
            raise ValidationError(errors)  # rolls the whole save back
    return Changes(frozenset(touched), record_id)


def _save_rows(
    conn: Connection,
    child: RegisterDef,
    parent_id: int | None,
    rows: Sequence[ChildRow],
    user: str | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    existing = set(child_ids(conn, child, parent_id)) if parent_id is not None else set()
    kept = {row_id for row_id, _raw in rows if row_id is not None}
    strangers = kept - existing
    if strangers:
        raise KeyError(f"{child.key} {sorted(strangers)} do not belong to this record")
    for row_id in sorted(existing - kept):
        delete_in_transaction(conn, child, row_id, user=user)
    for number, (row_id, raw) in enumerate(rows, start=1):
        try:
            values = validate(conn, child, {**raw, child.parent or "": parent_id}, row_id)
        except ValidationError as exc:
            for field_key, message in exc.errors.items():
                errors[f"{child.key}.{number}.{field_key}"] = message
            continue
        if parent_id is None:
            continue  # the parent itself was refused; its errors are reported
        if row_id is None:
            insert_validated(conn, child, values, user=user)
        else:
            before = row_values(conn, child, row_id) or {}
            update_validated(conn, child, row_id, values, before, user=user)
    return errors
