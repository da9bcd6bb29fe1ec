"""The audit trail as a lazily paged table, newest first.

The trail can hold hundreds of thousands of entries, so the model never loads them all: it reads
``PAGE_SIZE`` rows at a time with keyset paging (``id < last loaded id``) as the view scrolls
(``canFetchMore``/``fetchMore``), and new entries are inserted at the top on ``refresh``. The
queries and filters are ``app.audit_view``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.audit_view import (
    PAGE_SIZE,
    AuditFilter,
    action_title,
    count_entries,
    format_when,
    query_entries,
    register_title,
)
from app.i18n import N_, _
from app.storage.audit import AuditEntry
from app.storage.database import Connection

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
