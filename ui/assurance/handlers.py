"""Handlers of the assurance area's actions on its register pages (bound in ``ui/areas.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.areas.assurance.audits import (
    build_checklist,
    findings_from_checklist,
    raise_action_for_finding,
)
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.errors import MamoriError
from app.i18n import _
from ui.assurance.dialogs import ChainDialog, EffectivenessDialog
from ui.errors import show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.main_window import MainWindow


def build_checklist_handler(window: MainWindow) -> Callable[[int], None]:
    def handle(audit_id: int) -> None:
        try:
            changes = build_checklist(window.session.conn, audit_id)
        except MamoriError as exc:
            show_error(window, exc)
            return
        window.session.apply(changes)
        window.statusBar().showMessage(
            _("{count} checklist items were added; open the audit to record the results.").format(
                count=changes.count
            ),
            15_000,
        )

    return handle


def checklist_findings_handler(window: MainWindow) -> Callable[[int], None]:
    def handle(audit_id: int) -> None:
        try:
            changes = findings_from_checklist(window.session.conn, audit_id)
        except MamoriError as exc:
            show_error(window, exc)
            return
        window.session.apply(changes)
        window.statusBar().showMessage(
            _(
                "{count} findings were made from nonconforming and observed checklist items; "
                "check their severity."
            ).format(count=changes.count),
            15_000,
        )

    return handle


def finding_action_handler(window: MainWindow) -> Callable[[int], None]:
    def handle(finding_id: int) -> None:
        try:
            raised = raise_action_for_finding(window.session.conn, finding_id)
        except MamoriError as exc:
            show_error(window, exc)
            return
        window.session.apply(raised.changes)
        window.open_record(CORRECTIVE_ACTIONS.key, raised.action_id)

    return handle


def effectiveness_handler(window: MainWindow) -> Callable[[int], EffectivenessDialog]:
    def handle(action_id: int) -> EffectivenessDialog:
        dialog = EffectivenessDialog(window.session, action_id, window)

        def done() -> None:
            outcome = dialog.outcome
            if outcome is not None and outcome.new_action_id is not None:
                window.statusBar().showMessage(
                    _("The action was not effective: a new action was raised to redo it."), 15_000
                )
                window.open_record(CORRECTIVE_ACTIONS.key, outcome.new_action_id)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    return handle


def chain_handler(window: MainWindow) -> Callable[[int], ChainDialog]:
    def handle(action_id: int) -> ChainDialog:
        dialog = ChainDialog(window.session, action_id, window.open_record, window)
        dialog.open()
        return dialog

    return handle
