"""Windows that fit the screen: on a 1366×768 laptop the status bar and a dialog's Save button stay
above the taskbar. Sizes are clamped to the screen's available area less the window frame."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_HEIGHT = 40  # the title bar and borders the window manager adds around the client area
FRAME_WIDTH = 16
SMALLEST_DIALOG_HEIGHT = 320


def available_area(widget: QWidget | None = None) -> QRect | None:
    """The available geometry (without taskbars) of the widget's screen, or the primary one."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def fitted_size(width: int, height: int, available: QRect) -> tuple[int, int]:
    """``width`` × ``height`` of a client area, shrunk so the framed window fits ``available``."""
    return (
        min(width, available.width() - FRAME_WIDTH),
        min(height, available.height() - FRAME_HEIGHT),
    )


def fitted_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` (a client area) shrunk and moved so the framed window lies inside ``available``."""
    width, height = fitted_size(rect.width(), rect.height(), available)
    left_most = available.left() + FRAME_WIDTH // 2
    top_most = available.top() + FRAME_HEIGHT - FRAME_WIDTH // 2
    x = max(left_most, min(rect.x(), available.right() - FRAME_WIDTH // 2 - width + 1))
    y = max(top_most, min(rect.y(), available.bottom() - FRAME_WIDTH // 2 - height + 1))
    return QRect(x, y, width, height)


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, or smaller so that it fits its screen."""
    available = available_area(window)
    if available is not None:
        width, height = fitted_size(width, height, available)
        height = max(height, min(SMALLEST_DIALOG_HEIGHT, window.minimumHeight() or height))
    window.resize(width, height)
