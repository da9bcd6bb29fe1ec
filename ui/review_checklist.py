"""An operation check's checklist as an Excel file: sending it, and reading the returned file with
the answers compared item by item to what the check holds (accept or reject each change)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.review.checklist_excel import (
    check_subject,
    checklist_import_spec,
    read_check_return,
    send_checklist,
    take_returned_answers,
)
from app.catalogues import choices
from app.errors import MamoriError
from app.i18n import N_, _, current_language
from app.importing.round_trip import AnswerDiff, accepted_answers, diff_answers
from app.registers.records import Changes
from ui.errors import show_error
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.session import Session

CHANGE_NAMES = {
    "new": N_("First answer"),
    "changed": N_("Changed"),
    "same": N_("Unchanged"),
    "cleared": N_("Cleared"),
    "unanswered": N_("Not answered"),
    "unreadable": N_("Cannot be read"),
}


class ReturnedChecklistDialog(QDialog):
    """The returned answers beside the stored ones; unticked changes are not taken."""

    def __init__(self, session: Session, check_id: int, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.changes: Changes | None = None
        conn = session.conn
        self.returned = read_check_return(conn, path, check_id=check_id)
        spec = checklist_import_spec()
        subject = self.returned.subject
        self.diffs: list[AnswerDiff] = diff_answers(
            spec.items(conn, subject), spec.previous(conn, subject), self.returned
        )
        labels = dict(choices(conn, "OPCHECK_ANSWER"))
        self.setWindowTitle(_("Returned checklist: {subject}").format(subject=subject.label))
        who = self.returned.respondent or "—"
        heading = QLabel(
            _("Answered by {who}. Untick a change to keep what the check holds.").format(who=who)
        )
        heading.setWordWrap(True)
        self.table = QTableWidget(len(self.diffs), 5)
        self.table.setHorizontalHeaderLabels(
            [_("Check item"), _("Before"), _("Returned"), _("Evidence and notes"), _("Change")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, diff in enumerate(self.diffs):
            item = QTableWidgetItem(diff.item.text)
            if diff.decidable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, item)
            before = labels.get(diff.before.value, "") if diff.before else ""
            after = labels.get(diff.after.value, "") if diff.after else str(diff.raw or "")
            self.table.setItem(row, 1, QTableWidgetItem(before))
            self.table.setItem(row, 2, QTableWidgetItem(after))
            note = (diff.after.note if diff.after else None) or ""
            self.table.setItem(row, 3, QTableWidgetItem(note))
            self.table.setItem(row, 4, QTableWidgetItem(_(CHANGE_NAMES[diff.change])))
        for column in (1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Take the answers"))
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 900, 640)

    def take(self) -> None:
        for row, diff in enumerate(self.diffs):
            cell = self.table.item(row, 0)
            if diff.decidable and cell is not None:
                diff.accepted = cell.checkState() == Qt.CheckState.Checked
        try:
            self.changes = take_returned_answers(
                self.session.conn, self.returned, accepted_answers(self.diffs)
            )
        except MamoriError as exc:
            show_error(self, exc)
            return
        self.session.apply(self.changes)
        self.accept()


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def send(window: MainWindow) -> Callable[[int], Any]:
    def run(check_id: int, target: Path | None = None) -> None:
        conn = window.session.conn
        if target is None:
            label = check_subject(conn, check_id).label.replace("/", "").replace(" ", "_")
            name = f"{_('Operation check')}_{label}.xlsx"
            chosen, _filter = QFileDialog.getSaveFileName(
                window, _("Send the checklist"), str(Path(_documents()) / name), "Excel (*.xlsx)"
            )
            if not chosen:
                return
            target = Path(chosen)
        try:
            changes = send_checklist(
                conn, check_id, target, today=window.today(), language=current_language()
            )
        except (MamoriError, OSError) as exc:
            show_error(window, exc)
            return
        window.session.apply(changes)
        window.statusBar().showMessage(
            _("The checklist was written to {path}.").format(path=target), 15_000
        )

    return run


def read_back(window: MainWindow) -> Callable[[int], Any]:
    def run(check_id: int, path: Path | None = None) -> ReturnedChecklistDialog | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                window, _("Read the returned checklist"), _documents(), "Excel (*.xlsx *.xlsm)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            dialog = ReturnedChecklistDialog(window.session, check_id, path, window)
        except (MamoriError, OSError) as exc:
            show_error(window, exc)
            return None
        dialog.accepted.connect(
            lambda: window.statusBar().showMessage(_("The returned answers were taken."), 10_000)
        )
        dialog.open()
        return dialog

    return run
