"""Unlocking at start: the dialog, its inline errors, and the passphrase remembered on this PC."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import app.settings
from app import secrets
from app.errors import NotAWorkspaceError
from app.settings import Settings
from app.storage.crypto import SessionKey, read_salt
from app.storage.database import scalar
from app.storage.workspace import Workspace
from ui.unlock import UnlockDialog, UnlockWidget, open_remembered

pytestmark = pytest.mark.gui


@pytest.fixture
def path(tmp_path: Path, passphrase: str) -> Path:
    target = tmp_path / "coop.mamori"
    Workspace.create(target, passphrase, {"name": "テスト生協"}).close()
    return target


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def dialog(qtbot, path: Path, settings: Settings) -> UnlockDialog:
    widget = UnlockDialog(path, settings)
    qtbot.addWidget(widget)
    return widget


def test_right_passphrase_and_enter_opens_the_workspace(
    qtbot, dialog: UnlockDialog, path: Path, settings: Settings, passphrase: str
) -> None:
    assert dialog.unlock_widget.name_label.text() == "coop.mamori"
    assert str(path.parent.name) in dialog.unlock_widget.folder_label.text()
    dialog.unlock_widget.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(dialog.finished) as blocker:
        qtbot.keyClick(dialog.unlock_widget.passphrase_edit, Qt.Key.Key_Return)
    assert blocker.args == [QDialog.DialogCode.Accepted.value]
    workspace = dialog.workspace
    assert workspace is not None
    try:
        assert scalar(workspace.conn, "SELECT name FROM organisation") == "テスト生協"
    finally:
        workspace.close()
    assert settings.last_workspace == str(path.resolve())
    assert app.settings.load().last_workspace == str(path.resolve())
    assert dialog.unlock_widget.passphrase_edit.text() == ""  # not kept in the widget


def test_wrong_passphrase_is_reported_and_the_file_untouched(
    qtbot, dialog: UnlockDialog, path: Path, settings: Settings
) -> None:
    before = path.read_bytes()
    dialog.unlock_widget.passphrase_edit.setText("definitely-not-it")
    with qtbot.assertNotEmitted(dialog.finished):
        dialog.unlock_widget.unlock_button.click()
    assert dialog.unlock_widget.error.startswith("The passphrase does not open")
    assert dialog.workspace is None
    assert settings.last_workspace == ""
    assert path.read_bytes() == before


def test_use_another_workspace_returns_its_own_code(qtbot, dialog: UnlockDialog) -> None:
    with qtbot.waitSignal(dialog.finished) as blocker:
        dialog.other_button.click()
    assert blocker.args == [UnlockDialog.OTHER_WORKSPACE]
    assert UnlockDialog.OTHER_WORKSPACE not in (
        QDialog.DialogCode.Accepted.value,
        QDialog.DialogCode.Rejected.value,
    )
    assert dialog.workspace is None


def test_remembered_passphrase_opens_without_typing(
    qtbot, dialog: UnlockDialog, path: Path, passphrase: str
) -> None:
    assert not dialog.unlock_widget.remember_box.isHidden()
    assert not dialog.unlock_widget.remember_box.isChecked()
    assert open_remembered(path) is None  # nothing remembered yet
    dialog.unlock_widget.remember_box.setChecked(True)
    dialog.unlock_widget.passphrase_edit.setText(passphrase)
    dialog.unlock_widget.unlock_button.click()
    assert dialog.workspace is not None
    dialog.workspace.close()
    assert secrets.recall(path) == SessionKey.derive(passphrase, read_salt(path))

    workspace = open_remembered(path)
    assert workspace is not None
    try:
        assert scalar(workspace.conn, "SELECT name FROM organisation") == "テスト生協"
    finally:
        workspace.close()


def test_unticking_forgets_a_remembered_passphrase(
    qtbot, path: Path, settings: Settings, passphrase: str
) -> None:
    secrets.remember(path, passphrase)
    dialog = UnlockDialog(path, settings)
    qtbot.addWidget(dialog)
    assert dialog.unlock_widget.remember_box.isChecked()
    dialog.unlock_widget.remember_box.setChecked(False)
    dialog.unlock_widget.passphrase_edit.setText(passphrase)
    dialog.unlock_widget.unlock_button.click()
    assert dialog.workspace is not None
    dialog.workspace.close()
    assert secrets.recall(path) is None


def test_a_stale_remembered_passphrase_is_forgotten(qapp, path: Path) -> None:
    before = path.read_bytes()
    secrets.remember(path, "an-old-passphrase")
    assert open_remembered(path) is None
    assert secrets.recall(path) is None
    assert path.read_bytes() == before


def test_open_remembered_lets_other_errors_through(qapp, tmp_path: Path) -> None:
    junk = tmp_path / "junk.mamori"
    junk.write_bytes(b"x" * 100)
    secrets.remember(junk, "whatever-it-was")
    with pytest.raises(NotAWorkspaceError):
        open_remembered(junk)


def test_foreign_file_is_named_in_the_message(qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "notes.mamori"
    junk.write_bytes(b"x" * 100)
    widget = UnlockWidget(junk)
    qtbot.addWidget(widget)
    widget.passphrase_edit.setText("some-passphrase")
    with qtbot.assertNotEmitted(widget.opened):
        assert widget.unlock() is None
    assert str(junk) in widget.error
    assert "not a Mamori workspace" in widget.error
    assert junk.read_bytes() == b"x" * 100


def test_workspace_open_elsewhere_is_named_in_the_message(
    qtbot, dialog: UnlockDialog, path: Path, passphrase: str
) -> None:
    with Workspace.open(path, passphrase, exclusive=True):
        dialog.unlock_widget.passphrase_edit.setText(passphrase)
        dialog.unlock_widget.unlock_button.click()
        assert "already open" in dialog.unlock_widget.error
        assert str(path) in dialog.unlock_widget.error
        assert dialog.workspace is None


def test_remember_box_hidden_without_a_keyring(qtbot, path: Path, settings: Settings) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = UnlockDialog(path, settings)
    qtbot.addWidget(dialog)
    assert dialog.unlock_widget.remember_box.isHidden()
    assert open_remembered(path) is None


def test_a_missing_file_is_reported_before_typing(qtbot, tmp_path: Path) -> None:
    missing = tmp_path / "moved.mamori"
    widget = UnlockWidget(missing)
    qtbot.addWidget(widget)
    assert widget.error == f"There is no workspace file at {missing}."
    assert not missing.exists()
