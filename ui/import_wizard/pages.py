"""The steps of the import wizard: the shared page base and the columns, import and summary steps
(the source step is in ``source_page``, the check step in ``check_page``).

Each page only renders the state of the import (``app.importing.flow.ImportFlow``) and forwards
the officer's choices to the wizard (``ImportSteps``: what the pages may ask of it); reading,
checking and importing run as jobs the wizard owns. Whether a step is complete is the flow's rule
(``step_complete``). The pages never import the wizard, so the two do not import each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _, ngettext
from app.importing.flow import ImportFlow, Step, step_complete
from app.importing.spec import ImportSummary, count_label
from app.text import join_list
from ui.icons import icon
from ui.import_values import RosterDefaultsBox
from ui.import_wizard.parts import (
    ERROR_COLOUR,
    PREVIEW_ROWS,
    WARNING_COLOUR,
    ColumnChooser,
    CountGrid,
    PreviewModel,
    bold,
    cell_text,
    count_colour,
    table_view,
    target_caption,
)
from ui.passphrase_widgets import InlineMessage
from ui.widgets.style import muted

FILE_FILTER = "*.xlsx *.xlsm *.xls *.csv *.txt *.tsv"


class ImportSteps(Protocol):
    """What the pages may ask of the wizard that holds them."""

    flow: ImportFlow

    @property
    def busy(self) -> bool: ...

    def set_spec(self, key: str) -> None: ...

    def load_file(self, path: str | Path, password: str | None = None) -> Any: ...

    def set_sheet(self, sheet: str) -> Any: ...

    def set_header_row(self, row_index: int) -> None: ...

    def set_target_columns(self, key: str, columns: Sequence[int]) -> None: ...

    def set_skip_invalid(self, skip: bool) -> None: ...

    def check(self) -> Any: ...

    def start_import(self) -> Any: ...

    def cancel_job(self) -> None: ...

    def set_roster_defaults(self, programme: str, held_on: str) -> str | None: ...

    def value_choices(self, target: str) -> list[tuple[str, str]]: ...

    def value_answer(self, target: str, value: str) -> str | None: ...

    def set_value_answer(self, target: str, value: str, code: str | None) -> None: ...


class WizardPage(QWizardPage):
    """A step that reads the import's state through ``wizard()``.

    Pages keep no Python reference to the wizard: a wizard ⇄ page reference cycle would leave
    the widgets to a garbage collection that may run on a worker thread, which PySide does not
    survive.
    """

    step: Step

    @property
    def w(self) -> ImportSteps:
        wizard = self.wizard()
        assert wizard is not None, "the page is not in the wizard yet"
        return cast(ImportSteps, wizard)

    @property
    def flow(self) -> ImportFlow:
        return self.w.flow

    def isComplete(self) -> bool:
        return step_complete(self.step, self.flow) and not self.w.busy


# ----- pages ----------------------------------------------------------------------------------


class MappingPage(WizardPage):
    """2. The sheet, the heading row, which column feeds what, and a live preview."""

    step = Step.MAPPING

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("Columns"))
        self.setSubTitle(
            _(
                "Check which column holds what. Columns marked * are needed; the preview shows the "
                "rows as they will be read."
            )
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(_("Sheet"))
        self.sheet_combo.activated.connect(
            lambda _index: wizard.set_sheet(self.sheet_combo.currentText())
        )
        self.header_combo = QComboBox()
        self.header_combo.setAccessibleName(_("Heading row"))
        self.header_combo.setMinimumContentsLength(30)
        self.header_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.header_combo.activated.connect(
            lambda _index: wizard.set_header_row(int(self.header_combo.currentData()))
        )
        top = QHBoxLayout()
        self.sheet_label = QLabel(_("&Sheet"))
        self.sheet_label.setBuddy(self.sheet_combo)
        header_label = QLabel(_("&Headings in"))
        header_label.setBuddy(self.header_combo)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(12)
        top.addWidget(header_label)
        top.addWidget(self.header_combo, 1)

        self.choosers_widget = QWidget()
        self.form = QFormLayout(self.choosers_widget)
        self.form.setContentsMargins(0, 0, 8, 0)
        self.form.setVerticalSpacing(6)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.choosers: dict[str, ColumnChooser] = {}
        self.choosers_scroll = QScrollArea()
        self.choosers_scroll.setWidgetResizable(True)
        self.choosers_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.choosers_scroll.setWidget(self.choosers_widget)
        self.choosers_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        mapping_heading = QLabel(_("Import … from column"))
        bold(mapping_heading)
        left_layout.addWidget(mapping_heading)
        left_layout.addWidget(self.choosers_scroll, 1)
        self.defaults_box = RosterDefaultsBox(wizard.set_roster_defaults)
        left_layout.addWidget(self.defaults_box)
        self.recalled_label = muted(QLabel(), wrap=True)
        left_layout.addWidget(self.recalled_label)

        self.preview_model = PreviewModel(self)
        self.preview = table_view(self.preview_model)
        self.preview.setObjectName("preview")
        self.preview.horizontalHeader().setDefaultSectionSize(130)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        preview_heading = QLabel(_("Preview"))
        bold(preview_heading)
        self.preview_note = muted(QLabel(), wrap=True)
        heading_row = QHBoxLayout()
        heading_row.addWidget(preview_heading)
        heading_row.addWidget(self.preview_note, 1)
        right_layout.addLayout(heading_row)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 560])

        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        """Everything from the wizard's current table, headings and mapping."""
        flow = self.flow
        names = flow.workbook.sheet_names if flow.workbook is not None else []
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        if flow.table is not None and flow.table.sheet in names:
            self.sheet_combo.setCurrentText(flow.table.sheet)
        self.sheet_combo.blockSignals(False)
        several = len(names) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)
        self.defaults_box.setVisible(flow.takes_roster_defaults)
        self._show_header_rows()
        self._build_choosers()
        self.show_mapping()

    def _show_header_rows(self) -> None:
        table = self.flow.table
        self.header_combo.blockSignals(True)
        self.header_combo.clear()
        if table is not None:
            for index in range(min(30, len(table.rows))):
                cells = [cell_text(value) for value in table.rows[index] if value is not None]
                text = " · ".join(cells)
                if len(text) > 70:
                    text = text[:69] + "…"
                self.header_combo.addItem(
                    _("row {row}: {cells}").format(row=table.row_numbers[index], cells=text), index
                )
            if self.flow.header is not None:
                self.header_combo.setCurrentIndex(
                    max(0, self.header_combo.findData(self.flow.header.row_index))
                )
        self.header_combo.blockSignals(False)

    def _build_choosers(self) -> None:
        targets = self.flow.current_spec.targets
        if [chooser.target for chooser in self.choosers.values()] != list(targets):
            while self.form.rowCount():
                self.form.removeRow(0)
            self.choosers = {}
            for target in targets:
                chooser = ColumnChooser(target, self._chooser_changed)
                label = QLabel(target_caption(target))
                if target.required:
                    bold(label)
                label.setBuddy(chooser.primary)
                self.form.addRow(label, chooser)
                self.choosers[target.key] = chooser
        headers = self.flow.header.headers if self.flow.header is not None else []
        for chooser in self.choosers.values():
            chooser.set_headers(headers)
        bar = self.choosers_scroll.verticalScrollBar().sizeHint().width()
        self.choosers_scroll.setMinimumWidth(self.choosers_widget.sizeHint().width() + bar)

    def show_mapping(self) -> None:
        flow = self.flow
        for key, chooser in self.choosers.items():
            chooser.set_columns(flow.mapping.get(key, ()))
        self.recalled_label.setText(
            _("Set as you confirmed it last time for files laid out like this one.")
            if flow.recalled
            else ""
        )
        self.recalled_label.setVisible(flow.recalled)
        self._show_preview()
        missing = flow.missing_targets()
        if flow.header_warning:
            self.message.show_error(flow.header_warning)
        elif missing:
            self.message.show_error(
                _("Choose a column for: {targets}").format(
                    targets=join_list(_(target.label) for target in missing)
                )
            )
        else:
            self.message.clear_message()
        self.completeChanged.emit()

    def _show_preview(self) -> None:
        flow = self.flow
        table, header = flow.table, flow.header
        if table is None or header is None:
            self.preview_model.set_preview([], [], [], 0, {}, (), [])
            self.preview_note.clear()
            return
        start = header.data_start()
        rows = table.rows[start : start + PREVIEW_ROWS]
        numbers = table.row_numbers[start : start + PREVIEW_ROWS]
        self.preview_model.set_preview(
            rows,
            numbers,
            header.headers,
            table.width,
            flow.mapping,
            flow.current_spec.targets,
            flow.preview_rows(PREVIEW_ROWS),
        )
        remaining = max(0, len(table.rows) - start)
        self.preview_note.setText(
            ngettext(
                "{shown} of {total} row below the headings",
                "{shown} of {total} rows below the headings",
                remaining,
            ).format(shown=len(rows), total=f"{remaining:,}")
        )

    def _chooser_changed(self, chooser: ColumnChooser) -> None:
        self.w.set_target_columns(chooser.target.key, chooser.columns())


class ImportPage(WizardPage):
    """4. The import itself: one transaction, with progress; cancelling writes nothing."""

    step = Step.IMPORT

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("Import"))
        self.setSubTitle(
            _(
                "Everything is written in one go: if the import stops, the workspace stays as it was."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Next >"))
        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = QPushButton(_("Cancel the import"))
        self.cancel_button.clicked.connect(wizard.cancel_job)
        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(2)

    def initializePage(self) -> None:
        self.w.start_import()

    def cleanupPage(self) -> None:
        self.w.cancel_job()  # Back while importing: nothing is written

    def show_running(self) -> None:
        self.message.clear_message()
        self.status.setText(_("Importing…"))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)

    def show_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)

    def show_stopped(self, message: str, *, error: bool) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(_("Nothing was imported."))
        if error:
            self.message.show_error(message)
        else:
            self.message.show_note(message)


class SummaryPage(WizardPage):
    """5. What was imported: the counts, the records created, and the rows left out."""

    step = Step.SUMMARY

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("Imported"))
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        bold(self.headline, 1.1)
        self.counts = CountGrid()
        self.created_heading = QLabel()
        bold(self.created_heading)
        self.created_list = QListWidget()
        self.created_list.setObjectName("created")
        self.problems_heading = QLabel(_("Rows left out and warnings"))
        bold(self.problems_heading)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("summaryProblems")
        self.problem_list.setWordWrap(True)
        lists = QHBoxLayout()
        self.created_box = QWidget()
        left = QVBoxLayout(self.created_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.created_heading)
        left.addWidget(self.created_list, 1)
        self.problems_box = QWidget()
        right = QVBoxLayout(self.problems_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.problems_heading)
        right.addWidget(self.problem_list, 1)
        lists.addWidget(self.created_box, 2)
        lists.addWidget(self.problems_box, 3)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts)
        layout.addLayout(lists, 1)

    def initializePage(self) -> None:
        summary = self.flow.summary
        if summary is not None:
            self.show_summary(summary)

    def show_summary(self, summary: ImportSummary) -> None:
        sheet = self.flow.table.sheet if self.flow.table is not None else None
        source = (
            _("{file}, sheet “{sheet}”").format(file=summary.file.name, sheet=sheet)
            if sheet and self.flow.workbook is not None and len(self.flow.workbook.sheet_names) > 1
            else summary.file.name
        )
        self.setSubTitle(
            _("{spec} from {source}").format(spec=_(self.flow.current_spec.title), source=source)
        )
        self.headline.setText(
            _("The import is complete and recorded in the audit trail.")
            if summary.registers
            else _("Nothing new was imported: every row was already recorded.")
        )
        counts = [("rows_read", _("Rows read"), summary.rows_read, None)]
        for key, number in summary.counts.items():
            label = count_label(key, planned=False)
            counts.append((key, label, number, count_colour(key, number)))
        self.counts.set_counts(counts)
        self.created_list.clear()
        headings = []
        for key, labels in summary.created.items():
            headings.append(count_label(key, planned=False))
            for label in labels:
                self.created_list.addItem(QListWidgetItem(icon("people"), label))
        self.created_heading.setText(
            " / ".join(headings) + f" ({self.created_list.count()})" if headings else ""
        )
        self.created_box.setVisible(bool(self.created_list.count()))
        self.problem_list.clear()
        for problem in summary.problems:
            self.problem_list.addItem(problem.describe(summary.file.name))
            item = self.problem_list.item(self.problem_list.count() - 1)
            item.setIcon(icon("warning"))
            item.setForeground(ERROR_COLOUR if problem.severity == "error" else WARNING_COLOUR)
        self.problems_box.setVisible(bool(summary.problems))

    def created_labels(self) -> list[str]:
        return [self.created_list.item(row).text() for row in range(self.created_list.count())]
