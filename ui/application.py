"""Starting the GUI: fonts, translations, the error hook, then welcome/unlock and the main window.

The flow: ``--demo`` opens a throw-away demo workspace; otherwise the last workspace is unlocked
(with a remembered passphrase if there is one, else the unlock dialog); on first start, or when the
officer asks for another workspace, the welcome dialog offers new / open / demo.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app import APP_NAME, __version__
from app.errors import MamoriError, WorkspaceError
from app.i18n import current_language, set_language
from app.logsetup import configure_logging
from app.paths import resource_path
from app.settings import Settings, load, save
from app.storage.workspace import Workspace
from ui.errors import install_excepthook
from ui.icons import icon
from ui.main_window import MainWindow
from ui.passphrase_widgets import busy_cursor
from ui.recovery_dialogs import RecoveryKeyDialog
from ui.session import Session
from ui.unlock import UnlockDialog, open_remembered
from ui.welcome import WelcomeDialog

log = logging.getLogger(__name__)
UI_FONT_FILE = ("fonts", "ipaexg.ttf")
GC_INTERVAL_MS = 5000
_translators: list[QTranslator] = []


def register_font() -> str | None:
    """Register the bundled Japanese font; returns its family name (None if it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*UI_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own strings (standard buttons, file dialogs) in the UI language."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
        _translators.append(translator)
    else:
        log.info("Qt's own %s translations are not installed", language)


def prepare_application(app: QApplication, settings: Settings) -> None:
    """Everything the windows need before the first is built."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Mamori")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icon("mamori"))
    set_language(settings.language)
    install_qt_translations(app, current_language())
    family = register_font()
    if family is not None:
        # The system's UI font first; the bundled font for any glyph it lacks (kana, kanji).
        font = QFont(app.font())
        font.setFamilies([app.font().family(), family])
        app.setFont(font)
    QGuiApplication.setDesktopFileName("mamori")


def _demo_workspace() -> Workspace:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    folder = Path(tempfile.mkdtemp(prefix="mamori-demo-"))
    return build_demo_workspace(folder / "demo.mamori", DEMO_PASSPHRASE)


class Launcher:
    """Chooses the workspace, shows the main window, and switches workspace on request."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.window: MainWindow | None = None
        self.demo_folder: Path | None = None

    def first_workspace(self, args: argparse.Namespace) -> tuple[Workspace, bool] | None:
        if getattr(args, "demo", False):
            return _demo_workspace(), True
        path = Path(args.workspace) if getattr(args, "workspace", None) else None
        if path is None and self.settings.last_workspace:
            path = Path(self.settings.last_workspace)
        if path is not None and path.is_file():
            return self.unlock(path)
        return self.welcome()

    def unlock(self, path: Path) -> tuple[Workspace, bool] | None:
        try:
            remembered = open_remembered(path)
        except WorkspaceError as exc:
            QMessageBox.warning(None, "Mamori", str(exc))
            remembered = None
        if remembered is not None:
            return remembered, False
        dialog = UnlockDialog(path, self.settings)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            return dialog.workspace, False
        if result == UnlockDialog.OTHER_WORKSPACE:
            return self.welcome()
        return None

    def welcome(self) -> tuple[Workspace, bool] | None:
        dialog = WelcomeDialog(self.settings)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            key = getattr(dialog, "recovery_key", None)
            if key:
                RecoveryKeyDialog(key, dialog.workspace.path).exec()
            return dialog.workspace, dialog.is_demo
        return None

    def show(self, workspace: Workspace, is_demo: bool) -> MainWindow:
        if is_demo:
            self.demo_folder = workspace.path.parent
        else:
            self.settings.remember_workspace(workspace.path)
            save(self.settings)
        window = MainWindow(
            Session(workspace), self.settings, is_demo=is_demo, automatic_backups=True
        )
        window.workspace_requested.connect(self.switch)
        window.restore_requested.connect(self.restore)
        window.settings_changed.connect(self._settings_changed)
        window.show()
        self.window = window
        window.start_checks()
        return window

    def restore(self, backup: Path, secret: object) -> None:
        """Close the window (freeing the workspace), restore ``backup`` over it, open the result."""
        from app.storage.restore import restore_backup

        if self.window is None:
            return
        workspace = self.window.session.workspace
        path = workspace.path
        fallback = None if workspace.locked else workspace.session_key.copy()
        self.window.close_for_restore()
        self.window.deleteLater()
        self.window = None
        reopen_with: object = fallback
        try:
            with busy_cursor():
                restore_backup(Path(backup), path, secret)  # type: ignore[arg-type]
            reopen_with = secret
        except MamoriError as exc:
            QMessageBox.warning(None, "Mamori", str(exc))
        try:
            with busy_cursor():
                reopened = Workspace.open(
                    path,
                    reopen_with,  # type: ignore[arg-type]
                    exclusive=True,
                    defer_check=True,
                )
        except MamoriError as exc:
            QMessageBox.warning(None, "Mamori", str(exc))
            chosen = self.unlock(path)
            if chosen is None:
                self.app.quit()
                return
            reopened = chosen[0]
        self.show(reopened, False)

    def switch(self, mode: str) -> None:
        """File › New/Open: close the current workspace, then welcome (new) or choose (open)."""
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.remove_demo()
        chosen = self.welcome()
        if chosen is None:
            self.app.quit()
            return
        self.show(*chosen)

    def _settings_changed(self, settings: Settings) -> None:
        self.settings = settings
        install_qt_translations(self.app, current_language())

    def remove_demo(self) -> None:
        if self.demo_folder is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(self.demo_folder)
            self.demo_folder = None


def collect_garbage_on_gui_thread(app: QApplication) -> QTimer:
    """Python's cyclic collector, run only on the GUI thread.

    Left automatic, a collection can start on a worker thread (a background job) and free Qt
    objects caught in reference cycles there, which crashes PySide; a timer here keeps it safe.
    """
    gc.disable()
    timer = QTimer(app)
    timer.setInterval(GC_INTERVAL_MS)
    timer.timeout.connect(lambda: gc.collect())
    timer.start()
    return timer


def run_gui(args: argparse.Namespace) -> int:
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = load()
    if getattr(args, "lang", None):
        settings.language = args.lang
    prepare_application(app, settings)
    install_excepthook()
    launcher = Launcher(app, settings)
    chosen = launcher.first_workspace(args)
    if chosen is None:
        return 0
    launcher.show(*chosen)
    app.setQuitOnLastWindowClosed(True)
    collect_garbage_on_gui_thread(app)
    try:
        return app.exec()
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.remove_demo()
