"""Handlers of the incidents area's actions on the incident register page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.areas.incidents.actions import raise_action_for_incident
from ui.incidents.assessment_dialog import AssessmentDialog
from ui.incidents.ppc_dialog import PpcDraftDialog
from ui.incidents.reassess_prompt import ensure_prompt

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def open_assessment(window: MainWindow, incident_id: int) -> AssessmentDialog:
    dialog = AssessmentDialog(window.session, incident_id, window)
    dialog.open()
    return dialog


def open_ppc_draft(window: MainWindow, incident_id: int) -> PpcDraftDialog:
    dialog = PpcDraftDialog(window.session, incident_id, parent=window)
    dialog.open()
    return dialog


def open_corrective_action(window: MainWindow, incident_id: int) -> int:
    """Raise the incident's corrective action (or find the one it has) and open it."""
    action_id, changes = raise_action_for_incident(window.session.conn, incident_id)
    window.session.apply(changes)
    window.open_record("corrective_actions", action_id)
    return action_id


def assessment_handler(window: MainWindow):  # type: ignore[no-untyped-def]
    """The wizard's handler for the incident page, and the prompt that asks again after a save."""
    ensure_prompt(window, lambda incident_id: open_assessment(window, incident_id))
    return lambda incident_id: open_assessment(window, incident_id)
