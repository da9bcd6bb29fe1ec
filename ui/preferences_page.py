"""Preferences: the officer's own settings on this PC (language, auto-lock, remembered passphrase).

Every change is saved at once through ``app.settings.save`` and announced with ``settings_changed``;
the main window applies it (a new language rebuilds every page). Workspace-wide settings such as the
organisation and fiscal year are a register of their own, not preferences.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import secrets
from app import settings as settings_store
from app.i18n import _
from app.paths import user_log_dir
from app.settings import Settings
from ui.errors import open_folder
from ui.icons import icon
from ui.pages import Page
from ui.session import Session
from ui.widgets.style import muted

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
SAVE_DELAY_MS = 500  # the spin box saves once the officer stops clicking
MAX_AUTO_LOCK_MINUTES = 240


class PreferencesPage(Page):
    settings_changed = Signal(object)  # Settings

    def __init__(self, session: Session, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.settings = replace(settings)

        heading = QLabel(_("Preferences"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        heading.setFont(font)
        subtitle = muted(
            QLabel(_("Your own settings on this PC. They apply immediately.")), wrap=True
        )

        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(heading)
        column.addWidget(subtitle)
        column.addWidget(self._language_box())
        column.addWidget(self._lock_box())
        column.addWidget(self._passphrase_box())
        column.addWidget(self._log_box())
        column.addStretch(1)

        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(760)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(holder, 1)
        layout.addStretch(0)
        self.refresh()

    def title(self) -> str:
        return _("Preferences")

    # ----- building -----------------------------------------------------------------------------

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(_("Language"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(self.settings.language))
        )
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_combo.setMinimumWidth(180)
        form.addRow(_("Display language"), self.language_combo)
        form.addRow(
            "", muted(QLabel(_("Applies immediately; every screen is rebuilt.")), wrap=True)
        )
        return box

    def _lock_box(self) -> QGroupBox:
        box = QGroupBox(_("Automatic lock"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.auto_lock_spin = QSpinBox()
        self.auto_lock_spin.setRange(0, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock_spin.setSingleStep(5)
        self.auto_lock_spin.setSuffix(_(" minutes"))
        self.auto_lock_spin.setSpecialValueText(_("Off"))
        self.auto_lock_spin.setValue(self.settings.auto_lock_minutes)
        self.auto_lock_spin.setMinimumWidth(180)
        self.auto_lock_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._auto_lock_chosen)
        self.auto_lock_spin.valueChanged.connect(self._save_timer.start)
        self.auto_lock_spin.editingFinished.connect(self._auto_lock_chosen)
        form.addRow(_("Lock after"), self.auto_lock_spin)
        form.addRow(
            "",
            muted(
                QLabel(
                    _(
                        "Mamori hides every record and asks for the passphrase after this long "
                        "without use. 0 turns automatic locking off."
                    )
                ),
                wrap=True,
            ),
        )
        self.backup_keep_spin = QSpinBox()
        self.backup_keep_spin.setRange(1, 100)
        self.backup_keep_spin.setValue(self.settings.backup_keep)
        self.backup_keep_spin.setMinimumWidth(180)
        self.backup_keep_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.backup_keep_spin.editingFinished.connect(self._backup_keep_chosen)
        self.backup_keep_spin.valueChanged.connect(self._save_timer.start)
        form.addRow(_("Automatic backups kept"), self.backup_keep_spin)
        form.addRow(
            "",
            muted(
                QLabel(
                    _(
                        "A verified backup is written when Mamori closes and once a day, in a "
                        "folder beside the workspace; older ones beyond this number are removed."
                    )
                ),
                wrap=True,
            ),
        )
        return box

    def _passphrase_box(self) -> QGroupBox:
        box = QGroupBox(_("Remembered passphrase"))
        layout = QVBoxLayout(box)
        self.workspace_label = muted(QLabel(), wrap=True)
        self.workspace_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase_status = QLabel()
        self.passphrase_status.setWordWrap(True)
        self.forget_button = QPushButton(icon("passphrase"), _("Forget the remembered passphrase"))
        self.forget_button.clicked.connect(self.forget_passphrase)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_status, 1)
        row.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.workspace_label)
        layout.addLayout(row)
        return box

    def _log_box(self) -> QGroupBox:
        box = QGroupBox(_("Log files"))
        layout = QVBoxLayout(box)
        self.log_folder = user_log_dir()
        path = QLabel(str(self.log_folder))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_log_button = QPushButton(_("Open log folder"))
        self.open_log_button.clicked.connect(lambda: open_folder(self.log_folder))
        row = QHBoxLayout()
        row.addWidget(path, 1)
        row.addWidget(self.open_log_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "The log records what Mamori did and any unexpected error, never the "
                        "contents of your records."
                    )
                ),
                wrap=True,
            )
        )
        return box

    # ----- state --------------------------------------------------------------------------------

    def refresh(self) -> None:
        path = self.session.workspace.path
        self.workspace_label.setText(_("Workspace: {path}").format(path=path))
        if not secrets.available():
            self.passphrase_status.setText(
                _("This PC has no credential store Mamori can use, so no passphrase is kept.")
            )
            self.forget_button.setEnabled(False)
        elif secrets.recall(path) is not None:
            self.passphrase_status.setText(
                _(
                    "The passphrase of this workspace is remembered in this PC's credential "
                    "store, so Mamori opens it without asking."
                )
            )
            self.forget_button.setEnabled(True)
        else:
            self.passphrase_status.setText(
                _("The passphrase of this workspace is not remembered on this PC.")
            )
            self.forget_button.setEnabled(False)

    def forget_passphrase(self) -> None:
        secrets.forget(self.session.workspace.path)
        self.refresh()

    def _language_chosen(self) -> None:
        language = self.language_combo.currentData()
        if language and language != self.settings.language:
            self.settings.language = language
            self.save()

    def _backup_keep_chosen(self) -> None:
        keep = self.backup_keep_spin.value()
        if keep != self.settings.backup_keep:
            self.settings.backup_keep = keep
            self.save()

    def _auto_lock_chosen(self) -> None:
        self._backup_keep_chosen()
        self._save_timer.stop()
        minutes = self.auto_lock_spin.value()
        if minutes != self.settings.auto_lock_minutes:
            self.settings.auto_lock_minutes = minutes
            self.save()

    def save(self) -> None:
        """Write the settings to disk and tell the main window, which applies them.

        The file is read again first, so what other parts of the app saved meanwhile (recent
        workspaces) is kept; only this page's own settings are replaced.
        """
        stored = settings_store.load()
        stored.language = self.settings.language
        stored.auto_lock_minutes = self.settings.auto_lock_minutes
        stored.backup_keep = self.settings.backup_keep
        stored.normalise()
        settings_store.save(stored)
        self.settings = replace(stored)
        # The receiver switches the language (it compares with the current one to decide
        # whether to rebuild the pages), so this page does not call set_language itself.
        self.settings_changed.emit(replace(stored))
