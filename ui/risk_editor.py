"""The risk analysis of one asset: its assessments, their risk items, and the guided start.

The officer rarely types an analysis from nothing: "Start from a draft" writes an assessment with
the items ``app.areas.assets.drafts`` proposes from the asset register (phase × threat), and "Copy from
another asset…" copies the latest analysis of a similar asset. Items are edited in the generic
record form, which shows each refusal beside its field (a 法令違反 risk cannot be accepted). Every
write goes through an app use case and ``Session.apply``, so the heat map and the registers follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.areas.assets.assessments import (
    assessment_summaries,
    assets_with_analysis,
    department_label,
    latest_assessment_id,
)
from app.areas.assets.drafts import asset_flags, copy_assessment, create_draft_assessment
from app.areas.assets.overview import RiskRow, assessment_heat_maps, band_counts, risk_rows
from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.assets.scoring import load_matrix
from app.areas.organisation.registers import ORGANISATION
from app.catalogues import choices
from app.errors import MamoriError
from app.i18n import _, ngettext
from app.registers.records import Changes, delete_record, load_record, record_label
from ui.dashboard_page import format_day
from ui.heat_map_page import RiskColumn, RiskTable, matrix_labels
from ui.icons import icon
from ui.record_form import HeldForm, RecordDialog, show_record_dialog
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.widgets.heat_map import HeatMapWidget, band_colour
from ui.widgets.style import muted, scaled_font

WATCHED = frozenset({ASSETS.key, RISK_ASSESSMENTS.key, RISK_ITEMS.key})
FLAG_STYLE = (
    "QLabel { background: #FFF3E0; color: #8D4B00; border: 1px solid #FFCC80;"
    " border-radius: 9px; padding: 1px 8px; }"
)


def flag_texts() -> dict[str, str]:
    """What each flag of ``drafts.asset_flags`` is called on the asset's header."""
    return {
        "special_care": _("Special-care data (要配慮)"),
        "my_number": _("My Number"),
        "financial": _("Financial data"),
        "children": _("Children"),
        "high_volume": _("Over 1,000 people"),
        "third_party": _("Provided to third parties"),
        "entrusted": _("Entrusted to contractors"),
        "foreign": _("Processed abroad"),
        "web": _("Collected on the web"),
    }


def _controls(row: RiskRow) -> str:
    if row.planned_controls:
        planned = _("{codes} planned").format(codes=row.planned_controls)
        return f"{row.implemented_controls} (+ {planned})" if row.implemented_controls else planned
    return row.implemented_controls


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def editor_columns() -> list[RiskColumn]:
    return [
        RiskColumn(_("Lifecycle phase"), lambda r: r.phase, 95),
        RiskColumn(_("Threat"), lambda r: r.threat, 120),
        RiskColumn(_("Consequences"), lambda r: r.consequences, 130),
        RiskColumn(_("Scenario"), lambda r: r.scenario, 120),
        RiskColumn(_("I"), lambda r: r.inherent_impact, 30),
        RiskColumn(_("L"), lambda r: r.inherent_likelihood, 30),
        RiskColumn(_("Score"), lambda r: r.inherent_score, 50, score=lambda r: r.inherent_score),
        RiskColumn(_("Controls"), _controls, 130),
        RiskColumn(_("Res. I"), lambda r: _number(r.residual_impact), 46),
        RiskColumn(_("Res. L"), lambda r: _number(r.residual_likelihood), 46),
        RiskColumn(
            _("Residual"),
            lambda r: _number(r.residual_score),
            60,
            sort=lambda r: r.effective_residual,
            score=lambda r: r.residual_score,
        ),
        RiskColumn(_("Treatment"), lambda r: r.treatment or _("not decided"), 110),
        RiskColumn(_("Accepted by"), lambda r: r.accepted_by, 90),
    ]


class AssetChooser(QDialog):
    """Choose the asset whose latest analysis to copy: only assets that have one are listed."""

    def __init__(self, session: Session, exclude: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Copy the analysis of another asset"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search assets…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        for asset in assets_with_analysis(session.conn, exclude=exclude):
            text = f"{asset.label} — " + ngettext(
                "{count} risk", "{count} risks", asset.risk_items
            ).format(count=asset.risk_items)
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, asset.id)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Copy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "The copy becomes a new assessment of this asset. Acceptances are not "
                        "copied: each asset's residual risks are accepted on their own."
                    )
                )
            )
        )
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def asset_ids(self) -> list[int]:
        return [
            int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def chosen_asset(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())


class RiskEditorDialog(QDialog):
    history_requested = Signal(str, int)  # register key, record id (from the record forms)

    def __init__(
        self,
        session: Session,
        asset_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.asset_id = asset_id
        self._today = today
        self.setWindowIcon(icon("risk"))

        self.asset_title = QLabel()
        scaled_font(self.asset_title, 1.45, bold=True)
        self.asset_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.asset_details = muted(QLabel())
        self.asset_details.setWordWrap(True)
        self.flags_row = QHBoxLayout()
        self.flags_row.setSpacing(6)
        self.flag_labels: dict[str, QLabel] = {}
        for key, text in flag_texts().items():
            label = QLabel(text)
            label.setStyleSheet(FLAG_STYLE)
            self.flag_labels[key] = label
            self.flags_row.addWidget(label)
        self.no_flags_label = muted(QLabel(_("No special categories of data")))
        self.flags_row.addWidget(self.no_flags_label)
        self.flags_row.addStretch(1)
        heading = QVBoxLayout()
        heading.setSpacing(6)
        heading.addWidget(self.asset_title)
        heading.addWidget(self.asset_details)
        heading.addLayout(self.flags_row)
        heading.addStretch(1)

        self.inherent_map = HeatMapWidget(compact=True)
        self.inherent_map.setAccessibleName(_("Inherent risk"))
        self.residual_map = HeatMapWidget(compact=True)
        self.residual_map.setAccessibleName(_("Residual risk"))
        self.band_label = QLabel()
        self.band_label.setTextFormat(Qt.TextFormat.RichText)
        summary = QGridLayout()
        summary.setHorizontalSpacing(10)
        summary.setVerticalSpacing(2)
        for column, (caption, widget) in enumerate(
            ((_("Inherent"), self.inherent_map), (_("Residual"), self.residual_map))
        ):
            label = muted(QLabel(caption))
            summary.addWidget(label, 0, column, Qt.AlignmentFlag.AlignHCenter)
            widget.setFixedSize(180, 130)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            summary.addWidget(widget, 1, column)
        summary.addWidget(self.band_label, 2, 0, 1, 2)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addLayout(heading, 1)
        top.addLayout(summary)

        self.assessment_combo = QComboBox()
        self.assessment_combo.setAccessibleName(_("Assessment"))
        self.assessment_combo.setMinimumWidth(320)
        self.assessment_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.assessment_combo.currentIndexChanged.connect(self._show_items)
        assessment_label = QLabel(_("A&ssessment"))
        assessment_label.setBuddy(self.assessment_combo)
        self.open_assessment_button = QPushButton(_("Details…"))
        self.open_assessment_button.setIcon(icon("edit"))
        self.open_assessment_button.setToolTip(
            _("Assessor, approval, next review and trigger of this assessment")
        )
        self.open_assessment_button.clicked.connect(lambda: self.open_assessment())
        self.draft_button = QPushButton(_("Start from a draft"))
        self.draft_button.setIcon(icon("new"))
        self.draft_button.setToolTip(
            _(
                "A new assessment with the threats proposed for each lifecycle phase from the "
                "asset's media, environment and data; then edit the draft"
            )
        )
        self.draft_button.clicked.connect(lambda: self.start_draft())
        self.copy_button = QPushButton(_("Copy from another asset…"))
        self.copy_button.setIcon(icon("import"))
        self.copy_button.setToolTip(_("A new assessment with the risks of a similar asset"))
        self.copy_button.clicked.connect(lambda: self.choose_copy_source())
        bar = QHBoxLayout()
        bar.addWidget(assessment_label)
        bar.addWidget(self.assessment_combo)
        bar.addWidget(self.open_assessment_button)
        bar.addStretch(1)
        bar.addWidget(self.draft_button)
        bar.addWidget(self.copy_button)

        self.table = RiskTable(editor_columns(), self)
        self.table.setObjectName("riskItems")
        self.table.risk_activated.connect(lambda rid: self.open_item(rid))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.empty_label = muted(
            QLabel(
                _(
                    "This asset has no risk analysis yet. Start from a draft proposed from the "
                    "asset register, or copy the analysis of a similar asset."
                )
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMinimumHeight(120)

        self.add_button = QPushButton(_("Add risk"))
        self.add_button.setIcon(icon("new"))
        self.add_button.clicked.connect(lambda: self.add_item())
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setIcon(icon("delete"))
        self.delete_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.count_label = muted(QLabel())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.delete_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(bottom)
        resize_to_fit(self, 1180, 720)
        session.changed.connect(self._on_changed)
        self.reload()

    # ----- loading ------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def assessment_id(self) -> int | None:
        data = self.assessment_combo.currentData()
        return int(data) if data is not None else None

    def assessments(self) -> list[int]:
        """The asset's assessments, latest first, as the combo lists them."""
        return [
            int(self.assessment_combo.itemData(i)) for i in range(self.assessment_combo.count())
        ]

    def set_assessment(self, assessment_id: int) -> None:
        index = self.assessment_combo.findData(assessment_id)
        if index < 0:
            raise ValueError(f"no assessment {assessment_id} of asset {self.asset_id}")
        self.assessment_combo.setCurrentIndex(index)

    def _on_changed(self, changes: Changes) -> None:
        if WATCHED & changes.registers and not self.session.locked:
            self.reload()

    def reload(self, select_assessment: int | None = None) -> None:
        conn = self.session.conn
        asset = {**load_record(conn, ASSETS, self.asset_id), "id": self.asset_id}
        label = record_label(ASSETS, asset, conn)
        self.setWindowTitle(_("Risk analysis — {asset}").format(asset=label))
        self.asset_title.setText(label)
        self._show_asset(asset)
        shown = select_assessment or self.assessment_id
        triggers = dict(choices(conn, "RISK_TRIGGER", include_inactive=True))
        combo = self.assessment_combo
        combo.blockSignals(True)
        combo.clear()
        for assessment in assessment_summaries(conn, self.asset_id):
            parts = [format_day(assessment.assessed_at)]
            if assessment.trigger:
                parts.append(triggers.get(assessment.trigger, assessment.trigger))
            parts.append(_("approved") if assessment.approved else _("not approved"))
            parts.append(
                ngettext("{count} risk", "{count} risks", assessment.items).format(
                    count=assessment.items
                )
            )
            text = " · ".join(parts)
            if assessment.latest:
                text += " " + _("(latest)")
            combo.addItem(text, assessment.id)
        combo.setCurrentIndex(max(0, combo.findData(shown)))
        combo.blockSignals(False)
        self._show_items()

    def _show_asset(self, asset: dict) -> None:
        conn = self.session.conn
        subjects = dict(choices(conn, "SUBJECT_CAT", include_inactive=True))
        media = dict(choices(conn, "MEDIA", include_inactive=True))
        volume = dict(choices(conn, "VOLUME_BAND", include_inactive=True))
        details = [department_label(conn, asset["owner_department"])]
        if asset.get("subject_categories"):
            details.append("、".join(subjects.get(c, c) for c in asset["subject_categories"]))
        if asset.get("media"):
            details.append("、".join(media.get(c, c) for c in asset["media"]))
        if asset.get("volume_band"):
            details.append(volume.get(asset["volume_band"], asset["volume_band"]))
        self.asset_details.setText(" · ".join(part for part in details if part))
        flags = asset_flags(conn, asset)
        for key, label in self.flag_labels.items():
            label.setVisible(key in flags)
        self.no_flags_label.setVisible(not flags & set(self.flag_labels))

    def _show_items(self) -> None:
        conn = self.session.conn
        matrix = load_matrix(conn)
        assessment = self.assessment_id
        rows = risk_rows(conn, assessment_id=assessment) if assessment is not None else []
        self.table.source.set_rows(rows, matrix)
        has = assessment is not None
        self.table.setVisible(has)
        self.empty_label.setVisible(not has)
        self.add_button.setEnabled(has)
        self.open_assessment_button.setEnabled(has)
        self.assessment_combo.setEnabled(has)
        impact_labels, likelihood_labels, titles = matrix_labels(conn)
        parts = []
        for widget, heat in zip(
            (self.inherent_map, self.residual_map),
            assessment_heat_maps(conn, assessment, matrix) if has else (None, None),
            strict=True,
        ):
            widget.set_matrix(matrix, impact_labels, likelihood_labels, titles)
            if heat is not None:
                widget.set_heat_map(heat)
                parts.append(band_counts(heat, matrix))
        if parts:
            cells = []
            for band in matrix.bands:
                colour = band_colour(matrix, band).name()
                cells.append(
                    f'<span style="color:{colour}">■</span> {band.label}: '
                    f"<b>{parts[0][band.code]}</b> → <b>{parts[1][band.code]}</b>"
                )
            self.band_label.setText("<br>".join(cells))
        else:
            self.band_label.setText("")
        self.count_label.setText(
            ngettext("{count} risk", "{count} risks", len(rows)).format(count=len(rows))
            + " · "
            + _("double-click a risk to edit it")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.table.current_row() is not None and bool(
            self.table.selectionModel().selectedRows()))  # fmt: skip

    # ----- the guided start ---------------------------------------------------------------------

    def _officer(self) -> int | None:
        return load_record(self.session.conn, ORGANISATION, 1)["privacy_officer"]

    def start_draft(self) -> Changes | None:
        """A new assessment with the proposed items; shown at once for the officer to edit."""
        try:
            changes = create_draft_assessment(
                self.session.conn, self.asset_id, assessed_at=self.today, assessor=self._officer()
            )
        except MamoriError as exc:
            QMessageBox.warning(self, _("Start from a draft"), str(exc))
            return None
        self.reload(select_assessment=changes.record_id)
        self.session.apply(changes)
        return changes

    def choose_copy_source(self) -> AssetChooser:
        chooser = AssetChooser(self.session, self.asset_id, self)
        chooser.accepted.connect(
            lambda: self.copy_from(chooser.chosen_asset()) if chooser.chosen_asset() else None
        )
        chooser.open()
        return chooser

    def copy_from(self, source_asset: int) -> Changes | None:
        """Copy the latest assessment of ``source_asset`` to this asset as a new assessment."""
        conn = self.session.conn
        latest = latest_assessment_id(conn, source_asset)
        if latest is None:
            return None
        try:
            changes = copy_assessment(conn, latest, self.asset_id, assessed_at=self.today)
        except MamoriError as exc:
            QMessageBox.warning(self, _("Copy from another asset"), str(exc))
            return None
        self.reload(select_assessment=changes.record_id)
        self.session.apply(changes)
        return changes

    # ----- items --------------------------------------------------------------------------------

    def _dialog(
        self, defn, record_id: int | None, setup: Callable[[RecordDialog], None] | None = None
    ) -> RecordDialog:
        def prepare(dialog: RecordDialog) -> None:
            dialog.history_requested.connect(self.history_requested)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if setup is not None:
                setup(dialog)

        return show_record_dialog(self.session, defn, record_id, self, setup=prepare)

    def reopen(self, held: HeldForm) -> RecordDialog:
        """A form closed by the lock, open again with what had been typed into it."""
        defn = RISK_ASSESSMENTS if held.register == RISK_ASSESSMENTS.key else RISK_ITEMS
        return self._dialog(defn, held.record_id, lambda d: d.form.restore(held))

    def open_item(self, item_id: int) -> RecordDialog:
        return self._dialog(RISK_ITEMS, item_id)

    def open_assessment(self) -> RecordDialog | None:
        if self.assessment_id is None:
            return None
        return self._dialog(RISK_ASSESSMENTS, self.assessment_id)

    def add_item(self) -> RecordDialog | None:
        """A new risk item of the shown assessment, in the record form."""
        assessment = self.assessment_id
        if assessment is None:
            return None
        return self._dialog(
            RISK_ITEMS, None, lambda d: d.form.editors["assessment"].set_value(assessment)
        )

    def delete_selected(self, *, ask: bool = True) -> bool:
        row = self.table.current_row()
        if row is None:
            return False
        if ask:
            answer = QMessageBox.question(
                self,
                _("Delete"),
                _("Delete the risk “{phase} · {threat}”? The audit trail keeps its last values.")
                .format(phase=row.phase, threat=row.threat),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            changes = delete_record(self.session.conn, RISK_ITEMS, row.id)
        except MamoriError as exc:
            QMessageBox.warning(self, _("Delete"), str(exc))
            return False
        self.session.apply(changes)
        return True
