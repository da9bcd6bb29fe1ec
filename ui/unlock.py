"""Unlocking a workspace at start: the passphrase form, the dialog around it, and the
"remembered on this PC" shortcut.

A wrong passphrase, a foreign file or a workspace open elsewhere is reported in place, under the
field; the file is never written to before it opens.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import app.settings
from app import secrets
from app.errors import WorkspaceError, WrongPassphraseError
from app.i18n import _
from app.settings import Settings
from app.storage.recovery import has_recovery
from app.storage.workspace import Workspace
from ui.passphrase_widgets import InlineMessage, PassphraseEdit, busy_cursor, folder_text
from ui.recovery_dialogs import RecoverDialog

log = logging.getLogger(__name__)

BRAND_NAME = "守り Mamori"  # the product name, the same in every language


def plain_button(text: str, parent: QWidget | None = None) -> QPushButton:
    """A push button that Enter in a field does not press (fields handle Enter themselves)."""
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


class BrandHeader(QFrame):
    """The app name and one line saying what this screen is for."""

    def __init__(self, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("brandHeader")
        self.title_label = QLabel(BRAND_NAME, self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(subtitle, self)
        self.subtitle_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)


def remember_workspace(settings: Settings, path: Path) -> None:
    """Make ``path`` the workspace opened next time; a settings write failure is only logged."""
    settings.remember_workspace(path)
    try:
        app.settings.save(settings)
    except OSError:
        log.warning("the settings could not be saved", exc_info=True)


def open_remembered(path: Path) -> Workspace | None:
    """Open ``path`` with the passphrase remembered on this PC, if any.

    A remembered passphrase that no longer opens the file is forgotten (``None`` is returned, so the
    officer is asked). Other workspace errors propagate.
    """
    passphrase = secrets.recall(path)
    if not passphrase:
        return None
    try:
        with busy_cursor():
            return Workspace.open(Path(path), passphrase, exclusive=True, defer_check=True)
    except WrongPassphraseError:
        secrets.forget(path)
        return None


class UnlockWidget(QWidget):
    """File name and folder, the passphrase field, "remember", Unlock and an inline error.

    On success it records the "remember on this PC" choice in the credential store and emits
    ``opened`` with the open ``Workspace`` (holding the one-instance lock). ``button_row`` is
    public so a container can add its own buttons beside Unlock.
    """

    opened = Signal(object)  # Workspace

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)

        self.name_label = QLabel(self.path.name, self)
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name_label.setFont(font)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label = QLabel(_("in {folder}").format(folder=folder_text(self.path)), self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.folder_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.folder_label.setToolTip(str(self.path))

        self.prompt_label = QLabel(_("&Passphrase"), self)
        self.passphrase_edit = PassphraseEdit(self)
        self.prompt_label.setBuddy(self.passphrase_edit)
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.passphrase_edit.textChanged.connect(self._on_edited)

        self.error_label = InlineMessage(self)

        self.remember_box = QCheckBox(_("&Remember the passphrase on this PC"), self)
        self.remember_box.setToolTip(
            _(
                "The passphrase is kept in the credential store of your Windows account, so anyone "
                "who can sign in to this account can open the workspace without typing it."
            )
        )
        if secrets.available():
            self.remember_box.setChecked(secrets.recall(self.path) is not None)
        else:
            self.remember_box.hide()

        self.unlock_button = plain_button(_("&Unlock"), self)
        self.unlock_button.clicked.connect(self.unlock)
        self.unlock_button.setEnabled(False)

        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(8)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.folder_label)
        layout.addSpacing(12)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.remember_box)
        layout.addSpacing(12)
        layout.addLayout(self.button_row)
        if not self.path.is_file():  # moved, renamed or on a drive that is not connected
            self.error_label.show_error(
                _("There is no workspace file at {path}.").format(path=self.path)
            )

    @property
    def error(self) -> str:
        """The message shown in place, or empty."""
        return self.error_label.message if self.error_label.isVisibleTo(self) else ""

    def focus_passphrase(self) -> None:
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_edit.selectAll()

    def _on_edited(self, text: str) -> None:
        self.unlock_button.setEnabled(bool(text))

    def unlock(self) -> Workspace | None:
        """Open the workspace with the typed passphrase; report any failure in place."""
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            return None
        try:
            with busy_cursor():
                workspace = Workspace.open(self.path, passphrase, exclusive=True, defer_check=True)
        except WrongPassphraseError as exc:
            self.error_label.show_error(str(exc))
            self.focus_passphrase()
            return None
        except WorkspaceError as exc:
            self.error_label.show_error(str(exc))
            return None
        self.error_label.clear_message()
        if not self.remember_box.isHidden():
            if self.remember_box.isChecked():
                secrets.remember(self.path, passphrase)
            else:
                secrets.forget(self.path)
        self.passphrase_edit.clear_secret()
        self.opened.emit(workspace)
        return workspace


class UnlockDialog(QDialog):
    """Asks for the passphrase of the last workspace at start.

    ``exec()`` returns ``Accepted`` (``workspace`` is set), ``Rejected``, or ``OTHER_WORKSPACE``
    when the officer wants to create or open a different one.
    """

    OTHER_WORKSPACE = 2

    def __init__(self, path: Path, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = Path(path)
        self.workspace: Workspace | None = None
        self.setWindowTitle(_("Unlock workspace – Mamori"))

        self.header = BrandHeader(_("Enter the passphrase to open your workspace."), self)
        self.unlock_widget = UnlockWidget(self.path, self)
        self.unlock_widget.opened.connect(self._on_opened)

        self.other_button = plain_button(_("Use another workspace…"), self)
        self.other_button.clicked.connect(lambda: self.done(self.OTHER_WORKSPACE))
        self.cancel_button = plain_button(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.forgot_button = plain_button(_("Forgot the passphrase?"), self)
        self.forgot_button.clicked.connect(self.recover)
        self.forgot_button.setVisible(has_recovery(self.path))
        row = self.unlock_widget.button_row
        row.insertWidget(0, self.forgot_button)
        row.insertWidget(0, self.other_button)
        row.insertWidget(row.count() - 1, self.cancel_button)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(self.header)
        layout.addWidget(line)
        layout.addWidget(self.unlock_widget)
        self.setMinimumWidth(460)
        self.unlock_widget.focus_passphrase()

    def recover(self) -> RecoverDialog:
        """The recovery key sets a new passphrase; the workspace then opens as if unlocked."""
        dialog = RecoverDialog(self.path, self)
        dialog.accepted.connect(lambda: self._on_opened(dialog.workspace))
        dialog.open()
        return dialog

    def _on_opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        remember_workspace(self.settings, workspace.path)
        self.accept()
