"""The unlocked workspace as the UI sees it: its connection, and a signal when data changes.

Pages never write to the database themselves: they call use cases in ``app/`` and pass the returned
``Changes`` to ``Session.apply``, which tells every page which registers to refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.registers.records import Changes
from app.storage.database import Connection
from app.storage.workspace import Workspace


class Session(QObject):
    changed = Signal(object)  # Changes
    lock_state_changed = Signal(bool)  # True when locked

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    @property
    def conn(self) -> Connection:
        return self.workspace.conn

    @property
    def locked(self) -> bool:
        return self.workspace.locked

    def apply(self, changes: Changes) -> None:
        if changes.registers:
            self.changed.emit(changes)

    def lock(self) -> None:
        if not self.locked:
            self.workspace.lock_session()
            self.lock_state_changed.emit(True)

    def unlock(self, passphrase: str) -> None:
        """Raises WrongPassphraseError (and stays locked) when the passphrase is wrong."""
        self.workspace.unlock_session(passphrase)
        self.lock_state_changed.emit(False)
