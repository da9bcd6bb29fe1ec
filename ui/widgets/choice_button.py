"""A large, flat choice button: a title and a grey description, checkable (the welcome dialog)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget


class ChoiceButton(QAbstractButton):
    """A large checkable button with a bold title and a one-line description under it."""

    PADDING_H = 16
    PADDING_V = 12
    SPACING = 3

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(title)
        self.description = description
        self.setCheckable(True)
        self.setAutoExclusive(False)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return font

    def _description_rect_height(self, width: int) -> int:
        text_width = max(40, width - 2 * self.PADDING_H)
        bounds = self.fontMetrics().boundingRect(
            0, 0, text_width, 10_000, int(Qt.TextFlag.TextWordWrap), self.description
        )
        return bounds.height()

    def heightForWidth(self, width: int) -> int:
        title_height = QFontMetrics(self._title_font()).height()
        return (
            2 * self.PADDING_V + title_height + self.SPACING + self._description_rect_height(width)
        )

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = 250
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(180, self.heightForWidth(250))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.isChecked():
            fill = QColor(highlight)
            fill.setAlpha(34)
            border = QColor(highlight)
        elif self.underMouse():
            fill = QColor(palette.color(QPalette.ColorRole.Mid))
            fill.setAlpha(40)
            border = QColor(palette.color(QPalette.ColorRole.Mid))
        else:
            fill = QColor(palette.color(QPalette.ColorRole.Base))
            border = QColor(palette.color(QPalette.ColorRole.Mid))
            border.setAlpha(150)
        pen = QPen(border, 2.0 if self.hasFocus() or self.isChecked() else 1.0)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 7, 7)

        text_rect = self.rect().adjusted(
            self.PADDING_H, self.PADDING_V, -self.PADDING_H, -self.PADDING_V
        )
        title_font = self._title_font()
        painter.setFont(title_font)
        painter.setPen(
            highlight if self.isChecked() else palette.color(QPalette.ColorRole.WindowText)
        )
        title_height = QFontMetrics(title_font).height()
        painter.drawText(
            text_rect.adjusted(0, 0, 0, -(text_rect.height() - title_height)),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.text(),
        )
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            text_rect.adjusted(0, title_height + self.SPACING, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.description,
        )
        painter.end()
