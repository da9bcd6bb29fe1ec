"""Schema upgrades: real old files open with the current code; newer files are refused untouched;
an upgrade takes a backup first and applies its steps all-or-nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from app.areas.organisation.registers import PEOPLE
from app.errors import WorkspaceError, WorkspaceTooNewError
from app.registers.query import ListQuery, compile_query
from app.registers.records import load_record, update_record
from app.storage import migrations
from app.storage.audit import iter_entries
from app.storage.database import scalar
from app.storage.migrations import Migration
from app.storage.workspace import Workspace
from app.verify import verify_workspace

DATA = Path(__file__).resolve().parents[1] / "data"
V1_FILE = DATA / "db_v1" / "workspace.mamori"
V1_PASSPHRASE = "mamori-fixture-v1"  # documented in tests/data/README.md


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.mamori"
    shutil.copyfile(V1_FILE, target)
    return target


def raw_connect(path: Path, passphrase: str):
    """A bare SQLCipher 4 connection, as any other client would open the file."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{passphrase}'")
    return conn


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak.mamori"))


def test_committed_v1_file_is_schema_1() -> None:
    assert V1_FILE.is_file(), "run tests/data/make_fixtures.py"
    conn = raw_connect(V1_FILE, V1_PASSPHRASE)
    try:
        assert scalar(conn, "PRAGMA user_version") == 1
    finally:
        conn.close()


def test_v1_file_opens_with_current_code(v1_copy: Path) -> None:
    with Workspace.open(v1_copy, V1_PASSPHRASE) as ws:
        assert ws.schema_version == migrations.SCHEMA_VERSION
        assert ws.schema_version == migrations.MIGRATIONS[-1].version
        conn = ws.conn
        assert scalar(conn, "SELECT name FROM organisation") == "生活協同組合フィクスチャ"
        people = dict(conn.execute("SELECT staff_no, name FROM person"))
        assert people == {
            "00001": "山田 花子",
            "00002": "佐藤 一郎",
            "00003": "髙橋 美咲",
            "00004": "山﨑 健一",
            "V0005": "田中 さくら",
        }
        leaver_id = scalar(conn, "SELECT id FROM person WHERE staff_no = '00004'")
        leaver = load_record(conn, PEOPLE, leaver_id)
        assert leaver["leave_date"] == date(2024, 3, 31)
        assert leaver["pms_roles"] == ["handler"]
        # the list query (joins, catalogue labels, FTS) works on the old file
        compiled = compile_query(PEOPLE, ListQuery(search="ヤマザキ"))
        rows = compiled.page(conn, 0, 10)
        assert [row[0] for row in rows] == [leaver_id]
        assert compile_query(PEOPLE, ListQuery(search="山田")).count(conn) == 1
        # the old audit trail still verifies, and new changes extend it
        assert verify_workspace(conn).ok
        update_record(conn, PEOPLE, leaver_id, {"active": False})
        assert verify_workspace(conn).ok
        assert ws.upgraded_from == (None if migrations.SCHEMA_VERSION == 1 else 1)


def test_newer_workspace_is_refused_untouched(v1_copy: Path) -> None:
    conn = raw_connect(v1_copy, V1_PASSPHRASE)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(v1_copy)
    with pytest.raises(WorkspaceTooNewError) as info:
        Workspace.open(v1_copy, V1_PASSPHRASE)
    message = str(info.value)
    assert str(v1_copy) in message
    assert str(migrations.SCHEMA_VERSION + 1) in message
    assert digest(v1_copy) == before
    assert backups(v1_copy.parent) == []
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == [v1_copy.name]


FILE_VERSION = 1  # tests/data/db_v1 was written by schema 1


@pytest.fixture
def extra_steps(monkeypatch: pytest.MonkeyPatch):
    """Install extra migration steps after the real ones (the extension point new releases use)."""

    def install(*steps: tuple[str, tuple[str, ...]]) -> int:
        base = migrations.SCHEMA_VERSION
        added = tuple(
            Migration(base + number, description, statements)
            for number, (description, statements) in enumerate(steps, start=1)
        )
        monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, *added))
        monkeypatch.setattr(migrations, "SCHEMA_VERSION", added[-1].version)
        return base

    return install


def person_columns(conn) -> set[str]:
    return {row[1] for row in conn.execute("PRAGMA table_info(person)")}


def test_upgrade_takes_a_backup_then_applies_the_step(v1_copy: Path, extra_steps) -> None:
    base = extra_steps(("person: phone", ("ALTER TABLE person ADD COLUMN phone_test TEXT",)))
    original = digest(v1_copy)
    with Workspace.open(v1_copy, V1_PASSPHRASE) as ws:
        assert ws.upgraded_from == FILE_VERSION  # every step from the file's version, in one go
        assert ws.schema_version == base + 1
        assert "phone_test" in person_columns(ws.conn)
        upgrades = [e for e in iter_entries(ws.conn) if e.action == "upgrade"]
        details = [json.loads(e.detail or "{}") for e in upgrades]
        assert [(d["from"], d["to"]) for d in details] == [(FILE_VERSION, base + 1)]
        assert verify_workspace(ws.conn).ok
    (backup,) = backups(v1_copy.parent)
    assert backup.name.startswith(f"old.schema{FILE_VERSION}-")
    # the backup is the file as it was before the upgrade, still encrypted with the passphrase
    assert digest(backup) == original
    conn = raw_connect(backup, V1_PASSPHRASE)
    try:
        assert scalar(conn, "PRAGMA user_version") == FILE_VERSION
        assert "phone_test" not in person_columns(conn)
    finally:
        conn.close()


def test_failing_step_rolls_back_every_step(v1_copy: Path, extra_steps) -> None:
    extra_steps(
        ("person: phone", ("ALTER TABLE person ADD COLUMN phone_test TEXT",)),
        ("broken", ("UPDATE no_such_table SET x = 1",)),
    )
    with pytest.raises(WorkspaceError, match="The file was not changed"):
        Workspace.open(v1_copy, V1_PASSPHRASE)
    conn = raw_connect(v1_copy, V1_PASSPHRASE)
    try:
        assert scalar(conn, "PRAGMA user_version") == FILE_VERSION
        assert "phone_test" not in person_columns(conn)
        assert "training_programme" not in {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master")
        }  # the real steps rolled back with the broken one
        assert scalar(conn, "SELECT count(*) FROM audit_log WHERE action = 'upgrade'") == 0
    finally:
        conn.close()
    # the backup taken before the attempt is identical to the unchanged file, so it is removed:
    # retrying never piles up copies
    assert backups(v1_copy.parent) == []


def test_pending_and_check_version() -> None:
    latest = migrations.SCHEMA_VERSION
    assert migrations.pending(latest) == ()
    assert [step.version for step in migrations.pending(0)] == [
        step.version for step in migrations.MIGRATIONS
    ]
    versions = [step.version for step in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1)), "steps are numbered 1, 2, 3..."


def test_new_workspace_needs_no_upgrade(workspace: Workspace) -> None:
    assert workspace.schema_version == migrations.SCHEMA_VERSION
    assert workspace.upgraded_from is None
    assert backups(workspace.path.parent) == []


V2_PASSPHRASE = "mamori-fixture-v2"


def test_v2_file_opens_with_training_records(tmp_path: Path) -> None:
    copy = tmp_path / "v2.mamori"
    shutil.copyfile(DATA / "db_v2" / "workspace.mamori", copy)
    with Workspace.open(copy, V2_PASSPHRASE) as ws:
        assert ws.schema_version == migrations.SCHEMA_VERSION
        conn = ws.conn
        scores = dict(
            conn.execute(
                "SELECT p.staff_no, a.score FROM training_attendance a JOIN person p "
                "ON p.id = a.person_id"
            )
        )
        assert scores == {"00001": 100, "00002": 90, "00003": 60}
        assert scalar(conn, "SELECT count(*) FROM import_layout") == 1
        assert verify_workspace(conn).ok


V3_PASSPHRASE = "mamori-fixture-v3"


def test_v3_file_opens_with_assets_and_risks(tmp_path: Path) -> None:
    from app.areas.assets.registers import ASSETS, RISK_ITEMS
    from app.areas.assets.scoring import heat_maps

    copy = tmp_path / "v3.mamori"
    shutil.copyfile(DATA / "db_v3" / "workspace.mamori", copy)
    with Workspace.open(copy, V3_PASSPHRASE) as ws:
        assert ws.schema_version == migrations.SCHEMA_VERSION
        conn = ws.conn
        assert dict(conn.execute("SELECT asset_no, name FROM asset")) == {
            "A001": "組合員台帳",
            "A002": "配送リスト",
        }
        assert [row[0] for row in conn.execute("SELECT code FROM purpose_of_use ORDER BY 1")] == [
            "P01",
            "P02",
            "P08",
        ]
        statuses = dict(
            conn.execute(
                "SELECT c.code, s.status FROM control_status s JOIN control c ON c.id = s.control_id"
            )
        )
        assert statuses == {"T01": "implemented", "P04": "planned"}
        members = scalar(conn, "SELECT id FROM asset WHERE asset_no = 'A001'")
        assert load_record(conn, ASSETS, members)["retention_until"] == date(2035, 3, 31)
        scores = sorted(conn.execute("SELECT phase, inherent_score, residual_score FROM risk_item"))
        assert scores == [("acquire", 2, None), ("store", 6, 3)]
        inherent, residual = heat_maps(conn)
        assert (inherent.total, residual.total) == (2, 2)
        assert compile_query(RISK_ITEMS).count(conn) == 2
        assert verify_workspace(conn).ok


V4_PASSPHRASE = "mamori-fixture-v4"


def test_v4_file_opens_with_its_stored_board_report(tmp_path: Path) -> None:
    from app.board.report import build_snapshot, list_reports, load_report

    copy = tmp_path / "v4.mamori"
    shutil.copyfile(DATA / "db_v4" / "workspace.mamori", copy)
    with Workspace.open(copy, V4_PASSPHRASE) as ws:
        assert ws.schema_version == migrations.SCHEMA_VERSION
        conn = ws.conn
        [info] = list_reports(conn)
        assert (info.period_start, info.period_end, info.language) == (
            date(2025, 4, 1),
            date(2026, 3, 31),
            "ja",
        )
        stored = load_report(conn, info.id)  # checks the stored content hash
        assert stored.content_hash() == info.content_hash
        assert stored.organisation == "生活協同組合フィクスチャ"
        assert stored.narrative == {"risk": "残留リスク（誤入力 1×2）の受容を付議します。"}
        assert [s.key for s in stored.sections][:2] == ["organisation", "assets"]
        risk = stored.section("risk")
        assert sum(map(sum, risk.charts[0].matrix)) == 2
        # the stored report is what was printed (texts as translated then); recomputing from the
        # same data gives the same figures
        again = build_snapshot(conn, _fy2025(conn), language="ja").section("risk")
        # the risk items and heat maps are counted the same way; other indicators were redefined
        # since (business dates, complete decisions: issue 17), which is why reports are stored
        assert again.kpis[0].value == risk.kpis[0].value == 2
        assert [c.matrix for c in again.charts] == [c.matrix for c in risk.charts]
        assert verify_workspace(conn).ok


def _fy2025(conn):
    from app.board.report import fiscal_year_period

    return fiscal_year_period(conn, 2025, "ja", as_of=date(2026, 3, 31))


def test_v5_file_upgraded_to_6_lets_a_persons_employment_type_be_left_empty(
    tmp_path: Path,
) -> None:
    from app.areas.organisation.registers import PEOPLE
    from app.registers.records import create_record
    from app.verify import verify_workspace

    copy = tmp_path / "v5.mamori"
    shutil.copyfile(DATA / "db_v5" / "workspace.mamori", copy)
    with Workspace.open(copy, "mamori-fixture-v5") as ws:
        conn = ws.conn
        assert ws.upgraded_from == 5
        people_before = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        create_record(conn, PEOPLE, {"staff_no": "T-6", "name": "臨時 太郎"})
        assert conn.execute(
            "SELECT employment_type FROM person WHERE staff_no = 'T-6'"
        ).fetchone() == (None,)
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == people_before + 1
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert verify_workspace(conn).ok
    with Workspace.open(copy, "mamori-fixture-v5") as again:  # the new definition was stored
        sql = again.conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'person'").fetchone()
        assert "employment_type TEXT," in sql[0] and "employment_type TEXT NOT NULL" not in sql[0]
