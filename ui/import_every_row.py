"""The import wizard's "for every row" box: a roster of one training often has no programme or
date column, so the officer gives them once. The values go to the spec (``set_every_row`` in
``app/``), which the command line fills from ``--programme`` and ``--date`` the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit

from app.i18n import _
from ui.widgets.style import muted

PLACEHOLDERS = {
    "course": "例: 2026年度 個人情報保護研修",
    "held_on": "例: 2026/06/08、令和8年6月8日",
}


class EveryRowBox(QGroupBox):
    """Line edits for the targets a spec lets the officer give once for all rows."""

    def __init__(self, on_change: Callable[[dict[str, str]], str | None]) -> None:
        super().__init__(_("For every row without its own value"))
        self._on_change = on_change
        self._spec: Any = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(8, 6, 8, 6)
        self.edits: dict[str, QLineEdit] = {}
        self.error = QLabel()
        self.hide()

    def show_for(self, spec: Any) -> None:
        """Build the edits for ``spec`` (none: the box is hidden), showing its current values."""
        keys = tuple(getattr(spec, "every_row_targets", ()))
        if spec is self._spec and set(keys) == set(self.edits):
            return
        self._spec = spec
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        self.error = QLabel()  # the rows removed above deleted the previous one
        self.error.setObjectName("everyRowError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.error.hide()
        hint = muted(
            QLabel(_("Give the programme and the date here when the file has no column for them.")),
            wrap=True,
        )
        self.form.addRow(hint)
        labels = {target.key: target.label for target in spec.targets} if keys else {}
        current = getattr(spec, "every_row", {})
        for key in keys:
            edit = QLineEdit()
            edit.setObjectName(f"every_row_{key}")
            edit.setClearButtonEnabled(True)
            edit.setPlaceholderText(PLACEHOLDERS.get(key, ""))
            value = current.get(key)
            if value is not None:
                edit.setText(value.strftime("%Y/%m/%d") if hasattr(value, "strftime") else value)
            edit.textChanged.connect(self._changed)
            caption = QLabel(_(labels.get(key, key)))
            caption.setBuddy(edit)
            self.form.addRow(caption, edit)
            self.edits[key] = edit
        self.form.addRow(self.error)
        self.setVisible(bool(keys))

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def _changed(self) -> None:
        message = self._on_change(self.values())
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
