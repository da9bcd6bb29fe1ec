"""From cells to values: normalisation, parsing, problems per row, and remembered layouts."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from import_helpers import DATA, TITLE, build_xlsx

from app.areas.organisation.registers import PEOPLE
from app.importing.engine import load_for_import, map_rows
from app.importing.header import NoHeaderError, find_header
from app.importing.layouts import layout_signature, recall_layout, remember_layout
from app.importing.mapping import suggest_mapping
from app.importing.reader import PasswordRequiredError, Table, open_workbook
from app.importing.register_import import RegisterImportSpec, register_targets
from app.importing.spec import Target
from app.jobs import JobCancelledError
from app.registers.fields import Field, Kind

TARGETS = register_targets(PEOPLE)
SPEC = RegisterImportSpec(PEOPLE)


def mapped(rows: list[tuple], targets=TARGETS, **options):
    table = Table(Path("名簿.xlsx"), "名簿", rows, list(range(1, len(rows) + 1)))
    header = find_header(table, targets)
    mapping = suggest_mapping(header.headers, targets)
    return map_rows(table, header, mapping, targets, **options)


def test_dates_in_every_form_offices_type(tmp_path: Path) -> None:
    path = tmp_path / "dates.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["職員番号", "入職日"])
    forms = [
        date(2025, 6, 1),  # a date cell
        datetime(2025, 6, 1, 9, 0),  # a date-time cell
        45809,  # an Excel serial typed as a number
        "2025-06-01",
        "2025/6/1",
        "2025年6月1日",
        "令和7年6月1日",
        "R7.6.1",
        "r7/6/1",
        "２０２５／６／１",  # full-width digits
        "令和７年６月１日",
        "20250601",
    ]
    for number, value in enumerate(forms, start=1):
        ws.append([f"{number:05d}", value])
    ws.append(["00099", "令和元年5月1日"])
    book.save(path)
    with open_workbook(path) as opened:
        table = opened.read()
    header = find_header(table, TARGETS)
    rows = map_rows(table, header, suggest_mapping(header.headers, TARGETS), TARGETS)
    assert [row.values["hire_date"] for row in rows[:-1]] == [date(2025, 6, 1)] * len(forms)
    assert rows[-1].values["hire_date"] == date(2019, 5, 1)
    assert not any(row.problems for row in rows)
    assert rows[0].raw["hire_date"] == date(2025, 6, 1) and rows[2].raw["hire_date"] == 45809


def test_a_date_without_a_year_is_an_error_of_its_row_only() -> None:
    rows = mapped(
        [
            ("職員番号", "氏名", "入職日", "雇用区分"),
            ("00001", "山田 花子", "2025/6/1", "正職員"),
            ("00002", "佐藤 一郎", "6/1", "正職員"),
            ("00003", "髙橋 美咲", "令和7年6月1日", "正職員"),
        ]
    )
    assert [row.row for row in rows] == [2, 3, 4]
    assert not rows[0].problems and not rows[2].problems
    [problem] = rows[1].problems
    assert (problem.row, problem.column, problem.value) == (3, "入職日", "6/1")
    assert problem.message == "no year in '6/1'" and problem.severity == "error"
    assert rows[1].has_errors and rows[1].values["hire_date"] is None
    assert (
        problem.describe("名簿.xlsx")
        == "名簿.xlsx, row 3, column “入職日” (“6/1”): no year in '6/1'"
    )


def test_staff_numbers_keep_leading_zeros_and_fold_width() -> None:
    rows = mapped(
        [
            ("職員番号", "氏名"),
            ("00123", "a"),
            ("００１２４", "b"),
            (125, "c"),
            (" 00 126 ", "d"),
            ("A-0127", "e"),
        ]
    )
    assert [row.values["staff_no"] for row in rows] == ["00123", "00124", "125", "00126", "A-0127"]


def test_names_keep_their_characters_and_spaces_are_normalised() -> None:
    rows = mapped(
        [
            ("職員番号", "姓", "名", "セイ", "メイ"),
            ("001", "山﨑", "健一", "ﾔﾏｻﾞｷ", "ｹﾝｲﾁ"),
            ("002", "　髙橋　", "美咲", "タカハシ", "ミサキ"),
            ("003", "田中", None, None, None),
            ("004", "田中　①子", "", "", ""),
        ]
    )
    assert [row.values["name"] for row in rows] == ["山﨑 健一", "髙橋 美咲", "田中", "田中 ①子"]
    assert rows[0].values["kana"] == "ヤマザキ ケンイチ"
    assert rows[0].raw["name"] == ("山﨑", "健一")
    assert rows[0].columns["name"] == "姓 + 名"


def test_empty_rows_are_skipped_and_required_values_missing_are_errors() -> None:
    rows = mapped(
        [
            ("職員番号", "氏名", "備考", "雇用区分"),
            ("001", "山田", None, "正職員"),
            (None, None, None, None),
            (None, "名無し", "職員番号なし", None),
            ("002",),
        ]
    )
    assert [row.row for row in rows] == [2, 4, 5]
    missing = {(p.row, p.column, p.message) for row in rows for p in row.problems}
    # The employment type may be left empty (schema 5); the staff number and name may not.
    assert missing == {(4, "職員番号", "is required"), (5, "氏名", "is required")}


def test_values_that_do_not_parse_name_row_column_and_value() -> None:
    rows = mapped(
        [
            ("職員番号", "氏名", "メール", "個人データ取扱者", "雇用区分"),
            ("001", "山田", "yamada@example.coop", "はい", "正職員"),
            ("00 2!", "佐藤" * 40, "not-mail", "たぶん", "正職員"),
        ]
    )
    assert rows[0].values["is_handler"] is True and not rows[0].problems
    problems = {problem.column: problem for problem in rows[1].problems}
    assert set(problems) == {"職員番号", "氏名", "メール", "個人データ取扱者"}
    assert problems["メール"].value == "not-mail"
    assert "is not an e-mail address" in problems["メール"].message
    assert "too long" in problems["氏名"].message


def test_oversized_cells_in_mapped_columns_are_row_errors(tmp_path: Path) -> None:
    path = tmp_path / "giant.csv"
    path.write_text(
        f"職員番号,氏名,雇用区分,未使用\n001,{'x' * 40_000},正職員,\n002,山田,正職員,{'y' * 40_000}\n",
        encoding="utf-8",
    )
    prepared = load_for_import(path, SPEC)
    first, second = prepared.rows
    [problem] = first.problems
    assert (problem.row, problem.column) == (2, "氏名")
    assert problem.message == "has 40,000 characters; a cell holds at most 32,767"
    assert not second.problems  # the giant cell is in a column nothing is taken from


def test_targets_without_a_field_keep_normalised_text() -> None:
    targets = (
        Target("code", "Code", ("職員番号",), True, Field("code", "Code", Kind.CODE)),
        Target("course", "Course", ("研修名",)),
    )
    rows = mapped([("職員番号", "研修名"), ("001", "　個人情報　保護研修 ")], targets)
    assert rows[0].values == {"code": "001", "course": "個人情報 保護研修"}


def test_mapping_is_cancellable_and_reports_progress() -> None:
    rows = [("職員番号", "氏名")] + [(f"{n:05d}", "山田") for n in range(1200)]
    reports: list[float] = []
    mapped(rows, progress=lambda fraction, _message: reports.append(fraction))
    assert reports[0] == 0.0 and reports[-1] == 1.0 and len(reports) >= 3
    calls = iter(range(100))
    with pytest.raises(JobCancelledError):
        mapped(rows, cancelled=lambda: next(calls) >= 2)
    assert len(mapped(rows, limit=10)) == 10


# ----- load_for_import and remembered layouts ----------------------------------------------------


def test_load_for_import_reads_maps_and_parses(tmp_path: Path, roster_rows) -> None:
    path = build_xlsx(tmp_path / "titled.xlsx", roster_rows, title=TITLE)
    reports: list[float] = []
    prepared = load_for_import(path, SPEC, progress=lambda f, _m: reports.append(f))
    assert prepared.header.row == 4
    assert prepared.mapping == {
        "staff_no": (0,),
        "name": (1,),
        "department": (2,),
        "employment_type": (3,),
        "hire_date": (4,),
    }
    assert [row.values["hire_date"] for row in prepared.rows] == [
        date(2015, 4, 1),
        date(2025, 6, 1),
        date(2025, 6, 1),
    ]
    assert prepared.rows[2].values["name"] == "田中 ①子"
    assert prepared.missing == [] and not prepared.recalled
    assert reports[-1] == 1.0 and reports == sorted(reports)
    prepared.workbook.close()


def test_load_for_import_reports_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "fruit.csv"
    path.write_text("りんご,みかん\n1,2\n", encoding="utf-8")
    with pytest.raises(
        NoHeaderError, match=r"fruit\.csv: no row looks like column headings for People"
    ):
        load_for_import(path, SPEC)


def test_remapping_after_the_officer_changes_the_mapping(tmp_path: Path) -> None:
    path = tmp_path / "remap.csv"
    path.write_text("職員番号,氏名,区分\n001,山田,正職員\n", encoding="utf-8")
    prepared = load_for_import(path, SPEC)
    assert "employment_type" not in prepared.mapping and not prepared.missing
    changed = prepared.remap({**prepared.mapping, "employment_type": (2,)})
    assert changed.missing == [] and changed.rows[0].values["employment_type"] == "正職員"
    assert not changed.rows[0].problems


def test_layout_signature_is_the_normalised_headings_in_order() -> None:
    assert layout_signature(["職員番号", "氏名"]) == layout_signature(["※職員番号 ", "氏名", ""])
    assert layout_signature(["職員番号", "氏名"]) != layout_signature(["氏名", "職員番号"])


def test_a_confirmed_mapping_is_remembered_and_recalled_after_columns_move(
    workspace, tmp_path: Path
) -> None:
    conn = workspace.conn
    first = ["職員番号", "お名前", "区分", "メモ"]
    mapping = {"staff_no": (0,), "name": (1,), "employment_type": (2,), "notes": (3,)}
    assert recall_layout(conn, SPEC.key, first, TARGETS) is None
    remember_layout(conn, SPEC.key, first, mapping)
    stored = conn.execute(
        "SELECT mapping FROM import_layout WHERE spec = ?", (SPEC.key,)
    ).fetchone()
    assert json.loads(stored[0])["employment_type"] == ["区分"]
    assert recall_layout(conn, SPEC.key, first, TARGETS) == mapping
    moved = ["メモ", "区分", "追加列", "職員番号", "お名前"]
    assert recall_layout(conn, SPEC.key, moved, TARGETS) == {
        "staff_no": (3,),
        "name": (4,),
        "employment_type": (1,),
        "notes": (0,),
    }
    assert recall_layout(conn, SPEC.key, ["職員番号", "お名前"], TARGETS) is None
    assert recall_layout(conn, "register.departments", first, TARGETS) is None
    # Remembering again replaces the mapping kept for the layout.
    remember_layout(
        conn, SPEC.key, first, {"staff_no": (0,), "name": (1,), "employment_type": (2,)}
    )
    assert "notes" not in (recall_layout(conn, SPEC.key, first, TARGETS) or {})
    assert conn.execute("SELECT count(*) FROM import_layout").fetchone()[0] == 1


def test_load_for_import_uses_the_remembered_layout(workspace, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("職員番号,氏名,区分\n001,山田,正職員\n", encoding="utf-8")
    assert "employment_type" not in load_for_import(path, SPEC, conn=workspace.conn).mapping
    remember_layout(
        workspace.conn,
        SPEC.key,
        ["職員番号", "氏名", "区分"],
        {"staff_no": (0,), "name": (1,), "employment_type": (2,)},
    )
    path.write_text("区分,職員番号,氏名\n正職員,001,山田\n", encoding="utf-8")
    prepared = load_for_import(path, SPEC, conn=workspace.conn)
    assert prepared.recalled
    assert prepared.mapping == {"staff_no": (1,), "name": (2,), "employment_type": (0,)}
    given = load_for_import(path, SPEC, conn=workspace.conn, mapping={"staff_no": (1,)})
    assert given.mapping == {"staff_no": (1,)} and not given.recalled


def test_load_for_import_passes_the_password_on(tmp_path: Path, roster_rows) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = build_xlsx(tmp_path / "plain.xlsx", roster_rows, title=TITLE)
    path = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("pw-2025", target)
    with pytest.raises(PasswordRequiredError):
        load_for_import(path, SPEC)
    assert len(load_for_import(path, SPEC, password="pw-2025").rows) == 3


def test_rows_of_spaces_are_empty_rows(tmp_path: Path) -> None:
    path = build_xlsx(
        tmp_path / "spaces.xlsx",
        [
            ["職員番号", "氏名", "雇用区分"],
            ["001", "山田", "正職員"],
            [" ", "　", "  "],
            ["002", "佐藤", "パート"],
        ],
    )
    prepared = load_for_import(path, SPEC)
    assert [row.row for row in prepared.rows] == [2, 4]
    assert not any(row.problems for row in prepared.rows)


def test_legacy_xls_roster_is_mapped(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes((DATA / "roster.xls").read_bytes())
    prepared = load_for_import(path, SPEC)
    assert prepared.table.sheet == "受講者名簿" and prepared.header.row == 4
    assert [(row.values["staff_no"], row.values["hire_date"]) for row in prepared.rows] == [
        ("00123", date(2015, 4, 1)),
        ("00124", date(2025, 6, 1)),
        ("00125", date(2019, 4, 1)),
    ]
    assert prepared.rows[2].values["name"] == "田中 ①子"
