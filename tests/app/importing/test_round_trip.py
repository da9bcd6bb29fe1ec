"""The checklist round trip: a protected workbook goes out, a filled-in one comes back.

Real files throughout: the workbook is written by ``export_checklist``, filled in with openpyxl as
a respondent's Excel would, optionally re-saved by LibreOffice, and read back by ``read_return``
through the import engine's reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from app.importing.flow import ImportFlow
from app.importing.round_trip import (
    ANSWER_SHEET,
    FIRST_ITEM_ROW,
    IDENTITY_SHEET,
    YES_NO_NA,
    Answer,
    ChecklistForm,
    ChecklistItem,
    RoundTripError,
    Subject,
    accepted_answers,
    decide,
    diff_answers,
    export_checklist,
    read_return,
)
from app.importing.round_trip_spec import ChecklistImportSpec
from app.storage.audit import iter_entries

ITEMS = tuple(
    ChecklistItem(f"q{n}", n, text, group)
    for n, (text, group) in enumerate(
        [
            ("個人情報保護方針を公表している", "組織"),
            ("従業者教育を年1回以上実施している", "人的"),
            ("入退室を管理している", "物理的"),
            ("通信を暗号化している", "技術的"),
            ("再委託の事前承認を得ている", "委託"),
        ],
        start=1,
    )
)
SUBJECT = Subject("departments", 1, "HQ 本部")


def form(**changes) -> ChecklistForm:
    values = {
        "kind": "test_checklist",
        "title": "テスト点検票",
        "subject": SUBJECT,
        "items": ITEMS,
    }
    values.update(changes)
    return ChecklistForm(**values)


def answer_cell(number: int) -> str:
    return f"D{FIRST_ITEM_ROW + number - 1}"


def fill(path: Path, answers: dict[int, object], notes: dict[int, str] | None = None) -> Path:
    """Type answers as a respondent would (openpyxl keeps the protection)."""
    book = openpyxl.load_workbook(path)
    sheet = book[ANSWER_SHEET]
    for number, value in answers.items():
        sheet[answer_cell(number)] = value
    for number, note in (notes or {}).items():
        sheet[f"E{FIRST_ITEM_ROW + number - 1}"] = note
    sheet["C4"] = "委託先 担当 山田"
    sheet["C5"] = "令和8年11月20日"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One workspace for the module: each test writes its own files."""
    from app.storage.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("rt") / "rt.mamori", "round-trip-passphrase-1")
    yield ws
    ws.close()


@pytest.fixture
def workspace(shared):
    return shared


@pytest.fixture
def sent(workspace, tmp_path) -> Path:
    return export_checklist(workspace.conn, form(), tmp_path / "out" / "checklist.xlsx")


def test_export_is_protected_with_only_answer_cells_unlocked(workspace, sent) -> None:
    book = openpyxl.load_workbook(sent)
    assert book.security.lockStructure
    sheet = book[ANSWER_SHEET]
    assert sheet.protection.sheet
    assert book[IDENTITY_SHEET].sheet_state == "veryHidden"
    row = FIRST_ITEM_ROW
    assert sheet[f"C{row}"].value == ITEMS[0].text
    assert sheet[f"C{row}"].protection.locked
    assert sheet[f"A{row}"].protection.locked
    assert not sheet[f"D{row}"].protection.locked and not sheet[f"E{row}"].protection.locked
    assert not sheet["C4"].protection.locked and not sheet["C5"].protection.locked
    assert sheet["A1"].protection.locked
    text = " ".join(
        str(c.value) for r in sheet.iter_rows(max_row=FIRST_ITEM_ROW) for c in r if c.value
    )
    assert "回答" in text and "黄色" in text  # Japanese instructions, whatever the UI language
    validations = sheet.data_validations.dataValidation
    assert validations and "2 できている" in validations[0].formula1
    exports = [json.loads(e.detail) for e in iter_entries(workspace.conn) if e.action == "export"]
    assert {"layout": "test_checklist", "file": "checklist.xlsx"}.items() <= exports[-1].items()


def test_answers_written_every_way_people_write_them(sent) -> None:
    fill(sent, {1: "○", 2: "△", 3: "×", 4: "２", 5: "該当なし"}, {1: "Webで公表（URL記載）"})
    returned = read_return(sent, expect=SUBJECT)
    values = {code: answer.value for code, answer in returned.answers.items()}
    assert values == {"q1": 2, "q2": 1, "q3": 0, "q4": 2, "q5": None}
    assert returned.answers["q1"].note == "Webで公表（URL記載）"
    assert returned.answers["q3"].cell == answer_cell(3)
    assert returned.respondent == "委託先 担当 山田"
    assert returned.answered_on is not None and returned.answered_on.year == 2026
    fill(sent, {1: "はい", 2: "いいえ", 3: 1, 4: "2 できている", 5: "0"})
    values = {c: a.value for c, a in read_return(sent).answers.items()}
    assert values == {"q1": 2, "q2": 0, "q3": 1, "q4": 2, "q5": 0}
    fill(sent, {1: "２（できている）", 2: "1：一部", 3: "適合", 4: "1.5", 5: "3"})
    returned = read_return(sent)
    assert {c: a.value for c, a in returned.answers.items()} == {"q1": 2, "q2": 1, "q3": 2}
    assert set(returned.unreadable) == {"q4", "q5"}


def test_an_answer_nobody_can_read_is_named_with_its_cell(sent) -> None:
    fill(sent, {1: "たぶん", 2: 2})
    returned = read_return(sent)
    assert returned.unreadable == {"q1": ("たぶん", answer_cell(1))}
    diffs = diff_answers(ITEMS, {}, returned)
    assert [d.change for d in diffs][:2] == ["unreadable", "new"]
    assert not diffs[0].accepted


def test_yes_no_scale_for_operation_checks(workspace, tmp_path) -> None:
    path = export_checklist(workspace.conn, form(scale=YES_NO_NA), tmp_path / "op.xlsx")
    fill(path, {1: "○", 2: "いいえ", 3: "対象外", 4: "はい"})
    values = {c: a.value for c, a in read_return(path, scale=YES_NO_NA).answers.items()}
    assert values == {"q1": "yes", "q2": "no", "q3": "na", "q4": "yes"}


def _unprotected(path: Path) -> openpyxl.Workbook:
    book = openpyxl.load_workbook(path)
    book.security.lockStructure = False
    book[ANSWER_SHEET].protection.sheet = False
    return book


def test_a_changed_item_text_is_refused_naming_file_sheet_and_cell(sent) -> None:
    book = _unprotected(sent)
    book[ANSWER_SHEET][f"C{FIRST_ITEM_ROW + 2}"] = "入退室は管理していない"
    book.save(sent)
    with pytest.raises(RoundTripError) as caught:
        read_return(sent)
    message = str(caught.value)
    assert "checklist.xlsx" in message and ANSWER_SHEET in message
    assert f"C{FIRST_ITEM_ROW + 2}" in message and "item 3" in message


def test_an_inserted_row_is_refused(sent) -> None:
    book = _unprotected(sent)
    book[ANSWER_SHEET].insert_rows(FIRST_ITEM_ROW + 1)
    book.save(sent)
    with pytest.raises(RoundTripError, match=rf"cell A{FIRST_ITEM_ROW + 1}: item 2 is missing"):
        read_return(sent)


def test_a_row_added_below_is_refused(sent) -> None:
    book = _unprotected(sent)
    book[ANSWER_SHEET][f"C{FIRST_ITEM_ROW + 7}"] = "追加の項目"
    book.save(sent)
    with pytest.raises(RoundTripError, match=rf"cell C{FIRST_ITEM_ROW + 7}: a row was added"):
        read_return(sent)


def test_another_subjects_file_is_refused(sent) -> None:
    fill(sent, {1: 2})
    other = Subject("departments", 2, "D01 第一配送センター")
    with pytest.raises(RoundTripError, match="checklist of “HQ 本部”, not of “D01"):
        read_return(sent, expect=other)
    with pytest.raises(RoundTripError, match="another kind"):
        read_return(sent, kind="operation_check")


def test_a_file_mamori_did_not_send_is_refused(tmp_path) -> None:
    path = tmp_path / "own.xlsx"
    book = openpyxl.Workbook()
    book.active.title = ANSWER_SHEET
    book.active["A12"] = 1
    book.save(path)
    with pytest.raises(RoundTripError, match=r"own\.xlsx: this is not a checklist Mamori sent"):
        read_return(path)


def test_a_tampered_identity_is_refused(sent) -> None:
    book = _unprotected(sent)
    data = json.loads(book[IDENTITY_SHEET]["A2"].value)
    data["subject"]["id"] = 2
    book[IDENTITY_SHEET]["A2"] = json.dumps(data, ensure_ascii=False)
    book.save(sent)
    with pytest.raises(RoundTripError, match="identity was changed"):
        read_return(sent)


def test_diff_against_last_time_and_decisions(workspace, tmp_path) -> None:
    previous = {
        "q1": Answer(2, "公表済み"),
        "q2": Answer(1),
        "q3": Answer(2),
        "q4": Answer(0),
    }
    path = export_checklist(workspace.conn, form(previous=previous), tmp_path / "p.xlsx")
    book = openpyxl.load_workbook(path)
    assert book[ANSWER_SHEET][answer_cell(2)].value == "1 一部できている"  # pre-filled
    fill(path, {2: "○", 3: None, 4: "×", 5: "△"})
    diffs = diff_answers(ITEMS, previous, read_return(path))
    changes = {d.item.code: d.change for d in diffs}
    assert changes == {"q1": "same", "q2": "changed", "q3": "cleared", "q4": "same", "q5": "new"}
    decide(diffs, "q2", False)  # the officer keeps last year's 1
    kept = accepted_answers(diffs)
    assert {code: a.value for code, a in kept.items()} == {"q1": 2, "q2": 1, "q4": 0, "q5": 1}
    assert kept["q1"].note == "公表済み"


def test_through_the_import_flow(workspace, sent) -> None:
    fill(sent, {1: "○", 2: "×", 3: "△"})
    committed: dict[str, object] = {}

    def commit(conn, returned, answers):
        committed.update(subject=returned.subject, answers=answers)
        return frozenset({"departments"})

    spec = ChecklistImportSpec(
        "test_return",
        "Test checklist",
        "test_checklist",
        items=lambda conn, subject: ITEMS,
        previous=lambda conn, subject: {"q1": Answer(2), "q2": Answer(2)},
        commit=commit,
    )
    flow = ImportFlow([spec])
    workbook, table = flow.reader(sent)(lambda *_: None, lambda: False)
    flow.take_file(workbook, table, workspace.conn)
    plan = flow.check(workspace.conn)
    assert not plan.errors
    assert plan.counts == {"answers_new": 1, "answers_changed": 1, "answers_same": 1}
    decide(plan.actions, "q2", False)
    summary = flow.run_import(workspace.conn)
    assert summary.counts["answers_kept"] == 3
    assert {c: a.value for c, a in committed["answers"].items()} == {"q1": 2, "q2": 2, "q3": 1}
    flow.close()


def test_a_file_of_another_workspace_is_refused_by_the_flow(workspace, tmp_path) -> None:
    from app.storage.workspace import Workspace

    other = Workspace.create(tmp_path / "other.mamori", "another-workspace-passphrase-1")
    path = export_checklist(other.conn, form(), tmp_path / "other.xlsx")
    other.close()
    spec = ChecklistImportSpec(
        "test_return", "Test", "test_checklist", lambda c, s: ITEMS, lambda c, s: {}, None
    )
    plan = spec.plan(workspace.conn, [], file=path, sheet=None)
    assert "another Mamori workspace" in plan.errors[0].message
