"""The reportability wizard (規則7条): one question per step, then the conclusion and the reasoning.

The order of the steps and the conclusion come from ``app.areas.incidents.assessment``; this
dialog only renders them. Saving records a new assessment (history) and the answers on the
incident, through ``record_assessment``.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.areas.incidents.assessment import (
    CONCLUSION,
    QUESTION_BY_KEY,
    AssessmentFlow,
    record_assessment,
    resolve_next,
)
from app.areas.incidents.registers import INCIDENTS
from app.dates import show_date
from app.deadlines.holidays import load_calendar
from app.i18n import _
from app.registers.records import load_record
from ui.dashboard_page import relative_due
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.widgets.style import scaled_font


class AssessmentDialog(QDialog):
    """Asks the questions of ``AssessmentFlow`` for one incident; Save records the assessment."""

    def __init__(self, session: Session, incident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.flow = AssessmentFlow.for_incident(session.conn, incident_id)
        record = load_record(session.conn, INCIDENTS, incident_id)
        self.setWindowTitle(
            _("Reportability: {number} {title}").format(
                number=record["incident_no"], title=record["title"]
            )
        )
        self.history: list[str] = []
        self.step = resolve_next(None, self.flow.answers)

        self.trigger_label = QLabel(_("Why now: {reason}").format(reason=self.flow.trigger))
        self.trigger_label.setWordWrap(True)
        self.progress_label = QLabel()
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        scaled_font(self.question_label, 1.15, bold=True)
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.yes = QRadioButton(_("Yes"))
        self.no = QRadioButton(_("No"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.yes)
        self.choice.addButton(self.no)
        self.count = QSpinBox()
        self.count.setRange(0, 100_000_000)
        self.count.setGroupSeparatorShown(True)
        self.count.setSuffix(_(" people"))
        self.conclusion_label = QLabel()
        self.conclusion_label.setWordWrap(True)
        self.conclusion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_label = QLabel(_("Officer's reasoning (what was checked, who confirmed it):"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            _("e.g. 配送伝票の控えで対象者を確認。カード番号の記載なし。")
        )

        self.back_button = QPushButton(_("Back"))
        self.next_button = QPushButton(_("Next"))
        self.save_button = QPushButton(_("Save the assessment"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.next_button.setDefault(True)

        answer_row = QHBoxLayout()
        answer_row.addWidget(self.yes)
        answer_row.addWidget(self.no)
        answer_row.addWidget(self.count)
        answer_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.trigger_label)
        layout.addWidget(self.progress_label)
        layout.addSpacing(8)
        layout.addWidget(self.question_label)
        layout.addLayout(answer_row)
        layout.addWidget(self.help_label)
        layout.addWidget(self.conclusion_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        resize_to_fit(self, 720, 520)
        self._show_step()

    def _store_answer(self) -> None:
        question = QUESTION_BY_KEY.get(self.step)
        if question is None:
            return
        if question.number:
            self.flow.answers[question.key] = self.count.value()
        else:
            self.flow.answers[question.key] = self.yes.isChecked()

    def _show_step(self) -> None:
        questions = self.flow.steps()[:-1]
        self.progress_label.setText(
            _("Question {n} of {total}").format(
                n=questions.index(self.step) + 1, total=len(questions)
            )
            if self.step in questions
            else _("Conclusion")
        )
        question = QUESTION_BY_KEY.get(self.step)
        asking = question is not None
        for widget in (self.question_label, self.help_label):
            widget.setVisible(asking)
        self.conclusion_label.setVisible(not asking)
        self.reason_label.setVisible(not asking)
        self.reason.setVisible(not asking)
        self.next_button.setVisible(asking)
        self.save_button.setVisible(not asking)
        self.back_button.setEnabled(bool(self.history))
        if question is None:
            self.yes.setVisible(False)
            self.no.setVisible(False)
            self.count.setVisible(False)
            self._show_conclusion()
            return
        self.question_label.setText(_(question.text))
        self.help_label.setText(_(question.help))
        self.yes.setVisible(not question.number)
        self.no.setVisible(not question.number)
        self.count.setVisible(question.number)
        value = self.flow.answers.get(question.key)
        if question.number:
            self.count.setValue(int(value or 0))
        else:
            (self.yes if value else self.no).setChecked(True)

    def _show_conclusion(self) -> None:
        conclusion = self.flow.conclusion()
        heading = (
            _("Reportable: report to the PPC.")
            if conclusion.ppc_report_required
            else _("Not reportable.")
        )
        lines = [f"<b>{escape(heading)}</b>", escape(conclusion.reason)]
        today = date.today()
        for duty, due in self.flow.deadlines(load_calendar(self.session.conn)):
            if due is not None:
                lines.append(
                    escape(
                        _("{duty}: due {date} ({left})").format(
                            duty=duty, date=show_date(due), left=relative_due(due, today)
                        )
                    )
                )
        answers = []
        for key in self.flow.steps()[:-1]:
            question, value = QUESTION_BY_KEY[key], self.flow.answers.get(key)
            shown = f"{int(value or 0):,}" if question.number else (_("Yes") if value else _("No"))
            answers.append(f"{escape(_(question.text))} — <b>{escape(shown)}</b>")
        lines.append("<br>".join(answers))
        self.conclusion_label.setText("<br>".join(lines[:-1]) + "<br><br>" + lines[-1])
        self.save_button.setDefault(True)

    def forward(self) -> None:
        self._store_answer()
        self.history.append(self.step)
        self.step = resolve_next(self.step, self.flow.answers)
        self._show_step()

    def back(self) -> None:
        if not self.history:
            return
        self._store_answer()
        self.step = self.history.pop()
        self._show_step()

    def save(self) -> None:
        self.flow.reason = self.reason.toPlainText()
        changes = record_assessment(self.session.conn, self.flow)
        self.session.apply(changes)
        self.accept()

    @property
    def at_conclusion(self) -> bool:
        return self.step == CONCLUSION
