"""An operation check's checklist goes out as a protected workbook and comes back: real files
written by the shared round-trip engine, filled in with openpyxl, read back. The corpus of
returned checklists (/work/corpus/files/opcheck_returns.json, written from the domain alone) runs
through the same functions; every case passes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.areas.organisation.registers import DEPARTMENTS
from app.areas.review.checklist_excel import (
    checklist_import_spec,
    commit_return,
    read_check_return,
    send_checklist,
)
from app.areas.review.opchecks import checklist_items, new_operation_check
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.importing.round_trip import (
    ANSWER_SHEET,
    FIRST_ITEM_ROW,
    RoundTripError,
    accepted_answers,
    decide,
    diff_answers,
)
from app.registers.children import save_with_children
from app.registers.records import create_record, load_record, update_in_transaction
from app.storage.database import write_transaction

CORPUS = Path("/work/corpus/files/opcheck_returns.json")
QUARTERS = {
    1: ("04-01", "06-30"),
    2: ("07-01", "09-30"),
    3: ("10-01", "12-31"),
    4: ("01-01", "03-31"),
}


def _fill(path: Path, answers: dict[int, object], notes: dict[int, str] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[ANSWER_SHEET]
    for number, value in answers.items():
        sheet[f"D{FIRST_ITEM_ROW + number - 1}"] = value
    for number, note in (notes or {}).items():
        sheet[f"E{FIRST_ITEM_ROW + number - 1}"] = note
    sheet["C4"] = "日吉店 店長"
    sheet["C5"] = "2026/07/03"
    book.save(path)


@pytest.fixture
def store(workspace):
    conn = workspace.conn
    department = create_record(conn, DEPARTMENTS, {"code": "ST", "name": "日吉店"}).record_id
    check = new_operation_check(conn, department, date(2026, 4, 1), date(2026, 6, 30)).record_id
    return conn, department, check


def test_a_checklist_goes_out_and_its_answers_come_back_with_a_diff(store, tmp_path) -> None:
    conn, _department, check = store
    target = tmp_path / "checklist.xlsx"
    send_checklist(conn, check, target, today=date(2026, 6, 20))
    values = load_record(conn, OPERATION_CHECKS, check)
    assert (values["status"], values["sent_on"]) == ("sent", date(2026, 6, 20))
    assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0] == 1
    items = checklist_items(conn)
    _fill(target, {n: "はい" for n in range(1, len(items) + 1)} | {2: "×", 5: "該当なし"},
          {2: "ロックなしの端末が2台"})  # fmt: skip
    returned = read_check_return(conn, target, check_id=check)
    assert returned.respondent == "日吉店 店長"
    spec = checklist_import_spec()
    subject = returned.subject
    diffs = diff_answers(spec.items(conn, subject), spec.previous(conn, subject), returned)
    assert {d.change for d in diffs} == {"new"}
    decide(diffs, "disposal", False)  # the officer rejects one answer: it stays unanswered
    with write_transaction(conn):
        commit_return(conn, returned, accepted_answers(diffs), today=date(2026, 7, 5))
    answers = dict(
        conn.execute("SELECT item, answer FROM operation_check_item WHERE check_id = ?", (check,))
    )
    assert answers["screen_lock"] == "no" and answers["disposal"] is None
    assert answers["clean_desk"] == "yes"
    values = load_record(conn, OPERATION_CHECKS, check)
    assert (values["status"], values["checked_on"], values["returned_on"]) == (
        "returned", date(2026, 7, 3), date(2026, 7, 5)
    )  # fmt: skip

    again = tmp_path / "again.xlsx"  # the next file is pre-filled; a change shows as one
    send_checklist(conn, check, again)
    _fill(again, {1: "いいえ"})
    second = read_check_return(conn, again)
    changed = [d.item.code for d in diff_answers(spec.items(conn, second.subject),
               spec.previous(conn, second.subject), second) if d.change == "changed"]  # fmt: skip
    assert changed == ["clean_desk"]


def test_a_file_of_another_department_is_refused_naming_it(store, tmp_path) -> None:
    conn, _department, check = store
    other = create_record(conn, DEPARTMENTS, {"code": "DC", "name": "港北配送センター"}).record_id
    other_check = new_operation_check(conn, other, date(2026, 4, 1), date(2026, 6, 30)).record_id
    target = tmp_path / "dc.xlsx"
    send_checklist(conn, other_check, target)
    with pytest.raises(RoundTripError, match="港北配送センター"):
        read_check_return(conn, target, check_id=check)


def _corpus_check(conn, departments: dict[str, int], code: str, period: str, count: int) -> int:
    department = departments.get(code)
    if department is None:
        department = create_record(conn, DEPARTMENTS, {"code": code, "name": code}).record_id
        departments[code] = department
    year, quarter = int(period[:4]), int(period[-1])
    start, end = QUARTERS[quarter]
    start_year = year + 1 if quarter == 4 else year
    first = date.fromisoformat(f"{start_year}-{start}")
    found = conn.execute(
        "SELECT id FROM operation_check WHERE department_id = ? AND period_start = ?",
        (department, first.isoformat()),
    ).fetchone()
    if found:
        return found[0]
    rows = [(None, {"item": item}) for item in checklist_items(conn)[:count]]
    return save_with_children(
        conn, OPERATION_CHECKS, None,
        {"department": department, "period_start": first,
         "period_end": date.fromisoformat(f"{start_year}-{end}")},
        {OPERATION_CHECK_ITEMS.key: rows},
    ).record_id  # fmt: skip


def _apply_edits(path: Path, edits: list[dict]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[ANSWER_SHEET]
    for edit in edits:
        op = edit["op"]
        if op == "answer":
            sheet[f"D{FIRST_ITEM_ROW + edit['item'] - 1}"] = edit["value"]
        elif op == "note":
            sheet[f"E{FIRST_ITEM_ROW + edit['item'] - 1}"] = edit["text"]
        elif op == "insert_row":
            sheet.insert_rows(FIRST_ITEM_ROW + edit["before_item"] - 1)
        elif op == "rename_sheet":
            sheet.title = edit["to"]
        else:
            raise AssertionError(f"edit {op} is not used by the operation-check corpus")
    book.save(path)


MENTIONS = {
    "department": ("部署", "department"),
    "period": ("期間", "period", "〜"),
    "row": ("行", "row", "項目", "item"),
    "sheet": ("シート", "sheet"),
    "cell": ("セル", "cell"),
}


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus is not on this machine")
def test_every_corpus_case_of_returned_operation_checklists(workspace, tmp_path) -> None:
    conn = workspace.conn
    departments: dict[str, int] = {}
    spec = checklist_import_spec()
    cases = json.loads(CORPUS.read_text(encoding="utf-8"))
    passed = 0
    for case in cases:
        given, expected = case["input"], case["expected"]
        count = given["item_count"]
        sent = _corpus_check(conn, departments, given["department"], given["period"], count)
        chosen = _corpus_check(
            conn, departments, given["import_for_department"], given["import_for_period"], count
        )
        previous = given.get("previous_answers") or {}
        with write_transaction(conn):  # the check as it stood before this return
            for number, row in enumerate(
                conn.execute("SELECT id FROM operation_check_item WHERE check_id = ? ORDER BY id",
                             (chosen,)).fetchall(), start=1):  # fmt: skip
                value = previous.get(str(number))
                update_in_transaction(
                    conn, OPERATION_CHECK_ITEMS, row[0], {"answer": value, "note": None}
                )
        path = tmp_path / f"{case['id']}.xlsx"
        send_checklist(conn, sent, path)
        _apply_edits(path, given["edits"])
        try:
            returned = read_check_return(conn, path, check_id=chosen)
        except RoundTripError as exc:
            assert not expected["accepted"], (case["id"], str(exc))
            message = str(exc).lower()
            for group in expected["error_mentions"]:
                assert any(word in message for word in MENTIONS[group]), (case["id"], message)
            passed += 1
            continue
        assert expected["accepted"], case["id"]
        subject = returned.subject
        diffs = diff_answers(spec.items(conn, subject), spec.previous(conn, subject), returned)
        answers = accepted_answers(diffs)
        codes = [item.code for item in spec.items(conn, subject)]
        got = {str(n): (answers[c].value if c in answers else None)
               for n, c in enumerate(codes, start=1)}  # fmt: skip
        invalid = sorted(codes.index(c) + 1 for c in returned.unreadable)
        for number in invalid:  # an unreadable answer is not taken: nothing was there before
            got[str(number)] = None
        assert got == expected["answers"], case["id"]
        flagged = sorted(int(n) for n, value in got.items() if value == "no")
        assert flagged == expected["corrective_action_items"], case["id"]
        changed = sorted(
            codes.index(d.item.code) + 1 for d in diffs if d.change in ("new", "changed", "cleared")
        )
        assert changed == expected["changed_items"], case["id"]
        assert invalid == expected.get("invalid_items", []), case["id"]
        if expected["error_mentions"]:
            assert invalid, case["id"]  # the unreadable cell is named as a warning
        passed += 1
    assert passed == len(cases) == 12
