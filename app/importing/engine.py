"""From cells to values: every data row below the headings, parsed target by target.

``map_rows`` takes the cell(s) of each mapped target (two joined with a space for 姓 + 名),
normalises them (full-width spaces, NFKC for codes and numbers, never for names: 﨑 and 髙 stay) and
parses them with the target's ``Field`` (dates in every form offices type, codes with their leading
zeros, numbers, yes/no). A value that does not parse is a ``Problem`` of its row, naming the row,
the column and the value; the other rows are unaffected. ``load_for_import`` runs the whole
sequence for the CLI and the wizard.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import _
from app.importing.header import HeaderGuess, find_header, header_at
from app.importing.layouts import recall_layout
from app.importing.mapping import columns_title, missing_required, suggest_mapping
from app.importing.reader import MAX_CELL_CHARS, Table, Workbook, open_workbook
from app.importing.spec import ImportSpec, MappedRow, Mapping, Problem, Target
from app.jobs import (
    Cancelled,
    Progress,
    check_cancelled,
    never_cancelled,
    no_progress,
    sub_progress,
)
from app.registers.fields import FieldError, Kind
from app.storage.database import Connection
from app.text import normalise_text

# Kinds whose cells are folded with NFKC before parsing (１２３ -> 123, ｍａｉｌ -> mail). Names and
# other text are not: NFKC would turn ① into 1 and ㈱ into (株).
_NFKC_KINDS = frozenset((Kind.CODE, Kind.INTEGER, Kind.BOOL, Kind.EMAIL, Kind.URL, Kind.MONTH_DAY))
_CACHE_LIMIT = 50_000  # distinct values remembered per target (departments, dates repeat a lot)
_REPORT_EVERY = 500

Parser = Callable[[Any], Any]


def _normalise_cell(value: Any, nfkc: bool) -> Any:
    if not isinstance(value, str):
        return value
    if nfkc:
        value = unicodedata.normalize("NFKC", value)
    return value.replace("\u3000", " ").strip() or None


def _joined(cells: Sequence[Any]) -> Any:
    parts = [str(cell).replace("\u3000", " ").strip() for cell in cells if cell is not None]
    parts = [part for part in parts if part]
    return " ".join(parts) if parts else None


def _parser(target: Target) -> tuple[Parser, bool]:
    """The function turning a normalised cell into the target's value, and whether to NFKC it."""
    item = target.field
    if item is None:
        return (lambda value: normalise_text(str(value)) or None), False
    if item.kind is Kind.LINK:
        # Links are named by a human key or display name; the spec resolves them.
        return (lambda value: normalise_text(str(value)) or None), False
    return item.parse, item.kind in _NFKC_KINDS


class _CachedParser:
    """``parse`` with its results (and refusals) remembered by the exact cell value.

    Departments, employment types and dates repeat down a roster, so most cells are parsed once.
    """

    def __init__(self, target: Target) -> None:
        self.parse, self.nfkc = _parser(target)
        self.texts: dict[str, tuple[Any, str | None]] = {}
        self.others: dict[tuple[type, Any], tuple[Any, str | None]] = {}

    def __call__(self, raw: Any) -> tuple[Any, str | None]:
        if type(raw) is str:
            hit = self.texts.get(raw)
            if hit is None:
                hit = self._parse(raw)
                if len(self.texts) < _CACHE_LIMIT:
                    self.texts[raw] = hit
            return hit
        key = (type(raw), raw)
        try:
            hit = self.others.get(key)
        except TypeError:  # an unhashable cell value
            return self._parse(raw)
        if hit is None:
            hit = self._parse(raw)
            if len(self.others) < _CACHE_LIMIT:
                self.others[key] = hit
        return hit

    def _parse(self, raw: Any) -> tuple[Any, str | None]:
        value = _normalise_cell(raw, self.nfkc)
        if value is None:
            return None, None
        try:
            return self.parse(value), None
        except FieldError as exc:
            return None, str(exc)
        except (ValueError, TypeError, OverflowError) as exc:  # a parser's own refusal
            return None, str(exc) or _("cannot be read")


def map_rows(
    table: Table,
    header: HeaderGuess,
    mapping: Mapping,
    targets: Sequence[Target],
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    limit: int | None = None,
) -> list[MappedRow]:
    """A ``MappedRow`` for every data row below the headings that has a value in a mapped column.

    ``limit`` stops after that many rows (the wizard's live preview).
    """
    active = [target for target in targets if mapping.get(target.key)]
    titles = {target.key: columns_title(header.headers, mapping[target.key]) for target in active}
    # (key, the one column or -1, all columns, parser): the loop below runs for every cell.
    plan = [
        (
            target.key,
            mapping[target.key][0] if len(mapping[target.key]) == 1 else -1,
            tuple(mapping[target.key]),
            _CachedParser(target),
        )
        for target in active
    ]
    oversized: dict[int, list[tuple[int, int]]] = {}
    for giant in table.oversized:
        oversized.setdefault(giant.row, []).append((giant.column, giant.length))
    mapped_columns = {column: target for target in active for column in mapping[target.key]}
    required = [target.key for target in active if target.required]
    rows: list[MappedRow] = []
    start = header.data_start()
    table_rows, row_numbers = table.rows, table.row_numbers
    total = max(1, len(table_rows) - start)
    message = _("Checking rows…")
    for position in range(start, len(table_rows)):
        done = position - start
        if done % _REPORT_EVERY == 0:
            check_cancelled(cancelled)
            progress(done / total, message)
        if limit is not None and len(rows) >= limit:
            break
        cells = table_rows[position]
        width = len(cells)
        number = row_numbers[position]
        values: dict[str, Any] = {}
        raw: dict[str, Any] = {}
        problems: list[Problem] = []
        empty = True
        for key, index, columns, parse in plan:
            if index >= 0:
                cell = value_in = cells[index] if index < width else None
            else:
                cell = tuple(cells[i] if i < width else None for i in columns)
                value_in = _joined(cell)
            raw[key] = cell
            if value_in is None:
                values[key] = None
                continue
            value, error = parse(value_in)
            values[key] = value
            if error is not None:
                problems.append(Problem(number, titles[key], value_in, error))
                empty = False
            elif value is not None:
                empty = False
        for column, length in oversized.get(number, ()) if oversized else ():
            target = mapped_columns.get(column)
            if target is None:
                continue
            empty = False
            problems.append(
                Problem(
                    number,
                    titles[target.key],
                    None,
                    _("has {length:,} characters; a cell holds at most {limit:,}").format(
                        length=length, limit=MAX_CELL_CHARS
                    ),
                )
            )
        if empty:
            continue
        for key in required:
            if values[key] is None and not any(p.column == titles[key] for p in problems):
                problems.append(Problem(number, titles[key], None, _("a value is required")))
        rows.append(MappedRow(number, values, raw, problems, columns=titles))
    progress(1.0, message)
    return rows


@dataclass
class Prepared:
    """A file read and mapped, ready for ``spec.plan``."""

    workbook: Workbook
    table: Table
    header: HeaderGuess
    mapping: Mapping
    rows: list[MappedRow]
    targets: tuple[Target, ...] = ()
    recalled: bool = False  # the mapping came from a remembered layout
    problems: list[Problem] = field(default_factory=list)  # about the file as a whole

    @property
    def file(self) -> Path:
        return self.workbook.file

    @property
    def missing(self) -> list[Target]:
        return missing_required(self.mapping, self.targets)

    def remap(
        self,
        mapping: Mapping | None = None,
        *,
        header_row: int | None = None,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
    ) -> Prepared:
        """Map again after the officer changed the mapping or picked another heading row."""
        header = self.header
        if header_row is not None and header_row != header.row_index:
            header = header_at(self.table, header_row, self.targets)
            if mapping is None:
                mapping = suggest_mapping(header.headers, self.targets)
        mapping = dict(mapping if mapping is not None else self.mapping)
        rows = map_rows(
            self.table, header, mapping, self.targets, progress=progress, cancelled=cancelled
        )
        return Prepared(
            self.workbook, self.table, header, mapping, rows, self.targets, False, self.problems
        )


def load_for_import(
    path: Path,
    spec: ImportSpec,
    *,
    password: str | None = None,
    sheet: str | None = None,
    mapping: Mapping | None = None,
    conn: Connection | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> Prepared:
    """Open, read, find the headings, map (given > remembered for this layout > suggested), parse.

    Raises ``SpreadsheetError`` for a file that cannot be used at all.
    """
    targets = tuple(spec.targets)
    workbook = open_workbook(Path(path), password=password)
    try:
        table = workbook.read(sheet, progress=sub_progress(progress, 0.0, 0.5), cancelled=cancelled)
        check_cancelled(cancelled)
        header = find_header(table, targets, what=_(spec.title))
        recalled = False
        if mapping is None and conn is not None:
            remembered = recall_layout(conn, spec.key, header.headers, targets)
            if remembered is not None:
                mapping, recalled = remembered, True
        if mapping is None:
            mapping = suggest_mapping(header.headers, targets)
        rows = map_rows(
            table,
            header,
            mapping,
            targets,
            progress=sub_progress(progress, 0.5, 1.0),
            cancelled=cancelled,
        )
    except BaseException:
        workbook.close()
        raise
    problems = []
    if table.truncated:
        problems.append(
            Problem(
                None,
                None,
                None,
                _("only the first {rows:,} rows were read").format(rows=len(table.rows)),
                "warning",
            )
        )
    return Prepared(workbook, table, header, dict(mapping), rows, targets, recalled, problems)
