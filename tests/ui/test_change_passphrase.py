"""Changing the passphrase re-encrypts the real file; a wrong current passphrase changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from app import secrets
from app.errors import WrongPassphraseError
from app.storage.crypto import SessionKey, read_salt
from app.storage.database import scalar
from app.storage.workspace import Workspace
from ui.change_passphrase import ChangePassphraseDialog

pytestmark = pytest.mark.gui

NEW = "violet-harbour-quartz-17"


@pytest.fixture
def dialog(qtbot, session) -> ChangePassphraseDialog:
    widget = ChangePassphraseDialog(session)
    qtbot.addWidget(widget)
    return widget


def fill(dialog: ChangePassphraseDialog, current: str, new: str, confirm: str) -> None:
    dialog.current_edit.setText(current)
    dialog.new_edit.setText(new)
    dialog.confirm_edit.setText(confirm)


def test_changes_the_passphrase_of_the_file(qtbot, dialog, session, passphrase) -> None:
    fill(dialog, passphrase, NEW, NEW)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [QDialog.DialogCode.Accepted.value]
    assert scalar(session.conn, "SELECT count(*) FROM organisation") == 1  # session goes on
    path = session.workspace.path
    with Workspace.open(path, NEW) as reopened:
        assert scalar(reopened.conn, "SELECT count(*) FROM organisation") == 1
    with pytest.raises(WrongPassphraseError):
        Workspace.open(path, passphrase)
    assert secrets.recall(path) is None  # it was not remembered, so it still is not


def test_wrong_current_passphrase_changes_nothing(qtbot, dialog, session, passphrase) -> None:
    fill(dialog, "not-the-current-one", NEW, NEW)
    with qtbot.assertNotEmitted(dialog.finished):
        dialog.ok_button.click()
    assert dialog.current_message.message == "The current passphrase is not right."
    assert dialog.current_message.isVisibleTo(dialog)
    Workspace.open(session.workspace.path, passphrase).close()
    with pytest.raises(WrongPassphraseError):
        Workspace.open(session.workspace.path, NEW)


def test_weak_mismatched_or_unchanged_keeps_ok_disabled(dialog, passphrase) -> None:
    fill(dialog, passphrase, "password1", "password1")
    assert not dialog.ok_button.isEnabled()
    fill(dialog, passphrase, NEW, NEW + "!")
    assert not dialog.ok_button.isEnabled()
    assert dialog.mismatch_message.message == "The two passphrases are not the same."
    fill(dialog, passphrase, passphrase, passphrase)
    assert not dialog.ok_button.isEnabled()
    assert "same as the current" in dialog.error_label.message
    fill(dialog, "", NEW, NEW)
    assert not dialog.ok_button.isEnabled()
    fill(dialog, passphrase, NEW, NEW)
    assert dialog.ok_button.isEnabled()


def test_a_remembered_passphrase_is_replaced(qtbot, dialog, session, passphrase) -> None:
    path = session.workspace.path
    secrets.remember(path, passphrase)
    fill(dialog, passphrase, NEW, NEW)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert secrets.recall(path) == SessionKey.derive(NEW, read_salt(path))
