"""The red band above every page when the workspace is in rescue mode (damaged, read-only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from app.i18n import _
from app.storage.workspace import Workspace


class RescueBanner(QFrame):
    """Says why nothing can be changed and offers the restore dialog; hidden when all is well."""

    def __init__(self, workspace: Workspace, restore: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("rescueBanner")
        self.setStyleSheet(
            "#rescueBanner { background: #fdecea; border-bottom: 2px solid #c62828; }"
            "#rescueBanner QLabel { color: #7f1d1d; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(_("Restore a backup…"))
        self.restore_button.clicked.connect(restore)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        self.show_state(workspace)

    def show_state(self, workspace: Workspace) -> None:
        if not workspace.rescue:
            self.hide()
            return
        from app.storage.backup import newest_good_backup

        newest = newest_good_backup(workspace.path)
        offer = (
            _("The newest good backup is {name}, taken {when}.").format(
                name=newest.file.name, when=newest.created_at[:16].replace("T", " ")
            )
            if newest is not None
            else _("No checked backup was found beside it; choose one with Restore a backup….")
        )
        self.label.setText(f"{workspace.rescue_message(for_window=True)}\n{offer}")
        self.show()
