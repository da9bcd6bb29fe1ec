"""Import from a spreadsheet: file → sheet, headings and columns → check → import → summary.

The wizard renders the steps of an ``app.importing.flow.ImportFlow`` (the state and the rules of
which step may follow which live there, Qt-free, shared with the command line) and runs the flow's
long parts as jobs: reading the file on a file thread of its own, checking and importing (one
transaction) on the database thread, each with its own connection, progress and cancel. Nothing is
written before the import step, and a cancelled or failed import writes nothing. The confirmed
column layout is remembered for the next file laid out the same way.

Tests drive it without dialogs: ``load_file``, ``set_spec``, ``set_sheet``, ``set_header_row``,
``set_mapping``/``set_target_columns``, ``check`` and ``start_import``, waiting on the signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from app import areas
from app.errors import MamoriError
from app.i18n import _
from app.importing.flow import ImportFlow, Step, following
from app.importing.header import HeaderGuess
from app.importing.reader import PasswordRequiredError, Table, Workbook, WrongPasswordError
from app.importing.spec import ImportPlan, ImportSpec, ImportSummary, Mapping
from app.jobs import Cancelled, Progress
from ui.icons import icon
from ui.import_wizard.check_page import CheckPage
from ui.import_wizard.pages import ImportPage, MappingPage, SummaryPage
from ui.import_wizard.source_page import SourcePage
from ui.jobs import Job, JobRunner, database_pool, on_own_connection
from ui.screen_fit import resize_to_fit
from ui.session import Session

SOURCE, MAPPING, CHECK, IMPORT, SUMMARY = (int(step) for step in Step)


def import_specs() -> list[ImportSpec]:
    """What File › Import offers: each area's import specs, in area order."""
    return areas.import_specs()


class ImportWizard(QWizard):
    file_loaded = Signal()
    file_failed = Signal(str)  # the message shown (names the file)
    checked = Signal(object)  # ImportPlan
    check_failed = Signal(str)
    imported = Signal(object)  # ImportSummary, once the transaction is committed
    import_cancelled = Signal()
    import_failed = Signal(str)

    def __init__(
        self,
        session: Session,
        specs: Sequence[ImportSpec],
        parent: QWidget | None = None,
        *,
        initial_spec_key: str | None = None,
        path: str | Path | None = None,
    ) -> None:
        super().__init__(parent)
        if not specs:
            raise ValueError("the import wizard needs at least one kind of import")
        self.session = session
        self.flow = ImportFlow(
            list(specs),
            next((spec for spec in specs if spec.key == initial_spec_key), None),
        )
        self._file_pool = QThreadPool(self)
        self._file_pool.setMaxThreadCount(1)
        self._jobs = JobRunner(self)
        self._job_kind = ""

        self.setWindowTitle(_("Import from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("import").pixmap(40, 40))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage(self)
        for page in (
            self.source_page,
            self.mapping_page,
            self.check_page,
            self.import_page,
            self.summary_page,
        ):
            self.setPage(int(page.step), page)
        self.setStartId(SOURCE)
        resize_to_fit(self, 1040, 700)
        if path is not None:
            self.source_page.path_edit.setText(str(path))
            self.load_file(path)

    def nextId(self) -> int:
        """The flow decides which step follows (Next stays disabled until the step is complete)."""
        current = self.currentId()
        if current < 0:
            return SOURCE
        step = following(Step(current))
        return int(step) if step is not None else -1

    # ----- the flow's state, as tests and callers read it ---------------------------------------

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    @property
    def specs(self) -> list[ImportSpec]:
        return list(self.flow.specs)

    @property
    def spec(self) -> ImportSpec:
        return self.flow.current_spec

    @property
    def path(self) -> Path | None:
        return self.flow.path

    @property
    def workbook(self) -> Workbook | None:
        return self.flow.workbook

    @property
    def table(self) -> Table | None:
        return self.flow.table

    @property
    def header(self) -> HeaderGuess | None:
        return self.flow.header

    @property
    def header_warning(self) -> str:
        return self.flow.header_warning

    @property
    def mapping(self) -> Mapping:
        return self.flow.mapping

    @property
    def plan(self) -> ImportPlan | None:
        return self.flow.plan

    @property
    def summary(self) -> ImportSummary | None:
        return self.flow.summary

    # ----- 1. the file --------------------------------------------------------------------------

    def set_spec(self, key: str) -> None:
        if not self.flow.choose_spec(key, self.session.conn):
            return
        radio = self.source_page.kind_radios.get(key)
        if radio is not None and not radio.isChecked():
            radio.setChecked(True)
        if self.flow.table is not None:
            self.source_page.show_loaded(self.flow.file_facts())
            if self.currentId() == MAPPING:
                self.mapping_page.show_state()

    def load_file(self, path: str | Path, password: str | None = None) -> Job:
        """Open and read the first sheet off the GUI thread; ``file_loaded`` or ``file_failed``."""
        job = self.flow.reader(path, password)
        self.source_page.show_loading()
        return self._run_file_job(job)

    def set_sheet(self, sheet: str) -> Job | None:
        """Read another sheet of the same workbook."""
        job = self.flow.sheet_reader(sheet)
        return self._run_file_job(job) if job is not None else None

    def _run_file_job(self, function: Callable[[Progress, Cancelled], Any]) -> Job:
        job = self._run(
            "file",
            function,
            self._file_read,
            self._file_failed,
            lambda: self._file_failed(None),
            on_progress=self.source_page.show_progress,
            discard=self.flow.discard,
            pool=self._file_pool,
        )
        self.mapping_page.completeChanged.emit()
        return job

    def _file_read(self, result: tuple[Workbook, Table]) -> None:
        workbook, table = result
        self.flow.take_file(workbook, table, self.session.conn)
        self.source_page.show_loaded(self.flow.file_facts())
        if self.currentId() == MAPPING:
            self.mapping_page.show_state()
        self.file_loaded.emit()

    def _file_failed(self, exc: BaseException | None) -> None:
        if exc is None:
            message = _("Reading the file was stopped.")
            self.source_page.show_failure(message)
        elif isinstance(exc, PasswordRequiredError | WrongPasswordError):
            message = str(exc)
            self.source_page.show_password_prompt(message)
        else:
            message = str(exc) if isinstance(exc, MamoriError) else _unexpected(exc)
            self.source_page.show_failure(message)
        self.file_failed.emit(message)

    # ----- 2. headings and columns --------------------------------------------------------------

    def set_header_row(self, row_index: int) -> None:
        """Take the headings from another row (an index into ``table.rows``)."""
        if self.flow.table is None:
            return
        self.flow.set_header_row(row_index, self.session.conn)
        self.mapping_page.show_state()

    def set_target_columns(self, key: str, columns: Sequence[int]) -> None:
        """One target from these columns (none: not imported); a column feeds one target only."""
        self.flow.set_target_columns(key, columns)
        self.mapping_page.show_mapping()

    def set_mapping(self, mapping: Mapping) -> None:
        self.flow.set_mapping(mapping)
        self.mapping_page.show_mapping()

    # ----- 3. checking --------------------------------------------------------------------------

    def check(self) -> Job | None:
        """Map every row and plan the import on the database thread; ``checked(plan)``."""
        work = self.flow.checker()
        if work is None:
            return None
        self.check_page.show_running()
        return self._run(
            "check",
            on_own_connection(self.session.workspace, work),
            self._checked,
            self._check_failed,
            self._check_cancelled,
            on_progress=self.check_page.show_progress,
        )

    def recheck(self) -> Job | None:
        """Plan again if the check page shows a plan (the workspace may have changed since)."""
        if self.currentId() == CHECK and self.flow.plan is not None and not self.busy:
            return self.check()
        return None

    def _checked(self, plan: ImportPlan) -> None:
        self.flow.checked(plan)
        self.check_page.show_plan(plan, self.flow.problems())
        self.checked.emit(plan)

    def _check_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, MamoriError) else _unexpected(exc)
        self.check_page.show_stopped(message, error=True)
        self.check_failed.emit(message)

    def _check_cancelled(self) -> None:
        self.check_page.show_stopped(
            _("Checking was stopped. Go back and forward again to check anew."), error=False
        )

    @property
    def takes_roster_defaults(self) -> bool:
        return self.flow.takes_roster_defaults

    def set_roster_defaults(self, programme: str, held_on: str) -> str | None:
        """The programme and date when no column gives them; a message if the date is not one."""
        take = getattr(self.flow.current_spec, "take_defaults", None)
        if take is None:
            return None
        problem = take(programme, held_on)
        if problem is None:
            self.flow.plan = None
            self.mapping_page.show_mapping()
            self.mapping_page.completeChanged.emit()
        return problem

    def value_choices(self, target: str) -> list[tuple[str, str]]:
        """What an unknown value of ``target`` can be read as (code, label)."""
        choices = getattr(self.flow.current_spec, "value_choices", None)
        return choices(self.session.conn, target) if choices is not None else []

    def value_answer(self, target: str, value: str) -> str | None:
        return self.flow.answers.answer(target, value)

    def set_value_answer(self, target: str, value: str, code: str | None) -> None:
        """Read ``value`` of ``target`` as ``code`` ("+" adds it to its list; None leaves it).

        Takes effect at the next check ("Check again").
        """
        self.flow.answers.set(target, value, code)
        self.check_page.completeChanged.emit()

    def set_skip_invalid(self, skip: bool) -> None:
        self.flow.set_skip_invalid(skip)
        if self.flow.plan is not None:
            self.check_page.show_verdict(self.flow.plan)
        self.check_page.completeChanged.emit()

    # ----- 4. importing -------------------------------------------------------------------------

    def start_import(self) -> Job | None:
        """Apply the plan in one transaction on the database thread; ``imported(summary)``."""
        work = self.flow.importer()
        if work is None or self.busy:
            return None
        self.import_page.show_running()
        return self._run(
            "import",
            on_own_connection(self.session.workspace, work),
            self._imported,
            self._import_failed,
            self._import_cancelled,
            on_progress=self.import_page.show_progress,
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.flow.imported(summary)
        self.imported.emit(summary)
        self.import_page.completeChanged.emit()
        if self.currentId() == IMPORT:
            self.next()
        else:
            self.summary_page.show_summary(summary)

    def _import_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, MamoriError) else _unexpected(exc)
        self.import_page.show_stopped(
            message + " " + _("Nothing was written to the workspace."), error=True
        )
        self.import_failed.emit(message)

    def _import_cancelled(self) -> None:
        self.import_page.show_stopped(
            _("The import was cancelled. Nothing was written to the workspace."), error=False
        )
        self.import_cancelled.emit()

    # ----- jobs and closing ---------------------------------------------------------------------

    def _run(
        self,
        kind: str,
        function: Callable[[Progress, Cancelled], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
        *,
        on_progress: Callable[[float, str], None],
        discard: Callable[[Any], None] | None = None,
        pool: QThreadPool | None = None,
    ) -> Job:
        """Start one job; only the latest job's outcome reaches the pages."""
        self.cancel_job()
        self._job_kind = kind
        return self._jobs.run(
            function,
            lambda result: self._settled(on_done, result),
            on_failed=lambda exc: self._settled(on_failed, exc),
            on_cancelled=lambda: self._settled(on_cancelled),
            on_progress=on_progress,
            discard=discard,
            pool=pool or database_pool(),
        )

    def _settled(self, handler: Callable[..., None], *args: Any) -> None:
        self._job_kind = ""
        handler(*args)
        for page in (self.source_page, self.mapping_page, self.check_page):
            page.completeChanged.emit()

    def cancel_job(self) -> None:
        """Ask the running job to stop; its ``cancelled`` handler reports when it has.

        A file being read is simply forgotten (its result is dropped when it arrives).
        """
        if not self.busy:
            return
        if self._job_kind == "file":
            self._jobs.forget()
            self._job_kind = ""
        else:
            self._jobs.cancel()

    def reject(self) -> None:
        if self._job_kind == "import" and self.busy:
            self.cancel_job()  # stay open to say that nothing was written
            return
        super().reject()

    def done(self, result: int) -> None:
        # A sheet still being read uses the open workbook: leave it to the reading thread.
        reading = self._job_kind == "file" and self.busy
        self.cancel_job()
        if not reading:
            self.flow.close()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job_kind == "import" and self.busy:
            self.cancel_job()
            event.ignore()
            return
        super().closeEvent(event)


def _unexpected(exc: BaseException) -> str:
    return _("Something unexpected went wrong ({error}). Nothing was written.").format(
        error=type(exc).__name__
    )
