"""Reading spreadsheets for import: Excel workbooks and CSV/TXT files as offices send them.

``open_workbook`` looks at the bytes, not the name: an Excel 2007+ workbook (.xlsx/.xlsm, a ZIP),
a legacy .xls or a password-protected workbook (an OLE container), or text (CSV/TSV) in UTF-8 with
or without BOM, UTF-16 or Windows-31J (cp932, never plain shift_jis: 髙, 﨑, ①, ㈱ must survive).
Excel files are read with python-calamine, measured several times faster than openpyxl's read-only
mode (bench/import_read.py). ``Workbook.read`` returns a ``Table``: the non-blank rows with the row
numbers the spreadsheet shows.

Bad input never crashes or hangs and every error names the file: sizes and compression ratios of a
ZIP are checked before anything is decompressed, the extent of an xlsx sheet is measured from its
XML before calamine builds its (dense) grid, and formulas saved without results are reported.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import threading
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msoffcrypto
import python_calamine
from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

from app.errors import MamoriError
from app.i18n import _
from app.importing.measure import (
    UnreadablePartError,
    measure_xls,
    scan_sheet_xml,
    sheet_member,
    uncalculated_formulas,
    zero_padded_cells,
    zero_padded_styles,
)
from app.importing.text_files import decode_text, sniff_delimiter
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES + TEXT_SUFFIXES

MIB = 1024 * 1024
MAX_FILE_BYTES = 200 * MIB  # larger than any roster by two orders of magnitude
MAX_TEXT_BYTES = 64 * MIB  # a CSV is held decoded while read: ~600,000 rows of 12 columns
MAX_UNCOMPRESSED_BYTES = 200 * MIB  # all members of an xlsx together, as declared
MAX_COMPRESSION_RATIO = 100  # ordinary sheet XML compresses 5-20x; bombs 1000x and more
RATIO_CHECK_MIN_BYTES = 1 * MIB  # small members may compress very well and harm nobody
MAX_ZIP_MEMBERS = 10_000
MAX_SHEET_CELLS = 5_000_000  # calamine allocates rows x columns cells (~32 bytes each) at once
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ROWS = 1_048_576  # Excel's row limit

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"  # what Excel encrypts "read-only" workbooks with

# What reading a damaged or hostile ZIP raises (a CRC that does not match because a member is
# longer than declared, a method zipfile lacks, an encrypted member, truncated data...).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# ----- errors -------------------------------------------------------------------------------------


class SpreadsheetError(MamoriError):
    """The file itself cannot be imported; the message names it and says why."""

    def __init__(self, message: str, file: Path | None = None) -> None:
        super().__init__(message)
        self.file = file


class NotASpreadsheetError(SpreadsheetError):
    pass


class PasswordRequiredError(SpreadsheetError):
    pass


class WrongPasswordError(SpreadsheetError):
    pass


class SpreadsheetTooLargeError(SpreadsheetError):
    """Too large to read safely: a ZIP bomb, a sheet of millions of cells, an oversized cell."""


class SheetNotFoundError(SpreadsheetError):
    pass


def _damaged(file: Path) -> NotASpreadsheetError:
    return NotASpreadsheetError(
        _("{file} is not an Excel workbook, or it is damaged.").format(file=file.name), file
    )


def _too_wide(file: Path, rows: int, columns: int) -> SpreadsheetTooLargeError:
    return SpreadsheetTooLargeError(
        _(
            "{file}: a sheet spans {rows:,} rows × {columns:,} columns, more than Mamori can read "
            "at once. Copy the rows to import into a new workbook and import that."
        ).format(file=file.name, rows=rows, columns=columns),
        file,
    )


def _too_large(file: Path) -> SpreadsheetTooLargeError:
    return SpreadsheetTooLargeError(
        _(
            "{file} unpacks to far more data than a spreadsheet of its size holds; it may be "
            "damaged or built to exhaust memory, so it was not read."
        ).format(file=file.name),
        file,
    )


# ----- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OversizedCell:
    """A cell read as empty because its value cannot be used: too long, or a formula whose result
    was never saved."""

    row: int  # the spreadsheet's row number
    column: int  # 0-based column index
    length: int  # characters in the cell as found (0 for a formula)
    formula: bool = False  # a formula saved without its result


@dataclass
class Table:
    """The non-blank rows of one sheet. Empty cells are ``None``; rows may differ in length."""

    file: Path
    sheet: str | None
    rows: list[tuple[Any, ...]]
    row_numbers: list[int]  # 1-based, as the spreadsheet shows them; blank rows leave gaps
    oversized: list[OversizedCell] = field(default_factory=list)
    truncated: bool = False  # the sheet has rows past ``max_rows`` that were not read
    row_sheets: list[str] | None = None  # each row's sheet, when several sheets were joined
    sheets: tuple[str, ...] = ()  # the sheets joined, in order (empty for one sheet)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def cell(self, index: int, column: int) -> Any:
        row = self.rows[index]
        return row[column] if column < len(row) else None


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _clean_rows(
    data: Iterable[list[Any] | tuple[Any, ...]],
    progress: Progress,
    cancelled: Cancelled,
    total: int,
) -> tuple[list[tuple[Any, ...]], list[int], list[OversizedCell]]:
    """Drop blank rows, read "" as None and integral floats as int, and set aside giant cells.

    One comprehension per row: this loop runs for every cell of the sheet (~30 ms for 240,000).
    Cells of spaces only are left for the engine, which trims every value anyway.
    """
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    oversized: list[OversizedCell] = []
    for offset, raw in enumerate(data):
        if offset % 5000 == 0:
            check_cancelled(cancelled)
            if total:
                progress(min(1.0, offset / total), _("Reading rows…"))
        cells = [
            None
            if value == ""
            else int(value)
            if type(value) is float and value.is_integer()
            else value
            for value in raw
        ]
        for column, value in enumerate(cells):
            if type(value) is str and len(value) > MAX_CELL_CHARS:
                oversized.append(OversizedCell(offset + 1, column, len(value)))
                cells[column] = None
        if cells.count(None) == len(cells) and not (oversized and oversized[-1].row == offset + 1):
            continue
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(tuple(cells))
        numbers.append(offset + 1)
    return rows, numbers, oversized


def _fill_merged_down(data: list[list[Any]], merged: Iterable[Any]) -> None:
    """Give every row of a vertically merged cell its value (a 店舗 or 実施日 merged down over the
    rows it applies to); Excel keeps the value in the top cell only. Horizontal merges (titles
    across the columns) are left as they are."""
    for (top, left), (bottom, right) in merged:
        if bottom <= top or top >= len(data):
            continue
        first = data[top]
        for row in data[top + 1 : bottom + 1]:
            for column in range(left, min(right + 1, len(row), len(first))):
                if row[column] in ("", None):
                    row[column] = first[column]


# ----- workbooks ---------------------------------------------------------------------------------


class Workbook:
    """An opened spreadsheet file: its sheets, read one at a time with ``read``."""

    file: Path
    sheet_names: list[str]
    hidden_sheets: Sequence[str] = ()
    format: str  # "xlsx", "xls" or "csv"

    @property
    def default_sheet(self) -> str | None:
        return self.sheet_names[0] if self.sheet_names else None

    def read(
        self,
        sheet: str | None = None,
        *,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
        max_rows: int | None = None,
    ) -> Table:
        raise NotImplementedError

    def close(self) -> None:
        """Release the file (calamine keeps it open while the workbook lives)."""

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _sheet(self, sheet: str | None) -> str:
        name = sheet if sheet is not None else self.default_sheet
        if name is None or name not in self.sheet_names:
            raise SheetNotFoundError(
                _("{file} has no sheet “{sheet}” (it has: {sheets}).").format(
                    file=self.file.name, sheet=sheet, sheets=", ".join(self.sheet_names)
                ),
                self.file,
            )
        return name


class ExcelWorkbook(Workbook):
    """.xlsx/.xlsm and .xls through python-calamine; ``source`` is the decrypted bytes if any."""

    def __init__(self, file: Path, source: Path | bytes, fmt: str) -> None:
        self.file = file
        self.format = fmt
        self._source = source
        self._lock = threading.Lock()  # calamine's objects are not for two threads at once
        self._measured: set[tuple[str, int]] = set()
        self._inspected: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int, int]]]] = {}
        try:
            if isinstance(source, bytes):
                self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
            else:
                self._book = python_calamine.CalamineWorkbook.from_path(str(source))
            metadata = self._book.sheets_metadata
        except Exception:  # calamine's own errors, or anything its parsers raise on bad bytes
            raise _damaged(file) from None
        worksheets = [
            item for item in metadata if item.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        visible = [
            item.name
            for item in worksheets
            if item.visible == python_calamine.SheetVisibleEnum.Visible
        ]
        self.sheet_names = [item.name for item in worksheets]
        self.hidden_sheets = [item.name for item in worksheets if item.name not in visible]
        self._first_visible = visible[0] if visible else None

    @property
    def default_sheet(self) -> str | None:
        return self._first_visible or super().default_sheet

    def read(
        self,
        sheet: str | None = None,
        *,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
        max_rows: int | None = None,
    ) -> Table:
        name = self._sheet(sheet)
        limit = min(max_rows or MAX_ROWS, MAX_ROWS)
        check_cancelled(cancelled)
        progress(0.0, _("Reading {file}…").format(file=self.file.name))
        with self._lock:
            if self.format == "xlsx" and (name, limit) not in self._measured:
                self._inspected[name] = _inspect_xlsx_sheet(self.file, self._source, name, limit)
                self._measured.add((name, limit))
            uncalculated, padded = self._inspected.get(name, ([], []))
            check_cancelled(cancelled)
            try:
                sheet_data = self._book.get_sheet_by_name(name)
                end = sheet_data.end
                data = sheet_data.to_python(skip_empty_area=False, nrows=limit)
                merged = sheet_data.merged_cell_ranges or ()
            except Exception:
                raise _damaged(self.file) from None
        _fill_merged_down(data, merged)
        height = end[0] + 1 if end else 0  # rows from the top, as the sheet numbers them
        check_cancelled(cancelled)
        for row, column, digits in padded:
            if row <= len(data) and column < len(data[row - 1]):
                value = data[row - 1][column]
                if type(value) in (int, float) and float(value).is_integer() and value >= 0:
                    data[row - 1][column] = f"{int(value):0{digits}d}"  # as Excel shows it
        for row, column in uncalculated:
            if row <= len(data) and column < len(data[row - 1]):
                data[row - 1][column] = None  # not the value Excel shows: read as empty
        rows, numbers, oversized = _clean_rows(data, progress, cancelled, len(data))
        del data
        oversized.extend(
            OversizedCell(row, column, 0, formula=True) for row, column in uncalculated
        )
        progress(1.0, _("Reading rows…"))
        return Table(self.file, name, rows, numbers, oversized, truncated=height > limit)

    def close(self) -> None:
        with self._lock, contextlib.suppress(python_calamine.WorkbookClosed):
            self._book.close()


class TextWorkbook(Workbook):
    """A CSV/TSV file: one sheet named after the file."""

    def __init__(self, file: Path, text: str, encoding: str) -> None:
        self.file = file
        self.format = "csv"
        self.encoding = encoding
        self._text = text
        self.delimiter = sniff_delimiter(text, file.suffix.lower())
        self.sheet_names = [file.stem]

    def read(
        self,
        sheet: str | None = None,
        *,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
        max_rows: int | None = None,
    ) -> Table:
        name = self._sheet(sheet)
        limit = min(max_rows or MAX_ROWS, MAX_ROWS)
        check_cancelled(cancelled)
        progress(0.0, _("Reading {file}…").format(file=self.file.name))
        reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=self.delimiter)
        total = max(1, self._text.count("\n"))
        records: list[list[str]] = []
        truncated = False
        try:
            for record in reader:
                if len(records) >= limit:
                    truncated = True
                    break
                records.append(record)
        except csv.Error:
            # The csv module refuses fields over 128 KiB (and some malformed quoting).
            row = len(records) + 1
            raise SpreadsheetTooLargeError(
                _(
                    "{file}: row {row} cannot be read: a cell is longer than {limit:,} characters "
                    "(the most a spreadsheet cell holds) or its quotes are unbalanced."
                ).format(file=self.file.name, row=row, limit=MAX_CELL_CHARS),
                self.file,
            ) from None
        rows, numbers, oversized = _clean_rows(records, progress, cancelled, total)
        progress(1.0, _("Reading rows…"))
        return Table(self.file, name, rows, numbers, oversized, truncated=truncated)


# ----- opening -----------------------------------------------------------------------------------


def _not_a_file_message(path: Path) -> str:
    if path.is_dir():
        return _("{file} is a folder; choose a spreadsheet file inside it.").format(file=path)
    if path.exists():  # a device, a pipe, /dev/zero...
        return _("{file} is not a regular file, so it cannot be a spreadsheet.").format(file=path)
    return _("{file} does not exist.").format(file=path.name)


def open_workbook(path: Path, *, password: str | None = None) -> Workbook:
    """Open a spreadsheet by its content (the name's suffix only words the messages).

    Raises ``SpreadsheetError`` (or a subclass) naming the file for anything it cannot read.
    """
    path = Path(path)
    if not path.is_file():
        raise SpreadsheetError(_not_a_file_message(path), path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise SpreadsheetError(
            _("{file} cannot be opened: {reason}").format(file=path.name, reason=exc.strerror),
            path,
        ) from None
    if size == 0:
        raise NotASpreadsheetError(_("{file} is empty.").format(file=path.name), path)
    is_excel = head.startswith(ZIP_MAGIC) or head == OLE_MAGIC
    limit = MAX_FILE_BYTES if is_excel else MAX_TEXT_BYTES
    if size > limit:
        raise SpreadsheetTooLargeError(
            _("{file} is {size} MB; Mamori imports spreadsheets up to {limit} MB.").format(
                file=path.name, size=size // MIB, limit=limit // MIB
            ),
            path,
        )
    if head.startswith(ZIP_MAGIC):
        return _open_zip(path, path)
    if head == OLE_MAGIC:
        return _open_ole(path, password)
    return _open_text(path, head)


def _open_zip(file: Path, source: Path | bytes) -> Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            _check_zip(file, zf)
            names = set(zf.namelist())
    except _ZIP_ERRORS:
        raise _damaged(file) from None
    if "xl/workbook.xml" in names:
        return ExcelWorkbook(file, source, "xlsx")
    if "xl/workbook.bin" in names or "content.xml" in names:
        raise NotASpreadsheetError(
            _(
                "{file} is an Excel binary (.xlsb) or OpenDocument workbook. Open it in Excel or "
                "LibreOffice, save it as an Excel workbook (.xlsx), and import that."
            ).format(file=file.name),
            file,
        )
    raise NotASpreadsheetError(
        _("{file} is not a spreadsheet (it is another kind of ZIP archive).").format(
            file=file.name
        ),
        file,
    )


def _check_zip(file: Path, zf: zipfile.ZipFile) -> None:
    """Refuse ZIP bombs by the sizes the archive declares, before decompressing anything."""
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _too_large(file)
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(file)
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            1, info.compress_size
        ):
            raise _too_large(file)


def _open_ole(file: Path, password: str | None) -> Workbook:
    """A legacy .xls, or any Excel file encrypted with a password (both live in OLE containers)."""
    with file.open("rb") as handle:
        try:
            office = msoffcrypto.OfficeFile(handle)
            encrypted = office.is_encrypted()
        except Exception:  # msoffcrypto raises its own and olefile's errors on foreign files
            raise _damaged(file) from None
        kind = type(office).__name__
        if kind not in ("OOXMLFile", "Xls97File"):
            raise NotASpreadsheetError(
                _("{file} is a Word or PowerPoint document, not a spreadsheet.").format(
                    file=file.name
                ),
                file,
            )
        if not encrypted:
            _inspect_xls(file, file)
            return ExcelWorkbook(file, file, "xls")
        data = _decrypt(file, office, password)
    if data.startswith(ZIP_MAGIC):
        return _open_zip(file, data)
    if data.startswith(OLE_MAGIC):
        _inspect_xls(file, data)
        return ExcelWorkbook(file, data, "xls")
    raise _damaged(file)


def _decrypt(file: Path, office: Any, password: str | None) -> bytes:
    attempts = [password] if password else [EXCEL_DEFAULT_PASSWORD]
    for attempt in attempts:
        out = io.BytesIO()
        try:
            if type(office).__name__ == "OOXMLFile":
                office.load_key(password=attempt, verify_password=True)
            else:
                office.load_key(password=attempt)
            office.decrypt(out)
        except InvalidKeyError:
            continue
        except DecryptionError:
            if type(office).__name__ == "Xls97File":
                continue  # the legacy format reports a wrong password this way
            raise _cannot_decrypt(file) from None
        except Exception:
            raise _cannot_decrypt(file) from None
        data = out.getvalue()
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(file)
        return data
    if password:
        raise WrongPasswordError(
            _("The password does not open {file}. Check it and try again.").format(file=file.name),
            file,
        )
    raise PasswordRequiredError(
        _("{file} is protected by a password.").format(file=file.name), file
    )


def _cannot_decrypt(file: Path) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "{file} is encrypted in a way Mamori cannot open. Open it in Excel, remove the "
            "password (File > Info > Protect Workbook), save it, and import again."
        ).format(file=file.name),
        file,
    )


# ----- text files --------------------------------------------------------------------------------


def _open_text(file: Path, head: bytes) -> Workbook:
    if head.startswith(b"%PDF"):
        raise NotASpreadsheetError(
            _("{file} is a PDF document, not a spreadsheet.").format(file=file.name), file
        )
    data = file.read_bytes()
    decoded = decode_text(data)
    del data
    if decoded is None or _CONTROL.search(decoded[0]):
        if file.suffix.lower() in EXCEL_SUFFIXES:
            raise _damaged(file)
        raise NotASpreadsheetError(
            _(
                "{file} is not a spreadsheet: it is neither an Excel workbook nor a text (CSV) "
                "file in UTF-8, UTF-16 or Shift_JIS."
            ).format(file=file.name),
            file,
        )
    text, encoding = decoded
    start = text.lstrip()[:2048].lower()
    if start.startswith("<") and ("<html" in start or "<table" in start or "<?xml" in start):
        raise NotASpreadsheetError(
            _(
                "{file} is a web page or XML file with a spreadsheet name. Open it in Excel, save "
                "it as an Excel workbook (.xlsx), and import that."
            ).format(file=file.name),
            file,
        )
    if not text.strip():
        raise NotASpreadsheetError(_("{file} is empty.").format(file=file.name), file)
    return TextWorkbook(file, text, encoding)


# ----- measuring before reading ------------------------------------------------------------------


def _inspect_xlsx_sheet(
    file: Path, source: Path | bytes, sheet: str, limit: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Measure the sheet, before calamine reads it, and find formulas saved without results
    (row number, 0-based column) and numbers shown padded with zeros (row, column, digits).
    """
    try:
        return _measure_xlsx_sheet(file, source, sheet, limit)
    except (UnreadablePartError, *_ZIP_ERRORS):
        raise _damaged(file) from None


def _measure_xlsx_sheet(
    file: Path, source: Path | bytes, sheet: str, limit: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        member = sheet_member(zf, sheet)
        if member is None:
            raise _damaged(file)  # unmeasured, calamine could be asked for any amount of memory
        with zf.open(member) as stream:
            scan = scan_sheet_xml(stream)
        height, width = scan.extent
        if scan.cells > MAX_SHEET_CELLS or width * height > MAX_SHEET_CELLS:
            raise _too_wide(file, height, width)
        padded: list[tuple[int, int, int]] = []
        styles = zero_padded_styles(zf)
        if styles:
            with zf.open(member) as stream:
                padded = zero_padded_cells(stream, styles)
        if not scan.formulas:
            return [], padded
        with zf.open(member) as stream:
            return uncalculated_formulas(stream, limit), padded


def _inspect_xls(file: Path, source: Path | bytes) -> None:
    """Measure every sheet of a legacy workbook before calamine opens (and parses) them all."""
    try:
        rows, columns, cells = measure_xls(source)
    except UnreadablePartError:
        raise _damaged(file) from None
    if rows * columns > MAX_SHEET_CELLS or cells > MAX_SHEET_CELLS:
        raise _too_wide(file, rows, columns)
