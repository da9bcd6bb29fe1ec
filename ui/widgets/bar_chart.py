"""A horizontal bar chart of shares (0–100 %), painted with QPainter (QtCharts is not bundled).

Each bar has a label on the left, a track with the filled share coloured by threshold (at least
``GOOD`` teal, at least ``FAIR`` amber, below that red), the percentage and a muted detail on the
right (e.g. "11 / 20"). Rows grow to ``ROW_MAX`` when there is room and shrink to ``ROW_MIN``;
put the chart in a scroll area for long lists. Hovering highlights a row and shows its tooltip;
clicking, or Enter/Space on the current row (Up/Down/Home/End move it), emits ``bar_clicked(key)``
and marks the bar as selected. A dashed line marks the target share.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

GOOD = 0.9
FAIR = 0.7
GOOD_COLOUR = "#00897B"
FAIR_COLOUR = "#F9A825"
POOR_COLOUR = "#C62828"
ROW_MIN = 20
ROW_MAX = 30
BAR_RATIO = 0.62  # bar thickness / row height
LABEL_MAX_SHARE = 0.42  # of the width, for the labels column
PADDING = 8


def share_colour(value: float | None) -> QColor:
    if value is None:
        return QColor("#B0BEC5")
    if value >= GOOD:
        return QColor(GOOD_COLOUR)
    if value >= FAIR:
        return QColor(FAIR_COLOUR)
    return QColor(POOR_COLOUR)


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: float | None  # 0..1, None when nothing is measured (drawn as "—")
    detail: str = ""  # shown muted after the percentage, e.g. "11 / 20"
    tooltip: str = ""


class BarChart(QWidget):
    bar_clicked = Signal(str)
    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._hover = -1
        self._current = -1
        self._selected: str | None = None
        self.target: float | None = GOOD
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    # ----- data -------------------------------------------------------------------------------

    def set_bars(self, bars: list[Bar]) -> None:
        current_key = self.current_key()
        self._bars = list(bars)
        keys = [bar.key for bar in self._bars]
        self._hover = -1
        self._current = keys.index(current_key) if current_key in keys else (0 if keys else -1)
        if self._selected not in keys:
            self._selected = None
        self.updateGeometry()
        self._update_accessible()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def keys(self) -> list[str]:
        return [bar.key for bar in self._bars]

    def current_key(self) -> str | None:
        return self._bars[self._current].key if 0 <= self._current < len(self._bars) else None

    def hovered_key(self) -> str | None:
        return self._bars[self._hover].key if 0 <= self._hover < len(self._bars) else None

    def selected_key(self) -> str | None:
        return self._selected

    def set_selected(self, key: str | None) -> None:
        """Mark one bar as the chosen one (or none) without emitting ``bar_clicked``."""
        self._selected = key if key in self.keys() else None
        if self._selected is not None:
            self._set_current(self.keys().index(self._selected))
        self.update()

    def click(self, key: str) -> None:
        """As if the bar were clicked (also used by the keyboard)."""
        if key in self.keys():
            self._set_current(self.keys().index(key))
            self._selected = key
            self.update()
            self.bar_clicked.emit(key)

    # ----- geometry ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._bars)) * (ROW_MIN + ROW_MAX) // 2 + 2 * PADDING)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, max(1, len(self._bars)) * ROW_MIN + 2 * PADDING)

    def _row_height(self) -> float:
        if not self._bars:
            return ROW_MAX
        available = (self.height() - 2 * PADDING) / len(self._bars)
        return max(float(ROW_MIN), min(float(ROW_MAX), available))

    def row_rect(self, index: int) -> QRectF:
        height = self._row_height()
        return QRectF(0, PADDING + index * height, self.width(), height)

    def _columns(self) -> tuple[float, float, float]:
        """(label column width, track start, value column width)."""
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self._bars), default=0)
        label_width = min(widest + 2 * PADDING, self.width() * LABEL_MAX_SHARE)
        value_width = metrics.horizontalAdvance("100%") + PADDING
        details = [metrics.horizontalAdvance(bar.detail) for bar in self._bars if bar.detail]
        if details:
            value_width += max(details) + PADDING
        return label_width, label_width, value_width + PADDING

    def index_at(self, point: QPointF) -> int:
        if not self._bars or point.y() < PADDING:
            return -1
        index = int((point.y() - PADDING) // self._row_height())
        return index if 0 <= index < len(self._bars) else -1

    # ----- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        metrics = QFontMetrics(self.font())
        label_width, track_left, value_width = self._columns()
        track_right = self.width() - value_width
        track_width = max(10.0, track_right - track_left)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        track_colour = palette.color(QPalette.ColorRole.Midlight)
        bold = self.font()
        bold.setBold(True)

        for index, bar in enumerate(self._bars):
            row = self.row_rect(index)
            if index == self._hover or bar.key == self._selected:
                fill = QColor(highlight)
                fill.setAlpha(55 if bar.key == self._selected else 28)
                painter.fillRect(row, fill)
            if index == self._current and self.hasFocus():
                pen = QPen(highlight, 1, Qt.PenStyle.DotLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(row.adjusted(0.5, 0.5, -0.5, -0.5))

            painter.setPen(text_colour)
            painter.setFont(bold if bar.key == self._selected else self.font())
            label_rect = QRectF(PADDING, row.top(), label_width - 2 * PADDING, row.height())
            label = metrics.elidedText(
                bar.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
            )
            painter.setFont(self.font())

            thickness = row.height() * BAR_RATIO
            top = row.top() + (row.height() - thickness) / 2
            track = QRectF(track_left, top, track_width, thickness)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track_colour)
            painter.drawRoundedRect(track, 3, 3)
            if bar.value is not None and bar.value > 0:
                filled = QRectF(
                    track_left, top, max(4.0, track_width * min(1.0, bar.value)), thickness
                )
                colour = share_colour(bar.value)
                if index == self._hover:
                    colour = colour.darker(112)
                painter.setBrush(colour)
                painter.drawRoundedRect(filled, 3, 3)

            value_rect = QRectF(track_right + PADDING, row.top(), value_width, row.height())
            painter.setPen(text_colour)
            painter.setFont(bold)
            share = "—" if bar.value is None else f"{bar.value * 100:.0f}%"
            share_width = QFontMetrics(bold).horizontalAdvance("100%")
            painter.drawText(
                QRectF(value_rect.left(), row.top(), share_width, row.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                share,
            )
            painter.setFont(self.font())
            if bar.detail:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(
                        value_rect.left() + share_width + PADDING,
                        row.top(),
                        value_rect.width() - share_width - PADDING,
                        row.height(),
                    ),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    bar.detail,
                )

        if self.target is not None:
            x = track_left + track_width * self.target
            pen = QPen(muted, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            last = self.row_rect(len(self._bars) - 1)
            painter.drawLine(QPointF(x, PADDING / 2), QPointF(x, last.bottom()))

    # ----- interaction ------------------------------------------------------------------------

    def _set_current(self, index: int) -> None:
        if 0 <= index < len(self._bars) and index != self._current:
            self._current = index
            self._update_accessible()
            self.update()
            self.current_changed.emit(self._bars[index].key)

    def _update_accessible(self) -> None:
        bar = self._bars[self._current] if 0 <= self._current < len(self._bars) else None
        if bar is not None:
            self.setAccessibleDescription(self.bar_text(bar))

    @staticmethod
    def bar_text(bar: Bar) -> str:
        share = "—" if bar.value is None else f"{bar.value * 100:.0f}%"
        text = f"{bar.label}: {share}"
        return f"{text} ({bar.detail})" if bar.detail else text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.click(self._bars[index].key)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self._bars:
            super().keyPressEvent(event)
            return
        moves = {
            Qt.Key.Key_Up: self._current - 1,
            Qt.Key.Key_Down: self._current + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self._bars) - 1,
        }
        if key in moves:
            self._set_current(max(0, min(len(self._bars) - 1, moves[key])))
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            current = self.current_key()
            if current is not None:
                self.click(current)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(QPointF(event.pos()))
            if index >= 0:
                bar = self._bars[index]
                QToolTip.showText(event.globalPos(), bar.tooltip or self.bar_text(bar), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
