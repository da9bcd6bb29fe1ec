"""The passphrase field keeps its text off screen and off the clipboard; the meter judges strength."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ui.passphrase_widgets import InlineMessage, PassphraseEdit, StrengthMeter

pytestmark = pytest.mark.gui

STRONG = "violet-harbour-quartz-17"


@pytest.fixture
def edit(qtbot) -> PassphraseEdit:
    widget = PassphraseEdit()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def meter(qtbot) -> StrengthMeter:
    widget = StrengthMeter()
    qtbot.addWidget(widget)
    return widget


def test_text_is_hidden_until_the_eye_is_pressed(edit: PassphraseEdit) -> None:
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert edit.reveal_action in edit.actions()

    edit.reveal_action.trigger()
    assert edit.echoMode() == QLineEdit.EchoMode.Normal
    assert edit.revealed
    assert edit.reveal_action.toolTip() == "Hide passphrase"

    edit.reveal_action.trigger()
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert edit.reveal_action.toolTip() == "Show passphrase"


def test_clear_secret_empties_and_hides_again(edit: PassphraseEdit) -> None:
    edit.setText(STRONG)
    edit.set_revealed(True)
    edit.clear_secret()
    assert edit.text() == ""
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert not edit.reveal_action.isChecked()


def test_context_menu_offers_no_copy_or_cut(edit: PassphraseEdit) -> None:
    edit.setText(STRONG)
    edit.set_revealed(True)
    edit.selectAll()
    menu = edit.context_menu()
    names = {action.objectName() for action in menu.actions()}
    menu.deleteLater()
    assert "edit-paste" in names  # the rest of the standard menu is there
    assert not names & {"edit-copy", "edit-cut"}


def test_copy_shortcut_leaves_the_clipboard_alone(qtbot, edit: PassphraseEdit) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setText("before")
    edit.setText(STRONG)
    edit.set_revealed(True)  # even shown, the text must not reach the clipboard
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "before"
    assert edit.text() == STRONG


def test_meter_rejects_a_short_passphrase(meter: StrengthMeter) -> None:
    meter.update_for("abc")
    assert not meter.acceptable
    assert 1 <= meter.filled_steps <= 3
    assert meter.verdict
    assert "at least 10 characters" in meter.advice


def test_meter_accepts_a_strong_passphrase_and_signals(qtbot, meter: StrengthMeter) -> None:
    with qtbot.waitSignal(meter.changed) as blocker:
        meter.update_for(STRONG)
    assert blocker.args == [True]
    assert meter.acceptable
    assert meter.filled_steps == meter.score + 1 >= 4
    assert meter.verdict in ("Strong", "Very strong")

    with qtbot.waitSignal(meter.changed) as blocker:
        meter.update_for("password1")
    assert blocker.args == [False]
    assert not meter.acceptable


def test_meter_is_empty_for_no_text(meter: StrengthMeter) -> None:
    meter.update_for(STRONG)
    meter.update_for("")
    assert meter.filled_steps == 0
    assert meter.verdict == ""
    assert not meter.acceptable


def test_meter_penalises_words_from_the_context(meter: StrengthMeter) -> None:
    meter.update_for("minatocoop2024")
    assert meter.acceptable
    meter.update_for("minatocoop2024", ("minatocoop",))
    assert not meter.acceptable


def test_inline_message_wraps_paths_but_reports_them_verbatim(qtbot) -> None:
    label = InlineMessage()
    qtbot.addWidget(label)
    assert label.isHidden()
    label.show_error("Cannot open /tmp/some/where.mamori")
    assert not label.isHidden()
    assert label.message == "Cannot open /tmp/some/where.mamori"
    assert label.text() != label.message  # break hints after the separators
    label.clear_message()
    assert label.isHidden()
