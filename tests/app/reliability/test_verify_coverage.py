"""``verify`` covers stored board reports, meta, the search indexes and the who/when columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.board.period import Period
from app.board.report import build_snapshot, save_report
from app.registers.query import ListQuery, compile_query
from app.registers.records import create_record
from app.storage.workspace import Workspace
from app.verify import rebuild_indexes, verify_workspace
from tests.app.reliability.helpers import tamper


@pytest.fixture
def stocked(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "stocked.mamori"
    with Workspace.create(path, passphrase) as ws:
        dept = create_record(ws.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
        for number in range(60):
            create_record(
                ws.conn,
                PEOPLE,
                {
                    "staff_no": f"{number:05d}",
                    "name": f"山田 太郎{number}",
                    "employment_type": "regular",
                    "department": dept,
                },
            )
    return path


def checks(path: Path, passphrase: str) -> list[str]:
    with Workspace.open(path, passphrase) as ws:
        report = verify_workspace(ws.conn)
    return [f"{p.check}: {p.message}" for p in report.problems]


def test_clean_workspace_verifies(stocked: Path, passphrase: str) -> None:
    assert checks(stocked, passphrase) == []


def test_deleted_search_index_rows_are_found_and_rebuilt(stocked: Path, passphrase: str) -> None:
    tamper(
        stocked,
        passphrase,
        "DELETE FROM person_fts WHERE rowid IN (SELECT id FROM person ORDER BY id LIMIT 50)",
    )
    with Workspace.open(stocked, passphrase) as ws:
        search = compile_query(PEOPLE, ListQuery(search="太郎5"))
        found_before = search.count(ws.conn)
        report = verify_workspace(ws.conn)
        assert report.damaged_indexes == ["person_fts"]
        assert "misses 50 rows of person" in report.problems[0].message
        assert rebuild_indexes(ws.conn, report.damaged_indexes) == ["person_fts"]
        assert verify_workspace(ws.conn).ok
        found_after = search.count(ws.conn)
        last = ws.conn.execute("SELECT action, detail FROM audit_log ORDER BY id DESC").fetchone()
    assert (found_before, found_after) == (10, 11)  # the search had silently missed 太郎5
    assert last == ("repair", '{"rebuilt_indexes":["person_fts"]}')


def test_index_terms_that_no_longer_match_the_text_are_found(stocked: Path, passphrase: str):
    # The index's own docsize rows survive; its term data is emptied behind the triggers' back.
    tamper(
        stocked,
        passphrase,
        "DELETE FROM person_fts_idx",
        "DELETE FROM person_fts_data WHERE id > 10",
    )
    problems = checks(stocked, passphrase)
    assert any(p.startswith("index: ") and "person_fts" in p for p in problems), problems


def test_who_and_when_columns_are_checked(stocked: Path, passphrase: str) -> None:
    tamper(
        stocked,
        passphrase,
        "UPDATE person SET updated_by = 'intruder' WHERE staff_no = '00001'",
        "UPDATE person SET created_at = '2001-01-01T00:00:00+00:00' WHERE staff_no = '00002'",
    )
    problems = checks(stocked, passphrase)
    assert len(problems) == 2, problems
    assert "updated_by was changed outside Mamori" in problems[0]
    assert "'intruder'" in problems[0]
    assert "created_at was changed outside Mamori" in problems[1]


def test_meta_is_checked_against_the_creation_entry(stocked: Path, passphrase: str) -> None:
    tamper(
        stocked,
        passphrase,
        "UPDATE meta SET value = '2020-01-01T00:00:00+09:00' WHERE key = 'created_at'",
        "UPDATE meta SET value = '9.9.9' WHERE key = 'created_by_version'",
    )
    problems = checks(stocked, passphrase)
    assert [p.split(":")[0] for p in problems] == ["meta", "meta"]
    assert "'created_by_version' was changed" in problems[0]
    assert "'created_at' was changed" in problems[1]


@pytest.fixture
def with_report(stocked: Path, passphrase: str) -> Path:
    with Workspace.open(stocked, passphrase) as ws:
        period = Period(date(2026, 4, 1), date(2027, 3, 31), "2026年度")
        save_report(ws.conn, build_snapshot(ws.conn, period, today=date(2027, 4, 10)))
    return stocked


def test_stored_report_edited_outside_is_found(with_report: Path, passphrase: str) -> None:
    assert checks(with_report, passphrase) == []
    tamper(
        with_report,
        passphrase,
        "UPDATE board_report SET snapshot = replace(snapshot, '\"organisation\"', '\"organisation_x\"')",
        "UPDATE board_report SET snapshot = replace(snapshot, '\"organisation_x\"', '\"organisation\"')",
        "UPDATE board_report SET narrative = '{}', "
        "snapshot = json_set(snapshot, '$.narrative', json('{\"summary\":\"改ざん\"}'))",
    )
    problems = checks(with_report, passphrase)
    assert problems[0].startswith("reports: ")
    assert "no longer matches its content hash" in problems[0]
    assert any(p.startswith("records: board_reports #1") for p in problems)  # and the trail


def test_stored_report_replaced_with_a_consistent_one_is_found(with_report: Path, passphrase: str):
    """Snapshot and hash changed together: only the trail can tell."""
    with Workspace.open(with_report, passphrase) as ws:
        period = Period(date(2025, 4, 1), date(2026, 3, 31), "2025年度")
        other = build_snapshot(ws.conn, period, today=date(2026, 4, 10))
    text = other.to_json().replace("'", "''")
    tamper(
        with_report,
        passphrase,
        f"UPDATE board_report SET snapshot = '{text}', content_hash = '{other.content_hash()}'",
    )
    problems = checks(with_report, passphrase)
    assert problems and all(p.startswith("records: board_reports #1") for p in problems)
    assert any("content_hash was changed outside Mamori" in p for p in problems)


def test_stored_report_deleted_outside_is_found(with_report: Path, passphrase: str) -> None:
    tamper(with_report, passphrase, "DELETE FROM board_report")
    problems = checks(with_report, passphrase)
    assert problems == [
        "records: board_reports #1 (2026年度) was removed outside Mamori (last audit entry "
        + problems[0].rsplit("entry ", 1)[1]
    ]
