"""The Assets and Controls pages' extra actions: the 台帳 export and the public notice text."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtGui import QGuiApplication

from app.settings import Settings
from ui.import_wizard.wizard import import_specs
from ui.main_window import MainWindow
from ui.notice_dialog import NoticeDialog
from ui.register_page import RegisterPage


def _window(session, qtbot) -> MainWindow:
    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    return window


def test_assets_page_exports_the_ledger_in_the_background(demo_session, qtbot, tmp_path) -> None:
    window = _window(demo_session, qtbot)
    page = window.show_page("assets")
    assert isinstance(page, RegisterPage)
    assert [b.text() for b in page.page_buttons] == ["Export 台帳…"]
    target = tmp_path / "ledger.xlsx"
    window.export_ledger(target)
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage(), timeout=15000)
    book = load_workbook(target, read_only=True)
    assert len(book.sheetnames) == 2
    assets = demo_session.conn.execute("SELECT count(*) FROM asset").fetchone()[0]
    assert book.worksheets[0].max_row >= assets


def test_controls_page_shows_the_notice_text_and_copies_it(demo_session, qtbot) -> None:
    window = _window(demo_session, qtbot)
    page = window.show_page("controls")
    assert isinstance(page, RegisterPage)
    page.page_buttons[0].click()
    (dialog,) = [d for d in window.findChildren(NoticeDialog) if d.isVisible()]
    text = dialog.text.toPlainText()
    assert "安全管理のために講じた措置" in text
    assert "組織的安全管理措置" in text
    dialog.copy()
    assert QGuiApplication.clipboard().text() == text


def test_the_import_wizard_offers_the_asset_register() -> None:
    keys = [spec.key for spec in import_specs()]
    assert keys[0] == "training_roster"
    assert any("asset" in key for key in keys)
