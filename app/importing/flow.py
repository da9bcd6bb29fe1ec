"""The import as a flow of steps: file → headings and columns → check → import → summary.

``ImportFlow`` holds what the officer has chosen and what was found, and knows what each step
needs before the next may follow (``resolve_next(step, flow)``). It is Qt-free: the wizard
(``ui/import_wizard/``) renders the steps and runs the long parts off the GUI thread, the command
line (``import``, ``import-roster``) drives the same flow in one go, and tests drive it directly.

The long parts are plain job functions (``reader``, ``checker``, ``importer``) that capture the
state they need when they are made, so a job running on another thread never reads state the
officer is changing meanwhile; their results come back through ``take_file``, ``checked`` and
``imported``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

from app.i18n import _, ngettext
from app.importing.engine import Prepared, map_rows, title_filled
from app.importing.guess import guess_by_values
from app.importing.header import HeaderGuess, NoHeaderError, find_header, header_at
from app.importing.layouts import recall_answers, recall_layout, remember_layout
from app.importing.mapping import missing_required, repeated_headings, suggest_mapping
from app.importing.reader import Table, Workbook, open_workbook
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
from app.jobs import (
    Cancelled,
    Progress,
    check_cancelled,
    never_cancelled,
    no_progress,
    sub_progress,
)
from app.storage.database import Connection

FileJob = Callable[[Progress, Cancelled], tuple[Workbook, Table]]
DatabaseJob = Callable[[Connection, Progress, Cancelled], Any]


class Step(IntEnum):
    SOURCE = 0  # what to import, and the file
    MAPPING = 1  # the sheet, the heading row, which column feeds which field
    CHECK = 2  # every row parsed and compared with the register; nothing written
    IMPORT = 3  # one transaction
    SUMMARY = 4


def step_complete(step: Step, flow: ImportFlow) -> bool:
    """Whether ``step`` has what the next step needs."""
    if step is Step.SOURCE:
        return flow.table is not None
    if step is Step.MAPPING:
        return flow.ready_to_check()
    if step is Step.CHECK:
        return flow.plan is not None and flow.plan.can_apply
    return flow.summary is not None  # IMPORT, and SUMMARY: written, the flow is done


def following(step: Step) -> Step | None:
    """The step that comes after ``step`` in the flow, complete or not (None after the last)."""
    return None if step is Step.SUMMARY else Step(step + 1)


def resolve_next(step: Step, flow: ImportFlow) -> Step | None:
    """Where Next leads from ``step`` now: None while ``step`` is incomplete, or is the last."""
    if not step_complete(step, flow):
        return None
    return following(step)


def resolve_back(step: Step, flow: ImportFlow) -> Step | None:
    """Where Back leads: nowhere from the first step, nor once the import is written."""
    if step is Step.SOURCE or flow.summary is not None:
        return None
    return Step(step - 1)


@dataclass
class ImportFlow:
    specs: Sequence[ImportSpec]
    spec: ImportSpec | None = None  # the first of ``specs`` unless chosen
    path: Path | None = None
    workbook: Workbook | None = None
    table: Table | None = None
    header: HeaderGuess | None = None
    header_warning: str = ""
    mapping: Mapping = field(default_factory=dict)
    recalled: bool = False  # the mapping was remembered from an earlier file of this layout
    skip_invalid: bool = False
    answers: ValueAnswers = field(default_factory=ValueAnswers)  # to values no list knows
    file_problems: list[Problem] = field(default_factory=list)
    plan: ImportPlan | None = None
    summary: ImportSummary | None = None
    rows: list[MappedRow] | None = None  # parsed already for this mapping (the command line's)
    chosen: set[str] = field(default_factory=set)  # targets whose columns the officer named

    def __post_init__(self) -> None:
        if not self.specs:
            raise ValueError("an import needs at least one kind of import")
        if self.spec is None:
            self.spec = self.specs[0]

    @classmethod
    def from_prepared(
        cls, spec: ImportSpec, prepared: Prepared, chosen: set[str] | None = None
    ) -> ImportFlow:
        """The flow at its check step for a file ``load_for_import`` read and mapped
        (``chosen``: the targets whose columns the officer named, e.g. with ``--map``)."""
        return cls(
            [spec],
            spec,
            path=prepared.file,
            workbook=prepared.workbook,
            table=prepared.table,
            header=prepared.header,
            mapping=dict(prepared.mapping),
            recalled=prepared.recalled,
            file_problems=list(prepared.problems),
            rows=list(prepared.rows),
            chosen=set(chosen or ()),
        )

    # ----- state --------------------------------------------------------------------------------

    @property
    def current_spec(self) -> ImportSpec:
        assert self.spec is not None
        return self.spec

    @property
    def targets(self) -> tuple[Any, ...]:
        return tuple(self.current_spec.targets)

    @property
    def takes_roster_defaults(self) -> bool:
        """Whether the kind of import takes a programme and date the file names nowhere."""
        return hasattr(self.current_spec, "take_defaults")

    def missing_targets(self) -> list[Any]:
        """Required targets no column feeds and the title lines do not name either."""
        missing = missing_required(self.mapping, self.targets)
        if not missing or self.table is None or self.header is None:
            return missing
        given = title_filled(self.table, self.header, self.targets)
        return [target for target in missing if target.key not in given]

    def ready_to_check(self) -> bool:
        return self.table is not None and self.header is not None and not self.missing_targets()

    def preview_rows(self, limit: int) -> list[MappedRow]:
        """The first rows parsed with the current mapping (fast enough for the GUI thread)."""
        if self.table is None or self.header is None or not self.mapping:
            return []
        return map_rows(self.table, self.header, self.mapping, self.targets, limit=limit)

    def problems(self) -> list[Problem]:
        """What the check found, the file's own problems (a truncated sheet) first."""
        return list(self.plan.problems) if self.plan is not None else list(self.file_problems)

    # ----- 1. the file --------------------------------------------------------------------------

    def choose_spec(self, key: str, conn: Connection | None = None) -> bool:
        """Import another kind of record; the headings and columns are found again."""
        spec = next(spec for spec in self.specs if spec.key == key)
        if spec is self.spec:
            return False
        self.spec = spec
        self.plan = None
        if self.table is not None:
            self.guess_header(conn)
        return True

    def reader(
        self, path: str | Path, password: str | None = None, *, sheet: str | None = None
    ) -> FileJob:
        """A job that opens ``path`` and reads a sheet (the first unless named); hand its result
        to ``take_file``."""
        self.path = Path(path)
        self.plan = None
        target = self.path
        targets, what = self.targets, _(self.current_spec.title)

        def read(progress: Progress, cancelled: Cancelled) -> tuple[Workbook, Table]:
            workbook = open_workbook(target, password=password)
            try:
                if sheet is not None:
                    return workbook, workbook.read(sheet, progress=progress, cancelled=cancelled)
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

        return read

    def sheet_reader(self, sheet: str) -> FileJob | None:
        """A job that reads another sheet of the open workbook (None: it is the one shown)."""
        workbook = self.workbook
        if workbook is None or (self.table is not None and self.table.sheet == sheet):
            return None
        self.plan = None

        def read(progress: Progress, cancelled: Cancelled) -> tuple[Workbook, Table]:
            return workbook, workbook.read(sheet, progress=progress, cancelled=cancelled)

        return read

    def take_file(self, workbook: Workbook, table: Table, conn: Connection | None = None) -> None:
        """What a reader found: the headings are guessed and the columns mapped (as remembered
        for this layout through ``conn``, else suggested)."""
        if self.workbook is not None and self.workbook is not workbook:
            self.workbook.close()
        self.workbook, self.table = workbook, table
        self.summary = None
        if self.path is None:
            self.path = workbook.file
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
        self.guess_header(conn)

    def discard(self, result: object) -> None:
        """A reader's result nobody wants any more (superseded): close its workbook."""
        if (
            isinstance(result, tuple)
            and isinstance(result[0], Workbook)
            and result[0] is not self.workbook
        ):
            result[0].close()

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()

    def file_facts(self) -> str:
        """What was found in the file, in one or two sentences."""
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

    # ----- 2. headings and columns --------------------------------------------------------------

    def guess_header(self, conn: Connection | None = None) -> None:
        table = self.table
        assert table is not None
        self.header_warning = ""
        self.plan = None
        self.rows = None
        if not table.rows:
            self.header, self.mapping, self.recalled = None, {}, False
            self.header_warning = _("{file}: the sheet “{sheet}” is empty.").format(
                file=table.file.name, sheet=table.sheet
            )
            return
        try:
            self.header = find_header(table, self.targets, what=_(self.current_spec.title))
            reshape = getattr(self.current_spec, "reshape", None)  # a grid read as rows
            if reshape is not None:
                self.table, self.header = reshape(table, self.header)
        except NoHeaderError as exc:
            self.header = header_at(table, 0, self.targets)
            self.header_warning = f"{exc} " + _("Choose the heading row and the columns.")
        self._map_for_header(conn)

    def _map_for_header(self, conn: Connection | None) -> None:
        assert self.header is not None
        remembered = (
            recall_layout(conn, self.current_spec.key, self.header.headers, self.targets)
            if conn is not None
            else None
        )
        self.recalled = remembered is not None
        self.answers = (
            ValueAnswers(
                recall_answers(conn, self.current_spec.key, self.header.headers, self.targets)
            )
            if conn is not None
            else ValueAnswers()
        )
        if remembered is not None:
            self.mapping = dict(remembered)
            return
        assert self.table is not None
        suggested = suggest_mapping(self.header.headers, self.targets)
        self.mapping = (
            guess_by_values(conn, self.table, self.header, suggested, self.targets)
            if conn is not None
            else dict(suggested)
        )

    def set_header_row(self, row_index: int, conn: Connection | None = None) -> None:
        """Take the headings from another row (an index into ``table.rows``)."""
        if self.table is None:
            return
        self.header = header_at(self.table, row_index, self.targets)
        self.header_warning = ""
        self.plan = None
        self.rows = None
        self._map_for_header(conn)

    def set_target_columns(self, key: str, columns: Sequence[int]) -> None:
        """One target from these columns (none: not imported); a column feeds one target only."""
        columns = tuple(columns)
        self.chosen.add(key)
        for other in list(self.mapping):
            if other != key and set(self.mapping[other]) & set(columns):
                del self.mapping[other]
        if columns:
            self.mapping[key] = columns
        else:
            self.mapping.pop(key, None)
        self.mapping = {t.key: self.mapping[t.key] for t in self.targets if t.key in self.mapping}
        self._mapping_changed()

    def set_mapping(self, mapping: Mapping) -> None:
        self.mapping = {key: tuple(columns) for key, columns in mapping.items() if columns}
        self.chosen |= set(self.mapping)
        self._mapping_changed()

    def _mapping_changed(self) -> None:
        self.rows = None
        self.recalled = False
        self.header_warning = ""
        self.plan = None

    # ----- 3. checking --------------------------------------------------------------------------

    def checker(self) -> DatabaseJob | None:
        """A job that parses every row and plans the import (None until ready to check)."""
        if not self.ready_to_check():
            return None
        table, header, spec = self.table, self.header, self.current_spec
        assert table is not None and header is not None
        mapping, targets, skip = dict(self.mapping), self.targets, self.skip_invalid
        path = self.path or table.file
        file_problems, parsed = list(self.file_problems), self.rows
        heading_problems = (
            [] if self.recalled else repeated_headings(header.headers, mapping, self.chosen)
        )
        self.plan = None
        if hasattr(spec, "answers"):  # a spec that asks about values no list knows
            spec.answers = ValueAnswers(
                {k: dict(v) for k, v in self.answers.mapped.items()},
                add_all=self.answers.add_all,
            )

        def check(conn: Connection, progress: Progress, cancelled: Cancelled) -> ImportPlan:
            rows = parsed
            if rows is None:
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
            plan = spec.plan(conn, rows, file=path, sheet=table.sheet, skip_invalid=skip)
            plan.problems[:0] = [*file_problems, *heading_problems]
            if not rows:
                plan.problems.append(
                    Problem(
                        None,
                        None,
                        None,
                        _(
                            "There are no rows under the headings in row {row}: nothing to import."
                        ).format(row=header.row),
                    )
                )
            return plan

        return check

    def checked(self, plan: ImportPlan) -> None:
        plan.skip_invalid = self.skip_invalid
        plan.sheets = self.table.sheets if self.table is not None else ()
        self.plan = plan

    def check(
        self,
        conn: Connection,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
    ) -> ImportPlan:
        """Check on this thread (the command line, tests): ``checker`` run and ``checked``."""
        job = self.checker()
        if job is None:
            raise ValueError("not ready to check: a file, its headings and every required column")
        plan = job(conn, progress, cancelled)
        self.checked(plan)
        return plan

    def set_skip_invalid(self, skip: bool) -> None:
        """Import only the valid rows (or, unset, nothing while any row has an error)."""
        self.skip_invalid = skip
        if self.plan is not None:
            self.plan.skip_invalid = skip

    # ----- 4. importing -------------------------------------------------------------------------

    def importer(self) -> DatabaseJob | None:
        """A job that applies the plan in one transaction and remembers the layout (None until
        the check allows it)."""
        plan, spec, header = self.plan, self.current_spec, self.header
        if plan is None or not plan.can_apply or header is None:
            return None
        mapping = dict(self.mapping)
        answers = self.answers.kept() if hasattr(spec, "answers") else None

        def apply(conn: Connection, progress: Progress, cancelled: Cancelled) -> ImportSummary:
            summary = spec.apply(conn, plan, progress=progress, cancelled=cancelled)
            remember_layout(conn, spec.key, header.headers, mapping, answers)
            return summary

        return apply

    def imported(self, summary: ImportSummary) -> None:
        self.summary = summary

    def run_import(
        self,
        conn: Connection,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
    ) -> ImportSummary:
        """Import on this thread (the command line, tests): ``importer`` run and ``imported``."""
        job = self.importer()
        if job is None:
            raise ValueError("nothing to import: check first, and correct or skip the errors")
        summary = job(conn, progress, cancelled)
        self.imported(summary)
        return summary
