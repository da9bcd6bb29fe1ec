"""A filter on a linked record for registers too large for a list: type, pick from SQL matches.

Used above a register table when the linked register (people, typically) has too many records
for a drop-down. Each keystroke asks SQL for at most ``SUGGESTIONS`` matches (the same
width- and kana-insensitive search as the register pages), so it scales to 200,000 people.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.query import ListQuery, compile_query
from app.registers.records import load_record, record_label
from app.storage.database import Connection

SUGGESTIONS = 50
TYPING_DELAY_MS = 150


class LinkFilter(QLineEdit):
    """``currentData()`` is ``everything`` until a record is chosen, then that record's id."""

    changed = Signal()

    def __init__(
        self,
        conn: Connection,
        target: RegisterDef,
        field_label: str,
        everything: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._conn = conn
        self.target = target
        self._everything = everything
        self._value: Any = everything
        self._labels: dict[str, int] = {}
        self.setPlaceholderText(_("{field}: type a name or number").format(field=field_label))
        self.setToolTip(self.placeholderText())
        self.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self._chosen)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.suggest)
        self.textEdited.connect(self._typed)

    def currentData(self) -> Any:
        return self._value

    @property
    def pending(self) -> bool:
        """Whether a look-up of what was typed is still to run."""
        return self._timer.isActive()

    def suggestions(self) -> list[str]:
        return self._suggestions.stringList()

    def _typed(self, text: str) -> None:
        if text not in self._labels:
            self._set(self._everything)  # no longer the chosen record: show every record
        if not text.strip():
            self._timer.stop()
            return
        self._timer.start()

    def suggest(self) -> None:
        """Fill the pop-up with the records matching what is typed (at most SUGGESTIONS)."""
        self._timer.stop()
        terms = self.text().strip()
        if not terms:
            return
        key = self.target.field(self.target.human_key)
        display = self.target.field(self.target.display)
        compiled = compile_query(self.target, ListQuery(search=terms), [key, display])
        rows = compiled.page(self._conn, 0, SUGGESTIONS)
        self._labels = {
            record_label(self.target, {key.key: code, display.key: name}): record_id
            for record_id, code, name in rows
        }
        self._suggestions.setStringList(list(self._labels))
        completer = self.completer()
        if self.hasFocus() and self._labels:
            completer.complete()

    def _chosen(self, text: str) -> None:
        if text in self._labels:
            self._set(self._labels[text])

    def set_value(self, value: Any) -> None:
        if value == self._everything or value is None:
            self.clear()
            self._set(self._everything)
            return
        label = record_label(self.target, load_record(self._conn, self.target, value), self._conn)
        self._labels = {label: value}
        self.setText(label)
        self._set(value)

    def _set(self, value: Any) -> None:
        if value != self._value:
            self._value = value
            self.changed.emit()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text() in self._labels:
            self._chosen(self.text())
        super().keyPressEvent(event)
