"""The recovery key: shown once at creation, sets a new passphrase when the old one is lost; the
file stays a plain SQLCipher 4 database that opens with its passphrase in any client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, build_parser, run_command
from app.errors import WorkspaceError, WrongPassphraseError
from app.storage import recovery
from app.storage.backup import write_backup
from app.storage.restore import recover
from app.storage.workspace import Workspace
from tests.app.reliability.helpers import tamper

LOST = "forgotten-violet-harbour-17"
NEW = "remembered-copper-lantern-58"
KEY_SHAPE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")


def run(*argv: str) -> int:
    return run_command(build_parser().parse_args(["--lang", "en", *argv]))


@pytest.fixture
def with_recovery(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "coop.mamori"
    with Workspace.create(path, LOST) as ws:
        key = recovery.set_up(ws)
    return path, key


def test_the_recovery_key_sets_a_new_passphrase(with_recovery) -> None:
    path, key = with_recovery
    assert KEY_SHAPE.match(key)
    assert recovery.recovery_path(path).name == "coop.mamori-recovery"
    assert key.replace("-", "") not in recovery.recovery_path(path).read_text()
    with recover(path, key.lower().replace("-", " "), NEW) as ws:  # typed loosely
        last = ws.conn.execute("SELECT action, detail FROM audit_log ORDER BY id DESC").fetchone()
    assert last == ("rekey", '{"via":"recovery key"}')
    with pytest.raises(WrongPassphraseError):
        Workspace.open(path, LOST)
    tamper(path, NEW, "SELECT count(*) FROM sqlite_master")  # any SQLCipher 4 client
    with Workspace.open(path, NEW) as ws:
        assert ws.schema_version > 0


def test_a_wrong_key_or_a_foreign_recovery_file_is_refused(with_recovery, tmp_path: Path) -> None:
    path, key = with_recovery
    with pytest.raises(WorkspaceError, match=r"This recovery key does not open coop\.mamori"):
        recovery.unwrap(path, recovery.new_recovery_key())
    other = tmp_path / "other.mamori"
    with Workspace.create(other, LOST) as ws:
        recovery.set_up(ws)
    recovery.recovery_path(path).write_bytes(recovery.recovery_path(other).read_bytes())
    with pytest.raises(WorkspaceError, match="does not open"):
        recovery.unwrap(path, key)


def test_it_follows_passphrase_changes_and_travels_with_backups(with_recovery, tmp_path) -> None:
    path, key = with_recovery
    with Workspace.open(path, LOST) as ws:
        ws.change_passphrase(LOST, "interim-saffron-compass-29")
        write_backup(ws, tmp_path / "copies" / "b.mamori")
    assert recovery.recovery_path(tmp_path / "copies" / "b.mamori").is_file()
    recover(path, key, NEW).close()  # the wrap followed the change
    recover(tmp_path / "copies" / "b.mamori", key, NEW).close()


def test_without_the_recovery_file_it_says_so(with_recovery) -> None:
    path, key = with_recovery
    recovery.recovery_path(path).unlink()
    with pytest.raises(WorkspaceError, match=r"There is no recovery file coop\.mamori-recovery"):
        recovery.unwrap(path, key)


def test_cli_init_shows_the_key_once_and_recover_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.mamori"
    monkeypatch.setenv("MAMORI_PASSPHRASE", LOST)
    assert run("--workspace", str(path), "init") == EXIT_OK
    out = capsys.readouterr().out
    key = re.search(r"Recovery key \(shown only now.*\): (\S+)", out).group(1)
    assert KEY_SHAPE.match(key)
    monkeypatch.delenv("MAMORI_PASSPHRASE")
    monkeypatch.setenv("MAMORI_RECOVERY_KEY", recovery.new_recovery_key())
    monkeypatch.setenv("MAMORI_NEW_PASSPHRASE", NEW)
    assert run("--workspace", str(path), "recover") == EXIT_FAILED
    assert "This recovery key does not open" in capsys.readouterr().err
    monkeypatch.setenv("MAMORI_RECOVERY_KEY", key)
    assert run("--workspace", str(path), "recover") == EXIT_OK
    assert "A new passphrase is set" in capsys.readouterr().out
    Workspace.open(path, NEW).close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", NEW)
    assert run("--workspace", str(path), "recovery-key") == EXIT_OK
    fresh = re.search(r"no longer works\): (\S+)", capsys.readouterr().out).group(1)
    with pytest.raises(WorkspaceError):
        recovery.unwrap(path, key)
    recovery.unwrap(path, fresh).wipe()
