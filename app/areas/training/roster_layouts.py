"""Rosters laid out as grids, turned into one row per person and training.

Two layouts offices keep by hand:
- an attendance grid: names down, meeting dates across (6/3(月), 6/10(月) ...), ○ / × in the cells;
- a training ledger (受講管理台帳): one column per programme (年次研修受講日, 入職時研修受講日 ...)
  holding the date each person took it.
``reshape_roster`` recognises either from the headings (at least two such columns, and no date or
programme column of the ordinary kind) and returns the table a plain roster would be: the other
columns, then a date column and a status or programme column, each grid cell one row keeping its
spreadsheet row number. An empty cell, or a dash (not employed yet), is no record.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from app.importing.header import HeaderGuess, header_at
from app.importing.mapping import match_headers
from app.importing.reader import Table
from app.importing.spec import Target

_DATE_HEADING = re.compile(r"^\s*(\d{1,2})\s*[/月]\s*(\d{1,2})\s*日?\s*(?:[(（].*)?$")
_PROGRAMME_HEADING = re.compile(r"^(.+?)(?:受講日|修了日|実施日|受講年月日|完了日)$")
_NO_RECORD = frozenset(("", "-", "－", "ー", "—", "–", "/", "／"))
DATE_HEADING = "受講日"
STATUS_HEADING = "出欠"
PROGRAMME_HEADING = "研修名"
MIN_COLUMNS = 2


def _text(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def reshape_roster(
    table: Table, header: HeaderGuess, targets: tuple[Target, ...]
) -> tuple[Table, HeaderGuess]:
    """The table as one row per person and date (or programme), or as it is."""
    mapped = match_headers(header.headers, targets).mapping
    texts = [_text(heading) for heading in header.headers]
    if "held_on" not in mapped:
        dates = [i for i, text in enumerate(texts) if _DATE_HEADING.match(text)]
        if len(dates) >= MIN_COLUMNS:
            return _unpivot(table, header, targets, dates, DATE_HEADING, STATUS_HEADING, "date")
    if "course" not in mapped:
        programmes = [
            i for i, text in enumerate(texts) if _PROGRAMME_HEADING.match(text.replace(" ", ""))
        ]
        if len(programmes) >= MIN_COLUMNS:
            return _unpivot(
                table, header, targets, programmes, PROGRAMME_HEADING, DATE_HEADING, "programme"
            )
    return table, header


def _unpivot(
    table: Table,
    header: HeaderGuess,
    targets: tuple[Target, ...],
    columns: list[int],
    across_heading: str,
    cell_heading: str,
    kind: str,
) -> tuple[Table, HeaderGuess]:
    keep = [i for i in range(len(header.headers)) if i not in columns]
    headings = tuple([header.headers[i] for i in keep] + [across_heading, cell_heading])
    rows: list[tuple[Any, ...]] = [*table.rows[: header.row_index], headings]
    numbers = [*table.row_numbers[: header.row_index + 1]]
    sheets = None
    if table.row_sheets is not None:
        sheets = [*table.row_sheets[: header.row_index + 1]]
    start = header.data_start()
    for position in range(start, len(table.rows)):
        cells = table.rows[position]
        base = [cells[i] if i < len(cells) else None for i in keep]
        for column in columns:
            value = cells[column] if column < len(cells) else None
            if value is None or _text(value) in _NO_RECORD:
                continue
            across = _text(header.headers[column])
            if kind == "programme":
                match = _PROGRAMME_HEADING.match(across.replace(" ", ""))
                across = match.group(1) if match else across
            elif isinstance(value, datetime | date):
                continue  # a date in an attendance grid is not a mark
            rows.append((*base, across, value))
            numbers.append(table.row_numbers[position])
            if sheets is not None and table.row_sheets is not None:
                sheets.append(table.row_sheets[position])
    reshaped = Table(
        table.file,
        table.sheet,
        rows,
        numbers,
        table.oversized,
        truncated=table.truncated,
        row_sheets=sheets,
        sheets=table.sheets,
    )
    return reshaped, header_at(reshaped, header.row_index, targets)
