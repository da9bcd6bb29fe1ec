"""The board (理事会) privacy report as an Excel workbook (openpyxl), matching the PDF figure for figure.

Sheets: a summary mirroring the PDF's executive summary (every KPI with value, target, previous
value, a coloured status and its definition), one sheet per section (its KPIs, then its tables),
and one sheet per appendix table. Tables have a styled header, the first one an auto-filter and the
panes frozen below its header; columns are sized by display width (East-Asian wide characters count
double). Cells keep their types: numbers as numbers, dates as real dates shown yyyy/mm/dd, shares
as 0..1 with a percent format. Every text cell is written as a string, so text beginning with
= + - @ can never become a formula. The workbook is built in memory, optionally encrypted, then
written atomically.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.board.snapshot import Kpi, Snapshot, Table
from reports.protect import atomic_write, encrypt_ooxml
from reports.report_common import (
    STATUS_FILLS,
    as_share,
    clean,
    column_kind,
    format_timestamp,
    is_number,
    parse_date,
    status_label,
    status_of,
    text_width,
    tr,
)

BRAND_HEX = "00695C"
HEADER_FILL = PatternFill("solid", fgColor=BRAND_HEX)
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color=BRAND_HEX)
SUBTITLE_FONT = Font(bold=True, size=11, color=BRAND_HEX)
MUTED_FONT = Font(color="616161", size=9)
THIN = Border(bottom=Side(style="thin", color="B0BEC5"))
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy/mm/dd"
PERCENT_FORMAT = "0.0%"  # one decimal, as printed in the PDF
INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.0"
MAX_WIDTH = 60
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 1000  # rows measured for the column widths


def write_xlsx(snapshot: Snapshot, path: Path | str, *, password: str | None = None) -> Path:
    """Render ``snapshot`` to ``path`` (atomically); with ``password``, encrypted (AES-256)."""
    data = build_xlsx(snapshot)
    if password:
        data = encrypt_ooxml(data, password)
    return atomic_write(Path(path), data)


def build_xlsx(snapshot: Snapshot) -> bytes:
    """The report as .xlsx bytes (unencrypted)."""
    workbook = Workbook()
    language = snapshot.language
    names: set[str] = set()
    summary = workbook.active
    summary.title = _sheet_name(tr(language, "Summary"), names)
    _summary_sheet(summary, snapshot)
    for number, section in enumerate(snapshot.sections, start=1):
        sheet = workbook.create_sheet(_sheet_name(f"{number} {clean(section.title)}", names))
        _section_sheet(sheet, snapshot, section, number)
    index = 0
    for section in snapshot.sections:
        for table in section.appendix:
            index += 1
            title = f"{tr(language, 'Appendix')} A{index}"
            sheet = workbook.create_sheet(_sheet_name(title, names))
            _title(sheet, f"A{index}. {clean(table.title)}", clean(section.title))
            _table(sheet, 4, table, language, main=True)
            _widths(sheet, _measure(sheet))
    workbook.properties.creator = f"Mamori {clean(snapshot.app_version)}"
    workbook.properties.title = tr(language, "Privacy report to the board")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ≤ 31 characters, none of []:*?/\\, not quoted."""
    base = _SHEET_FORBIDDEN.sub("_", clean(wanted)).strip().strip("'") or "Sheet"
    base = base[:SHEET_NAME_MAX]
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        counter += 1
    taken.add(name.lower())
    return name


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write a cell; text is always a string cell, never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        # XML turns a bare CR into LF on reading: store line breaks as LF from the start.
        cell.value = clean(value).replace("\r\n", "\n").replace("\r", "\n")
        cell.data_type = "s"  # openpyxl would make "=..." a formula
    else:
        cell.value = value
    return cell


def _title(sheet: Worksheet, title: str, subtitle: str) -> None:
    _put(sheet, 1, 1, title).font = TITLE_FONT
    if subtitle:
        cell = _put(sheet, 2, 1, subtitle)
        cell.alignment = Alignment(wrap_text=False, vertical="top")


def _header(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = _put(sheet, row, column, clean(header))
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _kpi_cell(sheet: Worksheet, row: int, column: int, kpi: Kpi, value: Any) -> None:
    if value is None or (not is_number(value) and not isinstance(value, str)):
        _put(sheet, row, column, None)
        return
    if not is_number(value):
        _put(sheet, row, column, str(value))
        return
    if kpi.unit == "%":
        _put(sheet, row, column, as_share(value)).number_format = PERCENT_FORMAT
    else:
        cell = _put(sheet, row, column, value)
        cell.number_format = INT_FORMAT if float(value).is_integer() else FLOAT_FORMAT


def _kpi_headers(language: str, with_section: bool) -> list[str]:
    headers = [
        tr(language, "Indicator"),
        tr(language, "Value"),
        tr(language, "Unit"),
        tr(language, "Target"),
        tr(language, "Previous period"),
        tr(language, "Status"),
        tr(language, "Definition"),
    ]
    return ([tr(language, "Section")] if with_section else []) + headers


def _kpi_rows(
    sheet: Worksheet, row: int, language: str, kpis: Sequence[Kpi], section: str | None
) -> int:
    """KPI rows from ``row``; returns the next free row."""
    for kpi in kpis:
        column = 1
        if section is not None:
            _put(sheet, row, column, section)
            column += 1
        _put(sheet, row, column, kpi.label)
        _kpi_cell(sheet, row, column + 1, kpi, kpi.value)
        _put(sheet, row, column + 2, "" if kpi.unit == "%" else kpi.unit)
        _put(sheet, row, column + 3, kpi.target)
        _kpi_cell(sheet, row, column + 4, kpi, kpi.previous)
        status = _put(sheet, row, column + 5, status_label(language, kpi.status))
        status.fill = PatternFill("solid", fgColor=STATUS_FILLS[status_of(kpi.status)])
        _put(sheet, row, column + 6, kpi.definition).alignment = WRAP
        for col in range(1, column + 7):
            sheet.cell(row=row, column=col).border = THIN
        row += 1
    return row


def _summary_sheet(sheet: Worksheet, snapshot: Snapshot) -> None:
    language = snapshot.language
    _title(sheet, tr(language, "Privacy report to the board"), clean(snapshot.organisation))
    facts = [
        (tr(language, "Reporting period"), snapshot.period_label),
        (tr(language, "Prepared by"), snapshot.author),
        (tr(language, "Date of issue"), format_timestamp(language, snapshot.generated_at)),
        (tr(language, "Content hash"), snapshot.short_hash),
    ]
    row = 3
    for label, value in facts:
        _put(sheet, row, 1, label).font = MUTED_FONT
        _put(sheet, row, 2, value)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
    row += 1
    _put(sheet, row, 1, tr(language, "Executive summary")).font = SUBTITLE_FONT
    row += 1
    for section in snapshot.sections:
        _put(sheet, row, 1, section.title).font = Font(bold=True)
        _put(sheet, row, 2, section.empty or section.summary)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
        row += 1
    row += 1
    header_row = row
    headers = _kpi_headers(language, with_section=True)
    _header(sheet, header_row, headers)
    end = header_row + 1
    for section in snapshot.sections:
        end = _kpi_rows(sheet, end, language, section.kpis, clean(section.title))
    if end > header_row + 1:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{end - 1}"
    sheet.freeze_panes = f"A{header_row + 1}" if header_row <= 20 else "A2"
    keys = {s.key for s in snapshot.sections}
    remarks = [(k, v) for k, v in sorted(snapshot.narrative.items()) if k not in keys and v.strip()]
    row = end + 1
    if remarks:
        _put(sheet, row, 1, tr(language, "Remarks and decisions requested")).font = SUBTITLE_FONT
        row += 1
        for _key, body in remarks:
            _put(sheet, row, 1, body).alignment = WRAP
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
            sheet.row_dimensions[row].height = 15 * (body.count("\n") + 1) + 4
            row += 1
    _widths(sheet, {1: 24, 2: 30, 3: 14, 4: 8, 5: 14, 6: 14, 7: 12, 8: 50})


def _section_sheet(sheet: Worksheet, snapshot: Snapshot, section: Any, number: int) -> None:
    language = snapshot.language
    _title(sheet, f"{number}. {clean(section.title)}", clean(section.empty or section.summary))
    row = 4
    if not section.empty and section.kpis:
        _put(sheet, row - 1, 1, tr(language, "Key indicators")).font = SUBTITLE_FONT
        _header(sheet, row, _kpi_headers(language, with_section=False))
        row = _kpi_rows(sheet, row + 1, language, section.kpis, None) + 1
    narrative = snapshot.narrative.get(section.key, "").strip()
    main = True
    for table in [] if section.empty else section.tables:
        _put(sheet, row, 1, table.title).font = SUBTITLE_FONT
        row = _table(sheet, row + 1, table, language, main=main) + 1
        main = False
    if narrative:
        _put(sheet, row, 1, tr(language, "Privacy officer's comments")).font = SUBTITLE_FONT
        cell = _put(sheet, row + 1, 1, narrative)
        cell.alignment = WRAP
        sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=7)
        sheet.row_dimensions[row + 1].height = 15 * (narrative.count("\n") + 1) + 4
    if sheet.freeze_panes is None:
        sheet.freeze_panes = "A2"
    measured = _measure(sheet)
    measured[1] = max(measured.get(1, 0), 24)
    _widths(sheet, measured)


def _table_cell(sheet: Worksheet, row: int, column: int, value: Any, kind: str) -> None:
    if value is None:
        _put(sheet, row, column, None)
    elif isinstance(value, bool):
        _put(sheet, row, column, value)
    elif kind == "date":
        day = parse_date(value)
        if day is None:
            _put(sheet, row, column, str(value))
        else:
            _put(sheet, row, column, day).number_format = DATE_FORMAT
    elif kind == "percent" and is_number(value):
        _put(sheet, row, column, value).number_format = PERCENT_FORMAT
    elif is_number(value):
        cell = _put(sheet, row, column, value)
        cell.number_format = INT_FORMAT if isinstance(value, int) else FLOAT_FORMAT
    else:
        _put(sheet, row, column, str(value))


def _table(sheet: Worksheet, row: int, table: Table, language: str, *, main: bool) -> int:
    """The table with its header at ``row``; returns the next free row."""
    columns = len(table.columns)
    _header(sheet, row, table.columns)
    header_row = row
    kinds = list(table.kinds)
    for values in table.rows:
        row += 1
        for index, value in enumerate(values):
            _table_cell(sheet, row, index + 1, value, column_kind(kinds, index))
    if not table.rows:
        row += 1
        _put(sheet, row, 1, tr(language, "No entries.")).font = MUTED_FONT
    if main and table.rows and columns:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{row}"
        sheet.freeze_panes = f"A{header_row + 1}"
    if table.note:
        row += 1
        _put(sheet, row, 1, table.note).font = MUTED_FONT
    return row + 1


def _measure(sheet: Worksheet) -> dict[int, float]:
    """Column widths by display width of the first rows, capped; titles in column A don't count."""
    widths: dict[int, float] = {}
    for r, row in enumerate(sheet.iter_rows(min_row=3), start=3):
        if r > _WIDTH_SAMPLE:
            break
        for cell in row:
            if cell.value is None or cell.coordinate in sheet.merged_cells:
                continue
            value = cell.value
            if hasattr(value, "strftime"):
                width = 10
            elif is_number(value):
                width = len(f"{value:,.1f}") if cell.number_format != PERCENT_FORMAT else 6
            else:
                width = max(text_width(line) for line in str(value).split("\n"))
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    return widths


def _widths(sheet: Worksheet, widths: dict[int, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
