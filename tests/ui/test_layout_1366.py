"""Text that fits: every page and every register form at 1366×768, in Japanese.

Opens each page of the main window and each record form at the size of a 1366×768 laptop
(less the taskbar and the window frame) and fails on any label, button, filter, placeholder
or column header whose text is cut off, on widgets of a layout drawn over each other, and on a
dialog that cannot fit the screen however it is sized.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from app.registers.registry import all_registers
from app.settings import Settings
from tests.ui.layout_check import layout_problems
from ui.contractors.actions import questionnaire_handler
from ui.jobs import database_pool
from ui.main_window import NAV_KEY, MainWindow
from ui.record_form import RecordDialog

pytestmark = pytest.mark.gui

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768 - 40  # the taskbar
FRAME = 40  # title bar and borders


@pytest.fixture
def japanese():
    set_language("ja")
    yield
    set_language("en")


@pytest.fixture
def window(demo_session, qtbot, japanese) -> MainWindow:
    main = MainWindow(demo_session, Settings(language="ja"))
    qtbot.addWidget(main)
    main.resize(SCREEN_WIDTH - 16, SCREEN_HEIGHT - FRAME)
    main.show()
    qtbot.waitExposed(main)
    return main


def _nav_keys(window: MainWindow) -> list[str]:
    items = (window.nav.item(row) for row in range(window.nav.count()))
    return [item.data(NAV_KEY) for item in items if item.data(NAV_KEY)]


def settle() -> None:
    """Let the page's database jobs finish and their results be laid out."""
    database_pool().waitForDone(10_000)
    for _round in range(3):
        QApplication.processEvents()


def test_every_page_fits_at_1366_by_768(window, qtbot) -> None:
    problems = []
    for key in _nav_keys(window):
        page = window.show_page(key)
        settle()
        problems += [f"{key}: {problem}" for problem in layout_problems(page)]
    problems += [f"navigation: {problem}" for problem in layout_problems(window.nav)]
    assert problems == []


@pytest.mark.parametrize(
    "key", [d.key for d in all_registers() if not d.singleton], ids=lambda key: key
)
def test_every_register_form_fits_at_1366_by_768(demo_session, qtbot, japanese, key) -> None:
    from app.registers.registry import get_register

    dialog = RecordDialog(demo_session, get_register(key))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().height() <= SCREEN_HEIGHT - FRAME
    assert dialog.minimumSizeHint().width() <= SCREEN_WIDTH
    assert layout_problems(dialog) == []


def test_the_window_s_dialogs_fit_at_1366_by_768(window, demo_session, qtbot) -> None:
    asset_id = demo_session.conn.execute("SELECT asset_id FROM risk_assessment LIMIT 1").fetchone()[
        0
    ]
    contractor_id = demo_session.conn.execute("SELECT id FROM contractor LIMIT 1").fetchone()[0]
    problems = []
    for name, open_dialog in (
        ("risk editor", lambda: window.open_risk_editor(asset_id)),
        ("import wizard", lambda: window.open_import_wizard()),
        ("notice", lambda: window.show_notice()),
        ("questionnaire", lambda: questionnaire_handler(window)(contractor_id)),
    ):
        dialog = open_dialog()  # owned by the window, which closes it
        settle()
        assert dialog.minimumSizeHint().height() <= SCREEN_HEIGHT - FRAME, name
        problems += [f"{name}: {problem}" for problem in layout_problems(dialog)]
        dialog.close()
    assert problems == []


def test_the_checker_finds_cut_text(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    layout = QHBoxLayout(root)
    label = QLabel("要配慮個人情報: すべて")
    label.setFixedWidth(40)
    layout.addWidget(label)
    root.show()
    qtbot.waitExposed(root)
    assert len(layout_problems(root)) == 1


def test_the_form_does_not_jump_when_a_message_goes(session, qtbot, japanese) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from app.areas.organisation.registers import PEOPLE

    dialog = RecordDialog(session, PEOPLE)
    qtbot.addWidget(dialog)
    dialog.resize(680, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    QApplication.processEvents()
    assert "staff_no" in dialog.form.errors_shown()
    below = dialog.form.rows["kana"]
    where = below.mapTo(dialog, below.rect().topLeft()).y()
    qtbot.keyClicks(dialog.form.editors["staff_no"].focus_widget(), "12345")
    for _round in range(3):
        QApplication.processEvents()
    assert "staff_no" not in dialog.form.errors_shown()
    assert below.mapTo(dialog, below.rect().topLeft()).y() == where


def test_navigation_headings_are_readable(window) -> None:
    """Measured on the pixels drawn: the darkest ink of each heading against its background."""
    from PySide6.QtGui import QColor

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(v) for v in colour.getRgbF()[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    nav = window.nav
    headings = [nav.item(row) for row in range(nav.count()) if not nav.item(row).data(NAV_KEY)]
    assert headings
    for heading in headings:
        nav.scrollToItem(heading)  # more areas than fit the screen: look at each in view
        image = nav.viewport().grab(nav.visualItemRect(heading)).toImage()
        background = luminance(image.pixelColor(1, 1))
        ink = min(
            luminance(image.pixelColor(x, y))
            for x in range(image.width())
            for y in range(image.height())
        )
        light, dark = sorted((ink, background), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, heading.text()
