"""A register page and its record form, driven through the widgets as the officer would."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.registers.records import create_record, load_record
from ui.register_page import RegisterPage, SingletonPage


def _page(session, qtbot, defn=PEOPLE) -> RegisterPage:
    page = RegisterPage(session, defn)
    qtbot.addWidget(page)
    return page


def test_search_field_filters_after_typing(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot)
    name = page.model.index(5, 1).data()
    with qtbot.waitSignal(page.model.query_changed, timeout=5000):
        page.search.setText(name)  # QTest types ASCII only; the debounce timer applies it
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    assert page.model.query.search == name
    assert 1 <= page.model.rowCount() < 300
    assert "match" in page.count_label.text()


def test_filter_combo_narrows_the_table(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot)
    page.set_filter("active", False)
    rows = page.model.rowCount()
    assert 0 < rows < 300
    column = [item.key for item in page.model.columns].index("active")
    assert all(page.model.index(r, column).data() == "" for r in range(rows))


def test_no_match_shows_an_explanation(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot)
    page.search.setText("存在しない名前ですよ")
    page.apply_filters()
    assert page.model.rowCount() == 0
    assert not page.empty_label.isHidden()
    assert "No records match" in page.empty_label.text()


def test_new_record_form_refuses_bad_input_and_changes_nothing(session, qtbot) -> None:
    page = _page(session, qtbot, DEPARTMENTS)
    dialog = page.new_record()
    assert dialog is not None
    qtbot.addWidget(dialog)
    form = dialog.form
    form.editors["code"].line.setText("bad code!")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    errors = form.errors_shown()
    assert set(errors) == {"code", "name"}
    assert "letters, digits" in errors["code"]
    assert errors["name"] == "Department name is required"
    assert dialog.isVisible()
    assert session.conn.execute("SELECT count(*) FROM department").fetchone()[0] == 0


def test_new_record_is_saved_audited_and_shown(session, qtbot) -> None:
    page = _page(session, qtbot, DEPARTMENTS)
    dialog = page.new_record()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.form.editors["code"].line, "HQ")
    dialog.form.editors["name"].line.insert("本部")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert page.model.rowCount() == 1
    assert page.selected_ids() == [dialog.form.record_id]
    actions = [row[0] for row in session.conn.execute("SELECT action FROM audit_log")]
    assert actions[-1] == "insert"


def test_dates_in_japanese_era_are_accepted(session, qtbot) -> None:
    page = _page(session, qtbot)
    dialog = page.new_record()
    qtbot.addWidget(dialog)
    editors = dialog.form.editors
    qtbot.keyClicks(editors["staff_no"].line, "000123")
    editors["name"].line.insert("山田 花子")
    editors["employment_type"].combo.setCurrentIndex(
        editors["employment_type"].combo.findData("parttime")
    )
    editors["hire_date"].line.insert("令和6年4月1日")
    assert "令和6年4月1日" in editors["hire_date"].reading.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.form.errors_shown() == {}
    record = load_record(session.conn, PEOPLE, dialog.form.record_id)
    assert record["hire_date"] == date(2024, 4, 1)
    assert record["staff_no"] == "000123"  # leading zeros kept


def test_leave_before_hire_is_refused_beside_the_field(session, qtbot) -> None:
    page = _page(session, qtbot)
    dialog = page.new_record()
    qtbot.addWidget(dialog)
    editors = dialog.form.editors
    editors["staff_no"].line.setText("1")
    editors["name"].line.setText("佐藤")
    editors["employment_type"].combo.setCurrentIndex(1)
    editors["hire_date"].line.setText("2024/4/1")
    editors["leave_date"].line.setText("2023/4/1")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.form.errors_shown() == {
        "leave_date": "The leave date must not be before the hire date"
    }


def test_link_editor_resolves_a_typed_code(session, qtbot) -> None:
    create_record(session.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"})
    page = _page(session, qtbot, DEPARTMENTS)
    dialog = page.new_record()
    qtbot.addWidget(dialog)
    editors = dialog.form.editors
    editors["code"].line.setText("HQ-ADM")
    editors["name"].line.setText("総務部")
    qtbot.keyClicks(editors["parent"].line, "HQ")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.form.errors_shown() == {}
    saved = load_record(session.conn, DEPARTMENTS, dialog.form.record_id)
    parent = load_record(session.conn, DEPARTMENTS, saved["parent"])
    assert parent["code"] == "HQ"


def test_editing_shows_the_stored_values_and_updates(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot, DEPARTMENTS)
    record_id = page.model.record_id(0)
    dialog = page.open_record(record_id)
    qtbot.addWidget(dialog)
    before = load_record(demo_session.conn, DEPARTMENTS, record_id)
    assert dialog.form.editors["name"].line.text() == before["name"]
    assert not dialog.form.dirty
    dialog.form.editors["location"].line.setText("別館")
    dialog.form.editors["location"].edited.emit()
    assert dialog.form.dirty
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert load_record(demo_session.conn, DEPARTMENTS, record_id)["location"] == "別館"


def test_delete_refused_while_referenced_and_allowed_otherwise(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot, DEPARTMENTS)
    page.table.selectRow(0)  # HQ: parent of other departments
    assert page.delete_selected(ask=False) == 0
    assert page.model.total == 20
    unused = create_record(demo_session.conn, DEPARTMENTS, {"code": "ZZ", "name": "空き部署"})
    page.refresh()
    page.select_record(unused.record_id)
    assert page.delete_selected(ask=False) == 1
    assert page.model.total == 20


def test_export_writes_what_the_page_shows(demo_session, qtbot, tmp_path) -> None:
    page = _page(demo_session, qtbot, PEOPLE)
    page.set_filter("active", False)
    shown = page.model.total
    target = tmp_path / "people.xlsx"
    with qtbot.waitSignal(page.status_message, timeout=10000) as blocker:
        page.export_to(target, "xlsx")
    assert str(target) in blocker.args[0]
    sheet = load_workbook(target, read_only=True).active
    assert sheet.max_row == shown + 1  # header + matching rows


def test_singleton_page_edits_organisation_in_place(session, qtbot) -> None:
    page = SingletonPage(session, ORGANISATION)
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled()
    editor = page.form.editors["name"]
    editor.line.clear()
    editor.line.insert("生活協同組合テスト")
    assert page.save_button.isEnabled()
    page.save_button.click()
    assert load_record(session.conn, ORGANISATION, 1)["name"] == "生活協同組合テスト"
    assert not page.save_button.isEnabled()


def test_table_opens_record_on_enter(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot, DEPARTMENTS)
    page.show()
    page.table.setFocus()
    page.table.selectRow(2)
    page.table.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialogs = [w for w in page.findChildren(QDialog) if w.isVisible()]
    assert len(dialogs) == 1
    assert page.model.index(2, 1).data() in dialogs[0].windowTitle()


def test_export_warns_that_the_file_is_not_encrypted(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot, PEOPLE)
    box = page.confirm_plaintext_export()
    qtbot.addWidget(box)
    assert "not encrypted" in box.text()
    assert box.defaultButton().text() == "Export…"


def test_deleting_several_records_is_all_or_nothing(demo_session, qtbot) -> None:
    from app.audit_view import AuditFilter, count_entries

    conn = demo_session.conn
    spare = [
        create_record(conn, DEPARTMENTS, {"code": f"Z{n}", "name": f"空き部署{n}"}).record_id
        for n in range(3)
    ]
    page = _page(demo_session, qtbot, DEPARTMENTS)
    total, entries = page.model.total, count_entries(conn, AuditFilter())
    hq = page.model.record_id(0)  # parent of other departments: cannot go
    _select(page, [hq, *spare])
    with qtbot.waitSignal(page.status_message) as blocker:
        assert page.delete_selected(ask=False) == 0
    assert blocker.args[0].startswith("Nothing was deleted:")
    assert page.model.total == total
    assert count_entries(conn, AuditFilter()) == entries

    _select(page, spare)
    assert page.delete_selected(ask=False) == 3
    assert page.model.total == total - 3
    assert count_entries(conn, AuditFilter(action="delete")) == 3


def _select(page, record_ids) -> None:
    from PySide6.QtCore import QItemSelectionModel

    page.table.clearSelection()
    for record_id in record_ids:
        row = page.model.row_of(record_id)
        assert row is not None
        page.table.selectionModel().select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert sorted(page.selected_ids()) == sorted(record_ids)
