"""The retention purge page: the closed records past their retention, to erase their personal
details (``app.registers.purge``). Checked rows are purged after a confirmation that says what
stays (the anonymised record the statistics count) and what goes (names, contacts, free text,
also in the audit trail's earlier entries)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import format_date
from app.i18n import N_, _, ngettext
from app.registers.purge import PurgeCandidate, purge_candidates, purge_records
from app.registers.records import Changes
from app.registers.registry import get_register
from ui.jobs import JobRunner, describe_failure, run_job
from ui.pages import Page
from ui.session import Session

COLUMNS = (N_("Register"), N_("Number"), N_("Closed or answered on"), N_("Kept until"))


class PurgePage(Page):
    watched = frozenset({"data_requests", "complaint_cases", "incidents", "organisation"})

    def __init__(
        self, session: Session, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.today = today
        self.candidates: list[PurgeCandidate] = []
        self.loader = JobRunner(self)
        heading = QLabel(_("Retention purge"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            _(
                "Closed records kept longer than the retention years of the organisation "
                "settings. Erasing removes the names, contacts and free text for good — from the "
                "record, its search index and the audit trail's earlier entries — and keeps an "
                "anonymised record (type, dates, decision) for the statistics and the board "
                "report. Backups taken before keep the details until they are deleted."
            )
        )
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.erase_button = QPushButton(_("Erase the checked records' personal details…"))
        self.erase_button.clicked.connect(self.confirm_and_erase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def title(self) -> str:
        return _("Retention purge")

    def refresh(self) -> None:
        day = self.today()
        self.loader.run_on_database(
            self.session.workspace,
            lambda conn, _progress, _cancelled: purge_candidates(conn, day),
            self._show,
            on_failed=lambda exc: self.status.setText(describe_failure(exc)),
        )

    def _show(self, candidates: list[PurgeCandidate]) -> None:
        self.candidates = candidates
        self.table.setRowCount(len(candidates))
        for row, candidate in enumerate(candidates):
            first = QTableWidgetItem(_(get_register(candidate.register).title))
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, first)
            cells = (
                candidate.label,
                format_date(candidate.closed_on, "slash"),
                format_date(candidate.kept_until, "slash"),
            )
            for column, text in enumerate(cells, start=1):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.status.setText(
            ngettext(
                "{count} record is past its retention.",
                "{count} records are past their retention.",
                len(candidates),
            ).format(count=len(candidates))
            if candidates
            else _("No closed record is past its retention.")
        )
        self.erase_button.setEnabled(bool(candidates))

    def checked(self) -> list[PurgeCandidate]:
        return [
            candidate
            for row, candidate in enumerate(self.candidates)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def confirm_and_erase(self, *, ask: bool = True) -> None:
        chosen = self.checked()
        if not chosen:
            return
        if ask:
            answer = QMessageBox.question(
                self,
                _("Retention purge"),
                ngettext(
                    "Erase the personal details of {count} record for good? This cannot be undone.",
                    "Erase the personal details of {count} records for good? This cannot be undone.",
                    len(chosen),
                ).format(count=len(chosen)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.erase(chosen)

    def erase(self, chosen: list[PurgeCandidate]) -> None:
        day = self.today()
        by_register: dict[str, list[int]] = {}
        for candidate in chosen:
            by_register.setdefault(candidate.register, []).append(candidate.record_id)
        workspace = self.session.workspace

        def work(progress: Any, cancelled: Any) -> Changes:
            conn = workspace.connect()
            try:
                registers: set[str] = set()
                for register, ids in by_register.items():
                    result = purge_records(
                        conn, register, ids, day, progress=progress, cancelled=cancelled
                    )
                    registers |= result.registers
                return Changes(frozenset(registers), None, len(chosen))
            finally:
                conn.close()

        run_job(self, _("Erasing personal details…"), work, self._done)

    def _done(self, changes: Changes) -> None:
        self.session.apply(changes)
        self.refresh()
