"""What the main window shows while the session is locked: a centred panel asking for the
passphrase. No register data is on screen meanwhile (the pages are destroyed on lock)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.errors import WorkspaceError
from app.i18n import _
from ui.passphrase_widgets import InlineMessage, PassphraseEdit, busy_cursor
from ui.session import Session
from ui.unlock import plain_button


class LockScreen(QWidget):
    """Unlocks ``session`` with the typed passphrase; ``unlocked`` follows a success."""

    unlocked = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

        self.panel = QFrame(self)
        self.panel.setObjectName("lockPanel")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.panel.setAutoFillBackground(True)
        self.panel.setBackgroundRole(QPalette.ColorRole.Base)
        self.panel.setMaximumWidth(440)
        self.panel.setMinimumWidth(360)

        self.title_label = QLabel(_("Mamori is locked"), self.panel)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.file_label = QLabel(session.workspace.path.name, self.panel)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.file_label.setToolTip(str(session.workspace.path))
        self.file_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.hint_label = QLabel(_("Enter the passphrase to continue."), self.panel)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.hint_label.setWordWrap(True)

        self.passphrase_edit = PassphraseEdit(self.panel)
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.passphrase_edit.textChanged.connect(self._on_edited)

        self.error_label = InlineMessage(self.panel)
        self.unlock_button = plain_button(_("&Unlock"), self.panel)
        self.unlock_button.setEnabled(False)
        self.unlock_button.clicked.connect(self.unlock)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(32, 28, 32, 24)
        panel_layout.setSpacing(8)
        panel_layout.addWidget(self.title_label)
        panel_layout.addWidget(self.file_label)
        panel_layout.addSpacing(14)
        panel_layout.addWidget(self.hint_label)
        panel_layout.addWidget(self.passphrase_edit)
        panel_layout.addWidget(self.error_label)
        panel_layout.addSpacing(6)
        panel_layout.addLayout(buttons)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    @property
    def error(self) -> str:
        return self.error_label.message if self.error_label.isVisibleTo(self) else ""

    def focus_passphrase(self) -> None:
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_edit.selectAll()

    def _on_edited(self, text: str) -> None:
        self.unlock_button.setEnabled(bool(text))

    def unlock(self) -> bool:
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            return False
        try:
            with busy_cursor():
                self.session.unlock(passphrase)
        except WorkspaceError as exc:  # the wrong passphrase, or the file went away
            self.error_label.show_error(str(exc))
            self.focus_passphrase()
            return False
        self.error_label.clear_message()
        self.passphrase_edit.clear_secret()
        self.unlock_button.setEnabled(False)
        self.unlocked.emit()
        return True
