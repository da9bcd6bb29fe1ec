"""Pieces of the import wizard: the preview and problem models, the count tiles, column choosers.

``PreviewModel`` shows the first data rows of a sheet with the mapped columns tinted and cells
that do not parse marked; ``ProblemModel`` lists a plan's problems (row, column, value, message,
severity). The pages in ``ui.import_wizard_pages`` put them together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.importing.mapping import column_title, columns_title
from app.importing.reader import column_letter
from app.importing.spec import MappedRow, Problem, Target
from ui.icons import icon

PREVIEW_ROWS = 50
NOT_IMPORTED = -1
MAPPED_BACKGROUND = QColor("#E0F2F1")
PROBLEM_BACKGROUND = QColor("#FFEBEE")
WARNING_BACKGROUND = QColor("#FFF8E1")
ERROR_COLOUR = QColor("#B3261E")
WARNING_COLOUR = QColor("#8A5A00")
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1
ADDED_COLOUR = "#00695C"
SKIPPED_COLOUR = "#C62828"


def count_colour(key: str, number: int) -> str | None:
    """Tile colour for a plan's count: teal for what is added, red for rows left out."""
    if not number:
        return None
    if key.endswith(("created", "added")):
        return ADDED_COLOUR
    if key == "invalid_skipped":
        return SKIPPED_COLOUR
    return None


def cell_text(value: Any) -> str:
    """A cell as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return " ".join(cell_text(part) for part in value if part is not None)
    return str(value)


def target_caption(target: Target) -> str:
    return f"{_(target.label)} *" if target.required else _(target.label)


def bold(widget: QWidget, factor: float = 1.0) -> None:
    font = widget.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


def table_view(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    return view


class CountGrid(QWidget):
    """Counts as big numbers over captions, like the Dashboard's tiles but smaller."""

    COLUMNS = 5

    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(10)
        self.values: dict[str, int] = {}

    def set_counts(self, counts: Sequence[tuple[str, str, int, str | None]]) -> None:
        """(key, caption, number, colour or None) in order."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.values = {}
        for position, (key, caption, number, colour) in enumerate(counts):
            self.values[key] = number
            tile = QFrame()
            tile.setObjectName("countTile")
            border = colour or "palette(mid)"
            tile.setStyleSheet(
                "#countTile { background: palette(base); border: 1px solid palette(midlight);"
                f" border-top: 3px solid {border}; border-radius: 4px; }}"
            )
            figure = QLabel(f"{number:,}")
            bold(figure, 1.6)
            if colour:
                figure.setStyleSheet(f"color: {colour};")
            elif not number:
                figure.setStyleSheet("color: palette(placeholder-text);")
            text = QLabel(caption)
            text.setWordWrap(True)
            box = QVBoxLayout(tile)
            box.setContentsMargins(12, 4, 12, 6)
            box.setSpacing(0)
            box.addWidget(figure)
            box.addWidget(text)
            tile.setAccessibleName(f"{caption}: {number}")
            self._grid.addWidget(tile, position // self.COLUMNS, position % self.COLUMNS)
        for column in range(self.COLUMNS):
            self._grid.setColumnStretch(column, 1)


# ----- models ---------------------------------------------------------------------------------


class PreviewModel(QAbstractTableModel):
    """The first data rows of the sheet; mapped columns tinted, cells that do not parse in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Any, ...]] = []
        self._numbers: list[int] = []
        self._headers: list[str] = []
        self._width = 0
        self._targets_of: dict[int, list[str]] = {}  # column -> target labels
        self._problems: dict[tuple[int, int], list[Problem]] = {}  # (row number, column)

    def set_preview(
        self,
        rows: Sequence[tuple[Any, ...]],
        numbers: Sequence[int],
        headers: Sequence[str],
        width: int,
        mapping: dict[str, tuple[int, ...]],
        targets: Sequence[Target],
        mapped: Sequence[MappedRow],
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._numbers = list(numbers)
        self._headers = list(headers)
        self._width = width
        self._targets_of = {}
        titles: dict[str, tuple[int, ...]] = {}
        for target in targets:
            columns = mapping.get(target.key) or ()
            for column in columns:
                self._targets_of.setdefault(column, []).append(_(target.label))
            if columns:
                titles[columns_title(headers, columns)] = columns
        self._problems = {}
        for row in mapped:
            for problem in row.problems:
                for column in titles.get(problem.column or "", ()):
                    self._problems.setdefault((row.row, column), []).append(problem)
        self.endResetModel()

    def is_mapped(self, column: int) -> bool:
        return column in self._targets_of

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._width

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        cells = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cells[column]) if column < len(cells) else ""
        problems = self._problems.get((self._numbers[row], column), [])
        if role == Qt.ItemDataRole.BackgroundRole:
            if any(problem.severity == "error" for problem in problems):
                return QBrush(PROBLEM_BACKGROUND)
            if problems:
                return QBrush(WARNING_BACKGROUND)
            if column in self._targets_of:
                return QBrush(MAPPED_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column not in self._targets_of:
            return QBrush(QColor("#78909C"))
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problem.message for problem in problems)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self._numbers[section]) if 0 <= section < len(self._numbers) else None
        if not 0 <= section < self._width:
            return None
        title = f"{column_letter(section)}  {column_title(self._headers, section)}"
        if section < len(self._headers) and not self._headers[section].strip():
            title = column_letter(section)
        labels = self._targets_of.get(section)
        return f"{title}\n→ {', '.join(labels)}" if labels else f"{title}\n"


class ProblemColumn(IntEnum):
    ROW = 0
    COLUMN = 1
    VALUE = 2
    MESSAGE = 3
    SEVERITY = 4


class ProblemModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self.file_name = ""

    def set_problems(self, problems: Sequence[Problem], file_name: str) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.file_name = file_name
        self.endResetModel()

    def problem(self, row: int) -> Problem:
        return self._problems[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ProblemColumn)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = ProblemColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ProblemColumn.ROW:
                row = "" if problem.row is None else str(problem.row)
                return f"{problem.sheet} {row}" if problem.sheet else row
            if column is ProblemColumn.COLUMN:
                return problem.column or ""
            if column is ProblemColumn.VALUE:
                return cell_text(problem.value)
            if column is ProblemColumn.MESSAGE:
                return problem.message
            return _("Error") if problem.severity == "error" else _("Warning")
        if role == SEVERITY_ROLE:
            return problem.severity
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem.describe(self.file_name)
        if role == Qt.ItemDataRole.ForegroundRole and column is ProblemColumn.SEVERITY:
            return QBrush(ERROR_COLOUR if problem.severity == "error" else WARNING_COLOUR)
        if role == Qt.ItemDataRole.DecorationRole and column is ProblemColumn.SEVERITY:
            return icon("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole and column is ProblemColumn.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            ProblemColumn.ROW: _("Row"),
            ProblemColumn.COLUMN: _("Column"),
            ProblemColumn.VALUE: _("Value"),
            ProblemColumn.MESSAGE: _("Problem"),
            ProblemColumn.SEVERITY: _("Severity"),
        }
        return titles.get(ProblemColumn(section)) if 0 <= section < len(ProblemColumn) else None


class ColumnChooser(QWidget):
    """The column(s) feeding one target: a combo, and a second one for a name split in two."""

    def __init__(self, target: Target, on_change: Any) -> None:
        super().__init__()
        self.target = target
        self.primary = QComboBox()
        self.primary.setAccessibleName(_(target.label))
        self.primary.setMinimumContentsLength(12)
        self.primary.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.secondary: QComboBox | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.primary, 2)
        if target.joinable:
            self.secondary = QComboBox()
            self.secondary.setAccessibleName(
                _("{target}, second column").format(target=_(target.label))
            )
            self.secondary.setToolTip(
                _("A second column joined with a space, e.g. 名 after 姓 (optional)")
            )
            self.secondary.setMinimumContentsLength(6)
            self.secondary.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            row.addWidget(QLabel("+"))
            row.addWidget(self.secondary, 1)
        for combo in self._combos():
            combo.activated.connect(lambda _index: on_change(self))

    def _combos(self) -> list[QComboBox]:
        return [self.primary, *([self.secondary] if self.secondary is not None else [])]

    def set_headers(self, headers: Sequence[str]) -> None:
        for combo in self._combos():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— not imported —") if combo is self.primary else "—", NOT_IMPORTED)
            for index in range(len(headers)):
                text = headers[index].strip()
                letter = column_letter(index)
                combo.addItem(f"{letter}  {text}" if text else letter, index)
            combo.blockSignals(False)

    def columns(self) -> tuple[int, ...]:
        chosen = [combo.currentData() for combo in self._combos()]
        return tuple(dict.fromkeys(int(c) for c in chosen if c is not None and c != NOT_IMPORTED))

    def set_columns(self, columns: Sequence[int]) -> None:
        combos = self._combos()
        for position, combo in enumerate(combos):
            combo.blockSignals(True)
            wanted = columns[position] if position < len(columns) else NOT_IMPORTED
            index = combo.findData(wanted)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
