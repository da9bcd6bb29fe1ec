"""Asking (again): a save that leaves an incident needing a reportability assessment — a new
incident, or one whose count crossed 1,000 or 100 or whose answer changed — offers the wizard at
once, without blocking the window. The dashboard keeps the same question until it is assessed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from app.areas.incidents.assessment import needs_assessment, reassessment_trigger
from app.areas.incidents.registers import INCIDENTS
from app.i18n import _
from app.registers.records import Changes

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReassessmentPrompt(QObject):
    """One per main window; created with the incident page's actions."""

    def __init__(self, window: MainWindow, open_wizard: Callable[[int], object]) -> None:
        super().__init__(window)
        self.setObjectName("incident_reassessment_prompt")
        self.window = window
        self.open_wizard = open_wizard
        self.box: QMessageBox | None = None
        self.stale = self._stale()
        window.session.changed.connect(self._changed)

    def _stale(self) -> dict[int, tuple[str, str]]:
        """Incidents needing an assessment: id -> (number, none / stale)."""
        return {row[0]: (row[1], row[4]) for row in needs_assessment(self.window.session.conn)}

    def _changed(self, changes: Changes) -> None:
        if INCIDENTS.key not in changes.registers:
            return
        now = self._stale()
        fresh = [incident for incident in now if now[incident] != self.stale.get(incident)]
        self.stale = now
        if changes.record_id in fresh:
            number, state = now[changes.record_id]
            self.ask(changes.record_id, number, first=state == "none")

    def ask(self, incident_id: int, number: str, *, first: bool = False) -> QMessageBox:
        why = reassessment_trigger(self.window.session.conn, incident_id)
        text = (
            _(
                "{number}: assess its reportability now? The 速報 clock runs from the day any "
                "department knew."
            )
            if first
            else _("{number}: {why}. Assess its reportability again now?")
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Assess reportability") if first else _("Assess reportability again"),
            text.format(number=number, why=why),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.accepted.connect(lambda: self.open_wizard(incident_id))
        box.open()
        self.box = box
        return box


def ensure_prompt(window: MainWindow, open_wizard: Callable[[int], object]) -> ReassessmentPrompt:
    found = window.findChild(ReassessmentPrompt, "incident_reassessment_prompt")
    return found if found is not None else ReassessmentPrompt(window, open_wizard)
