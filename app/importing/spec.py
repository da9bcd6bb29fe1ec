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


@dataclass(frozen=True)
class Problem:
    row: int | None  # the row number as the spreadsheet shows it; None for the whole file
    column: str | None  # the column's header text in the file
    value: Any
    message: str  # translated
    severity: Severity = "error"

    def describe(self, file_name: str) -> str:
        where = [file_name]
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

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


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

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    @property
    def can_apply(self) -> bool:
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
