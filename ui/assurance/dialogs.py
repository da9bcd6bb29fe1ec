"""The effectiveness check of a corrective action, and the history of its loop.

Both read and write through ``app.areas.assurance.loop``; a check found not effective creates the
action that redoes it (the dialog says so and offers to open it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.loop import EffectivenessOutcome, action_chain, record_effectiveness
from app.catalogues import choices
from app.dates import show_date
from app.errors import ValidationError
from app.i18n import N_, _
from app.registers.fields import Field, Kind
from app.registers.records import load_record
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.widgets.field_editors import FieldRow, editor_for

NEW_DUE = Field(
    "new_due_on",
    N_("Due date of the new action"),
    Kind.DATE,
    help=N_("Used only when the check finds the action not effective and a new action starts."),
)
CHECK_FIELDS = ("effectiveness", "effectiveness_checked_on", "checked_by", "effectiveness_note")


class EffectivenessDialog(QDialog):
    """Records the check; ``outcome`` holds what was written once accepted."""

    def __init__(self, session: Session, action_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.action_id = action_id
        self.outcome: EffectivenessOutcome | None = None
        action = load_record(session.conn, CORRECTIVE_ACTIONS, action_id)
        self.setWindowTitle(_("Effectiveness check of {code}").format(code=action["code"]))
        intro = QLabel(
            _(
                "{title}\nCompleted on {completed}; check due {due}. A result of “not effective” "
                "starts a new action that redoes this one."
            ).format(
                title=action["title"],
                completed=show_date(action["completed_on"]) if action["completed_on"] else "—",
                due=show_date(action["effectiveness_due"]) if action["effectiveness_due"] else "—",
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.rows: dict[str, FieldRow] = {}
        for key in CHECK_FIELDS:
            item = CORRECTIVE_ACTIONS.field(key)
            self.rows[key] = FieldRow(editor_for(item, session.conn, self))
            form.addRow(_(item.label), self.rows[key])
        self.rows[NEW_DUE.key] = FieldRow(editor_for(NEW_DUE, session.conn, self))
        form.addRow(_(NEW_DUE.label), self.rows[NEW_DUE.key])
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        resize_to_fit(self, 640, 480)

    def value(self, key: str) -> object:
        return self.rows[key].editor.value()

    def save(self) -> None:
        for row in self.rows.values():
            row.clear_error()
        self.problem.hide()
        try:
            self.outcome = record_effectiveness(
                self.session.conn,
                self.action_id,
                result=str(self.value("effectiveness") or ""),
                checked_on=self.value("effectiveness_checked_on"),  # type: ignore[arg-type]
                checked_by=self.value("checked_by"),  # type: ignore[arg-type]
                note=str(self.value("effectiveness_note") or "") or None,
                new_due_on=self.value(NEW_DUE.key),  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            for key, message in exc.errors.items():
                target = self.rows.get({"due_on": NEW_DUE.key}.get(key, key))
                if target is not None:
                    target.show_error(message)
                else:
                    self.problem.setText(message)
                    self.problem.show()
            return
        self.session.apply(self.outcome.changes)
        self.accept()


CHAIN_COLUMNS = (
    N_("Action number"),
    N_("Action title"),
    N_("Raised on"),
    N_("Due"),
    N_("Completed on"),
    N_("Effectiveness"),
    N_("Effectiveness checked on"),
    N_("Status"),
)


def _day(value: object) -> str:
    return show_date(value) if value else ""  # type: ignore[arg-type]


class ChainTable(QTableWidget):
    """The actions of one loop, oldest first; the action it was opened for in bold."""

    def __init__(self, session: Session, action_id: int, parent: QWidget | None = None) -> None:
        self.chain = action_chain(session.conn, action_id)
        super().__init__(len(self.chain), len(CHAIN_COLUMNS), parent)
        self.setObjectName("actionChain")
        effect = dict(choices(session.conn, "EFFECTIVENESS", include_inactive=True))
        status = dict(choices(session.conn, "CA_STATUS", include_inactive=True))
        self.setHorizontalHeaderLabels([_(text) for text in CHAIN_COLUMNS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        for row, link in enumerate(self.chain):
            cells = (
                link.code,
                link.title,
                _day(link.raised_on),
                _day(link.due_on),
                _day(link.completed_on),
                effect.get(link.effectiveness or "", ""),
                _day(link.effectiveness_checked_on),
                status.get(link.status, link.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if link.id == action_id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)


def chain_panel(session: Session, action_id: int, parent: QWidget) -> QWidget | None:
    """The record form's view of the loop, when the action is part of one (redone or redoing)."""
    table = ChainTable(session, action_id)
    if len(table.chain) < 2:
        table.deleteLater()
        return None
    box = QGroupBox(_("History of the loop"), parent)
    box.setObjectName("actionChainPanel")
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    rows = table.verticalHeader().defaultSectionSize() * (len(table.chain) + 1)
    table.setFixedHeight(rows + table.horizontalHeader().height() // 2 + 8)
    return box


class ChainDialog(QDialog):
    """Every action of the loop, oldest first: what was done, when, and what the check found."""

    def __init__(
        self,
        session: Session,
        action_id: int,
        open_record: Callable[[str, object], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = ChainTable(session, action_id, self)
        self.chain = self.table.chain
        self.open_record = open_record
        self.setWindowTitle(_("History of the loop: {code}").format(code=self.chain[0].code))
        explanation = QLabel(
            _(
                "The first action and every action that redid it after a check found it not "
                "effective. Double-click a row to open the action."
            )
        )
        explanation.setWordWrap(True)
        self.table.cellDoubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 1100, 360)

    def _open(self, row: int, _column: int) -> None:
        if self.open_record is not None:
            self.open_record(CORRECTIVE_ACTIONS.key, self.chain[row].id)
            self.accept()
