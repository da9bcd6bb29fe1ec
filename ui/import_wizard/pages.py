"""The steps of the import wizard: source, columns, check, import, summary.

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
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _, ngettext
from app.importing.flow import ImportFlow, Step, step_complete
from app.importing.spec import ImportPlan, ImportSummary, Problem, count_label
from app.text import join_list
from ui.icons import icon
from ui.import_values import RosterDefaultsBox, UnknownValuesPanel
from ui.import_wizard.parts import (
    ERROR_COLOUR,
    PREVIEW_ROWS,
    SEVERITY_ROLE,
    WARNING_COLOUR,
    ColumnChooser,
    CountGrid,
    PreviewModel,
    ProblemColumn,
    ProblemModel,
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


class SourcePage(WizardPage):
    """1. What to import and from which file (and its password when it has one)."""

    step = Step.SOURCE

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("What to import"))
        self.setSubTitle(
            _(
                "Choose what the spreadsheet holds and the file. Nothing is written until you import."
            )
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        self.kind_box = QWidget()
        kinds = QVBoxLayout(self.kind_box)
        kinds.setContentsMargins(0, 0, 0, 6)
        kinds.setSpacing(4)
        heading = QLabel(_("The file holds"))
        bold(heading)
        kinds.addWidget(heading)
        self.kind_buttons = QButtonGroup(self)
        self.kind_radios: dict[str, QRadioButton] = {}
        for position, spec in enumerate(wizard.flow.specs):
            radio = QRadioButton(_(spec.title))
            needed = [_(target.label) for target in spec.targets if target.required]
            hint = muted(
                QLabel(_("Needs columns for: {columns}").format(columns=join_list(needed))),
                wrap=True,
            )
            hint.setContentsMargins(24, 0, 0, 4)
            self.kind_buttons.addButton(radio, position)
            self.kind_radios[spec.key] = radio
            kinds.addWidget(radio)
            kinds.addWidget(hint)
        self.kind_buttons.idClicked.connect(
            lambda position: wizard.set_spec(wizard.flow.specs[position].key)
        )
        self.kind_box.setVisible(len(wizard.flow.specs) > 1)
        layout.addWidget(self.kind_box)

        file_heading = QLabel(_("Spreadsheet file"))
        bold(file_heading)
        layout.addWidget(file_heading)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Choose a file…"))
        self.path_edit.setAccessibleName(_("Spreadsheet file"))
        self.path_edit.returnPressed.connect(self._path_entered)
        self.browse_button = QPushButton(_("&Browse…"))
        self.browse_button.setIcon(icon("import"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "Excel workbooks (.xlsx, .xlsm, .xls) or CSV files in UTF-8, UTF-16 or "
                        "Shift_JIS. Title rows above the column headings are fine."
                    )
                ),
                wrap=True,
            )
        )

        self.password_box = QWidget()
        password_row = QHBoxLayout(self.password_box)
        password_row.setContentsMargins(0, 4, 0, 0)
        self.password_label = QLabel(_("File &password"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaximumWidth(280)
        self.password_label.setBuddy(self.password_edit)
        self.password_edit.returnPressed.connect(self._password_entered)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self._password_entered)
        password_row.addWidget(self.password_label)
        password_row.addWidget(self.password_edit)
        password_row.addWidget(self.open_button)
        password_row.addWidget(
            muted(QLabel(_("Used only to open the file; Mamori does not keep it.")), wrap=True), 1
        )
        self.password_box.hide()
        layout.addWidget(self.password_box)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = InlineMessage()
        layout.addWidget(self.message)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts_box = QWidget()
        facts_row = QHBoxLayout(self.facts_box)
        facts_row.setContentsMargins(0, 4, 0, 0)
        tick = QLabel()
        tick.setPixmap(icon("verify").pixmap(20, 20))
        facts_row.addWidget(tick, 0, Qt.AlignmentFlag.AlignTop)
        facts_row.addWidget(self.facts, 1)
        self.facts_box.hide()
        layout.addWidget(self.facts_box)
        layout.addStretch(1)

    def initializePage(self) -> None:
        radio = self.kind_radios.get(self.flow.current_spec.key)
        if radio is not None:
            radio.setChecked(True)

    def browse(self) -> None:
        start = self.path_edit.text() or ""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a spreadsheet"),
            start,
            ";;".join(
                (
                    _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
                    _("All files (*)"),
                )
            ),
        )
        if path:
            self.path_edit.setText(path)
            self.w.load_file(path)

    def _path_entered(self) -> None:
        if self.path_edit.text().strip():
            self.w.load_file(self.path_edit.text().strip())

    def _password_entered(self) -> None:
        if self.flow.path is not None:
            self.w.load_file(self.flow.path, password=self.password_edit.text())

    # ----- shown by the wizard ----------------------------------------------------------------

    def show_loading(self) -> None:
        self.message.clear_message()
        self.facts_box.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.completeChanged.emit()

    def show_progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def show_password_prompt(self, message: str) -> None:
        self.progress.hide()
        self.password_box.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.message.show_error(message)
        self.completeChanged.emit()

    def show_failure(self, message: str) -> None:
        self.progress.hide()
        self.message.show_error(message)
        self.completeChanged.emit()

    def show_loaded(self, text: str) -> None:
        self.progress.hide()
        self.password_box.hide()
        self.password_edit.clear()
        self.message.clear_message()
        self.facts.setText(text)
        self.facts_box.show()
        self.completeChanged.emit()


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


class CheckPage(WizardPage):
    """3. Every row checked against the register before anything is written."""

    step = Step.CHECK

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("Check"))
        self.setSubTitle(_("Every row is checked before anything is written."))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel()
        self.cancel_button = QPushButton(_("Stop checking"))
        self.cancel_button.clicked.connect(wizard.cancel_job)
        running = QHBoxLayout()
        running.addWidget(self.status)
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        self.running_box = QWidget()
        self.running_box.setLayout(running)

        self.counts = CountGrid()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("verdict")
        self.skip_check = QCheckBox()
        self.skip_check.toggled.connect(wizard.set_skip_invalid)
        self.values_panel = UnknownValuesPanel(wizard.set_value_answer, wizard.check)
        self.values_panel.hide()

        self.filter_combo = QComboBox()
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.setAccessibleName(_("Show problems"))
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.problem_model = ProblemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.problem_model)
        self.proxy.setFilterRole(SEVERITY_ROLE)
        self.proxy.setFilterKeyColumn(ProblemColumn.SEVERITY)
        self.problems = table_view(self.proxy)
        self.problems.setObjectName("problems")
        self.problems.verticalHeader().setVisible(False)
        self.problems.setShowGrid(False)
        header = self.problems.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in (
            (ProblemColumn.ROW, 60),
            (ProblemColumn.COLUMN, 130),
            (ProblemColumn.VALUE, 140),
            (ProblemColumn.SEVERITY, 100),
        ):
            header.resizeSection(column, width)
        header.setSectionResizeMode(ProblemColumn.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.problems_heading = QLabel(_("Problems"))
        bold(self.problems_heading)
        problem_bar = QHBoxLayout()
        problem_bar.addWidget(self.problems_heading)
        problem_bar.addStretch(1)
        problem_bar.addWidget(self.filter_combo)

        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.running_box)
        layout.addWidget(self.counts)
        layout.addWidget(self.verdict)
        layout.addWidget(self.skip_check)
        layout.addWidget(self.values_panel, 1)
        layout.addLayout(problem_bar)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Import"))
        self.w.check()

    def cleanupPage(self) -> None:
        self.w.cancel_job()

    def show_running(self) -> None:
        self.message.clear_message()
        self.running_box.show()
        self.progress.setValue(0)
        self.status.setText(_("Checking rows…"))
        self.counts.set_counts([])
        self.verdict.clear()
        self.skip_check.hide()
        self.values_panel.hide()
        self.problem_model.set_problems([], "")
        self.completeChanged.emit()

    def show_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)

    def show_stopped(self, message: str, *, error: bool) -> None:
        self.running_box.hide()
        if error:
            self.message.show_error(message)
        else:
            self.message.show_note(message)
        self.completeChanged.emit()

    def show_plan(self, plan: ImportPlan, problems: Sequence[Problem]) -> None:
        self.running_box.hide()
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity == "warning"]
        counts = [("rows_read", _("Rows read"), plan.rows_read, None)]
        for key, number in plan.counts.items():  # nothing is written yet: "to add"
            counts.append((key, count_label(key, planned=True), number, count_colour(key, number)))
        counts.append(("warnings", _("Warnings"), len(warnings), "#F9A825" if warnings else None))
        counts.append(("errors", _("Errors"), len(errors), "#C62828" if errors else None))
        self.counts.set_counts(counts)
        self.problem_model.set_problems(problems, plan.file.name)
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(_("All problems ({count})").format(count=len(problems)), "")
        self.filter_combo.addItem(_("Errors ({count})").format(count=len(errors)), "error")
        self.filter_combo.addItem(_("Warnings ({count})").format(count=len(warnings)), "warning")
        self.filter_combo.blockSignals(False)
        self._filter_changed()
        self.problems.setVisible(bool(problems))
        self.problems_heading.setVisible(bool(problems))
        self.filter_combo.setVisible(bool(problems))
        rows_with_errors = len({p.row for p in errors})
        self.skip_check.blockSignals(True)
        self.skip_check.setChecked(plan.skip_invalid)
        self.skip_check.blockSignals(False)
        self.skip_check.setText(
            ngettext(
                "Import the valid rows only, and leave out the {count} row with errors",
                "Import the valid rows only, and leave out the {count} rows with errors",
                rows_with_errors,
            ).format(count=rows_with_errors)
        )
        file_errors = any(problem.row is None for problem in errors) or not plan.rows_read
        self.skip_check.setVisible(bool(errors) and not file_errors)
        self.values_panel.show_values(plan.unknown, self.w.value_choices, self.w.value_answer)
        self.show_verdict(plan)
        self.completeChanged.emit()

    def show_verdict(self, plan: ImportPlan) -> None:
        errors = len(plan.errors)
        if not plan.can_apply and (
            not plan.rows_read or any(problem.row is None for problem in plan.errors)
        ):
            text = _("{file} cannot be imported as it is: see the errors below.").format(
                file=plan.file.name
            )
            colour = "#B3261E"
        elif errors and not plan.skip_invalid:
            text = ngettext(
                "{file} has {count} error. Correct it in the file and choose the file again, or "
                "import only the valid rows.",
                "{file} has {count} errors. Correct them in the file and choose the file again, "
                "or import only the valid rows.",
                errors,
            ).format(file=plan.file.name, count=errors)
            colour = "#B3261E"
        elif errors:
            rows = len({problem.row for problem in plan.errors})
            text = ngettext(
                "Ready to import the valid rows; the {count} row with errors will be left out. "
                "Nothing has been written yet.",
                "Ready to import the valid rows; the {count} rows with errors will be left out. "
                "Nothing has been written yet.",
                rows,
            ).format(count=rows)
            colour = "#00695C"
        elif plan.actions and any(plan.counts.values()):
            text = _("Ready to import. Nothing has been written yet.")
            colour = "#00695C"
        else:
            text = _("Nothing new to import: every row is already recorded.")
            colour = "#546E7A"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _filter_changed(self) -> None:
        severity = self.filter_combo.currentData() or ""
        self.proxy.setFilterFixedString(severity)

    def visible_problems(self) -> list[Problem]:
        return [
            self.problem_model.problem(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def set_filter(self, severity: str) -> None:
        """ "" (all), "error" or "warning"."""
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))


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
