"""The Qt half of ``mamori --self-test`` (see ``app.selftest``): widgets, the platform plugin,
image formats, Qt's own Japanese translation, the bundled font and icons, and every ``ui`` module.

PySide6 is imported inside the steps, so ``main.py --self-test`` reaches the Qt-free steps first and
a broken Qt install is reported by step name instead of failing the import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_NAME
from app.selftest import STEPS as CORE_STEPS
from app.selftest import Context, Step, check, import_all, step_names
from reports.selftest import REPORT_STEPS


def _qt_platform() -> str | None:
    """The platform plugin to try: the environment's, the native one, or offscreen if no screen."""
    chosen = os.environ.get("QT_QPA_PLATFORM")
    if chosen:
        return chosen
    if sys.platform in ("win32", "darwin"):
        return None  # native: windows / cocoa
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "offscreen"


def _plugin_present(plugin_dirs: list[Path], name: str) -> bool:
    for directory in plugin_dirs:
        platforms = directory / "platforms"
        if platforms.is_dir() and any(name in p.name for p in platforms.iterdir()):
            return True
    return False


def step_qt(ctx: Context) -> str:
    # Qt aborts the process when a platform plugin is missing, so look for the file first and
    # fail by name instead.
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QFontDatabase, QIcon, QImageReader
    from PySide6.QtWidgets import QApplication

    from app.paths import resource_path
    from reports.fonts import FONT_FILE

    chosen = _qt_platform()
    native = {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")
    expected = (chosen or native).split(":", 1)[0]  # "offscreen:fontengine=freetype"
    plugin_dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    plugin_dirs += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    check(
        _plugin_present(plugin_dirs, expected),
        f"the Qt platform plugin {expected!r} is not in {[str(p) for p in plugin_dirs]}",
    )
    argv = [sys.argv[0] or APP_NAME]
    if chosen:
        argv += ["-platform", chosen]
    app = QApplication.instance() or QApplication(argv)
    ctx.qt_app = app
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "ico", "svg"} - formats
    check(not missing, f"Qt cannot read the image formats {sorted(missing)}")
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    check(
        translator.load("qtbase_ja", translations),
        f"Qt's own Japanese translation (qtbase_ja.qm) is not in {translations}",
    )
    font = resource_path("fonts", FONT_FILE)
    check(QFontDatabase.addApplicationFont(str(font)) >= 0, f"Qt cannot load the font {font}")
    checked = ["png/ico/svg readable", "qtbase_ja.qm loads", "IPAexGothic loads"]
    app_icon = resource_path("icons", "mamori.svg")
    if app_icon.is_file():  # SVG icons go through the iconengines/qsvgicon plugin
        check(not QIcon(str(app_icon)).pixmap(32, 32).isNull(), f"Qt cannot draw {app_icon}")
        checked.append("SVG icons draw")
    return f"PySide6 {pyside_version}: QApplication on {app.platformName()!r}, {', '.join(checked)}"


def step_ui_modules(ctx: Context) -> str:
    return import_all(("ui",))


QT_STEPS: tuple[Step, ...] = (("qt", step_qt), ("ui modules", step_ui_modules))
ALL_STEPS: tuple[Step, ...] = (*CORE_STEPS, *REPORT_STEPS, *QT_STEPS)
STEP_NAMES = step_names(ALL_STEPS)
