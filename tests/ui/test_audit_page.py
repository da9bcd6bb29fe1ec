"""The audit page: the paged model, its filters, the before/after pane and "Verify now"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.audit_view import AuditFilter, query_entries
from app.registers.records import create_record, delete_record, update_record
from ui.audit_model import ENTRY_ROLE, AuditTableModel, Column
from ui.audit_page import AuditPage

pytestmark = pytest.mark.gui


@pytest.fixture
def records(session):
    """Two departments and a person; the person is renamed, one department deleted."""
    conn = session.conn
    sales = create_record(conn, DEPARTMENTS, {"code": "SALES", "name": "営業部"}).record_id
    temp = create_record(conn, DEPARTMENTS, {"code": "TEMP", "name": "臨時部"}).record_id
    person = create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "00042",
            "name": "山田 花子",
            "employment_type": "regular",
            "department": sales,
        },
    ).record_id
    update_record(conn, PEOPLE, person, {"name": "山田 華子", "email": "hanako@example.jp"})
    delete_record(conn, DEPARTMENTS, temp)
    return {"sales": sales, "temp": temp, "person": person}


@pytest.fixture
def page(session, records, qtbot):
    widget = AuditPage(session)
    qtbot.addWidget(widget)
    return widget


def _actions(model: AuditTableModel) -> list[str]:
    return [model.entry(row).action for row in range(model.rowCount())]


def test_model_passes_the_model_tester(session, records, qtmodeltester):
    model = AuditTableModel(lambda: session.conn, page_size=2)
    qtmodeltester.check(model)
    model.set_filter(AuditFilter(register="people"))
    qtmodeltester.check(model)


def test_model_pages_lazily_newest_first(session, records):
    model = AuditTableModel(lambda: session.conn, page_size=2)
    total = model.count_matching()
    assert total > 4
    assert model.rowCount() == 2
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    ids = [model.entry(row).id for row in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)
    assert model.data(model.index(0, 0), ENTRY_ROLE).id == ids[0]


def test_model_shows_translated_action_and_register(session, records):
    model = AuditTableModel(lambda: session.conn)
    model.set_filter(AuditFilter(register="people", action="update"))
    assert model.rowCount() == 1
    assert model.index(0, Column.ACTION).data() == "Changed"
    assert model.index(0, Column.REGISTER).data() == "People"
    assert model.index(0, Column.RECORD).data() == "00042 山田 華子"
    assert model.headerData(Column.WHEN, Qt.Orientation.Horizontal) == "When"


def test_refresh_puts_new_entries_on_top(session, records):
    model = AuditTableModel(lambda: session.conn)
    before = model.rowCount()
    create_record(session.conn, DEPARTMENTS, {"code": "NEW", "name": "新設部"})
    model.refresh()
    assert model.rowCount() == before + 1
    assert model.entry(0).record_label == "NEW 新設部"


def test_filters_narrow_the_rows(page, records):
    everything = page.model.rowCount()

    page.register_combo.setCurrentIndex(page.register_combo.findData("departments"))
    departments = _actions(page.model)
    assert departments == ["delete", "insert", "insert"]
    assert page.model.rowCount() < everything

    page.action_combo.setCurrentIndex(page.action_combo.findData("delete"))
    assert page.model.rowCount() == 1
    assert page.model.entry(0).record_id == records["temp"]

    page.clear_filters()
    assert page.model.rowCount() == everything

    page.record_edit.setText("山田")
    page.apply_filters()
    assert _actions(page.model) == ["update", "insert"]
    assert "match the filters" in page.status.text()

    page.record_edit.setText("#999")
    page.apply_filters()
    assert page.model.rowCount() == 0


def test_record_text_filter_applies_after_typing(page, qtbot):
    page.record_edit.setText("SALES")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.entry(0).record_label == "SALES 営業部"


def test_date_filter(page, qtbot):
    everything = page.model.rowCount()
    tomorrow = date.today() + timedelta(days=1)
    page.date_from.set_value(tomorrow)
    assert page.model.rowCount() == 0
    page.date_from.set_value(None)
    page.date_to.set_value(date.today())
    assert page.model.rowCount() == everything


def test_show_record_limits_to_one_record(page, records):
    page.show_record("people", records["person"])
    assert page.register_combo.currentData() == "people"
    assert _actions(page.model) == ["update", "insert"]
    assert {page.model.entry(row).record_id for row in range(page.model.rowCount())} == {
        records["person"]
    }
    assert page.detail.entry is not None and page.detail.entry.action == "update"


def test_detail_pane_shows_before_and_after_of_an_update(page, records):
    page.show_record("people", records["person"])
    page.select_row(0)
    detail = page.detail
    assert detail.heading.text() == "Changed — People — 00042 山田 華子"
    assert detail.row_values("Name") == ("山田 花子", "山田 華子")
    assert detail.row_values("E-mail") == ("", "hanako@example.jp")
    assert detail.row_values("Department") == ("SALES 営業部", "SALES 営業部")
    assert detail.row_values("Employment type") == ("Regular employee", "Regular employee")
    assert sorted(detail.changed_fields()) == ["E-mail", "Name"]


def test_detail_pane_shows_json_details(page, session):
    page.action_combo.setCurrentIndex(page.action_combo.findData("create"))
    page.select_row(0)
    assert "Version: " in page.detail.details.toPlainText()  # labelled, not raw JSON
    assert page.detail.fields.isHidden()


def test_page_refreshes_on_changes(page, session):
    before = page.model.rowCount()
    session.apply(create_record(session.conn, DEPARTMENTS, {"code": "LATE", "name": "後発部"}))
    assert page.model.rowCount() == before + 1


def test_verify_now_reports_ok_on_a_clean_workspace(page, qtbot):
    with qtbot.waitSignal(page.verify_finished, timeout=20_000) as blocker:
        page.verify_button.click()
    report = blocker.args[0]
    assert report.ok
    assert page.banner.isVisibleTo(page)
    assert "intact" in page.banner.message.text()
    assert f"{report.entries:,} audit entries" in page.banner.message.text()
    assert page.verify_button.isEnabled()


def test_verify_now_finds_a_change_made_outside_mamori(page, session, records, qtbot):
    session.workspace.conn.execute(
        "UPDATE person SET name = '改ざん' WHERE id = ?", (records["person"],)
    )
    with qtbot.waitSignal(page.verify_finished, timeout=20_000) as blocker:
        page.verify()
    report = blocker.args[0]
    assert not report.ok
    problems = page.banner.problem_texts()
    assert any("was changed outside Mamori" in text and "name" in text for text in problems)
    assert "1 problem" in page.banner.message.text()


def test_verify_now_finds_a_broken_chain(page, session, qtbot):
    session.conn.execute("UPDATE audit_log SET os_user = 'mallory' WHERE id = 2")
    with qtbot.waitSignal(page.verify_finished, timeout=20_000) as blocker:
        page.verify()
    assert not blocker.args[0].ok
    assert any("Audit entry 2" in text for text in page.banner.problem_texts())


def test_query_entries_keyset_paging(session, records):
    first = query_entries(session.conn, AuditFilter(), limit=3)
    second = query_entries(session.conn, AuditFilter(), before_id=first[-1].id, limit=3)
    assert [e.id for e in first + second] == sorted([e.id for e in first + second], reverse=True)
    assert not {e.id for e in first} & {e.id for e in second}


def test_record_filter_is_width_and_kana_insensitive(session):
    create_record(session.conn, DEPARTMENTS, {"code": "GP", "name": "ガーデンパーク支所"})
    for typed in ("ガーデンパーク", "がーでんぱーく", "ｶﾞｰﾃﾞﾝﾊﾟｰｸ"):
        entries = query_entries(session.conn, AuditFilter(record=typed))
        assert [entry.record_label for entry in entries] == ["GP ガーデンパーク支所"], typed


def test_multi_links_in_an_entry_are_named(session):
    from app.areas.assets.registers import ASSETS, PURPOSES
    from app.audit_view import field_changes

    conn = session.conn
    department = create_record(conn, DEPARTMENTS, {"code": "HQ2", "name": "本部"}).record_id
    create_record(conn, PURPOSES, {"code": "P01", "text": "組合員の加入のため"})
    create_record(
        conn,
        ASSETS,
        {"asset_no": "A1", "name": "組合員台帳", "owner_department": department, "purposes": "P01"},
    )
    (entry,) = query_entries(conn, AuditFilter(register="assets"))
    shown = {change.column: change.after for change in field_changes(conn, entry)}
    assert "P01 組合員の加入のため" in shown.values()
    assert not any(str(value).startswith("[") for value in shown.values())
