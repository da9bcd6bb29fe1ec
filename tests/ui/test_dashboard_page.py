"""The Dashboard: header facts, due items by bucket, activation, and the empty state."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.training.coverage import current_fiscal_year
from app.areas.training.registers import ATTENDANCE, PLEDGES, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.dashboard import Bucket, gather
from app.i18n import set_language
from app.registers.records import create_record, update_record
from ui.dashboard_page import DashboardPage

pytestmark = pytest.mark.gui

TODAY = date(2027, 1, 20)  # demo: Pマーク expires 2027-06-30, so its renewal window is open


@pytest.fixture
def page(demo_session, qtbot):
    widget = DashboardPage(demo_session, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _card(page: DashboardPage, text: str):
    matches = [card for card in page.cards if text in card.item.title]
    assert len(matches) == 1, [card.item.title for card in page.cards]
    return matches[0]


def _department_id(session, code: str) -> int:
    return session.conn.execute("SELECT id FROM department WHERE code = ?", (code,)).fetchone()[0]


def test_header_shows_organisation_fiscal_year_and_pmark(page):
    assert page.organisation_label.text() == "生活協同組合コープみなと"
    assert page.today_label.text() == "Wednesday 20 January 2027"
    assert page.fiscal_year_label.text() == "Fiscal year 2026: 2026-03-21 – 2027-03-20"
    assert page.pmark_label.text() == "Pマーク valid until 2027-06-30"
    assert page.title() == "Dashboard"


def test_header_in_japanese(demo_session, qtbot):
    set_language("ja")
    widget = DashboardPage(demo_session, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.today_label.text().startswith("2027/01/20（水）")
    assert "令和9年" in widget.today_label.text()
    assert "2026/03/21" in widget.fiscal_year_label.text()


def test_lists_the_department_without_manager(page, demo_session):
    card = _card(page, "Name a manager for DC-SG")
    assert card.item.register == "departments"
    assert card.item.record_id == _department_id(demo_session, "DC-SG")
    assert page.counts()[Bucket.NOTICE] >= 1
    assert page.tiles[Bucket.NOTICE].number.text() == str(page.counts()[Bucket.NOTICE])
    assert page.scroll.isVisibleTo(page) and not page.empty_state.isVisibleTo(page)


def test_items_are_grouped_by_bucket_in_order(page):
    buckets = [card.item.bucket(TODAY) for card in page.cards]
    order = list(Bucket)
    assert buckets == sorted(buckets, key=order.index)
    renewal = _card(page, "PrivacyMark renewal")
    assert renewal.item.bucket(TODAY) is Bucket.LATER
    assert renewal.due_label.text() == "2027-03-01"
    # expiry - 4 months is Sunday 28 Feb: both dates are shown
    assert renewal.calendar_label is not None
    assert renewal.calendar_label.text() == "calendar date 2027-02-28"


def test_double_click_emits_open_record(page, demo_session, qtbot):
    card = _card(page, "Name a manager for DC-SG")
    with qtbot.waitSignal(page.open_record) as blocker:
        qtbot.mouseDClick(card, Qt.MouseButton.LeftButton)
    assert blocker.args == ["departments", _department_id(demo_session, "DC-SG")]


def test_enter_and_open_button_emit_open_record(page, qtbot):
    card = _card(page, "PrivacyMark renewal")
    card.setFocus()
    with qtbot.waitSignal(page.open_record) as blocker:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert blocker.args == ["organisation", 1]
    with qtbot.waitSignal(page.open_record) as blocker:
        card.open_button.click()
    assert blocker.args == ["organisation", 1]


def test_refresh_follows_changes(page, demo_session):
    department = _department_id(demo_session, "DC-SG")
    manager = demo_session.conn.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    demo_session.apply(
        update_record(demo_session.conn, DEPARTMENTS, department, {"manager": manager})
    )
    assert not [card for card in page.cards if "DC-SG" in card.item.title]


def test_empty_state_when_nothing_is_due(session, qtbot):
    person = create_record(
        session.conn,
        PEOPLE,
        {"staff_no": "1", "name": "管理 者", "employment_type": "regular"},
    ).record_id
    update_record(
        session.conn, ORGANISATION, 1, {"privacy_officer": person, "audit_officer": person}
    )
    conn = session.conn
    create_record(conn, PLEDGES, {"person": person, "pledge_type": "hire", "signed_on": TODAY})
    programme = create_record(
        conn,
        TRAINING_PROGRAMMES,
        {
            "fiscal_year": current_fiscal_year(conn, TODAY),
            "title": "年次教育",
            "training_type": "annual_all",
        },
    ).record_id
    held = create_record(
        conn,
        TRAINING_SESSIONS,
        {
            "title": "年次",
            "programme": programme,
            "held_on": TODAY,
            "has_test": False,
            "pass_mark": None,
        },
    ).record_id
    create_record(conn, ATTENDANCE, {"session": held, "person": person, "status": "attended"})
    widget = DashboardPage(session, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.items == []
    assert widget.cards == []
    assert widget.empty_label.text() == "Nothing is due"
    # Departments, purposes, the 台帳... are still to set up: the guide says so instead.
    assert widget.guide is not None
    assert widget.scroll.isVisibleTo(widget)
    assert not widget.empty_state.isVisibleTo(widget)
    assert widget.pmark_label.isHidden()


def test_in_the_background_the_page_paints_first_and_fills_in(demo_session, qtbot):
    page = DashboardPage(demo_session, today=TODAY, background=True)
    qtbot.addWidget(page)
    assert page.loading
    assert page.items == []
    assert page.empty_label.text() == "Looking for what is due…"
    with qtbot.waitSignal(page.items_ready, timeout=10000):
        pass
    assert not page.loading
    assert page.items == gather(demo_session.conn, TODAY)
    assert page.cards


def test_export_deadlines_writes_the_open_list_and_audits_it(page, demo_session, qtbot, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "deadlines.xlsx"
    with qtbot.waitSignal(page.exported, timeout=20_000) as blocker:
        page.export_deadlines(target)
    path, rows = blocker.args
    assert path == str(target) and rows > 0
    sheet = load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert len(values) == rows
    renewal = next(row for row in values if row[4] == "R-PMARK-RENEW")
    assert (renewal[1].date(), renewal[2].date()) == (date(2027, 3, 1), date(2027, 2, 28))
    assert "2027-02-28（日）日曜日" in renewal[3]
    last = demo_session.conn.execute(
        "SELECT action, register, detail FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert last[:2] == ("export", "deadlines") and '"rows":' in last[2]


def test_calculator_dialog_shows_both_dates_and_the_closed_days(page, qtbot):
    dialog = page.show_calculator()
    qtbot.addWidget(dialog)
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData("R-LEAK-FINAL-30"))
    dialog.from_editor.set_value(date(2025, 4, 4))
    dialog.recalculate()
    assert dialog.calendar_value.text() == "2025年5月3日（土）"
    assert dialog.due_value.text() == "2025年5月7日（水）"
    reasons = [dialog.reasons.item(i).text() for i in range(dialog.reasons.count())]
    assert reasons[0] == "2025-05-03（土）憲法記念日" and len(reasons) == 4
    dialog.from_editor.set_value("not a date")
    dialog.recalculate()
    assert dialog.result is None and dialog.error_label.text()
    dialog.close()
