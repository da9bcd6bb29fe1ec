"""Texts to publish, ready to paste into the website, with Copy: the public notice
「安全管理のために講じた措置」 generated from the implemented controls, and (``NoticeTextDialog``) any
other such text an area generates (a joint use's notice, an anonymised dataset's items)."""

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


class NoticeTextDialog(QDialog):
    """A generated text to publish, read-only, with what it is for and a Copy button."""

    def __init__(
        self,
        title: str,
        explanation: str,
        text: str,
        parent: QWidget | None = None,
        *,
        height: int = 560,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        note = QLabel(explanation)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton(_("Copy the text"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 720, height)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(_("Copied"))


class NoticeDialog(NoticeTextDialog):
    """The notice of security measures (APPI art. 32), from the implemented controls."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        organisation = load_record(session.conn, ORGANISATION, 1)
        super().__init__(
            _("Public notice: security measures"),
            _(
                "Generated from the controls marked implemented for the whole organisation, grouped "
                "as the PPC guideline groups them. Check it, then paste it into the notice of "
                "matters on your website (APPI art. 32). It changes when the controls change."
            ),
            notice_text(session.conn, organisation["name"]),
            parent,
            height=640,
        )
