"""A read-only, sortable table of people for drill-downs; double-click or Enter opens one.

Rows are any objects that carry a ``PersonRef``; columns are declared with ``Column`` (header, a
value getter given the row and the ``Labels`` that turn codes into words, and an optional sort
key). The proxy sorts on ``SORT_ROLE``; ``PERSON_ID_ROLE`` holds the person's record id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from app.areas.training.coverage import DEFAULT_PLEDGE, PersonRef
from app.i18n import _
from ui.widgets.japanese_sort import JapaneseSortProxy
from ui.widgets.style import size_column

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class Labels:
    """How codes are shown in the tables, refreshed with each report."""

    employment: dict[str, str] = field(default_factory=dict)  # code -> label
    pledges: dict[str, str] = field(default_factory=dict)  # code -> label
    expected_pledge: dict[str, str] = field(default_factory=dict)  # employment -> pledge code

    @staticmethod
    def department(name: str) -> str:
        return name or _("(no department)")

    def employment_of(self, person: PersonRef) -> str:
        return self.employment.get(person.employment_type, person.employment_type or "")

    def pledge_for(self, person: PersonRef) -> str:
        code = self.expected_pledge.get(person.employment_type, DEFAULT_PLEDGE)
        return self.pledges.get(code, code)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any, Labels], Any]  # (row, labels) -> shown value
    sort: Callable[[Any], Any] | None = None  # row -> sort key (default: the shown value)


class PeopleModel(QAbstractTableModel):
    """Rows of people (or rows that carry one) with declared columns; sortable through a proxy."""

    def __init__(
        self, columns: Sequence[Column], person: Callable[[Any], PersonRef], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._person = person
        self._rows: list[Any] = []
        self.labels = Labels()

    def set_rows(self, rows: Sequence[Any], labels: Labels | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if labels is not None:
            self.labels = labels
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row, self.labels)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            key = column.sort(row) if column.sort else column.value(row, self.labels)
            return "" if key is None else key
        if role == PERSON_ID_ROLE:
            return self._person(row).id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None


class PeopleTable(QTableView):
    """A read-only, sortable list of people; double-click or Enter opens the person."""

    person_activated = Signal(int)

    def __init__(self, model: PeopleModel, widths: Sequence[int]) -> None:
        super().__init__()
        self.source = model
        self.proxy = JapaneseSortProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        horizontal = self.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(True)
        for column, width in enumerate(widths):
            size_column(horizontal, column, width)
        self.activated.connect(self._activate)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.person_activated.emit(int(index.data(PERSON_ID_ROLE)))

    def person_ids(self) -> list[int]:
        """The people in the order shown."""
        return [
            int(self.proxy.index(row, 0).data(PERSON_ID_ROLE))
            for row in range(self.proxy.rowCount())
        ]
