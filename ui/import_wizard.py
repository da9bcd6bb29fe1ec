"""Import from a spreadsheet: file → sheet, headings and columns → check → import → summary.

The wizard drives any ``ImportSpec`` (a training roster, people, departments) with the engine in
``app.importing``: reading the file runs on a file thread of its own, checking (``map_rows`` and
``spec.plan``) and importing (``spec.apply``, one transaction) on the database thread, each with
its own connection, progress and cancel. Nothing is written before the import step, and a
cancelled or failed import writes nothing. The confirmed column layout is remembered for the next
file laid out the same way.

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
from app.i18n import _, ngettext
from app.importing.engine import map_rows, title_filled
from app.importing.guess import guess_by_values
from app.importing.header import HeaderGuess, NoHeaderError, find_header, header_at
from app.importing.layouts import recall_answers, recall_layout, remember_layout
from app.importing.mapping import missing_required, suggest_mapping
from app.importing.reader import (
    PasswordRequiredError,
    Table,
    Workbook,
    WrongPasswordError,
    open_workbook,
)
from app.importing.sheets import read_rows_to_import
from app.importing.spec import (
    ImportPlan,
    ImportSpec,
    ImportSummary,
    MappedRow,
    Mapping,
    Problem,
    ValueAnswers,
)
from app.jobs import Cancelled, Progress, check_cancelled, sub_progress
from ui.icons import icon
from ui.import_wizard_pages import (
    CheckPage,
    ImportPage,
    MappingPage,
    SourcePage,
    SummaryPage,
)
from ui.import_wizard_parts import PREVIEW_ROWS
from ui.jobs import Job, database_pool
from ui.session import Session

SOURCE, MAPPING, CHECK, IMPORT, SUMMARY = range(5)


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
        self.specs = list(specs)
        self.spec: ImportSpec = next(
            (spec for spec in self.specs if spec.key == initial_spec_key), self.specs[0]
        )
        self.path: Path | None = None
        self.workbook: Workbook | None = None
        self.table: Table | None = None
        self.header: HeaderGuess | None = None
        self.header_warning = ""
        self.mapping: Mapping = {}
        self.recalled = False
        self.skip_invalid = False
        self.answers = ValueAnswers()  # to values no list knows, remembered with the layout
        self.plan: ImportPlan | None = None
        self.file_problems: list[Problem] = []
        self.summary: ImportSummary | None = None
        self._job: Job | None = None
        self._job_kind = ""
        self._serial = 0
        self._file_pool = QThreadPool(self)
        self._file_pool.setMaxThreadCount(1)

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
        for page_id, page in (
            (SOURCE, self.source_page),
            (MAPPING, self.mapping_page),
            (CHECK, self.check_page),
            (IMPORT, self.import_page),
            (SUMMARY, self.summary_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(SOURCE)
        self.resize(1040, 700)
        if path is not None:
            self.source_page.path_edit.setText(str(path))
            self.load_file(path)

    # ----- state --------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._job is not None and self._job.running

    @property
    def targets(self) -> tuple[Any, ...]:
        return tuple(self.spec.targets)

    def missing_targets(self) -> list[Any]:
        """Required targets no column feeds and the title lines do not name either."""
        missing = missing_required(self.mapping, self.targets)
        if not missing or self.table is None or self.header is None:
            return missing
        given = title_filled(self.table, self.header, self.targets)
        return [target for target in missing if target.key not in given]

    def ready_to_check(self) -> bool:
        return self.table is not None and self.header is not None and not self.missing_targets()

    def preview_rows(self) -> list[MappedRow]:
        """The first rows parsed with the current mapping (fast: the GUI thread does it)."""
        if self.table is None or self.header is None or not self.mapping:
            return []
        return map_rows(self.table, self.header, self.mapping, self.targets, limit=PREVIEW_ROWS)

    # ----- 1. the file --------------------------------------------------------------------------

    def set_spec(self, key: str) -> None:
        spec = next(spec for spec in self.specs if spec.key == key)
        if spec is self.spec:
            return
        self.spec = spec
        self.plan = None
        radio = self.source_page.kind_radios.get(key)
        if radio is not None and not radio.isChecked():
            radio.setChecked(True)
        if self.table is not None:
            self._guess_header()
            self.source_page.show_loaded(self._facts())
            if self.currentId() == MAPPING:
                self.mapping_page.show_state()

    def load_file(self, path: str | Path, password: str | None = None) -> Job:
        """Open and read the first sheet off the GUI thread; ``file_loaded`` or ``file_failed``."""
        self.path = Path(path)
        self.plan = None
        self.source_page.show_loading()
        target = self.path

        targets, what = self.targets, _(self.spec.title)

        def job(progress: Progress, cancelled: Cancelled) -> tuple[Workbook, Table]:
            workbook = open_workbook(target, password=password)
            try:
                try:  # the sheet(s) holding the rows, past covers and notes
                    table, _header = read_rows_to_import(
                        workbook, targets, what=what, progress=progress, cancelled=cancelled
                    )
                except NoHeaderError:
                    table = workbook.read(None, progress=progress, cancelled=cancelled)
                return workbook, table
            except BaseException:
                workbook.close()
                raise

        return self._run_file_job(job)

    def set_sheet(self, sheet: str) -> Job | None:
        """Read another sheet of the same workbook."""
        workbook = self.workbook
        if workbook is None or (self.table is not None and self.table.sheet == sheet):
            return None
        self.plan = None

        def job(progress: Progress, cancelled: Cancelled) -> tuple[Workbook, Table]:
            return workbook, workbook.read(sheet, progress=progress, cancelled=cancelled)

        return self._run_file_job(job)

    def _run_file_job(self, function: Callable[[Progress, Cancelled], Any]) -> Job:
        job = self._run(
            "file",
            function,
            self._file_pool,
            self.source_page.show_progress,
            self._file_read,
            self._file_failed,
            lambda: self._file_failed(None),
        )
        self.mapping_page.completeChanged.emit()
        return job

    def _file_read(self, result: tuple[Workbook, Table]) -> None:
        workbook, table = result
        if self.workbook is not None and self.workbook is not workbook:
            self.workbook.close()
        self.workbook, self.table = workbook, table
        self._guess_header()
        self.file_problems = []
        if table.truncated:
            self.file_problems.append(
                Problem(
                    None,
                    None,
                    None,
                    _("only the first {rows:,} rows were read").format(rows=len(table.rows)),
                    "warning",
                )
            )
        self.source_page.show_loaded(self._facts())
        if self.currentId() == MAPPING:
            self.mapping_page.show_state()
        self.file_loaded.emit()

    def _facts(self) -> str:
        """What was found in the file, for the first page."""
        workbook, table = self.workbook, self.table
        assert workbook is not None and table is not None
        sheet = table.sheet or workbook.file.name
        if self.header is not None and not self.header_warning:
            below = len(table.rows) - self.header.data_start()
            facts = ngettext(
                "“{sheet}”: headings in row {row}, {count} row below them.",
                "“{sheet}”: headings in row {row}, {count} rows below them.",
                below,
            ).format(sheet=sheet, row=self.header.row, count=f"{below:,}")
        else:
            facts = ngettext(
                "Read {count} row from “{sheet}”.",
                "Read {count} rows from “{sheet}”.",
                len(table.rows),
            ).format(count=f"{len(table.rows):,}", sheet=sheet)
        if table.sheets:
            facts += " " + _(
                "Rows read from {count} sheets with the same headings: {sheets}"
            ).format(count=len(table.sheets), sheets="、".join(table.sheets))
        elif len(workbook.sheet_names) > 1:
            facts += " " + _(
                "The workbook has {count} sheets; you can choose another on the next page."
            ).format(count=len(workbook.sheet_names))
        return facts

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

    def _guess_header(self) -> None:
        table = self.table
        assert table is not None
        self.header_warning = ""
        self.plan = None
        if not table.rows:
            self.header, self.mapping, self.recalled = None, {}, False
            self.header_warning = _("{file}: the sheet “{sheet}” is empty.").format(
                file=table.file.name, sheet=table.sheet
            )
            return
        try:
            self.header = find_header(table, self.targets, what=_(self.spec.title))
            reshape = getattr(self.spec, "reshape", None)  # a grid read as rows
            if reshape is not None:
                self.table, self.header = reshape(table, self.header)
        except NoHeaderError as exc:
            self.header = header_at(table, 0, self.targets)
            self.header_warning = f"{exc} " + _("Choose the heading row and the columns.")
        self._map_for_header()

    def _map_for_header(self) -> None:
        assert self.header is not None
        remembered = recall_layout(
            self.session.conn, self.spec.key, self.header.headers, self.targets
        )
        self.recalled = remembered is not None
        self.answers = ValueAnswers(
            recall_answers(self.session.conn, self.spec.key, self.header.headers, self.targets)
        )
        if remembered is not None:
            self.mapping = dict(remembered)
        else:
            assert self.table is not None
            suggested = suggest_mapping(self.header.headers, self.targets)
            self.mapping = guess_by_values(
                self.session.conn, self.table, self.header, suggested, self.targets
            )

    def set_header_row(self, row_index: int) -> None:
        """Take the headings from another row (an index into ``table.rows``)."""
        if self.table is None:
            return
        self.header = header_at(self.table, row_index, self.targets)
        self.header_warning = ""
        self.plan = None
        self._map_for_header()
        self.mapping_page.show_state()

    def set_target_columns(self, key: str, columns: Sequence[int]) -> None:
        """One target from these columns (none: not imported); a column feeds one target only."""
        columns = tuple(columns)
        for other in list(self.mapping):
            if other != key and set(self.mapping[other]) & set(columns):
                del self.mapping[other]
        if columns:
            self.mapping[key] = columns
        else:
            self.mapping.pop(key, None)
        self.mapping = {t.key: self.mapping[t.key] for t in self.targets if t.key in self.mapping}
        self.recalled = False
        self.header_warning = ""
        self.plan = None
        self.mapping_page.show_mapping()

    def set_mapping(self, mapping: Mapping) -> None:
        self.mapping = {key: tuple(columns) for key, columns in mapping.items() if columns}
        self.recalled = False
        self.header_warning = ""
        self.plan = None
        self.mapping_page.show_mapping()

    # ----- 3. checking --------------------------------------------------------------------------

    def check(self) -> Job | None:
        """Map every row and plan the import on the database thread; ``checked(plan)``."""
        if not self.ready_to_check():
            return None
        table, header, spec = self.table, self.header, self.spec
        assert table is not None and header is not None and self.path is not None
        mapping, targets, path = dict(self.mapping), self.targets, self.path
        skip = self.skip_invalid
        workspace = self.session.workspace
        self.plan = None
        if hasattr(spec, "answers"):  # a spec that asks about values no list knows
            spec.answers = ValueAnswers({k: dict(v) for k, v in self.answers.mapped.items()})

        def job(progress: Progress, cancelled: Cancelled) -> ImportPlan:
            rows = map_rows(
                table,
                header,
                mapping,
                targets,
                progress=sub_progress(progress, 0.0, 0.7),
                cancelled=cancelled,
            )
            check_cancelled(cancelled)
            progress(0.7, _("Comparing with the register…"))
            conn = workspace.connect()
            try:
                return spec.plan(conn, rows, file=path, sheet=table.sheet, skip_invalid=skip)
            finally:
                conn.close()

        self.check_page.show_running()
        return self._run(
            "check",
            job,
            database_pool(),
            self.check_page.show_progress,
            self._checked,
            self._check_failed,
            self._check_cancelled,
        )

    def _checked(self, plan: ImportPlan) -> None:
        plan.skip_invalid = self.skip_invalid
        plan.sheets = self.table.sheets if self.table is not None else ()
        self.plan = plan
        self.check_page.show_plan(plan, [*self.file_problems, *plan.problems])
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
        """Whether the kind of import takes a programme and date the file names nowhere."""
        return hasattr(self.spec, "take_defaults")

    def set_roster_defaults(self, programme: str, held_on: str) -> str | None:
        """The programme and date when no column gives them; a message if the date is not one."""
        take = getattr(self.spec, "take_defaults", None)
        if take is None:
            return None
        problem = take(programme, held_on)
        if problem is None:
            self.plan = None
            self.mapping_page.show_mapping()
            self.mapping_page.completeChanged.emit()
        return problem

    def value_choices(self, target: str) -> list[tuple[str, str]]:
        """What an unknown value of ``target`` can be read as (code, label)."""
        choices = getattr(self.spec, "value_choices", None)
        return choices(self.session.conn, target) if choices is not None else []

    def value_answer(self, target: str, value: str) -> str | None:
        return self.answers.answer(target, value)

    def set_value_answer(self, target: str, value: str, code: str | None) -> None:
        """Read ``value`` of ``target`` as ``code`` ("+" adds it to its list; None leaves it).

        Takes effect at the next check ("Check again").
        """
        self.answers.set(target, value, code)
        self.check_page.completeChanged.emit()

    def set_skip_invalid(self, skip: bool) -> None:
        self.skip_invalid = skip
        if self.plan is not None:
            self.plan.skip_invalid = skip
            self.check_page.show_verdict(self.plan)
        self.check_page.completeChanged.emit()

    # ----- 4. importing -------------------------------------------------------------------------

    def start_import(self) -> Job | None:
        """Apply the plan in one transaction on the database thread; ``imported(summary)``."""
        plan, spec, header = self.plan, self.spec, self.header
        if plan is None or not plan.can_apply or header is None or self.busy:
            return None
        mapping = dict(self.mapping)
        workspace = self.session.workspace
        answers = self.answers.kept()

        def job(progress: Progress, cancelled: Cancelled) -> ImportSummary:
            conn = workspace.connect()
            try:
                summary = spec.apply(conn, plan, progress=progress, cancelled=cancelled)
                remember_layout(conn, spec.key, header.headers, mapping, answers)
                return summary
            finally:
                conn.close()

        self.import_page.show_running()
        return self._run(
            "import",
            job,
            database_pool(),
            self.import_page.show_progress,
            self._imported,
            self._import_failed,
            self._import_cancelled,
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
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
        pool: QThreadPool,
        on_progress: Callable[[float, str], None],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
    ) -> Job:
        """Start one job; only the latest job's results reach the pages.

        The handlers know the job by its serial number, never by reference: a job caught in a
        reference cycle could be freed by a garbage collection that happens to run on a worker
        thread, which PySide does not survive.
        """
        self.cancel_job()
        self._serial += 1
        serial = self._serial
        job = Job(function, self)
        job.progress.connect(
            lambda fraction, text: self._progress(serial, on_progress, fraction, text)
        )
        job.finished.connect(lambda result: self._deliver(serial, on_done, result))
        job.failed.connect(lambda exc: self._deliver(serial, on_failed, exc))
        job.cancelled.connect(lambda: self._deliver(serial, on_cancelled))
        self._job, self._job_kind = job, kind
        job.start(pool)
        return job

    def _progress(
        self, serial: int, handler: Callable[[float, str], None], fraction: float, text: str
    ) -> None:
        if serial == self._serial and self._job is not None:
            handler(fraction, text)

    def _deliver(self, serial: int, handler: Callable[..., None], *args: Any) -> None:
        if serial != self._serial or self._job is None:
            # Superseded or forgotten: drop the result, closing a workbook it opened.
            result = args[0] if args else None
            if (
                isinstance(result, tuple)
                and isinstance(result[0], Workbook)
                and result[0] is not self.workbook
            ):
                result[0].close()
            return
        self._job.deleteLater()
        self._job, self._job_kind = None, ""
        handler(*args)
        for page in (self.source_page, self.mapping_page, self.check_page):
            page.completeChanged.emit()

    def cancel_job(self) -> None:
        """Ask the running job to stop; its ``cancelled`` handler reports when it has.

        A file being read is simply forgotten (its result is dropped when it arrives).
        """
        if self._job is not None and self._job.running:
            self._job.cancel()
            if self._job_kind == "file":
                self._job, self._job_kind = None, ""

    def reject(self) -> None:
        if self._job_kind == "import" and self.busy:
            self.cancel_job()  # stay open to say that nothing was written
            return
        super().reject()

    def done(self, result: int) -> None:
        reading = self._job_kind == "file" and self.busy
        self.cancel_job()
        if self.workbook is not None and not reading:
            self.workbook.close()
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
