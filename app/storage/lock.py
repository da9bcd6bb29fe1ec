"""One running Mamori per workspace: an OS file lock on ``<workspace>.lock``.

The lock is released by the OS when the process ends, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from app.errors import WorkspaceInUseError
from app.i18n import _


def lock_path_for(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


class InstanceLock:
    def __init__(self, workspace: Path) -> None:
        self.path = lock_path_for(workspace)
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            raise WorkspaceInUseError(
                _("The workspace {path} is already open in another Mamori window.").format(
                    path=self.path.with_suffix("")
                )
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}@{socket.gethostname()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock_fd(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
