"""Use cases that change register data. The UI and the CLI change records only through these.

Every change validates the whole record, writes it in one transaction and appends its audit entry in
that same transaction. Each returns ``Changes`` so the caller knows which registers to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.dates import format_date
from app.deadlines.bindings import bindings_for
from app.errors import RecordInUseError, StaleRecordError, ValidationError
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
    """The names the audit trail records a record by: its columns, then its multi-link fields."""
    return tuple(item.column for item in defn.fields)


def table_columns(defn: RegisterDef) -> tuple[str, ...]:
    return tuple(item.column for item in defn.table_fields)


def linked_ids(
    conn: Connection, defn: RegisterDef, item: Field, record_id: int
) -> list[int] | None:
    """The ids a multi-link field holds for one record, in their order (None when there are none)."""
    rows = conn.execute(
        f"SELECT target_id FROM {item.link_table(defn.table)} WHERE owner_id = ? ORDER BY position",
        (record_id,),
    ).fetchall()
    return [row[0] for row in rows] or None


def links_by_owner(conn: Connection, defn: RegisterDef) -> dict[str, dict[int, list[int]]]:
    """Every multi-link value of a register at once: {column: {record id: [ids in order]}}."""
    found: dict[str, dict[int, list[int]]] = {}
    for item in defn.multi_link_fields:
        owners: dict[int, list[int]] = found.setdefault(item.column, {})
        sql = f"SELECT owner_id, target_id FROM {item.link_table(defn.table)} ORDER BY 1, position"
        for owner, target in conn.execute(sql):
            owners.setdefault(owner, []).append(target)
    return found


def row_values(conn: Connection, defn: RegisterDef, record_id: int) -> dict[str, Any] | None:
    """The stored values of one record, keyed by column (as the audit trail records them)."""
    columns = table_columns(defn)
    row = conn.execute(
        f"SELECT {', '.join(columns)} FROM {defn.table} WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        return None
    values = dict(zip(columns, row, strict=True))
    for item in defn.multi_link_fields:
        values[item.column] = linked_ids(conn, defn, item, record_id)
    return values


def _write_links(
    conn: Connection, defn: RegisterDef, record_id: int, stored: Mapping[str, Any]
) -> None:
    for item in defn.multi_link_fields:
        table = item.link_table(defn.table)
        conn.execute(f"DELETE FROM {table} WHERE owner_id = ?", (record_id,))
        conn.executemany(
            f"INSERT INTO {table} (owner_id, target_id, position) VALUES (?, ?, ?)",
            [
                (record_id, target, position)
                for position, target in enumerate(stored[item.column] or [])
            ],
        )


def human_keys(conn: Connection, item: Field, ids: list[int] | None) -> list[str]:
    """The human keys (codes) of the records a multi-link value names, in its order."""
    target = get_register(item.link or "")
    keys = []
    for record_id in ids or []:
        values = row_values(conn, target, record_id)
        keys.append(
            str(values[target.field(target.human_key).column]) if values else f"#{record_id}"
        )
    return keys


def resolve_links(
    conn: Connection, item: Field, values: list[int | str]
) -> tuple[list[int], list[str]]:
    """Ids for a multi-link value given as ids or human keys; and the keys that name no record."""
    target = get_register(item.link or "")
    ids: list[int] = []
    unknown: list[str] = []
    for value in values:
        found = value if isinstance(value, int) else find_by_human_key(conn, target, value)
        if found is None:
            unknown.append(str(value))
        elif found not in ids:
            ids.append(found)
    return ids, unknown


CHANGE_ACTIONS = ("insert", "update")


def record_version(conn: Connection, defn: RegisterDef, record_id: int) -> str | None:
    """A token that changes whenever the record is saved; None when the record does not exist.

    A form keeps the token it was opened with and hands it to ``update_record``, which refuses the
    save if the record was saved in between. The token joins the record's last change in the
    audit trail (unique, ever increasing) with its ``updated_at``, so a change written in the same
    second as the one before still counts.
    """
    row = conn.execute(f"SELECT updated_at FROM {defn.table} WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return None
    last_change = conn.execute(
        "SELECT max(id) FROM audit_log WHERE register = ? AND record_id = ? AND action IN (?, ?)",
        (defn.key, record_id, *CHANGE_ACTIONS),
    ).fetchone()[0]
    return f"{last_change or 0}@{row[0] or ''}"


def _refuse_stale(conn: Connection, defn: RegisterDef, record_id: int, version: str) -> None:
    if record_version(conn, defn, record_id) == version:
        return
    row = conn.execute(
        f"SELECT updated_at, updated_by FROM {defn.table} WHERE id = ?", (record_id,)
    ).fetchone()
    when = ""
    if row and row[0]:
        try:
            when = datetime.fromisoformat(row[0]).astimezone().strftime("%Y/%m/%d %H:%M")
        except ValueError:
            when = str(row[0])
    raise StaleRecordError(
        _(
            "This record has been changed since you opened it ({when}, by {user}). "
            "Reload it to see the change, then make your edit again."
        ).format(when=when, user=(row[1] if row else None) or "?")
    )


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


def _unknown_link(item: Field, typed: Any) -> str | None:
    """A typed name that is no record of the linked register: say to register it there first."""
    if item.kind is not Kind.LINK or not isinstance(typed, str):
        return None
    target = get_register(item.link or "")
    return _(
        "“{value}” is not registered in {register}. Register it there first, then choose it here."
    ).format(value=typed.strip(), register=_(target.title))


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
            errors[item.key] = _unknown_link(item, raw[item.key]) or str(exc)
            continue
        if item.kind is Kind.LINKS and values[item.key] is not None:
            ids, unknown = resolve_links(conn, item, values[item.key])
            if unknown:
                errors[item.key] = _("{field}: {codes} not found in {register}").format(
                    field=_(item.label),
                    codes=join_list(unknown),
                    register=_(get_register(item.link or "").title),
                )
                continue
            values[item.key] = ids or None
        if item.immutable and record_id is not None and values[item.key] != base[item.key]:
            errors[item.key] = _("{field} cannot be changed once the record exists").format(
                field=_(item.label)
            )
    if defn.derive is not None and not errors:
        values.update(defn.derive(values))
    if defn.conn_derive is not None and not errors:
        # the id lets a parent derive from its stored child rows (an evaluation's score)
        values.update(defn.conn_derive(conn, {**values, "id": record_id}))
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
        elif item.kind is Kind.LINKS:
            target = get_register(item.link or "")
            if not all(_exists(conn, target.table, one) for one in value):
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
    in_table = {column: stored[column] for column in table_columns(defn)}
    actor = user or audit.os_user()
    now = _now()
    columns = (*in_table.keys(), *META_COLUMNS)
    params = (*in_table.values(), now, actor, now, actor)
    if defn.singleton:
        columns = ("id", *columns)
        params = (1, *params)
    cursor = conn.execute(
        f"INSERT INTO {defn.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        params,
    )
    record_id = int(cursor.lastrowid or 1)
    if defn.multi_link_fields:
        _write_links(conn, defn, record_id, stored)
    audit.append(
        conn,
        "insert",
        register=defn.key,
        record_id=record_id,
        record_label=label if label is not None else record_label(defn, values, conn),
        after=stored,
        user=actor,
    )
    _sync_deadlines(conn, defn, record_id, actor)
    if defn.after_save is not None:
        defn.after_save(conn, record_id, values, actor)
    return record_id


AfterWrite = Callable[[Connection, RegisterDef, int, "str | None"], None]
_AFTER_WRITE: list[AfterWrite] = []


def after_write(hook: AfterWrite) -> AfterWrite:
    """Run ``hook(conn, defn, record_id, user)`` after each insert, update or delete of a record,
    inside the same transaction (``app.deadlines.store``; a request's clock log re-deriving its
    request). A hook returns at once for registers it does not care about."""
    if hook not in _AFTER_WRITE:
        _AFTER_WRITE.append(hook)
    return hook


def _sync_deadlines(conn: Connection, defn: RegisterDef, record_id: int, user: str | None) -> None:
    """Keep the record's deadline records (and what else hooks derive) in step, in the same
    transaction (rules by id)."""
    bindings_for(defn)  # loads the areas, and with them the hooks they register
    for hook in _AFTER_WRITE:
        hook(conn, defn, record_id, user)


def _changed_registers(defn: RegisterDef, *others: str) -> frozenset[str]:
    registers = {defn.key, *others, *defn.touches}
    if bindings_for(defn) or defn.touches:
        registers.add("deadlines")
    return frozenset(registers)


def insert_many_validated(
    conn: Connection,
    defn: RegisterDef,
    records: Sequence[tuple[Mapping[str, Any], str]],
    *,
    user: str | None = None,
) -> list[int]:
    """Insert many clean records with their audit entries in two prepared statements.

    ``records`` are (clean values, audit label) pairs. The same rows and entries as calling
    ``insert_validated`` for each, written with ``executemany``: a 20,000-row roster is one
    statement for the rows and one for the trail. Call inside ``write_transaction``.
    """
    if not records:
        return []
    if defn.multi_link_fields or defn.singleton or defn.after_save:  # one by one
        return [
            insert_validated(conn, defn, values, user=user, label=label)
            for values, label in records
        ]
    actor = user or audit.os_user()
    now = _now()
    # Kinds stored as they are need no conversion call: most of a roster's columns.
    plain = (Kind.TEXT, Kind.LONG_TEXT, Kind.CODE, Kind.INTEGER, Kind.CHOICE, Kind.LINK)
    kept = [(item.key, item.column) for item in defn.fields if item.kind in plain]
    converted = [
        (item.key, item.column, item.to_db) for item in defn.fields if item.kind not in plain
    ]
    in_table = table_columns(defn)
    columns = ("id", *in_table, *META_COLUMNS)
    first = int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {defn.table}").fetchone()[0])
    ids = list(range(first, first + len(records)))
    params = []
    entries = []
    for record_id, (values, label) in zip(ids, records, strict=True):
        stored = {column: values[key] for key, column in kept}
        for key, column, to_db in converted:
            stored[column] = to_db(values[key])
        params.append((record_id, *(stored[column] for column in in_table), now, actor, now, actor))
        entries.append(
            audit.NewEntry(
                "insert", register=defn.key, record_id=record_id, record_label=label, after=stored
            )
        )
    conn.executemany(
        f"INSERT INTO {defn.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        params,
    )
    audit.append_many(conn, entries, user=actor)
    for record_id in ids if bindings_for(defn) else ():
        _sync_deadlines(conn, defn, record_id, actor)
    return ids


def create_record(
    conn: Connection, defn: RegisterDef, raw: Mapping[str, Any], *, user: str | None = None
) -> Changes:
    with write_transaction(conn):
        values = validate(conn, defn, raw)
        record_id = insert_validated(conn, defn, values, user=user)
    return Changes(_changed_registers(defn), record_id)


def insert_many(
    conn: Connection,
    defn: RegisterDef,
    rows: Iterable[Mapping[str, Any]],
    *,
    user: str | None = None,
) -> list[int]:
    """Validate and insert several records. Call inside ``write_transaction`` (all or nothing)."""
    return [insert_validated(conn, defn, validate(conn, defn, raw), user=user) for raw in rows]


def update_validated(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    values: Mapping[str, Any],
    before: Mapping[str, Any],
    *,
    user: str | None = None,
) -> bool:
    """Write clean values over the stored ``before`` and audit the change. Call inside
    ``write_transaction``. Returns False (and writes nothing) when nothing changed."""
    after = _stored(defn, values)
    if after == dict(before):
        return False
    actor = user or audit.os_user()
    in_table = {column: after[column] for column in table_columns(defn)}
    assignments = ", ".join(f"{column} = ?" for column in in_table)
    conn.execute(
        f"UPDATE {defn.table} SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
        (*in_table.values(), _now(), actor, record_id),
    )
    if defn.multi_link_fields:
        _write_links(conn, defn, record_id, after)
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
    _sync_deadlines(conn, defn, record_id, actor)
    if defn.after_save is not None:
        defn.after_save(conn, record_id, values, actor)
    return True


def update_in_transaction(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    raw: Mapping[str, Any],
    *,
    user: str | None = None,
    version: str | None = None,
) -> bool:
    """Validate and write a change of one record. Call inside ``write_transaction``.

    ``version`` is the ``record_version`` the form was opened with: if the record was saved since,
    ``StaleRecordError`` says so and nothing is written (a stale form never overwrites a newer save).
    """
    before = row_values(conn, defn, record_id)
    if before is None and version is not None:
        raise StaleRecordError(
            _("This record has been deleted since you opened it, so it cannot be saved."),
            deleted=True,
        )
    if before is None:
        raise KeyError(f"{defn.key} #{record_id} does not exist")
    if version is not None:
        _refuse_stale(conn, defn, record_id, version)
    values = validate(conn, defn, raw, record_id)
    return update_validated(conn, defn, record_id, values, before, user=user)


def update_record(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    raw: Mapping[str, Any],
    *,
    user: str | None = None,
    version: str | None = None,
) -> Changes:
    """Save changed fields of one record (``version``: see ``update_in_transaction``)."""
    with write_transaction(conn):
        changed = update_in_transaction(conn, defn, record_id, raw, user=user, version=version)
    if not changed:
        return Changes(frozenset(), record_id, 0)
    return Changes(_changed_registers(defn), record_id)


def references_to(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    *,
    skip: Collection[tuple[str, str | None]] = (),
) -> dict[str, int]:
    """How many records of each register link to this one (register title msgid -> count);
    ``skip`` names (register, field) links not to count (children deleted with their parent)."""
    usage: dict[str, int] = {}
    for other in all_registers():
        for item in (*other.link_fields, *other.multi_link_fields):
            if item.link != defn.key or (other.key, item.key) in skip:
                continue
            if item.kind is Kind.LINKS:
                sql = f"SELECT count(*) FROM {item.link_table(other.table)} WHERE target_id = ?"
            else:
                sql = f"SELECT count(*) FROM {other.table} WHERE {item.column} = ?"
            count = conn.execute(sql, (record_id,)).fetchone()[0]
            if count:
                usage[other.title] = usage.get(other.title, 0) + count
    return usage


def child_registers(defn: RegisterDef) -> list[RegisterDef]:
    """Registers whose records belong to a record of ``defn`` (declared with ``parent=``)."""
    return [
        other
        for other in all_registers()
        if other.parent is not None and other.field(other.parent).link == defn.key
    ]


def delete_in_transaction(
    conn: Connection, defn: RegisterDef, record_id: int, *, user: str | None = None
) -> None:
    """Delete one record, and first its children, each audited. Call inside ``write_transaction``."""
    before = row_values(conn, defn, record_id)
    if before is None:
        raise KeyError(f"{defn.key} #{record_id} does not exist")
    children = child_registers(defn)
    owned = {(child.key, child.parent) for child in children}
    usage = references_to(conn, defn, record_id, skip=owned)
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
    for child in children:
        column = child.field(child.parent or "").column
        rows = conn.execute(f"SELECT id FROM {child.table} WHERE {column} = ?", (record_id,))
        for (child_id,) in rows.fetchall():
            delete_in_transaction(conn, child, child_id, user=user)
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
    _sync_deadlines(conn, defn, record_id, user)


def delete_record(
    conn: Connection, defn: RegisterDef, record_id: int, *, user: str | None = None
) -> Changes:
    return delete_records(conn, defn, [record_id], user=user)


def delete_records(
    conn: Connection, defn: RegisterDef, record_ids: Sequence[int], *, user: str | None = None
) -> Changes:
    """Delete several records in one transaction, one audit entry each: all of them or none.

    A record referred to only by others of the selection is deleted after them. When one cannot
    be deleted (records outside the selection refer to it, a guard refuses), nothing is deleted
    and the error names that record.
    """
    if not defn.deletable:
        raise RecordInUseError(_("Records of this register cannot be deleted."))
    ids = list(dict.fromkeys(record_ids))
    with write_transaction(conn):
        pending = ids
        while pending:
            refused: dict[int, RecordInUseError] = {}
            for record_id in pending:
                # A record refused after some of its children went leaves nothing behind.
                conn.execute("SAVEPOINT delete_one")
                try:
                    delete_in_transaction(conn, defn, record_id, user=user)
                except RecordInUseError as exc:
                    conn.execute("ROLLBACK TO delete_one")
                    refused[record_id] = exc
                finally:
                    conn.execute("RELEASE delete_one")
            if len(refused) == len(pending):
                record_id, exc = next(iter(refused.items()))
                if len(ids) == 1:
                    raise exc
                label = record_label(defn, load_record(conn, defn, record_id), conn)
                raise RecordInUseError(
                    _("Nothing was deleted: “{label}” cannot be deleted. {reason}").format(
                        label=label, reason=exc
                    )
                ) from exc
            pending = list(refused)
    return Changes(
        _changed_registers(defn, *(child.key for child in child_registers(defn))),
        ids[0] if len(ids) == 1 else None,
        count=len(ids),
    )


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
