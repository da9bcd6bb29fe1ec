"""The main window on a real workspace: navigation, lock (Ctrl+L), auto-lock, unlock, menus."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import current_language, set_language
from app.settings import Settings, load
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from ui.application import Launcher, prepare_application
from ui.audit_page import AuditPage
from ui.dashboard_page import DashboardPage
from ui.main_window import AUDIT, DASHBOARD, NAV_KEY, MainWindow
from ui.register_page import RegisterPage, SingletonPage


@pytest.fixture
def window(session, qtbot) -> MainWindow:
    main = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    return main


def _nav_keys(window: MainWindow) -> list[str]:
    items = (window.nav.item(row) for row in range(window.nav.count()))
    return [item.data(NAV_KEY) for item in items if item.data(NAV_KEY)]


def test_opens_on_the_dashboard_with_every_register_in_the_navigation(window) -> None:
    assert isinstance(window.stack.currentWidget(), DashboardPage)
    keys = _nav_keys(window)
    assert keys[0] == DASHBOARD
    for register in ("organisation", "departments", "people", "catalogues", "catalogue_items"):
        assert register in keys
    assert AUDIT in keys
    assert "test.mamori" in window.windowTitle()


def test_navigation_builds_pages_on_demand(window) -> None:
    assert set(window.pages) == {DASHBOARD}
    item = next(
        window.nav.item(r)
        for r in range(window.nav.count())
        if window.nav.item(r).data(NAV_KEY) == "people"
    )
    window.nav.setCurrentItem(item)
    assert isinstance(window.stack.currentWidget(), RegisterPage)
    assert window.windowTitle().startswith("People")
    assert isinstance(window.show_page("organisation"), SingletonPage)


def test_ctrl_l_locks_hides_every_page_and_unlock_restores(window, qtbot) -> None:
    window.show_page("people")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session.locked
    assert window.pages == {}
    assert window.stack.count() == 0
    assert window.outer.currentWidget() is window.lock_screen
    assert not window.actions["backup"].isEnabled()

    window.lock_screen.passphrase_edit.setText("not the passphrase at all")
    window.lock_screen.unlock()
    assert window.session.locked
    assert window.lock_screen.error

    window.lock_screen.passphrase_edit.setText(PASSPHRASE)
    window.lock_screen.unlock()
    assert not window.session.locked
    assert window.outer.currentWidget() is window.body
    assert isinstance(window.stack.currentWidget(), RegisterPage)  # back where the officer was
    assert window.actions["backup"].isEnabled()


def test_auto_lock_after_idle_time(window, qtbot) -> None:
    window.idle.set_interval_ms(50)
    with qtbot.waitSignal(window.session.lock_state_changed, timeout=3000) as blocker:
        pass
    assert blocker.args == [True]
    assert window.session.locked
    assert window.pages == {}


def test_locking_closes_an_open_record_form(demo_session, qtbot) -> None:
    main = MainWindow(demo_session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    page = main.show_page("departments")
    dialog = page.open_record(page.model.record_id(0))
    dialog.form.editors["location"].line.setText("変更途中")
    dialog.form.editors["location"].edited.emit()
    main.lock()
    assert not dialog.isVisible()
    assert demo_session.locked


def test_dashboard_item_opens_the_record(demo_session, qtbot) -> None:
    main = MainWindow(demo_session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    department_id = demo_session.conn.execute(
        "SELECT id FROM department WHERE code = 'DC-SG'"
    ).fetchone()[0]
    main.open_record("departments", department_id)
    page = main.stack.currentWidget()
    assert isinstance(page, RegisterPage)
    assert page.selected_ids() == [department_id]


def test_history_shows_the_audit_page_for_the_record(demo_session, qtbot) -> None:
    main = MainWindow(demo_session, Settings(language="en"))
    qtbot.addWidget(main)
    main.show()
    main.show_history("departments", 1)
    assert isinstance(main.stack.currentWidget(), AuditPage)


def test_backup_copy_from_the_file_menu_opens_with_the_same_passphrase(
    window, qtbot, tmp_path
) -> None:
    target = tmp_path / "copy.mamori"
    window.backup_to(target)
    qtbot.waitUntil(
        lambda: "Backup copy written" in window.statusBar().currentMessage(), timeout=10000
    )
    copy = Workspace.open(target, PASSPHRASE)
    assert copy.conn.execute("SELECT name FROM organisation").fetchone()[0] == "テスト生活協同組合"
    copy.close()


def test_switching_language_rebuilds_the_window_in_japanese(window) -> None:
    window.show_page("people")
    try:
        window._settings_changed(Settings(language="ja"))
        assert current_language() == "ja"
        assert window.windowTitle().startswith("役職員")
        assert isinstance(window.stack.currentWidget(), RegisterPage)
    finally:
        set_language("en")


def test_launcher_opens_a_remembered_workspace_without_asking(tmp_path, qapp, qtbot) -> None:
    from app import secrets

    path = tmp_path / "remembered.mamori"
    Workspace.create(path, PASSPHRASE).close()
    secrets.remember(path, PASSPHRASE)
    settings = Settings(language="en")
    settings.remember_workspace(path)
    launcher = Launcher(qapp, settings)
    chosen = launcher.first_workspace(argparse.Namespace(demo=False, workspace=None))
    assert chosen is not None
    workspace, is_demo = chosen
    assert not is_demo
    assert workspace.path.resolve() == path.resolve()
    window = launcher.show(workspace, is_demo)
    qtbot.addWidget(window)
    assert Path(load().last_workspace) == path.resolve()
    window.close()


def test_launcher_demo_is_removed_on_quit(qapp, qtbot) -> None:
    launcher = Launcher(qapp, Settings(language="en"))
    chosen = launcher.first_workspace(argparse.Namespace(demo=True, workspace=None))
    assert chosen is not None
    window = launcher.show(*chosen)
    qtbot.addWidget(window)
    folder = launcher.demo_folder
    assert folder is not None and (folder / "demo.mamori").exists()
    assert "(demo)" in window.windowTitle()
    window.close()
    launcher.remove_demo()
    assert not folder.exists()


def test_prepare_application_registers_the_japanese_font(qapp) -> None:
    prepare_application(QApplication.instance(), Settings(language="en"))
    assert "IPAexGothic" in qapp.font().families()
