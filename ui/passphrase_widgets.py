"""Widgets shared by every screen that asks for a passphrase.

``PassphraseEdit`` hides what is typed, offers a trailing eye to show it, and never hands the text to
the clipboard. ``StrengthMeter`` shows how hard a new passphrase is to guess (``app.passphrase``).
``busy_cursor`` and ``InlineMessage`` keep the start, unlock and lock screens consistent.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.passphrase import assess

# One colour per zxcvbn score (0..4): red, orange, amber, light green, green.
LEVEL_COLOURS = ("#d32f2f", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32")
# The verdict's text colours: darker on a light window so the amber stays readable.
TEXT_COLOURS = ("#c62828", "#d84315", "#9a6700", "#558b2f", "#2e7d32")
STEPS = len(LEVEL_COLOURS)
_ZERO_WIDTH_SPACE = "\u200b"


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor for short blocking work on the GUI thread (key derivation, the demo)."""
    if QApplication.instance() is None:  # e.g. open_remembered before the app is built
        yield
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def breakable(text: str) -> str:
    """Let long paths wrap in a label: a zero-width space after each folder separator."""
    for separator in {os.sep, "/"}:
        text = text.replace(separator, separator + _ZERO_WIDTH_SPACE)
    return text


def folder_text(path: Path) -> str:
    """The folder of ``path`` for display, wrapping at separators."""
    return breakable(str(Path(path).parent))


def field_with_message(field: QWidget | QLayout, message: QWidget) -> QVBoxLayout:
    """A form field with its meter or inline message right under it."""
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(4)
    if isinstance(field, QLayout):
        box.addLayout(field)
    else:
        box.addWidget(field)
    box.addWidget(message)
    return box


class InlineMessage(QLabel):
    """An error (or note) shown in place, under the field it is about; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("inlineMessage")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_error(self, text: str) -> None:
        colour = "#ff8a80" if is_dark(self) else "#b3261e"
        self.setStyleSheet(f"color: {colour};")
        self._show(text)

    def show_note(self, text: str) -> None:
        self.setStyleSheet("")
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(breakable(text))
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    @property
    def message(self) -> str:
        """The text as given (without the invisible wrapping hints)."""
        return self.text().replace(_ZERO_WIDTH_SPACE, "")


def _eye_icon(colour: QColor, slashed: bool) -> QIcon:
    """A simple outlined eye drawn at two resolutions (no icon files needed)."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / 16, size / 16)
        painter.setPen(QPen(colour, 1.3))
        outline = QPainterPath(QPointF(1.5, 8))
        outline.quadTo(QPointF(8, 0.5), QPointF(14.5, 8))
        outline.quadTo(QPointF(8, 15.5), QPointF(1.5, 8))
        painter.drawPath(outline)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(8, 8), 2.2, 2.2)
        if slashed:
            painter.setPen(QPen(colour, 1.5))
            painter.drawLine(QPointF(2.5, 13.5), QPointF(13.5, 2.5))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class PassphraseEdit(QLineEdit):
    """A password field with a "show" eye; its text never goes to the clipboard."""

    revealed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setDragEnabled(False)
        self.setMinimumWidth(260)
        text_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self._show_icon = _eye_icon(text_colour, slashed=False)
        self._hide_icon = _eye_icon(text_colour, slashed=True)
        self.reveal_action = QAction(self._show_icon, _("Show passphrase"), self)
        self.reveal_action.setCheckable(True)
        self.reveal_action.setToolTip(_("Show passphrase"))
        self.reveal_action.toggled.connect(self.set_revealed)
        self.addAction(self.reveal_action, QLineEdit.ActionPosition.TrailingPosition)

    @property
    def revealed(self) -> bool:
        return self.echoMode() == QLineEdit.EchoMode.Normal

    def set_revealed(self, revealed: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password
        if self.echoMode() == mode:
            return
        self.setEchoMode(mode)
        self.reveal_action.setChecked(revealed)  # re-enters here, finds the mode set, returns
        text = _("Hide passphrase") if revealed else _("Show passphrase")
        self.reveal_action.setIcon(self._hide_icon if revealed else self._show_icon)
        self.reveal_action.setText(text)
        self.reveal_action.setToolTip(text)
        self.revealed_changed.emit(revealed)

    def clear_secret(self) -> None:
        """Empty the field and hide the text again (after use, or when the session locks)."""
        self.clear()
        self.set_revealed(False)

    def context_menu(self) -> QMenu:
        """The standard edit menu without Cut and Copy."""
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in ("edit-cut", "edit-copy"):
                menu.removeAction(action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.accept()  # shown or hidden, a passphrase does not go to the clipboard
            return
        super().keyPressEvent(event)


class _StrengthBar(QWidget):
    """Five rounded segments; the first ``filled`` take the colour of the level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filled = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 8)

    def set_filled(self, filled: int) -> None:
        self.filled = max(0, min(STEPS, filled))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        gap = 4.0
        width = (self.width() - gap * (STEPS - 1)) / STEPS
        height = float(self.height())
        empty = self.palette().color(QPalette.ColorRole.Mid)
        empty.setAlpha(90)
        colour = QColor(LEVEL_COLOURS[self.filled - 1]) if self.filled else empty
        for step in range(STEPS):
            painter.setBrush(colour if step < self.filled else empty)
            rect = QRectF(step * (width + gap), 0, width, height)
            painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.end()


class StrengthMeter(QWidget):
    """Bar, verdict and advice for a new passphrase. ``changed`` carries ``acceptable`` and is
    emitted on every ``update_for``."""

    changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._acceptable = False
        self._score = 0
        self.bar = _StrengthBar(self)
        self.verdict_label = QLabel(self)
        self.verdict_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 7)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.advice_label = QLabel(self)
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.advice_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.verdict_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.advice_label)
        self.update_for("")

    @property
    def acceptable(self) -> bool:
        return self._acceptable

    @property
    def score(self) -> int:
        return self._score

    @property
    def filled_steps(self) -> int:
        return self.bar.filled

    @property
    def verdict(self) -> str:
        return self.verdict_label.text()

    @property
    def advice(self) -> str:
        return self.advice_label.text()

    def update_for(self, text: str, context: tuple[str, ...] = ()) -> None:
        strength = assess(text, tuple(word for word in context if word))
        self._acceptable = strength.acceptable
        self._score = strength.score
        if text:
            self.bar.set_filled(strength.score + 1)
            self.verdict_label.setText(strength.verdict)
            colours = LEVEL_COLOURS if is_dark(self) else TEXT_COLOURS
            self.verdict_label.setStyleSheet(f"color: {colours[strength.score]};")
        else:
            self.bar.set_filled(0)
            self.verdict_label.setText("")
        advice = strength.advice or _("Good. Write it down and keep it somewhere safe.")
        self.advice_label.setText(advice)
        self.bar.setAccessibleName(strength.verdict if text else "")
        self.changed.emit(self._acceptable)
