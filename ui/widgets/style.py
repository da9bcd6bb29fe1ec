"""Small pieces of the house look shared by the pages: scaled fonts, muted text, white cards."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

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


def size_column(header: QHeaderView, column: int, width: int) -> None:
    """Give a table column ``width`` pixels, or more if its heading needs them to be read whole
    (ライフサイクル段階, 残存リスクの点数 are wider than the numbers below them)."""
    header.resizeSection(column, max(width, header.sectionSizeFromContents(column).width()))


def combo_width_for(combo: QComboBox, text: str) -> int:
    """The width a combo box needs to show ``text`` whole, with its arrow and frame."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    content = QSize(combo.fontMetrics().horizontalAdvance(text) + 4, combo.fontMetrics().height())
    return (
        combo.style()
        .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, combo)
        .width()
    )
