"""Damage stops work: a workspace that fails the quick check at open is read-only (rescue mode)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS
from app.cli import EXIT_FAILED, build_parser, run_command
from app.errors import WorkspaceReadOnlyError
from app.registers.export import export_register
from app.registers.records import create_record
from app.storage.workspace import Workspace
from tests.app.reliability.helpers import flip_bytes

ROOT = Path(__file__).resolve().parents[3]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "damaged.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(30):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number:02d}", "name": "部" * 40})
    flip_bytes(path, page_from_end=2, count=64)
    return path


def test_a_damaged_workspace_opens_read_only(damaged: Path, passphrase: str, tmp_path: Path):
    before = digest(damaged)
    with Workspace.open(damaged, passphrase) as ws:
        assert ws.rescue
        assert "HMAC verification failed" in ws.health.summary()
        message = ws.rescue_message()
        assert "rescue mode" in message and "Restore the newest good backup" in message
        with pytest.raises(WorkspaceReadOnlyError):
            create_record(ws.conn, DEPARTMENTS, {"code": "NEW", "name": "新"})
        with pytest.raises(WorkspaceReadOnlyError):
            export_register(ws.conn, DEPARTMENTS, "csv", tmp_path / "out.csv")
        with pytest.raises(WorkspaceReadOnlyError):
            ws.backup_to(tmp_path / "copy.mamori")
        worker = ws.connect()  # a background job's connection is read-only too
        with pytest.raises(WorkspaceReadOnlyError):
            create_record(worker, DEPARTMENTS, {"code": "NEW", "name": "新"})
        worker.close()
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "copy.mamori").exists()
    assert digest(damaged) == before  # nothing was written over it


def run(*argv: str) -> int:
    return run_command(build_parser().parse_args(["--lang", "en", *argv]))


@pytest.mark.parametrize(
    "command",
    [
        ["export", "departments", "--format", "csv", "--out", "{tmp}/out.csv"],
        ["backup", "--out", "{tmp}/copy.mamori"],
        ["import", "departments", "{tmp}/in.csv"],
    ],
)
def test_cli_work_stops_on_a_damaged_workspace(
    damaged: Path,
    passphrase: str,
    tmp_path: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", passphrase)
    (tmp_path / "in.csv").write_text("code,name\nX1,新しい部\n", encoding="utf-8")
    before = digest(damaged)
    argv = [part.replace("{tmp}", str(tmp_path)) for part in command]
    assert run("--workspace", str(damaged), *argv) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "is damaged" in err and "rescue mode" in err and "restore" in err
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "copy.mamori").exists()
    assert digest(damaged) == before


def test_cli_verify_names_the_damage(
    damaged: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", passphrase)
    assert run("--workspace", str(damaged), "verify") == EXIT_FAILED
    out = capsys.readouterr().out
    assert "[cipher] HMAC verification failed for page" in out
    assert "rescue mode" in out


def test_truncated_workspace_is_called_damaged_not_a_wrong_passphrase(
    tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "cut.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(30):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number:02d}", "name": "部" * 40})
    data = path.read_bytes()
    path.write_bytes(data[: (len(data) // 4096 // 2) * 4096])  # cut at a page boundary
    result = subprocess.run(
        [sys.executable, "main.py", "--lang", "en", "--workspace", str(path), "verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "MAMORI_PASSPHRASE": passphrase,
            "PATH": "/usr/bin:/bin",
            "MAMORI_HOME": str(tmp_path),
        },
        check=False,
    )
    text = result.stdout + result.stderr
    assert result.returncode == EXIT_FAILED, text
    assert "passphrase does not open" not in text
    assert "damaged" in text
    assert "Traceback" not in text


def test_the_full_check_is_weekly_and_damage_found_by_it_stops_work(
    tmp_path: Path, passphrase: str
) -> None:
    from datetime import UTC, datetime, timedelta

    from app.verify import full_check

    path = tmp_path / "weekly.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(30):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number:02d}", "name": "部" * 40})
        assert ws.anchors.full_check_due()
        assert full_check(ws).ok
        assert not ws.anchors.full_check_due()
        assert ws.anchors.full_check_due(now=datetime.now(UTC) + timedelta(days=8))
    with Workspace.open(path, passphrase) as ws:
        flip_bytes(path, page_from_end=2)  # damaged while open (a failing disk)
        ws.conn.execute("PRAGMA cache_size = 0")  # read pages from the file, not the cache
        report = full_check(ws)
        assert not report.ok and ws.rescue
        with pytest.raises(WorkspaceReadOnlyError):
            create_record(ws.conn, DEPARTMENTS, {"code": "NEW", "name": "新"})
