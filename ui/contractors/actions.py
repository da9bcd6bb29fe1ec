"""The handlers of the contractor area's actions on its register page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ui.contractors.questionnaire_dialog import QuestionnaireDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def questionnaire_handler(window: MainWindow) -> Callable[[int], QuestionnaireDialog]:
    """Open one contractor's questionnaire dialog (one per contractor at a time)."""

    def open_dialog(contractor_id: int) -> QuestionnaireDialog:
        key = ("questionnaire", contractor_id)
        existing = window.session.editor(key)
        if isinstance(existing, QuestionnaireDialog):
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = QuestionnaireDialog(window.session, contractor_id, window, today=window.today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.session.claim_editor(key, dialog)
        dialog.finished.connect(lambda _result: window.session.release_editor(key, dialog))
        dialog.open()
        return dialog

    return open_dialog


def questionnaires_due_handler(window: MainWindow) -> Callable[[], None]:
    """Write this round's questionnaires (evaluation due within 60 days) into a chosen folder."""

    def export_all() -> None:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        from app.areas.contractors.questionnaire import export_due_questionnaires
        from app.i18n import _

        folder = QFileDialog.getExistingDirectory(
            window,
            _("Folder for the questionnaires due"),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        )
        if not folder:
            return
        written = export_due_questionnaires(window.session.conn, Path(folder), window.today())
        window.statusBar().showMessage(
            _("{count} questionnaires were written to {folder}.").format(
                count=len(written), folder=folder
            ),
            15_000,
        )

    return export_all
