"""The decision helper's window: one yes/no question at a time, then the conclusion to record.

The questions, their order and the conclusion come from ``app.areas.sharing.decision`` (Qt-free,
tested there); this window only shows them and saves through ``save_decision``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.sharing.decision import QUESTIONS, asked, conclude, next_question
from app.areas.sharing.use_cases import (
    conclusion_summary,
    next_decision_reference,
    save_decision,
)
from app.dates import show_date_pattern
from app.i18n import _
from app.registers.records import ValidationError
from ui.screen_fit import resize_to_fit
from ui.session import Session

_LABELS = {question.key: question.label for question in QUESTIONS}


class DecisionDialog(QDialog):
    """委託・共同利用・第三者提供: asks, concludes, and records the answers with the conclusion."""

    def __init__(self, session: Session, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.answers: dict[str, bool | None] = {}
        self.setWindowTitle(_("Decision helper: entrustment, joint use or provision"))
        self.progress = QListWidget()
        self.progress.setMaximumHeight(150)
        self.question = QLabel()
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.question.setFont(font)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.yes = QPushButton(_("Yes"))
        self.no = QPushButton(_("No"))
        self.back = QPushButton(_("Back"))
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self.back.clicked.connect(self.go_back)
        asking = QWidget()
        asking_layout = QVBoxLayout(asking)
        asking_layout.addWidget(self.question)
        asking_layout.addWidget(self.help)
        asking_layout.addStretch(1)
        choice = QDialogButtonBox()
        choice.addButton(self.yes, QDialogButtonBox.ButtonRole.ActionRole)
        choice.addButton(self.no, QDialogButtonBox.ButtonRole.ActionRole)
        asking_layout.addWidget(choice)

        self.conclusion = QLabel()
        self.conclusion.setWordWrap(True)
        self.conclusion.setFont(font)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.ref = QLineEdit(next_decision_reference(session.conn, today))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. ギフトのお届け先を会員生協へ"))
        self.decided_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.decided_on.setDisplayFormat(show_date_pattern())
        self.decided_on.setCalendarPopup(True)
        self.ground = QLineEdit()
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        concluded = QWidget()
        concluded_layout = QVBoxLayout(concluded)
        concluded_layout.addWidget(self.conclusion)
        concluded_layout.addWidget(self.reason)
        form = QFormLayout()
        form.addRow(_("Reference"), self.ref)
        form.addRow(_("Data flow"), self.title_edit)
        form.addRow(_("Decided on"), self.decided_on)
        self.ground_label = QLabel(_("Legal ground of the exemption"))
        form.addRow(self.ground_label, self.ground)
        concluded_layout.addLayout(form)
        concluded_layout.addWidget(self.errors)
        concluded_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(asking)
        self.pages.addWidget(concluded)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(_("Record the decision"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        buttons.addButton(self.back, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Answers so far")))
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 720, 560)
        self.refresh()

    def answer(self, value: bool) -> None:
        question = next_question(self.answers)
        if question is not None:
            self.answers[question.key] = value
        self.refresh()

    def go_back(self) -> None:
        path = asked(self.answers)
        answered = [key for key in path if self.answers.get(key) is not None]
        if answered:
            del self.answers[answered[-1]]
        self.refresh()

    def refresh(self) -> None:
        self.progress.clear()
        for key in asked(self.answers):
            if self.answers.get(key) is not None:
                word = _("Yes") if self.answers[key] else _("No")
                self.progress.addItem(
                    _("{question}: {answer}").format(question=_(_LABELS[key]), answer=word)
                )
        self.back.setEnabled(bool(self.answers))
        question = next_question(self.answers)
        if question is not None:
            self.question.setText(_(question.text))
            self.help.setText(_(question.help))
            self.pages.setCurrentIndex(0)
            self.save_button.setEnabled(False)
            return
        conclusion = conclude(self.answers)
        assert conclusion is not None
        flow, basis = conclusion_summary(self.session.conn, self.answers)
        needed = (
            _("A provision record is needed.")
            if conclusion.record_needed
            else _("No provision record is needed.")
        )
        if conclusion.flow_class == "not_permitted":  # the reason says what a provision would need
            self.conclusion.setText(flow)
        else:
            self.conclusion.setText(
                _("{conclusion}. {record}").format(conclusion=flow, record=needed)
            )
        basis_line = _("Basis of the record: {basis}").format(basis=basis) if basis else ""
        self.reason.setText("\n".join(filter(None, (_(conclusion.reason), basis_line))))
        exempt = conclusion.flow_class == "third_party_exempt"
        self.ground.setVisible(exempt)
        self.ground_label.setVisible(exempt)
        self.pages.setCurrentIndex(1)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        picked = self.decided_on.date()
        try:
            changes = save_decision(
                self.session.conn,
                ref=self.ref.text(),
                title=self.title_edit.text(),
                decided_on=date(picked.year(), picked.month(), picked.day()),
                answers=self.answers,
                exemption_ground=self.ground.text() or None,
            )
        except ValidationError as exc:
            self.errors.setText("\n".join(exc.errors.values()))
            return
        self.session.apply(changes)
        self.accept()
