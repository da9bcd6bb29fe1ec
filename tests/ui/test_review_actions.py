"""The review area's page commands in the real window: new checks for a period, a "no" answer to
a corrective action, a management review's figures gathered off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from app.areas.organisation.registers import DEPARTMENTS
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS
from app.registers.records import create_record, update_record
from app.settings import Settings
from ui.main_window import MainWindow
from ui.register_page import RegisterPage
from ui.review_actions import NewChecksDialog

TODAY = date(2026, 5, 10)  # fiscal year from 04-01: the first quarter


def _window(session, qtbot) -> MainWindow:
    window = MainWindow(session, Settings(language="en"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_new_checks_then_a_no_answer_becomes_a_corrective_action(session, qtbot) -> None:
    conn = session.conn
    for code, name in (("ST", "日吉店"), ("DC", "港北配送センター")):
        create_record(conn, DEPARTMENTS, {"code": code, "name": name})
    window = _window(session, qtbot)
    page = window.show_page("operation_checks")
    assert isinstance(page, RegisterPage)
    assert [b.text() for b in page.page_buttons] == ["Create for every department…"]
    dialog = NewChecksDialog(session, TODAY, window)
    qtbot.addWidget(dialog)
    assert dialog.start.date().toString("yyyy-MM-dd") == "2026-04-01"
    assert dialog.count.text() == "2 departments will get a checklist."
    dialog.create()
    assert dialog.changes is not None and dialog.changes.count == 2
    assert conn.execute("SELECT count(*) FROM operation_check_item").fetchone()[0] == 28
    again = NewChecksDialog(session, TODAY, window)  # this quarter is done: the next is offered
    qtbot.addWidget(again)
    assert again.start.date().toString("yyyy-MM-dd") == "2026-07-01"

    check, row = conn.execute(
        "SELECT check_id, id FROM operation_check_item WHERE item = 'screen_lock' LIMIT 1"
    ).fetchone()
    update_record(conn, OPERATION_CHECK_ITEMS, row, {"answer": "no"})
    page.refresh()  # the checks were created after the page opened
    qtbot.waitUntil(lambda: page.select_record(check) or check in page.selected_ids())
    assert [b.text() for b in page.action_buttons] == [
        "Raise corrective actions",
        "Send in Excel…",
        "Read the return…",
    ]
    button = page.action_buttons[0]
    button.click()
    assert window.statusBar().currentMessage() == "Corrective actions raised: 1."
    assert conn.execute("SELECT source FROM corrective_action").fetchall() == [("operation_check",)]
    button.click()  # nothing left to raise: said, not raised
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert boxes and "no" in boxes[-1].text()
    assert conn.execute("SELECT count(*) FROM corrective_action").fetchone()[0] == 1


def test_a_reviews_figures_are_gathered_in_the_background(session, qtbot) -> None:
    from ui.review_actions import gather_review_figures

    review = create_record(
        session.conn, MANAGEMENT_REVIEWS, {"title": "2025年度", "held_on": "2026-05-15"}
    ).record_id
    window = _window(session, qtbot)
    gather_review_figures(window)(review)
    qtbot.waitUntil(lambda: "seven inputs" in window.statusBar().currentMessage(), timeout=20_000)
    assert (
        session.conn.execute(
            "SELECT count(*) FROM management_review_input WHERE review_id = ?", (review,)
        ).fetchone()[0]
        == 7
    )


def test_a_checklist_is_sent_and_its_return_read_with_a_choice_per_change(
    session, qtbot, tmp_path
) -> None:
    import openpyxl
    from PySide6.QtCore import Qt

    from app.areas.review.opchecks import new_operation_check
    from app.importing.round_trip import ANSWER_SHEET, FIRST_ITEM_ROW
    from ui import review_checklist

    conn = session.conn
    store = create_record(conn, DEPARTMENTS, {"code": "ST", "name": "日吉店"}).record_id
    check = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    window = _window(session, qtbot)
    target = tmp_path / "checklist.xlsx"
    review_checklist.send(window)(check, target)
    assert "checklist.xlsx" in window.statusBar().currentMessage()
    book = openpyxl.load_workbook(target)
    sheet = book[ANSWER_SHEET]
    sheet[f"D{FIRST_ITEM_ROW}"] = "いいえ"
    sheet[f"D{FIRST_ITEM_ROW + 1}"] = "はい"
    book.save(target)
    dialog = review_checklist.read_back(window)(check, target)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 14
    assert dialog.table.item(0, 4).text() == "First answer"
    dialog.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # not taken
    dialog.take()
    answers = [row[0] for row in conn.execute(
        "SELECT answer FROM operation_check_item WHERE check_id = ? ORDER BY id LIMIT 2", (check,)
    )]  # fmt: skip
    assert answers == ["no", None]
    assert (
        conn.execute("SELECT status FROM operation_check WHERE id = ?", (check,)).fetchone()[0]
        == "returned"
    )
    other = tmp_path / "not-a-checklist.xlsx"
    openpyxl.Workbook().save(other)
    assert review_checklist.read_back(window)(check, other) is None  # refused with a message
    assert any(box.isVisible() for box in window.findChildren(QMessageBox))


def test_the_review_dialogs_fit_at_1366_by_768_in_japanese(session, qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.areas.review.opchecks import new_operation_check
    from app.i18n import set_language
    from tests.ui.layout_check import layout_problems
    from ui import review_checklist

    conn = session.conn
    store = create_record(
        conn, DEPARTMENTS, {"code": "ST", "name": "コープみなと溝の口店"}
    ).record_id
    check = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    set_language("ja")
    try:
        window = MainWindow(session, Settings(language="ja"), today=lambda: TODAY)
        qtbot.addWidget(window)
        window.resize(1350, 728)
        window.show()
        target = tmp_path / "c.xlsx"
        review_checklist.send(window)(check, target)
        problems = []
        for name, dialog in (
            ("new checks", NewChecksDialog(session, TODAY, window)),
            ("returned checklist", review_checklist.read_back(window)(check, target)),
        ):
            assert dialog is not None
            dialog.show()
            QApplication.processEvents()
            assert dialog.height() <= 728, name
            problems += [f"{name}: {problem}" for problem in layout_problems(dialog)]
            dialog.close()
        assert problems == []
    finally:
        set_language("en")


def test_reviewed_today_from_the_documents_page(session, qtbot) -> None:
    from app.areas.review.registers import DOCUMENTS

    document = create_record(
        session.conn, DOCUMENTS, {"code": "D1", "title": "個人情報保護方針", "category": "policy"}
    ).record_id
    window = _window(session, qtbot)
    page = window.show_page("documents")
    assert isinstance(page, RegisterPage)
    qtbot.waitUntil(lambda: page.select_record(document) or document in page.selected_ids())
    (button,) = page.action_buttons
    assert button.text() == "Reviewed today"
    button.click()
    assert (
        session.conn.execute(
            "SELECT last_reviewed FROM pms_document WHERE id = ?", (document,)
        ).fetchone()[0]
        == TODAY.isoformat()
    )
    assert "a year on" in window.statusBar().currentMessage()
