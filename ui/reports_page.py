"""Reports: the board (理事会) privacy report — choose, preview, write the narrative, generate.

The officer picks a period (a fiscal year, or any date range), the report's language and its
sections, then "Preview" builds the snapshot on the database thread (``app.board.report``) and shows
each section's KPIs with a traffic light and an editor for the board narrative. "Generate" writes
the PDF and/or the Excel workbook (``reports/``) in the background, optionally with a password for
copies that leave the office, and keeps the report (snapshot, narrative, hash) in the workspace.
Previously generated reports are listed; "Regenerate" writes one again from its stored snapshot, so
its content hash is the same as the first time.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.training.coverage import current_fiscal_year, organisation_settings
from app.board.comments import latest_input
from app.board.generate import Generated, generate_report, regenerate_report
from app.board.snapshot import Kpi, Section, Snapshot
from app.dates import show_date_pattern, show_datetime
from app.i18n import _, ngettext
from app.jobs import Cancelled, JobCancelledError, Progress
from app.registers.records import Changes
from app.text import join_list
from ui.board_requests import OfficerInputEditor
from ui.dashboard_page import format_day
from ui.errors import show_error
from ui.icons import icon
from ui.jobs import Job, run_job
from ui.pages import Page
from ui.passphrase_widgets import InlineMessage, PassphraseEdit
from ui.session import Session
from ui.widgets.bar_chart import FAIR_COLOUR, GOOD_COLOUR, POOR_COLOUR
from ui.widgets.style import CARD_OBJECT_NAME, CARD_STYLE, muted, scaled_font

PDF, XLSX = "pdf", "xlsx"
REPORTS_REGISTER = "board_reports"  # the audit trail's name for kept reports
STATUS_COLOURS = {
    "good": GOOD_COLOUR,
    "watch": FAIR_COLOUR,
    "bad": POOR_COLOUR,
    "none": "#90A4AE",
}
YEARS_BACK = 5  # fiscal years offered before the current one
LANGUAGES = (("ja", "日本語"), ("en", "English"))  # each in its own language, never translated


def status_title(status: str) -> str:
    if status == "good":
        return _("On target")
    if status == "watch":
        return _("Watch")
    if status == "bad":
        return _("Off target")
    return _("No target")


# ----- the parts written in app/ and reports/ (imported late: they load reportlab/openpyxl) ------


def _board() -> Any:
    return importlib.import_module("app.board.report")


def renderers() -> dict[str, Any]:
    """The report writers of ``reports/`` handed to the generation use case in ``app/``."""
    return {
        PDF: importlib.import_module("reports.pdf_report").write_pdf,
        XLSX: importlib.import_module("reports.xlsx_report").write_xlsx,
    }


@dataclass(frozen=True)
class SectionChoice:
    key: str
    title: str  # translated, in the UI language


def section_choices() -> list[SectionChoice]:
    """The registry's sections in report order (empty while ``app.board.sections`` is missing)."""
    try:
        definitions = importlib.import_module("app.board.sections").all_sections()
    except ImportError:
        return []
    return [SectionChoice(definition.key, _(definition.title)) for definition in definitions]


@dataclass(frozen=True)
class StoredReport:
    """A row of the previous-reports list."""

    id: int
    generated_at: str
    period_label: str
    language: str
    short_hash: str


def stored_reports(conn: Any) -> list[StoredReport]:
    return [
        StoredReport(
            id=info.id,
            generated_at=info.created_at,
            period_label=info.period_label,
            language=info.language,
            short_hash=info.short_hash,
        )
        for info in _board().list_reports(conn)
    ]


def format_value(kpi: Kpi) -> str:
    """A KPI's figure as shown on the page (the same way for every section)."""
    value = kpi.value
    if value is None:
        return "—"
    if isinstance(value, bool):
        text = _("Yes") if value else _("No")
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, float):
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    else:
        text = str(value)
    if not kpi.unit:
        return text
    return (
        f"{text}{kpi.unit}" if kpi.unit in ("%", "％", "件", "人", "名") else f"{text} {kpi.unit}"
    )


def format_timestamp(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # stored in UTC, shown in the officer's time
    return show_datetime(moment)


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName(CARD_OBJECT_NAME)
    card.setStyleSheet(CARD_STYLE)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    if title:
        heading = QLabel(title)
        scaled_font(heading, 1.05, bold=True)
        layout.addWidget(heading)
    return card, layout


class TrafficLight(QLabel):
    """A round dot in the status colour, with the status as its tooltip and accessible name."""

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status
        side = 12
        self.setFixedSize(side, side)
        colour = STATUS_COLOURS.get(status, STATUS_COLOURS["none"])
        self.setStyleSheet(f"background: {colour}; border-radius: {side // 2}px;")
        self.setToolTip(status_title(status))
        self.setAccessibleName(status_title(status))


class SectionCard(QFrame):
    """One section of the preview: its summary, KPIs with traffic lights, and the narrative."""

    narrative_changed = Signal(str, str)  # section key, text

    def __init__(self, section: Section, narrative: str) -> None:
        super().__init__()
        self.section = section
        self.setObjectName(CARD_OBJECT_NAME)
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(8)

        heading = QHBoxLayout()
        heading.setSpacing(8)
        worst = _worst_status(section.kpis)
        if worst != "none":
            heading.addWidget(TrafficLight(worst), 0, Qt.AlignmentFlag.AlignVCenter)
        title = QLabel(section.title)
        scaled_font(title, 1.15, bold=True)
        heading.addWidget(title)
        heading.addStretch(1)
        counts = muted(QLabel(_kpi_count_text(section)))
        heading.addWidget(counts)
        layout.addLayout(heading)

        summary_text = section.empty or section.summary
        if summary_text:
            summary = QLabel(summary_text)
            summary.setWordWrap(True)
            summary.setTextFormat(Qt.TextFormat.PlainText)
            if section.empty:
                muted(summary)
            layout.addWidget(summary)

        self.value_labels: dict[str, QLabel] = {}
        if section.kpis:
            grid = QGridLayout()
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(5)
            grid.setColumnStretch(1, 1)
            grid.setColumnMinimumWidth(2, 130)  # the same columns in every card
            grid.setColumnMinimumWidth(3, 260)
            for row, kpi in enumerate(section.kpis):
                grid.addWidget(TrafficLight(kpi.status), row, 0, Qt.AlignmentFlag.AlignVCenter)
                label = QLabel(kpi.label)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                if kpi.definition:
                    label.setToolTip(kpi.definition)
                grid.addWidget(label, row, 1)
                value = QLabel(format_value(kpi))
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                scaled_font(value, 1.05, bold=True)
                if kpi.status in ("watch", "bad"):
                    value.setStyleSheet(f"color: {STATUS_COLOURS[kpi.status]};")
                grid.addWidget(value, row, 2)
                self.value_labels[kpi.label] = value
                target = muted(QLabel(_target_text(kpi)))
                target.setTextFormat(Qt.TextFormat.PlainText)
                grid.addWidget(target, row, 3)
            layout.addLayout(grid)

        caption = QLabel(_("Board narrative (findings, decisions requested)"))
        scaled_font(caption, 0.95, bold=True)
        caption.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(caption)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName(f"narrative_{section.key}")
        self.editor.setPlaceholderText(
            _("Write what the board should know about this section; it is printed under it.")
        )
        self.editor.setAccessibleName(
            _("Board narrative for {section}").format(section=title.text())
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(narrative)
        line = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(line * 3 + 16)
        self.editor.setMaximumHeight(line * 7 + 16)
        self.editor.textChanged.connect(
            lambda: self.narrative_changed.emit(section.key, self.editor.toPlainText())
        )
        layout.addWidget(self.editor)


def _worst_status(kpis: list[Kpi]) -> str:
    order = ("bad", "watch", "good")
    statuses = {kpi.status for kpi in kpis}
    return next((status for status in order if status in statuses), "none")


def _kpi_count_text(section: Section) -> str:
    if not section.kpis:
        return ""
    off = sum(1 for kpi in section.kpis if kpi.status in ("watch", "bad"))
    if not off:
        return ngettext("{n} indicator", "{n} indicators", len(section.kpis)).format(
            n=len(section.kpis)
        )
    return ngettext(
        "{n} indicator, {off} to watch", "{n} indicators, {off} to watch", len(section.kpis)
    ).format(n=len(section.kpis), off=off)


def _target_text(kpi: Kpi) -> str:
    parts = []
    if kpi.target:
        parts.append(_("target {target}").format(target=kpi.target))
    if kpi.previous is not None:
        previous = dataclasses.replace(kpi, value=kpi.previous)
        parts.append(_("previous {value}").format(value=format_value(previous)))
    return " · ".join(parts)


# ----- the page -------------------------------------------------------------------------------


class ReportsPage(Page):
    preview_ready = Signal()
    generated = Signal(object)  # Generated
    failed = Signal(object)  # the exception
    watched = frozenset()  # any change may alter the figures: the preview goes out of date

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        output_folder: Path | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._fixed_today = today
        self.snapshot: Snapshot | None = None
        self.narrative: dict[str, str] = {}
        self._kept_narrative: dict[str, str] = {}  # as stored with the last generated report
        self._generating_narrative: dict[str, str] = {}
        self.section_cards: dict[str, SectionCard] = {}
        self.last_generated: Generated | None = None
        self.reports: list[StoredReport] = []
        self.job: Job | None = None
        self._stale = False
        self._generation = 0

        self.title_label = QLabel(_("Board privacy report"))
        scaled_font(self.title_label, 1.6, bold=True)
        subtitle = muted(
            QLabel(
                _(
                    "The privacy report to the board (理事会): choose what it covers, preview the"
                    " figures, add your narrative, then generate the PDF or Excel copy."
                )
            )
        )
        subtitle.setWordWrap(True)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title_label)
        header.addWidget(subtitle)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_settings())
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_output())

        if output_folder is None:
            output_folder = Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home()
            )
        self.folder_edit.setText(str(output_folder))
        self._load_years()
        self._update_buttons()
        self.refresh()

    def title(self) -> str:
        return _("Board report")

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    # ----- building -----------------------------------------------------------------------------

    def _build_settings(self) -> QWidget:
        # Period
        period_card, period = _card(_("Period"))
        self.fiscal_radio = QRadioButton(_("Fiscal year"))
        self.custom_radio = QRadioButton(_("Date range"))
        self.period_group = QButtonGroup(self)
        self.period_group.addButton(self.fiscal_radio)
        self.period_group.addButton(self.custom_radio)
        self.fiscal_radio.setChecked(True)
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(_("Fiscal year"))
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, name in ((self.from_edit, _("From")), (self.to_edit, _("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(show_date_pattern())
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._settings_changed)
        self.range_message = InlineMessage()
        period.addWidget(self.fiscal_radio)
        period.addWidget(self.year_combo)
        period.addSpacing(4)
        period.addWidget(self.custom_radio)
        dates = QHBoxLayout()
        dates.setSpacing(6)
        dates.addWidget(self.from_edit, 1)
        dates.addWidget(QLabel("〜"))
        dates.addWidget(self.to_edit, 1)
        period.addLayout(dates)
        period.addWidget(self.range_message)
        self.fiscal_radio.toggled.connect(self._period_mode_changed)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)

        # Language
        language_card, language = _card(_("Language"))
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(_("Language of the report"))
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        self.language_combo.currentIndexChanged.connect(self._settings_changed)
        language.addWidget(self.language_combo)

        # Sections
        sections_card, sections = _card(_("Sections"))
        self.section_boxes: dict[str, QCheckBox] = {}
        choices = section_choices()
        for choice in choices:
            box = QCheckBox(choice.title)
            box.setChecked(True)
            box.toggled.connect(self._settings_changed)
            self.section_boxes[choice.key] = box
            sections.addWidget(box)
        if not choices:
            sections.addWidget(muted(QLabel(_("Every section the registers provide."))))
        quick = QHBoxLayout()
        quick.setSpacing(6)
        self.all_button = QPushButton(_("All"))
        self.none_button = QPushButton(_("None"))
        self.all_button.clicked.connect(lambda: self.set_sections(list(self.section_boxes)))
        self.none_button.clicked.connect(lambda: self.set_sections([]))
        for button in (self.all_button, self.none_button):
            button.setEnabled(bool(choices))
            quick.addWidget(button)
        quick.addStretch(1)
        sections.addLayout(quick)

        # Options
        options_card, options = _card(_("Options"))
        self.kpi_update_box = QCheckBox(_("Shorter KPI update (indicators only)"))
        self.kpi_update_box.setToolTip(
            _("For a half-year or any date range: the summary and each chapter's indicators.")
        )
        self.named_annex_box = QCheckBox(_("Add an annex naming people"))
        self.named_annex_box.setToolTip(
            _(
                "By default the report gives counts only. The named annex lists the people behind"
                " the figures; its inclusion is recorded in the audit trail."
            )
        )
        for box in (self.kpi_update_box, self.named_annex_box):
            box.toggled.connect(self._settings_changed)
            options.addWidget(box)

        self.preview_button = QPushButton(icon("search"), _("Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.setMinimumHeight(34)
        self.preview_button.setToolTip(_("Compute the figures and show them here"))
        self.preview_button.clicked.connect(self.preview)

        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 10, 0)
        column.setSpacing(10)
        column.addWidget(period_card)
        column.addWidget(language_card)
        column.addWidget(sections_card)
        column.addWidget(options_card)
        column.addWidget(self.preview_button)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(300)
        scroll.setMaximumWidth(440)
        return scroll

    def _build_results(self) -> QWidget:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)

        # Preview tab
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 8, 0, 0)
        preview_layout.setSpacing(8)
        self.preview_header = QLabel()
        self.preview_header.setWordWrap(True)
        self.preview_header.setTextFormat(Qt.TextFormat.PlainText)
        scaled_font(self.preview_header, 1.05, bold=True)
        self.stale_label = QLabel(
            _("The choices changed since this preview: preview again to see what will be printed.")
        )
        self.stale_label.setWordWrap(True)
        self.stale_label.setStyleSheet(
            f"background: #FFF8E1; border-left: 4px solid {FAIR_COLOUR}; padding: 6px 8px;"
            " color: #5D4037;"
        )
        self.stale_label.hide()
        self.legend = self._legend()
        self._cards = QWidget()
        self._cards_layout = QVBoxLayout(self._cards)
        self._cards_layout.setContentsMargins(0, 0, 8, 0)
        self._cards_layout.setSpacing(10)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.preview_scroll.setWidget(self._cards)
        self.empty_state = self._build_empty_state()
        preview_layout.addWidget(self.preview_header)
        preview_layout.addWidget(self.legend)
        preview_layout.addWidget(self.stale_label)
        preview_layout.addWidget(self.preview_scroll, 1)
        preview_layout.addWidget(self.empty_state, 1)
        self.preview_header.hide()
        self.legend.hide()
        self.preview_scroll.hide()

        # Previous reports tab
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 8, 0, 0)
        history_layout.setSpacing(8)
        hint = muted(
            QLabel(
                _(
                    "Each generated report is kept in the workspace with its narrative."
                    " Regenerating writes it again from what was kept: the figures and the hash"
                    " are the same as the first time."
                )
            )
        )
        hint.setWordWrap(True)
        self.reports_table = QTableWidget(0, 4)
        self.reports_table.setHorizontalHeaderLabels(
            [_("Generated"), _("Period"), _("Language"), _("Hash")]
        )
        self.reports_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reports_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reports_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reports_table.verticalHeader().hide()
        self.reports_table.setAlternatingRowColors(True)
        header = self.reports_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reports_table.itemSelectionChanged.connect(self._update_buttons)
        self.reports_table.doubleClicked.connect(lambda _index: self.regenerate(PDF))
        self.no_reports_label = muted(QLabel(_("No report has been generated yet.")))
        self.no_reports_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.regenerate_pdf_button = QPushButton(icon("export"), _("Regenerate PDF"))
        self.regenerate_xlsx_button = QPushButton(icon("export"), _("Regenerate Excel"))
        self.regenerate_pdf_button.clicked.connect(lambda: self.regenerate(PDF))
        self.regenerate_xlsx_button.clicked.connect(lambda: self.regenerate(XLSX))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.regenerate_pdf_button)
        buttons.addWidget(self.regenerate_xlsx_button)
        history_layout.addWidget(hint)
        history_layout.addWidget(self.reports_table, 1)
        history_layout.addWidget(self.no_reports_label)
        history_layout.addLayout(buttons)

        self.officer_editor = OfficerInputEditor()
        self.tabs.addTab(preview, icon("dashboard"), _("Preview"))
        self.tabs.addTab(self.officer_editor, icon("report"), _("Events and requests"))
        self.tabs.addTab(history, icon("audit"), _("Previous reports"))
        return self.tabs

    def _legend(self) -> QWidget:
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for status in ("good", "watch", "bad", "none"):
            row.addWidget(TrafficLight(status), 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(muted(QLabel(status_title(status))))
            row.addSpacing(10)
        row.addStretch(1)
        return widget

    def _build_empty_state(self) -> QWidget:
        widget = QWidget()
        picture = QLabel()
        picture.setPixmap(icon("report").pixmap(64, 64))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_label = QLabel(_("No preview yet"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scaled_font(self.empty_label, 1.4, bold=True)
        hint = muted(
            QLabel(
                _(
                    "Choose the period, language and sections, then press Preview: the figures"
                    " appear here with a place for your narrative under each section."
                )
            )
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setWordWrap(True)
        layout = QVBoxLayout(widget)
        layout.addStretch(1)
        layout.addWidget(picture)
        layout.addWidget(self.empty_label)
        layout.addWidget(hint)
        layout.addStretch(2)
        return widget

    def _build_output(self) -> QWidget:
        card, layout = _card("")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)

        grid.addWidget(QLabel(_("Save to")), 0, 0)
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(_("Folder for the generated files"))
        self.folder_edit.textChanged.connect(self._update_buttons)
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self.choose_folder)
        folder = QHBoxLayout()
        folder.setSpacing(6)
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(choose)
        grid.addLayout(folder, 0, 1)

        grid.addWidget(QLabel(_("Password")), 1, 0)
        self.password_edit = PassphraseEdit()
        self.password_edit.setPlaceholderText(_("Optional: for copies that leave the office"))
        self.password_edit.setAccessibleName(_("Password"))
        self.repeat_edit = PassphraseEdit()
        self.repeat_edit.setPlaceholderText(_("Repeat the password"))
        self.repeat_edit.setAccessibleName(_("Repeat the password"))
        for edit in (self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._update_buttons)
        passwords = QHBoxLayout()
        passwords.setSpacing(6)
        passwords.addWidget(self.password_edit, 1)
        passwords.addWidget(self.repeat_edit, 1)
        grid.addLayout(passwords, 1, 1)
        self.password_message = InlineMessage()
        grid.addWidget(self.password_message, 2, 1)
        grid.setColumnStretch(1, 1)

        self.pdf_button = QPushButton(icon("export"), _("Generate PDF"))
        self.xlsx_button = QPushButton(icon("export"), _("Generate Excel"))
        self.both_button = QPushButton(icon("export"), _("Generate both"))
        self.pdf_button.clicked.connect(lambda: self.generate((PDF,)))
        self.xlsx_button.clicked.connect(lambda: self.generate((XLSX,)))
        self.both_button.clicked.connect(lambda: self.generate((PDF, XLSX)))
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        for button in (self.pdf_button, self.xlsx_button, self.both_button):
            button.setMinimumHeight(30)
            buttons.addWidget(button)

        top = QHBoxLayout()
        top.setSpacing(18)
        top.addLayout(grid, 1)
        top.addLayout(buttons)
        layout.addLayout(top)

        self.result_frame = QFrame()
        self.result_frame.setObjectName("resultFrame")
        self.result_frame.setStyleSheet(
            f"#resultFrame {{ background: #E0F2F1; border-left: 4px solid {GOOD_COLOUR};"
            " border-radius: 2px; }"
        )
        result = QHBoxLayout(self.result_frame)
        result.setContentsMargins(10, 6, 8, 6)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setStyleSheet("color: #004D40;")
        self.result_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.open_file_button = QPushButton(_("Open file"))
        self.open_folder_button = QPushButton(_("Open folder"))
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        result.addWidget(self.result_label, 1)
        result.addWidget(self.open_file_button)
        result.addWidget(self.open_folder_button)
        self.result_frame.hide()
        layout.addWidget(self.result_frame)
        return card

    # ----- choices ------------------------------------------------------------------------------

    def _load_years(self) -> None:
        from app.dates import fiscal_year_range

        conn = self.session.conn
        current = current_fiscal_year(conn, self.today)
        start, _new_hire_days = organisation_settings(conn)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(current, current - YEARS_BACK - 1, -1):
            first, last = fiscal_year_range(year, start)
            self.year_combo.addItem(
                _("Fiscal year {year}: {first} – {last}").format(
                    year=year, first=format_day(first), last=format_day(last)
                ),
                year,
            )
        self.year_combo.setCurrentIndex(0)
        self.year_combo.blockSignals(False)
        first, last = fiscal_year_range(current, start)
        self._year_ranges = {
            self.year_combo.itemData(i): fiscal_year_range(self.year_combo.itemData(i), start)
            for i in range(self.year_combo.count())
        }
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._period_mode_changed()

    def _year_chosen(self) -> None:
        year = self.fiscal_year
        if year in self._year_ranges:
            first, last = self._year_ranges[year]
            for edit, day in ((self.from_edit, first), (self.to_edit, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self._settings_changed()

    def _period_mode_changed(self) -> None:
        fiscal = self.fiscal_radio.isChecked()
        self.year_combo.setEnabled(fiscal)
        self.from_edit.setEnabled(not fiscal)
        self.to_edit.setEnabled(not fiscal)
        self._settings_changed()

    @property
    def fiscal_year(self) -> int | None:
        data = self.year_combo.currentData()
        return int(data) if data is not None else None

    def set_fiscal_year(self, year: int) -> None:
        self.fiscal_radio.setChecked(True)
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def set_date_range(self, first: date, last: date) -> None:
        self.custom_radio.setChecked(True)
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def date_range(self) -> tuple[date, date]:
        first, last = self.from_edit.date(), self.to_edit.date()
        return (
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
        )

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def set_language(self, language: str) -> None:
        index = self.language_combo.findData(language)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def selected_sections(self) -> list[str] | None:
        """The chosen section keys; None when the registry is unknown (every section)."""
        if not self.section_boxes:
            return None
        return [key for key, box in self.section_boxes.items() if box.isChecked()]

    def set_sections(self, keys: list[str]) -> None:
        for key, box in self.section_boxes.items():
            box.blockSignals(True)
            box.setChecked(key in keys)
            box.blockSignals(False)
        self._settings_changed()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the generated files"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _range_error(self) -> str:
        if self.custom_radio.isChecked():
            first, last = self.date_range()
            if last < first:
                return _("The end of the range is before its start.")
        if self.selected_sections() == []:
            return _("Choose at least one section.")
        return ""

    def _password_error(self) -> str:
        if self.password_edit.text() != self.repeat_edit.text():
            return _("The two passwords are not the same.")
        return ""

    def _settings_changed(self, *_args: object) -> None:
        if self.snapshot is not None:
            self._stale = True
            self.stale_label.show()
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "pdf_button"):
            return  # still building
        busy = self.job is not None and self.job.running
        range_error = self._range_error()
        if range_error:
            self.range_message.show_error(range_error)
        else:
            self.range_message.clear_message()
        password_error = self._password_error()
        if password_error and self.repeat_edit.text():
            self.password_message.show_error(password_error)
        elif self.password_edit.text() and not password_error:
            self.password_message.show_note(
                _("The files will be encrypted: the password is needed to open them.")
            )
        else:
            self.password_message.clear_message()
        can_build = not busy and not range_error
        self.preview_button.setEnabled(can_build)
        can_write = can_build and not password_error and bool(self.folder_edit.text().strip())
        for button in (self.pdf_button, self.xlsx_button, self.both_button):
            button.setEnabled(can_write)
        selected = self.selected_report_id() is not None
        history_ok = not busy and not password_error and bool(self.folder_edit.text().strip())
        self.regenerate_pdf_button.setEnabled(selected and history_ok)
        self.regenerate_xlsx_button.setEnabled(selected and history_ok)

    @property
    def password(self) -> str | None:
        return self.password_edit.text() or None

    @property
    def output_folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    # ----- data ---------------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.registers <= {REPORTS_REGISTER}:
            self.refresh_reports()  # a report was kept: the figures themselves did not change
            return
        super()._on_changed(changes)

    def refresh(self) -> None:
        if self.session.locked:
            return
        if self.snapshot is not None:
            # Something in the registers changed: the previewed figures may no longer be right.
            self._stale = True
            self.stale_label.show()
        self.refresh_reports()

    def refresh_reports(self) -> None:
        try:
            reports = stored_reports(self.session.conn)
        except ImportError:
            reports = []
        selected = self.selected_report_id()
        self.reports = reports
        self.reports_table.setRowCount(len(reports))
        for row, report in enumerate(reports):
            cells = [
                format_timestamp(report.generated_at),
                report.period_label,
                dict(LANGUAGES).get(report.language, report.language),
                report.short_hash,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, report.id)
                if column == 3:
                    font = item.font()
                    font.setFamilies(["monospace"])
                    item.setFont(font)
                self.reports_table.setItem(row, column, item)
            if report.id == selected:
                self.reports_table.selectRow(row)
        self.no_reports_label.setVisible(not reports)
        self._update_buttons()

    def selected_report_id(self) -> int | None:
        if not hasattr(self, "reports_table"):
            return None
        rows = self.reports_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.reports_table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_report(self, report_id: int) -> None:
        for row in range(self.reports_table.rowCount()):
            item = self.reports_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == report_id:
                self.reports_table.selectRow(row)
                return

    def _period(self, language: str) -> Callable[[Any], Any]:
        """A function building the ``Period`` on the job's connection (labelled in ``language``)."""
        if self.fiscal_radio.isChecked():
            year = self.fiscal_year
            return lambda conn: _board().fiscal_year_period(conn, year, language)
        first, last = self.date_range()
        return lambda conn: _board().date_range_period(conn, first, last, language)

    def _build_function(self) -> Callable[[Any], Snapshot]:
        """A function of a connection that builds the snapshot for the current choices."""
        language = self.language
        sections = self.selected_sections()
        make_period = self._period(language)
        narrative = self.current_narrative()
        officer = self.officer_editor.officer_input(narrative)
        # Untouched here: start from what was kept with the latest report of the period, as the
        # CLI does, so the page and the command line print the same comments and requests.
        reuse = not self.officer_editor.touched and not narrative
        variant = "kpi_update" if self.kpi_update_box.isChecked() else "annual"
        named = self.named_annex_box.isChecked()
        today = self.today

        def build(conn: Any) -> Snapshot:
            board = _board()
            period = make_period(conn)
            given = (latest_input(conn, period, language) if reuse else None) or officer
            return board.build_snapshot(  # type: ignore[no-any-return]
                conn,
                period,
                language=language,
                sections=sections,
                narrative=given.narrative or None,
                today=today,
                requests=given.requests,
                events=given.events,
                variant=variant,
                named_annex=named,
            )

        return build

    def preview(self) -> Job | None:
        """Build the snapshot on the database thread and show it; ``preview_ready`` when shown."""
        if self._range_error() or (self.job is not None and self.job.running):
            return None
        workspace = self.session.workspace
        build = self._build_function()
        self._generation += 1
        generation = self._generation

        def job(progress: Progress, cancelled: Cancelled) -> Snapshot:
            progress(0.05, _("Computing the figures…"))
            conn = workspace.connect()
            try:
                snapshot = build(conn)
            finally:
                conn.close()
            if cancelled():
                raise JobCancelledError
            return snapshot

        self.empty_label.setText(_("Computing the figures…"))
        self.job = run_job(
            self,
            _("Computing the figures…"),
            job,
            lambda snapshot: self._previewed(generation, snapshot),
            self._failed,
        )
        self.job.cancelled.connect(self._job_ended)
        self._update_buttons()
        return self.job

    def _previewed(self, generation: int, snapshot: object) -> None:
        self._job_ended()
        if generation != self._generation or not isinstance(snapshot, Snapshot):
            return
        self.show_snapshot(snapshot)
        self.preview_ready.emit()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._stale = False
        self.stale_label.hide()
        for key, text in snapshot.narrative.items():
            self.narrative.setdefault(key, text)
        if not self.officer_editor.touched:
            self.officer_editor.load(list(snapshot.events), list(snapshot.requests))
        while self._cards_layout.count():
            child = self._cards_layout.takeAt(0)
            widget = child.widget()
            if widget is not None:
                widget.deleteLater()
        self.section_cards = {}
        for section in snapshot.sections:
            card = SectionCard(section, self.narrative.get(section.key, ""))
            card.narrative_changed.connect(self._narrative_edited)
            self.section_cards[section.key] = card
            self._cards_layout.addWidget(card)
        self._cards_layout.addStretch(1)
        self.preview_header.setText(
            f"{snapshot.organisation} — {snapshot.period_label}　{_('Hash')} {snapshot.short_hash}"
        )
        self.empty_label.setText(_("No preview yet"))
        for widget in (self.preview_header, self.legend, self.preview_scroll):
            widget.show()
        self.empty_state.hide()
        self.tabs.setCurrentIndex(0)
        self.preview_scroll.verticalScrollBar().setValue(0)

    def _narrative_edited(self, key: str, text: str) -> None:
        self.narrative[key] = text

    def current_narrative(self) -> dict[str, str]:
        """The narrative typed so far, for the sections in the report, without empty entries."""
        keys = self.selected_sections()
        return {
            key: text.strip()
            for key, text in self.narrative.items()
            if text.strip() and (keys is None or key in keys or key == "summary")
        }

    # ----- unsaved comments: asked about on quit, kept in memory across a lock -------------------

    def unsaved_changes(self) -> list[str]:
        typed = self.current_narrative()
        return [_("Board report comments")] if typed and typed != self._kept_narrative else []

    def hold(self) -> object | None:
        return dict(self.narrative) if self.unsaved_changes() else None

    def restore(self, held: object) -> None:
        """The comments typed before the lock; the preview is built again to show them."""
        if isinstance(held, dict):
            self.narrative.update(held)
            self.preview()

    def kpi_text(self, section_key: str, label: str) -> str:
        """The figure shown for one KPI of the preview (for tests and accessibility checks)."""
        return self.section_cards[section_key].value_labels[label].text()

    # ----- generating ---------------------------------------------------------------------------

    def _snapshot_for_generation(self) -> Callable[[Any], Snapshot]:
        """The previewed snapshot with the narrative, or (if out of date) a fresh one."""
        narrative = self.current_narrative()
        officer = self.officer_editor.officer_input(narrative)
        if self.snapshot is not None and not self._stale:
            snapshot = dataclasses.replace(
                self.snapshot,
                narrative=narrative,
                events=officer.events,
                requests=officer.requests,
            )
            return lambda conn: snapshot
        return self._build_function()

    def generate(self, kinds: tuple[str, ...] = (PDF,)) -> Job | None:
        """Build (or reuse) the snapshot, keep it in the workspace and write the files."""
        if self._range_error() or self._password_error():
            return None
        if self.job is not None and self.job.running:
            return None
        folder = self.output_folder
        password = self.password
        self._generating_narrative = self.current_narrative()
        snapshot_for = self._snapshot_for_generation()
        workspace = self.session.workspace

        writers = renderers()

        def job(progress: Progress, cancelled: Cancelled) -> Generated:
            conn = workspace.connect()
            try:
                _snapshot, generated = generate_report(
                    conn,
                    snapshot_for,
                    kinds,
                    writers,
                    folder=folder,
                    password=password,
                    progress=progress,
                    cancelled=cancelled,
                )
            finally:
                conn.close()
            return generated

        return self._start_writing(_("Generating the board report…"), job)

    def regenerate(self, kind: str = PDF, report_id: int | None = None) -> Job | None:
        """Write a previously generated report again from its stored snapshot."""
        report_id = report_id if report_id is not None else self.selected_report_id()
        if report_id is None or self._password_error():
            return None
        if self.job is not None and self.job.running:
            return None
        folder = self.output_folder
        password = self.password
        workspace = self.session.workspace

        writers = renderers()

        def job(progress: Progress, cancelled: Cancelled) -> Generated:
            conn = workspace.connect()
            try:
                return regenerate_report(
                    conn,
                    report_id,
                    (kind,),
                    writers,
                    folder=folder,
                    password=password,
                    progress=progress,
                    cancelled=cancelled,
                )
            finally:
                conn.close()

        return self._start_writing(_("Regenerating the board report…"), job)

    def _start_writing(self, title: str, function: Callable[[Progress, Cancelled], Any]) -> Job:
        self.result_frame.hide()
        self.job = run_job(self, title, function, self._written, self._failed)
        self.job.cancelled.connect(self._job_ended)
        self.job.cancelled.connect(
            lambda: self._show_result(_("Cancelled; no file was kept."), ok=False)
        )
        self._update_buttons()
        return self.job

    def _written(self, result: object) -> None:
        self._job_ended()
        if not isinstance(result, Generated):
            return
        self.last_generated = result
        names = join_list(path.name for path in result.paths)
        self._show_result(
            _("Written: {names} (hash {hash})").format(names=names, hash=result.short_hash),
            ok=True,
        )
        if result.saved:
            self._kept_narrative = self._generating_narrative
            # The audit trail shows the kept report; this page only refreshes its list.
            self.session.apply(Changes(frozenset({REPORTS_REGISTER}), result.report_id))
        self.refresh_reports()
        if result.report_id is not None:
            self.select_report(result.report_id)
        self.generated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._job_ended()
        self.failed.emit(exc)
        show_error(self, exc)

    def _job_ended(self, *_args: object) -> None:
        self._update_buttons()

    def _show_result(self, text: str, *, ok: bool) -> None:
        self.result_label.setText(text)
        self.open_file_button.setVisible(ok)
        self.open_folder_button.setVisible(ok)
        self.result_frame.show()

    def open_file(self) -> bool:
        if self.last_generated is None or not self.last_generated.paths:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_generated.paths[0])))

    def open_folder(self) -> bool:
        if self.last_generated is None or not self.last_generated.paths:
            return False
        return QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.last_generated.paths[0].parent))
        )
