"""File › Restore a backup…: the workspace's backups with date, size, record counts and check.

The list comes from ``app.storage.backup.list_backups`` (manifests beside each copy); "Check" opens
the chosen copy with the session key (or the passphrase it was made with) and checks it whole
through ``app.storage.restore.check_backup``. Choosing Restore only returns the file: the window
closes the workspace first (its lock must be free), then ``app.storage.restore.restore_backup``
runs. No SQL here.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import WorkspaceError, WrongPassphraseError
from app.i18n import N_, _
from app.storage.backup import BackupInfo, human_size, list_backups, read_info
from app.storage.crypto import SessionKey
from app.storage.restore import check_backup
from ui.passphrase_widgets import busy_cursor

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    DATE = 0
    SIZE = 1
    PEOPLE = 2
    ENTRIES = 3
    CHECK = 4
    FILE = 5


HEADERS = {
    Column.DATE: N_("Taken"),
    Column.SIZE: N_("Size"),
    Column.PEOPLE: N_("People"),
    Column.ENTRIES: N_("Audit entries"),
    Column.CHECK: N_("Check"),
    Column.FILE: N_("File"),
}


class RestoreDialog(QDialog):
    """Pick a backup; ``chosen`` and ``secret`` are set when the officer confirms Restore."""

    def __init__(
        self, workspace_path: Path, key: SessionKey | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.key = key
        self.chosen: Path | None = None
        self.secret: str | SessionKey | None = key
        self._checked: dict[str, str] = {}
        self.setWindowTitle(_("Restore a backup"))
        self.setMinimumSize(760, 380)

        intro = QLabel(
            _(
                "Restoring replaces {name} with the backup you choose. The current file is kept "
                "beside it (…before-restore-…), and the restore is recorded in the audit trail."
            ).format(name=self.workspace_path.name)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(Column))
        self.table.setHorizontalHeaderLabels([_(HEADERS[column]) for column in Column])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(_("No backups were found beside the workspace."))
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.choose_button = QPushButton(_("Choose a file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.check_button = QPushButton(_("Check"))
        self.check_button.clicked.connect(self.check_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            _("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.reload()

    # ----- the list ------------------------------------------------------------------------

    def reload(self, extra: BackupInfo | None = None) -> None:
        infos = list_backups(self.workspace_path)
        if extra is not None and all(info.path != extra.path for info in infos):
            infos.insert(0, extra)
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            for column, text in self._cells(info).items():
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, info.path)
                if column in (Column.SIZE, Column.PEOPLE, Column.ENTRIES):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not infos)
        if infos:
            self.table.selectRow(0)
        self._selection_changed()

    def _cells(self, info: BackupInfo) -> dict[Column, str]:
        checked = self._checked.get(info.path)
        if checked is None:
            checked = _("checked when written") if info.verified else _("not checked")
        people = info.counts.get("people")
        entries = info.counts.get("audit_entries")
        return {
            Column.DATE: info.created_at[:16].replace("T", " "),
            Column.SIZE: human_size(info.size),
            Column.PEOPLE: "—" if people is None else str(people),
            Column.ENTRIES: "—" if entries is None else str(entries),
            Column.CHECK: checked,
            Column.FILE: Path(info.path).name,
        }

    def selected_path(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(PATH_ROLE)) if items else None

    def _selection_changed(self) -> None:
        chosen = self.selected_path() is not None
        self.check_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a backup"),
            str(self.workspace_path.parent),
            _("Mamori workspace (*.mamori)"),
        )
        if path:
            self.reload(read_info(Path(path)))
            self._select(Path(path))

    def _select(self, path: Path) -> None:
        for row in range(self.table.rowCount()):
            if Path(self.table.item(row, 0).data(PATH_ROLE)) == path:
                self.table.selectRow(row)

    # ----- checking and choosing --------------------------------------------------------------

    def check_selected(self) -> bool:
        """Open the selected copy and check it whole; True when it is sound."""
        path = self.selected_path()
        if path is None:
            return False
        secret: str | SessionKey | None = self.secret
        while True:
            try:
                with busy_cursor():
                    problems = check_backup(path, secret if secret is not None else "")
                break
            except WrongPassphraseError:
                secret = self._ask_passphrase(path)
                if secret is None:
                    return False
            except WorkspaceError as exc:
                problems = [str(exc)]
                break
        self.secret = secret
        if problems:
            self._checked[str(path)] = _("damaged")
            self.message.setText(
                _("This backup did not pass its check: {problems}").format(
                    problems="; ".join(problems)
                )
            )
        else:
            self._checked[str(path)] = _("checked now: sound")
            self.message.setText(_("This backup is sound and can be restored."))
        self.reload(read_info(path))
        self._select(path)
        return not problems

    def _ask_passphrase(self, path: Path) -> str | None:
        text, accepted = QInputDialog.getText(
            self,
            _("Passphrase of the backup"),
            _(
                "{name} does not open with the current passphrase. Enter the passphrase it was "
                "made with:"
            ).format(name=path.name),
            QLineEdit.EchoMode.Password,
        )
        return text if accepted and text else None

    def confirm(self) -> None:
        path = self.selected_path()
        if path is None or not self.check_selected():
            return
        answer = QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Replace {workspace} with {backup}? Work saved after the backup was taken will "
                "not be in the restored workspace (the current file is kept beside it)."
            ).format(workspace=self.workspace_path.name, backup=path.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = path
            self.accept()
