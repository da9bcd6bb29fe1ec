"""Preferences (saved to disk, announced), the About dialog (versions for support) and the icons
it and every page draw from."""

from __future__ import annotations

import pytest
import sqlcipher3
from PySide6.QtGui import QGuiApplication, QImage, QImageReader

from app import __version__, secrets
from app import settings as settings_store
from app.i18n import current_language
from app.paths import user_log_dir
from app.registers.registry import all_registers
from app.settings import Settings
from ui.about import AboutDialog, sqlcipher_version
from ui.icons import ICO_SIZES, icon, icon_path, render_svg, write_app_icons
from ui.preferences_page import PreferencesPage

pytestmark = pytest.mark.gui


@pytest.fixture
def preferences(session, qtbot):
    page = PreferencesPage(session, Settings(language="en", auto_lock_minutes=10))
    qtbot.addWidget(page)
    return page


def test_language_change_is_saved_and_announced(preferences, qtbot):
    settings_store.save(Settings(language="en", recent_workspaces=["/kept/there.mamori"]))
    combo = preferences.language_combo
    with qtbot.waitSignal(preferences.settings_changed) as blocker:
        combo.setCurrentIndex(combo.findData("ja"))
    announced = blocker.args[0]
    assert isinstance(announced, Settings)
    assert announced.language == "ja"
    stored = settings_store.load()
    assert stored.language == "ja"
    assert stored.recent_workspaces == ["/kept/there.mamori"]  # other settings survive
    assert current_language() == "en"  # the main window switches it when it receives the signal


def test_auto_lock_change_is_saved_and_announced(preferences, qtbot):
    with qtbot.waitSignal(preferences.settings_changed, timeout=5_000) as blocker:
        preferences.auto_lock_spin.setValue(30)
    assert blocker.args[0].auto_lock_minutes == 30
    assert settings_store.load().auto_lock_minutes == 30


def test_number_of_automatic_backups_is_a_setting(preferences, qtbot):
    assert preferences.backup_keep_spin.value() == 7
    with qtbot.waitSignal(preferences.settings_changed, timeout=5_000) as blocker:
        preferences.backup_keep_spin.setValue(12)
    assert blocker.args[0].backup_keep == 12
    assert settings_store.load().backup_keep == 12


def test_auto_lock_zero_means_off(preferences, qtbot):
    spin = preferences.auto_lock_spin
    assert (spin.minimum(), spin.maximum()) == (0, 240)
    with qtbot.waitSignal(preferences.settings_changed, timeout=5_000):
        spin.setValue(0)
    assert spin.text() == "Off"
    assert settings_store.load().auto_lock_minutes == 0


def test_unchanged_value_saves_nothing(preferences, qtbot):
    with qtbot.assertNotEmitted(preferences.settings_changed, wait=50):
        preferences.language_combo.setCurrentIndex(preferences.language_combo.findData("en"))
    assert not settings_store.settings_path().exists()


def test_forget_the_remembered_passphrase(session, qtbot, passphrase):
    path = session.workspace.path
    assert secrets.remember(path, passphrase)
    page = PreferencesPage(session, Settings())
    qtbot.addWidget(page)
    assert page.forget_button.isEnabled()
    assert "is remembered" in page.passphrase_status.text()
    page.forget_button.click()
    assert secrets.recall(path) is None
    assert not page.forget_button.isEnabled()
    assert "not remembered" in page.passphrase_status.text()


def test_preferences_show_the_log_folder(preferences):
    assert preferences.log_folder == user_log_dir()
    assert preferences.title() == "Preferences"


def test_about_shows_versions_and_workspace(session, qtbot):
    dialog = AboutDialog(session)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    expected = session.conn.execute("PRAGMA cipher_version").fetchone()[0]
    assert expected
    assert dialog.version_values["SQLCipher"].text() == expected
    assert dialog.schema_version == session.workspace.schema_version
    assert dialog.workspace_path == session.workspace.path
    text = dialog.details_text()
    assert f"Mamori {__version__}" in text and f"SQLCipher: {expected}" in text


def test_about_without_a_session_asks_a_throwaway_connection(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    conn = sqlcipher3.connect(":memory:")
    expected = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    assert sqlcipher_version(None) == expected
    assert dialog.version_values["SQLCipher"].text() == expected
    assert dialog.workspace_path is None


def test_about_copy_puts_the_details_on_the_clipboard(session, qtbot):
    dialog = AboutDialog(session)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details_text()
    assert "PySide6" in QGuiApplication.clipboard().text()


CONTRACT_ICONS = [
    "mamori",
    "dashboard",
    "organisation",
    "departments",
    "people",
    "settings",
    "catalogues",
    "audit",
    "lock",
    "unlock",
    "new",
    "edit",
    "delete",
    "export",
    "search",
    "filter",
    "backup",
    "passphrase",
    "about",
    "verify",
    "register",
    "warning",
    "info",
]


@pytest.mark.parametrize("name", CONTRACT_ICONS)
def test_every_icon_is_a_drawing(qapp, name):
    assert icon_path(name).is_file()
    image = render_svg(icon_path(name), 48)
    assert not image.isNull()
    assert any(image.pixelColor(x, y).alpha() for x in range(48) for y in range(48))
    assert not icon(name).isNull()


def test_register_icons_resolve_without_falling_back(qapp):
    for defn in all_registers():
        assert icon_path(defn.icon).is_file(), defn.icon


def test_application_icon_files_hold_every_size(qapp, tmp_path):
    png, ico = write_app_icons(tmp_path)
    assert QImage(str(png)).width() == 256
    reader = QImageReader(str(ico))
    sizes = []
    for number in range(reader.imageCount()):
        reader.jumpToImage(number)
        sizes.append(reader.read().width())
    assert sizes == list(ICO_SIZES)
    assert {16, 32, 48, 256} <= set(sizes)
    shipped = icon_path("mamori").with_suffix(".ico")
    assert QImageReader(str(shipped)).imageCount() == len(ICO_SIZES)
