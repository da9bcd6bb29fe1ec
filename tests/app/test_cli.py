"""The command line: same services as the window; expected failures are one line, never a
traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app import secrets
from app.cli import EXIT_FAILED, EXIT_OK, build_parser, main, run_command
from app.paths import default_workspace_path
from app.registers import all_registers
from app.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
CLI_PASSPHRASE = "velvet-orchard-compass-88"


def run(*argv: str) -> int:
    return run_command(build_parser().parse_args(["--lang", "en", *argv]))


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MAMORI_PASSPHRASE", CLI_PASSPHRASE)
    return CLI_PASSPHRASE


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "cli.mamori"
    Workspace.create(path, CLI_PASSPHRASE, {"name": "コマンド生協"}).close()
    return path


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_registers_lists_every_register(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("registers") == EXIT_OK
    out = capsys.readouterr().out
    keys = [line.split()[0] for line in out.splitlines()]
    assert keys == [defn.key for defn in all_registers()]
    assert {"organisation", "people", "training_attendance"} <= set(keys)
    assert "People" in out


def test_init_creates_the_default_workspace(
    env_passphrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("init", "--org-name", "生活協同組合テスト") == EXIT_OK
    path = default_workspace_path()
    assert path.is_file()
    assert str(path) in capsys.readouterr().out
    with Workspace.open(path, env_passphrase) as ws:
        assert ws.conn.execute("SELECT name FROM organisation").fetchone() == (
            "生活協同組合テスト",
        )
    # a second init refuses to overwrite it
    before = path.read_bytes()
    assert run("init") == EXIT_FAILED
    message = one_line(capsys.readouterr().err)
    assert message.startswith("mamori: ")
    assert str(path) in message
    assert path.read_bytes() == before


def test_init_refuses_a_weak_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", "password1")
    target = tmp_path / "weak.mamori"
    assert run("--workspace", str(target), "init") == EXIT_FAILED
    assert "Passphrase too weak" in one_line(capsys.readouterr().err)
    assert not target.exists()


def test_wrong_passphrase_is_one_line(
    existing: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", "definitely-not-it-123")
    before = existing.read_bytes()
    assert run("--workspace", str(existing), "verify") == EXIT_FAILED
    captured = capsys.readouterr()
    message = one_line(captured.err)
    assert message.startswith("mamori: The passphrase does not open")
    assert str(existing) in message
    assert captured.out == ""
    assert existing.read_bytes() == before


def test_missing_workspace_is_one_line(
    tmp_path: Path, env_passphrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.mamori"
    assert run("--workspace", str(missing), "backup", "--out", str(tmp_path / "b.mamori")) == 1
    message = one_line(capsys.readouterr().err)
    assert message == f"mamori: There is no workspace file at {missing}."
    assert list(tmp_path.iterdir()) == []


def test_no_passphrase_without_a_terminal(
    existing: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    assert run("--workspace", str(existing), "verify") == EXIT_FAILED
    assert "MAMORI_PASSPHRASE" in one_line(capsys.readouterr().err)


def test_passphrase_remembered_in_the_credential_store(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert secrets.remember(existing, CLI_PASSPHRASE)
    assert run("--workspace", str(existing), "verify") == EXIT_OK
    assert capsys.readouterr().out.startswith("OK:")


def test_export_verify_backup_in_process(
    existing: Path, env_passphrase: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "people.json"
    assert (
        run("--workspace", str(existing), "export", "people", "--format", "json", "--out", str(out))
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8")) == []
    assert "Exported 0 records" in capsys.readouterr().out

    assert run("--workspace", str(existing), "verify") == EXIT_OK
    assert capsys.readouterr().out.startswith("OK: encryption, structure and ")

    copy = tmp_path / "copy.mamori"
    assert run("--workspace", str(existing), "backup", "--out", str(copy)) == EXIT_OK
    assert str(copy) in capsys.readouterr().out
    with Workspace.open(copy, env_passphrase) as ws:
        assert ws.conn.execute("SELECT name FROM organisation").fetchone() == ("コマンド生協",)


def test_unknown_register_lists_the_known_ones(
    existing: Path, env_passphrase: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.csv"
    assert (
        run(
            "--workspace", str(existing), "export", "staff", "--format", "csv", "--out", str(target)
        )
        == 1
    )
    message = one_line(capsys.readouterr().err)
    assert "'staff'" in message and "people" in message and "departments" in message
    assert not target.exists()


def test_verify_reports_tampering_and_fails(
    existing: Path, env_passphrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(existing, env_passphrase) as ws:
        ws.conn.execute("UPDATE organisation SET name = '改ざん生協'")
    assert run("--workspace", str(existing), "verify") == EXIT_FAILED
    out = capsys.readouterr().out
    assert "[records] organisation #1" in out
    assert "改ざん生協" in out
    assert out.strip().splitlines()[-1] == "1 problems found."


def test_demo_prints_its_passphrase_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "demo.mamori"
    assert run("demo", str(target), "--people", "8") == EXIT_OK
    assert "Its passphrase is: mamori-demo-passphrase" in capsys.readouterr().out
    with Workspace.open(target, "mamori-demo-passphrase") as ws:
        assert ws.conn.execute("SELECT count(*) FROM person").fetchone() == (8,)
    before = target.read_bytes()
    assert run("demo", str(target), "--people", "8") == EXIT_FAILED
    assert str(target) in one_line(capsys.readouterr().err)
    assert target.read_bytes() == before


def test_main_without_a_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def _subprocess_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MAMORI_", "PYTEST_")) and key != "PYTHONPATH"
    }
    env.update(
        MAMORI_HOME=str(home),
        MAMORI_PASSPHRASE=CLI_PASSPHRASE,
        QT_QPA_PLATFORM="offscreen",
        PYTHONIOENCODING="utf-8",
    )
    return env


def test_round_trip_through_main_py(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _subprocess_env(home)
    work = tmp_path / "work"
    work.mkdir()

    def mamori(*argv: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--lang", "en", *argv],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    init = mamori("init", "--org-name", "往復生協")
    assert init.returncode == 0, init.stderr
    assert (home / "data" / "workspace.mamori").is_file()

    demo_path = work / "demo.mamori"
    demo = mamori("demo", str(demo_path), "--people", "40")
    assert demo.returncode == 0, demo.stderr
    assert demo_path.is_file()
    assert "Its passphrase is" not in demo.stdout  # MAMORI_PASSPHRASE was used instead

    xlsx = work / "people.xlsx"
    export = mamori(
        "--workspace", str(demo_path), "export", "people", "--format", "xlsx", "--out", str(xlsx)
    )
    assert export.returncode == 0, export.stderr
    assert "Exported 40 records" in export.stdout
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet.max_row == 41
    assert sheet.cell(row=1, column=1).value == "Staff number"

    verify = mamori("--workspace", str(demo_path), "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("OK:")

    backup_path = work / "backup.mamori"
    backup = mamori("--workspace", str(demo_path), "backup", "--out", str(backup_path))
    assert backup.returncode == 0, backup.stderr
    assert backup_path.is_file()

    # the backup verifies like the original, with the same passphrase
    assert mamori("--workspace", str(backup_path), "verify").returncode == 0

    env["MAMORI_PASSPHRASE"] = "wrong-passphrase-for-sure"
    wrong = mamori("--workspace", str(demo_path), "verify")
    assert wrong.returncode == 1
    assert wrong.stdout == ""
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert wrong.stderr.startswith("mamori: The passphrase does not open")
