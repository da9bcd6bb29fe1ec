"""Input as a user gives it, for GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView


def double_click(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    """A real double-click on ``index`` (press, release, double-click), not an emitted signal."""
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
