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
from app.areas.organisation.registers import ORGANISATION
from app.i18n import _
from app.registers.records import load_record
from ui.screen_fit import resize_to_fit
from ui.session import Session


class NoticeDialog(QDialog):
    """Shows the text ready to paste into the website's notice (APPI art. 32), with Copy."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Public notice: security measures"))
        organisation = load_record(session.conn, ORGANISATION, 1)
        self.text = QPlainTextEdit(notice_text(session.conn, organisation["name"]))
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
        resize_to_fit(self, 720, 640)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(_("Copied"))
