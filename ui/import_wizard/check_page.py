"""The check step of the import wizard: what the check found (counts, problems by row, values no
list knows) and the verdict; "import only the valid rows" when only rows have errors."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QSortFilterProxyModel,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.i18n import _, ngettext
from app.importing.flow import Step
from app.importing.spec import ImportPlan, Problem, count_label
from ui.import_values import UnknownValuesPanel
from ui.import_wizard.pages import ImportSteps, WizardPage
from ui.import_wizard.parts import (
    SEVERITY_ROLE,
    CountGrid,
    ProblemColumn,
    ProblemModel,
    bold,
    count_colour,
    table_view,
)
from ui.passphrase_widgets import InlineMessage


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
