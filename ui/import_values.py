"""The check step's question about values no list knows (シニア職員, 研修生, a new store...).

Each distinct value is listed once with its column and how many rows carry it; the officer maps it
to an item of the list, adds it to the list, or leaves it (a person attribute is then left empty,
with a warning). "Check again" runs the check with the answers; they are remembered with the
file's layout when the import is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.importing.spec import ADD_TO_CATALOGUE, UnknownValue
from ui.import_wizard_parts import bold

Choices = Callable[[str], list[tuple[str, str]]]  # target key -> (code, label)
LEAVE = ""  # the combo's data for "leave it"


class UnknownValuesPanel(QWidget):
    """A table of unknown values with a choice per value, and "Check again"."""

    def __init__(self, on_answer: Callable[[str, str, str | None], None], on_recheck) -> None:
        super().__init__()
        self.setObjectName("unknown_values")
        self._on_answer = on_answer
        self.heading = QLabel()
        bold(self.heading)
        self.hint = QLabel(
            _(
                "Choose what each value means, or add it to its list. A value left as it is "
                "leaves the person's field empty (with a warning); an unknown status leaves "
                "its rows out."
            )
        )
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Column"), _("Value"), _("Rows"), _("Read as")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(3 * self.table.verticalHeader().defaultSectionSize())
        self.recheck_button = QPushButton(_("Check again with these answers"))
        self.recheck_button.clicked.connect(on_recheck)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.combos: list[QComboBox] = []

    def show_values(
        self,
        unknown: Sequence[UnknownValue],
        choices: Choices,
        answered: Callable[[str, str], str | None],
    ) -> None:
        """List ``unknown`` (each value once); ``answered(target, value)`` is the current answer."""
        self.combos = []
        self.table.setRowCount(len(unknown))
        for row, item in enumerate(unknown):
            for column, text in enumerate((item.column, item.value, f"{item.rows:,}")):
                cell = QTableWidgetItem(text)
                cell.setToolTip(_("first in row {row}").format(row=item.first_row))
                self.table.setItem(row, column, cell)
            combo = QComboBox()
            combo.setAccessibleName(_("Read “{value}” as").format(value=item.value))
            left = _("Leave out (rows skipped)") if item.target == "status" else _("Leave empty")
            combo.addItem(left, LEAVE)
            combo.addItem(_("Add “{value}” to the list").format(value=item.value), ADD_TO_CATALOGUE)
            for code, label in choices(item.target):
                combo.addItem(label, code)
            current = answered(item.target, item.value)
            combo.setCurrentIndex(max(0, combo.findData(current if current else LEAVE)))
            combo.currentIndexChanged.connect(
                lambda _index, combo=combo, item=item: self._on_answer(
                    item.target, item.value, combo.currentData() or None
                )
            )
            self.table.setCellWidget(row, 3, combo)
            self.combos.append(combo)
        self.heading.setText(
            ngettext(
                "{count} value is in no list",
                "{count} values are in no list",
                len(unknown),
            ).format(count=len(unknown))
        )
        self.setVisible(bool(unknown))


class RosterDefaultsBox(QWidget):
    """What the officer says when the roster names it nowhere: the programme, the date."""

    def __init__(self, on_change: Callable[[str, str], str | None]) -> None:
        super().__init__()
        self.setObjectName("roster_defaults")
        self._on_change = on_change
        self.programme = QLineEdit()
        self.programme.setPlaceholderText(_("e.g. 2026年度 個人情報保護研修"))
        self.held_on = QLineEdit()
        self.held_on.setPlaceholderText(_("e.g. 2026/6/10 or 令和8年6月10日"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.error.hide()
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 8, 0)
        form.addRow(_("Programme (when no column names it)"), self.programme)
        form.addRow(_("Date (when no column gives it)"), self.held_on)
        form.addRow(self.error)
        self.programme.editingFinished.connect(self._changed)
        self.held_on.editingFinished.connect(self._changed)

    def _changed(self) -> None:
        problem = self._on_change(self.programme.text(), self.held_on.text())
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
