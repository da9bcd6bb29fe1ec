"""A child register inside its parent's form: the parent's rows as a table (the child's own list
columns and display values), with Add, Edit and Remove. Each row is edited with the child's own
form (same validation, audit and export as everywhere); the parent link is filled in and fixed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import MamoriError
from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.query import Filter, ListQuery
from app.registers.records import Changes, delete_record
from ui.models.register_model import RegisterTableModel
from ui.session import Session
from ui.widgets.style import size_column


class ChildTable(QWidget):
    def __init__(
        self,
        session: Session,
        child: RegisterDef,
        parent_id: int | None,
        open_form: Callable[[RegisterDef, int | None, dict[str, Any], QWidget], QWidget],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"children_{child.key}")
        self.session = session
        self.child = child
        self.parent_id = parent_id
        self.dialog: QWidget | None = None
        self._open_form = open_form  # the record form in its own window (ui.record_form)
        link = child.parent or ""
        columns = [item for item in child.list_fields if item.key != link]
        self.model = RegisterTableModel(session, child, columns, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column in range(len(columns)):  # each heading readable whole (ライフサイクル段階)
            size_column(header, column, header.sectionSize(column))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(160)
        self.model.modelReset.connect(self.view.resizeColumnsToContents)
        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.remove_button = QPushButton(_("Remove"))
        self.add_button.clicked.connect(self.add_row)
        self.edit_button.clicked.connect(lambda: self.edit_row(self._selected()))
        self.remove_button.clicked.connect(lambda: self.remove_row(self._selected()))
        self.add_button.setVisible(child.creatable)  # e.g. assessments: made by their wizard
        self.remove_button.setVisible(child.deletable)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel(_("Save first, then add its rows."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{_(child.title)}</b>"))
        layout.addWidget(self.view)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        session.changed.connect(self._changed)
        self.set_parent_id(parent_id)

    def set_parent_id(self, parent_id: int | None) -> None:
        self.parent_id = parent_id
        link = self.child.parent or ""
        self.model.set_query(ListQuery(filters=(Filter(link, parent_id or 0),)))
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setEnabled(parent_id is not None)
        self.hint.setVisible(parent_id is None)

    def _selected(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _changed(self, changes: Changes) -> None:
        if self.child.key in changes.registers:
            self.model.reload()

    def add_row(self) -> QWidget:
        preset = {self.child.parent or "": self.parent_id}
        self.dialog = self._open_form(self.child, None, preset, self)
        return self.dialog

    def edit_row(self, row: int | None) -> QWidget | None:
        if row is None or self.parent_id is None:
            return None
        preset = {self.child.parent or "": self.parent_id}
        self.dialog = self._open_form(self.child, self.model.record_id(row), preset, self)
        return self.dialog

    def remove_row(self, row: int | None) -> None:
        if row is None:
            return
        try:
            changes = delete_record(self.session.conn, self.child, self.model.record_id(row))
        except MamoriError as exc:
            QMessageBox.warning(self, _(self.child.item_title), str(exc))
            return
        self.session.apply(changes)
