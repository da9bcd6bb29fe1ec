"""Per-user settings (typed, private, atomic) and passphrases remembered in the OS credential
store (never raising where no usable store exists)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordSetError

from app import secrets, settings
from app.settings import MAX_RECENT, SETTINGS_VERSION, Settings
from app.storage.workspace import Workspace


def test_defaults_without_a_file(isolated_home: Path) -> None:
    assert not settings.settings_path().exists()
    loaded = settings.load()
    assert loaded == Settings()
    assert loaded.language == "ja"
    assert loaded.auto_lock_minutes == 10
    assert settings.settings_path().is_relative_to(isolated_home)


def test_save_and_load_roundtrip(tmp_path: Path) -> None:
    original = Settings(language="en", auto_lock_minutes=30)
    original.remember_workspace(tmp_path / "a.mamori")
    original.remember_workspace(tmp_path / "b.mamori")
    settings.save(original)
    loaded = settings.load()
    assert loaded == original
    assert loaded.last_workspace == str((tmp_path / "b.mamori").resolve())
    assert loaded.recent_workspaces == [
        str((tmp_path / "b.mamori").resolve()),
        str((tmp_path / "a.mamori").resolve()),
    ]
    on_disk = json.loads(settings.settings_path().read_text(encoding="utf-8"))
    assert on_disk["version"] == SETTINGS_VERSION
    assert on_disk["language"] == "en"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_settings_file_is_private_and_written_atomically() -> None:
    settings.save(Settings(language="en"))
    settings.save(Settings(language="ja"))  # replacing an existing file
    path = settings.settings_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary files


def test_recent_workspaces_are_unique_newest_first_and_bounded(tmp_path: Path) -> None:
    value = Settings()
    for number in range(MAX_RECENT + 3):
        value.remember_workspace(tmp_path / f"{number}.mamori")
    value.remember_workspace(tmp_path / "5.mamori")
    assert len(value.recent_workspaces) == MAX_RECENT
    assert value.recent_workspaces[0] == str((tmp_path / "5.mamori").resolve())
    assert len(set(value.recent_workspaces)) == MAX_RECENT
    assert value.recent_workspaces[1] == str((tmp_path / f"{MAX_RECENT + 2}.mamori").resolve())


@pytest.mark.parametrize("content", ["{not json", "", "\x00\x01\x02", '{"language": "en"'])
def test_corrupt_file_gives_defaults(content: str) -> None:
    settings.settings_path().write_text(content, encoding="utf-8")
    assert settings.load() == Settings()


def test_unknown_keys_are_ignored_and_values_normalised() -> None:
    settings.settings_path().write_text(
        json.dumps({"language": "fr", "auto_lock_minutes": 9999, "colour": "red", "version": 1}),
        encoding="utf-8",
    )
    loaded = settings.load()
    assert loaded.language == "ja"
    assert loaded.auto_lock_minutes == 240
    assert not hasattr(loaded, "colour")
    settings.settings_path().write_text(json.dumps({"auto_lock_minutes": -5}), encoding="utf-8")
    assert settings.load().auto_lock_minutes == 0


@pytest.mark.parametrize(
    "content",
    ["[1, 2]", "null", '"text"', '{"auto_lock_minutes": "abc"}', '{"version": "x"}'],
)
def test_wrong_shaped_file_gives_defaults(content: str) -> None:
    settings.settings_path().write_text(content, encoding="utf-8")
    loaded = settings.load()
    assert loaded.auto_lock_minutes == 10


# ----- secrets ----------------------------------------------------------------------------------


def test_remember_recall_forget(memory_keyring, workspace, passphrase: str) -> None:
    path = workspace.path
    assert secrets.available()
    assert secrets.recall(path) is None
    assert secrets.remember(path, passphrase)
    stored = memory_keyring.store[(secrets.SERVICE, str(path.resolve()))]
    # the derived key (with the file's salt) is kept, never the passphrase itself
    assert passphrase not in stored and stored.startswith(secrets.KEY_PREFIX)
    assert stored == secrets.KEY_PREFIX + workspace.session_key.material_hex()
    # the account is the resolved path, so another spelling of the same file finds it
    recalled = secrets.recall(path.parent / "." / path.name)
    assert recalled == workspace.session_key
    with Workspace.open(path, recalled) as again:
        assert again.schema_version > 0
    assert secrets.recall(path.parent / "other.mamori") is None
    secrets.forget(path)
    assert secrets.recall(path) is None
    assert (secrets.SERVICE, str(path.resolve())) not in memory_keyring.store
    secrets.forget(path)  # forgetting twice is fine


def test_a_remembered_passphrase_of_an_earlier_version_becomes_a_key(
    memory_keyring, workspace, passphrase: str
) -> None:
    account = (secrets.SERVICE, str(workspace.path.resolve()))
    memory_keyring.store[account] = passphrase  # as versions before 0.2 kept it
    assert secrets.recall(workspace.path) == workspace.session_key
    assert memory_keyring.store[account].startswith(secrets.KEY_PREFIX)


def test_remembering_needs_the_workspace_file(tmp_path: Path) -> None:
    assert secrets.remember(tmp_path / "missing.mamori", "coral-lantern-meadow-42") is False


class ZeroPriority(KeyringBackend):
    priority = 0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class Broken(KeyringBackend):
    """A usable-looking backend whose every call fails (a locked store, a dead D-Bus...)."""

    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("store locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("store locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("store locked")


@pytest.mark.usefixtures("memory_keyring")
def test_fail_backend_means_unavailable(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    workspace = tmp_path / "ws.mamori"
    assert not secrets.available()
    assert secrets.remember(workspace, "coral-lantern-meadow-42") is False
    assert secrets.recall(workspace) is None
    secrets.forget(workspace)


@pytest.mark.usefixtures("memory_keyring")
def test_zero_priority_backend_means_unavailable(tmp_path: Path) -> None:
    backend = ZeroPriority()
    keyring.set_keyring(backend)
    assert not secrets.available()
    assert secrets.remember(tmp_path / "ws.mamori", "coral-lantern-meadow-42") is False
    assert backend.store == {}
    assert secrets.recall(tmp_path / "ws.mamori") is None


@pytest.mark.usefixtures("memory_keyring")
def test_failing_store_never_raises(tmp_path: Path) -> None:
    keyring.set_keyring(Broken())
    assert secrets.available()
    assert secrets.remember(tmp_path / "ws.mamori", "coral-lantern-meadow-42") is False
    assert secrets.recall(tmp_path / "ws.mamori") is None
    secrets.forget(tmp_path / "ws.mamori")
