"""The page of one register: search, filters, the table, and New / Edit / Delete / Export.

Everything on it derives from the ``RegisterDef``; no register has a page of its own. Registers
that hold exactly one record (the organisation settings) get ``SingletonPage``, the form inline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.catalogues import choices
from app.errors import MamoriError
from app.i18n import _, ngettext
from app.jobs import Cancelled, Progress
from app.registers.definition import RegisterDef
from app.registers.export import FORMATS, ExportResult, export_register
from app.registers.fields import Field, Kind
from app.registers.lookups import record_count
from app.registers.query import (
    EMPTY,
    Filter,
    ListQuery,
    is_searchable,
    link_choices,
    search_labels,
)
from app.registers.records import delete_records, load_record, record_label
from app.registers.registry import get_register
from app.storage.database import Connection
from app.text import join_list
from ui.icons import icon
from ui.jobs import on_own_connection, run_job
from ui.models.register_model import RegisterTableModel
from ui.pages import Page
from ui.record_form import HeldForm, RecordDialog, RecordForm, show_record_dialog
from ui.session import Session
from ui.widgets.link_filter import LinkFilter
from ui.widgets.style import combo_width_for, size_column

SEARCH_DELAY_MS = 250
SEARCH_TEXT_WIDTH = 240  # pixels of placeholder the search box shows before it names fewer fields
LINK_FILTER_LIMIT = 300  # larger registers are searched, not listed in a filter
_ALL = "__all__"
_FORMAT_NAMES = {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "json": "JSON (*.json)"}
RecordAction = tuple[str, str, Callable[[int], object]]  # (label, icon name, slot(record id))
PageAction = tuple[str, str, Callable[[], object]]  # (label, icon name, slot())
_COLUMN_WIDTHS = {
    Kind.BOOL: 70,
    Kind.DATE: 110,
    Kind.INTEGER: 90,
    Kind.CODE: 120,
    Kind.MONTH_DAY: 90,
}


def _title_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setBold(True)
    label.setFont(font)
    return label


class RegisterPage(Page):
    history_requested = Signal(str, int)
    status_message = Signal(str)

    def __init__(
        self,
        session: Session,
        defn: RegisterDef,
        parent: QWidget | None = None,
        *,
        record_actions: Sequence[RecordAction] = (),
        page_actions: Sequence[PageAction] = (),
    ) -> None:
        super().__init__(session, parent)
        self.defn = defn
        self.watched = frozenset({defn.key, *(item.link for item in defn.link_fields if item.link)})
        self.action_buttons: list[QPushButton] = []
        self.page_buttons: list[QPushButton] = []
        self.model = RegisterTableModel(session, defn, parent=self)
        self.filter_combos: dict[str, QComboBox | LinkFilter] = {}
        self._export_job: Any = None

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        header = QHBoxLayout()
        header.addWidget(_title_label(_(defn.title)))
        header.addSpacing(12)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        header.setSpacing(6)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        labels = [_(label) for label in search_labels(defn)]
        self.search.setToolTip(_("Search {fields}…").format(fields=join_list(labels)))
        for count in range(min(3, len(labels)), 0, -1):  # as many field names as fit
            placeholder = _("Search {fields}…").format(fields=join_list(labels[:count]))
            if self.search.fontMetrics().horizontalAdvance(placeholder) <= SEARCH_TEXT_WIDTH:
                break
        self.search.setPlaceholderText(placeholder if labels else _("Search…"))
        self.search.setMinimumWidth(
            self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 60
        )
        self.search.setEnabled(is_searchable(defn))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(lambda: self.search.setFocus())
        self.addAction(focus_search)

        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        for item in defn.filter_fields:
            combo = self._filter_combo(item)
            if combo is not None:
                self.filter_combos[item.key] = combo
                tools.addWidget(combo, 1)
        self.new_button = QPushButton(_("New"))
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.setToolTip(_("New {item} (Ctrl+N)").format(item=_(defn.item_title)))
        self.new_button.clicked.connect(self.new_record)
        self.new_button.setVisible(defn.creatable)
        self.edit_button = QPushButton(_("Open"))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.delete_button.setVisible(defn.deletable)
        self.export_button = QToolButton()
        self.export_button.setText(_("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        for fmt in FORMATS:
            export_menu.addAction(_FORMAT_NAMES[fmt], lambda f=fmt: self.choose_export(f))
        self.export_button.setMenu(export_menu)
        for label, icon_name, page_slot in page_actions:  # extra actions on the whole register
            button = QPushButton(icon(icon_name), label)
            button.clicked.connect(lambda _c=False, f=page_slot: f())
            header.addWidget(button)
            self.page_buttons.append(button)
        for label, icon_name, slot in record_actions:  # extra actions on one chosen record
            button = QPushButton(icon(icon_name), label)
            button.clicked.connect(lambda _c=False, f=slot: [f(i) for i in self.selected_ids()[:1]])
            header.addWidget(button)
            self.action_buttons.append(button)
        for button, icon_name in (
            (self.new_button, "new"),
            (self.edit_button, "edit"),
            (self.delete_button, "delete"),
        ):
            button.setIcon(icon(icon_name))
            header.addWidget(button)
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        header.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(
            self._column_of(defn.default_sort), Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        horizontal = self.table.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(True)
        for column, item in enumerate(self.model.columns):
            size_column(horizontal, column, _COLUMN_WIDTHS.get(item.kind, 170))
        # activated covers both a double-click and Enter; doubleClicked as well opened two editors
        self.table.activated.connect(self._open_index)
        delete_action = QAction(self.table)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.triggered.connect(lambda: self.delete_selected())
        self.table.addAction(delete_action)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

        self.model.count_changed.connect(self._show_count)
        self.model.count_failed.connect(self.count_label.setText)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()
        if self.model.total is not None:
            self._show_count(self.model.total)

    def title(self) -> str:
        return _(self.defn.title)

    # ----- filters ----------------------------------------------------------------------------

    def _filter_combo(self, item: Field) -> QComboBox | LinkFilter | None:
        if item.kind is Kind.LINK:
            target = get_register(item.link or "")
            total = record_count(self.session.conn, target)
            if total > LINK_FILTER_LIMIT:
                picker = LinkFilter(self.session.conn, target, _(item.label), _ALL)
                picker.setObjectName(f"filter_{item.key}")
                picker.changed.connect(self.apply_filters)
                return picker
        combo = QComboBox()
        combo.setObjectName(f"filter_{item.key}")
        combo.setToolTip(_(item.label))
        combo.addItem(_("All: {field}").format(field=_(item.label)), _ALL)
        conn = self.session.conn
        if item.kind is Kind.BOOL:
            combo.addItem(_("{field}: yes").format(field=_(item.label)), True)
            combo.addItem(_("{field}: no").format(field=_(item.label)), False)
        elif item.kind in (Kind.CHOICE, Kind.MULTI_CHOICE):
            for code, label in choices(conn, item.catalogue or ""):
                combo.addItem(label, code)
            combo.addItem(_("(not set)"), EMPTY)
        elif item.kind in (Kind.LINK, Kind.LINKS):
            options = link_choices(conn, get_register(item.link or ""), LINK_FILTER_LIMIT)
            if options is None:
                return None
            for record_id, label in options:
                combo.addItem(label, record_id)
            combo.addItem(_("(not set)"), EMPTY)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumWidth(combo_width_for(combo, combo.itemText(0)))  # 「…: すべて」 whole
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def current_query(self) -> ListQuery:
        filters = []
        for key, combo in self.filter_combos.items():
            value = combo.currentData()
            if value != _ALL:
                filters.append(Filter(key, value))
        old = self.model.query
        return ListQuery(self.search.text().strip(), tuple(filters), old.sort, old.descending)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.current_query())

    def set_filter(self, key: str, value: Any) -> None:
        combo = self.filter_combos[key]
        if isinstance(combo, LinkFilter):
            combo.set_value(value)
            return
        index = combo.findData(value)
        if index < 0:
            raise KeyError(f"{key}: no filter value {value!r}")
        combo.setCurrentIndex(index)

    # ----- state shown ------------------------------------------------------------------------

    def _column_of(self, key: str) -> int:
        for column, item in enumerate(self.model.columns):
            if item.key == key:
                return column
        return -1

    def _show_count(self, total: int) -> None:
        query = self.model.query
        if query.search or query.filters:
            self.count_label.setText(
                ngettext("{count} record matches", "{count} records match", total).format(
                    count=f"{total:,}"
                )
            )
        else:
            self.count_label.setText(
                ngettext("{count} record", "{count} records", total).format(count=f"{total:,}")
            )
        self._update_empty()

    def _after_reset(self) -> None:
        if self.model.total is None:
            self.count_label.setText(_("Counting…"))
        self._update_empty()
        self._update_buttons()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        query = self.model.query
        if empty:
            self.empty_label.setText(
                _("No records match. Clear the search or filters to see every record.")
                if query.search or query.filters
                else _("No records yet. Choose New to add the first one.")
            )
        self.empty_label.setVisible(empty)

    def _update_buttons(self) -> None:
        selected = len(self.selected_ids())
        self.edit_button.setEnabled(selected == 1)
        for button in self.action_buttons:
            button.setEnabled(selected == 1)
        self.delete_button.setEnabled(selected >= 1)

    def refresh(self) -> None:
        selected = self.selected_ids()
        self.model.reload()
        for record_id in selected:
            row = self.model.row_of(record_id)
            if row is not None:
                self.table.selectRow(row)

    # ----- records ----------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record_id(row) for row in rows]

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(self.model.record_id(index.row()))

    def edit_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_record(ids[0])

    def _dialog(self, record_id: int | None, held: HeldForm | None = None) -> RecordDialog:
        def setup(dialog: RecordDialog) -> None:
            dialog.history_requested.connect(self.history_requested)
            dialog.accepted.connect(lambda: self.select_record(dialog.form.record_id))
            if held is not None:
                dialog.form.restore(held)

        return show_record_dialog(self.session, self.defn, record_id, self, setup=setup)

    def reopen(self, held: HeldForm) -> RecordDialog:
        """A form closed by the lock, open again with what had been typed into it."""
        self.select_record(held.record_id)
        return self._dialog(held.record_id, held)

    def new_record(self) -> RecordDialog | None:
        if not self.defn.creatable:
            return None
        return self._dialog(None)

    def open_record(self, record_id: int) -> RecordDialog:
        """The record's editor; if it is open already, that window comes to the front."""
        return self._dialog(record_id)

    def select_record(self, record_id: int | None) -> None:
        if record_id is None:
            return
        row = self.model.row_of(record_id)
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def delete_selected(self, *, ask: bool = True) -> int:
        """Delete the selected records after confirmation; returns how many were deleted."""
        ids = self.selected_ids()
        if not ids or not self.defn.deletable:
            return 0
        conn = self.session.conn
        if ask:
            if len(ids) == 1:
                label = record_label(self.defn, load_record(conn, self.defn, ids[0]), conn)
                question = _("Delete {item} “{label}”? The audit trail keeps its last values.")
                question = question.format(item=_(self.defn.item_title), label=label)
            else:
                question = _("Delete {count} records? The audit trail keeps their last values.")
                question = question.format(count=len(ids))
            answer = QMessageBox.question(
                self,
                _("Delete"),
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        try:
            changes = delete_records(conn, self.defn, ids)
        except MamoriError as exc:  # nothing was deleted
            if ask:
                QMessageBox.warning(self, _("Delete"), str(exc))
            self.status_message.emit(str(exc))
            return 0
        self.session.apply(changes)
        return changes.count

    # ----- export -----------------------------------------------------------------------------

    def confirm_plaintext_export(self) -> QMessageBox:
        """Exports leave the encrypted workspace: say so before the file is chosen."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Export"),
            _(
                "The exported file is not encrypted and contains personal data. Keep it in a "
                "protected folder, share it only with people who need it, and delete it when it "
                "is no longer needed. The export is recorded in the audit trail."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(box.addButton(_("Export…"), QMessageBox.ButtonRole.AcceptRole))
        return box

    def choose_export(self, fmt: str) -> None:
        box = self.confirm_plaintext_export()
        box.exec()
        if box.clickedButton() is not box.defaultButton():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{_(self.defn.title)}_{date.today():%Y%m%d}.{fmt}"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export {register}").format(register=_(self.defn.title)),
            str(Path(folder) / name),
            _FORMAT_NAMES[fmt],
        )
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Export what the page shows (search and filters applied) on the database thread."""
        workspace, defn, query = self.session.workspace, self.defn, self.model.query

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> ExportResult:
            return export_register(
                conn, defn, fmt, path, query, progress=progress, cancelled=cancelled
            )

        self._export_job = run_job(
            self,
            _("Exporting {register}…").format(register=_(defn.title)),
            on_own_connection(workspace, job),
            self._exported,
            self._export_failed,
        )

    def _exported(self, result: object) -> None:
        if isinstance(result, ExportResult):
            self.status_message.emit(
                ngettext(
                    "Exported {count} record to {path}",
                    "Exported {count} records to {path}",
                    result.rows,
                ).format(count=f"{result.rows:,}", path=result.path)
            )

    def _export_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, (MamoriError, OSError)) else _("The export failed.")
        QMessageBox.warning(self, _("Export"), message)


class SingletonPage(Page):
    """The one record of a singleton register, edited in place (organisation settings)."""

    def __init__(self, session: Session, defn: RegisterDef, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.defn = defn
        self.watched = frozenset({defn.key})
        self.form = RecordForm(session, defn, 1, self)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.form.save)
        self.revert_button = QPushButton(_("Revert"))
        self.revert_button.clicked.connect(self.form.load)
        for button in (self.save_button, self.revert_button):
            button.setEnabled(False)
        self.form.dirty_changed.connect(self.save_button.setEnabled)
        self.form.dirty_changed.connect(self.revert_button.setEnabled)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(_title_label(_(defn.title)))
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)

    def title(self) -> str:
        return _(self.defn.title)

    def refresh(self) -> None:
        if not self.form.dirty:
            self.form.load()

    def unsaved_changes(self) -> list[str]:
        return [_(self.defn.title)] if self.form.dirty else []

    def hold(self) -> HeldForm | None:
        return self.form.hold() if self.form.dirty else None

    def restore(self, held: object) -> None:
        if isinstance(held, HeldForm):
            self.form.restore(held)
