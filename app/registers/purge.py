"""The retention purge: erase the personal details of closed records kept past their retention.

A register opts in with ``RegisterDef(retention=Retention(closed_field, years_setting, ...))`` and
marks its personal and free-text fields ``Field(..., personal=True)`` (its child registers mark
theirs too). A record closed more than the organisation's ``years_setting`` years ago (民法143:
closed 2023-04-01 with 3 years is kept to 2026-04-01, purgeable from 2026-04-02) is listed by
``purge_candidates``; ``purge_records`` then, in one write transaction:

1. sets every personal field of the record and of its child records to NULL (a required one to
   the ``REDACTED`` stub) and the register's ``purged_field`` to today: the rest of the row stays
   as the anonymised stub the statistics count (type, dates, decision, counts...);
2. writes one audit ``update`` entry per record whose before/after carry the stub, never the
   erased values, and whose detail names the fields erased and the earlier entries redacted;
3. redacts the earlier audit entries of those records: their personal values become the stub,
   their chain hash is kept (the next entry still follows it), and the purge entry records a
   digest of each redacted entry (``audit.redaction_digest``) so ``verify`` still proves the whole
   trail: an entry changed after its redaction no longer matches the digest its purge vouched for;
4. rebuilds the search index of the registers touched ("optimize": the deleted text's trigrams
   leave the index's segments, not just hidden by a delete marker). The workspace runs with
   ``secure_delete`` on, so freed pages are overwritten with zeros.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.deadlines.engine import apply_offset
from app.deadlines.rules import Offset
from app.errors import MamoriError
from app.i18n import _
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.records import (
    Changes,
    _now,
    child_registers,
    load_record,
    record_label,
    row_values,
)
from app.registers.registry import all_registers, get_register
from app.storage import audit
from app.storage.database import Connection, write_transaction


class PurgeRefusedError(MamoriError):
    """The records chosen cannot be purged now (the message says why)."""


@dataclass(frozen=True)
class PurgeCandidate:
    register: str
    record_id: int
    label: str  # the record's human key (never a personal value)
    closed_on: date
    kept_until: date  # the last day of the retention period


def purgeable_registers() -> list[RegisterDef]:
    return [defn for defn in all_registers() if defn.retention is not None]


def personal_fields(defn: RegisterDef) -> tuple[Field, ...]:
    fields = tuple(item for item in defn.fields if item.personal)
    for item in fields:
        if item.kind is Kind.LINKS or (
            item.required and item.kind not in (Kind.TEXT, Kind.LONG_TEXT)
        ):
            raise ValueError(f"{defn.key}.{item.key}: a personal field the purge cannot erase")
    return fields


def retention_years(conn: Connection, defn: RegisterDef) -> int:
    retention = defn.retention
    assert retention is not None
    row = conn.execute(
        f"SELECT {retention.years_setting} FROM organisation ORDER BY id LIMIT 1"
    ).fetchone()
    return int(row[0]) if row and row[0] else retention.default_years


def kept_until(closed_on: date, years: int) -> date:
    """The last day a record closed on ``closed_on`` is kept (民法140・143, first day not counted)."""
    return apply_offset(closed_on, Offset(years=years, civil=True))


def purge_candidates(
    conn: Connection, today: date, registers: Iterable[str] | None = None
) -> list[PurgeCandidate]:
    """Closed, not yet purged records whose retention ended before ``today``, oldest first."""
    wanted = set(registers) if registers is not None else None
    found: list[PurgeCandidate] = []
    for defn in purgeable_registers():
        if wanted is not None and defn.key not in wanted:
            continue
        retention = defn.retention
        assert retention is not None
        years = retention_years(conn, defn)
        closed = defn.field(retention.closed_field).column
        purged = defn.field(retention.purged_field).column
        key = defn.field(defn.human_key).column
        rows = conn.execute(
            f"SELECT id, {key}, {closed} FROM {defn.table} WHERE {closed} IS NOT NULL "
            f"AND {purged} IS NULL ORDER BY {closed}, id"
        )
        for record_id, label, closed_text in rows:
            closed_on = date.fromisoformat(closed_text)
            until = kept_until(closed_on, years)
            if until < today:
                found.append(PurgeCandidate(defn.key, record_id, str(label), closed_on, until))
    return found


def _stub(item: Field, value: Any) -> Any:
    if value is None:
        return None
    return audit.REDACTED if item.required else None


def _redact_values(text: str | None, columns: dict[str, Field]) -> str | None:
    if not text:
        return text
    values = json.loads(text)
    changed = False
    for column in columns:
        if values.get(column) not in (None, audit.REDACTED):
            values[column] = audit.REDACTED
            changed = True
    return audit.canonical(values) if changed else text


def _redact_trail(
    conn: Connection, defn: RegisterDef, record_id: int, columns: dict[str, Field]
) -> dict[str, str]:
    """Redact the personal values of the record's earlier entries; {entry id: digest}."""
    vouched: dict[str, str] = {}
    entries = list(
        audit.iter_entries(conn, "WHERE register = ? AND record_id = ?", (defn.key, record_id))
    )
    for entry in entries:
        before = _redact_values(entry.before, columns)
        after = _redact_values(entry.after, columns)
        if before == entry.before and after == entry.after:
            continue
        conn.execute(
            "UPDATE audit_log SET before = ?, after = ? WHERE id = ?", (before, after, entry.id)
        )
        redacted = audit.AuditEntry(
            entry.id, entry.at, entry.os_user, entry.action, entry.register, entry.record_id,
            entry.record_label, before, after, entry.detail, entry.prev_hash, entry.hash,
        )  # fmt: skip
        vouched[str(entry.id)] = audit.redaction_digest(redacted)
    return vouched


def _former_children(conn: Connection, child: RegisterDef, column: str, parent_id: int) -> set[int]:
    """Child rows of ``parent_id`` the trail knows of, deleted ones included."""
    rows = conn.execute(
        "SELECT DISTINCT record_id FROM audit_log WHERE register = ? AND record_id IS NOT NULL "
        f"AND (json_extract(before, '$.{column}') = ? OR json_extract(after, '$.{column}') = ?)",
        (child.key, parent_id, parent_id),
    )
    return {row[0] for row in rows}


def _purge_one(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    today: date,
    user: str,
    extra: dict[str, Any],
    also_vouched: dict[str, str] | None = None,
) -> None:
    """Erase one row's personal fields and redact its trail (and vouch for ``also_vouched``:
    entries of its deleted child rows, redacted by the caller)."""
    fields = personal_fields(defn)
    before = row_values(conn, defn, record_id)
    if before is None:
        raise KeyError(f"{defn.key} #{record_id} does not exist")
    changes = {item.column: _stub(item, before[item.column]) for item in fields}
    if defn.retention is not None:
        changes[defn.field(defn.retention.purged_field).column] = today.isoformat()
    columns = {item.column: item for item in fields}
    vouched = {**_redact_trail(conn, defn, record_id, columns), **(also_vouched or {})}
    assignments = ", ".join(f"{column} = ?" for column in changes)
    conn.execute(
        f"UPDATE {defn.table} SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
        (*changes.values(), _now(), user, record_id),
    )
    after = {**before, **changes}
    shown_before = {
        column: (audit.REDACTED if column in columns and value is not None else value)
        for column, value in before.items()
    }
    audit.append(
        conn,
        "update",
        register=defn.key,
        record_id=record_id,
        record_label=_safe_label(conn, defn, record_id),
        before=shown_before,
        after=after,
        detail={
            "purge": {
                **extra,
                "fields": sorted(columns),
                "redacted": vouched,
            }
        },
        user=user,
    )


def _safe_label(conn: Connection, defn: RegisterDef, record_id: int) -> str | None:
    """The record's label unless it would show a personal value."""
    if defn.field(defn.human_key).personal or defn.field(defn.display).personal:
        return None
    return record_label(defn, load_record(conn, defn, record_id), conn)


def _optimize_search(conn: Connection, defns: Iterable[RegisterDef]) -> None:
    for defn in defns:
        if defn.fts_table:
            conn.execute(f"INSERT INTO {defn.fts_table}({defn.fts_table}) VALUES ('optimize')")


def purge_records(
    conn: Connection,
    register: str,
    record_ids: Sequence[int],
    today: date,
    *,
    user: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> Changes:
    """Purge the given records (each must be a candidate on ``today``): all of them or none."""
    defn = get_register(register)
    if defn.retention is None:
        raise ValueError(f"{register} keeps no retention")
    actor = user or audit.os_user()
    eligible = {c.record_id: c for c in purge_candidates(conn, today, [register])}
    missing = [record_id for record_id in record_ids if record_id not in eligible]
    if missing:
        raise PurgeRefusedError(
            _("{count} of the records chosen are not past their retention (or already erased).")
            .format(count=len(missing))
        )  # fmt: skip
    children = child_registers(defn)
    years = retention_years(conn, defn)
    with write_transaction(conn):
        for position, record_id in enumerate(record_ids):
            check_cancelled(cancelled)
            progress(position / max(len(record_ids), 1), _("Erasing personal details..."))
            candidate = eligible[record_id]
            extra: dict[str, Any] = {
                "retention_years": years,
                "closed_on": candidate.closed_on.isoformat(),
                "kept_until": candidate.kept_until.isoformat(),
            }
            deleted_rows: dict[str, str] = {}
            for child in children:
                if not personal_fields(child):
                    continue
                column = child.field(child.parent or "").column
                rows = conn.execute(
                    f"SELECT id FROM {child.table} WHERE {column} = ?", (record_id,)
                ).fetchall()
                for (child_id,) in rows:
                    _purge_one(conn, child, child_id, today, actor, {"parent": record_id})
                present = {child_id for (child_id,) in rows}
                columns = {item.column: item for item in personal_fields(child)}
                for child_id in _former_children(conn, child, column, record_id) - present:
                    deleted_rows |= _redact_trail(conn, child, child_id, columns)
            _purge_one(conn, defn, record_id, today, actor, extra, deleted_rows)
        _optimize_search(conn, (defn, *children))
    progress(1.0, _("Done"))
    registers = {defn.key, *(child.key for child in children)}
    return Changes(frozenset(registers), None, len(record_ids))
