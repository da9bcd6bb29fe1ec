"""A Mamori workspace: one SQLCipher 4 file holding every register.

Opening derives the key once (``SessionKey``); further connections of the session reuse it.
Creation is atomic (built in a temporary file, then renamed); an upgrade first takes an encrypted
backup copy; a wrong passphrase or a foreign file is refused without writing a byte.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.areas.assets.controls import sync_controls
from app.areas.organisation.registers import ORGANISATION
from app.catalogues import sync_catalogues
from app.errors import NotAWorkspaceError, WorkspaceError
from app.i18n import _
from app.registers.records import insert_validated, validate
from app.storage import audit, migrations
from app.storage.crypto import SALT_BYTES, SessionKey, derive_key, new_salt, read_salt
from app.storage.database import Connection, connect, scalar, write_transaction
from app.storage.lock import InstanceLock

log = logging.getLogger(__name__)

APP_MARKER = "mamori-workspace"
WORKSPACE_SUFFIX = ".mamori"


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows; NTFS journals the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_file_atomically(source: Path, target: Path) -> None:
    """Copy through a private temporary file in the target folder, fsync, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".mamori-", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class Workspace:
    """An unlocked workspace. ``conn`` belongs to the thread that opened it."""

    def __init__(self, path: Path, key: SessionKey, conn: Connection) -> None:
        self.path = path
        self._key = key
        self.conn = conn
        self._lock: InstanceLock | None = None
        self.upgraded_from: int | None = None

    # ----- opening and creating -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        organisation: Mapping[str, Any] | None = None,
        *,
        exclusive: bool = False,
    ) -> Workspace:
        path = Path(path)
        if path.exists():
            raise WorkspaceError(
                _("{path} already exists; choose another name or open it.").format(path=path)
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        salt = new_salt()
        key = SessionKey(derive_key(passphrase, salt), salt)
        fd, temp_name = tempfile.mkstemp(prefix=".mamori-new-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        temp = Path(temp_name)
        temp.unlink()
        try:
            conn = connect(temp, key, create=True)
            try:
                migrations.upgrade(conn, str(path))
                with write_transaction(conn):
                    now = datetime.now().astimezone().isoformat(timespec="seconds")
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [
                            ("app", APP_MARKER),
                            ("created_at", now),
                            ("created_by_version", __version__),
                        ],
                    )
                    audit.append(conn, "create", detail={"version": __version__})
                    sync_catalogues(conn)
                    sync_controls(conn)
                    org = {"name": _("(organisation name not set)"), **(organisation or {})}
                    insert_validated(conn, ORGANISATION, validate(conn, ORGANISATION, org))
            finally:
                conn.close()
            os.replace(temp, path)
            _fsync_dir(path.parent)
        except BaseException:
            temp.unlink(missing_ok=True)
            Path(str(temp) + "-journal").unlink(missing_ok=True)
            raise
        return cls._open_locked(path, key, exclusive)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, exclusive: bool = False) -> Workspace:
        path = Path(path)
        if not path.is_file():
            raise WorkspaceError(_("There is no workspace file at {path}.").format(path=path))
        salt = read_salt(path)
        if len(salt) < SALT_BYTES:
            raise NotAWorkspaceError(
                _("{path} is not a Mamori workspace, or it is damaged.").format(path=path)
            )
        return cls._open_locked(path, SessionKey.derive(passphrase, salt), exclusive)

    @classmethod
    def _open_locked(cls, path: Path, key: SessionKey, exclusive: bool) -> Workspace:
        lock = InstanceLock(path) if exclusive else None
        if lock is not None:
            lock.acquire()
        try:
            workspace = cls._open_with_key(path, key)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        workspace._lock = lock
        return workspace

    @classmethod
    def _open_with_key(cls, path: Path, key: SessionKey) -> Workspace:
        conn = connect(path, key)
        try:
            has_meta = scalar(
                conn, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'"
            )
            marker = scalar(conn, "SELECT value FROM meta WHERE key='app'") if has_meta else None
            if marker != APP_MARKER:
                raise NotAWorkspaceError(
                    _("{path} opens with this passphrase but is not a Mamori workspace.").format(
                        path=path
                    )
                )
            workspace = cls(path, key, conn)
            old, new = migrations.upgrade(conn, str(path), workspace._backup_before_upgrade)
            if new != old:
                workspace.upgraded_from = old  # the upgrade wrote its own audit entry
            with write_transaction(conn):
                sync_catalogues(conn)
                sync_controls(conn)
        except BaseException:
            conn.close()
            raise
        return workspace

    def _backup_before_upgrade(self, old_version: int) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.schema{old_version}-{stamp}.bak.mamori")
        copy_file_atomically(self.path, target)
        log.info("backup copy taken before schema upgrade from version %s", old_version)

    # ----- the session ----------------------------------------------------------------------

    def connect(self) -> Connection:
        """A new connection with the session key (for a worker thread); no key derivation."""
        return connect(self.path, self._key)

    @property
    def schema_version(self) -> int:
        return int(scalar(self.conn, "PRAGMA user_version"))

    def check_passphrase(self, passphrase: str) -> bool:
        salt = read_salt(self.path)
        return SessionKey.derive(passphrase, salt).pragma_literal() == self._key.pragma_literal()

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt every page with a key derived from ``new`` (same salt), atomically."""
        if not self.check_passphrase(old):
            raise WorkspaceError(_("The current passphrase is not right."))
        salt = read_salt(self.path)
        new_key = SessionKey.derive(new, salt)
        with write_transaction(self.conn):
            audit.append(self.conn, "rekey")
        self.conn.execute(f"PRAGMA rekey = {new_key.pragma_literal()}")
        self._key.wipe()
        self._key = new_key

    def backup_to(self, target: Path, conn: Connection | None = None) -> Path:
        """An encrypted copy (same passphrase) written atomically; writers wait meanwhile.

        ``conn`` is a connection of the calling thread (a background job's); default the session's.
        """
        target = Path(target)
        conn = conn or self.conn
        if target.resolve() == self.path.resolve():
            raise WorkspaceError(_("A backup copy cannot overwrite the workspace itself."))
        with write_transaction(conn):
            audit.append(conn, "backup", detail={"file": target.name})
        conn.execute("BEGIN IMMEDIATE")
        try:
            copy_file_atomically(self.path, target)
        finally:
            conn.execute("ROLLBACK")
        return target

    def close(self) -> None:
        """Close the connection and forget the key (locking the session or quitting)."""
        with contextlib.suppress(Exception):
            self.conn.close()
        self._key.wipe()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def lock_session(self) -> None:
        """Hide everything until the passphrase is entered again; keeps the instance lock."""
        with contextlib.suppress(Exception):
            self.conn.close()
        self._key.wipe()

    def unlock_session(self, passphrase: str) -> None:
        salt = read_salt(self.path)
        key = SessionKey.derive(passphrase, salt)
        self.conn = connect(self.path, key)
        self._key = key

    @property
    def locked(self) -> bool:
        return self._key.wiped

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
