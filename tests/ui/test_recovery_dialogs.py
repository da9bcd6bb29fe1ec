"""The recovery key shown once after creation, and "Forgot the passphrase?" in the unlock dialog."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings
from app.storage import recovery
from app.storage.workspace import Workspace
from ui.recovery_dialogs import RecoverDialog, RecoveryKeyDialog
from ui.unlock import UnlockDialog

LOST = "forgotten-violet-harbour-17"
NEW = "remembered-copper-lantern-58"


def test_the_key_dialog_closes_only_once_the_key_is_kept(qtbot, tmp_path: Path) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", tmp_path / "c.mamori")
    qtbot.addWidget(dialog)
    assert dialog.key_label.text() == "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    assert not dialog.ok_button.isEnabled()
    dialog.reject()
    dialog.confirm_box.setChecked(True)
    assert dialog.ok_button.isEnabled()


def test_forgot_the_passphrase_sets_a_new_one_and_opens(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "coop.mamori"
    with Workspace.create(path, LOST) as ws:
        key = recovery.set_up(ws)
    unlock = UnlockDialog(path, Settings(language="en"))
    qtbot.addWidget(unlock)
    assert unlock.forgot_button.isVisibleTo(unlock)
    dialog = unlock.recover()
    assert isinstance(dialog, RecoverDialog)
    dialog.key_edit.setText(recovery.new_recovery_key())
    dialog.new_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    assert not dialog.apply()
    assert "does not open" in dialog.message.text()
    dialog.key_edit.setText(key)
    assert dialog.apply()
    assert unlock.workspace is not None
    unlock.workspace.close()
    Workspace.open(path, NEW).close()


def test_no_forgot_button_without_a_recovery_file(qtbot, workspace: Workspace) -> None:
    unlock = UnlockDialog(workspace.path, Settings(language="en"))
    qtbot.addWidget(unlock)
    assert not unlock.forgot_button.isVisibleTo(unlock)
