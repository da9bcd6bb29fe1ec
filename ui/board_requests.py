"""The officer's part of the board report's summary: significant events and requests to the board.

Events are one per line. A request (budget, resources, a policy revision...) has a title, the
reason and the resolution proposed to the board; the report lists it under "decisions requested"
after the matters the data puts to the board (residual risks awaiting acceptance, rules to revise).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.board.comments import OfficerInput
from app.board.snapshot import Decision
from app.i18n import N_, _
from ui.widgets.style import muted

KIND_LABELS = (
    ("budget", N_("Budget")),
    ("resource", N_("Resources")),
    ("policy_revision", N_("Policy or rules revision")),
    ("other", N_("Other")),
)
COLUMNS = (N_("Kind"), N_("Title"), N_("Reason"), N_("Proposed resolution"))


class OfficerInputEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events_edit = QPlainTextEdit()
        self.events_edit.setAccessibleName(_("Significant events"))
        self.events_edit.setPlaceholderText(
            _("One event per line, e.g. 2026年9月 宅配センターで誤配1件（回収・謝罪済み）")
        )
        self.events_edit.setMaximumHeight(110)
        self.events_edit.textChanged.connect(self.changed)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        add = QPushButton(_("Add a request"))
        remove = QPushButton(_("Remove"))
        add.clicked.connect(lambda: self.add_request(Decision("budget", "", "", "")))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(QLabel(_("Significant events of the period")))
        layout.addWidget(self.events_edit)
        layout.addWidget(QLabel(_("Requests to the board")))
        hint = muted(
            QLabel(
                _(
                    "Budget, resources or a policy revision you ask the board to decide; each"
                    " needs a title and the resolution you propose. Residual risks awaiting"
                    " acceptance and rules to revise are added from the registers."
                )
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_request(self, decision: Decision) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for code, label in KIND_LABELS:
            kind.addItem(_(label), code)
        index = kind.findData(decision.kind)
        kind.setCurrentIndex(max(index, 0))
        kind.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 0, kind)
        for column, value in enumerate((decision.title, decision.reason, decision.resolution), 1):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.changed.emit()

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)
        self.changed.emit()

    def requests(self) -> list[Decision]:
        """Complete requests only (a title and a proposed resolution)."""
        found = []
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, 0)
            texts = [
                (self.table.item(row, column).text() if self.table.item(row, column) else "")
                for column in (1, 2, 3)
            ]
            title, reason, resolution = (text.strip() for text in texts)
            if title and resolution:
                code = kind.currentData() if isinstance(kind, QComboBox) else "other"
                found.append(Decision(str(code), title, reason, resolution))
        return found

    def events(self) -> list[str]:
        return [
            line.strip() for line in self.events_edit.toPlainText().splitlines() if line.strip()
        ]

    def officer_input(self, narrative: dict[str, str]) -> OfficerInput:
        return OfficerInput(dict(narrative), self.events(), self.requests())

    def load(self, events: list[str], requests: list[Decision]) -> None:
        self.events_edit.setPlainText("\n".join(events))
        self.table.setRowCount(0)
        for decision in requests:
            self.add_request(decision)
