"""Shared fixtures. Every per-user folder goes to a temporary directory; the OS keyring is never
touched (an in-memory backend is installed); Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.i18n import set_language

PASSPHRASE = "coral-lantern-meadow-42"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MAMORI_HOME", str(home))
    monkeypatch.delenv("MAMORI_PASSPHRASE", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Tests assert on English messages; tests of the Japanese UI switch with ``set_language``."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def workspace(tmp_path: Path):
    from app.storage.workspace import Workspace

    ws = Workspace.create(tmp_path / "test.mamori", PASSPHRASE, {"name": "テスト生活協同組合"})
    yield ws
    ws.close()
