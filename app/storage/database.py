"""Opening SQLCipher connections and running write transactions.

Every connection gets the same pragmas; every write goes through ``write_transaction`` so it is
all-or-nothing and serialised against other writers (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

from app.errors import (
    NotAWorkspaceError,
    WorkspaceBusyError,
    WorkspaceError,
    WorkspaceReadOnlyError,
    WrongPassphraseError,
)
from app.i18n import _
from app.storage.crypto import SessionKey
from app.text import sort_key

log = logging.getLogger(__name__)

DatabaseError = dbapi2.DatabaseError
IntegrityError = dbapi2.IntegrityError

PAGE_CACHE_KIB = 65_536  # 64 MiB; encrypted reads were measured 3-9x slower at the 8 MiB default
BUSY_TIMEOUT_MS = 10_000
SQLITE_PLAINTEXT_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096
SQLITE_CORRUPT = 11

CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    f"PRAGMA cache_size = -{PAGE_CACHE_KIB}",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


class Connection(dbapi2.Connection):
    """A SQLCipher connection that knows the newest audit entry it has committed.

    ``audit.append`` notes the entry it wrote in ``pending_head``; once ``write_transaction``
    commits, ``on_head`` (set by the workspace) receives it, to keep the trail's anchor outside the
    file. ``read_only`` (rescue mode) makes ``write_transaction`` refuse before anything is written.
    """

    pending_head: tuple[int, str] | None = None
    on_head: Callable[[tuple[int, str]], None] | None = None
    read_only_reason: str | None = None


def _describe_unreadable(path: Path) -> WorkspaceError:
    """Decide why a file would not decrypt: a foreign file, or most likely the wrong passphrase."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_PLAINTEXT_HEADER))
    if head == SQLITE_PLAINTEXT_HEADER:
        return NotAWorkspaceError(
            _("{path} is an unencrypted SQLite database, not a Mamori workspace.").format(path=path)
        )
    if size == 0 or size % PAGE_SIZE:
        return NotAWorkspaceError(
            _("{path} is not a Mamori workspace, or it is damaged.").format(path=path)
        )
    return WrongPassphraseError(
        _(
            "The passphrase does not open {path}. Check it and try again. If you are sure it is "
            "right, the file may be damaged: restore a backup copy."
        ).format(path=path)
    )


def connect(path: Path, key: SessionKey, *, create: bool = False) -> Connection:
    """Open ``path`` with the session key. Never creates a file unless ``create`` is set."""
    if not create and not path.is_file():
        raise WorkspaceError(_("There is no workspace file at {path}.").format(path=path))
    mode = "rwc" if create else "rw"
    uri = path.resolve().as_uri() + f"?mode={mode}"
    try:
        conn = sqlcipher3.connect(
            uri,
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            factory=Connection,
        )
    except dbapi2.OperationalError as exc:
        raise WorkspaceError(
            _("Cannot open {path}: {reason}").format(path=path, reason=exc)
        ) from None
    try:
        # SQLCipher would otherwise print HMAC failures for a wrong key on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        if create:
            raise
        if getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT:
            # The key decrypted page 1 (a wrong key gives SQLITE_NOTADB), so the rest is damaged.
            raise WorkspaceError(
                _(
                    "{path} opens with this passphrase but is damaged (cut short or overwritten), "
                    "so Mamori cannot use it. Restore a backup copy: python main.py restore BACKUP."
                ).format(path=path)
            ) from None
        raise _describe_unreadable(path) from None
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(pragma)
    conn.create_collation(JA_COLLATION, _compare_japanese)
    return conn


JA_COLLATION = "mamori_ja"
_japanese_key = lru_cache(maxsize=65_536)(sort_key)


def _compare_japanese(left: str, right: str) -> int:
    """五十音-friendly order for text columns: widths folded, katakana read as hiragana."""
    a, b = _japanese_key(left), _japanese_key(right)
    return (a > b) - (a < b)


@contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back.

    Refused on a workspace in rescue mode (damaged): nothing may be written over it.
    """
    reason = getattr(conn, "read_only_reason", None)
    if reason:
        raise WorkspaceReadOnlyError(reason)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except dbapi2.OperationalError as exc:
        raise busy_error(exc) from None
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        if isinstance(conn, Connection):
            conn.pending_head = None
        raise
    conn.execute("COMMIT")
    if isinstance(conn, Connection) and conn.pending_head is not None:
        head, conn.pending_head = conn.pending_head, None
        if conn.on_head is not None:
            conn.on_head(head)


def ensure_writable(conn: Connection) -> None:
    """Refuse early, before a file is written, what would end in an audited write."""
    reason = getattr(conn, "read_only_reason", None)
    if reason:
        raise WorkspaceReadOnlyError(reason)


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, dbapi2.OperationalError) and ("locked" in text or "busy" in text)


def busy_error(exc: dbapi2.OperationalError) -> Exception:
    if is_busy(exc):
        return WorkspaceBusyError(
            _(
                "The workspace is busy: another task (an import, a backup or another Mamori "
                "window) is writing to it. Try again when it has finished."
            )
        )
    return exc


@contextmanager
def read_snapshot(conn: Connection) -> Iterator[Connection]:
    """A consistent view over several queries (e.g. count + first page, or a backup copy).

    Inside a transaction already (a figure computed while a write is under way) the view is
    consistent as it is, and the caller's transaction is left alone."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")


def scalar(conn: Connection, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def user_version(conn: Connection) -> int:
    return int(scalar(conn, "PRAGMA user_version"))
