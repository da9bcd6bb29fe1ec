"""The recovery key in the window: shown once after creating a workspace, and used from the unlock
dialog ("Forgot the passphrase?") to set a new one. The work is done by ``app.storage.recovery``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WorkspaceError
from app.i18n import _
from app.passphrase import assess
from app.storage.recovery import recovery_path
from app.storage.restore import recover
from app.storage.workspace import Workspace
from ui.passphrase_widgets import InlineMessage, PassphraseEdit, StrengthMeter, busy_cursor


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once; OK only after the officer says it is written down."""

    def __init__(self, key: str, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Recovery key"))
        intro = QLabel(
            _(
                "If the passphrase is ever lost, this recovery key and the file {file} (kept beside "
                "the workspace and with every backup) let you set a new one. It is shown only "
                "now: print it or write it down, and give it to the audit officer or keep it in "
                "the board's safe — not on this PC."
            ).format(file=recovery_path(workspace).name)
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton(_("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key))
        row = QHBoxLayout()
        row.addWidget(self.key_label, 1)
        row.addWidget(copy)
        self.confirm_box = QCheckBox(_("I have printed or written down the recovery key"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.confirm_box.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def reject(self) -> None:
        if self.confirm_box.isChecked():
            super().reject()  # Escape closes only once the key is kept


class RecoverDialog(QDialog):
    """Unlock › Forgot the passphrase?: the recovery key and a new passphrase."""

    def __init__(self, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(workspace)
        self.workspace: Workspace | None = None
        self.setWindowTitle(_("Set a new passphrase with the recovery key"))
        intro = QLabel(
            _(
                "Enter the recovery key printed when {name} was created, then a new passphrase."
            ).format(name=self.path.name)
        )
        intro.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new_edit = PassphraseEdit()
        self.confirm_edit = PassphraseEdit()
        self.meter = StrengthMeter()
        self.new_edit.textChanged.connect(lambda text: self.meter.update_for(text))
        self.message = InlineMessage()
        form = QFormLayout()
        form.addRow(_("Recovery key"), self.key_edit)
        form.addRow(_("New passphrase"), self.new_edit)
        form.addRow("", self.meter)
        form.addRow(_("Repeat it"), self.confirm_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            _("Set the new passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def apply(self) -> bool:
        new = self.new_edit.text()
        if new != self.confirm_edit.text():
            self.message.show_error(_("The two passphrases differ."))
            return False
        strength = assess(new)
        if not strength.acceptable:
            self.message.show_error(strength.advice)
            return False
        try:
            with busy_cursor():
                self.workspace = recover(self.path, self.key_edit.text(), new)
        except WorkspaceError as exc:
            self.message.show_error(str(exc))
            return False
        self.new_edit.clear_secret()
        self.confirm_edit.clear_secret()
        self.accept()
        return True
