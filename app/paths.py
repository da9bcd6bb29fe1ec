"""Where Mamori finds its bundled resources and keeps per-user files.

Every path the app uses comes from here, so the frozen build and the tests can redirect them.
``MAMORI_HOME`` (used by the tests and the benchmark) puts every per-user folder below one directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from app import APP_NAME


def _bundle_root() -> Path:
    # PyInstaller unpacks data next to the executable and records the folder in sys._MEIPASS.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file shipped under ``resources/`` (works from source and in the frozen build)."""
    return _bundle_root().joinpath("resources", *parts)


def docs_path(*parts: str) -> Path:
    """Path of a document shipped under ``docs/`` (the manual), from source or the frozen build."""
    return _bundle_root().joinpath("docs", *parts)


def _home_override() -> Path | None:
    value = os.environ.get("MAMORI_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    override = _home_override()
    path = override / "data" if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    override = _home_override()
    path = override / "config" if override else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    override = _home_override()
    path = override / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_workspace_path() -> Path:
    return user_data_dir() / "workspace.mamori"
