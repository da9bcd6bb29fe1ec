"""Small pieces of the house look shared by the pages: scaled fonts, muted text, white cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

CARD_OBJECT_NAME = "card"
CARD_STYLE = (
    f"#{CARD_OBJECT_NAME} {{ background: palette(base); border: 1px solid palette(midlight);"
    " border-radius: 4px; }"
)


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def muted(label: QLabel, *, wrap: bool = False) -> QLabel:
    """Secondary text in the palette's placeholder colour (follows light and dark themes)."""
    label.setStyleSheet("color: palette(placeholder-text);")
    if wrap:
        label.setWordWrap(True)
    return label


def card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout, QHBoxLayout]:
    """A white, bordered panel with a bold title (and a muted hint); returns its header row too."""
    frame = QFrame()
    frame.setObjectName(CARD_OBJECT_NAME)
    frame.setStyleSheet(CARD_STYLE)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 10)
    layout.setSpacing(6)
    header = QHBoxLayout()
    header.setSpacing(10)
    heading = QLabel(title)
    scaled_font(heading, 1.1, bold=True)
    header.addWidget(heading)
    if hint:
        header.addWidget(muted(QLabel(hint)), 0, Qt.AlignmentFlag.AlignBottom)
    header.addStretch(1)
    layout.addLayout(header)
    return frame, layout, header
