"""The lock screen unlocks a locked session; the idle watcher counts down and restarts on input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.storage.database import scalar
from ui.idle import IdleWatcher
from ui.lock_screen import LockScreen

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(qtbot, session) -> LockScreen:
    session.lock()
    widget = LockScreen(session)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def watcher(qapp) -> Iterator[IdleWatcher]:
    idle_watcher = IdleWatcher(10)
    yield idle_watcher
    QApplication.instance().removeEventFilter(idle_watcher)
    idle_watcher.deleteLater()


@pytest.fixture
def field(qtbot) -> QLineEdit:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    return edit


def test_lock_screen_names_the_workspace(screen: LockScreen, session) -> None:
    assert screen.title_label.text() == "Mamori is locked"
    assert screen.file_label.text() == session.workspace.path.name
    assert not screen.unlock_button.isEnabled()  # nothing typed yet


def test_right_passphrase_unlocks_the_session(qtbot, screen: LockScreen, session, passphrase):
    assert session.locked
    screen.passphrase_edit.setText(passphrase)
    with qtbot.waitSignals([screen.unlocked, session.lock_state_changed]):
        screen.unlock_button.click()
    assert not session.locked
    assert scalar(session.conn, "SELECT count(*) FROM organisation") == 1
    assert screen.passphrase_edit.text() == ""
    assert screen.error == ""


def test_wrong_passphrase_stays_locked(qtbot, screen: LockScreen, session) -> None:
    screen.passphrase_edit.setText("not-the-passphrase")
    with (
        qtbot.assertNotEmitted(screen.unlocked),
        qtbot.assertNotEmitted(session.lock_state_changed),
    ):
        qtbot.keyClick(screen.passphrase_edit, Qt.Key.Key_Return)
    assert session.locked
    assert "does not open" in screen.error
    assert screen.passphrase_edit.hasSelectedText()


def test_idle_fires_after_the_interval(qtbot, watcher: IdleWatcher) -> None:
    watcher.set_interval_ms(50)
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    assert not watcher.active  # single shot


def test_key_press_restarts_the_countdown(qtbot, watcher: IdleWatcher, field: QLineEdit) -> None:
    watcher.set_interval_ms(1000)
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 700, timeout=2000)
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert watcher.remaining_ms() > 900


def test_mouse_press_restarts_the_countdown(qtbot, watcher: IdleWatcher, field: QLineEdit) -> None:
    watcher.set_interval_ms(1000)
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 700, timeout=2000)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert watcher.remaining_ms() > 900


def test_paused_watcher_ignores_input_until_resumed(
    qtbot, watcher: IdleWatcher, field: QLineEdit
) -> None:
    watcher.set_interval_ms(50)
    watcher.pause()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert not watcher.active
    with qtbot.assertNotEmitted(watcher.idle, wait=150):
        pass
    watcher.resume()
    assert watcher.active
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass


def test_zero_minutes_turns_it_off(qtbot, watcher: IdleWatcher, field: QLineEdit) -> None:
    assert watcher.active
    assert watcher.interval_ms == 10 * 60_000
    watcher.set_minutes(0)
    assert not watcher.active
    qtbot.keyClick(field, Qt.Key.Key_A)
    watcher.resume()
    assert not watcher.active
    watcher.set_minutes(2.5)
    assert watcher.active
    assert watcher.interval_ms == 150_000
