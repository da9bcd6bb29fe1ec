"""The risk heat map: inherent and residual matrices side by side, and the risks behind a cell.

The counts come from ``app.areas.assets.scoring.heat_maps`` over the latest assessment of each asset (one
query, so it runs on the GUI thread), narrowed by department and asset. Tiles sum the scope up;
clicking a cell (or Enter on it) lists its risks in the table below, and the "high" tiles list the
risks that must be treated. Double-clicking a risk opens it; "Risk analysis…" opens the editor for
the chosen risk's asset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.areas.assets.assessments import (
    assets_of_department,
    departments_owning_assets,
    matrix_titles,
)
from app.areas.assets.overview import RiskRow, Totals, risk_rows, totals
from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.assets.scoring import HeatMap, Matrix, heat_maps, load_matrix
from app.areas.organisation.registers import DEPARTMENTS
from app.catalogues import choices
from app.i18n import _, ngettext
from app.storage.database import Connection
from ui.coverage_page import StatTile
from ui.icons import icon
from ui.pages import Page
from ui.session import Session
from ui.widgets.heat_map import (
    ACCEPT_COLOUR,
    TREAT_COLOUR,
    HeatMapWidget,
    band_colour,
)
from ui.widgets.japanese_sort import JapaneseSortProxy
from ui.widgets.style import card, muted, scaled_font, size_column

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NEUTRAL_COLOUR = "#546E7A"
SCORE_TINT_ALPHA = 60
Cell = tuple[int, int]


# ----- shared pieces (the risk editor uses them too) ------------------------------------------


def legend(matrix: Matrix) -> QLabel:
    """■ Acceptable (1–2)  ■ Monitor (3–5)  ■ Must be treated (6+), from the matrix's bands."""
    parts = []
    for band in matrix.bands:
        scores = f"{band.minimum}+" if band.maximum is None else f"{band.minimum}–{band.maximum}"
        colour = band_colour(matrix, band).name()
        parts.append(f'<span style="color:{colour}">■</span> {band.label} ({scores})')
    label = QLabel("&nbsp;&nbsp;".join(parts))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return muted(label)


def matrix_labels(conn: Connection) -> tuple[list[str], list[str], tuple[str, str]]:
    """(impact level labels, likelihood level labels, (impact title, likelihood title))."""
    return (
        [label for _code, label in choices(conn, "RISK_IMPACT")],
        [label for _code, label in choices(conn, "RISK_LIKELIHOOD")],
        matrix_titles(conn),
    )


@dataclass(frozen=True)
class RiskColumn:
    header: str
    value: Callable[[RiskRow], Any]
    width: int = 110
    sort: Callable[[RiskRow], Any] | None = None
    score: Callable[[RiskRow], int | None] | None = None  # tint the cell by this score's band


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


class RiskModel(QAbstractTableModel):
    """Risk items with declared columns; sorted through a proxy on ``SORT_ROLE``."""

    def __init__(self, columns: Sequence[RiskColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.matrix: Matrix | None = None
        self._rows: list[RiskRow] = []

    def set_rows(self, rows: Sequence[RiskRow], matrix: Matrix | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if matrix is not None:
            self.matrix = matrix
        self.endResetModel()

    def row_object(self, row: int) -> RiskRow:
        return self._rows[row]

    def rows(self) -> list[RiskRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(row)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            key = column.sort(row) if column.sort else column.value(row)
            return "" if key is None else key
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.score is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.score and self.matrix:
            score = column.score(row)
            if score is None:
                return None
            colour = QColor(band_colour(self.matrix, self.matrix.band(score)))
            colour.setAlpha(SCORE_TINT_ALPHA)
            return colour
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None


class RiskTable(QTableView):
    """A read-only, sortable list of risk items; double-click or Enter opens one."""

    risk_activated = Signal(int)

    def __init__(self, columns: Sequence[RiskColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = RiskModel(columns, self)
        self.proxy = JapaneseSortProxy(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        horizontal = self.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(True)
        for number, column in enumerate(columns):
            size_column(horizontal, number, column.width)
        self.activated.connect(self._activate)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.risk_activated.emit(int(index.data(ID_ROLE)))

    def risk_ids(self) -> list[int]:
        """The risk items in the order shown."""
        return [int(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def current_row(self) -> RiskRow | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.source.row_object(self.proxy.mapToSource(index).row())


def page_columns() -> list[RiskColumn]:
    return [
        RiskColumn(_("Asset"), lambda r: r.asset, 200),
        RiskColumn(_("Lifecycle phase"), lambda r: r.phase, 100),
        RiskColumn(_("Threat"), lambda r: r.threat, 110),
        RiskColumn(_("Consequences"), lambda r: r.consequences, 190),
        RiskColumn(
            _("Inherent"),
            lambda r: f"{r.inherent_score}",
            80,
            sort=lambda r: r.inherent_score,
            score=lambda r: r.inherent_score,
        ),
        RiskColumn(
            _("Residual"),
            lambda r: _number(r.residual_score),
            80,
            sort=lambda r: r.effective_residual,
            score=lambda r: r.residual_score,
        ),
        RiskColumn(_("Treatment"), lambda r: r.treatment or _("not decided"), 130),
        RiskColumn(_("Scenario"), lambda r: r.scenario, 200),
    ]


# ----- the page -------------------------------------------------------------------------------


class HeatMapPage(Page):
    watched = frozenset(
        {
            ASSETS.key,
            RISK_ASSESSMENTS.key,
            RISK_ITEMS.key,
            DEPARTMENTS.key,
            "catalogues",
            "catalogue_items",
        }
    )
    open_record = Signal(str, object)  # register key, record id
    analysis_requested = Signal(int)  # asset id: open the risk editor
    shown_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.matrix = Matrix(3, 3, ())
        self.inherent = HeatMap(3, 3)
        self.residual = HeatMap(3, 3)
        self.totals: Totals | None = None
        self.rows: dict[int, RiskRow] = {}
        self.selection: tuple[Any, ...] | None = None  # ("inherent" | "residual", i, l) or (kind,)

        title = QLabel(_("Risk heat map"))
        scaled_font(title, 1.6, bold=True)
        self.scope_label = muted(QLabel())
        self.scope_label.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(title)
        heading.addWidget(self.scope_label)

        self.department_combo = QComboBox()
        self.department_combo.setAccessibleName(_("Department"))
        self.department_combo.setMinimumWidth(220)
        self.department_combo.currentIndexChanged.connect(self._department_chosen)
        self.asset_combo = QComboBox()
        self.asset_combo.setAccessibleName(_("Asset"))
        self.asset_combo.setMinimumWidth(260)
        self.asset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.asset_combo.currentIndexChanged.connect(self._asset_chosen)
        choosers = QGridLayout()
        choosers.setHorizontalSpacing(8)
        choosers.setVerticalSpacing(6)
        for row, (text, combo) in enumerate(
            ((_("&Department"), self.department_combo), (_("&Asset"), self.asset_combo))
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            choosers.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight)
            choosers.addWidget(combo, row, 1)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addLayout(heading, 1)
        header.addLayout(choosers)

        self.tiles = {
            "assets": StatTile(_("assets"), _("Assets in the register (in the chosen scope)")),
            "assessed": StatTile(_("assessed"), _("Assets with at least one risk assessment")),
            "items": StatTile(_("risk items"), _("Risk items of the latest assessments")),
            "high_inherent": StatTile(
                _("high before controls"), _("List the risks whose inherent score is high")
            ),
            "high_residual": StatTile(
                _("high after controls"), _("List the risks whose residual score is still high")
            ),
            "untreated": StatTile(
                _("high, no treatment"),
                _("List the high residual risks with no treatment decided and no acceptance"),
            ),
        }
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(12)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
        for key in ("assets", "assessed", "items"):
            self.tiles[key].clicked.connect(lambda: self.clear_selection())
        for key in ("high_inherent", "high_residual", "untreated"):
            self.tiles[key].clicked.connect(lambda _c=False, k=key: self.select_list(k))

        self.inherent_map = HeatMapWidget()
        self.inherent_map.setObjectName("inherentMap")
        self.inherent_map.setAccessibleName(_("Inherent risk"))
        self.inherent_map.cell_clicked.connect(lambda i, lk: self.select_cell("inherent", i, lk))
        self.residual_map = HeatMapWidget()
        self.residual_map.setObjectName("residualMap")
        self.residual_map.setAccessibleName(_("Residual risk"))
        self.residual_map.cell_clicked.connect(lambda i, lk: self.select_cell("residual", i, lk))
        inherent_card, inherent_layout, _h = card(_("Inherent risk"), _("before controls"))
        inherent_layout.addWidget(self.inherent_map, 1)
        residual_card, residual_layout, _h = card(_("Residual risk"), _("after controls"))
        residual_layout.addWidget(self.residual_map, 1)
        self.legend_row = QHBoxLayout()
        residual_layout.addLayout(self.legend_row)
        self.legend: QLabel | None = None
        maps = QWidget()
        maps_row = QHBoxLayout(maps)
        maps_row.setContentsMargins(0, 0, 0, 0)
        maps_row.setSpacing(12)
        maps_row.addWidget(inherent_card, 1)
        maps_row.addWidget(residual_card, 1)

        self.table = RiskTable(page_columns())
        self.table.setObjectName("cellRisks")
        self.table.risk_activated.connect(lambda rid: self.open_record.emit(RISK_ITEMS.key, rid))
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.filter_label = QLabel()
        scaled_font(self.filter_label, 1.0, bold=True)
        self.analysis_button = QPushButton(_("Risk analysis…"))
        self.analysis_button.setIcon(icon("risk"))
        self.analysis_button.setToolTip(_("Open the risk analysis of the chosen risk's asset"))
        self.analysis_button.clicked.connect(self._open_analysis)
        self.clear_button = QPushButton(_("Show all"))
        self.clear_button.setToolTip(_("List every risk in the chosen departments and assets"))
        self.clear_button.clicked.connect(lambda: self.clear_selection())
        risks_card, risks_layout, risks_header = card(_("Risks"))
        risks_header.insertWidget(1, self.filter_label)
        risks_header.addWidget(muted(QLabel(_("Double-click a risk to open it"))))
        risks_header.addWidget(self.analysis_button)
        risks_header.addWidget(self.clear_button)
        risks_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(maps)
        self.splitter.addWidget(risks_card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([560, 380])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(tiles)
        layout.addWidget(self.splitter, 1)
        self._load_departments()

    def title(self) -> str:
        return _("Risk heat map")

    # ----- filters ------------------------------------------------------------------------------

    @property
    def department_id(self) -> int | None:
        data = self.department_combo.currentData()
        return int(data) if data is not None else None

    @property
    def asset_id(self) -> int | None:
        data = self.asset_combo.currentData()
        return int(data) if data is not None else None

    def set_department(self, department_id: int | None) -> None:
        index = self.department_combo.findData(department_id)
        if index < 0:
            raise ValueError(f"no department {department_id}")
        self.department_combo.setCurrentIndex(index)

    def set_asset(self, asset_id: int | None) -> None:
        index = self.asset_combo.findData(asset_id)
        if index < 0:
            raise ValueError(f"no asset {asset_id} in the chosen department")
        self.asset_combo.setCurrentIndex(index)

    def _load_departments(self) -> None:
        if self.session.locked:
            return
        shown = self.department_id
        combo = self.department_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("All departments"), None)
        for department_id, label in departments_owning_assets(self.session.conn):
            combo.addItem(label, department_id)
        combo.setCurrentIndex(max(0, combo.findData(shown)))
        combo.blockSignals(False)
        self._load_assets()

    def _load_assets(self) -> None:
        shown = self.asset_id
        combo = self.asset_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("All assets"), None)
        for asset in assets_of_department(self.session.conn, self.department_id):
            text = asset.label
            if not asset.assessed:
                text += " " + _("(not assessed)")
            combo.addItem(text, asset.id)
        combo.setCurrentIndex(max(0, combo.findData(shown)))
        combo.blockSignals(False)
        self._compute()

    def _department_chosen(self) -> None:
        self.selection = None
        self._load_assets()

    def _asset_chosen(self) -> None:
        self.selection = None
        self._compute()

    # ----- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_departments()

    def _compute(self) -> None:
        if self.session.locked:
            return
        conn = self.session.conn
        self.matrix = load_matrix(conn)
        self.inherent, self.residual = heat_maps(
            conn, department_id=self.department_id, asset_id=self.asset_id, matrix=self.matrix
        )
        self.totals = totals(
            conn,
            self.inherent,
            self.residual,
            self.matrix,
            department_id=self.department_id,
            asset_id=self.asset_id,
        )
        ids = [item for cell in self.inherent.cells.values() for item in cell]
        self.rows = {row.id: row for row in risk_rows(conn, ids=ids)}
        impact_labels, likelihood_labels, titles = matrix_labels(conn)
        for widget, heat in (
            (self.inherent_map, self.inherent),
            (self.residual_map, self.residual),
        ):
            if (widget.matrix, widget.impact_labels) != (self.matrix, impact_labels):
                widget.set_matrix(self.matrix, impact_labels, likelihood_labels, titles)
            widget.set_heat_map(heat)
        if self.legend is None or self.legend.property("bands") != repr(self.matrix.bands):
            if self.legend is not None:
                self.legend.deleteLater()
            self.legend = legend(self.matrix)
            self.legend.setProperty("bands", repr(self.matrix.bands))
            self.legend_row.insertWidget(0, self.legend, 1)
        self._show_totals()
        self._show_selection()

    def _show_totals(self) -> None:
        t = self.totals
        if t is None:
            return
        self.tiles["assets"].set_value(f"{t.assets:,}", NEUTRAL_COLOUR)
        self.tiles["assessed"].set_value(
            f"{t.assessed:,}", ACCEPT_COLOUR if t.assessed == t.assets else "#F9A825"
        )
        self.tiles["items"].set_value(f"{t.risk_items:,}", NEUTRAL_COLOUR)
        for key, count in (
            ("high_inherent", t.high_inherent),
            ("high_residual", t.high_residual),
            ("untreated", t.untreated_high),
        ):
            colour = NEUTRAL_COLOUR if key == "high_inherent" else None
            self.tiles[key].set_value(
                f"{count:,}", colour or (TREAT_COLOUR if count else ACCEPT_COLOUR)
            )
        scope = []
        if self.department_id is not None:
            scope.append(self.department_combo.currentText())
        if self.asset_id is not None:
            scope.append(self.asset_combo.currentText())
        self.scope_label.setText(
            _(
                "Latest assessment of each asset · {levels} matrix · {scope} · click a cell "
                "to list its risks"
            ).format(
                levels=f"{self.matrix.impact_levels}×{self.matrix.likelihood_levels}",
                scope=" / ".join(scope) if scope else _("every department"),
            )
        )

    # ----- choosing what the table lists --------------------------------------------------------

    def select_cell(self, kind: str, impact: int, likelihood: int) -> None:
        """List the risks of one cell of the inherent or residual map."""
        self.selection = (kind, impact, likelihood)
        self._show_selection()

    def select_list(self, kind: str) -> None:
        """List the risks behind a tile: high_inherent, high_residual or untreated."""
        self.selection = (kind,)
        self._show_selection()

    def clear_selection(self) -> None:
        self.selection = None
        self._show_selection()

    def selected_ids(self) -> list[int]:
        """The ids of the risks the table lists, in the model's order."""
        treat_from = self.matrix.treat_from
        selection = self.selection
        if selection is None:
            return list(self.rows)
        if len(selection) == 3:
            kind, impact, likelihood = selection
            heat = self.inherent if kind == "inherent" else self.residual
            return list(heat.cells.get((impact, likelihood), []))
        predicates: dict[str, Callable[[RiskRow], bool]] = {
            "high_inherent": lambda r: r.inherent_score >= treat_from,
            "high_residual": lambda r: r.effective_residual >= treat_from,
            "untreated": lambda r: r.effective_residual >= treat_from and r.untreated,
        }
        keep = predicates[selection[0]]
        return [rid for rid, row in self.rows.items() if keep(row)]

    def _show_selection(self) -> None:
        ids = self.selected_ids()
        self.table.source.set_rows([self.rows[i] for i in ids if i in self.rows], self.matrix)
        selection = self.selection
        cell: Cell | None = None
        if selection is None:
            text = _("— all in scope")
        elif len(selection) == 3:
            kind, impact, likelihood = selection
            cell = (impact, likelihood)
            band = self.matrix.band(impact * likelihood)
            text = (
                _("— inherent {impact} × {likelihood} ({band})")
                if kind == "inherent"
                else _("— residual {impact} × {likelihood} ({band})")
            ).format(impact=impact, likelihood=likelihood, band=band.label if band else "—")
        else:
            text = {
                "high_inherent": _("— high before controls"),
                "high_residual": _("— high after controls"),
                "untreated": _("— high, no treatment decided"),
            }[selection[0]]
        count = self.table.source.rowCount()
        self.filter_label.setText(
            f"{text} · " + ngettext("{count} risk", "{count} risks", count).format(count=count)
        )
        kind = selection[0] if selection else None
        self.inherent_map.set_selected(cell if kind == "inherent" else None)
        self.residual_map.set_selected(cell if kind == "residual" else None)
        self.clear_button.setEnabled(selection is not None)
        self._update_buttons()
        self.shown_changed.emit()

    def _update_buttons(self) -> None:
        self.analysis_button.setEnabled(self.table.current_row() is not None)

    def _open_analysis(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self.analysis_requested.emit(row.asset_id)
