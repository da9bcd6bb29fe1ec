"""Cold start probe, run in a fresh process by bench/run.py: unlock a workspace and show the main
window offscreen; print one JSON line the moment the window has painted."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    path, passphrase = Path(sys.argv[1]), sys.argv[2]
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from app.settings import load
    from app.storage.crypto import SessionKey, read_salt
    from app.storage.workspace import Workspace
    from ui.application import prepare_application
    from ui.main_window import MainWindow
    from ui.session import Session

    app = QApplication(sys.argv[:1])
    prepare_application(app, load())
    start = time.perf_counter()
    SessionKey.derive(passphrase, read_salt(path))
    key_derivation = time.perf_counter() - start
    workspace = Workspace.open(path, passphrase)
    window = MainWindow(Session(workspace), load())

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(json.dumps({"key_derivation_s": key_derivation}), flush=True)
                os._exit(0)  # the measurement ends here; skip teardown
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
