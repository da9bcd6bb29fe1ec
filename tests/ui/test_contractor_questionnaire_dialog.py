"""The questionnaire dialog of a contractor: export, read a return, decide, record."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from app.areas.contractors.registers import CONTRACTORS, EVALUATIONS
from app.importing.round_trip import ANSWER_SHEET, FIRST_ITEM_ROW
from app.registers.children import save_with_children
from app.registers.records import create_record, load_record
from ui.contractors.questionnaire_dialog import Column, QuestionnaireDialog


def _contractor(conn, code="K001") -> int:
    record = create_record(conn, CONTRACTORS, {"code": code, "name": f"{code} 配送株式会社",
                                               "service_category": "delivery"})  # fmt: skip
    return record.record_id


def _evaluated(conn) -> int:
    contractor = _contractor(conn)
    rows = [(None, {"item": f"c{n:02d}", "score": 2}) for n in range(1, 24)]
    save_with_children(conn, EVALUATIONS, None, {"contractor": contractor,
                       "evaluated_on": "2025-10-01"}, {"evaluation_answers": rows})  # fmt: skip
    return contractor


def _answer(path, answers) -> None:
    book = openpyxl.load_workbook(path)
    for number, value in answers.items():
        book[ANSWER_SHEET][f"D{FIRST_ITEM_ROW + number - 1}"] = value
    book[ANSWER_SHEET]["C5"] = "令和8年11月30日"
    book.save(path)


def test_export_read_decide_and_record(session, qtbot, tmp_path) -> None:
    conn = session.conn
    contractor = _evaluated(conn)
    dialog = QuestionnaireDialog(session, contractor)
    qtbot.addWidget(dialog)
    assert "2025/10/01" in dialog.last_label.text() or "2025-10-01" in dialog.last_label.text()
    path = dialog.export(tmp_path / "q.xlsx")
    assert path is not None and str(path) in dialog.status.text()
    _answer(path, {3: "×", 7: "△", 9: "はい", 11: "たぶん"})
    assert dialog.load_return(path)
    assert f"item 11 (cell D{FIRST_ITEM_ROW + 10})" in dialog.status.text()
    assert dialog.create_button.isEnabled()
    changed = [r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, Column.CHANGE).text() == "Changed"]  # fmt: skip
    assert len(changed) == 2
    dialog.only_changes.setChecked(True)
    hidden = [r for r in range(dialog.table.rowCount()) if dialog.table.isRowHidden(r)]
    assert len(hidden) == 20  # two changed and one unreadable answer stay in view
    assert "43 of 46" in dialog.prediction.text()  # item 3 now 0, item 7 now 1
    dialog.set_taken("c07", False)
    assert dialog.table.item(6, Column.TAKE).checkState() == Qt.CheckState.Unchecked
    assert "44 of 46 (95.7%)" in dialog.prediction.text()
    with qtbot.waitSignal(dialog.evaluation_created) as created:
        dialog.create()
    evaluation = load_record(conn, EVALUATIONS, created.args[0])
    assert str(evaluation["evaluated_on"]) == "2026-11-30"
    assert evaluation["score"] == 44  # item 3 now 0, item 7 kept at 2
    requests = conn.execute("SELECT item, request FROM contractor_improvement").fetchall()
    assert [row[0] for row in requests] == ["c03"]


def test_another_contractors_file_is_refused_in_place(session, qtbot, tmp_path) -> None:
    conn = session.conn
    first, second = _contractor(conn, "K001"), _contractor(conn, "K002")
    other = QuestionnaireDialog(session, second)
    qtbot.addWidget(other)
    path = other.export(tmp_path / "k002.xlsx")
    dialog = QuestionnaireDialog(session, first)
    qtbot.addWidget(dialog)
    assert not dialog.load_return(path)
    assert "k002.xlsx" in dialog.status.text() and "K002" in dialog.status.text()
    assert not dialog.create_button.isEnabled() and dialog.table.rowCount() == 0


def test_the_contractor_page_offers_both_questionnaire_actions(session, qtbot) -> None:
    from app.settings import Settings
    from ui.main_window import MainWindow
    from ui.register_page import RegisterPage

    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    page = window.show_page("contractors")
    assert isinstance(page, RegisterPage)
    assert [button.text() for button in page.page_buttons] == ["Questionnaires due…"]
    contractor = _contractor(session.conn)
    opened = window.findChildren(QuestionnaireDialog)
    from ui.contractors.actions import questionnaire_handler

    first = questionnaire_handler(window)(contractor)
    again = questionnaire_handler(window)(contractor)
    assert first is again and len(window.findChildren(QuestionnaireDialog)) == len(opened) + 1
    first.close()


def test_a_blank_return_records_nothing(session, qtbot, tmp_path) -> None:
    dialog = QuestionnaireDialog(session, _contractor(session.conn, "K003"))
    qtbot.addWidget(dialog)
    path = dialog.export(tmp_path / "blank.xlsx")
    assert dialog.load_return(path)
    assert dialog.create() is None
    assert "no answer" in dialog.status.text()
    assert session.conn.execute("SELECT count(*) FROM contractor_evaluation").fetchone()[0] == 0
