"""Backups that restore: verified copies with a manifest, rotation, restore drill, leftovers, busy."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS
from app.cli import EXIT_FAILED, EXIT_OK, build_parser, run_command
from app.errors import WorkspaceBusyError, WorkspaceError, WorkspaceInUseError
from app.registers.records import create_record
from app.storage import backup as backups
from app.storage.anchor import current_head
from app.storage.restore import restore_backup
from app.storage.temporaries import cleanup_stale_temporaries
from app.storage.workspace import Workspace
from app.verify import verify_workspace
from tests.app.reliability.helpers import flip_bytes


def departments(ws: Workspace) -> list[str]:
    return [row[0] for row in ws.conn.execute("SELECT code FROM department ORDER BY code")]


def run(*argv: str) -> int:
    return run_command(build_parser().parse_args(["--lang", "en", *argv]))


def test_restore_drill(workspace: Workspace, passphrase: str, tmp_path: Path) -> None:
    """Back up, go on working, restore: the backup's state returns, the replaced file is kept, the
    restore is in the trail and everything verifies against the anchor."""
    create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    info = backups.write_backup(workspace, tmp_path / "monday.mamori")
    assert info.verified and info.counts["departments"] == 1
    create_record(workspace.conn, DEPARTMENTS, {"code": "B", "name": "経理部"})
    path = workspace.path
    workspace.close()

    result = restore_backup(tmp_path / "monday.mamori", path, passphrase)

    assert result.kept_as is not None and result.kept_as.exists()
    with Workspace.open(path, passphrase) as ws:
        assert not ws.rescue
        assert departments(ws) == ["A"]
        last = ws.conn.execute(
            "SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert last[0] == "restore"
        detail = json.loads(last[1])
        assert detail["from"] == "monday.mamori" and detail["backup_head"] == info.head
        assert detail["kept_as"] == result.kept_as.name
        assert verify_workspace(ws.conn, anchors=ws.anchors.load()).ok
        assert ws.anchors.newest().entry_id == current_head(ws.conn).entry_id
    with Workspace.open(result.kept_as, passphrase) as kept:
        assert departments(kept) == ["A", "B"]


def test_restore_to_another_path_leaves_the_workspace_alone(
    workspace: Workspace, passphrase: str, tmp_path: Path
) -> None:
    workspace.backup_to(tmp_path / "copy.mamori")
    before = workspace.path.read_bytes()
    result = restore_backup(
        tmp_path / "copy.mamori", tmp_path / "elsewhere" / "new.mamori", passphrase
    )
    assert result.kept_as is None
    assert workspace.path.read_bytes() == before
    with Workspace.open(result.target, passphrase) as ws:
        assert verify_workspace(ws.conn, anchors=ws.anchors.load()).ok


def test_restore_refuses_a_workspace_open_elsewhere(passphrase: str, tmp_path: Path) -> None:
    path = tmp_path / "busy.mamori"
    with Workspace.create(path, passphrase, exclusive=True) as ws:
        ws.backup_to(tmp_path / "copy.mamori")
        with pytest.raises(WorkspaceInUseError):
            restore_backup(tmp_path / "copy.mamori", path, passphrase)


def test_restore_refuses_a_damaged_backup(workspace: Workspace, passphrase: str, tmp_path: Path):
    for number in range(20):
        create_record(workspace.conn, DEPARTMENTS, {"code": f"D{number}", "name": "部" * 50})
    workspace.backup_to(tmp_path / "copy.mamori")
    flip_bytes(tmp_path / "copy.mamori", page_from_end=2)
    before = workspace.path.read_bytes()
    with pytest.raises(WorkspaceError, match="did not pass its check"):
        restore_backup(tmp_path / "copy.mamori", workspace.path, passphrase)
    assert workspace.path.read_bytes() == before


def test_backup_to_a_folder_names_the_folder(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        workspace.backup_to(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path} is a folder.")
    assert ".tmp" not in message


def test_busy_workspace_says_so_and_keeps_no_unrecorded_copy(
    workspace: Workspace, tmp_path: Path
) -> None:
    other = workspace.connect()
    worker = workspace.connect()
    worker.execute("PRAGMA busy_timeout = 50")
    try:
        other.execute("BEGIN EXCLUSIVE")  # a long import that spilled its cache to the file
        with pytest.raises(WorkspaceBusyError, match="busy"):
            workspace.backup_to(tmp_path / "during-import.mamori", worker)
        other.execute("ROLLBACK")
        other.execute("BEGIN IMMEDIATE")  # an import still in memory: the copy can be taken...
        with pytest.raises(WorkspaceBusyError):  # ...but not recorded, so it is not kept
            workspace.backup_to(tmp_path / "during-import.mamori", worker)
        other.execute("ROLLBACK")
    finally:
        other.close()
        worker.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "test.mamori") == []


def test_backup_manifest_describes_the_copy(workspace: Workspace, tmp_path: Path) -> None:
    create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    workspace.backup_to(tmp_path / "copy.mamori")
    info = backups.read_info(tmp_path / "copy.mamori")
    assert info.verified and info.size == (tmp_path / "copy.mamori").stat().st_size
    assert info.counts["departments"] == 1 and info.counts["audit_entries"] > 1
    assert info.head.startswith("#")
    manifest = (tmp_path / "copy.mamori.json").read_text(encoding="utf-8")
    assert "総務部" not in manifest  # counts, never names
    assert oct((tmp_path / "copy.mamori").stat().st_mode & 0o777) == "0o600"


def test_automatic_backups_rotate(workspace: Workspace) -> None:
    folder = backups.backup_folder(workspace.path)
    folder.mkdir()
    stem = workspace.path.stem
    for day in range(1, 6):  # five older automatic backups
        (folder / f"{stem}-2026110{day}-120000.mamori").write_bytes(b"old")
    assert backups.daily_backup_due(workspace.path, now=datetime(2026, 11, 6, 13, 0))
    assert not backups.daily_backup_due(workspace.path, now=datetime(2026, 11, 5, 13, 0))
    info = backups.write_automatic_backup(workspace, keep=3)
    kept = [p.name for p in backups.automatic_backups(folder, stem)]
    assert len(kept) == 3 and kept[-1] == Path(info.path).name
    assert kept[0] == f"{stem}-20261104-120000.mamori"
    listed = backups.list_backups(workspace.path)
    assert listed[0].path == info.path and listed[0].verified
    assert backups.newest_good_backup(workspace.path).path == info.path


def test_stale_temporaries_are_removed_at_open(workspace: Workspace, passphrase: str) -> None:
    folder = workspace.path.parent
    dead = folder / ".mamori-999999999-abc.tmp"  # a killed backup's copy (no such process)
    old = folder / ".mamori-xyz.tmp"  # an older version's leftover, two hours old
    mine = folder / f".mamori-{os.getpid()}-live.tmp"  # being written right now
    for path in (dead, old, mine):
        path.write_bytes(b"x" * 1024)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    path = workspace.path
    workspace.close()
    Workspace.open(path, passphrase).close()
    assert not dead.exists() and not old.exists()
    assert mine.exists()
    assert cleanup_stale_temporaries(folder) == []


def test_cli_backup_restore_and_list(
    workspace: Workspace,
    passphrase: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", passphrase)
    create_record(workspace.conn, DEPARTMENTS, {"code": "A", "name": "総務部"})
    path = workspace.path
    workspace.close()
    assert run("--workspace", str(path), "backup", "--auto") == EXIT_OK
    out = capsys.readouterr().out
    assert "Wrote a verified encrypted backup copy" in out and "audit trail up to #" in out
    assert run("--workspace", str(path), "backups") == EXIT_OK
    listing = capsys.readouterr().out
    assert "verified" in listing and "1 people" not in listing
    made = backups.automatic_backups(backups.backup_folder(path), path.stem)[0]
    with Workspace.open(path, passphrase) as ws:
        create_record(ws.conn, DEPARTMENTS, {"code": "B", "name": "経理部"})
    assert run("--workspace", str(path), "restore", str(made)) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Restored {made} to {path}" in out and "was kept as" in out
    with Workspace.open(path, passphrase) as ws:
        assert departments(ws) == ["A"]
    assert run("--workspace", str(path), "restore", str(tmp_path / "none.mamori")) == EXIT_FAILED
    assert "There is no backup file at" in capsys.readouterr().err


def test_new_workspace_files_are_private(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "private.mamori"
    Workspace.create(path, passphrase).close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    path.chmod(0o644)  # as older versions left them
    Workspace.open(path, passphrase).close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_schema_mismatch_is_explained_and_leaves_no_copies(tmp_path: Path, passphrase: str):
    from tests.app.reliability.helpers import tamper

    path = tmp_path / "wrongversion.mamori"
    Workspace.create(path, passphrase).close()
    tamper(path, passphrase, "PRAGMA user_version = 2")
    for _attempt in range(2):
        with pytest.raises(WorkspaceError, match="its tables do not match that version"):
            Workspace.open(path, passphrase)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrongversion.mamori"]
