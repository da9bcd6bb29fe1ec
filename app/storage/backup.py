"""Backups that restore: verified copies with a manifest, rotation, and restore.

A backup is an encrypted copy of the workspace file (same passphrase), taken under a read lock so no
writer changes the file mid-copy. The copy is written to a private temporary file beside the target,
fsynced, opened and checked (page HMACs, structure, audit chain up to the head it was copied at)
before it is renamed into place. Only then is the backup recorded in the audit trail, so the trail
never mentions a backup that does not exist. Beside each backup a small manifest
(``<name>.mamori.json``: date, size, record counts, the trail's head, verification) lets the restore
dialog describe it without the passphrase; it holds counts, never names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.atomic import write_bytes
from app.errors import WorkspaceError, WorkspaceReadOnlyError
from app.i18n import _
from app.storage import audit, recovery
from app.storage.anchor import ChainHead, current_head
from app.storage.crypto import SessionKey
from app.storage.database import (
    Connection,
    DatabaseError,
    busy_error,
    connect,
    is_busy,
    write_transaction,
)
from app.storage.health import file_damage, trail_problems
from app.storage.temporaries import cleanup_stale_temporaries, remember_folder, temp_prefix

if TYPE_CHECKING:
    from app.storage.workspace import Workspace

log = logging.getLogger(__name__)

MANIFEST_SUFFIX = ".json"
AUTO_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})\.mamori$")
DEFAULT_KEEP = 7
DAILY = timedelta(days=1)


@dataclass
class BackupInfo:
    path: str
    created_at: str
    size: int
    sha256: str = ""
    source: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    head: str = ""  # printed chain head, "#id:hash"
    head_id: int = 0
    head_hash: str = ""
    verified: bool = False
    problems: list[str] = field(default_factory=list)
    app_version: str = __version__

    @property
    def file(self) -> Path:
        return Path(self.path)

    def chain_head(self) -> ChainHead | None:
        return ChainHead(self.head_id, self.head_hash) if self.head_id else None


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def backup_folder(workspace: Path) -> Path:
    """Where automatic backups of ``workspace`` go: a folder beside it."""
    return workspace.with_name(f"{workspace.stem}-backups")


def record_counts(conn: Connection) -> dict[str, int]:
    from app.registers.registry import all_registers

    counts = {}
    for defn in all_registers():
        counts[defn.key] = int(conn.execute(f"SELECT count(*) FROM {defn.table}").fetchone()[0])
    counts["audit_entries"] = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    return counts


def check_copy(path: Path, key: SessionKey, head: ChainHead | None) -> list[str]:
    """Open a copy with ``key`` and check pages, structure and the audit chain up to ``head``."""
    try:
        conn = connect(path, key)
    except WorkspaceError as exc:
        return [str(exc)]
    try:
        problems = file_damage(conn, full=True)
        if problems:
            return problems
        try:
            problems += [item.problem for item in audit.verify_chain(conn)]
        except DatabaseError as exc:
            problems.append(str(exc))
        if head is not None:
            problems += trail_problems(conn, [(_("the backup's manifest"), head)])
        return problems
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_target(workspace: Workspace, target: Path) -> Path:
    target = Path(target)
    if target.is_dir():
        raise WorkspaceError(
            _("{path} is a folder. Give the backup a file name, such as {example}.").format(
                path=target, example=target / f"{workspace.path.stem}-backup.mamori"
            )
        )
    if target.resolve() == workspace.path.resolve():
        raise WorkspaceError(_("A backup copy cannot overwrite the workspace itself."))
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def write_backup(workspace: Workspace, target: Path, conn: Connection | None = None) -> BackupInfo:
    """Copy, verify, rename into place, write the manifest, then record it in the trail."""
    if workspace.rescue:
        raise WorkspaceReadOnlyError(workspace.rescue_message())
    conn = conn or workspace.conn
    target = _check_target(workspace, target)
    remember_folder(target.parent)
    temp = target.with_name(f"{temp_prefix()}{os.urandom(4).hex()}.tmp")
    try:
        try:
            conn.execute("BEGIN")  # a shared lock: writers wait, readers go on
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise busy_error(exc) from None  # type: ignore[arg-type]
        try:
            head = current_head(conn)
            counts = record_counts(conn)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, workspace.path.open("rb") as source:
                for block in iter(lambda: source.read(1024 * 1024), b""):
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
        finally:
            conn.execute("ROLLBACK")
        problems = check_copy(temp, workspace.session_key, head)
        if problems:
            raise WorkspaceError(
                _("The backup copy did not verify, so nothing was written: {problems}").format(
                    problems="; ".join(problems)
                )
            )
        info = BackupInfo(
            path=str(target),
            created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
            size=temp.stat().st_size,
            sha256=_sha256(temp),
            source=workspace.path.name,
            counts=counts,
            head=head.printed if head else "",
            head_id=head.entry_id if head else 0,
            head_hash=head.hash if head else "",
            verified=True,
        )
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    manifest = manifest_path(target)
    try:
        write_bytes(manifest, json.dumps(asdict(info), ensure_ascii=False).encode())
        recovery.copy_beside(workspace.path, target)
        with write_transaction(conn):
            audit.append(
                conn,
                "backup",
                detail={
                    "file": target.name,
                    "size": info.size,
                    "sha256": info.sha256,
                    "head": info.head,
                    "verified": True,
                },
            )
    except BaseException:
        # Not recorded, so not kept: the trail and the backups on disk always agree.
        target.unlink(missing_ok=True)
        manifest.unlink(missing_ok=True)
        recovery.recovery_path(target).unlink(missing_ok=True)
        raise
    return info


def write_automatic_backup(
    workspace: Workspace, conn: Connection | None = None, keep: int = DEFAULT_KEEP
) -> BackupInfo:
    """A dated backup in the workspace's backup folder, then the oldest beyond ``keep`` removed."""
    folder = backup_folder(workspace.path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    cleanup_stale_temporaries(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{workspace.path.stem}-{stamp}.mamori"
    info = write_backup(workspace, target, conn)
    rotate(folder, workspace.path.stem, keep)
    return info


def automatic_backups(folder: Path, stem: str) -> list[Path]:
    """Automatic backups of the workspace called ``stem``, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = AUTO_PATTERN.match(path.name)
        if match and match.group("stem") == stem:
            found.append(path)
    return sorted(found, key=lambda path: path.name)


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    removed = []
    backups = automatic_backups(folder, stem)
    for old in backups[: max(0, len(backups) - max(1, keep))]:
        old.unlink(missing_ok=True)
        manifest_path(old).unlink(missing_ok=True)
        recovery.recovery_path(old).unlink(missing_ok=True)
        removed.append(old)
    return removed


def daily_backup_due(workspace: Path, now: datetime | None = None) -> bool:
    backups = automatic_backups(backup_folder(workspace), workspace.stem)
    if not backups:
        return True
    stamp = AUTO_PATTERN.match(backups[-1].name).group("stamp")  # type: ignore[union-attr]
    taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    return (now or datetime.now()) - taken >= DAILY


def read_info(backup: Path) -> BackupInfo:
    """What the manifest says about ``backup`` (or just its size and date when it has none)."""
    stat = backup.stat()
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        info = BackupInfo(**{key: data[key] for key in data if key in BackupInfo.__annotations__})
        info.path = str(backup)
        if info.size != stat.st_size:
            info.verified = False
            info.problems = [_("The file's size differs from its manifest.")]
        return info
    except (OSError, ValueError, TypeError):
        match = AUTO_PATTERN.match(backup.name)
        if match:  # the name says when it was taken, whatever the file's date
            stamp = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S").astimezone()
        else:
            stamp = datetime.fromtimestamp(stat.st_mtime, UTC).astimezone()
        return BackupInfo(str(backup), stamp.isoformat(timespec="seconds"), stat.st_size)


def list_backups(workspace: Path, extra_folders: tuple[Path, ...] = ()) -> list[BackupInfo]:
    """Backups found beside the workspace and in its backup folder, newest first."""
    seen: set[Path] = set()
    infos = []
    for folder in (backup_folder(workspace), workspace.parent, *extra_folders):
        if not folder.is_dir():
            continue
        for path in folder.glob("*.mamori"):
            resolved = path.resolve()
            if resolved == workspace.resolve() or resolved in seen or path.name.startswith("."):
                continue
            if not manifest_path(path).exists() and not AUTO_PATTERN.match(path.name):
                continue
            seen.add(resolved)
            infos.append(read_info(path))
    return sorted(infos, key=lambda info: info.created_at, reverse=True)


def newest_good_backup(workspace: Path) -> BackupInfo | None:
    return next((info for info in list_backups(workspace) if info.verified), None)


__all__ = [
    "BackupInfo",
    "automatic_backups",
    "backup_folder",
    "check_copy",
    "daily_backup_due",
    "human_size",
    "is_busy",
    "list_backups",
    "newest_good_backup",
    "read_info",
    "rotate",
    "write_automatic_backup",
    "write_backup",
]
