"""Small windows of the sharing area: a joint use's notice text with Copy, and the list of what is
due for disposal with a button that records the disposal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.sharing.disposal import DueDisposal, disposal_due
from app.areas.sharing.registers_disposal import DISPOSALS
from app.areas.sharing.registers_provision import PROVISION_RECORDS
from app.areas.sharing.use_cases import (
    anonymised_notice,
    joint_use_notice,
    next_reference,
    provision_preset,
)
from app.dates import show_date
from app.i18n import _
from ui.notice_dialog import NoticeTextDialog
from ui.record_form import show_record_dialog
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.sharing_decision import DecisionDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def joint_use_notice_dialog(session: Session, record_id: int, parent: QWidget) -> NoticeTextDialog:
    return NoticeTextDialog(
        _("Joint use: notice text"),
        _(
            "The five items to notify or publish in advance (art. 27(5)(iii)), in the layout "
            "of the co-ops' privacy policies. Check it, then paste it into the policy page. "
            "It changes when the arrangement changes."
        ),
        joint_use_notice(session.conn, record_id),
        parent,
    )


def anonymised_notice_dialog(session: Session, record_id: int, parent: QWidget) -> NoticeTextDialog:
    return NoticeTextDialog(
        _("Anonymised data: published items"),
        _(
            "The items of the anonymised data and how it is provided, to publish without delay "
            "after making it and before any provision (rules 36 and 37), in the layout of the "
            "co-ops' privacy policies. Check it, then paste it into the policy page."
        ),
        anonymised_notice(session.conn, record_id),
        parent,
    )


class DisposalDueDialog(QDialog):
    """Assets and provision records whose retention has ended or ends within 30 days."""

    def __init__(self, session: Session, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        self.items: list[DueDisposal] = []
        self.setWindowTitle(_("Due for disposal"))
        explanation = QLabel(
            _(
                "Data whose retention period has ended or ends within 30 days: the asset "
                "register's retention dates and provision records kept long enough. Recording the "
                "disposal completes the item."
            )
        )
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [_("Retention ends"), _("Data to dispose of"), _("Status")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.record_disposal())
        self.empty = QLabel(_("Nothing is due for disposal."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.record_button = QPushButton(_("Record the disposal…"))
        self.record_button.clicked.connect(self.record_disposal)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        session.changed.connect(lambda _changes: self.refresh())
        resize_to_fit(self, 760, 480)
        self.refresh()

    def refresh(self) -> None:
        self.items = disposal_due(self.session.conn, self.today)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            status = _("Overdue") if item.overdue else _("Ends soon")
            cells = (show_date(item.due) if item.due else "", item.label, status)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.items)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.record_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def record_disposal(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.items[rows[0].row()]
        preset: dict[str, object] = {"ref": next_reference(self.session.conn, DISPOSALS, "DS",
                                                           self.today.year)}  # fmt: skip
        if item.register == "assets":
            preset["asset"] = item.record_id  # batch by default; retiring it is a choice
        else:
            preset.update({"closes": "provision_record", "provision_record": item.record_id})
        self.form_dialog = show_record_dialog(self.session, DISPOSALS, None, self, preset=preset)


def decision_helper(window: MainWindow) -> Callable[[], QDialog]:
    """Handler of the Sharing decisions page's "Decision helper…" button."""

    def show() -> QDialog:
        dialog = DecisionDialog(window.session, window.today(), window)
        dialog.open()
        return dialog

    return show


def joint_use_notice_handler(window: MainWindow) -> Callable[[int], QDialog]:
    def show(record_id: int) -> QDialog:
        dialog = joint_use_notice_dialog(window.session, record_id, window)
        dialog.open()
        return dialog

    return show


def anonymised_notice_handler(window: MainWindow) -> Callable[[int], QDialog]:
    def show(record_id: int) -> QDialog:
        dialog = anonymised_notice_dialog(window.session, record_id, window)
        dialog.open()
        return dialog

    return show


def disposal_due_handler(window: MainWindow) -> Callable[[], QDialog]:
    def show() -> QDialog:
        dialog = DisposalDueDialog(window.session, window.today(), window)
        dialog.open()
        return dialog

    return show


def record_provision_handler(window: MainWindow) -> Callable[[int], QDialog]:
    """A new provision record for the chosen decision (its basis and the decision filled in)."""

    def show(decision_id: int) -> QDialog:
        preset = provision_preset(window.session.conn, decision_id, window.today())
        return show_record_dialog(window.session, PROVISION_RECORDS, None, window, preset=preset)

    return show
