"""Reading spreadsheets: every format and encoding offices send, and every kind of bad file."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from import_helpers import DATA, TITLE, build_xlsx, csv_text, rewrite_members
from msoffcrypto.format.ooxml import OOXMLFile

from app.errors import MamoriError
from app.importing import reader
from app.importing.reader import (
    MAX_CELL_CHARS,
    NotASpreadsheetError,
    PasswordRequiredError,
    SheetNotFoundError,
    SpreadsheetError,
    SpreadsheetTooLargeError,
    WrongPasswordError,
    column_letter,
    open_workbook,
)
from app.jobs import JobCancelledError

JAPANESE = ["職員番号", "氏名", "備考"]
SPECIAL = [["00123", "髙橋 美咲", "①研修 ㈱マモリ"], ["00124", "山﨑 健一", "ｶﾀｶﾅ　全角スペース"]]


def read_all(path: Path, **options):
    with open_workbook(path, **options) as book:
        return book.read()


# ----- xlsx --------------------------------------------------------------------------------------


def test_xlsx_title_rows_are_read_with_their_row_numbers(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "名簿.xlsx", roster_rows, title=TITLE)
    with open_workbook(path) as book:
        assert book.format == "xlsx"
        assert book.sheet_names == ["名簿"]
        table = book.read()
    # Row 1 is the merged title (its value in A1 only), row 2 the date line, row 3 blank.
    assert table.row_numbers == [1, 2, 4, 5, 6, 7]
    assert table.rows[0] == (TITLE,)
    assert table.rows[2] == tuple(roster_rows[0])
    assert table.rows[3] == ("00123", "髙橋 美咲", "本部", "正職員", "2015/4/1")
    assert table.sheet == "名簿" and table.file == path and not table.truncated


def test_xlsx_cells_keep_their_types(tmp_path: Path) -> None:
    path = tmp_path / "types.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "受講日", "日時", "点数", "平均", "和暦"])
    ws.append(["00123", date(2025, 6, 1), datetime(2025, 6, 2, 10, 30), 85, 90.5, "令和7年6月1日"])
    ws.append([124, 45809, None, 70.0, True, "R7.6.1"])
    book.save(path)
    table = read_all(path)
    first, second = table.rows[1], table.rows[2]
    assert first[0] == "00123"  # a text cell keeps its leading zeros
    assert first[1] == date(2025, 6, 1) and type(first[1]) is date
    assert first[2] == datetime(2025, 6, 2, 10, 30)
    assert first[3] == 85 and type(first[3]) is int
    assert first[4] == 90.5
    assert first[5] == "令和7年6月1日"
    assert second[:2] == (124, 45809) and type(second[0]) is int
    assert second[2] is None and second[3] == 70 and type(second[3]) is int
    assert second[4] is True


def test_sheets_are_listed_and_chosen_by_name(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "two.xlsx", roster_rows, extra_sheets=["メモ"])
    with open_workbook(path) as book:
        assert book.sheet_names == ["名簿", "メモ"]
        assert book.read("メモ").rows == [("メモ",)]
        with pytest.raises(SheetNotFoundError, match=r"two\.xlsx has no sheet “集計”.*名簿, メモ"):
            book.read("集計")


def test_max_rows_reads_the_top_and_says_the_rest_was_left(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "top.xlsx", roster_rows)
    with open_workbook(path) as book:
        top = book.read(max_rows=2)
        whole = book.read()
    assert top.row_numbers == [1, 2] and top.truncated
    assert whole.row_numbers == [1, 2, 3, 4] and not whole.truncated


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_reading_can_be_cancelled(tmp_path: Path, roster_rows, suffix: str) -> None:
    path = tmp_path / f"cancel{suffix}"
    if suffix == ".xlsx":
        build_xlsx(path, roster_rows)
    else:
        path.write_text(csv_text(roster_rows), encoding="utf-8")
    with open_workbook(path) as book:
        assert len(book.read().rows) == 4
        with pytest.raises(JobCancelledError):
            book.read(cancelled=lambda: True)


def test_progress_is_reported_up_to_the_end(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "progress.xlsx", roster_rows)
    reports: list[float] = []
    with open_workbook(path) as book:
        book.read(progress=lambda fraction, _message: reports.append(fraction))
    assert reports[0] == 0.0 and reports[-1] == 1.0


# ----- legacy xls --------------------------------------------------------------------------------


def test_legacy_xls_is_read(tmp_path: Path) -> None:
    path = tmp_path / "古い名簿.xls"
    path.write_bytes((DATA / "roster.xls").read_bytes())
    with open_workbook(path) as book:
        assert book.format == "xls"
        assert book.sheet_names == ["受講者名簿", "メモ"]
        table = book.read()
    assert table.row_numbers == [1, 2, 4, 5, 6, 7]
    assert table.rows[2] == ("職員番号", "氏名", "所属", "雇用区分", "入職日")
    assert table.rows[3] == ("00123", "髙橋 美咲", "本部", "正職員", date(2015, 4, 1))
    assert table.rows[5][1] == "田中 ①子" and table.rows[5][4] == "平成31年4月1日"


# ----- csv ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp932", b"")],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp932"],
)
def test_csv_in_each_encoding_keeps_every_character(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    rows = [JAPANESE, *SPECIAL]
    path = tmp_path / f"名簿-{encoding}.csv"
    path.write_bytes(bom + csv_text(rows).encode(encoding))
    with open_workbook(path) as book:
        assert book.format == "csv"
        assert book.sheet_names == [path.stem]
        table = book.read()
    assert table.rows == [tuple(row) for row in rows]
    assert (
        "﨑" in table.rows[2][1] and "崎" not in table.rows[2][1]
    )  # not folded to the common form
    assert table.row_numbers == [1, 2, 3]


def test_cp932_is_windows_31j_not_plain_shift_jis(tmp_path: Path) -> None:
    text = "職員番号,氏名\r\n00123,髙橋 ①㈱\r\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("shift_jis")  # the characters a plain Shift_JIS codec loses
    path = tmp_path / "sjis.csv"
    path.write_bytes(text.encode("cp932"))
    assert read_all(path).rows[1] == ("00123", "髙橋 ①㈱")


def test_utf16_text_from_excel_is_tab_separated(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 with BOM, tabs between cells.
    path = tmp_path / "unicode.txt"
    path.write_bytes(csv_text([JAPANESE, *SPECIAL], "\t").encode("utf-16"))
    assert read_all(path).rows[1] == tuple(SPECIAL[0])


@pytest.mark.parametrize("delimiter", [",", "\t", ";"], ids=["comma", "tab", "semicolon"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    rows = [["令和7年度 研修名簿"], [], ["職員番号", "氏名", "点数"], ["001", "山田, 花子", "8,5"]]
    path = tmp_path / "sniff.csv"
    path.write_text(csv_text(rows, delimiter), encoding="utf-8")
    table = read_all(path)
    assert table.rows[1] == ("職員番号", "氏名", "点数")
    assert table.rows[2] == ("001", "山田, 花子", "8,5")
    assert table.row_numbers == [1, 3, 4]


def test_csv_cells_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "text.csv"
    path.write_text("職員番号,点数\n00123,85\n", encoding="utf-8")
    assert read_all(path).rows[1] == ("00123", "85")


def test_a_csv_with_an_excel_name_is_read_as_text(tmp_path: Path) -> None:
    # Some HR systems export CSV and name it .xls.
    path = tmp_path / "export.xls"
    path.write_bytes("職員番号\t氏名\r\n00123\t髙橋 美咲\r\n".encode("cp932"))
    assert read_all(path).rows == [("職員番号", "氏名"), ("00123", "髙橋 美咲")]


# ----- passwords ---------------------------------------------------------------------------------


@pytest.fixture
def protected_xlsx(tmp_path: Path, roster_rows) -> Path:
    plain = build_xlsx(tmp_path / "plain.xlsx", roster_rows, title=TITLE)
    path = tmp_path / "protected.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("mamori-2025", target)
    return path


def test_password_protected_workbook_asks_for_the_password(protected_xlsx: Path) -> None:
    assert protected_xlsx.read_bytes()[:8] == reader.OLE_MAGIC  # really encrypted
    with pytest.raises(PasswordRequiredError) as caught:
        open_workbook(protected_xlsx)
    assert str(caught.value) == "protected.xlsx is protected by a password."
    assert isinstance(caught.value, SpreadsheetError) and isinstance(caught.value, MamoriError)


def test_wrong_password_is_refused(protected_xlsx: Path) -> None:
    with pytest.raises(WrongPasswordError, match=r"does not open protected\.xlsx"):
        open_workbook(protected_xlsx, password="wrong")


def test_right_password_reads_the_workbook(protected_xlsx: Path) -> None:
    with open_workbook(protected_xlsx, password="mamori-2025") as book:
        assert book.format == "xlsx"
        table = book.read()
    assert table.rows[3][:2] == ("00123", "髙橋 美咲")
    assert table.row_numbers[:3] == [1, 2, 4]


# ----- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["random.xlsx", "random.csv", "random.xls", "random.dat"])
def test_random_bytes_are_not_a_spreadsheet(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8 + os.urandom(512))
    with pytest.raises(NotASpreadsheetError, match=name.replace(".", r"\.")):
        open_workbook(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"empty\.xlsx is empty\."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", r"empty\.xlsx is a PDF document"),
        (b"PK\x03\x04 truncated zip", r"empty\.xlsx is not an Excel workbook, or it is damaged"),
        (reader.OLE_MAGIC + b"\0" * 600, r"empty\.xlsx is not an Excel workbook, or it is damaged"),
        (b"<html><body><table><tr><td>1</td></tr></table>", r"empty\.xlsx is a web page"),
        (b"\r\n  \r\n", r"empty\.xlsx is empty\."),
    ],
    ids=["empty", "pdf", "broken-zip", "broken-ole", "html", "blank-text"],
)
def test_files_that_are_not_spreadsheets(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(content)
    with pytest.raises(NotASpreadsheetError, match=message):
        open_workbook(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match=r"nothere\.xlsx does not exist"):
        open_workbook(tmp_path / "nothere.xlsx")


def test_other_zip_archives_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(NotASpreadsheetError, match=r"letter\.xlsx is not a spreadsheet"):
        open_workbook(path)


def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (32 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(SpreadsheetTooLargeError, match=r"bomb\.xlsx unpacks to far more data"):
        open_workbook(path)


def test_workbook_unpacking_past_the_total_limit_is_refused(
    tmp_path: Path, roster_rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_xlsx(tmp_path / "big.xlsx", roster_rows)
    open_workbook(path).close()
    declared = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED_BYTES", declared - 1)
    with pytest.raises(SpreadsheetTooLargeError, match=r"big\.xlsx"):
        open_workbook(path)


def test_sheet_with_a_far_away_cell_is_refused_not_allocated(tmp_path: Path) -> None:
    # 5 KB on disk; calamine would allocate 200,000 x 702 cells (4.5 GB) and abort the process.
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws["A1"] = "職員番号"
    ws["ZZ200000"] = "x"
    book.save(path)
    with (
        open_workbook(path) as opened,
        pytest.raises(
            SpreadsheetTooLargeError, match=r"far\.xlsx: a sheet spans 200,000 rows × 702 columns"
        ),
    ):
        opened.read()


def test_legacy_xls_with_a_far_away_cell_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "far.xls"
    path.write_bytes((DATA / "far_cell.xls").read_bytes())
    with pytest.raises(SpreadsheetTooLargeError, match=r"65,536 rows × 256 columns"):
        open_workbook(path)


def test_oversized_xlsx_cell_is_set_aside(tmp_path: Path) -> None:
    # openpyxl cuts cells at Excel's limit when writing, so the long cell is put in afterwards.
    written = build_xlsx(
        tmp_path / "written.xlsx", [["職員番号", "備考"], ["001", "短い"], ["002", "ok"]]
    )
    path = rewrite_members(
        written, tmp_path / "giant.xlsx", sheet1=("短い".encode(), ("あ" * 40_000).encode())
    )
    table = read_all(path)
    assert table.rows == [("職員番号", "備考"), ("001",), ("002", "ok")]
    [cell] = table.oversized
    assert (cell.row, cell.column, cell.length) == (2, 1, 40_000)
    assert cell.length > MAX_CELL_CHARS


def test_oversized_csv_cell_is_set_aside_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "giant.csv"
    path.write_text(f"職員番号,備考\n001,{'x' * 40_000}\n002,ok\n", encoding="utf-8")
    table = read_all(path)
    assert table.rows[1] == ("001",) and table.oversized[0].length == 40_000
    path.write_text(f"職員番号,備考\n001,ok\n002,{'x' * 200_000}\n", encoding="utf-8")
    with pytest.raises(SpreadsheetTooLargeError, match=r"giant\.csv: row 3 cannot be read"):
        read_all(path)


def test_formulas_without_results_are_set_aside_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "点数", "合計"])
    ws.append(["001", 80, "=B2*2"])
    ws.append(["002", 90, 180])
    book.save(path)  # openpyxl stores formulas without results
    table = read_all(path)
    assert table.rows[1:] == [("001", 80), ("002", 90, 180)]  # C2 is not read as a value
    assert [(c.row, c.column, c.formula) for c in table.oversized] == [(2, 2, True)]


def test_formulas_with_stored_results_are_read(tmp_path: Path) -> None:
    source = tmp_path / "openpyxl.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "点数", "合計"])
    ws.append(["001", 80, "=B2*2"])
    book.save(source)
    # As Excel saves it: the result stored with the formula, no request to recalculate on load.
    path = rewrite_members(
        source,
        tmp_path / "excel.xlsx",
        sheet1=(b"<v />", b"<v>160</v>"),
        workbook=(b' fullCalcOnLoad="1"', b""),
    )
    assert read_all(path).rows[1] == ("001", 80, 160)


def test_formulas_below_the_rows_read_do_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "late.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "点数"])
    ws.append(["001", 80])
    ws.append(["合計", "=SUM(B2:B2)"])
    book.save(path)
    with open_workbook(path) as opened:
        assert opened.read(max_rows=2).oversized == []
        assert [(c.row, c.formula) for c in opened.read().oversized] == [(3, True)]


def test_cached_results_are_read_even_the_empty_string_and_with_recalculation_asked(
    tmp_path: Path,
) -> None:
    source = tmp_path / "openpyxl.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "合否", "点数"])
    ws.append(["001", '=IF(C2>=80,"P","")', 60])
    ws.append(["002", "=C3*1", 85])
    ws.append(["003", 70, 70])  # a formula typed over with a number
    book.save(source)
    # As Excel saves them: an empty string result is t="str" with an empty <v>, a number result
    # is in <v>; the workbook still asks to recalculate on load (fullCalcOnLoad is kept).
    path = rewrite_members(
        source,
        tmp_path / "excel.xlsx",
        sheet1=(b'<c r="B2"><f>IF(C2&gt;=80,"P","")</f><v /></c>',
                b'<c r="B2" t="str"><f>IF(C2&gt;=80,"P","")</f><v></v></c>'),
    )  # fmt: skip
    path = rewrite_members(
        path, tmp_path / "excel2.xlsx", sheet1=(b"<f>C3*1</f><v />", b"<f>C3*1</f><v>85</v>")
    )
    table = read_all(path)
    assert table.oversized == []
    assert table.rows[1:] == [("001", None, 60), ("002", 85, 85), ("003", 70, 70)]


def test_numbers_shown_with_leading_zeros_are_read_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "codes.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["社員コード", "点数"])
    ws.append([918, 80])
    ws.append([12345, 7])
    for row in (2, 3):
        ws.cell(row, 1).number_format = "000000"  # a payroll export's staff numbers
    book.save(path)
    assert read_all(path).rows[1:] == [("000918", 80), ("012345", 7)]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_decrypted_workbooks_get_the_same_checks(tmp_path: Path) -> None:
    # The same checks apply to a decrypted workbook held in memory.
    written = build_xlsx(tmp_path / "written.xlsx", [["職員番号"], ["001"]])
    plain = tmp_path / "inner.xlsx"
    with zipfile.ZipFile(written) as old, zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("xl/media/image1.bin", b"\0" * (8 * 1024 * 1024))
    path = tmp_path / "locked-bomb.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("pw", target)
    assert msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes())).is_encrypted()
    with pytest.raises(SpreadsheetTooLargeError, match=r"locked-bomb\.xlsx"):
        open_workbook(path, password="pw")


def test_truncation_is_reported_only_when_rows_were_left(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "exact.xlsx", roster_rows)  # four rows
    with open_workbook(path) as book:
        assert not book.read(max_rows=4).truncated
        assert book.read(max_rows=3).truncated
    book.close()  # closing twice is harmless


def test_excel_binary_and_opendocument_workbooks_ask_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\0\1")
    with pytest.raises(NotASpreadsheetError, match=r"binary\.xlsb is an Excel binary"):
        open_workbook(path)


def _declare_size(path: Path, member: str, size: int) -> None:
    """Make the archive lie: ``member`` claims to unpack to ``size`` bytes (both headers)."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local file header
    name = member.encode()
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name:
            struct.pack_into("<I", data, position + 24, size)  # central directory
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def test_a_member_longer_than_it_declares_is_refused(tmp_path: Path) -> None:
    rows = [["職員番号", "氏名"]] + [[f"{n:05d}", "山田 花子"] for n in range(2000)]
    path = build_xlsx(tmp_path / "lying.xlsx", rows)
    _declare_size(path, "xl/worksheets/sheet1.xml", 1000)
    with (
        open_workbook(path) as book,
        pytest.raises(
            NotASpreadsheetError, match=r"lying\.xlsx is not an Excel workbook, or it is damaged"
        ),
    ):
        book.read()


def test_text_files_past_the_size_limit_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("職員番号,氏名\n" + "00001,山田 花子\n" * 1000, encoding="utf-8")
    assert len(read_all(path).rows) == 1001
    monkeypatch.setattr(reader, "MAX_TEXT_BYTES", 1024 * 1024)
    path.write_text("職員番号,氏名\n" + "00001,山田 花子\n" * 150_000, encoding="utf-8")
    with pytest.raises(SpreadsheetTooLargeError, match=r"huge\.csv is 2 MB; .* up to 1 MB\."):
        open_workbook(path)
