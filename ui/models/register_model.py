"""The table model every register page shows: SQL-paged, SQL-sorted, SQL-filtered.

Only the rows on screen are loaded (``PAGE_SIZE`` at a time through ``canFetchMore``/``fetchMore``),
so a 200,000-row register paints as fast as a small one. The total count of matching rows can take
longer than a page (a short Japanese search term scans the register), so it is computed on the
database thread and announced through ``count_changed`` when ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.dates import show_date, show_date_era
from app.i18n import _, current_language
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.query import ListQuery, compile_query
from ui.jobs import JobRunner, describe_failure
from ui.session import Session

PAGE_SIZE = 200
ModelIndex = QModelIndex | QPersistentModelIndex
_RIGHT_ALIGNED = (Kind.INTEGER,)
_CENTRED = (Kind.BOOL, Kind.DATE, Kind.MONTH_DAY)


class Role(IntEnum):
    RECORD_ID = Qt.ItemDataRole.UserRole + 1
    RAW = Qt.ItemDataRole.UserRole + 2  # the value as the query returned it (ISO dates, 0/1)


def display_value(item: Field, value: Any) -> str:
    """How a stored value reads in a table cell."""
    if value is None or value == "":
        return ""
    if item.kind is Kind.DATE:
        parsed = date.fromisoformat(value) if isinstance(value, str) else value
        return show_date(parsed)
    if item.kind is Kind.BOOL:
        return "✓" if value else ""
    if item.kind is Kind.INTEGER:
        # Counts get thousands separators; bounded numbers under 10,000 (years such as 2025,
        # minutes, levels) are read as they are written.
        small = item.maximum is not None and item.maximum < 10_000
        return str(int(value)) if small else f"{int(value):,}"
    if item.kind is Kind.LONG_TEXT:
        text = str(value).replace("\n", " ")
        return text if len(text) <= 120 else text[:119] + "…"
    return str(value)


class RegisterTableModel(QAbstractTableModel):
    count_changed = Signal(int)  # matching records, once counted
    count_failed = Signal(str)  # why they could not be counted
    query_changed = Signal()

    def __init__(
        self,
        session: Session,
        defn: RegisterDef,
        columns: Sequence[Field] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.defn = defn
        self.columns: tuple[Field, ...] = tuple(columns or defn.list_fields)
        self._query = ListQuery(sort=defn.default_sort)
        self._compiled = compile_query(defn, self._query, self.columns)
        self._rows: list[tuple[Any, ...]] = []
        self._exhausted = False
        self._count: int | None = None
        self._counting = JobRunner(self)
        self.reload()

    # ----- what is shown ----------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int | None:
        """How many records match the query, or None while they are being counted."""
        return self._count

    def set_query(self, query: ListQuery) -> None:
        if query == self._query:
            return
        self._query = query
        self.reload()
        self.query_changed.emit()

    def reload(self) -> None:
        """Load the first page again (after a change, a new query, or a language switch)."""
        self.beginResetModel()
        self._compiled = compile_query(self.defn, self._query, self.columns, current_language())
        self._rows = self._compiled.page(self.session.conn, 0, PAGE_SIZE)
        self._exhausted = len(self._rows) < PAGE_SIZE
        self.endResetModel()
        self._start_count()

    def _start_count(self) -> None:
        if self._exhausted:
            self._counting.forget()  # an earlier count still running must not overwrite this one
            self._set_count(len(self._rows))
            return
        self._count = None
        compiled = self._compiled
        self._counting.run_on_database(
            self.session.workspace,
            lambda conn, _progress, _cancelled: compiled.count(conn),
            self._set_count,
            on_failed=lambda exc: self.count_failed.emit(describe_failure(exc)),
        )

    def _set_count(self, total: int) -> None:
        self._count = total
        self.count_changed.emit(total)

    def record_id(self, row: int) -> int:
        return int(self._rows[row][0])

    def row_of(self, record_id: int) -> int | None:
        for row, values in enumerate(self._rows):
            if values[0] == record_id:
                return row
        return None

    def ids(self) -> list[int]:
        """The ids of every matching record in order (selection across unloaded rows)."""
        return self._compiled.ids(self.session.conn)

    # ----- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        more = self._compiled.page(self.session.conn, len(self._rows), PAGE_SIZE)
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        item = self.columns[index.column()]
        value = row[index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(item, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.kind is Kind.LONG_TEXT and value:
                return str(value)
            if item.kind is Kind.DATE and value:
                return show_date_era(date.fromisoformat(value))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if item.kind in _RIGHT_ALIGNED:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if item.kind in _CENTRED:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and item.kind is Kind.BOOL:
            return _("Yes") if value else _("No")
        if role == Role.RECORD_ID:
            return int(row[0])
        if role == Role.RAW:
            return value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        item = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(item.label)
        if role == Qt.ItemDataRole.ToolTipRole and item.help:
            return _(item.help)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(
            ListQuery(self._query.search, self._query.filters, self.columns[column].key, descending)
        )
