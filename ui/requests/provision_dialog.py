"""Find the provision and receipt records about a requester, for a request to disclose them
(法33条5項), and keep the ones disclosed on the request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.requests.provision import (
    attach_provision_records,
    find_provision_records,
    offers_lookup,
)
from app.areas.requests.registers import DATA_REQUESTS
from app.areas.sharing.lookup import ProvisionMatch
from app.catalogues import choices
from app.dates import format_date
from app.errors import MamoriError
from app.i18n import N_, _
from app.registers.records import load_record
from ui.screen_fit import resize_to_fit
from ui.session import Session

COLUMNS = (
    N_("Record"),
    N_("Provided or received on"),
    N_("Counterparty"),
    N_("Data items"),
    N_("Person named"),
)


class ProvisionLookupDialog(QDialog):
    def __init__(self, session: Session, request_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.request_id = request_id
        record = load_record(session.conn, DATA_REQUESTS, request_id)
        self.setWindowTitle(_("Provision records for {number}").format(number=record["request_no"]))
        note = QLabel(
            _(
                "Records whose person identification holds the name (widths, spaces and kana "
                "folded). Check the ones to disclose and keep them on the request."
            )
        )
        note.setWordWrap(True)
        self.name = QLineEdit(record.get("requester_name") or "")
        search = QPushButton(_("Search"))
        search.clicked.connect(self.search)
        self.name.returnPressed.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Name")))
        row.addWidget(self.name, 1)
        row.addWidget(search)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.keep_button = QPushButton(_("Keep the checked records on the request"))
        self.keep_button.clicked.connect(self.keep)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        if not offers_lookup(session.conn, request_id):
            warning = QLabel(_("This request is not a request to disclose provision records."))
            warning.setStyleSheet("color: #c62828;")
            layout.addWidget(warning)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.matches: list[ProvisionMatch] = []
        resize_to_fit(self, 900, 520)
        self.search()

    def search(self) -> None:
        try:
            self.matches = find_provision_records(
                self.session.conn, self.request_id, self.name.text()
            )
        except MamoriError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            self.matches = []
        directions = dict(choices(self.session.conn, "PROVISION_DIRECTION"))
        self.table.setRowCount(len(self.matches))
        for row, match in enumerate(self.matches):
            first = QTableWidgetItem(f"{match.ref}（{directions.get(match.direction, '')}）")
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, first)
            cells = (
                format_date(match.provided_on, "slash"),
                match.counterparty_name or "",
                match.data_items or "",
                match.subject_identification,
            )
            for column, text in enumerate(cells, start=1):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.count.setText(_("{count} records found").format(count=len(self.matches)))
        self.keep_button.setEnabled(bool(self.matches))

    def checked_ids(self) -> list[int]:
        return [
            match.record_id
            for row, match in enumerate(self.matches)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def keep(self) -> None:
        ids = self.checked_ids()
        if not ids:
            return
        changes = attach_provision_records(self.session.conn, self.request_id, ids)
        self.session.apply(changes)
        self.accept()
