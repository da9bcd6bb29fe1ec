"""From cells to values: every data row below the headings, parsed target by target.

``map_rows`` takes the cell(s) of each mapped target (two joined with a space for 姓 + 名),
normalises them (full-width spaces, NFKC for codes and numbers, never for names: 﨑 and 髙 stay) and
parses them with the target's ``Field`` (dates in every form offices type, codes with their leading
zeros, numbers, yes/no). A value that does not parse is a ``Problem`` of its row, naming the row,
the column and the value; the other rows are unaffected. ``load_for_import`` runs the whole
sequence for the CLI and the wizard.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import _
from app.importing.guess import guess_by_values
from app.importing.header import HeaderGuess, header_at
from app.importing.layouts import recall_layout
from app.importing.mapping import columns_title, missing_required, suggest_mapping
from app.importing.reader import MAX_CELL_CHARS, Table, Workbook, open_workbook
from app.importing.sheets import read_rows_to_import
from app.importing.spec import ImportSpec, MappedRow, Mapping, Problem, Target
from app.importing.titles import TitleFacts, title_facts
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
from app.text import normalise_text, strip_controls

# Kinds whose cells are folded with NFKC before parsing (１２３ -> 123, ｍａｉｌ -> mail). Names and
# other text are not: NFKC would turn ① into 1 and ㈱ into (株).
_NFKC_KINDS = frozenset((Kind.CODE, Kind.INTEGER, Kind.BOOL, Kind.EMAIL, Kind.URL, Kind.MONTH_DAY))
_CACHE_LIMIT = 50_000  # distinct values remembered per target (departments, dates repeat a lot)
_REPORT_EVERY = 500

Parser = Callable[[Any], Any]


def _normalise_cell(value: Any, nfkc: bool) -> Any:
    if not isinstance(value, str):
        return value
    value = strip_controls(value)  # NUL, ESC, bidi overrides never enter the workspace
    if nfkc:
        value = unicodedata.normalize("NFKC", value)
    return value.replace("\u3000", " ").strip() or None


def _joined(cells: Sequence[Any]) -> Any:
    parts = [
        strip_controls(str(cell)).replace("\u3000", " ").strip()
        for cell in cells
        if cell is not None
    ]
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


_YEAR_LAST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$")


def year_last_order(cells: Sequence[Any]) -> str | None:
    """ "mdy" or "dmy" when a column writes dates with the year last (09/15/2024, 15/09/2024) and
    one of them says which part is the day; None when none does (or they disagree)."""
    month_first = day_first = False
    for cell in cells:
        match = _YEAR_LAST.match(cell) if isinstance(cell, str) else None
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        month_first |= second > 12 >= first
        day_first |= first > 12 >= second
    if month_first == day_first:
        return None
    return "mdy" if month_first else "dmy"


def _year_first(order: str, parse: Parser) -> Parser:
    def parse_year_last(value: Any) -> Any:
        match = _YEAR_LAST.match(value) if isinstance(value, str) else None
        if match is not None:
            first, second, year = match.groups()
            month, day = (first, second) if order == "mdy" else (second, first)
            value = f"{year}/{month}/{day}"
        return parse(value)

    return parse_year_last


_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:月\s*(\d{1,2})\s*日?|/\s*(\d{1,2}))\s*(?:[(（].*)?$")


def _with_title_year(facts: TitleFacts, parse: Parser) -> Parser:
    """Dates written 5月10日 or 5/10 take their year from the title (令和6年度, 2024年)."""

    def parse_month_day(value: Any) -> Any:
        text = unicodedata.normalize("NFKC", value) if isinstance(value, str) else None
        match = _MONTH_DAY.match(text) if text is not None else None
        if match is not None:
            month = int(match.group(1))
            year = facts.year_of(month)
            if year is not None:
                value = f"{year}/{month}/{match.group(2) or match.group(3)}"
        return parse(value)

    return parse_month_day


class _CachedParser:
    """``parse`` with its results (and refusals) remembered by the exact cell value.

    Departments, employment types and dates repeat down a roster, so most cells are parsed once.
    """

    def __init__(
        self, target: Target, year_last: str | None = None, facts: TitleFacts | None = None
    ) -> None:
        self.parse, self.nfkc = _parser(target)
        if year_last is not None:
            self.parse = _year_first(year_last, self.parse)
        if facts is not None and (facts.year or facts.fiscal_year):
            self.parse = _with_title_year(facts, self.parse)
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


_TOTAL_WORDS = frozenset(("合計", "計", "小計", "総計", "合計人数", "total", "totals"))


def _is_total_or_note(cells: Sequence[Any]) -> bool:
    """A totals line (合計 …) or a note (※ …) below or between the rows: not a record.

    Runs for every row, so it looks for the telltale characters before folding anything.
    """
    first = None
    count = 0
    for cell in cells:
        if cell is None:
            continue
        count += 1
        if first is None:
            first = cell
        if type(cell) is str and ("計" in cell or "otal" in cell or "OTAL" in cell):
            word = "".join(unicodedata.normalize("NFKC", cell).split()).casefold().rstrip(":")
            if word in _TOTAL_WORDS or word.startswith(("合計", "小計", "総計")):
                return True
    return count == 1 and type(first) is str and first.lstrip().startswith(("※", "*", "＊"))


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
    start = header.data_start()
    facts = title_facts(table.rows[: header.row_index])
    defaults = _title_defaults(targets, mapping, facts, joined=table.row_sheets is not None)
    year_last = {
        target.key: year_last_order(
            [table.cell(i, mapping[target.key][0]) for i in range(start, len(table.rows))]
        )
        for target in active
        if target.field is not None and target.field.kind is Kind.DATE
    }
    titles = {target.key: columns_title(header.headers, mapping[target.key]) for target in active}
    # (key, the one column or -1, all columns, parser): the loop below runs for every cell.
    plan = [
        (
            target.key,
            mapping[target.key][0] if len(mapping[target.key]) == 1 else -1,
            tuple(mapping[target.key]),
            _CachedParser(
                target, year_last.get(target.key), facts if target.title_fact == "date" else None
            ),
        )
        for target in active
    ]
    oversized: dict[int, list[tuple[int, int]]] = {}
    for giant in table.oversized:
        oversized.setdefault(giant.row, []).append(
            (giant.column, -1 if giant.formula else giant.length)
        )
    mapped_columns = {column: target for target in active for column in mapping[target.key]}
    required = [target.key for target in active if target.required]
    rows: list[MappedRow] = []
    table_rows, row_numbers, row_sheets = table.rows, table.row_numbers, table.row_sheets
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
        if _is_total_or_note(cells):
            continue
        width = len(cells)
        number = row_numbers[position]
        sheet = row_sheets[position] if row_sheets is not None else None
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
                problems.append(Problem(number, titles[key], value_in, error, sheet=sheet))
                empty = False
            elif value is not None:
                empty = False
        for column, length in oversized.get(number, ()) if oversized else ():
            target = mapped_columns.get(column)
            if target is None:
                continue
            empty = False
            message = (
                _(
                    "is a formula whose result was never saved (the file was saved by a program "
                    "that does not calculate); open the file in Excel, save it and import again"
                )
                if length < 0
                else _("has {length:,} characters; a cell holds at most {limit:,}").format(
                    length=length, limit=MAX_CELL_CHARS
                )
            )
            problems.append(Problem(number, titles[target.key], None, message, sheet=sheet))
        if empty:
            continue
        for key, value in defaults:
            values[key] = raw[key] = sheet if value is _SHEET and sheet else value
        for key in required:
            if values[key] is None and not any(p.column == titles[key] for p in problems):
                problems.append(Problem(number, titles[key], None, _("is required"), sheet=sheet))
        rows.append(MappedRow(number, values, raw, problems, columns=titles, sheet=sheet))
    progress(1.0, message)
    return rows


_SHEET = object()  # a default: the row's own sheet name


def _title_defaults(
    targets: Sequence[Target], mapping: Mapping, facts: TitleFacts, *, joined: bool
) -> list[tuple[str, Any]]:
    """(target key, value) for targets no column feeds that the title (or the sheet) names."""
    defaults: list[tuple[str, Any]] = []
    for target in targets:
        if mapping.get(target.key) or target.title_fact is None:
            continue
        if target.title_fact == "unit" and joined:
            defaults.append((target.key, _SHEET))
            continue
        value = facts.value_for(target.title_fact)
        if value is not None:
            defaults.append((target.key, value))
    return defaults


def title_filled(table: Table, header: HeaderGuess, targets: Sequence[Target]) -> set[str]:
    """Keys of the targets the title lines (or joined sheets' names) give when no column does."""
    facts = title_facts(table.rows[: header.row_index])
    return {
        key
        for key, _value in _title_defaults(targets, {}, facts, joined=table.row_sheets is not None)
    }


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
        given = title_filled(self.table, self.header, self.targets)
        return [t for t in missing_required(self.mapping, self.targets) if t.key not in given]

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
        table, header = read_rows_to_import(
            workbook,
            targets,
            sheet=sheet,
            what=_(spec.title),
            progress=sub_progress(progress, 0.0, 0.5),
            cancelled=cancelled,
        )
        check_cancelled(cancelled)
        reshape = getattr(spec, "reshape", None)  # a spec that reads grids as rows
        if reshape is not None:
            table, header = reshape(table, header)
        recalled = False
        if mapping is None and conn is not None:
            remembered = recall_layout(conn, spec.key, header.headers, targets)
            if remembered is not None:
                mapping, recalled = remembered, True
        if mapping is None:
            mapping = suggest_mapping(header.headers, targets)
            if conn is not None:
                mapping = guess_by_values(conn, table, header, mapping, targets)
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
