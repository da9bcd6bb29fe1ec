"""The first-start dialog creates, opens and demos real encrypted workspaces."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtWidgets import QDialog

import app.settings
from app import secrets
from app.errors import WorkspaceInUseError
from app.paths import default_workspace_path
from app.settings import Settings
from app.storage.crypto import SessionKey, read_salt
from app.storage.database import scalar
from app.storage.workspace import Workspace
from ui.welcome import CREATE, DEMO, OPEN, WelcomeDialog

pytestmark = pytest.mark.gui


class ZeroPriorityKeyring(KeyringBackend):
    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("an unusable keyring must not be read")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("an unusable keyring must not be written")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("an unusable keyring must not be written")


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def dialog(qtbot, settings: Settings) -> WelcomeDialog:
    widget = WelcomeDialog(settings)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def existing(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "existing.mamori"
    Workspace.create(path, passphrase, {"name": "既存の生協"}).close()
    return path


def test_starts_on_create_when_nothing_is_recent(dialog: WelcomeDialog) -> None:
    assert dialog.stack.currentIndex() == CREATE
    assert dialog.create_choice.isChecked()
    assert not dialog.recent_label.isVisibleTo(dialog)
    dialog.demo_choice.click()
    assert dialog.stack.currentIndex() == DEMO
    assert not dialog.create_choice.isChecked()


def test_create_makes_an_encrypted_workspace_and_remembers_it(
    dialog: WelcomeDialog, settings: Settings, tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "coop.mamori"
    assert dialog.create_at(path, "テスト生活協同組合", passphrase, passphrase)
    assert dialog.result() == QDialog.DialogCode.Accepted
    workspace = dialog.workspace
    assert workspace is not None
    try:
        assert workspace.path == path
        assert not dialog.is_demo
        assert scalar(workspace.conn, "SELECT name FROM organisation") == "テスト生活協同組合"
        with pytest.raises(WorkspaceInUseError):  # the dialog took the one-instance lock
            Workspace.open(path, passphrase, exclusive=True)
    finally:
        workspace.close()
    assert settings.last_workspace == str(path.resolve())
    assert app.settings.load().last_workspace == str(path.resolve())
    assert secrets.recall(path) is None  # not ticked, not remembered
    Workspace.open(path, passphrase).close()


def test_create_adds_the_file_suffix(dialog: WelcomeDialog, tmp_path: Path, passphrase) -> None:
    assert dialog.create_at(tmp_path / "noext", "生協", passphrase, passphrase)
    assert dialog.workspace is not None
    dialog.workspace.close()
    assert dialog.workspace.path == tmp_path / "noext.mamori"


def test_weak_passphrase_keeps_create_disabled(dialog: WelcomeDialog, tmp_path: Path) -> None:
    path = tmp_path / "weak.mamori"
    assert not dialog.create_at(path, "生協", "password1", "password1")
    assert not dialog.create_button.isEnabled()
    assert not dialog.strength_meter.acceptable
    assert dialog.strength_meter.advice
    assert dialog.workspace is None
    assert not path.exists()


def test_passphrase_made_of_the_organisation_name_is_weak(
    dialog: WelcomeDialog, tmp_path: Path
) -> None:
    path = tmp_path / "ctx.mamori"
    assert not dialog.create_at(path, "minatocoop", "minatocoop2024", "minatocoop2024")
    assert not path.exists()
    dialog.org_edit.setText("Another Co-op")
    assert dialog.create_button.isEnabled()  # the same passphrase is fine for another name


def test_mismatch_is_reported_in_place(
    dialog: WelcomeDialog, tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "mismatch.mamori"
    assert not dialog.create_at(path, "生協", passphrase, passphrase + "x")
    assert dialog.mismatch_message.isVisibleTo(dialog)
    assert dialog.mismatch_message.message == "The two passphrases are not the same."
    assert not dialog.create_button.isEnabled()
    assert not path.exists()

    dialog.confirm_edit.setText(passphrase[:5])  # still typing: no complaint yet
    assert not dialog.mismatch_message.isVisibleTo(dialog)
    dialog.confirm_edit.setText(passphrase)
    assert dialog.create_button.isEnabled()


def test_existing_file_is_refused_and_left_untouched(
    dialog: WelcomeDialog, tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "precious.mamori"
    path.write_bytes(b"precious bytes")
    assert not dialog.create_at(path, "生協", passphrase, passphrase)
    assert "already exists" in dialog.create_error.message
    assert dialog.create_error.isVisibleTo(dialog)
    assert dialog.location_message.isVisibleTo(dialog)
    assert dialog.workspace is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert path.read_bytes() == b"precious bytes"


def test_default_location_is_free(qtbot) -> None:
    first = WelcomeDialog(Settings())
    qtbot.addWidget(first)
    assert Path(first.location_edit.text()) == default_workspace_path()

    default_workspace_path().write_bytes(b"taken")
    second = WelcomeDialog(Settings())
    qtbot.addWidget(second)
    assert Path(second.location_edit.text()).name == "workspace-2.mamori"
    assert not second.location_message.isVisibleTo(second)


def test_remember_box_stores_the_passphrase(
    dialog: WelcomeDialog, tmp_path: Path, passphrase: str, memory_keyring
) -> None:
    assert not dialog.create_remember_box.isHidden()
    dialog.create_remember_box.setChecked(True)
    path = tmp_path / "remembered.mamori"
    assert dialog.create_at(path, "生協", passphrase, passphrase)
    assert dialog.workspace is not None
    dialog.workspace.close()
    assert passphrase not in memory_keyring.store.values()  # the derived key, not the passphrase
    assert secrets.recall(path) == SessionKey.derive(passphrase, read_salt(path))


@pytest.mark.parametrize("backend", [fail.Keyring, ZeroPriorityKeyring])
def test_remember_boxes_hidden_without_a_usable_keyring(
    qtbot, backend: type[KeyringBackend], existing: Path
) -> None:
    keyring.set_keyring(backend())
    dialog = WelcomeDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.create_remember_box.isHidden()
    widget = dialog.open_path(existing)
    assert widget.remember_box.isHidden()


def test_open_path_unlocks_with_the_right_passphrase(
    qtbot, dialog: WelcomeDialog, settings: Settings, existing: Path, passphrase: str
) -> None:
    widget = dialog.open_path(existing)
    assert dialog.stack.currentIndex() == OPEN
    assert widget.name_label.text() == "existing.mamori"
    widget.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(widget.opened):
        widget.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.workspace is not None
    dialog.workspace.close()
    assert dialog.workspace.path == existing
    assert not dialog.is_demo
    assert settings.last_workspace == str(existing.resolve())


def test_open_path_wrong_passphrase_leaves_the_file_alone(
    qtbot, dialog: WelcomeDialog, settings: Settings, existing: Path
) -> None:
    before = existing.read_bytes()
    widget = dialog.open_path(existing)
    widget.passphrase_edit.setText("not-the-passphrase")
    with qtbot.assertNotEmitted(widget.opened):
        widget.unlock_button.click()
    assert "does not open" in widget.error
    assert widget.passphrase_edit.text() == "not-the-passphrase"
    assert widget.passphrase_edit.hasSelectedText()  # ready to type over
    assert dialog.workspace is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert settings.last_workspace == ""
    assert existing.read_bytes() == before


def test_recent_workspaces_are_offered(qtbot, existing: Path, tmp_path: Path) -> None:
    settings = Settings()
    settings.remember_workspace(tmp_path / "gone.mamori")  # no longer there: not listed
    settings.remember_workspace(existing)
    dialog = WelcomeDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentIndex() == OPEN
    assert [button.text() for button in dialog.recent_buttons] == ["existing.mamori"]
    dialog.recent_buttons[0].click()
    assert dialog.unlock_widget is not None
    assert dialog.unlock_widget.path == existing.resolve()


def test_demo_opens_a_throw_away_workspace(
    dialog: WelcomeDialog, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert dialog.start_demo()
    workspace = dialog.workspace
    assert workspace is not None
    try:
        assert dialog.is_demo
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert workspace.path.parent.name.startswith("mamori-demo-")
        assert workspace.path.parent.parent == tmp_path
        assert scalar(workspace.conn, "SELECT count(*) FROM person") > 100
    finally:
        workspace.close()
        shutil.rmtree(workspace.path.parent)
    assert settings.last_workspace == ""  # the demo is never reopened at start
