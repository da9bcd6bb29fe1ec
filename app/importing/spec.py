"""What every import shares: targets to map columns to, problems, plans and summaries.

The engine (``app.importing.engine``) reads a file, finds its header row, suggests and remembers the
column mapping and parses each cell into a ``MappedRow``. An ``ImportSpec`` then turns mapped rows
into a plan (what would be created, matched or skipped, and every problem) and applies the plan in
one transaction: all or nothing. The wizard and the CLI drive every spec the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from app.catalogues import match_value
from app.i18n import _
from app.jobs import Cancelled, Progress
from app.registers.fields import Field
from app.storage.database import Connection

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Target:
    """A value an import can take from a column."""

    key: str
    label: str  # N_() msgid
    synonyms: tuple[str, ...] = ()  # header texts that mean this target (ja and en)
    required: bool = False
    field: Field | None = None  # parses the cell (dates, codes, numbers...); None keeps text
    joinable: bool = False  # may come from several columns joined by a space (姓 + 名)
    # Taken from the title lines when no column gives it: "unit" (所属：中央店, or each sheet's
    # name when sheets are joined) or "date" (実施日：令和6年5月10日). See app.importing.titles.
    title_fact: str | None = None
    # The catalogue its values come from: a column no heading names is recognised by its values.
    catalogue: str | None = None


@dataclass(frozen=True)
class Problem:
    row: int | None  # the row number as the spreadsheet shows it; None for the whole file
    column: str | None  # the column's header text in the file
    value: Any
    message: str  # translated
    severity: Severity = "error"
    sheet: str | None = None  # named when the rows came from several sheets

    def describe(self, file_name: str) -> str:
        where = [file_name]
        if self.sheet:
            where.append(_("sheet “{sheet}”").format(sheet=self.sheet))
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column:
            where.append(_("column “{column}”").format(column=self.column))
        shown = "" if self.value in (None, "") else f" (“{self.value}”)"
        return f"{', '.join(where)}{shown}: {self.message}"


@dataclass
class MappedRow:
    row: int  # the spreadsheet's row number
    values: dict[str, Any]  # target key -> parsed value (None when empty)
    raw: dict[str, Any]  # target key -> the cell(s) as read
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # target key -> header text in the file
    sheet: str | None = None  # set when the rows came from several sheets

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


ADD_TO_CATALOGUE = "+"  # an answer: add the value to its catalogue (or register) as a new item


@dataclass
class UnknownValue:
    """A value of a catalogue-valued column that names no item: a question for the officer."""

    target: str  # target key
    column: str  # the column's header text in the file
    value: str  # as first written in the file
    rows: int = 0  # how many rows carry it
    first_row: int = 0
    catalogue: str | None = None  # None: a register (departments)


@dataclass
class ValueAnswers:
    """The officer's answers to unknown values: target key -> {folded value: code or "+"}.

    ``add_all`` adds every value still unknown to its catalogue (the CLI's --add-values).
    Values are compared folded (``app.catalogues.match_value``), so 業務職員 and 業務 are one.
    """

    mapped: dict[str, dict[str, str]] = field(default_factory=dict)
    add_all: bool = False

    def answer(self, target: str, value: Any) -> str | None:
        found = self.mapped.get(target, {}).get(match_value(value))
        if found is None and self.add_all:
            return ADD_TO_CATALOGUE
        return found

    def kept(self) -> dict[str, dict[str, str]]:
        """The answers worth remembering with the layout: items chosen, not values added (once
        added, the catalogue itself knows them)."""
        return {
            target: {value: code for value, code in values.items() if code != ADD_TO_CATALOGUE}
            for target, values in self.mapped.items()
        }

    def set(self, target: str, value: Any, code: str | None) -> None:
        answers = self.mapped.setdefault(target, {})
        if code is None:
            answers.pop(match_value(value), None)
        else:
            answers[match_value(value)] = code


Mapping = dict[str, tuple[int, ...]]  # target key -> column indexes (several when joined)


@dataclass
class ImportPlan:
    spec_key: str
    file: Path
    sheet: str | None
    rows_read: int
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # e.g. {"people_created": 3}
    actions: list[Any] = field(default_factory=list)  # spec-specific, applied in order
    skip_invalid: bool = False
    unknown: list[UnknownValue] = field(default_factory=list)  # each distinct value once
    sheets: tuple[str, ...] = ()  # when the rows came from several sheets of one workbook

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    @property
    def can_apply(self) -> bool:
        """Rows to import and no error, or only row errors the officer chose to skip; an error
        about the whole file (no rows, an ambiguous heading) always stops the import."""
        if self.rows_read == 0 or any(problem.row is None for problem in self.errors):
            return False
        return not self.errors or self.skip_invalid


@dataclass
class ImportSummary:
    spec_key: str
    file: Path
    rows_read: int
    counts: dict[str, int]
    problems: list[Problem]
    registers: frozenset[str]  # registers changed (for ``Changes``)
    created: dict[str, list[str]] = field(default_factory=dict)  # e.g. people created, by label


COUNT_LABELS: dict[str, str] = {}  # count key -> N_() msgid, filled by specs (after the import)
PLANNED_LABELS: dict[str, str] = {}  # the same counts before anything is written ("to add")


def count_label(key: str, *, planned: bool) -> str:
    """The translated name of a count: in the future on the check page, in the past after."""
    if planned and key in PLANNED_LABELS:
        return _(PLANNED_LABELS[key])
    return _(COUNT_LABELS.get(key, key))


class ImportSpec(Protocol):
    key: str
    title: str  # N_() msgid
    targets: tuple[Target, ...]

    def plan(
        self,
        conn: Connection,
        rows: Sequence[MappedRow],
        *,
        file: Path,
        sheet: str | None,
        skip_invalid: bool = False,
    ) -> ImportPlan: ...

    def apply(
        self, conn: Connection, plan: ImportPlan, *, progress: Progress, cancelled: Cancelled
    ) -> ImportSummary: ...
