"""Internal-audit coverage of a fiscal year (C-AUDIT): which departments were audited, which are in
the plan but not yet audited, and the findings of each. Figures from
``app.areas.assurance.coverage.audit_coverage``, the same the dashboard and chapter 12 use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.areas.assurance.coverage import AuditCoverage, audit_coverage
from app.areas.assurance.registers import AUDIT_PLANS, AUDITS, FINDINGS
from app.areas.training.coverage import current_fiscal_year
from app.dates import show_date
from app.i18n import N_, _
from ui.pages import Page
from ui.session import Session

COLUMNS = (
    N_("Department code"),
    N_("Department"),
    N_("In the plan"),
    N_("Audited on"),
    N_("Audits"),
    N_("Findings"),
)
MISSING = QColor("#fdecea")
YEARS_SHOWN = 5


class AuditCoveragePage(Page):
    watched = frozenset({AUDITS.key, AUDIT_PLANS.key, FINDINGS.key, "departments"})
    open_record = Signal(str, object)

    def __init__(
        self, session: Session, *, today: Callable[[], date] = date.today, parent=None
    ) -> None:
        super().__init__(session, parent)
        self._today = today
        self.coverage: AuditCoverage | None = None
        self.year = QComboBox()
        self.year.setObjectName("coverageYear")
        current = current_fiscal_year(session.conn, today())
        for year in range(current, current - YEARS_SHOWN, -1):
            self.year.addItem(_("Fiscal year {year}").format(year=year), year)
        self.year.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open)
        hint = QLabel(
            _(
                "Every department is audited at least once a fiscal year (JIS Q 15001 A.3.7.2). "
                "Departments not yet audited are shaded. Double-click a row to open its latest "
                "audit."
            )
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Fiscal year")))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.refresh()

    def title(self) -> str:
        return _("Audit coverage")

    def refresh(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        coverage = audit_coverage(self.session.conn, int(year))
        self.coverage = coverage
        self.summary.setText(
            _(
                "Fiscal year {year} ({start} to {end}): {covered} of {total} departments audited; "
                "{missing} not yet."
            ).format(
                year=year,
                start=show_date(coverage.start),
                end=show_date(coverage.end),
                covered=coverage.covered,
                total=coverage.total,
                missing=coverage.total - coverage.covered,
            )
        )
        self.table.setRowCount(len(coverage.departments))
        for row, department in enumerate(coverage.departments):
            cells = (
                department.code,
                department.name,
                "○" if department.planned else "",
                show_date(department.audits[-1][2]) if department.audits else _("Not yet"),
                "、".join(code for _id, code, _day in department.audits),
                str(department.findings) if department.audits else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not department.covered:
                    item.setBackground(QBrush(MISSING))
                if column in (2, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)

    def _open(self, row: int, _column: int) -> None:
        if self.coverage is None:
            return
        department = self.coverage.departments[row]
        if department.audits:
            self.open_record.emit(AUDITS.key, department.audits[-1][0])
