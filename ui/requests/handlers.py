"""The handlers of the requests area's actions and its purge page, for ``ui/areas.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.areas.requests.complaints import raise_action
from app.errors import MamoriError
from app.i18n import _
from ui.requests.clock_dialog import ClockDialog
from ui.requests.provision_dialog import ProvisionLookupDialog
from ui.requests.purge_page import PurgePage

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.pages import Page


def clock_handler(window: MainWindow) -> Callable[[int], ClockDialog]:
    def open_dialog(request_id: int) -> ClockDialog:
        dialog = ClockDialog(window.session, request_id, window.today(), window)
        dialog.open()
        return dialog

    return open_dialog


def provision_handler(window: MainWindow) -> Callable[[int], ProvisionLookupDialog]:
    def open_dialog(request_id: int) -> ProvisionLookupDialog:
        dialog = ProvisionLookupDialog(window.session, request_id, window)
        dialog.open()
        return dialog

    return open_dialog


def corrective_action_handler(window: MainWindow) -> Callable[[int], None]:
    def raise_for(complaint_id: int) -> None:
        answer = QMessageBox.question(
            window,
            _("Raise a corrective action"),
            _(
                "Raise a corrective action from this complaint and link it? The action names the "
                "complaint by its number only."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = raise_action(window.session.conn, complaint_id)
        except MamoriError as exc:
            QMessageBox.warning(window, _("Raise a corrective action"), str(exc))
            return
        window.session.apply(changes)
        window.statusBar().showMessage(
            _("A corrective action was raised and linked to the complaint."), 10_000
        )

    return raise_for


def purge_page(window: MainWindow) -> Page:
    return PurgePage(window.session, window.today)
