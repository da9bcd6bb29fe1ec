"""One fault-injection trial's victim: runs an operation and SIGKILLs itself at tick ``KILL_AT``.

``python -m tools.fault_child OP TRIAL_DIR KILL_AT``. With ``KILL_AT`` -1 nothing is counted: the
child prints ``ready`` and the harness kills it from outside after a random delay (a kill inside C
code, such as SQLCipher re-encrypting pages, lands there too). Otherwise a tick is one Python line executed, or 1,000
SQLite virtual-machine steps inside a statement, counted from the moment the operation starts; so
the kill lands anywhere in Python (a file copy, a rename, between two transactions) or in the
middle of SQLite's own work (a commit, a rekey). SIGKILL gives the process no chance to clean up,
exactly like a power cut or the task manager. With ``KILL_AT`` 0 the operation runs to the end and
the number of ticks it took is printed (the harness uses it to pick uniform kill points).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

_ticks = 0
_kill_at = 0
_counting = False


def start_counting() -> None:
    """The operation proper begins (after any setup that is not part of it, such as unlocking)."""
    global _counting
    _counting = True


def _tick() -> None:
    global _ticks
    if not _counting:
        return
    _ticks += 1
    if _kill_at and _ticks >= _kill_at:
        os.kill(os.getpid(), signal.SIGKILL)


def _trace(frame, event, arg):  # type: ignore[no-untyped-def]
    if event == "line":
        _tick()
    return _trace


def _sqlite_progress() -> int:
    _tick()
    return 0


def _instrument_connections() -> None:
    from app.storage import database

    original = database.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = original(*args, **kwargs)
        conn.set_progress_handler(_sqlite_progress, 1000)
        return conn

    database.connect = connect  # type: ignore[assignment]
    for module_name in ("app.storage.workspace", "app.storage.backup", "app.storage.restore"):
        module = sys.modules.get(module_name)
        if module is not None and hasattr(module, "connect"):
            module.connect = connect  # type: ignore[attr-defined]


def operation(op: str, trial: Path) -> None:
    from app.cli import main as cli

    workspace = str(trial / "workspace.mamori")
    if op not in ("edit", "passphrase"):
        start_counting()
    if op == "import":
        code = cli(
            [
                "--lang",
                "en",
                "--workspace",
                workspace,
                "import",
                "people",
                str(trial / "people.csv"),
            ]
        )
        assert code == 0, code
    elif op == "edit":
        from app.areas.organisation.registers import PEOPLE
        from app.registers.records import update_record
        from app.storage.workspace import Workspace

        with Workspace.open(Path(workspace), os.environ["MAMORI_PASSPHRASE"]) as ws:
            ids = [row[0] for row in ws.conn.execute("SELECT id FROM person ORDER BY id LIMIT 20")]
            start_counting()
            for record_id in ids:
                update_record(ws.conn, PEOPLE, record_id, {"kana": "ヘンシュウ ズミ"})
    elif op == "migration":
        from app.storage.workspace import Workspace

        Workspace.open(trial / "old.mamori", os.environ["MAMORI_OLD_PASSPHRASE"]).close()
    elif op == "backup":
        code = cli(
            [
                "--lang",
                "en",
                "--workspace",
                workspace,
                "backup",
                "--out",
                str(trial / "copies" / "b.mamori"),
            ]
        )
        assert code == 0, code
    elif op == "restore":
        code = cli(
            ["--lang", "en", "--workspace", workspace, "restore", str(trial / "backup.mamori")]
        )
        assert code == 0, code
    elif op == "passphrase":
        from app.storage.workspace import Workspace

        with Workspace.open(Path(workspace), os.environ["MAMORI_PASSPHRASE"]) as ws:
            start_counting()
            ws.change_passphrase(
                os.environ["MAMORI_PASSPHRASE"], os.environ["MAMORI_NEW_PASSPHRASE"]
            )
    else:
        raise SystemExit(f"unknown operation {op}")


def main() -> int:
    global _kill_at
    op, trial, kill_at = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    # Import everything first, so the ticks count the operation, not module loading.
    import app.cli
    import app.storage.backup
    import app.storage.restore
    import app.storage.workspace  # noqa: F401
    from app.importing import register_import  # noqa: F401

    if kill_at < 0:  # timed mode: the harness kills from outside after a random delay
        print("ready", flush=True)
        operation(op, trial)
        print("done", flush=True)
        return 0
    _instrument_connections()
    _kill_at = kill_at
    sys.settrace(_trace)
    try:
        operation(op, trial)
    finally:
        sys.settrace(None)
    print(f"ticks={_ticks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
