"""Finding the rows to import in a workbook as it comes: on any sheet, or on several.

Co-ops send workbooks whose first sheet is a cover page (表紙) or notes, followed by one sheet per
department with the same headings. Unless the officer names a sheet, every sheet is read and
searched for headings (``find_header``); covers, notes and empty sheets have none and are passed
over. The best heading row wins, and every other sheet whose headings are the same texts (in any
order) is imported with it: its rows follow the first sheet's, columns put in the first sheet's
order, each row remembering its sheet so that problems name it. Hidden sheets are looked at only
when no visible sheet has headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.importing.header import HeaderGuess, NoHeaderError, find_header, header_at
from app.importing.mapping import normalise_header
from app.importing.reader import Table, Workbook
from app.importing.spec import Target
from app.jobs import (
    Cancelled,
    Progress,
    check_cancelled,
    never_cancelled,
    no_progress,
    sub_progress,
)


@dataclass
class _Found:
    table: Table
    header: HeaderGuess


def _heading_texts(header: HeaderGuess) -> list[str]:
    return [normalise_header(text) for text in header.headers]


def _same_headings(first: HeaderGuess, other: HeaderGuess) -> list[int] | None:
    """For each column of ``first``, the column of ``other`` with the same heading; None if the
    two sheets do not carry the same headings."""
    mine, theirs = _heading_texts(first), _heading_texts(other)
    if sorted(text for text in mine if text) != sorted(text for text in theirs if text):
        return None
    order: list[int] = []
    for index, text in enumerate(mine):
        order.append(theirs.index(text) if text else -1 if index >= len(theirs) else index)
    return order


def _merge(found: Sequence[_Found], targets: Sequence[Target]) -> tuple[Table, HeaderGuess]:
    first = found[0]
    head = first.header
    rows = [first.table.rows[head.row_index]]
    numbers = [first.table.row_numbers[head.row_index]]
    sheets = [first.table.sheet or ""]
    oversized = []
    for part in found:
        table, header = part.table, part.header
        order = _same_headings(head, header)
        assert order is not None
        start = header.data_start()
        for cells, number in zip(table.rows[start:], table.row_numbers[start:], strict=True):
            if part is first:
                rows.append(cells)
            else:
                width = len(cells)
                rows.append(tuple(cells[i] if 0 <= i < width else None for i in order))
            numbers.append(number)
            sheets.append(table.sheet or "")
        if part is first:
            oversized.extend(table.oversized)
    merged = Table(
        first.table.file,
        first.table.sheet,
        rows,
        numbers,
        oversized,
        truncated=any(part.table.truncated for part in found),
        row_sheets=sheets,
        sheets=tuple(part.table.sheet or "" for part in found),
    )
    return merged, header_at(merged, 0, targets)


def read_rows_to_import(
    workbook: Workbook,
    targets: Sequence[Target],
    *,
    sheet: str | None = None,
    what: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> tuple[Table, HeaderGuess]:
    """The table to import and its headings: the named sheet, or the sheets that hold the rows.

    Raises ``NoHeaderError`` (naming the file) when no sheet has headings for ``targets``.
    """
    names = list(workbook.sheet_names)
    if sheet is not None or len(names) <= 1:
        table = workbook.read(sheet, progress=progress, cancelled=cancelled)
        return table, find_header(table, targets, what=what)
    hidden = set(workbook.hidden_sheets)
    ordered = [name for name in names if name not in hidden] + [n for n in names if n in hidden]
    found: list[_Found] = []
    first_error: NoHeaderError | None = None
    step = 1.0 / len(ordered)
    for position, name in enumerate(ordered):
        check_cancelled(cancelled)
        if name in hidden and found:
            break
        table = workbook.read(
            name,
            progress=sub_progress(progress, position * step, (position + 1) * step),
            cancelled=cancelled,
        )
        try:
            header = find_header(table, targets, what=what)
        except NoHeaderError as exc:
            first_error = first_error or exc
            continue
        found.append(_Found(table, header))
    if not found:
        assert first_error is not None
        raise first_error
    best = max(found, key=lambda part: part.header.score)  # the first of equals
    same = [part for part in found if _same_headings(best.header, part.header) is not None]
    if len(same) == 1:
        return best.table, best.header
    same.sort(key=lambda part: ordered.index(part.table.sheet or ""))
    return _merge(same, targets)
