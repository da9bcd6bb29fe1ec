"""Spreadsheet files the import tests write (xlsx with openpyxl, csv in each encoding).

A plain module, not a conftest, so test modules can import it by name.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

DATA = Path(__file__).resolve().parents[2] / "data" / "import"

TITLE = "令和7年度 個人情報保護研修 受講者名簿"
HEADERS = ["職員番号", "氏名", "所属", "雇用区分", "入職日"]
ROWS: list[list[Any]] = [
    ["00123", "髙橋 美咲", "本部", "正職員", "2015/4/1"],
    ["00124", "山﨑 健一", "本部", "パート", "令和7年6月1日"],
    ["00125", "田中 ①子", "第一配送センター", "契約", "R7.6.1"],
]


def build_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    sheet: str = "名簿",
    extra_sheets: Sequence[str] = (),
) -> Path:
    """A workbook as departments send it: a title merged across the columns, a date line, a blank
    row, then the headings and rows."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    width = max((len(row) for row in rows), default=1)
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
        ws.append([subtitle or "作成日：令和7年6月30日"])
        ws.append([])
    for row in rows:
        ws.append(list(row))
    for name in extra_sheets:
        book.create_sheet(name).append(["メモ"])
    book.save(path)
    return path


def csv_text(rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def rewrite_members(path: Path, target: Path, **replacements: tuple[bytes, bytes]) -> Path:
    """Copy a workbook, replacing bytes in some members: ``sheet1=(old, new)`` edits
    ``xl/worksheets/sheet1.xml``, ``workbook=(old, new)`` edits ``xl/workbook.xml``."""
    members = {
        "sheet1": "xl/worksheets/sheet1.xml",
        "workbook": "xl/workbook.xml",
    }
    wanted = {members[name]: change for name, change in replacements.items()}
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename in wanted:
                before, after = wanted[info.filename]
                assert before in data, (info.filename, before)
                data = data.replace(before, after)
            new.writestr(info.filename, data)
    return target
