"""The audit trail as the officer reads it: filters, pages of entries, and what each entry changed.

Qt-free: the audit page's table model (``ui.audit_model``) pages through ``query_entries`` and the
detail pane shows ``field_changes``, which turns stored before/after values into labels (links by
their record's name, catalogue codes by their label, flags as Yes/No).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.audit_labels import column_label, plain_value
from app.audit_labels import register_title as register_title
from app.catalogues import choices
from app.dates import show_datetime
from app.i18n import N_, _
from app.registers.fields import Field, Kind
from app.registers.records import record_label, row_values
from app.registers.registry import get_register
from app.storage.audit import AuditEntry
from app.storage.database import Connection
from app.text import join_list, search_variants

PAGE_SIZE = 500

ACTION_TITLES = {
    "insert": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "export": N_("Exported"),
    "backup": N_("Backup copy"),
    "rekey": N_("Passphrase changed"),
    "import": N_("Imported"),
    "create": N_("Workspace created"),
    "upgrade": N_("Workspace upgraded"),
    "restore": N_("Backup restored"),
    "repair": N_("Search indexes rebuilt"),
    "report": N_("Report written"),
    "recovery": N_("Recovery key made"),
}

_COLUMNS = (
    "id, at, os_user, action, register, record_id, record_label, before, after, detail, "
    "prev_hash, hash"
)


def action_title(action: str) -> str:
    return _(ACTION_TITLES[action]) if action in ACTION_TITLES else action


def local_time(at: str) -> datetime:
    """An entry's UTC timestamp in the computer's time zone."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def format_when(at: str) -> str:
    try:
        return show_datetime(local_time(at), seconds=True)
    except ValueError:
        return at


def _utc_bound(day: date) -> str:
    """The UTC timestamp of local midnight at the start of ``day``, as entries store it."""
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditFilter:
    register: str | None = None
    action: str | None = None
    record: str = ""  # part of the record label; "#12" (or "12") also matches record id 12
    date_from: date | None = None  # local dates, both inclusive
    date_to: date | None = None

    def where(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.register:
            clauses.append("register = ?")
            params.append(self.register)
        if self.action:
            clauses.append("action = ?")
            params.append(self.action)
        text = self.record.strip()
        if text:
            number = text[1:] if text.startswith("#") else text
            if text.startswith("#") and number.isdigit():
                clauses.append("record_id = ?")
                params.append(int(number))
            elif number.isdigit():
                clauses.append("(record_id = ? OR instr(lower(record_label), lower(?)) > 0)")
                params += [int(number), text]
            else:  # ｶﾒﾗ, かめら and カメラ alike, as in the register search
                variants = search_variants(text) or (text,)
                ors = " OR ".join("instr(lower(record_label), lower(?)) > 0" for _v in variants)
                clauses.append(f"({ors})")
                params += variants
        if self.date_from is not None:
            clauses.append("at >= ?")
            params.append(_utc_bound(self.date_from))
        if self.date_to is not None:
            clauses.append("at < ?")
            params.append(_utc_bound(self.date_to + timedelta(days=1)))
        return clauses, params

    @property
    def active(self) -> bool:
        return self != AuditFilter()


def query_entries(
    conn: Connection,
    audit_filter: AuditFilter,
    *,
    before_id: int | None = None,
    after_id: int | None = None,
    limit: int = PAGE_SIZE,
) -> list[AuditEntry]:
    """Entries matching ``audit_filter``, newest first, older than ``before_id`` / newer than
    ``after_id``."""
    clauses, params = audit_filter.where()
    if before_id is not None:
        clauses.append("id < ?")
        params.append(before_id)
    if after_id is not None:
        clauses.append("id > ?")
        params.append(after_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY id DESC LIMIT ?"
    return [AuditEntry(*row) for row in conn.execute(sql, (*params, limit))]


def count_entries(conn: Connection, audit_filter: AuditFilter) -> int:
    clauses, params = audit_filter.where()
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return int(conn.execute(f"SELECT count(*) FROM audit_log {where}", params).fetchone()[0])


@dataclass(frozen=True)
class FieldChange:
    column: str
    label: str
    before: str
    after: str
    changed: bool


def _linked_label(conn: Connection, field: Field, record_id: Any) -> str:
    try:
        target = get_register(field.link or "")
        stored = row_values(conn, target, int(record_id))
    except (KeyError, TypeError, ValueError):
        stored = None
    if stored is None:
        return f"#{record_id}"
    values = {item.key: item.from_db(stored[item.column]) for item in target.fields}
    return record_label(target, values, conn) or f"#{record_id}"


def describe_value(conn: Connection, field: Field | None, value: Any, column: str = "") -> str:
    """A stored value as the officer reads it: labels for links and choices, 'Yes' for 1..."""
    if value is None or value == "":
        return ""
    if field is None:
        return plain_value(column, value)
    if field.kind is Kind.BOOL:
        return _("Yes") if value else _("No")
    if field.kind is Kind.LINK and isinstance(value, int):
        return _linked_label(conn, field, value)
    if field.kind is Kind.LINKS:  # several linked records, stored as a list of ids
        try:
            ids = json.loads(value) if isinstance(value, str) else list(value)
        except (TypeError, ValueError):
            return str(value)
        return join_list(_linked_label(conn, field, one) for one in ids)
    if field.kind in (Kind.CHOICE, Kind.MULTI_CHOICE) and field.catalogue:
        labels = dict(choices(conn, field.catalogue, include_inactive=True))
        if field.kind is Kind.CHOICE:
            return labels.get(str(value), str(value))
        try:
            codes = json.loads(value) if isinstance(value, str) else list(value)
        except ValueError:
            return str(value)
        return join_list(labels.get(str(code), str(code)) for code in codes)
    return str(value)


def field_changes(conn: Connection, entry: AuditEntry) -> list[FieldChange]:
    """The fields an entry recorded, in the register's order, with before and after values."""
    before, after = entry.before_values(), entry.after_values()
    try:
        defn = get_register(entry.register or "")
    except KeyError:
        defn = None
    by_column = {item.column: item for item in defn.fields} if defn is not None else {}
    columns = [column for column in by_column if column in before or column in after]
    columns += sorted((set(before) | set(after)) - set(columns))
    changes = []
    for column in columns:
        field = by_column.get(column)
        old, new = before.get(column), after.get(column)
        changes.append(
            FieldChange(
                column,
                _(field.label) if field is not None else column_label(entry.register, column),
                describe_value(conn, field, old, column),
                describe_value(conn, field, new, column),
                changed=entry.action == "update" and old != new,
            )
        )
    return changes


def pretty_json(text: str | None) -> str:
    if not text:
        return ""
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True)
    except ValueError:
        return text
