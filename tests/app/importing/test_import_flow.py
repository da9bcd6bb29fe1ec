"""The import flow without any window: which step may follow which, and the flow driven from a
real workbook to a committed import, as the wizard and the command line drive it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.importing.flow import ImportFlow, Step, following, resolve_back, resolve_next
from app.importing.register_import import RegisterImportSpec
from app.jobs import JobCancelledError, never_cancelled, no_progress

HEADINGS = ["職員番号", "氏名", "フリガナ", "雇用区分", "入職日"]
PEOPLE_ROWS = [
    ["00101", "山田 花子", "ヤマダ ハナコ", "正職員", date(2024, 4, 1)],
    ["00102", "髙橋 﨑子", "タカハシ サキコ", "パート", "R6.10.1"],
    ["00103", "佐藤 一郎", "サトウ イチロウ", "アルバイト", "2025/6/1"],
]


def write_people(path: Path, rows=PEOPLE_ROWS, *, headings=HEADINGS, memo: bool = False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "職員名簿"
    sheet["A1"] = "2026年度 職員名簿"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    if memo:
        book.create_sheet("メモ").append(["メモ"])
    book.save(path)
    return path


def people_flow() -> ImportFlow:
    return ImportFlow([RegisterImportSpec(PEOPLE), RegisterImportSpec(DEPARTMENTS)])


def read(flow: ImportFlow, path: Path, conn=None, **options) -> None:
    workbook, table = flow.reader(path, **options)(no_progress, never_cancelled)
    flow.take_file(workbook, table, conn)


def count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ----- navigation -------------------------------------------------------------------------------


def test_no_step_follows_an_incomplete_one(workspace, tmp_path):
    flow = people_flow()
    assert resolve_next(Step.SOURCE, flow) is None  # no file yet
    assert following(Step.SOURCE) is Step.MAPPING  # ...though the page after it is known
    assert resolve_back(Step.SOURCE, flow) is None
    read(flow, write_people(tmp_path / "people.xlsx"), workspace.conn)
    assert resolve_next(Step.SOURCE, flow) is Step.MAPPING
    assert resolve_next(Step.MAPPING, flow) is Step.CHECK
    flow.set_target_columns("staff_no", [])  # a required column unmapped
    assert flow.missing_targets()
    assert resolve_next(Step.MAPPING, flow) is None
    flow.set_target_columns("staff_no", [0])
    assert resolve_next(Step.CHECK, flow) is None  # not checked yet
    flow.check(workspace.conn)
    assert resolve_next(Step.CHECK, flow) is Step.IMPORT
    assert resolve_next(Step.IMPORT, flow) is None
    assert resolve_back(Step.IMPORT, flow) is Step.CHECK
    flow.run_import(workspace.conn)
    assert resolve_next(Step.IMPORT, flow) is Step.SUMMARY
    assert resolve_next(Step.SUMMARY, flow) is None
    assert resolve_back(Step.SUMMARY, flow) is None  # written: there is no going back
    flow.close()


def test_a_row_with_an_error_blocks_the_import_unless_skipped(workspace, tmp_path):
    rows = [*PEOPLE_ROWS, ["00104", "", "", "正職員", "not a date"]]
    flow = people_flow()
    read(flow, write_people(tmp_path / "bad.xlsx", rows), workspace.conn)
    plan = flow.check(workspace.conn)
    assert plan.errors and not plan.can_apply
    assert resolve_next(Step.CHECK, flow) is None
    assert flow.importer() is None
    flow.set_skip_invalid(True)
    assert resolve_next(Step.CHECK, flow) is Step.IMPORT
    summary = flow.run_import(workspace.conn)
    assert summary.counts["created"] == 3
    assert count(workspace.conn, "person") == 3
    flow.close()


def test_any_change_of_columns_or_kind_asks_for_a_new_check(workspace, tmp_path):
    flow = people_flow()
    read(flow, write_people(tmp_path / "people.xlsx"), workspace.conn)
    flow.check(workspace.conn)
    flow.set_target_columns("kana", [])
    assert flow.plan is None and resolve_next(Step.CHECK, flow) is None
    flow.check(workspace.conn)
    flow.set_header_row(0, workspace.conn)  # the title row as headings: nothing maps
    assert flow.plan is None and flow.missing_targets()
    assert flow.choose_spec("register.departments", workspace.conn)
    assert flow.current_spec.key == "register.departments"
    assert not flow.choose_spec("register.departments", workspace.conn)
    flow.close()


# ----- the file ---------------------------------------------------------------------------------


def test_headings_are_found_below_the_title_and_columns_suggested(workspace, tmp_path):
    flow = people_flow()
    read(flow, write_people(tmp_path / "people.xlsx", memo=True), workspace.conn)
    assert flow.header is not None and flow.header.row == 3
    assert flow.mapping["staff_no"] == (0,) and flow.mapping["name"] == (1,)
    assert not flow.recalled and not flow.header_warning
    facts = flow.file_facts()
    assert "headings in row 3, 3 rows below them" in facts
    assert "2 sheets" in facts
    assert flow.sheet_reader("職員名簿") is None  # already shown
    other = flow.sheet_reader("メモ")
    assert other is not None
    workbook, table = other(no_progress, never_cancelled)
    flow.take_file(workbook, table, workspace.conn)
    assert flow.table.sheet == "メモ"
    assert flow.missing_targets()
    flow.close()


def test_an_empty_sheet_says_so(workspace, tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    flow = people_flow()
    read(flow, path, workspace.conn)
    assert flow.header is None
    assert "is empty" in flow.header_warning
    assert resolve_next(Step.MAPPING, flow) is None
    flow.close()


def test_the_confirmed_layout_is_remembered_for_the_next_file(workspace, tmp_path):
    conn = workspace.conn
    odd = ["番号", "名前", "カナ", "区分", "採用日"]
    first = people_flow()
    read(first, write_people(tmp_path / "one.xlsx", headings=odd), conn)
    first.set_mapping({"staff_no": [0], "name": [1], "kana": [2], "employment_type": [3],
                       "hire_date": [4]})  # fmt: skip
    first.check(conn)
    first.run_import(conn)
    first.close()
    second = people_flow()
    rows = [["00201", "新人 太郎", "シンジン タロウ", "正職員", "2026/4/1"]]
    read(second, write_people(tmp_path / "two.xlsx", rows, headings=odd), conn)
    assert second.recalled
    assert second.mapping["hire_date"] == (4,)
    second.close()


def test_a_superseded_read_closes_its_workbook(workspace, tmp_path):
    flow = people_flow()
    read(flow, write_people(tmp_path / "shown.xlsx"), workspace.conn)
    late = flow.reader(write_people(tmp_path / "late.xlsx"))(no_progress, never_cancelled)
    flow.discard(late)
    with pytest.raises(Exception):  # noqa: B017 - calamine says "closed" in its own words
        late[0].read(None)
    flow.discard((flow.workbook, flow.table))  # the one shown stays open
    assert flow.workbook.read(None).rows
    flow.close()


# ----- checking and importing -------------------------------------------------------------------


def test_nothing_is_written_before_the_import_and_a_cancelled_import_writes_nothing(
    workspace, tmp_path
):
    conn = workspace.conn
    flow = people_flow()
    read(flow, write_people(tmp_path / "people.xlsx"), conn)
    before = count(conn, "audit_log")
    plan = flow.check(conn)
    assert plan.counts["created"] == 3
    assert count(conn, "person") == 0 and count(conn, "audit_log") == before
    job = flow.importer()
    assert job is not None
    with pytest.raises(JobCancelledError):
        job(conn, no_progress, lambda: True)
    assert count(conn, "person") == 0 and count(conn, "import_layout") == 0
    summary = flow.run_import(conn)
    assert summary.registers == {"people"}
    assert count(conn, "person") == 3 and count(conn, "import_layout") == 1
    flow.close()


def test_the_checker_keeps_what_it_was_given(workspace, tmp_path):
    """A check running on another thread is not changed by choices made meanwhile."""
    conn = workspace.conn
    flow = people_flow()
    read(flow, write_people(tmp_path / "people.xlsx"), conn)
    checker = flow.checker()
    flow.set_target_columns("kana", [])  # the officer changes the mapping during the check
    plan = checker(conn, no_progress, never_cancelled)
    assert plan.counts["created"] == 3
    flow.checked(plan)
    assert flow.plan is plan
    flow.close()
