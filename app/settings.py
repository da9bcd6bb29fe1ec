"""Per-user settings, declared once with types and defaults, stored as private JSON.

Workspace-wide settings (organisation, fiscal-year start) live in the workspace itself; these are
the officer's own preferences on this PC. Window geometry alone is kept by Qt in ``ui/``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.paths import user_config_dir

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
MAX_RECENT = 8


@dataclass
class Settings:
    language: str = DEFAULT_LANGUAGE
    auto_lock_minutes: int = 10  # 0 turns auto-lock off
    last_workspace: str = ""
    recent_workspaces: list[str] = field(default_factory=list)
    backup_keep: int = 7  # automatic backups kept per workspace (on close and daily)
    version: int = SETTINGS_VERSION

    def remember_workspace(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.last_workspace = text
        self.recent_workspaces = [text, *[p for p in self.recent_workspaces if p != text]][
            :MAX_RECENT
        ]

    def normalise(self) -> None:
        if self.language not in LANGUAGES:
            self.language = DEFAULT_LANGUAGE
        self.auto_lock_minutes = max(0, min(240, int(self.auto_lock_minutes)))
        self.backup_keep = max(1, min(100, int(self.backup_keep)))


def settings_path() -> Path:
    return user_config_dir() / "settings.json"


# Upgrade hooks: version N -> N+1, each a function on the raw dict. None yet beyond version 1.
_UPGRADES: dict[int, Any] = {}


def load() -> Settings:
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file unreadable; using defaults")
        return Settings()
    try:
        return _from_raw(raw)
    except (AttributeError, TypeError, ValueError):
        log.warning("settings file has an unexpected shape; using defaults")
        return Settings()


def _from_raw(raw: Any) -> Settings:
    version = int(raw.get("version", 1))
    while version in _UPGRADES:
        raw = _UPGRADES[version](raw)
        version += 1
    known = {item.name for item in fields(Settings)}
    settings = Settings(**{key: value for key, value in raw.items() if key in known})
    settings.version = SETTINGS_VERSION
    if not isinstance(settings.recent_workspaces, list) or not isinstance(
        settings.last_workspace, str
    ):
        raise TypeError("recent workspaces")
    settings.normalise()
    return settings


def save(settings: Settings) -> None:
    """Atomic and private: a 0600 temporary file, fsync, then rename over the old one."""
    path = settings_path()
    fd, temp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
