"""About Mamori: version, the components it runs on, the workspace, the log folder and notices.

"Copy" puts the version details on the clipboard as plain text, for a support request.
"""

from __future__ import annotations

import contextlib
import platform
from pathlib import Path

import openpyxl
import PySide6
import reportlab
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.deadlines.holidays import BUILTIN, load_calendar
from app.deadlines.store import import_holiday_csv
from app.i18n import N_, _
from app.paths import user_log_dir
from app.registers.records import Changes
from app.versions import sqlcipher_version as app_sqlcipher_version
from app.versions import sqlite_version
from ui.errors import open_folder, show_error
from ui.icons import icon
from ui.jobs import run_job
from ui.session import Session

APP_TITLE = "守り Mamori"
FONT_NOTICE = N_("IPAexGothic © IPA, under the IPA Font License")


def sqlcipher_version(session: Session | None = None) -> str:
    """SQLCipher's version, asked of the workspace connection or of a throw-away one."""
    conn = session.conn if session is not None and not session.locked else None
    return app_sqlcipher_version(conn) or _("unknown")


def component_versions(session: Session | None = None) -> list[tuple[str, str]]:
    """(component, version) for everything a support request needs to know."""
    return [
        ("Mamori", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLCipher", sqlcipher_version(session)),
        ("SQLite", sqlite_version()),
        ("reportlab", reportlab.Version),
        ("openpyxl", openpyxl.__version__),
        (_("Holiday table"), BUILTIN.info().describe()),
        (_("Operating system"), platform.platform(terse=True)),
    ]


class AboutDialog(QDialog):
    holidays_imported = Signal(str)  # the new table's description

    def __init__(self, session: Session | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("About Mamori"))
        self.setWindowIcon(icon("mamori"))
        self.setMinimumWidth(560)

        self.versions = component_versions(session)
        self.workspace_path: Path | None = None
        self.schema_version: int | None = None
        self.holiday_table = BUILTIN.info().describe()
        if session is not None:
            self.workspace_path = session.workspace.path
            if not session.locked:
                with contextlib.suppress(Exception):
                    self.schema_version = session.workspace.schema_version
                    self.holiday_table = load_calendar(session.conn).info().describe()
        self.log_folder = user_log_dir()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(self._header())
        layout.addWidget(self._components_box())
        if session is not None:
            layout.addWidget(self._workspace_box())
        layout.addWidget(self._log_box())
        layout.addWidget(self._notices())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(_("Copy the version details, e.g. for a support request"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # ----- building -----------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        picture = QLabel()
        picture.setPixmap(icon("mamori").pixmap(72, 72))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)

        name = QLabel(APP_TITLE)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        name.setFont(font)

        self.version_label = QLabel(_("Version {version}").format(version=__version__))
        description = QLabel(
            _("The privacy officer's desk: registers, deadlines and reports for a co-op's PMS.")
        )
        description.setWordWrap(True)

        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(name)
        text.addWidget(self.version_label)
        text.addWidget(description)
        text.addStretch(1)

        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(picture)
        header.addLayout(text, 1)
        return header

    def _components_box(self) -> QGroupBox:
        box = QGroupBox(_("Components"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.version_values: dict[str, QLabel] = {}
        for component, version in self.versions:
            value = QLabel(version)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.version_values[component] = value
            form.addRow(component, value)
        return box

    def _workspace_box(self) -> QGroupBox:
        box = QGroupBox(_("Workspace"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        path = QLabel(str(self.workspace_path))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("File"), path)
        schema = "?" if self.schema_version is None else str(self.schema_version)
        form.addRow(_("Schema version"), QLabel(schema))
        self.holiday_label = QLabel(self.holiday_table)
        self.holiday_label.setWordWrap(True)
        self.holiday_button = QPushButton(_("Import syukujitsu.csv…"))
        self.holiday_button.setToolTip(
            _(
                "Import the Cabinet Office's holiday table; it overrides the built-in one for its years"
            )
        )
        self.holiday_button.clicked.connect(lambda: self.import_holidays())
        self.holiday_button.setEnabled(self.session is not None and not self.session.locked)
        holidays = QHBoxLayout()
        holidays.addWidget(self.holiday_label, 1)
        holidays.addWidget(self.holiday_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_("Holiday table"), holidays)
        return box

    def import_holidays(self, path: Path | None = None) -> None:
        """Import a syukujitsu.csv into the workspace (audited; its deadlines are recomputed)."""
        if self.session is None or self.session.locked:
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Import syukujitsu.csv"), "", "CSV (*.csv)"
            )
            if not chosen:
                return
            path = Path(chosen)
        session = self.session
        workspace = session.workspace

        def job(progress: object, cancelled: object) -> str:
            conn = workspace.connect()
            try:
                import_holiday_csv(conn, path)
                return load_calendar(conn).info().describe()
            finally:
                conn.close()

        def done(text: object) -> None:
            self.holiday_table = str(text)
            self.holiday_label.setText(self.holiday_table)
            session.apply(Changes(frozenset({"deadlines"})))
            self.holidays_imported.emit(self.holiday_table)

        run_job(self, _("Importing the holiday table…"), job, done, lambda e: show_error(self, e))

    def _log_box(self) -> QGroupBox:
        box = QGroupBox(_("Log files"))
        row = QHBoxLayout(box)
        folder = QLabel(str(self.log_folder))
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_log_button = QPushButton(_("Open log folder"))
        self.open_log_button.clicked.connect(lambda: open_folder(self.log_folder))
        row.addWidget(folder, 1)
        row.addWidget(self.open_log_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _notices(self) -> QLabel:
        notices = QLabel(
            "<p style='margin:0'>"
            + _("Japanese text uses the bundled font {notice}.").format(notice=_(FONT_NOTICE))
            + "</p><p style='margin:4px 0 0 0'>"
            + _(
                "Mamori is built with Qt and Qt for Python (LGPL v3), SQLCipher (BSD), "
                "reportlab (BSD) and openpyxl (MIT). Their licences ship with the program."
            )
            + "</p>"
        )
        notices.setWordWrap(True)
        notices.setTextFormat(Qt.TextFormat.RichText)
        font = notices.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        notices.setFont(font)
        palette = notices.palette()
        palette.setColor(notices.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
        notices.setPalette(palette)
        return notices

    # ----- actions ------------------------------------------------------------------------------

    def details_text(self) -> str:
        lines = [f"{APP_TITLE} {__version__}"]
        lines += [f"{component}: {version}" for component, version in self.versions[1:]]
        if self.workspace_path is not None:
            lines.append(f"{_('Schema version')}: {self.schema_version}")
            lines.append(f"{_('Holiday table')}: {self.holiday_table}")
        lines.append(f"{_('Log files')}: {self.log_folder}")
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
