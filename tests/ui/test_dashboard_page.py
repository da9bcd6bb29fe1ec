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
    renewal = _card(page, "Pマーク renewal")
    assert renewal.item.bucket(TODAY) is Bucket.LATER
    assert renewal.due_label.text() == "2027-03-01"


def test_double_click_emits_open_record(page, demo_session, qtbot):
    card = _card(page, "Name a manager for DC-SG")
    with qtbot.waitSignal(page.open_record) as blocker:
        qtbot.mouseDClick(card, Qt.MouseButton.LeftButton)
    assert blocker.args == ["departments", _department_id(demo_session, "DC-SG")]


def test_enter_and_open_button_emit_open_record(page, qtbot):
    card = _card(page, "Pマーク renewal")
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
    assert widget.empty_state.isVisibleTo(widget)
    assert not widget.scroll.isVisibleTo(widget)
    assert widget.empty_label.text() == "Nothing is due"
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
