"""The public notice text 「安全管理のために講じた措置」, generated from the implemented controls."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.areas.assets.notice import notice_text
from app.i18n import _
from ui.session import Session


class NoticeDialog(QDialog):
    """Shows the text ready to paste into the website's notice (APPI art. 32), with Copy."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Public notice: security measures"))
        name = session.conn.execute("SELECT name FROM organisation WHERE id = 1").fetchone()
        self.text = QPlainTextEdit(notice_text(session.conn, name[0] if name else None))
        self.text.setReadOnly(True)
        explanation = QLabel(
            _(
                "Generated from the controls marked implemented for the whole organisation, grouped "
                "as the PPC guideline groups them. Check it, then paste it into the notice of "
                "matters on your website (APPI art. 32). It changes when the controls change."
            )
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton(_("Copy the text"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(_("Copied"))
