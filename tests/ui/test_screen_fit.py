"""1366×768 laptops: the main window and every dialog fit the available screen (Windows keeps
40 px for the taskbar), so the status bar and a form's Save button are never under it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialogButtonBox

from app.areas.assets.registers import ASSETS
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


LAPTOP_CHECK = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from app.areas.assets.registers import ASSETS
from app.settings import Settings
from app.storage.workspace import Workspace
from ui.main_window import MainWindow
from ui.record_form import RecordDialog
from ui.session import Session

app = QApplication([])
workspace = Workspace.create(Path(sys.argv[1]), "laptop-screen-passphrase-1")
window = MainWindow(Session(workspace), Settings(language="ja"))
window.show()
app.processEvents()
available = window.screen().availableGeometry()
bar = window.statusBar()
bar_bottom = bar.mapToGlobal(bar.rect().bottomLeft()).y()
dialog = RecordDialog(window.session, ASSETS, None, window)
dialog.show()
app.processEvents()
save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
print(json.dumps({
    "available": [available.x(), available.y(), available.width(), available.height()],
    "window": [window.x(), window.y(), window.width(), window.height()],
    "bar_bottom": bar_bottom,
    "bar_visible": bar.isVisible(),
    "dialog_height": dialog.height(),
    "save_bottom": save.mapToGlobal(save.rect().bottomLeft()).y(),
}))
window._quit_confirmed = True
window.close()
"""


def test_at_1366_by_768_the_window_and_the_longest_form_fit(tmp_path) -> None:
    """A real 1366×768 screen (the offscreen platform configured so), in its own process."""
    root = Path(__file__).resolve().parents[2]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "MAMORI_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(root),
    }
    result = subprocess.run(
        [sys.executable, "-c", LAPTOP_CHECK, str(tmp_path / "w.mamori")],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    x, y, width, height = facts["available"]
    assert (width, height) == (1366, 768)
    wx, wy, ww, wh = facts["window"]
    assert wx >= x and wy >= y and wx + ww <= x + width
    assert wy + wh + FRAME_WIDTH // 2 <= y + height
    assert facts["bar_visible"] and facts["bar_bottom"] < y + height
    assert facts["dialog_height"] <= height - FRAME_HEIGHT
    assert facts["save_bottom"] < y + height
