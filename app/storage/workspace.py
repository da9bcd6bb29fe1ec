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
from app.deadlines.store import refresh_if_rules_changed
from app.errors import (
    NotAWorkspaceError,
    WorkspaceError,
    WorkspaceReadOnlyError,
    WrongPassphraseError,
)
from app.i18n import N_, _
from app.registers.records import insert_validated, validate
from app.storage import audit, migrations, recovery
from app.storage.anchor import AnchorStore, current_head
from app.storage.crypto import (
    SALT_BYTES,
    SessionKey,
    candidate_keys,
    derive_key,
    new_salt,
    read_salt,
)
from app.storage.database import (
    Connection,
    DatabaseError,
    busy_error,
    connect,
    scalar,
    write_transaction,
)
from app.storage.health import Health, file_damage, quick_health, trail_problems
from app.storage.lock import InstanceLock
from app.storage.temporaries import cleanup_stale_temporaries, temp_prefix

log = logging.getLogger(__name__)

APP_MARKER = "mamori-workspace"
CHECKING = N_(
    "Mamori is still checking the workspace file (a few seconds for a large one); try again in a "
    "moment."
)
WORKSPACE_SUFFIX = ".mamori"


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows; NTFS journals the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_private(path: Path) -> None:
    """Workspace files are readable by their owner only (older versions left them 0644)."""
    if os.name == "nt":
        return  # the per-user folder's ACL already limits access (docs/security.md)
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def unlock_key(path: Path, passphrase: str, salt: bytes) -> SessionKey:
    """The key ``passphrase`` opens ``path`` with: its NFC form, or for workspaces created before
    passphrases were normalised, the form it was typed in."""
    error: WorkspaceError | None = None
    for key in candidate_keys(passphrase, salt):
        try:
            connect(path, key).close()
        except WrongPassphraseError as exc:
            error = exc
            continue
        return key
    assert error is not None
    raise error


def copy_file_atomically(source: Path, target: Path) -> None:
    """Copy through a private temporary file in the target folder, fsync, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class Workspace:
    """An unlocked workspace. ``conn`` belongs to the thread that opened it."""

    def __init__(self, path: Path, key: SessionKey, conn: Connection) -> None:
        self.path = path
        self._key = key
        self.anchors = AnchorStore(path)
        self.health = Health()
        self.checking = False  # the deferred quick check has not reported yet
        self.conn = conn
        conn.on_head = self._record_head
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
        # mkstemp makes the file 0600; SQLite keeps that mode and gives its journal the same one.
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=".tmp", dir=path.parent)
        os.close(fd)
        temp = Path(temp_name)
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
                    refresh_if_rules_changed(conn)
                    org = {"name": _("(organisation name not set)"), **(organisation or {})}
                    insert_validated(conn, ORGANISATION, validate(conn, ORGANISATION, org))
            finally:
                conn.close()
            os.replace(temp, path)
            fsync_dir(path.parent)
        except BaseException:
            temp.unlink(missing_ok=True)
            Path(str(temp) + "-journal").unlink(missing_ok=True)
            raise
        return cls._open_locked(path, key, exclusive)

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str | SessionKey,
        *,
        exclusive: bool = False,
        defer_check: bool = False,
    ) -> Workspace:
        """Open with the passphrase, or with a key remembered on this PC (``SessionKey``).

        The quick check of every page runs here, unless ``defer_check`` (the window, for large
        files): then the workspace stays read-only (``checking``) until ``finish_check`` is given
        the result of ``health.file_damage`` run in the background.
        """
        path = Path(path)
        if not path.is_file():
            raise WorkspaceError(_("There is no workspace file at {path}.").format(path=path))
        salt = read_salt(path)
        if len(salt) < SALT_BYTES:
            raise NotAWorkspaceError(
                _("{path} is not a Mamori workspace, or it is damaged.").format(path=path)
            )
        if isinstance(passphrase, SessionKey):  # a copy: closing the workspace wipes its key
            return cls._open_locked(path, passphrase.copy(), exclusive, defer_check)
        key = unlock_key(path, passphrase, salt)
        return cls._open_locked(path, key, exclusive, defer_check)

    @classmethod
    def _open_locked(
        cls, path: Path, key: SessionKey, exclusive: bool, defer_check: bool = False
    ) -> Workspace:
        lock = InstanceLock(path) if exclusive else None
        if lock is not None:
            lock.acquire()
        try:
            workspace = cls._open_with_key(path, key, defer_check)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        workspace._lock = lock
        return workspace

    @classmethod
    def _open_with_key(cls, path: Path, key: SessionKey, defer_check: bool = False) -> Workspace:
        _make_private(path)
        cleanup_stale_temporaries(path.parent, remembered=True)
        conn = connect(path, key)
        try:
            workspace = cls(path, key, conn)
            if defer_check:
                try:
                    workspace._prepare(Health(trail=trail_problems(conn, workspace.anchors.load())))
                except DatabaseError:  # a damaged page on the way: check now, not later
                    workspace.enter_rescue(Health(damage=file_damage(conn)))
                    return workspace
                if not workspace.rescue:
                    workspace.checking = True
                    conn.read_only_reason = _(CHECKING)
                return workspace
            workspace._prepare(quick_health(conn, workspace.anchors.load()))
        except BaseException:
            conn.close()
            raise
        return workspace

    def _prepare(self, health: Health) -> None:
        """Refuse a foreign file, enter rescue mode on damage, else upgrade and sync."""
        conn, path, workspace = self.conn, self.path, self
        if health.damage:
            workspace.enter_rescue(health)
            return
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
        if health.trail:
            workspace.enter_rescue(health)
            return
        old, new = migrations.upgrade(conn, str(path), workspace._backup_before_upgrade)
        if new != old:
            workspace.upgraded_from = old  # the upgrade wrote its own audit entry
        with write_transaction(conn):
            sync_catalogues(conn)
            sync_controls(conn)
            refresh_if_rules_changed(conn)
        # The trail holds every anchor: from here on its head is the anchor (also the first
        # time this PC sees the file, and after a restore recorded inside the copy).
        head, anchored = current_head(conn), workspace.anchors.newest()
        if head is not None and (anchored is None or anchored.entry_id < head.entry_id):
            workspace.anchors.save(head.entry_id, head.hash)

    def finish_check(self, damage: list[str]) -> None:
        """The result of the deferred quick check: writable again, or rescue mode."""
        self.checking = False
        if damage:
            self.enter_rescue(Health(damage=damage))
        elif not self.rescue:
            self.conn.read_only_reason = None

    def _backup_before_upgrade(self, old_version: int) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.schema{old_version}-{stamp}.bak.mamori")
        copy_file_atomically(self.path, target)
        log.info("backup copy taken before schema upgrade from version %s", old_version)
        return target

    # ----- rescue mode ----------------------------------------------------------------------

    def enter_rescue(self, health: Health) -> None:
        """Read-only from now on: every connection of the session refuses to write."""
        self.health = health
        self.conn.read_only_reason = self.rescue_message()
        log.error("workspace opened in rescue mode: %s", health.summary())

    @property
    def rescue(self) -> bool:
        return not self.health.ok

    def rescue_message(self, *, for_window: bool = False) -> str:
        if self.health.damage:
            why = _("The workspace file {path} is damaged").format(path=self.path)
        else:
            why = _("The audit trail of {path} does not match what this PC recorded").format(
                path=self.path
            )
        how = (
            _("Restore the newest good backup with Restore a backup….")
            if for_window
            else _("Restore the newest good backup: python main.py restore BACKUP.")
        )
        return _(
            "{why}. It is open read-only (rescue mode): you can look, but nothing can be imported, "
            "changed, exported or backed up over it. {how}\n{details}"
        ).format(why=why, how=how, details=self.health.summary())

    # ----- the session ----------------------------------------------------------------------

    def connect(self) -> Connection:
        """A new connection with the session key (for a worker thread); no key derivation."""
        return self._adopt(connect(self.path, self._key))

    def _adopt(self, conn: Connection) -> Connection:
        conn.on_head = self._record_head
        if self.rescue:
            conn.read_only_reason = self.rescue_message()
        elif self.checking:
            conn.read_only_reason = _(CHECKING)
        return conn

    def _record_head(self, head: tuple[int, str]) -> None:
        self.anchors.save(*head)

    @property
    def schema_version(self) -> int:
        return int(scalar(self.conn, "PRAGMA user_version"))

    def check_passphrase(self, passphrase: str) -> bool:
        salt = read_salt(self.path)
        mine = self._key.pragma_literal()
        return any(key.pragma_literal() == mine for key in candidate_keys(passphrase, salt))

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt every page with a key derived from ``new`` (same salt), atomically, then
        record it (the entry follows the fact, so it never names a change that did not happen)."""
        if not self.check_passphrase(old):
            raise WorkspaceError(_("The current passphrase is not right."))
        self.rekey(SessionKey.derive(new, read_salt(self.path)))

    def rekey(self, new_key: SessionKey, detail: Mapping[str, Any] | None = None) -> None:
        if self.rescue:
            raise WorkspaceReadOnlyError(self.rescue_message())
        recovery.before_rekey(self, new_key)
        try:
            self.conn.execute(f"PRAGMA rekey = {new_key.pragma_literal()}")
        except DatabaseError as exc:
            raise busy_error(exc) from None  # type: ignore[arg-type]
        self._key.wipe()
        self._key = new_key
        with write_transaction(self.conn):
            audit.append(self.conn, "rekey", detail=detail)
        recovery.after_rekey(self)

    @property
    def session_key(self) -> SessionKey:
        """The unlocked key (for checking and restoring copies of this workspace)."""
        return self._key

    def backup_to(self, target: Path, conn: Connection | None = None) -> Path:
        """A verified encrypted copy (same passphrase) written atomically, then audited.

        ``conn`` is a connection of the calling thread (a background job's); default the session's.
        """
        from app.storage.backup import write_backup

        return write_backup(self, Path(target), conn).file

    def move_to(self, target: Path) -> None:
        """Rename the workspace file to ``target`` (never over an existing file); stays unlocked.

        Used to build a workspace under a temporary name and put it in place once it is complete.
        """
        target = Path(target)
        if target.exists():
            raise WorkspaceError(
                _("{path} already exists; choose another name or open it.").format(path=target)
            )
        self.conn.close()
        os.replace(self.path, target)
        fsync_dir(target.parent)
        self.path = target
        self.anchors = AnchorStore(target)  # an anchor belongs to the file's place
        self.conn = self._adopt(connect(target, self._key))
        head = current_head(self.conn)
        if head is not None:
            self.anchors.save(head.entry_id, head.hash)

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
        key = unlock_key(self.path, passphrase, read_salt(self.path))
        self.conn = self._adopt(connect(self.path, key))
        self._key = key

    @property
    def locked(self) -> bool:
        return self._key.wiped

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
