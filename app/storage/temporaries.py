"""Temporary files beside a target (workspace creation, backups, exports) and their clean-up.

Each temporary's name carries the id of the process that wrote it (``.mamori-<pid>-….tmp``), so a
later start can tell a leftover of a killed process (its process is gone) from the file another
running Mamori is writing right now. Names without a process id, from older versions, are removed
once they are an hour old.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

TEMP_PREFIX = ".mamori-"
_NAME = re.compile(r"^\.mamori-(?:(\d+)-)?.*\.(?:tmp|mamori|xlsx|csv|json|pdf)(?:-journal)?$")
STALE_AFTER_SECONDS = 3600


def temp_prefix() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # no cheap test without extra packages; the age rule applies instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(path: Path, now: float | None = None) -> bool:
    match = _NAME.match(path.name)
    if not match:
        return False
    try:
        age = (now if now is not None else time.time()) - path.stat().st_mtime
    except OSError:
        return False
    pid = match.group(1)
    if pid is not None and not _process_alive(int(pid)):
        return True
    return age > STALE_AFTER_SECONDS


FOLDERS_FILE = "temporary-folders.txt"
MAX_FOLDERS = 32


def _folders_file() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / FOLDERS_FILE


def remember_folder(folder: Path) -> None:
    """Note a folder Mamori is about to write a temporary file in (a backup or export target), so
    the next start can clean a leftover there even if the folder is nowhere near the workspace."""
    text = str(Path(folder).resolve())
    try:
        path = _folders_file()
        known = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        if text in known:
            return
        known = [text, *known][:MAX_FOLDERS]
        path.write_text("\n".join(known) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not note the folder of a temporary file")


def remembered_folders() -> list[Path]:
    try:
        return [Path(line) for line in _folders_file().read_text(encoding="utf-8").splitlines()]
    except OSError:
        return []


def cleanup_stale_temporaries(*folders: Path, remembered: bool = False) -> list[Path]:
    """Remove leftovers of killed writes in ``folders`` (and the folders noted by
    ``remember_folder`` when ``remembered``); returns what was removed."""
    removed: list[Path] = []
    if remembered:
        folders = (*folders, *remembered_folders())
    for folder in folders:
        try:
            candidates = list(Path(folder).glob(f"{TEMP_PREFIX}*"))
        except OSError:
            continue
        for path in candidates:
            if path.is_file() and is_stale(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
                    log.info("removed a leftover temporary file %s", path.name)
    return removed
