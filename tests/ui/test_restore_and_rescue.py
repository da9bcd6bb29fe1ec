"""The restore dialog, the rescue banner, and the application's restore flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.areas.organisation.registers import DEPARTMENTS
from app.registers.records import create_record
from app.settings import Settings
from app.storage.backup import write_automatic_backup
from app.storage.workspace import Workspace
from tests.app.reliability.helpers import flip_bytes
from ui.main_window import MainWindow
from ui.restore_dialog import Column, RestoreDialog
from ui.session import Session


def test_dialog_lists_backups_with_counts_and_check(workspace: Workspace, qtbot) -> None:
    create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    info = write_automatic_backup(workspace)
    dialog = RestoreDialog(workspace.path, workspace.session_key.copy())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    row = {column: dialog.table.item(0, column).text() for column in Column}
    assert row[Column.FILE] == Path(info.path).name
    assert row[Column.PEOPLE] == "0"
    assert int(row[Column.ENTRIES]) == info.counts["audit_entries"]
    assert row[Column.CHECK] == "checked when written"
    assert dialog.check_selected()
    assert dialog.table.item(0, Column.CHECK).text() == "checked now: sound"
    assert dialog.restore_button.isEnabled()


def test_dialog_says_when_a_backup_is_damaged(workspace: Workspace, qtbot) -> None:
    for number in range(20):
        create_record(workspace.conn, DEPARTMENTS, {"code": f"D{number}", "name": "部" * 50})
    info = write_automatic_backup(workspace)
    flip_bytes(Path(info.path), page_from_end=2)
    dialog = RestoreDialog(workspace.path, workspace.session_key.copy())
    qtbot.addWidget(dialog)
    assert not dialog.check_selected()
    assert dialog.table.item(0, Column.CHECK).text() == "damaged"
    assert "did not pass its check" in dialog.message.text()


def test_dialog_with_no_backups(workspace: Workspace, qtbot) -> None:
    dialog = RestoreDialog(workspace.path, workspace.session_key.copy())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert dialog.empty_label.isVisibleTo(dialog)


def test_rescue_banner_offers_the_newest_good_backup(tmp_path: Path, passphrase: str, qtbot):
    path = tmp_path / "ws.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(20):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number}", "name": "部" * 50})
        info = write_automatic_backup(ws)
    flip_bytes(path, page_from_end=2)
    workspace = Workspace.open(path, passphrase)
    window = MainWindow(Session(workspace), Settings(language="en"))
    qtbot.addWidget(window)
    try:
        banner = window.rescue_banner
        assert banner.isVisibleTo(window)
        assert "rescue mode" in banner.label.text()
        assert f"The newest good backup is {Path(info.path).name}" in banner.label.text()
    finally:
        window.close()


def test_no_banner_on_a_sound_workspace(session, qtbot) -> None:
    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    assert not window.rescue_banner.isVisibleTo(window)
    assert "restore" in window.actions


def test_application_restores_and_reopens(
    tmp_path: Path, passphrase: str, qapp, qtbot, monkeypatch
):
    from ui.application import Launcher

    path = tmp_path / "ws.mamori"
    with Workspace.create(path, passphrase) as ws:
        create_record(ws.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
        info = write_automatic_backup(ws)
        create_record(ws.conn, DEPARTMENTS, {"code": "B", "name": "経理部"})
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: pytest.fail(str(args))))
    launcher = Launcher(qapp, Settings(language="en"))
    window = launcher.show(Workspace.open(path, passphrase, exclusive=True), False)
    window.restore_requested.emit(Path(info.path), window.session.workspace.session_key.copy())
    reopened = launcher.window
    assert reopened is not None and reopened is not window
    conn = reopened.session.workspace.conn
    assert [row[0] for row in conn.execute("SELECT code FROM department")] == ["A"]
    assert conn.execute("SELECT action FROM audit_log ORDER BY id DESC").fetchone()[0] == "restore"
    reopened.close_for_restore()  # no automatic backup from the test


def test_a_deferred_check_keeps_the_workspace_read_only_until_it_passes(
    tmp_path: Path, passphrase: str, qtbot
) -> None:
    path = tmp_path / "deferred.mamori"
    Workspace.create(path, passphrase).close()
    workspace = Workspace.open(path, passphrase, defer_check=True)
    assert workspace.checking
    from app.errors import WorkspaceReadOnlyError

    with pytest.raises(WorkspaceReadOnlyError, match="still checking"):
        create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    window = MainWindow(Session(workspace), Settings(language="en"))
    qtbot.addWidget(window)
    window.start_checks()
    qtbot.waitUntil(lambda: not workspace.checking, timeout=10_000)
    assert not workspace.rescue
    create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    window.close()


def test_a_deferred_check_that_finds_damage_enters_rescue_mode(
    tmp_path: Path, passphrase: str, qtbot
) -> None:
    from app.storage.health import file_damage
    from ui.rescue_banner import RescueBanner

    path = tmp_path / "deferred-damaged.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(20):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number}", "name": "部" * 50})
    flip_bytes(path, page_from_end=2)
    workspace = Workspace.open(path, passphrase, defer_check=True)
    banner = RescueBanner(workspace, lambda: None)
    qtbot.addWidget(banner)
    # Either the damaged page was read while opening (rescue at once), or the background check
    # (what MainWindow.start_checks runs) finds it.
    assert workspace.checking or workspace.rescue
    if workspace.checking:
        conn = workspace.connect()
        workspace.finish_check(file_damage(conn))
        conn.close()
    banner.show_state(workspace)
    assert workspace.rescue and not banner.isHidden()
    assert "HMAC verification failed" in banner.label.text()
    workspace.close()


def test_a_page_that_reads_a_damaged_page_enters_rescue_mode_with_a_clear_message(
    tmp_path: Path, passphrase: str, qtbot
) -> None:
    """Damage found by an ordinary read (not by the checks) is not an "unexpected error": the
    workspace goes read-only at once and the officer is told what happened and what to do."""
    from app.errors import WorkspaceReadOnlyError
    from app.storage.database import DatabaseError
    from ui.errors import current_damage_box, current_unexpected_dialog, report_unexpected

    path = tmp_path / "damaged-later.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(20):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number}", "name": "部" * 50})
    workspace = Workspace.open(path, passphrase)
    window = MainWindow(Session(workspace), Settings(language="en"))
    qtbot.addWidget(window)
    assert not workspace.rescue
    flip_bytes(path, page_from_end=2)  # the disk goes bad while the window is open
    reader = workspace.connect()
    met: DatabaseError | None = None
    tables = [
        name for (name,) in reader.execute("SELECT name FROM sqlite_master WHERE type='table'")
    ]
    for table in tables:  # what the pages read, table by table, until one meets the bad page
        try:
            reader.execute(f'SELECT * FROM "{table}"').fetchall()
        except DatabaseError as exc:
            met = exc
            break
    reader.close()
    assert met is not None
    shown = report_unexpected(met, "register page", window)
    assert shown is current_damage_box() and current_unexpected_dialog() is None
    assert shown.windowTitle() == "The workspace is damaged"
    assert "is damaged" in shown.text() and "rescue mode" in shown.text()
    assert workspace.rescue and window.rescue_banner.isVisibleTo(window)
    with pytest.raises(WorkspaceReadOnlyError):
        create_record(workspace.conn, DEPARTMENTS, {"code": "X", "name": "新しい部"})
    assert report_unexpected(met, "another page", window) is shown  # one box only
    shown.close()
    window.close_for_restore()
