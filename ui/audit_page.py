"""The audit trail: every change, newest first, with filters, a before/after pane and "Verify now".

The table is ``AuditTableModel`` (lazily paged, filters in SQL). Selecting an entry shows the fields
it recorded with their values before and after, changed ones emphasised. "Verify now" runs
``app.verify.verify_workspace`` as a background job on its own connection.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.audit_labels import describe_details
from app.audit_view import (
    ACTION_TITLES,
    AuditFilter,
    action_title,
    field_changes,
    format_when,
    register_title,
)
from app.dates import show_date_pattern
from app.i18n import _, ngettext
from app.jobs import Cancelled, Progress
from app.registers.registry import all_registers
from app.storage.audit import AuditEntry
from app.storage.database import Connection
from app.verify import VerifyReport, full_check
from ui.audit_model import AuditTableModel, Column
from ui.errors import show_error
from ui.icons import icon
from ui.jobs import on_own_connection, run_job
from ui.pages import Page
from ui.session import Session
from ui.widgets.style import muted

FILTER_DELAY_MS = 300
PROBLEM_LIST_MAX_HEIGHT = 160
CHANGED_BACKGROUND = QColor("#FFF4CE")
OK_STYLE = "#verifyBanner { background: #E8F5E9; border: 1px solid #81C784; border-radius: 4px; }"
PROBLEM_STYLE = (
    "#verifyBanner { background: #FFEBEE; border: 1px solid #E57373; border-radius: 4px; }"
)


def _bold(widget: QWidget, factor: float = 1.0) -> None:
    font = widget.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


class DateLimit(QWidget):
    """A checkable date: unchecked means "no limit"."""

    changed = Signal()

    def __init__(self, caption: str, default: date) -> None:
        super().__init__()
        self.check = QCheckBox(caption)
        self.edit = QDateEdit(QDate(default.year, default.month, default.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(show_date_pattern())
        self.edit.setEnabled(False)
        self.check.setToolTip(_("Untick for no limit"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self._date_changed)

    def _date_changed(self) -> None:
        if self.check.isChecked():
            self.changed.emit()

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))
        self.check.setChecked(value is not None)


class EntryDetail(QStackedWidget):
    """What one entry recorded: its facts, the fields before → after, and any other details."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.entry: AuditEntry | None = None

        placeholder = muted(QLabel(_("Select an entry to see what it recorded.")))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.addWidget(placeholder)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(10)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        _bold(self.heading, 1.15)
        layout.addWidget(self.heading)

        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        facts.setHorizontalSpacing(12)
        facts.setVerticalSpacing(4)
        self.when_label = QLabel()
        self.user_label = QLabel()
        self.entry_label = QLabel()
        self.hash_label = muted(QLabel())
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(_("When"), self.when_label)
        facts.addRow(_("User"), self.user_label)
        facts.addRow(_("Entry"), self.entry_label)
        facts.addRow(_("Hash"), self.hash_label)
        layout.addLayout(facts)

        self.fields_caption = QLabel(_("Fields"))
        _bold(self.fields_caption)
        layout.addWidget(self.fields_caption)
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels([_("Field"), _("Before"), _("After")])
        self.fields.verticalHeader().hide()
        self.fields.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields.setWordWrap(True)
        self.fields.setAlternatingRowColors(False)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.fields, 3)

        self.changed_hint = muted(QLabel(_("Highlighted fields were changed by this entry.")))
        layout.addWidget(self.changed_hint)

        self.details_caption = QLabel(_("Details"))
        _bold(self.details_caption)
        layout.addWidget(self.details_caption)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        layout.addWidget(self.details, 1)
        self.addWidget(page)

    def show_entry(self, entry: AuditEntry | None) -> None:
        self.entry = entry
        if entry is None:
            self.setCurrentIndex(0)
            return
        parts = [action_title(entry.action), register_title(entry.register)]
        if entry.record_label or entry.record_id is not None:
            parts.append(entry.record_label or f"#{entry.record_id}")
        self.heading.setText(" — ".join(part for part in parts if part))
        self.when_label.setText(format_when(entry.at))
        self.user_label.setText(entry.os_user)
        self.entry_label.setText(f"#{entry.id}")
        self.hash_label.setText(entry.hash[:16] + "…")
        self.hash_label.setToolTip(entry.hash)

        changes = field_changes(self.session.conn, entry)
        self.fields.setRowCount(len(changes))
        bold = QFont(self.fields.font())
        bold.setBold(True)
        for row, change in enumerate(changes):
            cells = (change.label, change.before, change.after)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if change.changed:
                    item.setFont(bold)
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                self.fields.setItem(row, column, item)
        has_fields = bool(changes)
        self.fields_caption.setVisible(has_fields)
        self.fields.setVisible(has_fields)
        self.changed_hint.setVisible(any(change.changed for change in changes))
        details = describe_details(entry.detail, entry.register)
        self.details.setPlainText(details)
        self.details_caption.setVisible(bool(details))
        self.details.setVisible(bool(details))
        self.setCurrentIndex(1)

    def changed_fields(self) -> list[str]:
        """Labels of the highlighted rows (for tests and accessibility)."""
        result = []
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 0)
            if item is not None and item.font().bold():
                result.append(item.text())
        return result

    def row_values(self, label: str) -> tuple[str, str] | None:
        for row in range(self.fields.rowCount()):
            name = self.fields.item(row, 0)
            if name is not None and name.text() == label:
                before, after = self.fields.item(row, 1), self.fields.item(row, 2)
                return (before.text() if before else "", after.text() if after else "")
        return None


class VerifyBanner(QFrame):
    """The outcome of the last verification: OK with counts, or the list of problems."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("verifyBanner")
        self.picture = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        _bold(self.message)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.dismiss = QPushButton(_("Dismiss"))
        self.dismiss.setFlat(True)
        self.dismiss.clicked.connect(self.hide)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 8, 8)
        grid.setHorizontalSpacing(10)
        grid.addWidget(self.picture, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.message, 0, 1)
        grid.addWidget(self.dismiss, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.problems, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.hide()

    def show_report(self, report: VerifyReport) -> None:
        self.problems.clear()
        if report.ok:
            self.setStyleSheet(OK_STYLE)
            self.picture.setPixmap(icon("verify").pixmap(24, 24))
            self.message.setText(
                ngettext(
                    "The workspace is intact: {entries} audit entry and {records} records agree.",
                    "The workspace is intact: {entries} audit entries and {records} records agree.",
                    report.entries,
                ).format(entries=f"{report.entries:,}", records=f"{report.records:,}")
            )
            self.problems.hide()
        else:
            self.setStyleSheet(PROBLEM_STYLE)
            self.picture.setPixmap(icon("warning").pixmap(24, 24))
            self.message.setText(
                ngettext(
                    "Verification found {n} problem. Restore a backup copy or ask for help.",
                    "Verification found {n} problems. Restore a backup copy or ask for help.",
                    len(report.problems),
                ).format(n=len(report.problems))
            )
            self.problems.addItems([problem.message for problem in report.problems])
            rows = sum(self.problems.sizeHintForRow(row) for row in range(self.problems.count()))
            frame = 2 * self.problems.frameWidth() + 4
            self.problems.setFixedHeight(min(PROBLEM_LIST_MAX_HEIGHT, rows + frame))
            self.problems.show()
        self.show()

    def problem_texts(self) -> list[str]:
        return [self.problems.item(row).text() for row in range(self.problems.count())]


class AuditPage(Page):
    watched: frozenset[str] = frozenset()
    verify_finished = Signal(object)  # VerifyReport, or the exception that stopped it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.last_report: VerifyReport | None = None
        self._verifying = False

        heading = QLabel(_("Audit trail"))
        _bold(heading, 1.5)
        subtitle = muted(
            QLabel(
                _(
                    "Every change to the workspace, newest first. Entries are hash-chained, so "
                    "any later alteration is found by Verify."
                )
            )
        )
        subtitle.setWordWrap(True)
        self.verify_button = QPushButton(icon("verify"), _("Verify now"))
        self.verify_button.setToolTip(
            _("Check the encryption, the database, the audit chain and every record")
        )
        self.verify_button.clicked.connect(self.verify)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading)
        titles.addWidget(subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = VerifyBanner()

        self.model = AuditTableModel(lambda: self.session.conn, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(True)
        width = self.table.fontMetrics().horizontalAdvance("0000-00-00 00:00:00") + 24
        for column, size in (
            (Column.WHEN, width),
            (Column.USER, 80),
            (Column.ACTION, 110),
            (Column.REGISTER, 130),
        ):
            self.table.setColumnWidth(column, size)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.detail.show_entry(None))

        self.detail = EntryDetail(session)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 400])
        splitter.setChildrenCollapsible(False)

        self.status = muted(QLabel())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(self._filter_bar())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._update_status()

    def title(self) -> str:
        return _("Audit trail")

    # ----- filters ------------------------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        self.register_combo = QComboBox()
        self.register_combo.addItem(_("All registers"), None)
        for defn in all_registers():
            self.register_combo.addItem(_(defn.title), defn.key)
        self.action_combo = QComboBox()
        self.action_combo.addItem(_("All actions"), None)
        for action in ACTION_TITLES:
            self.action_combo.addItem(action_title(action), action)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText(_("Record name, code or #id"))
        self.record_edit.setClearButtonEnabled(True)
        self.record_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.record_edit.setMinimumWidth(180)
        today = date.today()
        self.date_from = DateLimit(_("From"), date(today.year, today.month, 1))
        self.date_to = DateLimit(_("To"), today)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.register_combo.currentIndexChanged.connect(self.apply_filters)
        self.action_combo.currentIndexChanged.connect(self.apply_filters)
        self.record_edit.textChanged.connect(self._filter_timer.start)
        self.record_edit.returnPressed.connect(self.apply_filters)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        filter_icon = QLabel()
        filter_icon.setPixmap(icon("filter").pixmap(18, 18))
        bar.addWidget(filter_icon)
        bar.addWidget(self.register_combo)
        bar.addWidget(self.action_combo)
        bar.addWidget(self.record_edit, 1)
        bar.addSpacing(8)
        bar.addWidget(self.date_from)
        bar.addWidget(self.date_to)
        bar.addWidget(self.clear_button)
        return bar

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            register=self.register_combo.currentData(),
            action=self.action_combo.currentData(),
            record=self.record_edit.text().strip(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_status()

    def _set_filter_widgets(self, audit_filter: AuditFilter) -> None:
        widgets = (self.register_combo, self.action_combo, self.record_edit, self.date_from)
        for widget in (*widgets, self.date_to):
            widget.blockSignals(True)
        try:
            self.register_combo.setCurrentIndex(
                max(0, self.register_combo.findData(audit_filter.register))
            )
            self.action_combo.setCurrentIndex(
                max(0, self.action_combo.findData(audit_filter.action))
            )
            self.record_edit.setText(audit_filter.record)
            self.date_from.set_value(audit_filter.date_from)
            self.date_to.set_value(audit_filter.date_to)
        finally:
            for widget in (*widgets, self.date_to):
                widget.blockSignals(False)
        self.apply_filters()

    def clear_filters(self) -> None:
        self._set_filter_widgets(AuditFilter())

    def show_record(self, register: str, record_id: int) -> None:
        """Show the history of one record (the register pages' "History…")."""
        self._set_filter_widgets(AuditFilter(register=register, record=f"#{record_id}"))
        if self.model.rowCount():
            self.select_row(0)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # ----- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.session.locked:
            return
        self.model.refresh()
        self._update_status()

    def _update_status(self) -> None:
        total = self.model.count_matching()
        if self.model.filter.active:
            text = ngettext(
                "{n} entry matches the filters.", "{n} entries match the filters.", total
            )
        else:
            text = ngettext(
                "{n} entry in the audit trail.", "{n} entries in the audit trail.", total
            )
        self.status.setText(text.format(n=f"{total:,}"))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_entry(self.model.entry(current.row()) if current.isValid() else None)

    # ----- verification -------------------------------------------------------------------------

    def verify(self) -> None:
        if self._verifying:
            return
        workspace = self.session.workspace

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> VerifyReport:
            return full_check(workspace, conn, progress=progress, cancelled=cancelled)

        self._verifying = True
        self.verify_button.setEnabled(False)
        self.banner.hide()
        job_handle = run_job(
            self,
            _("Verifying the workspace"),
            on_own_connection(workspace, job),
            self._verified,
            self._verify_failed,
        )
        job_handle.cancelled.connect(self._verify_cancelled)

    def _verify_done(self) -> None:
        self._verifying = False
        self.verify_button.setEnabled(True)

    def _verified(self, report: VerifyReport) -> None:
        self._verify_done()
        self.last_report = report
        self.banner.show_report(report)
        self.verify_finished.emit(report)

    def _verify_failed(self, exc: BaseException) -> None:
        self._verify_done()
        show_error(self, exc, _("Verify"))
        self.verify_finished.emit(exc)

    def _verify_cancelled(self) -> None:
        self._verify_done()
        self.verify_finished.emit(None)
