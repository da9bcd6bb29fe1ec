"""Restore a backup over a workspace (or to a new place), keeping the file it replaces; and
regain a workspace whose passphrase is lost with its recovery key (``recover``).

Steps, each leaving the target either as it was or fully restored if the process dies:
1. the backup is opened with the key and checked whole (pages, structure, audit chain, and the head
   its manifest recorded); a backup that fails is refused;
2. the target must not be open in another Mamori (its instance lock is taken for the duration);
3. the current file is copied aside (``<name>.before-restore-<time>.mamori``), never deleted;
4. the backup is copied to a private temporary file beside the target, fsynced and renamed over it;
   the restore is recorded in the copy's own audit trail (naming the backup and the trail head it
   replaced) before the rename, so the file in place is restored-and-recorded or untouched;
5. the anchor kept on this PC is reset to the backup's head just before the rename (restoring
   shortens the trail on purpose); then the workspace is opened once (upgrading an older backup).
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import WorkspaceError
from app.i18n import _
from app.storage import audit, recovery
from app.storage.anchor import AnchorStore, ChainHead, current_head
from app.storage.backup import check_copy, read_info
from app.storage.crypto import SALT_BYTES, SessionKey, read_salt
from app.storage.database import connect, write_transaction
from app.storage.lock import InstanceLock
from app.storage.temporaries import remember_folder, temp_prefix

if TYPE_CHECKING:
    from app.storage.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    kept_as: Path | None
    head: ChainHead | None  # the restored trail's head, after the restore entry


def backup_key(backup: Path, secret: str | SessionKey) -> SessionKey:
    """The key that opens ``backup``: a session key as it is, or derived from a passphrase."""
    from app.storage.workspace import unlock_key

    if isinstance(secret, SessionKey):
        return secret
    salt = read_salt(backup)
    if len(salt) < SALT_BYTES:
        raise WorkspaceError(
            _("{path} is not a Mamori backup, or it is damaged.").format(path=backup)
        )
    return unlock_key(backup, secret, salt)


def check_backup(backup: Path, secret: str | SessionKey) -> list[str]:
    """Problems found in ``backup`` opened with ``secret`` (empty: it is sound and restorable).
    Raises ``WrongPassphraseError`` when ``secret`` does not open it (made before a passphrase
    change: ask for the passphrase of that time)."""
    key = backup_key(Path(backup), secret)
    connect(Path(backup), key).close()
    return check_copy(Path(backup), key, read_info(Path(backup)).chain_head())


def restore_backup(backup: Path, target: Path, secret: str | SessionKey) -> RestoreResult:
    from app.storage.workspace import Workspace, copy_file_atomically, fsync_dir

    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise WorkspaceError(_("There is no backup file at {path}.").format(path=backup))
    if target.is_dir():
        raise WorkspaceError(
            _("{path} is a folder; give the workspace file to restore to.").format(path=target)
        )
    if target.exists() and target.resolve() == backup.resolve():
        raise WorkspaceError(_("A backup cannot be restored over itself."))
    key = backup_key(backup, secret)
    info = read_info(backup)
    problems = check_copy(backup, key, info.chain_head())
    if problems:
        raise WorkspaceError(
            _("{path} did not pass its check, so it was not restored: {problems}").format(
                path=backup, problems="; ".join(problems)
            )
        )
    probe = connect(backup, key)
    try:
        backup_head = current_head(probe)
    finally:
        probe.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock(target)
    lock.acquire()
    try:
        replaced_head = _readable_head(target, key)
        kept_as = None
        if target.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept_as = target.with_name(f"{target.stem}.before-restore-{stamp}.mamori")
            copy_file_atomically(target, kept_as)
        detail = {
            "from": backup.name,
            "backup_head": backup_head.printed if backup_head else "",
            "replaced_head": replaced_head.printed if replaced_head else "",
            "kept_as": kept_as.name if kept_as else "",
        }
        temp = _recorded_copy(backup, target, key, detail)
        try:
            if backup_head is not None:
                # A lower bound both the replaced trail (which grew from the backup) and the
                # restored one hold, so a kill on either side of the rename leaves a sound pair.
                AnchorStore(target, salt=read_salt(backup)).save(
                    backup_head.entry_id, backup_head.hash
                )
            recovery.copy_beside(backup, target)
            os.replace(temp, target)
            fsync_dir(target.parent)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    finally:
        lock.release()
    with Workspace.open(target, key) as workspace:
        head = current_head(workspace.conn)
    log.info("restored %s to %s", backup.name, target)
    return RestoreResult(target, kept_as, head)


def _recorded_copy(backup: Path, target: Path, key: SessionKey, detail: dict[str, str]) -> Path:
    """The backup copied beside ``target`` with the restore already in its audit trail, so the
    file that is renamed into place is restored and recorded at once, or not at all."""
    remember_folder(target.parent)
    temp = target.with_name(f"{temp_prefix()}{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, backup.open("rb") as source:
            for block in iter(lambda: source.read(1024 * 1024), b""):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        conn = connect(temp, key)
        try:
            with write_transaction(conn):
                audit.append(conn, "restore", detail=detail)
        finally:
            conn.close()
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        Path(str(temp) + "-journal").unlink(missing_ok=True)
        raise
    return temp


def _readable_head(target: Path, key: SessionKey) -> ChainHead | None:
    """The trail head of the file being replaced, when this key opens it (for the record)."""
    if not target.is_file():
        return None
    try:
        conn = connect(target, key)
    except WorkspaceError:
        return None
    try:
        return current_head(conn)
    except Exception:  # a damaged file being replaced: nothing to record
        return None
    finally:
        conn.close()


def recover(workspace_path: Path, recovery_key: str, new_passphrase: str) -> Workspace:
    """Open with the recovery key and set ``new_passphrase``; returns the open workspace."""
    from app.storage.recovery import unwrap
    from app.storage.workspace import Workspace

    key = unwrap(workspace_path, recovery_key)
    workspace = Workspace.open(Path(workspace_path), key, exclusive=True)
    try:
        workspace.rekey(
            SessionKey.derive(new_passphrase, read_salt(Path(workspace_path))),
            detail={"via": "recovery key"},
        )
    except BaseException:
        with contextlib.suppress(Exception):
            workspace.close()
        raise
    return workspace
