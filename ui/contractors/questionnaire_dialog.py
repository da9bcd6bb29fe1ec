"""The questionnaire round trip of one contractor: send the evaluation questionnaire, read the
returned file, compare it with the last evaluation answer by answer, accept or reject each
answer, and record the evaluation from the accepted ones.

Everything it reads or writes goes through ``app.areas.contractors.questionnaire``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.contractors.questionnaire import (
    ImprovementDraft,
    QuestionnaireReturn,
    create_evaluation,
    export_questionnaire,
    latest_evaluation_summary,
    predicted_result,
    read_questionnaire,
    subject_of,
)
from app.catalogues import choices
from app.dates import show_date_pattern
from app.errors import MamoriError
from app.i18n import N_, _
from app.importing.round_trip import (
    SCORE_0_2,
    Answer,
    AnswerDiff,
    accepted_answers,
    decide,
    unreadable_message,
)
from ui.screen_fit import resize_to_fit
from ui.session import Session

CHANGE_LABELS = {
    "new": N_("New answer"),
    "changed": N_("Changed"),
    "note": N_("Evidence changed"),
    "same": N_("Unchanged"),
    "cleared": N_("Left empty"),
    "unanswered": N_("Not answered"),
    "unreadable": N_("Cannot be read"),
}
CHANGE_COLOURS = {
    "changed": "#FFF2CC",
    "note": "#EDEDED",
    "new": "#E2EFDA",
    "cleared": "#FCE4D6",
    "unreadable": "#F8CBAD",
}
IMPROVEMENT_DAYS = 90


class Column:
    NUMBER, ITEM, BEFORE, AFTER, CHANGE, TAKE = range(6)


def _answer_text(answer: Answer | None) -> str:
    if answer is None:
        return "—"
    text = SCORE_0_2.label_of(answer.value)
    return f"{text}（{answer.note}）" if answer.note else text


class QuestionnaireDialog(QDialog):
    """Send and take back one contractor's evaluation questionnaire."""

    evaluation_created = Signal(int)

    def __init__(
        self,
        session: Session,
        contractor_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.contractor_id = contractor_id
        self.today = today or date.today()
        self.result_of_read: QuestionnaireReturn | None = None
        subject = subject_of(session.conn, contractor_id)
        self.setWindowTitle(_("Questionnaire: {contractor}").format(contractor=subject.label))
        intro = QLabel(
            _(
                "Send the contractor the evaluation questionnaire (last evaluation's answers "
                "filled in), then read the file it returns: each answer is compared with last "
                "time, and you choose which to take into the new evaluation."
            )
        )
        intro.setWordWrap(True)
        self.last_label = QLabel(latest_evaluation_summary(session.conn, contractor_id))
        self.export_button = QPushButton(_("Export the questionnaire…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.import_button = QPushButton(_("Read a returned file…"))
        self.import_button.clicked.connect(lambda: self.load_return())
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.only_changes = QCheckBox(_("Show only answers that differ from last time"))
        self.only_changes.toggled.connect(self._apply_filter)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("Item to check"), _("Last time"), _("Returned"), _("Change"), _("Take")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (Column.NUMBER, Column.CHANGE, Column.TAKE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (Column.BEFORE, Column.AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 190)
        self.table.itemChanged.connect(self._take_changed)
        self.evaluated_on = QDateEdit()
        self.evaluated_on.setCalendarPopup(True)
        self.evaluated_on.setDisplayFormat(show_date_pattern())
        self.evaluated_on.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.evaluated_on.setMaximumWidth(180)
        self.eval_type = QComboBox()
        self.eval_type.setMaximumWidth(320)
        for code, label in choices(session.conn, "EVAL_TYPE"):
            self.eval_type.addItem(label, code)
        self.eval_type.setCurrentIndex(max(0, self.eval_type.findData("periodic")))
        self.improvements = QCheckBox(
            _("Request improvement of items answered 0 (due in {days} days)").format(
                days=IMPROVEMENT_DAYS
            )
        )
        self.improvements.setChecked(True)
        form = QFormLayout()
        form.addRow(_("Evaluated on"), self.evaluated_on)
        form.addRow(_("Evaluation type"), self.eval_type)
        form.addRow("", self.improvements)
        self.prediction = QLabel("")
        self.create_button = QPushButton(_("Record the evaluation"))
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(lambda: self.create())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prediction)
        bottom.addStretch(1)
        bottom.addWidget(self.create_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.last_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.only_changes)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(bottom)
        resize_to_fit(self, 1100, 700)

    # ----- sending ------------------------------------------------------------------------------

    def export(self, target: Path | None = None) -> Path | None:
        if target is None:
            subject = subject_of(self.session.conn, self.contractor_id)
            stem = _("Contractor questionnaire")
            name = f"{stem}_{subject.label.split(' ')[0]}_{self.today:%Y%m%d}.xlsx"
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export the questionnaire"), str(Path(folder) / name), "Excel (*.xlsx)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            written = export_questionnaire(self.session.conn, self.contractor_id, target)
        except (MamoriError, OSError) as exc:
            self._say(str(exc), error=True)
            return None
        self._say(
            _("The questionnaire was written to {path}. Send it to the contractor.").format(
                path=written
            )
        )
        return written

    # ----- taking it back -----------------------------------------------------------------------

    def load_return(self, path: Path | None = None) -> bool:
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Read a returned questionnaire"), folder, "Excel (*.xlsx *.xlsm *.xls)"
            )
            if not chosen:
                return False
            path = Path(chosen)
        try:
            read = read_questionnaire(self.session.conn, self.contractor_id, path)
        except (MamoriError, OSError) as exc:
            self.result_of_read = None
            self.table.setRowCount(0)
            self.create_button.setEnabled(False)
            self._say(str(exc), error=True)
            return False
        self.result_of_read = read
        returned = read.returned
        if returned.answered_on is not None:
            day = returned.answered_on
            self.evaluated_on.setDate(QDate(day.year, day.month, day.day))
        counts = {key: sum(d.change == key for d in read.diffs) for key in CHANGE_LABELS}
        self._say(
            _(
                "{file}: answered by {who}. {changed} changed, {new} new, {same} unchanged, "
                "{unreadable} cannot be read."
            ).format(
                file=path.name,
                who=returned.respondent or _("(not given)"),
                changed=counts["changed"] + counts["cleared"],
                new=counts["new"],
                same=counts["same"],
                unreadable=counts["unreadable"],
            )
        )
        problems = [unreadable_message(d) for d in read.diffs if d.change == "unreadable"]
        if problems:
            self.status.setText("\n".join([self.status.text(), *problems]))
        self._fill(read.diffs)
        self.create_button.setEnabled(True)
        self._show_prediction()
        return True

    def _fill(self, diffs: list[AnswerDiff]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(diffs))
        for row, diff in enumerate(diffs):
            after = (
                f"{diff.raw}（{_('cannot be read')}）"
                if diff.change == "unreadable"
                else _answer_text(diff.after)
            )
            cells = (
                str(diff.item.number),
                diff.item.text,
                _answer_text(diff.before),
                after,
                _(CHANGE_LABELS[diff.change]),
            )
            colour = CHANGE_COLOURS.get(diff.change)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                self.table.setItem(row, column, item)
            take = QTableWidgetItem()
            if diff.decidable:
                take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                take.setCheckState(
                    Qt.CheckState.Checked if diff.accepted else Qt.CheckState.Unchecked
                )
            else:
                take.setFlags(Qt.ItemFlag.ItemIsEnabled)
            take.setData(Qt.ItemDataRole.UserRole, diff.item.code)
            self.table.setItem(row, Column.TAKE, take)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._apply_filter()

    def _apply_filter(self) -> None:
        if self.result_of_read is None:
            return
        only = self.only_changes.isChecked()
        for row, diff in enumerate(self.result_of_read.diffs):
            self.table.setRowHidden(row, only and diff.change in ("same", "unanswered"))

    def _take_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != Column.TAKE or self.result_of_read is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        decide(self.result_of_read.diffs, code, item.checkState() == Qt.CheckState.Checked)
        self._show_prediction()

    def _show_prediction(self) -> None:
        read = self.result_of_read
        self.prediction.setText(
            predicted_result(self.session.conn, accepted_answers(read.diffs)) if read else ""
        )

    def set_taken(self, code: str, taken: bool) -> None:
        """Tick or untick the returned answer of one item (as a click on its box does)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, Column.TAKE)
            if item.data(Qt.ItemDataRole.UserRole) == code and item.flags() & (
                Qt.ItemFlag.ItemIsUserCheckable
            ):
                item.setCheckState(Qt.CheckState.Checked if taken else Qt.CheckState.Unchecked)

    # ----- recording ----------------------------------------------------------------------------

    def create(self) -> int | None:
        read = self.result_of_read
        if read is None:
            return None
        answers = accepted_answers(read.diffs)
        if not answers:
            self._say(_("The file holds no answer to record."), error=True)
            return None
        day = self.evaluated_on.date().toPython()
        items = {diff.item.code: diff.item for diff in read.diffs}
        drafts = []
        if self.improvements.isChecked():
            drafts = [
                ImprovementDraft(
                    code,
                    _("Improve: {item}").format(item=items[code].text),
                    day + timedelta(days=IMPROVEMENT_DAYS),
                )
                for code, answer in answers.items()
                if answer.value == 0
            ]
        try:
            changes = create_evaluation(
                self.session.conn,
                self.contractor_id,
                answers,
                evaluated_on=day,
                eval_type=self.eval_type.currentData(),
                source_file=read.returned.file.name,
                improvements=drafts,
            )
        except MamoriError as exc:
            self._say(str(exc), error=True)
            return None
        self.session.apply(changes)
        assert changes.record_id is not None
        self.evaluation_created.emit(changes.record_id)
        self.accept()
        return changes.record_id

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #B00020;" if error else "")
