"""The review area's commands on its register pages: new operation checks for a period, raising
corrective actions from "no" answers and review action items, and gathering a management review's
figures. Each calls one use case of ``app.areas.review`` and hands its ``Changes`` to the session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.areas.review import reviews
from app.areas.review.actions import raise_for_answer, raise_for_check, raise_review_actions
from app.areas.review.mr_inputs import prefill_review
from app.areas.review.opchecks import (
    current_quarter,
    departments_without_check,
    new_checks_for_period,
)
from app.dates import show_date_pattern
from app.errors import MamoriError
from app.i18n import _, current_language, ngettext
from app.registers.records import Changes
from ui.errors import show_error
from ui.jobs import on_own_connection, run_job
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.session import Session


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class NewChecksDialog(QDialog):
    """Asks for the period; creates a check with its checklist for every department lacking one."""

    def __init__(self, session: Session, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.changes: Changes | None = None
        self.setWindowTitle(_("New operation checks"))
        start, end = current_quarter(session.conn, today)
        if not departments_without_check(session.conn, start):  # this quarter is done: the next
            start, end = current_quarter(session.conn, end + timedelta(days=1))
        self.start = QDateEdit(_qdate(start))
        self.end = QDateEdit(_qdate(end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(show_date_pattern())
            edit.dateChanged.connect(self._count)
        explanation = QLabel(
            _(
                "Each active department gets an operation check for the period, with one row per "
                "check item (the items are kept in Settings › Catalogues). The department's "
                "manager answers it."
            )
        )
        explanation.setWordWrap(True)
        self.count = QLabel()
        self.count.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Period from"), self.start)
        form.addRow(_("Period to"), self.end)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self._count()
        resize_to_fit(self, 520, 280)

    def _count(self) -> None:
        missing = len(departments_without_check(self.session.conn, _date(self.start.date())))
        self.count.setText(
            ngettext(
                "{count} department will get a checklist.",
                "{count} departments will get a checklist.",
                missing,
            ).format(count=missing)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(missing > 0)

    def create(self) -> None:
        try:
            self.changes = new_checks_for_period(
                self.session.conn, _date(self.start.date()), _date(self.end.date())
            )
        except MamoriError as exc:
            show_error(self, exc)
            return
        self.session.apply(self.changes)
        self.accept()


def _apply(window: MainWindow, work: Callable[[], Changes], message: str) -> None:
    try:
        changes = work()
    except MamoriError as exc:
        show_error(window, exc)
        return
    window.session.apply(changes)
    window.statusBar().showMessage(message.format(count=changes.count), 10_000)


def new_checks(window: MainWindow) -> Callable[[], Any]:
    def run() -> NewChecksDialog:
        dialog = NewChecksDialog(window.session, window.today(), window)
        dialog.accepted.connect(
            lambda: window.statusBar().showMessage(
                _("Operation checks created: {count}.").format(
                    count=dialog.changes.count if dialog.changes else 0
                ),
                10_000,
            )
        )
        dialog.open()
        return dialog

    return run


def raise_check_actions(window: MainWindow) -> Callable[[int], None]:
    return lambda record_id: _apply(
        window,
        lambda: raise_for_check(window.session.conn, record_id, today=window.today()),
        _("Corrective actions raised: {count}."),
    )


def raise_answer_action(window: MainWindow) -> Callable[[int], None]:
    return lambda record_id: _apply(
        window,
        lambda: raise_for_answer(window.session.conn, record_id, today=window.today()),
        _("Corrective actions raised: {count}."),
    )


def raise_review_items(window: MainWindow) -> Callable[[int], None]:
    return lambda record_id: _apply(
        window,
        lambda: raise_review_actions(window.session.conn, record_id, today=window.today()),
        _("Corrective actions raised: {count}."),
    )


def gather_review_figures(window: MainWindow) -> Callable[[int], None]:
    """Runs off the GUI thread: the figures come from every chapter of the board report."""

    def run(record_id: int) -> None:
        language, today = current_language(), window.today()

        def job(conn: Any, _progress: Any, _cancelled: Any) -> Changes:
            return prefill_review(conn, record_id, language=language, today=today)

        def done(changes: Changes) -> None:
            window.session.apply(changes)
            window.statusBar().showMessage(
                _("The seven inputs now hold the figures of the review period."), 10_000
            )

        run_job(
            window,
            _("Gathering the figures…"),
            on_own_connection(window.session.workspace, job),
            done,
            lambda exc: show_error(window, exc),
        )

    return run


def mark_reviewed(window: MainWindow, register: str) -> Callable[[int], None]:
    return lambda record_id: _apply(
        window,
        lambda: reviews.mark_reviewed(
            window.session.conn, register, record_id, today=window.today()
        ),
        _("Recorded as reviewed today; the next review falls due a year on."),
    )
