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

from app.board.snapshot import Chart, Kpi, Snapshot, Table
from reports.protect import atomic_write, encrypt_ooxml
from reports.report_common import (
    BAND_COLOURS,
    DECISION_KINDS,
    STATUS_FILLS,
    as_share,
    clean,
    column_kind,
    is_number,
    parse_date,
    parse_target,
    parse_timestamp,
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
DATETIME_FORMAT = "yyyy/mm/dd hh:mm"
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
    _page_setup(summary, snapshot, None)
    indicators = workbook.create_sheet(_sheet_name(tr(language, "Indicators"), names))
    _indicator_sheet(indicators, snapshot)
    _page_setup(indicators, snapshot, "1:1")
    for number, section in enumerate(snapshot.sections, start=1):
        sheet = workbook.create_sheet(_sheet_name(f"{number} {clean(section.title)}", names))
        _section_sheet(sheet, snapshot, section, number)
        _page_setup(sheet, snapshot, "1:2")
    index = 0
    for section in snapshot.sections:
        for table in section.appendix:
            index += 1
            title = f"{tr(language, 'Appendix')} A{index}"
            sheet = workbook.create_sheet(_sheet_name(title, names))
            _title(sheet, f"A{index}. {clean(table.title)}", clean(section.title))
            _table(sheet, 4, table, language, main=True)
            _widths(sheet, _measure(sheet))
            _page_setup(sheet, snapshot, "4:4")
    word = "KPI update to the board" if snapshot.variant == "kpi_update" else (
        "Privacy report to the board")  # fmt: skip
    workbook.properties.creator = clean(snapshot.author) or f"Mamori {clean(snapshot.app_version)}"
    workbook.properties.title = f"{tr(language, word)} — {clean(snapshot.organisation)}"
    workbook.properties.subject = clean(snapshot.period_label)
    workbook.properties.language = "ja-JP" if language == "ja" else language
    issued = parse_timestamp(snapshot.generated_at)
    if issued is not None:
        workbook.properties.created = issued
        workbook.properties.modified = issued
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


PRINT_MARKING = "Confidential: handle with care"
LANDSCAPE_FROM = 110  # sum of column widths (characters) above which a sheet prints landscape


def _page_setup(sheet: Worksheet, snapshot: Snapshot, title_rows: str | None) -> None:
    """A4, fitted to the page width (landscape when wide), header rows repeated on each page,
    取扱注意 in the header and "page n / N" in the footer."""
    language = snapshot.language
    widths = sum(
        (sheet.column_dimensions[get_column_letter(c)].width or 9)
        for c in range(1, (sheet.max_column or 1) + 1)
    )
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if widths > LANDSCAPE_FROM else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    if title_rows:
        sheet.print_title_rows = title_rows
    header_text = tr(language, PRINT_MARKING).replace("&", "&&")
    sheet.oddHeader.left.text = clean(snapshot.organisation).replace("&", "&&")
    sheet.oddHeader.left.size = 8
    sheet.oddHeader.right.text = header_text
    sheet.oddHeader.right.size = 9
    sheet.oddHeader.right.color = "C62828"
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.center.text = tr(language, "page {n} / {total}").format(n="&P", total="&N")
    sheet.oddFooter.center.size = 8
    sheet.oddFooter.right.text = snapshot.short_hash
    sheet.oddFooter.right.size = 8


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


def _target_cell(sheet: Worksheet, row: int, column: int, kpi: Kpi) -> None:
    """A numeric target as a number ("≥ 95%" → 0.95 shown as ≥ 95%), else the text."""
    parsed = parse_target(kpi.target)
    if parsed is None:
        _put(sheet, row, column, kpi.target)
        return
    operator, number, percent_sign = parsed
    prefix = f'"{operator} "' if operator else ""
    if percent_sign or kpi.unit == "%":
        cell = _put(sheet, row, column, round(number / 100, 6))
        cell.number_format = prefix + "0%"
    else:
        cell = _put(sheet, row, column, int(number) if number.is_integer() else number)
        cell.number_format = prefix + ("0" if number.is_integer() else "0.0")


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
        _target_cell(sheet, row, column + 3, kpi)
        _kpi_cell(sheet, row, column + 4, kpi, kpi.previous)
        status = _put(sheet, row, column + 5, status_label(language, kpi.status))
        status.fill = PatternFill("solid", fgColor=STATUS_FILLS[status_of(kpi.status)])
        explained = f"{kpi.definition} {kpi.rule}".strip()
        _put(sheet, row, column + 6, explained).alignment = WRAP
        for col in range(1, column + 7):
            sheet.cell(row=row, column=col).border = THIN
        row += 1
    return row


def _merged_text(sheet: Worksheet, row: int, column: int, value: str, last: int = 8) -> int:
    """Wrapped text across columns ``column``..``last``; returns the next row."""
    cell = _put(sheet, row, column, value)
    cell.alignment = WRAP
    sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last)
    lines = sum(max(1, -(-text_width(part) // 110)) for part in clean(value).split("\n"))
    sheet.row_dimensions[row].height = 15 * lines + 3
    return row + 1


def _summary_sheet(sheet: Worksheet, snapshot: Snapshot) -> None:
    """Domain §5.2 as in the PDF: facts, overall assessment, events, decisions, comments, chapters."""
    language = snapshot.language
    word = "KPI update to the board" if snapshot.variant == "kpi_update" else (
        "Privacy report to the board")  # fmt: skip
    _title(sheet, tr(language, word), clean(snapshot.organisation))
    issued = parse_timestamp(snapshot.generated_at)
    facts: list[tuple[str, Any, str | None]] = [
        (tr(language, "Reporting period"), snapshot.period_label, None),
        (tr(language, "Prepared by"), snapshot.author, None),
        (tr(language, "Date of issue"), issued or snapshot.generated_at, DATETIME_FORMAT),
        (tr(language, "Content hash"), snapshot.short_hash, None),
    ]
    if snapshot.audit_anchor:
        facts.append((tr(language, "Audit-trail anchor"), snapshot.audit_anchor, None))
    row = 3
    for label, value, number_format in facts:
        _put(sheet, row, 1, label).font = MUTED_FONT
        cell = _put(sheet, row, 2, value)
        if number_format and not isinstance(value, str):
            cell.number_format = number_format
            cell.alignment = Alignment(horizontal="left")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
    row += 1
    _put(sheet, row, 1, tr(language, "Executive summary")).font = SUBTITLE_FONT
    row += 1
    assessment = snapshot.assessment
    if assessment is not None:
        _put(sheet, row, 1, tr(language, "Overall assessment")).font = Font(bold=True)
        status = _put(sheet, row, 2, status_label(language, assessment.status))
        status.fill = PatternFill("solid", fgColor=STATUS_FILLS[status_of(assessment.status)])
        status.font = Font(bold=True)
        row = _merged_text(sheet, row + 1, 2, assessment.headline)
        row = _merged_text(sheet, row, 2, assessment.rule)
        sheet.cell(row=row - 1, column=2).font = MUTED_FONT
    row += 1
    _put(sheet, row, 1, tr(language, "Significant events of the period")).font = SUBTITLE_FONT
    row += 1
    events = [e for section in snapshot.sections for e in section.events] + list(snapshot.events)
    for event in events or [tr(language, "No significant event was recorded.")]:
        row = _merged_text(sheet, row, 1, f"・{event}" if events else event)
    row += 1
    _put(sheet, row, 1, tr(language, "Decisions requested of the board")).font = SUBTITLE_FONT
    row += 1
    decisions = snapshot.decisions
    if decisions:
        headers = [
            tr(language, "Matter"),
            tr(language, "Kind"),
            tr(language, "Title"),
            tr(language, "Reason"),
            tr(language, "Subject"),
            tr(language, "Proposed resolution"),
        ]
        _header(sheet, row, headers)
        for number, decision in enumerate(decisions, start=1):
            row += 1
            values = [
                number,
                tr(language, DECISION_KINDS.get(decision.kind, DECISION_KINDS["other"])),
                decision.title,
                decision.reason,
                "\n".join(decision.items),
                decision.resolution,
            ]
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value).alignment = WRAP
            lines = max(len(decision.items), -(-text_width(decision.resolution) // 40), 2)
            sheet.row_dimensions[row].height = min(15 * lines + 3, 400)
        row += 1
    else:
        row = _merged_text(sheet, row, 1, tr(language, "No decision is requested at this meeting."))
    comment = snapshot.narrative.get("summary", "").strip()
    if comment:
        row += 1
        _put(sheet, row, 1, tr(language, "Privacy officer's comments")).font = SUBTITLE_FONT
        row = _merged_text(sheet, row + 1, 1, comment)
    row += 1
    _put(sheet, row, 1, tr(language, "Chapters at a glance")).font = SUBTITLE_FONT
    row += 1
    for number, section in enumerate(snapshot.sections, start=1):
        _put(sheet, row, 1, f"{number}. {clean(section.title)}").font = Font(bold=True)
        line = section.empty or section.summary
        if not section.recorded:
            line = tr(language, "Not yet recorded in Mamori.")
        row = _merged_text(sheet, row, 2, line)
    _widths(sheet, {1: 26, 2: 16, 3: 26, 4: 30, 5: 30, 6: 40, 7: 10, 8: 10})


def _indicator_sheet(sheet: Worksheet, snapshot: Snapshot) -> None:
    """Every indicator of every chapter with value, target, previous value, status, definition."""
    language = snapshot.language
    headers = _kpi_headers(language, with_section=True)
    _header(sheet, 1, headers)
    end = 2
    for section in snapshot.sections:
        end = _kpi_rows(sheet, end, language, section.kpis, clean(section.title))
    if end > 2:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{end - 1}"
    sheet.freeze_panes = "A2"
    _widths(sheet, {1: 22, 2: 30, 3: 12, 4: 6, 5: 10, 6: 12, 7: 10, 8: 60})


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
    for chart in [] if section.empty else section.charts:
        _put(sheet, row, 1, chart.title).font = SUBTITLE_FONT
        row = (_heat_grid if chart.kind == "heatmap" else _bar_data)(
            sheet, row + 1, chart, language
        )
        row += 1
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


def _bar_data(sheet: Worksheet, row: int, chart: Chart, language: str) -> int:
    """A bar chart's data as a small table (label, value); returns the next free row."""
    _header(sheet, row, [tr(language, "Item"), tr(language, "Value")])
    for label, value in zip(chart.labels, chart.values, strict=False):
        row += 1
        _put(sheet, row, 1, label)
        if chart.percent:
            _put(sheet, row, 2, round(float(value), 6)).number_format = PERCENT_FORMAT
        else:
            number = int(value) if float(value).is_integer() else round(float(value), 6)
            _put(sheet, row, 2, number).number_format = INT_FORMAT
    return row + 1


def _heat_grid(sheet: Worksheet, row: int, chart: Chart, language: str) -> int:
    """A heat map as coloured cells: impact rows (highest on top) × likelihood columns, each cell
    filled with its band's colour and holding the count; returns the next free row."""
    x_label, y_label = [*chart.axis_labels, "", ""][:2]
    matrix = chart.matrix or [[0]]
    columns = max(len(r) for r in matrix)
    corner = _put(sheet, row, 1, f"{clean(y_label)} ＼ {clean(x_label)}")
    corner.font = HEADER_FONT
    corner.fill = HEADER_FILL
    for likelihood in range(columns):
        cell = _put(sheet, row, likelihood + 2, likelihood + 1)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    grid = Border(*(Side(style="thin", color="FFFFFF"),) * 4)
    for impact in range(len(matrix) - 1, -1, -1):
        row += 1
        head = _put(sheet, row, 1, impact + 1)
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        head.alignment = Alignment(horizontal="center")
        for likelihood in range(columns):
            count = matrix[impact][likelihood] if likelihood < len(matrix[impact]) else 0
            cell = _put(sheet, row, likelihood + 2, int(count))
            band = ""
            if impact < len(chart.bands) and likelihood < len(chart.bands[impact]):
                band = clean(chart.bands[impact][likelihood]).lower()
            colour = BAND_COLOURS.get(band, "#ECEFF1").lstrip("#")
            cell.fill = PatternFill("solid", fgColor=colour)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            cell.border = grid
            cell.number_format = INT_FORMAT
        sheet.row_dimensions[row].height = 24
    return row + 1


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
        _put(sheet, row, column, round(value, 6)).number_format = PERCENT_FORMAT
    elif is_number(value):
        cell = _put(sheet, row, column, value if isinstance(value, int) else round(value, 6))
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
