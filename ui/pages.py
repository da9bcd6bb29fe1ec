"""The base of every page shown in the main window's stack.

A page is built from the ``Session`` and refreshes itself when a use case reports ``Changes`` to one
of the registers it shows (``watched``; empty means "every change"). The main window destroys all
pages when the session locks and builds them again after unlocking, so no data stays on screen.
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

    def _on_changed(self, changes: Changes) -> None:
        if not self.watched or self.watched & changes.registers:
            self.refresh()
