"""The main window: navigation by area on the left, the current page on the right.

Pages are built when first shown and all destroyed when the session locks, so nothing read from the
workspace stays in memory or on screen while it is locked. Register pages come from the registry:
a new register appears in the navigation by being declared, with no change here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas import all_areas
from app.errors import MamoriError
from app.i18n import N_, _
from app.jobs import Cancelled, Progress
from app.paths import user_config_dir
from app.registers.records import Changes
from app.registers.registry import all_registers, get_register
from app.settings import Settings
from app.storage.database import Connection
from app.storage.health import Health, file_damage
from ui.about import AboutDialog
from ui.areas import ui_area
from ui.audit_page import AuditPage
from ui.change_passphrase import ChangePassphraseDialog
from ui.dashboard_page import DashboardPage
from ui.errors import set_damage_handler
from ui.icons import icon
from ui.idle import IdleWatcher
from ui.import_wizard.wizard import ImportWizard, import_specs
from ui.jobs import JobRunner, on_own_connection, run_job
from ui.lock_screen import LockScreen
from ui.manual import ManualDialog
from ui.notice_dialog import NoticeDialog
from ui.pages import Page
from ui.preferences_page import PreferencesPage
from ui.record_form import RecordDialog
from ui.register_page import RegisterPage, SingletonPage
from ui.reports_page import ReportsPage
from ui.rescue_banner import RescueBanner
from ui.restore_dialog import RestoreDialog
from ui.risk_editor import RiskEditorDialog
from ui.screen_fit import available_area, fitted_rect
from ui.session import Session
from ui.window_guard import (
    LOCK_KEYS,
    QUIT_KEYS,
    HeldWindows,
    KeyGuard,
    ask_to_discard,
    hold_windows,
    reopen_windows,
)

DASHBOARD, AUDIT, PREFERENCES = "dashboard", "audit", "preferences"
REPORTS = "reports"  # the board report, in the records area before the audit trail
AREA_HOME = N_("Home")
AREA_RECORDS = N_("Records")
NAV_KEY = Qt.ItemDataRole.UserRole + 1
GEOMETRY_KEY = "main_window/geometry"
log = logging.getLogger(__name__)


def window_settings() -> QSettings:
    """Window geometry only, in the per-user config folder (never the registry or the workspace)."""
    return QSettings(str(user_config_dir() / "window.ini"), QSettings.Format.IniFormat)


def heading_colour(palette: QPalette) -> QColor:
    """Navigation area headings: 72% of the way from the list's background to its text."""
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        *(0.72 * t + 0.28 * b for t, b in zip(text.getRgbF()[:3], base.getRgbF()[:3], strict=True))
    )


class MainWindow(QMainWindow):
    workspace_requested = Signal(str)  # "new" or "open": the application closes this one first
    restore_requested = Signal(object, object)  # backup path, its passphrase or key
    settings_changed = Signal(object)

    def __init__(
        self,
        session: Session,
        settings: Settings,
        *,
        is_demo: bool = False,
        automatic_backups: bool = False,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.is_demo = is_demo
        self.automatic_backups = automatic_backups and not is_demo
        self._today = today
        self.pages: dict[str, Page] = {}
        self._current = DASHBOARD
        self._held = HeldWindows()
        self._quit_confirmed = False
        self.quit_box: QMessageBox | None = None
        self.setWindowIcon(icon("mamori"))
        self.setMinimumSize(900, 600)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(220)
        self.nav.setSpacing(1)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
        inner = QWidget()
        body = QHBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.rescue_banner = RescueBanner(session.workspace, self.restore_backup)
        self.body = QWidget()  # the banner (rescue mode only) above navigation and pages
        frame = QVBoxLayout(self.body)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.setSpacing(0)
        frame.addWidget(self.rescue_banner)
        frame.addWidget(inner, 1)
        set_damage_handler(self.met_damage)
        self.lock_screen = LockScreen(session)
        self.lock_screen.unlocked.connect(self._after_unlock)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.body)
        self.outer.addWidget(self.lock_screen)
        self.setCentralWidget(self.outer)

        self.workspace_label = QLabel()
        self.lock_label = QLabel()
        self.lock_icon = QLabel()
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.statusBar().addPermanentWidget(self.lock_icon)
        self.statusBar().addPermanentWidget(self.lock_label)
        self.idle = IdleWatcher(settings.auto_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        session.lock_state_changed.connect(self._lock_state_changed)

        self._build_menus()
        self._build_navigation()
        self._update_titles()
        geometry = window_settings().value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self.fit_to_screen()
        self.show_page(DASHBOARD)
        self.key_guard = KeyGuard(self.lock, self._quit_key, self)

    def fit_to_screen(self) -> None:
        """Keep the whole window, status bar included, inside the screen's available area."""
        available = available_area(self)
        if available is not None:
            self.setGeometry(fitted_rect(self.geometry(), available))

    # ----- building ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.menuBar().clear()
        file_menu = self.menuBar().addMenu(_("&File"))
        self.actions: dict[str, QAction] = {}

        def add(key: str, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
            action = file_menu.addAction(text)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.actions[key] = action
            return action

        add("new", _("&New workspace…"), lambda: self.request_workspace("new"))
        add("open", _("&Open workspace…"), lambda: self.request_workspace("open"))
        file_menu.addSeparator()
        add("import", _("&Import from a spreadsheet…"), lambda: self.open_import_wizard())
        file_menu.addSeparator()
        add("backup", _("&Backup copy…"), self.backup_copy)
        add("restore", _("&Restore a backup…"), self.restore_backup)
        add("passphrase", _("&Change passphrase…"), self.change_passphrase)
        file_menu.addSeparator()
        add("lock", _("&Lock now"), self.lock, LOCK_KEYS)
        add("quit", _("&Quit"), self.close, QUIT_KEYS)
        help_menu = self.menuBar().addMenu(_("&Help"))
        manual = help_menu.addAction(_("&Manual"))
        manual.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        manual.triggered.connect(lambda: self.show_manual())
        self.actions["manual"] = manual
        help_menu.addSeparator()
        about = help_menu.addAction(_("&About Mamori"))
        about.triggered.connect(self.show_about)
        self.actions["about"] = about

    def _nav_entries(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """(area title, [(page key, title, icon name)]) in navigation order."""
        areas: dict[str, list[tuple[str, str, str]]] = {
            AREA_HOME: [(DASHBOARD, _("Dashboard"), "dashboard")]
        }
        for area in all_areas():  # in the areas' order, each area's own pages first
            for custom in ui_area(area.key).pages:
                areas.setdefault(area.title, []).append((custom.key, _(custom.title), custom.icon))
            for defn in area.registers:
                if defn.listed:
                    areas.setdefault(defn.area, []).append((defn.key, _(defn.title), defn.icon))
        areas.setdefault(AREA_RECORDS, []).append((REPORTS, _("Board report"), "report"))
        areas.setdefault(AREA_RECORDS, []).append((AUDIT, _("Audit trail"), "audit"))
        settings_area = next(
            (defn.area for defn in all_registers() if defn.singleton), AREA_RECORDS
        )
        areas.setdefault(settings_area, []).append((PREFERENCES, _("Preferences"), "settings"))
        ordered = [
            AREA_HOME,
            *[a for a in areas if a not in (AREA_HOME, settings_area)],
            settings_area,
        ]
        return [(area, areas[area]) for area in dict.fromkeys(ordered)]

    def _build_navigation(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        for area, entries in self._nav_entries():
            header = QListWidgetItem(_(area))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.9)
            header.setFont(font)
            # Not selectable, but drawn in a readable colour rather than the disabled grey (about
            # 1.9:1 on white): most of the way from the background to the text colour.
            header.setForeground(heading_colour(self.nav.palette()))
            self.nav.addItem(header)
            for key, title, icon_name in entries:
                item = QListWidgetItem(icon(icon_name), title)
                item.setData(NAV_KEY, key)
                self.nav.addItem(item)
        self.nav.blockSignals(False)

    def _nav_item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(NAV_KEY) == key:
                return item
        return None

    def _make_page(self, key: str) -> Page:
        if key == DASHBOARD:
            dashboard = DashboardPage(self.session, today=self._today(), background=True)
            dashboard.open_record.connect(self.open_record)
            dashboard.open_page.connect(self.show_page)
            return dashboard
        if key == AUDIT:
            return AuditPage(self.session)
        if key == REPORTS:
            return ReportsPage(self.session, today=self._today())
        for area in all_areas():
            for custom in ui_area(area.key).pages:
                if custom.key == key:
                    return custom.factory(self)
        if key == PREFERENCES:
            preferences = PreferencesPage(self.session, self.settings)
            preferences.settings_changed.connect(self._settings_changed)
            return preferences
        defn = get_register(key)
        if defn.singleton:
            return SingletonPage(self.session, defn)
        actions = []
        page_actions = []
        for area in all_areas():
            handlers = ui_area(area.key).handlers
            for action in area.actions:
                if action.register != key:
                    continue
                handler = handlers[action.key](self)
                entry = (_(action.label), action.icon, handler)
                (actions if action.per_record else page_actions).append(entry)
        page = RegisterPage(self.session, defn, record_actions=actions, page_actions=page_actions)
        page.history_requested.connect(self.show_history)
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        return page

    # ----- navigation -------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        if key not in self.pages:
            page = self._make_page(key)
            self.pages[key] = page
            self.stack.addWidget(page)
            if key in self._held.pages:
                page.restore(self._held.pages.pop(key))
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self._current = key
        item = self._nav_item(key)
        if item is not None and self.nav.currentItem() is not item:
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(False)
        self._update_titles()
        return page

    def _nav_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(NAV_KEY):
            self.show_page(str(item.data(NAV_KEY)))

    def today(self) -> date:
        return self._today()

    def open_record(self, register: str, record_id: object) -> None:
        page = self.show_page(register)
        if isinstance(page, RegisterPage) and isinstance(record_id, int):
            page.select_record(record_id)
            page.open_record(record_id)

    def open_risk_editor(self, asset_id: int) -> RiskEditorDialog:
        """The risk analysis of one asset (from the asset register or the heat map); one window
        per asset: asking again brings the open one to the front."""
        key = ("risk_editor", asset_id)
        existing = self.session.editor(key)
        if isinstance(existing, RiskEditorDialog):
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        editor = RiskEditorDialog(self.session, asset_id, self, today=self._today())
        editor.history_requested.connect(self.show_history)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session.claim_editor(key, editor)
        editor.finished.connect(lambda _result: self.session.release_editor(key, editor))
        editor.open()
        return editor

    def show_history(self, register: str, record_id: int) -> None:
        audit = self.show_page(AUDIT)
        if isinstance(audit, AuditPage):
            audit.show_record(register, record_id)

    def _update_titles(self) -> None:
        name = self.session.workspace.path.name
        title = "Mamori"
        if not self.session.locked and self._current in self.pages:
            title = f"{self.pages[self._current].title()} — {name} — Mamori"
        if self.is_demo:
            title += " " + _("(demo)")
        self.setWindowTitle(title)
        self.workspace_label.setText(
            _("Demo workspace (deleted when you quit)")
            if self.is_demo
            else str(self.session.workspace.path)
        )
        locked = self.session.locked
        self.lock_icon.setPixmap(icon("lock" if locked else "unlock").pixmap(16, 16))
        self.lock_label.setText(_("Locked") if locked else _("Unlocked"))

    # ----- locking ----------------------------------------------------------------------------

    def _quit_key(self) -> None:
        if self.quit_box is None or not self.quit_box.isVisible():
            self.close()

    def lock(self) -> None:
        """Close or hide every window, keeping unsaved contents in memory, then lock."""
        if self.session.locked:
            return
        held = hold_windows(self, self.pages)
        self._held = held
        self._destroy_pages()
        self.session.lock()

    def _destroy_pages(self) -> None:
        for page in self.pages.values():
            page.commit_pending()
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    def _lock_state_changed(self, locked: bool) -> None:
        if locked:
            self.idle.pause()
            self.outer.setCurrentWidget(self.lock_screen)
            self.lock_screen.focus_passphrase()
            for key in ("import", "backup", "passphrase", "lock"):
                self.actions[key].setEnabled(False)
        self._update_titles()

    def _after_unlock(self) -> None:
        self.outer.setCurrentWidget(self.body)
        for key in ("import", "backup", "passphrase", "lock"):
            self.actions[key].setEnabled(True)
        self.idle.resume()
        for key in list(self._held.pages):  # pages with unsaved contents get them back now
            self.page(key)
        self.show_page(self._current)
        self._reopen_held()

    def _reopen_held(self) -> None:
        """Bring back what the lock closed: risk editors, forms with what was typed, the wizard."""
        held, self._held = self._held, HeldWindows()
        reopen_windows(held, self.open_risk_editor, self.page, self.statusBar().showMessage)

    # ----- menu commands ----------------------------------------------------------------------

    def backup_copy(self) -> None:
        workspace = self.session.workspace
        suggested = workspace.path.with_name(
            f"{workspace.path.stem}-backup-{self._today():%Y%m%d}.mamori"
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Backup copy"), str(suggested), _("Mamori workspace (*.mamori)")
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, target: Path) -> None:
        workspace = self.session.workspace

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> Path:
            return workspace.backup_to(target, conn)

        def done(path: object) -> None:
            self.statusBar().showMessage(
                _("Backup copy written to {path}. It opens with the same passphrase.").format(
                    path=path
                ),
                15_000,
            )

        run_job(self, _("Writing a backup copy…"), on_own_connection(workspace, job), done)

    def restore_backup(self) -> RestoreDialog:
        """File › Restore a backup…; on Restore the application closes this window and restores."""
        workspace = self.session.workspace
        key = None if workspace.locked else workspace.session_key.copy()
        dialog = RestoreDialog(workspace.path, key, self)
        dialog.accepted.connect(lambda: self.restore_requested.emit(dialog.chosen, dialog.secret))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_daily_backup(self) -> None:
        """The day's automatic backup in the background, when the newest one is a day old."""
        from app.storage.backup import daily_backup_due, write_automatic_backup

        workspace = self.session.workspace
        if not self.automatic_backups or workspace.rescue or not daily_backup_due(workspace.path):
            return
        keep = self.settings.backup_keep

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> object:
            return write_automatic_backup(workspace, conn, keep)

        run_job(
            self,
            _("Writing the daily backup…"),
            on_own_connection(workspace, job),
            lambda _info: self.statusBar().showMessage(_("Daily backup written."), 10_000),
            lambda exc: log.warning("daily backup failed: %s", exc),
        )

    def start_checks(self) -> None:
        """The quick check deferred at unlock (read-only until it reports), then the daily
        backup and the weekly full check. The quick check only reads the file, so it runs beside
        the database jobs (the dashboard fills meanwhile)."""

        workspace = self.session.workspace
        if not workspace.checking:
            self.start_daily_backup()
            self.start_weekly_check()
            return

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> list[str]:
            return file_damage(conn)

        def done(damage: object) -> None:
            workspace.finish_check(list(damage))  # type: ignore[call-overload]
            self.rescue_banner.show_state(workspace)
            if not workspace.rescue:
                self.start_daily_backup()
                self.start_weekly_check()

        def failed(exc: BaseException) -> None:
            done([str(exc)])

        self._quick_check = JobRunner(self, pool=QThreadPool.globalInstance()).run_on_database(
            workspace, job, done, on_failed=failed
        )

    def start_weekly_check(self) -> None:
        """The full check (as Verify now) in the background when the last one is a week old."""
        from app.verify import full_check

        workspace = self.session.workspace
        if not self.automatic_backups or not workspace.anchors.full_check_due():
            return

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> object:
            return full_check(workspace, conn, progress=progress, cancelled=cancelled)

        def done(report: Any) -> None:
            self.rescue_banner.show_state(workspace)
            if not report.ok:
                self.statusBar().showMessage(
                    _(
                        "The weekly check found {count} problems: see Audit trail › Verify now."
                    ).format(count=len(report.problems)),
                    30_000,
                )

        run_job(self, _("Checking the workspace…"), on_own_connection(workspace, job), done)

    def met_damage(self) -> str:
        """A page read a damaged part of the file: rescue mode now (not at the next check), the
        banner shown, and the message for the officer returned."""
        workspace = self.session.workspace
        if not workspace.rescue:
            damage = file_damage(workspace.conn) or [_("A part of the file could not be read.")]
            workspace.enter_rescue(Health(damage=damage))
        self.rescue_banner.show_state(workspace)
        return workspace.rescue_message(for_window=True)

    def close_for_restore(self) -> None:
        """Close without the automatic backup (rotation could remove the copy being restored)."""
        self.automatic_backups = False
        self.close()

    def _backup_on_close(self) -> None:
        from app.storage.backup import write_automatic_backup

        workspace = self.session.workspace
        if not self.automatic_backups or workspace.rescue or workspace.locked:
            return
        try:
            write_automatic_backup(workspace, keep=self.settings.backup_keep)
        except MamoriError as exc:
            log.warning("backup on close failed: %s", exc)

    def open_import_wizard(self, spec_key: str | None = None) -> QDialog:
        """File › Import from a spreadsheet; pages refresh as soon as the import is written."""
        wizard = ImportWizard(self.session, import_specs(), self, initial_spec_key=spec_key)
        wizard.imported.connect(lambda summary: self.session.apply(Changes(summary.registers)))
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def export_ledger(self, target: Path | None = None) -> None:
        """The 個人情報管理台帳 and リスク分析 sheets in one workbook, written off the GUI thread."""
        from app.areas.assets.excel import LEDGER, RISKS, export_ledger

        if target is None:
            name = f"{_('Personal-information ledger')}_{self._today():%Y%m%d}.xlsx"
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export 台帳"), str(Path(folder) / name), "Excel (*.xlsx)"
            )
            if not chosen:
                return
            target = Path(chosen)
        workspace = self.session.workspace

        def job(conn: Connection, progress: Progress, cancelled: Cancelled) -> Any:
            return export_ledger(
                conn, target, sheets=(LEDGER, RISKS), progress=progress, cancelled=cancelled
            )

        def done(_result: object) -> None:
            self.statusBar().showMessage(
                _("The 台帳 and the risk analysis were written to {path}.").format(path=target),
                15_000,
            )

        run_job(self, _("Exporting the 台帳…"), on_own_connection(workspace, job), done)

    def show_notice(self) -> NoticeDialog:
        dialog = NoticeDialog(self.session, self)
        dialog.open()
        return dialog

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.session, self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(_("The passphrase was changed."), 10_000)
        )
        dialog.open()

    def show_manual(self) -> ManualDialog:
        """Help › Manual: one window, brought to the front when asked again."""
        existing = self.findChild(ManualDialog)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = ManualDialog(self)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        AboutDialog(None if self.session.locked else self.session, self).open()

    def _settings_changed(self, settings: Settings) -> None:
        from app.i18n import current_language, set_language

        language_changed = settings.language != current_language()
        self.settings = settings
        self.idle.set_minutes(settings.auto_lock_minutes)
        if language_changed:
            set_language(settings.language)
            self.settings_changed.emit(settings)
            self.retranslate()

    def retranslate(self) -> None:
        """Rebuild menus, navigation and pages in the current language, on the same page."""
        current = self._current
        self._destroy_pages()
        self._build_menus()
        self._build_navigation()
        self.show_page(current)

    # ----- closing ----------------------------------------------------------------------------

    def unsaved_changes(self) -> list[str]:
        """What quitting now would lose: open forms with edits, pages with unsaved contents."""
        names = list(self._held.unsaved())
        for window in self.findChildren(RecordDialog):
            if window.isVisible() and window.form.dirty:
                names.append(window.windowTitle())
        for page in self.pages.values():
            names.extend(page.unsaved_changes())
        return names

    def request_workspace(self, mode: str) -> None:
        """File › New/Open closes this workspace: ask first when something is unsaved."""
        unsaved = self.unsaved_changes()
        if unsaved and not self._quit_confirmed:
            self._ask_before_quitting(unsaved, lambda: self.workspace_requested.emit(mode))
            return
        self.workspace_requested.emit(mode)

    def _ask_before_quitting(
        self, unsaved: list[str], then: Callable[[], object] | None = None
    ) -> None:
        def confirmed() -> None:
            self._quit_confirmed = True
            (then or self.close)()

        self.quit_box = ask_to_discard(self, unsaved, confirmed)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():
            page.commit_pending()
        unsaved = self.unsaved_changes()
        if unsaved and not self._quit_confirmed:
            event.ignore()
            self._ask_before_quitting(unsaved)
            return
        self.key_guard.stop()
        set_damage_handler(None)
        for window in self.findChildren(RecordDialog):
            if window.isVisible():
                window.discard()
        window_settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self._destroy_pages()
        self._backup_on_close()
        try:
            self.session.workspace.close()
        except MamoriError as exc:  # pragma: no cover - closing never raises expected errors
            QMessageBox.warning(self, "Mamori", str(exc))
        super().closeEvent(event)
