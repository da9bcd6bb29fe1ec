"""A risk matrix (impact × likelihood) painted with QPainter, with the number of risks per cell.

Rows run from the highest impact at the top down to 1, columns from likelihood 1 on the left, as
the officer draws the matrix on paper (domain §3.7). Each cell is coloured by the band its score
falls in (accept teal, monitor amber, treat red; a matrix with other bands colours them by whether
they may be accepted). Cells holding risks are filled, empty ones only tinted. Hovering highlights a
cell and shows its tooltip; clicking it, or Enter/Space on the current cell (the arrow keys move
it), emits ``cell_clicked(impact, likelihood)`` and marks it selected. ``compact`` drops the level
labels to numbers for the small summary in the risk editor.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
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

from app.areas.assets.scoring import DEFAULT_BANDS, Band, HeatMap, Matrix
from app.i18n import _, ngettext

ACCEPT_COLOUR = "#00897B"
MONITOR_COLOUR = "#F9A825"
TREAT_COLOUR = "#C62828"
EMPTY_ALPHA = 46
PADDING = 8
GAP = 4  # between cells
CJK_START = 0x2E80  # from here on, characters of Japanese (and Chinese) text
_SHORT = re.compile(r"\s*[（(].*$")

Cell = tuple[int, int]  # (impact, likelihood)


def band_colour(matrix: Matrix, band: Band | None) -> QColor:
    """Teal for the lowest band, red for bands that may not be accepted, amber in between."""
    if band is None:
        return QColor("#B0BEC5")
    named = {"accept": ACCEPT_COLOUR, "monitor": MONITOR_COLOUR, "treat": TREAT_COLOUR}
    if band.code in named:
        return QColor(named[band.code])
    if not band.may_accept:
        return QColor(TREAT_COLOUR)
    return QColor(ACCEPT_COLOUR if band is matrix.bands[0] else MONITOR_COLOUR)


def short_label(label: str) -> str:
    """ "3 High (special care, …)" -> "3 High": the words before the explanation."""
    return _SHORT.sub("", label).strip() or label


def text_colour_on(colour: QColor) -> QColor:
    """Dark text on light fills (amber), white on dark ones (teal, red)."""
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#263238") if luminance > 150 else QColor("#FFFFFF")


def upright_title(title: str) -> list[str]:
    """The vertical axis title as characters stacked one under the other (縦書き), for Japanese;
    rotated, Japanese characters lie on their side and cannot be read on a small map. Empty for
    Latin text, which is rotated as usual."""
    if not any(ord(character) >= CJK_START for character in title):
        return []
    return ["↑", *title.replace(" ", "")]


class HeatMapWidget(QWidget):
    cell_clicked = Signal(int, int)  # impact, likelihood

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.matrix = Matrix(3, 3, DEFAULT_BANDS)
        self.heat = HeatMap(3, 3)
        self.impact_labels: list[str] = []
        self.likelihood_labels: list[str] = []
        self.impact_title = _("Impact")
        self.likelihood_title = _("Likelihood")
        self._hover: Cell | None = None
        self._current: Cell = (3, 1)
        self._selected: Cell | None = None
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ----- data -------------------------------------------------------------------------------

    def set_matrix(
        self,
        matrix: Matrix,
        impact_labels: list[str] | None = None,
        likelihood_labels: list[str] | None = None,
        titles: tuple[str, str] | None = None,
    ) -> None:
        """The matrix and its level labels (lowest level first), e.g. from the catalogues."""
        self.matrix = matrix
        self.impact_labels = list(impact_labels or [])
        self.likelihood_labels = list(likelihood_labels or [])
        if titles is not None:
            self.impact_title, self.likelihood_title = titles
        self.heat = HeatMap(matrix.impact_levels, matrix.likelihood_levels)
        self._current = (matrix.impact_levels, 1)
        self._selected = None
        self.updateGeometry()
        self.update()

    def set_heat_map(self, heat: HeatMap) -> None:
        self.heat = heat
        self._update_accessible()
        self.update()

    def count(self, impact: int, likelihood: int) -> int:
        return self.heat.count(impact, likelihood)

    def cells(self) -> list[Cell]:
        """Every cell, top row (highest impact) first."""
        return [
            (impact, likelihood)
            for impact in range(self.matrix.impact_levels, 0, -1)
            for likelihood in range(1, self.matrix.likelihood_levels + 1)
        ]

    def current_cell(self) -> Cell:
        return self._current

    def hovered_cell(self) -> Cell | None:
        return self._hover

    def selected_cell(self) -> Cell | None:
        return self._selected

    def set_selected(self, cell: Cell | None) -> None:
        """Mark a cell as chosen (or none) without emitting ``cell_clicked``."""
        self._selected = cell if cell in self.cells() else None
        if self._selected is not None:
            self._current = self._selected
        self.update()

    def click(self, impact: int, likelihood: int) -> None:
        """As if the cell were clicked (the keyboard uses this too)."""
        if (impact, likelihood) in self.cells():
            self._current = self._selected = (impact, likelihood)
            self._update_accessible()
            self.update()
            self.cell_clicked.emit(impact, likelihood)

    # ----- geometry ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        if self.compact:
            return QSize(190, 150)
        return QSize(460, 340)

    def minimumSizeHint(self) -> QSize:
        if self.compact:
            return QSize(150, 120)
        return QSize(300, 220)

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _axis_labels(self) -> tuple[list[str], list[str]]:
        if self.compact:
            return (
                [str(i) for i in range(1, self.matrix.impact_levels + 1)],
                [str(i) for i in range(1, self.matrix.likelihood_levels + 1)],
            )
        impact = [short_label(t) for t in self.impact_labels] or [
            str(i) for i in range(1, self.matrix.impact_levels + 1)
        ]
        likelihood = [short_label(t) for t in self.likelihood_labels] or [
            str(i) for i in range(1, self.matrix.likelihood_levels + 1)
        ]
        return impact, likelihood

    def grid_rect(self) -> QRectF:
        metrics = QFontMetrics(self._small_font())
        impact, _likelihood = self._axis_labels()
        line = metrics.height()
        title_column = line + PADDING  # the rotated axis title
        labels_width = max((metrics.horizontalAdvance(t) for t in impact), default=0) + PADDING
        labels_width = min(labels_width, self.width() * 0.3)
        left = PADDING + title_column + labels_width
        bottom = PADDING + 2 * line + PADDING
        width = max(10.0, self.width() - left - PADDING)
        height = max(10.0, self.height() - PADDING - bottom)
        return QRectF(left, PADDING, width, height)

    def cell_rect(self, impact: int, likelihood: int) -> QRectF:
        grid = self.grid_rect()
        columns, rows = self.matrix.likelihood_levels, self.matrix.impact_levels
        width, height = grid.width() / columns, grid.height() / rows
        row = self.matrix.impact_levels - impact
        return QRectF(
            grid.left() + (likelihood - 1) * width + GAP / 2,
            grid.top() + row * height + GAP / 2,
            width - GAP,
            height - GAP,
        )

    def cell_at(self, point: QPointF) -> Cell | None:
        for cell in self.cells():
            if self.cell_rect(*cell).contains(point):
                return cell
        return None

    # ----- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        small = self._small_font()
        count_font = QFont(self.font())
        count_font.setBold(True)
        count_font.setPointSizeF(count_font.pointSizeF() * (1.15 if self.compact else 1.7))

        for impact, likelihood in self.cells():
            rect = self.cell_rect(impact, likelihood)
            score = impact * likelihood
            colour = band_colour(self.matrix, self.matrix.band(score))
            count = self.count(impact, likelihood)
            fill = QColor(colour)
            if count == 0:
                fill.setAlpha(EMPTY_ALPHA)
            if (impact, likelihood) == self._hover:
                fill = fill.darker(112) if count else QColor(colour.red(), colour.green(),
                                                              colour.blue(), EMPTY_ALPHA * 2)  # fmt: skip
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            number_colour = text_colour_on(colour) if count else muted
            painter.setPen(number_colour)
            painter.setFont(count_font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
            if not self.compact and rect.height() > 44:
                painter.setFont(small)
                score_colour = QColor(number_colour)
                score_colour.setAlpha(170)
                painter.setPen(score_colour)
                painter.drawText(
                    rect.adjusted(6, 3, -6, -3),
                    Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                    f"{impact}×{likelihood}={score}",
                )
            if (impact, likelihood) == self._selected:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(text, 3))
                painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
            elif (impact, likelihood) == self._hover:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(highlight, 2))
                painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
            if (impact, likelihood) == self._current and self.hasFocus():
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(text, 1, Qt.PenStyle.DotLine))
                painter.drawRect(rect.adjusted(5, 5, -5, -5))

        self._paint_axes(painter, small, text)

    def _paint_axes(self, painter: QPainter, font: QFont, text: QColor) -> None:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        grid = self.grid_rect()
        impact_labels, likelihood_labels = self._axis_labels()
        line = metrics.height()
        painter.setPen(text)
        for impact in range(1, self.matrix.impact_levels + 1):
            rect = self.cell_rect(impact, 1)
            area = QRectF(
                PADDING + line + PADDING,
                rect.top(),
                grid.left() - 2 * PADDING - line,
                rect.height(),
            )
            label = metrics.elidedText(
                impact_labels[impact - 1] if impact <= len(impact_labels) else str(impact),
                Qt.TextElideMode.ElideRight,
                int(area.width()),
            )
            painter.drawText(
                area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
            )
        for likelihood in range(1, self.matrix.likelihood_levels + 1):
            rect = self.cell_rect(1, likelihood)
            area = QRectF(rect.left(), grid.bottom() + 2, rect.width(), line)
            label = metrics.elidedText(
                likelihood_labels[likelihood - 1]
                if likelihood <= len(likelihood_labels)
                else str(likelihood),
                Qt.TextElideMode.ElideRight,
                int(area.width()),
            )
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, label)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)  # axis titles in the text colour: the muted grey is too faint here
        painter.drawText(
            QRectF(grid.left(), grid.bottom() + 4 + line, grid.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            f"{self.likelihood_title} →",
        )
        characters = upright_title(self.impact_title)
        if characters:
            step = min(line, grid.height() / len(characters))
            top = grid.center().y() - step * len(characters) / 2
            for number, character in enumerate(characters):
                painter.drawText(
                    QRectF(PADDING, top + number * step, line, step),
                    Qt.AlignmentFlag.AlignCenter,
                    character,
                )
            return
        painter.save()
        painter.translate(PADDING, grid.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height() / 2, 0, grid.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            f"{self.impact_title} →",
        )
        painter.restore()

    # ----- interaction ------------------------------------------------------------------------

    def cell_text(self, impact: int, likelihood: int) -> str:
        """What a cell holds, for its tooltip and for screen readers."""
        score = impact * likelihood
        band = self.matrix.band(score)
        count = self.count(impact, likelihood)
        risks = ngettext("{count} risk", "{count} risks", count).format(count=count)
        impact_text = (
            self.impact_labels[impact - 1] if impact <= len(self.impact_labels) else str(impact)
        )
        likelihood_text = (
            self.likelihood_labels[likelihood - 1]
            if likelihood <= len(self.likelihood_labels)
            else str(likelihood)
        )
        return _("{impact_title}: {impact}\n{likelihood_title}: {likelihood}\n"
                 "Score {score} ({band}): {risks}").format(
            impact_title=self.impact_title,
            impact=impact_text,
            likelihood_title=self.likelihood_title,
            likelihood=likelihood_text,
            score=score,
            band=band.label if band else "—",
            risks=risks,
        )  # fmt: skip

    def _update_accessible(self) -> None:
        self.setAccessibleDescription(self.cell_text(*self._current).replace("\n", "; "))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if cell else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.click(*cell)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        impact, likelihood = self._current
        moves = {
            Qt.Key.Key_Up: (impact + 1, likelihood),
            Qt.Key.Key_Down: (impact - 1, likelihood),
            Qt.Key.Key_Left: (impact, likelihood - 1),
            Qt.Key.Key_Right: (impact, likelihood + 1),
        }
        key = event.key()
        if key in moves:
            new_impact, new_likelihood = moves[key]
            self._current = (
                max(1, min(self.matrix.impact_levels, new_impact)),
                max(1, min(self.matrix.likelihood_levels, new_likelihood)),
            )
            self._update_accessible()
            self.update()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.click(*self._current)
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
            cell = self.cell_at(QPointF(event.pos()))
            if cell is not None:
                QToolTip.showText(event.globalPos(), self.cell_text(*cell), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
