"""The base of every page shown in the main window's stack.

A page is built from the ``Session`` and refreshes itself when a use case reports ``Changes`` to one
of the registers it shows (``watched``; empty means "every change"). The main window destroys all
pages when the session locks and builds them again after unlocking, so no data stays on screen;
what a page holds unsaved survives in memory through ``hold`` and ``restore``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.registers.records import Changes
from ui.session import Session


class Page(QWidget):
    watched: frozenset[str] = frozenset()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self._on_changed)

    def title(self) -> str:
        """The translated title shown in the navigation and the window title."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows from the workspace."""

    # ----- unsaved work: asked about on quit, kept in memory across a lock ------------------------

    def unsaved_changes(self) -> list[str]:
        """What would be lost if the page closed now (translated names); empty when nothing."""
        return []

    def commit_pending(self) -> None:
        """Write what the page applies by itself but has not written yet (a delayed auto-save)."""

    def hold(self) -> object | None:
        """Unsaved contents to keep in memory while locked (the page itself is destroyed)."""
        return None

    def restore(self, held: object) -> None:
        """Put back what ``hold`` returned, on the page built again after the unlock."""

    def _on_changed(self, changes: Changes) -> None:
        if not self.watched or self.watched & changes.registers:
            self.refresh()
