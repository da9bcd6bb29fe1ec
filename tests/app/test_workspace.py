"""The workspace file: encrypted, standard SQLCipher 4, refused untouched when it is not ours."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.errors import (
    NotAWorkspaceError,
    WorkspaceError,
    WorkspaceInUseError,
    WorkspaceLockedError,
    WrongPassphraseError,
)
from app.registers.records import create_record
from app.storage.database import SQLITE_PLAINTEXT_HEADER, scalar
from app.storage.workspace import Workspace

WRONG = "not-the-right-passphrase-99"
STOCKED_PASSPHRASE = "amber-thistle-ferry-31"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def stocked(tmp_path_factory: pytest.TempPathFactory):
    """A closed workspace file with one department and one person, shared by read-only tests."""
    path = tmp_path_factory.mktemp("stocked") / "stocked.mamori"
    with Workspace.create(path, STOCKED_PASSPHRASE, {"name": "テスト生協"}) as ws:
        dept = create_record(ws.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
        create_record(
            ws.conn,
            PEOPLE,
            {
                "staff_no": "00001",
                "name": "山田 花子",
                "employment_type": "regular",
                "department": dept,
            },
        )
    return path


def test_file_is_encrypted_not_plain_sqlite(stocked: Path) -> None:
    data = stocked.read_bytes()
    assert not data.startswith(SQLITE_PLAINTEXT_HEADER)
    assert not data.startswith(b"SQLite format 3\0")
    assert "山田 花子".encode() not in data
    assert b"00001" not in data


def test_any_sqlcipher4_client_reads_it_with_the_passphrase_alone(stocked: Path) -> None:
    before = digest(stocked)
    conn = sqlcipher3.connect(str(stocked))
    try:
        conn.execute(f"PRAGMA key = '{STOCKED_PASSPHRASE}'")
        people = conn.execute("SELECT staff_no, name FROM person").fetchall()
        departments = conn.execute("SELECT code, name FROM department").fetchall()
    finally:
        conn.close()
    assert people == [("00001", "山田 花子")]
    assert departments == [("HQ", "本部")]
    assert digest(stocked) == before


def test_plain_sqlite_cannot_read_it(stocked: Path) -> None:
    conn = sqlite3.connect(f"{stocked.as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_wrong_passphrase_is_refused_and_file_untouched(stocked: Path) -> None:
    before = digest(stocked)
    with pytest.raises(WrongPassphraseError) as info:
        Workspace.open(stocked, WRONG)
    assert str(stocked) in str(info.value)
    assert digest(stocked) == before
    assert not stocked.with_name(stocked.name + "-journal").exists()


def _random_file(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)  # 16 KiB: a whole number of pages


def _plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO person (name) VALUES ('x')")
    conn.commit()
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _short(path: Path) -> None:
    path.write_bytes(b"hello, not a workspace")


def _odd_size(path: Path) -> None:
    path.write_bytes(os.urandom(5000))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_random_file, WorkspaceError),
        (_plain_sqlite, NotAWorkspaceError),
        (_empty, NotAWorkspaceError),
        (_short, NotAWorkspaceError),
        (_odd_size, NotAWorkspaceError),
    ],
    ids=["random-pages", "plain-sqlite", "empty", "short", "odd-size"],
)
def test_foreign_file_is_refused_naming_it_and_left_untouched(
    tmp_path: Path, passphrase: str, make, expected
) -> None:
    path = tmp_path / "foreign.mamori"
    make(path)
    before = digest(path)
    with pytest.raises(expected) as info:
        Workspace.open(path, passphrase)
    assert str(path) in str(info.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.mamori"]


def test_sqlcipher_file_of_another_app_is_not_a_workspace(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "other.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{passphrase}'")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAWorkspaceError) as info:
        Workspace.open(path, passphrase)
    assert str(path) in str(info.value)
    assert digest(path) == before


def test_missing_file_is_named_and_not_created(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "absent.mamori"
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, passphrase)
    assert str(path) in str(info.value)
    assert not path.exists()


def test_create_refuses_an_existing_path(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "taken.mamori"
    path.write_bytes(b"precious")
    with pytest.raises(WorkspaceError) as info:
        Workspace.create(path, passphrase)
    assert str(path) in str(info.value)
    assert path.read_bytes() == b"precious"


def test_create_leaves_only_the_workspace_file(workspace: Workspace) -> None:
    names = sorted(p.name for p in workspace.path.parent.iterdir())
    assert names == [workspace.path.name]
    assert scalar(workspace.conn, "SELECT value FROM meta WHERE key = 'app'") == "mamori-workspace"
    assert scalar(workspace.conn, "SELECT name FROM organisation") == "テスト生活協同組合"


def test_connection_pragmas(workspace: Workspace) -> None:
    for conn in (workspace.conn, workspace.connect()):
        assert scalar(conn, "PRAGMA foreign_keys") == 1
        assert scalar(conn, "PRAGMA secure_delete") == 1
        assert scalar(conn, "PRAGMA temp_store") == 2
        cache = scalar(conn, "PRAGMA cache_size")
        assert cache < 0 and cache <= -65536  # negative = KiB; at least 64 MiB
        assert scalar(conn, "PRAGMA busy_timeout") > 0
    # a second connection sees what the first one wrote, without a passphrase
    create_record(workspace.conn, DEPARTMENTS, {"code": "D1", "name": "総務部"})
    second = workspace.connect()
    try:
        assert second.execute("SELECT name FROM department").fetchall() == [("総務部",)]
    finally:
        second.close()


def test_change_passphrase_then_only_the_new_one_opens(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "rekey.mamori"
    new = "harbour-violet-engine-7"
    with Workspace.create(path, passphrase) as ws:
        create_record(ws.conn, DEPARTMENTS, {"code": "D1", "name": "総務部"})
        with pytest.raises(WorkspaceError):
            ws.change_passphrase(WRONG, new)
        ws.change_passphrase(passphrase, new)
        # the session keeps working, and new connections use the new key
        second = ws.connect()
        assert second.execute("SELECT code FROM department").fetchall() == [("D1",)]
        second.close()
        actions = [r[0] for r in ws.conn.execute("SELECT action FROM audit_log ORDER BY id")]
        assert actions[-1] == "rekey"
    before = digest(path)
    with pytest.raises(WrongPassphraseError):
        Workspace.open(path, passphrase)
    assert digest(path) == before
    with Workspace.open(path, new) as ws:
        assert ws.conn.execute("SELECT code FROM department").fetchall() == [("D1",)]


def test_backup_opens_with_the_same_passphrase(workspace: Workspace, passphrase: str) -> None:
    create_record(workspace.conn, DEPARTMENTS, {"code": "D1", "name": "総務部"})
    target = workspace.path.parent / "copies" / "backup.mamori"
    assert workspace.backup_to(target) == target
    assert not target.read_bytes().startswith(SQLITE_PLAINTEXT_HEADER)
    with Workspace.open(target, passphrase) as copy:
        assert copy.conn.execute("SELECT code FROM department").fetchall() == [("D1",)]
        # the backup entry is written only after the copy succeeded, so the copy ends before it
        assert scalar(copy.conn, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == (
            "insert"
        )
    assert scalar(workspace.conn, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == (
        "backup"
    )
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "backup.mamori"]
    assert leftovers == ["backup.mamori.json"]  # the manifest; no temporary file
    # the workspace is still writable afterwards (the copy's transaction was ended)
    create_record(workspace.conn, DEPARTMENTS, {"code": "D2", "name": "経理部"})


def test_backup_through_a_worker_connection(workspace: Workspace, passphrase: str) -> None:
    worker = workspace.connect()
    try:
        target = workspace.backup_to(workspace.path.parent / "worker-copy.mamori", worker)
    finally:
        worker.close()
    assert scalar(workspace.conn, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == (
        "backup"
    )
    with Workspace.open(target, passphrase) as copy:
        assert copy.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    assert not workspace.conn.in_transaction


def test_backup_refuses_to_overwrite_the_workspace(workspace: Workspace) -> None:
    before = digest(workspace.path)
    with pytest.raises(WorkspaceError):
        workspace.backup_to(workspace.path)
    relative = workspace.path.parent / "." / workspace.path.name
    with pytest.raises(WorkspaceError):
        workspace.backup_to(relative)
    assert digest(workspace.path) == before


def test_second_exclusive_open_is_refused(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "shared.mamori"
    first = Workspace.create(path, passphrase, exclusive=True)
    try:
        with pytest.raises(WorkspaceInUseError) as info:
            Workspace.open(path, passphrase, exclusive=True)
        assert str(path) in str(info.value)
        assert not first.locked
    finally:
        first.close()
    # closing releases the lock
    with Workspace.open(path, passphrase, exclusive=True) as again:
        assert again.schema_version >= 1


def test_lock_and_unlock_session(workspace: Workspace, passphrase: str) -> None:
    assert not workspace.locked
    workspace.lock_session()
    assert workspace.locked
    with pytest.raises(WorkspaceLockedError):
        workspace.connect()
    with pytest.raises(WrongPassphraseError):
        workspace.unlock_session(WRONG)
    assert workspace.locked
    workspace.unlock_session(passphrase)
    assert not workspace.locked
    assert scalar(workspace.conn, "SELECT name FROM organisation") == "テスト生活協同組合"
    second = workspace.connect()
    try:
        assert scalar(second, "SELECT count(*) FROM organisation") == 1
    finally:
        second.close()


def test_check_passphrase(workspace: Workspace, passphrase: str) -> None:
    assert workspace.check_passphrase(passphrase)
    assert not workspace.check_passphrase(WRONG)
