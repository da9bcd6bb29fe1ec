"""The audit trail as a lazily paged table, newest first.

The trail can hold hundreds of thousands of entries, so the model never loads them all: it reads
``PAGE_SIZE`` rows at a time with keyset paging (``id < last loaded id``) as the view scrolls
(``canFetchMore``/``fetchMore``), and new entries are inserted at the top on ``refresh``. Filters are
pushed into SQL (``AuditFilter.where``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.catalogues import choices
from app.i18n import N_, _
from app.registers.fields import Field, Kind
from app.registers.records import record_label, row_values
from app.registers.registry import get_register
from app.storage.audit import AuditEntry
from app.storage.database import Connection

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

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    USER = 1
    ACTION = 2
    REGISTER = 3
    RECORD = 4


HEADERS = {
    Column.WHEN: N_("When"),
    Column.USER: N_("User"),
    Column.ACTION: N_("Action"),
    Column.REGISTER: N_("Register"),
    Column.RECORD: N_("Record"),
}

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditEntry of the row


def action_title(action: str) -> str:
    return _(ACTION_TITLES[action]) if action in ACTION_TITLES else action


def register_title(key: str | None) -> str:
    if not key:
        return ""
    try:
        return _(get_register(key).title)
    except KeyError:
        return key


def local_time(at: str) -> datetime:
    """An entry's UTC timestamp in the computer's time zone."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def format_when(at: str) -> str:
    try:
        return local_time(at).strftime("%Y-%m-%d %H:%M:%S")
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
            else:
                clauses.append("instr(lower(record_label), lower(?)) > 0")
                params.append(text)
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


def _describe_value(conn: Connection, field: Field | None, value: Any) -> str:
    """A stored value as the officer reads it: labels for links and choices, 'Yes' for 1..."""
    if value is None or value == "":
        return ""
    if field is None:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if field.kind is Kind.BOOL:
        return _("Yes") if value else _("No")
    if field.kind is Kind.LINK and isinstance(value, int):
        try:
            target = get_register(field.link or "")
            stored = row_values(conn, target, value)
        except KeyError:
            stored = None
        if stored is None:
            return f"#{value}"
        values = {item.key: item.from_db(stored[item.column]) for item in target.fields}
        return record_label(target, values, conn) or f"#{value}"
    if field.kind in (Kind.CHOICE, Kind.MULTI_CHOICE) and field.catalogue:
        labels = dict(choices(conn, field.catalogue, include_inactive=True))
        if field.kind is Kind.CHOICE:
            return labels.get(str(value), str(value))
        try:
            codes = json.loads(value) if isinstance(value, str) else list(value)
        except ValueError:
            return str(value)
        return ", ".join(labels.get(str(code), str(code)) for code in codes)
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
                _(field.label) if field is not None else column,
                _describe_value(conn, field, old),
                _describe_value(conn, field, new),
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


class AuditTableModel(QAbstractTableModel):
    """Read-only, newest first; rows arrive ``PAGE_SIZE`` at a time."""

    def __init__(
        self,
        connection: Callable[[], Connection],
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._page_size = page_size
        self._filter = AuditFilter()
        self._entries: list[AuditEntry] = []
        self._exhausted = True
        self.reload()

    # ----- filters and loading ------------------------------------------------------------------

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, audit_filter: AuditFilter) -> None:
        if audit_filter != self._filter:
            self._filter = audit_filter
            self.reload()

    def update_filter(self, **changes: Any) -> None:
        self.set_filter(replace(self._filter, **changes))

    def reload(self) -> None:
        """Forget every row and load the first page for the current filter."""
        self.beginResetModel()
        self._entries = query_entries(self._connection(), self._filter, limit=self._page_size)
        self._exhausted = len(self._entries) < self._page_size
        self.endResetModel()

    def refresh(self) -> None:
        """Put entries written since the last load on top, keeping what is loaded."""
        if not self._entries:
            self.reload()
            return
        newer = query_entries(
            self._connection(),
            self._filter,
            after_id=self._entries[0].id,
            limit=self._page_size + 1,
        )
        if len(newer) > self._page_size:
            self.reload()  # a burst (e.g. an import): start again from the newest page
        elif newer:
            self.beginInsertRows(QModelIndex(), 0, len(newer) - 1)
            self._entries[:0] = newer
            self.endInsertRows()

    def count_matching(self) -> int:
        """All entries matching the filter, loaded or not."""
        return count_entries(self._connection(), self._filter)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        before = self._entries[-1].id if self._entries else None
        page = query_entries(
            self._connection(), self._filter, before_id=before, limit=self._page_size
        )
        self._exhausted = len(page) < self._page_size
        if page:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._entries.extend(page)
            self.endInsertRows()

    # ----- the model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def entry(self, row: int) -> AuditEntry:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.WHEN:
                return _("Entry {id}, written {at} (UTC)").format(id=entry.id, at=entry.at)
            return self._display(entry, column) or None
        if role == ENTRY_ROLE:
            return entry
        return None

    def _display(self, entry: AuditEntry, column: Column) -> str:
        if column is Column.WHEN:
            return format_when(entry.at)
        if column is Column.USER:
            return entry.os_user
        if column is Column.ACTION:
            return action_title(entry.action)
        if column is Column.REGISTER:
            return register_title(entry.register)
        if entry.record_label:
            return entry.record_label
        return f"#{entry.record_id}" if entry.record_id is not None else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(Column)
        ):
            return _(HEADERS[Column(section)])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
