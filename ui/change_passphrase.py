"""Changing the workspace passphrase: every page is re-encrypted with the new key (atomically, in
``Workspace.change_passphrase``). A passphrase remembered on this PC is replaced by the new one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import secrets
from app.errors import WorkspaceError
from app.i18n import _
from ui.passphrase_widgets import (
    InlineMessage,
    PassphraseEdit,
    StrengthMeter,
    busy_cursor,
    field_with_message,
)
from ui.session import Session
from ui.unlock import plain_button


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Change passphrase"))

        intro = QLabel(
            _(
                "The workspace is re-encrypted with the new passphrase. Backup copies made "
                "before now still open with the old one."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.current_edit = PassphraseEdit(self)
        self.current_edit.setAccessibleName(_("Current passphrase"))
        self.current_message = InlineMessage(self)
        self.new_edit = PassphraseEdit(self)
        self.new_edit.setAccessibleName(_("New passphrase"))
        self.strength_meter = StrengthMeter(self)
        self.confirm_edit = PassphraseEdit(self)
        self.confirm_edit.setAccessibleName(_("Confirm new passphrase"))
        self.mismatch_message = InlineMessage(self)
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._update_state)
        self.confirm_edit.returnPressed.connect(self._accept_if_ready)

        warning = QLabel(
            _("Nobody can recover a forgotten passphrase: write it down and keep it safe."), self
        )
        warning.setWordWrap(True)
        warning.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.error_label = InlineMessage(self)
        self.ok_button = plain_button(_("Change passphrase"), self)
        self.ok_button.setEnabled(False)
        self.ok_button.clicked.connect(self.change)
        self.cancel_button = plain_button(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(
            _("Current passphrase:"), field_with_message(self.current_edit, self.current_message)
        )
        form.addRow(_("New passphrase:"), field_with_message(self.new_edit, self.strength_meter))
        form.addRow(
            _("Confirm new passphrase:"),
            field_with_message(self.confirm_edit, self.mismatch_message),
        )

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self.current_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_state(self) -> None:
        current = self.current_edit.text()
        new = self.new_edit.text()
        confirm = self.confirm_edit.text()
        context = (self.session.workspace.path.stem, current, "mamori")
        self.strength_meter.update_for(new, context)
        typing = new.startswith(confirm) and len(confirm) < len(new)
        if confirm and confirm != new and not typing:
            self.mismatch_message.show_error(_("The two passphrases are not the same."))
        else:
            self.mismatch_message.clear_message()
        same = bool(new) and new == current
        if same:
            self.error_label.show_error(_("The new passphrase is the same as the current one."))
        else:
            self.error_label.clear_message()
        self.current_message.clear_message()
        self.ok_button.setEnabled(
            bool(current) and self.strength_meter.acceptable and new == confirm and not same
        )

    def _accept_if_ready(self) -> None:
        if self.ok_button.isEnabled():
            self.change()

    def change(self) -> bool:
        """Re-encrypt with the new passphrase; a wrong current passphrase is reported in place."""
        if not self.ok_button.isEnabled():
            return False
        workspace = self.session.workspace
        old, new = self.current_edit.text(), self.new_edit.text()
        was_remembered = secrets.recall(workspace.path) is not None
        try:
            with busy_cursor():
                workspace.change_passphrase(old, new)
        except WorkspaceError as exc:
            self.current_message.show_error(str(exc))
            self.current_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.current_edit.selectAll()
            return False
        if was_remembered:
            secrets.remember(workspace.path, new)
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.clear_secret()
        self.accept()
        return True
