"""Use cases that change register data. The UI and the CLI change records only through these.

Every change validates the whole record, writes it in one transaction and appends its audit entry in
that same transaction. Each returns ``Changes`` so the caller knows which registers to refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.dates import format_date
from app.errors import RecordInUseError, ValidationError
from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, FieldError, Kind
from app.registers.registry import all_registers, get_register
from app.storage import audit
from app.storage.database import Connection, write_transaction
from app.text import join_list

META_COLUMNS = ("created_at", "created_by", "updated_at", "updated_by")


@dataclass(frozen=True)
class Changes:
    registers: frozenset[str]
    record_id: int | None = None
    count: int = 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def business_columns(defn: RegisterDef) -> tuple[str, ...]:
    return tuple(item.column for item in defn.fields)


def row_values(conn: Connection, defn: RegisterDef, record_id: int) -> dict[str, Any] | None:
    """The stored values of one record, keyed by column (as the audit trail records them)."""
    columns = business_columns(defn)
    row = conn.execute(
        f"SELECT {', '.join(columns)} FROM {defn.table} WHERE id = ?", (record_id,)
    ).fetchone()
    return None if row is None else dict(zip(columns, row, strict=True))


def load_record(conn: Connection, defn: RegisterDef, record_id: int) -> dict[str, Any]:
    """One record as Python values keyed by field key (links as ids)."""
    stored = row_values(conn, defn, record_id)
    if stored is None:
        raise KeyError(f"{defn.key} #{record_id} does not exist")
    return {item.key: item.from_db(stored[item.column]) for item in defn.fields}


def defaults(defn: RegisterDef) -> dict[str, Any]:
    return {item.key: item.default for item in defn.fields}


def record_label(
    defn: RegisterDef, values: Mapping[str, Any], conn: Connection | None = None
) -> str:
    """How a record is named in messages and the audit trail: "00123 山田 花子", "HQ 本部".

    A register named by a link (attendance, pledges: by the person) gives the linked record's
    label, then its own date or session, when ``conn`` is given.
    """
    key_field = defn.field(defn.human_key)
    if key_field.kind is Kind.LINK and conn is not None:
        return _linked_label(conn, defn, values)
    key = values.get(defn.human_key)
    display = values.get(defn.display)
    if defn.human_key == defn.display or display is None:
        return str(key or "")
    return f"{key} {display}"


def _linked_label(conn: Connection, defn: RegisterDef, values: Mapping[str, Any]) -> str:
    parts = []
    first = defn.field(defn.human_key)
    for item in (first, *(other for other in defn.fields if other is not first)):
        value = values.get(item.key)
        if value is None or item.kind not in (Kind.LINK, Kind.DATE):
            continue
        if item.kind is Kind.DATE:
            # The screen's date form (2026/03/21) in either language: the label is stored as it is.
            parts.append(format_date(value, "slash") if isinstance(value, date) else str(value))
            continue
        target = get_register(item.link or "")
        try:
            parts.append(record_label(target, load_record(conn, target, value), conn))
        except KeyError:
            parts.append(f"#{value}")
        if len(parts) == 2:
            break
    return " / ".join(parts)


def _catalogue_codes(conn: Connection, catalogue: str) -> dict[str, bool]:
    rows = conn.execute(
        "SELECT i.code, i.active FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ?",
        (catalogue,),
    )
    return {code: bool(active) for code, active in rows}


def _exists(conn: Connection, table: str, record_id: int) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None


def required_message(item: Field) -> str:
    """The message for an empty required field: 氏名は必須です."""
    return _("{field} is required").format(field=_(item.label))


def validate(
    conn: Connection,
    defn: RegisterDef,
    raw: Mapping[str, Any],
    record_id: int | None = None,
) -> dict[str, Any]:
    """Clean values for every field of the record, or ``ValidationError`` naming each bad field.

    ``raw`` may hold only some fields: the rest come from the stored record (update) or defaults.
    """
    base = load_record(conn, defn, record_id) if record_id is not None else defaults(defn)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for item in defn.fields:
        if item.key not in raw:
            values[item.key] = base[item.key]
            continue
        try:
            values[item.key] = item.parse(raw[item.key])
        except FieldError as exc:
            errors[item.key] = str(exc)
            continue
        if item.immutable and record_id is not None and values[item.key] != base[item.key]:
            errors[item.key] = _("{field} cannot be changed once the record exists").format(
                field=_(item.label)
            )
    if defn.derive is not None and not errors:
        values.update(defn.derive(values))
    for item in defn.fields:
        if item.key in errors:
            continue
        value = values[item.key]
        if value is None:
            if item.required:
                errors[item.key] = required_message(item)
            continue
        if item.kind in (Kind.CHOICE, Kind.MULTI_CHOICE):
            known = _catalogue_codes(conn, item.catalogue or "")
            previous = base.get(item.key)
            kept = set(previous if isinstance(previous, list) else [previous])
            for code in value if item.kind is Kind.MULTI_CHOICE else [value]:
                if code not in known:
                    errors[item.key] = _("'{code}' is not one of the choices for {field}").format(
                        code=code, field=_(item.label)
                    )
                elif not known[code] and code not in kept:
                    errors[item.key] = _("'{code}' is no longer in use for {field}").format(
                        code=code, field=_(item.label)
                    )
        elif item.kind is Kind.LINK:
            target = get_register(item.link or "")
            if not _exists(conn, target.table, value):
                errors[item.key] = _("{field} refers to a record that does not exist").format(
                    field=_(item.label)
                )
        if item.unique and item.key not in errors:
            clash = conn.execute(
                f"SELECT id FROM {defn.table} WHERE {item.column} = ? AND id IS NOT ?",
                (item.to_db(value), record_id),
            ).fetchone()
            if clash:
                errors[item.key] = _("{field} '{value}' is already used by another record").format(
                    field=_(item.label), value=value
                )
    for group in defn.unique_together:
        if any(key in errors for key in group):
            continue
        where = " AND ".join(f"{defn.field(key).column} IS ?" for key in group)
        params = tuple(defn.field(key).to_db(values[key]) for key in group)
        clash = conn.execute(
            f"SELECT id FROM {defn.table} WHERE {where} AND id IS NOT ?", (*params, record_id)
        ).fetchone()
        if clash:
            errors[group[-1]] = _("Another record already has the same {fields}").format(
                fields=join_list(_(defn.field(key).label) for key in group)
            )
    if not errors:
        for check in defn.checks:
            errors.update(check({**values, "id": record_id}))
    if not errors:
        for conn_check in defn.conn_checks:
            errors.update(conn_check(conn, {**values, "id": record_id}))
    if errors:
        raise ValidationError(errors)
    return values


def _stored(defn: RegisterDef, values: Mapping[str, Any]) -> dict[str, Any]:
    return {item.column: item.to_db(values[item.key]) for item in defn.fields}


def insert_validated(
    conn: Connection,
    defn: RegisterDef,
    values: Mapping[str, Any],
    *,
    user: str | None = None,
    label: str | None = None,
) -> int:
    """Insert clean values and audit them. Call inside ``write_transaction``.

    ``label`` names the record in the audit trail when the caller knows it already (a bulk import),
    saving the look-ups ``record_label`` would make.
    """
    stored = _stored(defn, values)
    actor = user or audit.os_user()
    now = _now()
    columns = (*stored.keys(), *META_COLUMNS)
    params = (*stored.values(), now, actor, now, actor)
    if defn.singleton:
        columns = ("id", *columns)
        params = (1, *params)
    cursor = conn.execute(
        f"INSERT INTO {defn.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        params,
    )
    record_id = int(cursor.lastrowid or 1)
    audit.append(
        conn,
        "insert",
        register=defn.key,
        record_id=record_id,
        record_label=label if label is not None else record_label(defn, values, conn),
        after=stored,
        user=actor,
    )
    return record_id


def create_record(
    conn: Connection, defn: RegisterDef, raw: Mapping[str, Any], *, user: str | None = None
) -> Changes:
    with write_transaction(conn):
        values = validate(conn, defn, raw)
        record_id = insert_validated(conn, defn, values, user=user)
    return Changes(frozenset({defn.key}), record_id)


def insert_many(
    conn: Connection,
    defn: RegisterDef,
    rows: Iterable[Mapping[str, Any]],
    *,
    user: str | None = None,
) -> list[int]:
    """Validate and insert several records. Call inside ``write_transaction`` (all or nothing)."""
    return [insert_validated(conn, defn, validate(conn, defn, raw), user=user) for raw in rows]


def update_record(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    raw: Mapping[str, Any],
    *,
    user: str | None = None,
) -> Changes:
    with write_transaction(conn):
        before = row_values(conn, defn, record_id)
        if before is None:
            raise KeyError(f"{defn.key} #{record_id} does not exist")
        values = validate(conn, defn, raw, record_id)
        after = _stored(defn, values)
        if after == before:
            return Changes(frozenset(), record_id, 0)
        actor = user or audit.os_user()
        assignments = ", ".join(f"{column} = ?" for column in after)
        conn.execute(
            f"UPDATE {defn.table} SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
            (*after.values(), _now(), actor, record_id),
        )
        audit.append(
            conn,
            "update",
            register=defn.key,
            record_id=record_id,
            record_label=record_label(defn, values, conn),
            before=before,
            after=after,
            user=actor,
        )
    return Changes(frozenset({defn.key}), record_id)


def references_to(conn: Connection, defn: RegisterDef, record_id: int) -> dict[str, int]:
    """How many records of each register link to this one (register title msgid -> count)."""
    usage: dict[str, int] = {}
    for other in all_registers():
        for item in other.link_fields:
            if item.link != defn.key:
                continue
            count = conn.execute(
                f"SELECT count(*) FROM {other.table} WHERE {item.column} = ?", (record_id,)
            ).fetchone()[0]
            if count:
                usage[other.title] = usage.get(other.title, 0) + count
    return usage


def delete_record(
    conn: Connection, defn: RegisterDef, record_id: int, *, user: str | None = None
) -> Changes:
    if not defn.deletable:
        raise RecordInUseError(_("Records of this register cannot be deleted."))
    with write_transaction(conn):
        before = row_values(conn, defn, record_id)
        if before is None:
            raise KeyError(f"{defn.key} #{record_id} does not exist")
        usage = references_to(conn, defn, record_id)
        if usage:
            where = ", ".join(f"{_(title)} ({count})" for title, count in usage.items())
            raise RecordInUseError(
                _("This record cannot be deleted: other records refer to it: {where}.").format(
                    where=where
                )
            )
        if defn.delete_guard is not None:
            reason = defn.delete_guard(conn, record_id)
            if reason:
                raise RecordInUseError(reason)
        label = record_label(defn, load_record(conn, defn, record_id), conn)
        conn.execute(f"DELETE FROM {defn.table} WHERE id = ?", (record_id,))
        audit.append(
            conn,
            "delete",
            register=defn.key,
            record_id=record_id,
            record_label=label,
            before=before,
            user=user,
        )
    return Changes(frozenset({defn.key}), record_id)


def find_by_human_key(conn: Connection, defn: RegisterDef, text: str) -> int | None:
    """The id of the record whose human key (or, failing that, unique display) is ``text``."""
    key_field = defn.field(defn.human_key)
    try:
        key_value = key_field.parse(text)
    except FieldError:
        key_value = None
    if key_value is not None:
        row = conn.execute(
            f"SELECT id FROM {defn.table} WHERE {key_field.column} = ?", (key_value,)
        ).fetchall()
        if len(row) == 1:
            return int(row[0][0])
    display = defn.field(defn.display)
    rows = conn.execute(
        f"SELECT id FROM {defn.table} WHERE {display.column} = ?", (str(text).strip(),)
    ).fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None
