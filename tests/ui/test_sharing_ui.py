"""The sharing area's windows: the decision helper, a joint use's notice text, and the disposal
due list that opens a disposal form for the item chosen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QGuiApplication

from app.areas.sharing.registers_joint import JOINT_USES
from app.areas.sharing.registers_provision import FLOW_DECISIONS
from app.registers.records import create_record, load_record
from app.settings import Settings
from ui.main_window import MainWindow
from ui.record_form import RecordDialog
from ui.register_page import RegisterPage
from ui.sharing_decision import DecisionDialog
from ui.sharing_dialogs import DisposalDueDialog, NoticeTextDialog

pytestmark = pytest.mark.gui


def _window(session, qtbot) -> MainWindow:
    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_decision_helper_asks_concludes_and_records(session, qtbot) -> None:
    dialog = DecisionDialog(session, date(2026, 12, 4))
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    # leaves the org; not related info, no succession, no joint use; entrusted
    for answer in (True, False, False, False, True):
        (dialog.yes if answer else dialog.no).click()
    assert dialog.pages.currentIndex() == 1 and dialog.save_button.isEnabled()
    assert "No provision record is needed." in dialog.conclusion.text()
    dialog.back.click()
    assert dialog.pages.currentIndex() == 0 and "only on our behalf" in dialog.question.text()
    dialog.yes.click()
    dialog.save()
    assert "Data flow" in dialog.errors.text()  # the title is required
    dialog.title_edit.setText("配送業務委託先への配送リストの預託")
    with qtbot.waitSignal(session.changed):
        dialog.save()
    (record_id,) = [row[0] for row in session.conn.execute("SELECT id FROM flow_decision")]
    record = load_record(session.conn, FLOW_DECISIONS, record_id)
    assert (record["ref"], record["conclusion"], record["q_entrusted"]) == (
        "DC-2026-001", "entrustment", True)  # fmt: skip
    assert record["q_foreign"] is None  # questions after the conclusion are not recorded


def test_the_decision_page_offers_the_helper(session, qtbot) -> None:
    window = _window(session, qtbot)
    page = window.show_page("flow_decisions")
    assert isinstance(page, RegisterPage)
    assert [button.text() for button in page.page_buttons] == ["Decision helper…"]
    page.page_buttons[0].click()
    assert [d for d in window.findChildren(DecisionDialog) if d.isVisible()]


def test_a_decision_starts_its_provision_record(session, qtbot) -> None:
    answers = {"q_leaves_org": True, "q_related_info": False, "q_succession": False,
               "q_joint_use": False, "q_entrusted": False, "q_foreign": False,
               "q_law_exception": False, "q_public_body": False, "q_on_behalf": False,
               "q_consent": True}  # fmt: skip
    decision = create_record(session.conn, FLOW_DECISIONS, {
        "ref": "DC-1", "title": "保険会社への紹介", "decided_on": "2026-11-01", **answers}).record_id  # fmt: skip
    window = _window(session, qtbot)
    page = window.show_page("flow_decisions")
    assert isinstance(page, RegisterPage)
    page.select_record(decision)
    page.action_buttons[0].click()
    (dialog,) = [d for d in window.findChildren(RecordDialog) if d.isVisible()]
    assert dialog.form.preset["decision"] == decision
    assert dialog.form.preset["basis"] == "consent" and dialog.form.preset["ref"].startswith("PR-")


def test_the_notice_text_is_copied(session, qtbot) -> None:
    record_id = create_record(session.conn, JOINT_USES, {
        "code": "JU-01", "name": "会員生協との共同利用", "purposes": "配達\n連絡",
        "items": "氏名、住所", "users_scope": "会員生協", "responsible_name": "事業連合"}).record_id  # fmt: skip
    window = _window(session, qtbot)
    page = window.show_page("joint_uses")
    assert isinstance(page, RegisterPage)
    page.select_record(record_id)
    page.action_buttons[0].click()
    (dialog,) = [d for d in window.findChildren(NoticeTextDialog) if d.isVisible()]
    text = dialog.text.toPlainText()
    assert "(1) 共同利用の目的\n・配達\n・連絡\n" in text
    dialog.copy()
    assert QGuiApplication.clipboard().text() == text


def test_the_due_list_opens_a_disposal_for_the_item(demo_session, qtbot) -> None:
    dialog = DisposalDueDialog(demo_session, date.today())
    qtbot.addWidget(dialog)
    labels = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert any(label.startswith("A039") for label in labels)
    assert not dialog.record_button.isEnabled()
    row = next(i for i, label in enumerate(labels) if label.startswith("A039"))
    dialog.table.selectRow(row)
    dialog.record_disposal()
    form = dialog.form_dialog
    assert isinstance(form, RecordDialog)
    asset = demo_session.conn.execute("SELECT id FROM asset WHERE asset_no = 'A039'").fetchone()[0]
    assert form.form.preset["asset"] == asset
    form.form.editors["description"].set_value("旧基幹システム移行前データのバックアップ媒体")
    form.form.editors["method"].set_value("physical_destroy")
    form.form.editors["executed_on"].set_value(date.today())
    form.form.editors["closes"].set_value("retired")
    with qtbot.waitSignal(demo_session.changed):
        form._save()
    labels = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert not any(label.startswith("A039") for label in labels)


def test_the_anonymised_data_text_lists_items_and_methods(demo_session, qtbot) -> None:
    window = _window(demo_session, qtbot)
    page = window.show_page("anonymised_datasets")
    assert isinstance(page, RegisterPage)
    page.select_record(1)
    page.action_buttons[0].click()
    (dialog,) = [d for d in window.findChildren(NoticeTextDialog) if d.isVisible()]
    lines = dialog.text.toPlainText().splitlines()
    assert lines[2:] == [
        "(1) 加工情報の項目",
        "・生年、性別、居住エリア、生協加入年、購買履歴(時期、商品名、点数、価格)",
        "(2) 情報の提供方法",
        "・ハードコピーを郵送、保護された形での伝送",
    ]
