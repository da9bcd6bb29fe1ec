"""Editing is safe: one editor per record, a stale form never overwrites a newer save, locking
closes every window but keeps what was typed (in memory) for after the unlock, and quitting asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION
from app.demo import DEMO_PASSPHRASE
from app.registers.records import load_record, update_record
from app.settings import Settings
from app.storage.database import scalar
from app.storage.workspace import Workspace
from tests.ui.helpers import double_click
from ui.main_window import MainWindow
from ui.record_form import RecordDialog
from ui.register_page import RegisterPage, SingletonPage

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(demo_session, qtbot) -> MainWindow:
    main = MainWindow(demo_session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def open_dialogs(window: MainWindow) -> list[RecordDialog]:
    return [d for d in window.findChildren(RecordDialog) if d.isVisible()]


def departments_page(window: MainWindow) -> RegisterPage:
    page = window.show_page(DEPARTMENTS.key)
    assert isinstance(page, RegisterPage)
    return page


def type_into(qtbot, dialog: RecordDialog, key: str, text: str) -> None:
    line = dialog.form.editors[key].line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


# ----- one editor per record -------------------------------------------------------------------


def test_double_click_then_enter_opens_one_editor(window, qtbot) -> None:
    page = departments_page(window)
    index = page.model.index(3, 1)
    double_click(qtbot, page.table, index)
    (first,) = open_dialogs(window)
    qtbot.waitExposed(first)
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    page.edit_current()
    assert open_dialogs(window) == [first]


def test_dashboard_and_page_share_the_one_editor(window) -> None:
    page = departments_page(window)
    record_id = page.model.record_id(0)
    first = page.open_record(record_id)
    window.open_record(DEPARTMENTS.key, record_id)  # as a dashboard item would
    assert open_dialogs(window) == [first]
    first.discard()
    second = page.open_record(record_id)
    assert second is not first  # closed editors do not count
    assert open_dialogs(window) == [second]


# ----- optimistic concurrency ------------------------------------------------------------------


def test_a_stale_form_is_refused_and_offers_to_reload(window, demo_session, qtbot) -> None:
    page = departments_page(window)
    record_id = page.model.record_id(0)
    dialog = page.open_record(record_id)
    other = demo_session.workspace.connect()  # another window or the CLI, saving first
    try:
        update_record(other, DEPARTMENTS, record_id, {"location": "別館 先に保存"})
    finally:
        other.close()
    entries = scalar(demo_session.conn, "SELECT count(*) FROM audit_log")
    type_into(qtbot, dialog, "location", "stale edit")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    box = dialog.form.stale_box
    assert box is not None and box.isVisible()
    assert "changed since you opened it" in box.text()
    stored = load_record(demo_session.conn, DEPARTMENTS, record_id)
    assert stored["location"] == "別館 先に保存"
    assert scalar(demo_session.conn, "SELECT count(*) FROM audit_log") == entries
    with qtbot.waitSignal(box.finished):
        box.defaultButton().click()  # Reload
    assert dialog.form.editors["location"].value() == "別館 先に保存"
    assert not dialog.form.dirty
    type_into(qtbot, dialog, "location", "after reload")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert load_record(demo_session.conn, DEPARTMENTS, record_id)["location"] == "after reload"


# ----- locking ---------------------------------------------------------------------------------


def test_ctrl_l_in_an_open_form_locks_and_the_passphrase_never_reaches_it(
    window, demo_session, qtbot
) -> None:
    page = departments_page(window)
    record_id = page.model.record_id(0)
    stored = load_record(demo_session.conn, DEPARTMENTS, record_id)
    dialog = page.open_record(record_id)
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog, "location", "typed before the lock")
    line = dialog.form.editors["location"].line
    qtbot.keyClick(line, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert demo_session.locked
    assert open_dialogs(window) == []
    assert [w for w in window.findChildren(QWidget) if w.isWindow() and w.isVisible()] == []
    assert window.outer.currentWidget() is window.lock_screen

    edit = window.lock_screen.passphrase_edit
    assert edit.hasFocus() or QApplication.focusWidget() in (edit, None)
    qtbot.keyClicks(edit, DEMO_PASSPHRASE)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not demo_session.locked

    (reopened,) = open_dialogs(window)
    assert reopened.form.record_id == record_id
    assert reopened.form.dirty
    assert reopened.form.editors["location"].value() == "typed before the lock"
    for editor in reopened.form.editors.values():
        assert DEMO_PASSPHRASE not in str(editor.value())
    # nothing was written while locked or on unlock
    assert load_record(demo_session.conn, DEPARTMENTS, record_id) == stored
    reopened.buttons.button(reopened.buttons.StandardButton.Save).click()
    assert load_record(demo_session.conn, DEPARTMENTS, record_id)["location"] == (
        "typed before the lock"
    )


def test_auto_lock_keeps_a_new_record_and_the_organisation_edits(
    window, demo_session, qtbot
) -> None:
    page = departments_page(window)
    new = page.new_record()
    assert new is not None
    type_into(qtbot, new, "code", "NEW-1")
    organisation = window.show_page(ORGANISATION.key)
    assert isinstance(organisation, SingletonPage)
    name = organisation.form.editors["name"].line
    name.setText("改名途中の生協")
    organisation.form.editors["name"].edited.emit()
    window.idle.set_interval_ms(30)
    with qtbot.waitSignal(demo_session.lock_state_changed, timeout=3000):
        pass
    assert demo_session.locked and window.pages == {} and open_dialogs(window) == []
    window.lock_screen.passphrase_edit.setText(DEMO_PASSPHRASE)
    window.idle.set_minutes(0)
    assert window.lock_screen.unlock()
    restored = window.pages[ORGANISATION.key]
    assert isinstance(restored, SingletonPage)
    assert restored.form.editors["name"].value() == "改名途中の生協"
    assert restored.save_button.isEnabled()
    (reopened,) = open_dialogs(window)
    assert reopened.form.record_id is None
    assert reopened.form.editors["code"].value() == "NEW-1"


def test_a_record_changed_while_locked_is_not_overwritten(window, demo_session, qtbot) -> None:
    page = departments_page(window)
    record_id = page.model.record_id(1)
    dialog = page.open_record(record_id)
    type_into(qtbot, dialog, "location", "mine")
    window.lock()
    assert demo_session.locked
    with Workspace.open(demo_session.workspace.path, DEMO_PASSPHRASE) as other:  # the CLI
        update_record(other.conn, DEPARTMENTS, record_id, {"location": "theirs"})
    window.lock_screen.passphrase_edit.setText(DEMO_PASSPHRASE)
    assert window.lock_screen.unlock()
    (reopened,) = open_dialogs(window)
    reopened.buttons.button(reopened.buttons.StandardButton.Save).click()
    assert reopened.form.stale_box is not None
    assert load_record(demo_session.conn, DEPARTMENTS, record_id)["location"] == "theirs"


# ----- quitting --------------------------------------------------------------------------------


def test_quit_asks_about_an_unsaved_form_and_cancel_keeps_it(window, qtbot) -> None:
    page = departments_page(window)
    dialog = page.open_record(page.model.record_id(0))
    type_into(qtbot, dialog, "location", "not saved yet")
    window.actions["quit"].trigger()
    assert window.isVisible()
    box = window.quit_box
    assert box is not None and box.isVisible()
    assert dialog.windowTitle() in box.informativeText()
    with qtbot.waitSignal(box.finished):
        box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and dialog.isVisible()
    assert dialog.form.editors["location"].value() == "not saved yet"


def test_quit_asks_about_unsaved_organisation_settings_and_can_discard(window, qtbot) -> None:
    organisation = window.show_page(ORGANISATION.key)
    assert isinstance(organisation, SingletonPage)
    organisation.form.editors["name"].line.setText("未保存の名前")
    organisation.form.editors["name"].edited.emit()
    window.close()
    box = window.quit_box
    assert box is not None
    assert "Organisation" in box.informativeText()
    quit_button = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(box.finished):
        quit_button.click()
    assert not window.isVisible()


def test_quit_without_unsaved_changes_does_not_ask(window) -> None:
    departments_page(window)
    window.close()
    assert window.quit_box is None
    assert not window.isVisible()


def test_a_second_risk_editor_for_the_asset_is_the_first(window, demo_session) -> None:
    asset_id = int(scalar(demo_session.conn, "SELECT min(id) FROM asset"))
    first = window.open_risk_editor(asset_id)
    assert window.open_risk_editor(asset_id) is first


def test_ctrl_q_inside_a_modal_form_asks_before_quitting(window, qtbot) -> None:
    page = departments_page(window)
    dialog = page.open_record(page.model.record_id(0))
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog, "location", "half done")
    qtbot.keyClick(dialog.form.editors["location"].line, Qt.Key.Key_Q, CTRL)
    box = window.quit_box
    assert box is not None and box.isVisible()
    assert window.isVisible()


def test_report_comments_survive_a_lock_and_quitting_asks_about_them(
    window, demo_session, qtbot
) -> None:
    from ui.reports_page import ReportsPage

    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.set_sections(["training"])
    with qtbot.waitSignal(page.preview_ready, timeout=60_000):
        assert page.preview() is not None
    editor = page.section_cards["training"].editor
    qtbot.keyClicks(editor, "Fund e-learning")
    assert window.unsaved_changes() == ["Board report comments"]
    window.lock()
    assert window.pages == {}
    window.lock_screen.passphrase_edit.setText(DEMO_PASSPHRASE)
    assert window.lock_screen.unlock()
    restored = window.pages["reports"]
    assert isinstance(restored, ReportsPage) and restored is not page
    qtbot.waitUntil(lambda: "training" in restored.section_cards, timeout=60_000)
    assert restored.section_cards["training"].editor.toPlainText() == "Fund e-learning"
    window.close()
    assert window.quit_box is not None and window.isVisible()
    assert "Board report comments" in window.quit_box.informativeText()


def test_the_risk_editor_and_its_open_item_come_back_after_the_unlock(
    window, demo_session, qtbot
) -> None:
    from ui.import_wizard.wizard import ImportWizard
    from ui.risk_editor import RiskEditorDialog

    asset_id, item_id = demo_session.conn.execute(
        "SELECT ra.asset_id, min(ri.id) FROM risk_item ri "
        "JOIN risk_assessment ra ON ra.id = ri.assessment_id GROUP BY ra.asset_id LIMIT 1"
    ).fetchone()
    editor = window.open_risk_editor(asset_id)
    item = editor.open_item(item_id)
    type_into(qtbot, item, "planned_controls", "half-done note")
    wizard = window.open_import_wizard()
    assert wizard.isVisible()
    window.lock()
    assert not wizard.isVisible()
    assert [w for w in window.findChildren(QWidget) if w.isWindow() and w.isVisible()] == []
    window.lock_screen.passphrase_edit.setText(DEMO_PASSPHRASE)
    assert window.lock_screen.unlock()
    (again,) = [e for e in window.findChildren(RiskEditorDialog) if e.isVisible()]
    assert again.asset_id == asset_id
    (reopened,) = open_dialogs(window)
    assert reopened.parentWidget() is again
    assert reopened.form.record_id == item_id
    assert reopened.form.editors["planned_controls"].value() == "half-done note"
    assert wizard.isVisible() and isinstance(wizard, ImportWizard)


def test_opening_another_workspace_asks_about_unsaved_changes_first(window, qtbot) -> None:
    page = departments_page(window)
    dialog = page.open_record(page.model.record_id(0))
    type_into(qtbot, dialog, "location", "unsaved")
    with qtbot.assertNotEmitted(window.workspace_requested):
        window.actions["open"].trigger()
    box = window.quit_box
    assert box is not None and box.isVisible()
    discard = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(window.workspace_requested) as blocker:
        discard.click()
    assert blocker.args == ["open"]
    assert window.close()  # confirmed once: the launcher's close goes through


def test_a_wizard_checked_before_the_lock_checks_again_after_it(
    window, demo_session, qtbot, tmp_path
) -> None:
    import openpyxl

    from ui.import_wizard.wizard import CHECK

    book = openpyxl.Workbook()
    book.active.append(["職員番号", "氏名", "研修名", "受講日"])
    book.active.append(["00012", "x", "Annual", "2026/06/08"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    wizard = window.open_import_wizard()
    with qtbot.waitSignal(wizard.file_loaded, timeout=20_000):
        wizard.load_file(path)
    wizard.next()
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    first = wizard.plan
    window.lock()
    window.lock_screen.passphrase_edit.setText(DEMO_PASSPHRASE)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        assert window.lock_screen.unlock()
    assert wizard.currentId() == CHECK and wizard.isVisible()
    assert wizard.plan is not None and wizard.plan is not first
