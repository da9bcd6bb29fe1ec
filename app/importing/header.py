"""Finding the row of column headings below the titles offices put on top of their sheets.

A department's roster often starts with a title merged across the columns (令和7年度 個人情報保護研修
受講者名簿), a line with the date or the department, and blank rows. ``find_header`` scores each of
the first rows by how many import targets its cells name (``app.importing.mapping``) and takes the
best; a title that happens to contain a target's name scores far below a real heading row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.i18n import _
from app.importing.mapping import match_headers, missing_required
from app.importing.reader import SpreadsheetError, Table
from app.importing.spec import Target

HEADER_SCAN_ROWS = 30  # non-blank rows looked at from the top
MIN_SCORE = 2.0  # two targets named exactly...
MIN_SCORE_ALL_REQUIRED = 1.0  # ...or one, when that covers every required target


class NoHeaderError(SpreadsheetError):
    pass


@dataclass(frozen=True)
class HeaderGuess:
    row_index: int  # index into ``Table.rows``
    headers: list[str]  # one text per column of the table ("" for an empty heading cell)
    score: float
    row: int = 0  # the spreadsheet's row number of the heading row

    def data_start(self) -> int:
        """Index into ``Table.rows`` of the first row below the headings."""
        return self.row_index + 1


def cell_text(value: Any) -> str:
    """A heading cell as text."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def header_at(table: Table, row_index: int, targets: Sequence[Target] = ()) -> HeaderGuess:
    """The headings in a given row (when the officer picks the row)."""
    if not 0 <= row_index < len(table.rows):
        raise IndexError(row_index)
    width = table.width
    row = table.rows[row_index]
    headers = [cell_text(row[i]) if i < len(row) else "" for i in range(width)]
    score = match_headers(headers, targets).score if targets else 0.0
    return HeaderGuess(row_index, headers, score, table.row_numbers[row_index])


def find_header(table: Table, targets: Sequence[Target], *, what: str | None = None) -> HeaderGuess:
    """The most plausible heading row among the first rows, or ``NoHeaderError``.

    ``what`` names what the file should hold in the message (e.g. "a training roster").
    """
    best: HeaderGuess | None = None
    for index in range(min(HEADER_SCAN_ROWS, len(table.rows))):
        row = table.rows[index]
        if sum(isinstance(value, str) for value in row) == 0:
            continue  # only numbers and dates: data, not headings
        headers = [cell_text(value) for value in row]
        result = match_headers(headers, targets)
        plausible = result.score >= MIN_SCORE or (
            result.score >= MIN_SCORE_ALL_REQUIRED
            and any(quality >= 1.0 for quality in result.quality.values())
            and not missing_required(result.mapping, targets)
        )
        if plausible and (best is None or result.score > best.score):
            best = HeaderGuess(index, [], result.score, table.row_numbers[index])
    if best is None:
        raise NoHeaderError(_no_header_message(table, targets, what), table.file)
    return header_at(table, best.row_index, targets)


def _no_header_message(table: Table, targets: Sequence[Target], what: str | None) -> str:
    wanted = [target for target in targets if target.required] or list(targets)[:6]
    expected = []
    for target in wanted:
        label = _(target.label)
        examples = [name for name in target.synonyms[:2] if name != label]
        expected.append(f"{label} ({', '.join(examples)})" if examples else label)
    if not table.rows:
        return _("{file}: the sheet is empty.").format(file=table.file.name)
    return _(
        "{file}: no row looks like column headings for {what}. Expected columns such as: "
        "{expected}."
    ).format(
        file=table.file.name,
        what=what or _("this import"),
        expected="; ".join(expected),
    )
