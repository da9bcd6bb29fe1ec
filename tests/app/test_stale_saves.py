"""Optimistic concurrency: a form saves with the version it was opened with, and a save over a
newer change is refused with nothing written (two connections to one real workspace)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION
from app.errors import StaleRecordError
from app.registers.records import (
    create_record,
    delete_record,
    load_record,
    record_version,
    update_record,
)
from app.storage import audit
from app.storage.database import Connection, scalar, write_transaction
from app.storage.workspace import Workspace


@pytest.fixture
def second(workspace: Workspace) -> Iterator[Connection]:
    """Another connection to the same file, as a second window or the CLI would have."""
    conn = workspace.connect()
    yield conn
    conn.close()


@pytest.fixture
def dept(workspace: Workspace) -> int:
    changes = create_record(workspace.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"})
    assert changes.record_id is not None
    return changes.record_id


def audit_count(conn: Connection) -> int:
    return int(scalar(conn, "SELECT count(*) FROM audit_log"))


def test_a_stale_save_is_refused_and_writes_nothing(
    workspace: Workspace, second: Connection, dept: int
) -> None:
    opened_first = record_version(workspace.conn, DEPARTMENTS, dept)
    opened_second = record_version(second, DEPARTMENTS, dept)
    assert opened_first == opened_second is not None
    update_record(workspace.conn, DEPARTMENTS, dept, {"name": "本部 2"}, version=opened_first)
    entries = audit_count(second)
    with pytest.raises(StaleRecordError, match="changed since you opened it"):
        update_record(second, DEPARTMENTS, dept, {"name": "本部 3"}, version=opened_second)
    assert load_record(second, DEPARTMENTS, dept)["name"] == "本部 2"
    assert audit_count(second) == entries


def test_a_save_in_the_same_second_still_changes_the_version(
    workspace: Workspace, dept: int
) -> None:
    """updated_at has whole seconds; the audit entry id tells two quick saves apart."""
    conn = workspace.conn
    first = record_version(conn, DEPARTMENTS, dept)
    update_record(conn, DEPARTMENTS, dept, {"name": "A"}, version=first)
    second = record_version(conn, DEPARTMENTS, dept)
    update_record(conn, DEPARTMENTS, dept, {"name": "B"}, version=second)
    assert len({first, second, record_version(conn, DEPARTMENTS, dept)}) == 3
    with pytest.raises(StaleRecordError):
        update_record(conn, DEPARTMENTS, dept, {"name": "C"}, version=second)


def test_reloading_gives_the_current_version_and_the_save_goes_through(
    workspace: Workspace, second: Connection, dept: int
) -> None:
    stale = record_version(second, DEPARTMENTS, dept)
    update_record(workspace.conn, DEPARTMENTS, dept, {"name": "本部 2"})
    with pytest.raises(StaleRecordError):
        update_record(second, DEPARTMENTS, dept, {"location": "3階"}, version=stale)
    fresh = record_version(second, DEPARTMENTS, dept)
    update_record(second, DEPARTMENTS, dept, {"location": "3階"}, version=fresh)
    stored = load_record(workspace.conn, DEPARTMENTS, dept)
    assert (stored["name"], stored["location"]) == ("本部 2", "3階")


def test_an_unchanged_save_keeps_the_version(workspace: Workspace, dept: int) -> None:
    conn = workspace.conn
    version = record_version(conn, DEPARTMENTS, dept)
    changes = update_record(conn, DEPARTMENTS, dept, {"name": "本部"}, version=version)
    assert changes.count == 0
    assert record_version(conn, DEPARTMENTS, dept) == version


def test_other_audit_entries_do_not_make_a_form_stale(workspace: Workspace, dept: int) -> None:
    """Exports and backups name no record change; only inserts and updates move the version."""
    conn = workspace.conn
    version = record_version(conn, DEPARTMENTS, dept)
    with write_transaction(conn):
        audit.append(conn, "export", register=DEPARTMENTS.key, record_id=dept)
    assert record_version(conn, DEPARTMENTS, dept) == version


def test_the_singleton_organisation_is_guarded_too(
    workspace: Workspace, second: Connection
) -> None:
    stale = record_version(second, ORGANISATION, 1)
    update_record(workspace.conn, ORGANISATION, 1, {"name": "新しい名前の生協"})
    with pytest.raises(StaleRecordError):
        update_record(second, ORGANISATION, 1, {"name": "古い画面の名前"}, version=stale)
    assert load_record(second, ORGANISATION, 1)["name"] == "新しい名前の生協"


def test_a_missing_record_has_no_version(workspace: Workspace) -> None:
    assert record_version(workspace.conn, DEPARTMENTS, 999) is None


def test_a_form_over_a_deleted_record_is_told_so(
    workspace: Workspace, second: Connection, dept: int
) -> None:
    opened = record_version(second, DEPARTMENTS, dept)
    delete_record(workspace.conn, DEPARTMENTS, dept)
    with pytest.raises(StaleRecordError, match="deleted since you opened it") as caught:
        update_record(second, DEPARTMENTS, dept, {"name": "x"}, version=opened)
    assert caught.value.deleted
