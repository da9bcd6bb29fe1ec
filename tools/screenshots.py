"""Screenshots of every page (and the main dialogs) at 1366×768 in Japanese, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" python -m tools.screenshots [--out docs/screenshots]

Builds a throw-away demo workspace, opens the main window at the size a 1366×768 laptop leaves
it (the screen less a 40 px taskbar), visits each page of the navigation in order, waits for its
database work, and saves a PNG per page; then the asset form, the risk editor and the import
wizard. Under Xvfb the window is drawn by the real xcb platform, as a user sees it; with the
offscreen platform the pictures come from the widgets themselves.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCREEN = (1366, 768)
TASKBAR = 40


def _settle(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.jobs import database_pool

    for _round in range(3):
        database_pool().waitForDone(20_000)
        QApplication.processEvents()


def take(out: Path) -> list[Path]:
    os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-shots-home-"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)

    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from app.i18n import set_language
    from app.registers.registry import get_register
    from app.settings import Settings
    from ui.application import prepare_application
    from ui.main_window import NAV_KEY, MainWindow
    from ui.record_form import RecordDialog
    from ui.session import Session

    settings = Settings(language="ja")
    prepare_application(app, settings)
    set_language("ja")
    folder = Path(tempfile.mkdtemp(prefix="mamori-shots-"))
    workspace = build_demo_workspace(folder / "demo.mamori", DEMO_PASSPHRASE)
    session = Session(workspace)
    window = MainWindow(session, settings)
    window.move(0, 0)
    window.resize(SCREEN[0], SCREEN[1] - TASKBAR)
    window.show()
    _settle(app)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: object, name: str) -> None:
        path = out / f"{len(written) + 1:02d}-{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    keys = [
        window.nav.item(row).data(NAV_KEY)
        for row in range(window.nav.count())
        if window.nav.item(row).data(NAV_KEY)
    ]
    for key in keys:
        page = window.show_page(key)
        _settle(app)
        if key == "audit":  # an entry chosen, so the picture shows its labelled details
            page.table.selectRow(0)  # type: ignore[attr-defined]
            _settle(app)
        save(window, key)

    form = RecordDialog(session, get_register("assets"))
    form.show()
    _settle(app)
    save(form, "form-assets")
    form.close()
    asset_id = session.conn.execute("SELECT asset_id FROM risk_assessment LIMIT 1").fetchone()[0]
    editor = window.open_risk_editor(asset_id)
    _settle(app)
    save(editor, "risk-editor")
    editor.close()
    wizard = window.open_import_wizard()
    _settle(app)
    save(wizard, "import-wizard")
    wizard.close()
    window.close()
    workspace.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for stale in args.out.glob("*.png"):
        stale.unlink()
    for path in take(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
