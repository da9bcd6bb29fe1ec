"""The hash-chained audit trail and ``verify``: every change is recorded, and every change made
behind Mamori's back (to a record or to the trail itself) is found and named."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.jobs import JobCancelledError
from app.registers.records import create_record, delete_record, update_record
from app.storage import audit
from app.storage.audit import GENESIS, iter_entries, verify_chain
from app.storage.database import scalar, write_transaction
from app.storage.workspace import Workspace
from app.verify import verify_workspace


@pytest.fixture
def stocked(workspace: Workspace) -> Workspace:
    conn = workspace.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    for staff_no, name in (("00001", "山田 花子"), ("00002", "佐藤 一郎"), ("00003", "鈴木 次郎")):
        create_record(
            conn,
            PEOPLE,
            {
                "staff_no": staff_no,
                "name": name,
                "employment_type": "regular",
                "department": dept,
            },
        )
    return workspace


def person_id(ws: Workspace, staff_no: str) -> int:
    return int(scalar(ws.conn, "SELECT id FROM person WHERE staff_no = ?", (staff_no,)))


def last_entry(ws: Workspace) -> audit.AuditEntry:
    return next(iter_entries(ws.conn, "WHERE id = (SELECT max(id) FROM audit_log)"))


def messages(report, check: str | None = None) -> list[str]:
    return [p.message for p in report.problems if check is None or p.check == check]


def test_create_update_delete_each_append_a_chained_entry(workspace: Workspace) -> None:
    conn = workspace.conn
    start = scalar(conn, "SELECT max(id) FROM audit_log")

    record_id = create_record(
        conn, PEOPLE, {"staff_no": "00042", "name": "山田 花子", "employment_type": "regular"}
    ).record_id
    inserted = last_entry(workspace)
    assert (inserted.action, inserted.register, inserted.record_id) == (
        "insert",
        "people",
        record_id,
    )
    assert inserted.record_label == "00042 山田 花子"
    assert inserted.before is None
    assert inserted.after_values()["name"] == "山田 花子"
    assert inserted.after_values()["staff_no"] == "00042"

    update_record(conn, PEOPLE, record_id, {"name": "山田 春子", "hire_date": "2024-04-01"})
    updated = last_entry(workspace)
    assert updated.action == "update"
    assert updated.before_values()["name"] == "山田 花子"
    assert updated.after_values()["name"] == "山田 春子"
    assert updated.before_values()["hire_date"] is None
    assert updated.after_values()["hire_date"] == "2024-04-01"
    assert updated.prev_hash == inserted.hash

    # an update that changes nothing writes nothing
    changes = update_record(conn, PEOPLE, record_id, {"name": "山田 春子"})
    assert changes.registers == frozenset()
    assert last_entry(workspace).id == updated.id

    delete_record(conn, PEOPLE, record_id)
    deleted = last_entry(workspace)
    assert deleted.action == "delete"
    assert deleted.before_values()["name"] == "山田 春子"
    assert deleted.after is None
    assert deleted.prev_hash == updated.hash

    assert [inserted.id, updated.id, deleted.id] == [start + 1, start + 2, start + 3]
    for entry in (inserted, updated, deleted):
        assert entry.hash == entry.content_hash()
        assert entry.os_user
    assert verify_chain(conn) == []


def test_chain_starts_at_genesis_and_links_every_entry(workspace: Workspace) -> None:
    entries = list(iter_entries(workspace.conn))
    assert entries[0].action == "create"
    assert entries[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
        assert after.id == before.id + 1


def test_a_failed_change_writes_no_entry(workspace: Workspace) -> None:
    count = scalar(workspace.conn, "SELECT count(*) FROM audit_log")
    with pytest.raises(Exception, match="is required"):
        create_record(workspace.conn, PEOPLE, {"staff_no": "1"})
    assert scalar(workspace.conn, "SELECT count(*) FROM audit_log") == count


def test_append_outside_a_transaction_is_refused(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError):
        audit.append(workspace.conn, "export")
    with write_transaction(workspace.conn):
        audit.append(workspace.conn, "export", detail={"rows": 0})
    assert verify_chain(workspace.conn) == []


def test_verify_is_ok_on_a_fresh_and_a_used_workspace(stocked: Workspace) -> None:
    report = verify_workspace(stocked.conn)
    assert report.ok, report.problems
    assert report.entries == scalar(stocked.conn, "SELECT count(*) FROM audit_log")
    counted = sum(
        scalar(stocked.conn, f"SELECT count(*) FROM {table}")
        for table in (
            "organisation",
            "department",
            "person",
            "catalogue",
            "catalogue_item",
            "control",
        )
    )
    assert report.records == counted
    update_record(stocked.conn, PEOPLE, person_id(stocked, "00002"), {"name": "佐藤 二郎"})
    delete_record(stocked.conn, PEOPLE, person_id(stocked, "00003"))
    assert verify_workspace(stocked.conn).ok


def test_record_changed_outside_mamori_is_named(stocked: Workspace) -> None:
    target = person_id(stocked, "00002")
    stocked.conn.execute("UPDATE person SET name = '偽名 太郎' WHERE id = ?", (target,))
    report = verify_workspace(stocked.conn)
    assert not report.ok
    problems = messages(report, "records")
    assert len(problems) == 1, report.problems
    (message,) = problems
    assert f"people #{target}" in message
    assert "00002" in message  # the record label
    assert "name" in message
    assert "佐藤 一郎" in message and "偽名 太郎" in message
    assert messages(report, "chain") == []


def test_audit_entry_edited_breaks_the_chain_at_that_entry(stocked: Workspace) -> None:
    victim = scalar(
        stocked.conn, "SELECT id FROM audit_log WHERE action = 'insert' LIMIT 1 OFFSET 3"
    )
    stocked.conn.execute("UPDATE audit_log SET os_user = 'someone-else' WHERE id = ?", (victim,))
    breaks = verify_chain(stocked.conn)
    assert [b.entry_id for b in breaks] == [victim]
    report = verify_workspace(stocked.conn)
    chain = messages(report, "chain")
    assert len(chain) == 1
    assert f"Audit entry {victim}:" in chain[0]
    assert "changed" in chain[0]


def test_audit_entry_removed_is_reported(stocked: Workspace) -> None:
    last = scalar(stocked.conn, "SELECT max(id) FROM audit_log")
    victim = last - 1
    stocked.conn.execute("DELETE FROM audit_log WHERE id = ?", (victim,))
    breaks = verify_chain(stocked.conn)
    assert {b.entry_id for b in breaks} == {last}
    assert any(f"{victim}..{victim}" in b.problem for b in breaks)
    assert not verify_workspace(stocked.conn).ok


def test_record_deleted_outside_mamori_is_named(stocked: Workspace) -> None:
    target = person_id(stocked, "00003")
    stocked.conn.execute("DELETE FROM person WHERE id = ?", (target,))
    report = verify_workspace(stocked.conn)
    (message,) = messages(report, "records")
    assert f"people #{target}" in message
    assert "鈴木 次郎" in message
    assert "removed outside Mamori" in message


def test_record_added_outside_mamori_is_named(stocked: Workspace) -> None:
    cursor = stocked.conn.execute(
        "INSERT INTO person (staff_no, name, employment_type, created_at, created_by, "
        "updated_at, updated_by) VALUES ('66666', '侵入 者', 'regular', 'x', 'x', 'x', 'x')"
    )
    report = verify_workspace(stocked.conn)
    (message,) = messages(report, "records")
    assert f"people #{cursor.lastrowid}" in message
    assert "added outside Mamori" in message


def test_broken_foreign_key_is_reported(stocked: Workspace) -> None:
    conn = stocked.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE person SET department_id = 999 WHERE staff_no = '00001'")
    conn.execute("PRAGMA foreign_keys = ON")
    report = verify_workspace(conn)
    (message,) = messages(report, "foreign_keys")
    assert "person" in message and "department" in message


@pytest.fixture
def damaged(tmp_path: Path, passphrase: str) -> Path:
    """A workspace whose next-to-last page has one flipped byte (page 1 intact, so it opens)."""
    path = tmp_path / "damaged.mamori"
    Workspace.create(path, passphrase).close()
    data = bytearray(path.read_bytes())
    page_size = 4096
    damaged_page = len(data) // page_size - 1  # 1-based number of the next-to-last page
    data[(damaged_page - 1) * page_size + 100] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def test_damaged_page_is_found_by_the_cipher_check(damaged: Path, passphrase: str) -> None:
    with Workspace.open(damaged, passphrase) as ws:
        found = [row[0] for row in ws.conn.execute("PRAGMA cipher_integrity_check")]
    page = damaged.stat().st_size // 4096 - 1
    assert found == [f"HMAC verification failed for page {page}"]


def test_verify_reports_a_damaged_page_instead_of_raising(damaged: Path, passphrase: str) -> None:
    with Workspace.open(damaged, passphrase) as ws:
        report = verify_workspace(ws.conn)
    assert not report.ok
    assert messages(report, "cipher")


def test_verify_reports_progress_and_can_be_cancelled(stocked: Workspace) -> None:
    seen: list[float] = []
    verify_workspace(stocked.conn, progress=lambda fraction, _message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    with pytest.raises(JobCancelledError):
        verify_workspace(stocked.conn, cancelled=lambda: True)
    # a cancelled verify leaves no transaction open
    assert not stocked.conn.in_transaction


def test_backup_is_audited(stocked: Workspace, tmp_path: Path) -> None:
    stocked.backup_to(tmp_path / "copy.mamori")
    entry = last_entry(stocked)
    assert entry.action == "backup"
    detail = json.loads(entry.detail or "{}")
    assert detail["file"] == "copy.mamori"
    assert detail["verified"] is True
    assert detail["size"] == (tmp_path / "copy.mamori").stat().st_size
    assert detail["head"] == f"#{entry.id - 1}:{entry.prev_hash[:16]}"  # the trail the copy holds
    assert verify_workspace(stocked.conn).ok
