"""1366×768 laptops: the main window and every dialog fit the available screen (Windows keeps
40 px for the taskbar), so the status bar and a form's Save button are never under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialogButtonBox

from app.registers.assets import ASSETS
from app.registers.registry import all_registers
from ui.record_form import RecordDialog
from ui.screen_fit import FRAME_HEIGHT, FRAME_WIDTH, available_area, fitted_rect, fitted_size

pytestmark = pytest.mark.gui

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less the taskbar


def framed(rect: QRect) -> QRect:
    """The window with its frame around the client area ``rect``."""
    return rect.adjusted(
        -FRAME_WIDTH // 2, -(FRAME_HEIGHT - FRAME_WIDTH // 2), FRAME_WIDTH // 2, FRAME_WIDTH // 2
    )


def test_the_old_default_of_1280_by_800_is_brought_inside_the_laptop_screen() -> None:
    fitted = fitted_rect(QRect(40, 30, 1280, 800), LAPTOP)
    assert LAPTOP.contains(framed(fitted))
    assert fitted.width() == 1280
    assert fitted.height() == LAPTOP.height() - FRAME_HEIGHT


def test_a_window_saved_on_a_big_monitor_comes_back_on_the_laptop() -> None:
    fitted = fitted_rect(QRect(1800, 900, 1500, 1000), LAPTOP)
    assert LAPTOP.contains(framed(fitted))


def test_a_window_that_fits_is_left_alone() -> None:
    rect = QRect(100, 100, 1000, 500)
    assert fitted_rect(rect, LAPTOP) == rect


def test_record_dialog_sizes_never_exceed_the_laptop_height() -> None:
    for defn in all_registers():
        _width, height = fitted_size(680, min(140 + 58 * len(defn.fields), 760), LAPTOP)
        assert height <= LAPTOP.height() - FRAME_HEIGHT, defn.key


def test_the_longest_form_keeps_save_visible_on_the_screen_it_opens(session, qtbot) -> None:
    """The asset form (the longest) scrolls inside; the buttons stay in the window."""
    dialog = RecordDialog(session, ASSETS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    available = available_area(dialog)
    assert available is not None
    assert dialog.height() <= available.height() - FRAME_HEIGHT
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    bottom = save.mapTo(dialog, save.rect().bottomLeft()).y()
    assert save.isVisible() and bottom <= dialog.height()
