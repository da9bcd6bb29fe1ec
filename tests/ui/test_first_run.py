"""First start: the dashboard's guide walks an empty workspace through the set-up order, and a
link to a person who is not registered yet says so and offers to register them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.registers.records import create_record, load_record
from app.settings import Settings
from app.setup_guide import StepState
from ui.dashboard_page import DashboardPage
from ui.main_window import MainWindow
from ui.register_page import RegisterPage, SingletonPage

pytestmark = pytest.mark.gui


@pytest.fixture
def window(session, qtbot) -> MainWindow:
    main = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    return main


def dashboard(window: MainWindow, qtbot) -> DashboardPage:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    return page


def test_the_guide_shows_every_step_and_opens_the_next(window, qtbot) -> None:
    page = dashboard(window, qtbot)
    guide = page.guide
    assert guide is not None
    qtbot.waitUntil(lambda: guide.isVisibleTo(page))  # a widget added to a shown layout
    assert list(guide.states) == [
        "organisation",
        "departments",
        "people",
        "officer",
        "purposes",
        "assets",
        "risk",
        "training",
    ]
    assert guide.states["departments"] is StepState.NEXT
    guide.buttons["departments"].click()
    assert isinstance(window.stack.currentWidget(), RegisterPage)
    assert window.stack.currentWidget().defn is DEPARTMENTS


def test_the_guide_moves_on_as_records_are_added(window, session, qtbot) -> None:
    page = dashboard(window, qtbot)
    create_record(session.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"})
    with qtbot.waitSignal(page.items_ready, timeout=10_000):
        page.refresh()
    assert page.guide is not None
    assert page.guide.states["departments"] is StepState.DONE
    assert page.guide.states["people"] is StepState.NEXT
    page.guide.buttons["officer"].click()
    assert isinstance(window.stack.currentWidget(), SingletonPage)


def test_no_officer_notice_before_there_is_staff(window, qtbot) -> None:
    page = dashboard(window, qtbot)
    titles = [item.title for item in page.items]
    assert "Appoint the privacy officer" not in titles
    assert "Register the staff, then appoint the officers" in titles


def test_the_demo_co_op_shows_no_guide(demo_session, qtbot) -> None:
    page = DashboardPage(demo_session)
    qtbot.addWidget(page)
    assert page.guide is None


def test_naming_an_unregistered_officer_offers_to_register_them(window, session, qtbot) -> None:
    organisation = window.show_page(ORGANISATION.key)
    assert isinstance(organisation, SingletonPage)
    form = organisation.form
    officer = form.editors["privacy_officer"]
    qtbot.keyClicks(officer.line, "Yamada Hanako")
    organisation.save_button.click()
    errors = form.errors_shown()
    assert "not registered in People" in errors["privacy_officer"]
    assert "Register it there first" in errors["privacy_officer"]
    button = form.register_buttons["privacy_officer"]
    assert button.isVisible()
    assert "Yamada Hanako" in button.text()
    button.click()
    dialog = form.register_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.defn is PEOPLE
    assert dialog.form.editors["name"].value() == "Yamada Hanako"
    qtbot.keyClicks(dialog.form.editors["staff_no"].line, "00001")
    dialog.form.editors["employment_type"].set_value("regular")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible(), dialog.form.errors_shown()
    assert not button.isVisible()
    assert form.errors_shown() == {}
    assert form.summary.isHidden()
    organisation.save_button.click()
    person = load_record(session.conn, ORGANISATION, 1)["privacy_officer"]
    assert load_record(session.conn, PEOPLE, person)["name"] == "Yamada Hanako"


def test_help_menu_opens_the_japanese_manual(window, qtbot) -> None:
    from app.i18n import set_language
    from ui.manual import ManualDialog

    set_language("ja")
    window.retranslate()
    help_menu = window.menuBar().actions()[-1].menu()
    titles = [action.text() for action in help_menu.actions() if action.text()]
    assert titles[0] == window.actions["manual"].text()
    window.actions["manual"].trigger()
    dialog = window.findChild(ManualDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "はじめての準備" in text
    assert "個人情報保護管理者" in text
    window.actions["manual"].trigger()
    assert window.findChildren(ManualDialog) == [dialog]  # one window, brought to the front


def test_the_manuals_are_bundled_in_the_frozen_build() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = (root / "pyinstaller.spec").read_text(encoding="utf-8")
    for name in ("manual_ja.md", "manual_en.md"):
        assert name in spec
        assert (root / "docs" / name).is_file()
