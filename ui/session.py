"""The unlocked workspace as the UI sees it: its connection, and a signal when data changes.

Pages never write to the database themselves: they call use cases in ``app/`` and pass the returned
``Changes`` to ``Session.apply``, which tells every page which registers to refresh.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.registers.records import Changes
from app.storage.database import Connection
from app.storage.workspace import Workspace


class Session(QObject):
    changed = Signal(object)  # Changes
    lock_state_changed = Signal(bool)  # True when locked

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._editors: dict[Hashable, QWidget] = {}

    @property
    def conn(self) -> Connection:
        return self.workspace.conn

    @property
    def locked(self) -> bool:
        return self.workspace.locked

    def apply(self, changes: Changes) -> None:
        if changes.registers:
            self.changed.emit(changes)

    # ----- one editor per record ----------------------------------------------------------------

    def editor(self, key: Hashable) -> QWidget | None:
        """The window already editing ``key`` (e.g. ``("people", 12)``), if one is open."""
        return self._editors.get(key)

    def claim_editor(self, key: Hashable, window: QWidget) -> None:
        """Record ``window`` as the editor of ``key`` until it is released or destroyed."""
        self._editors[key] = window
        window.destroyed.connect(lambda *_args, k=key: self._editors.pop(k, None))

    def release_editor(self, key: Hashable, window: QWidget) -> None:
        if self._editors.get(key) is window:
            del self._editors[key]

    def lock(self) -> None:
        if not self.locked:
            self.workspace.lock_session()
            self.lock_state_changed.emit(True)

    def unlock(self, passphrase: str) -> None:
        """Raises WrongPassphraseError (and stays locked) when the passphrase is wrong."""
        self.workspace.unlock_session(passphrase)
        self.lock_state_changed.emit(False)
