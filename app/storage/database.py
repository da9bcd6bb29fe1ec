"""Opening SQLCipher connections and running write transactions.

Every connection gets the same pragmas; every write goes through ``write_transaction`` so it is
all-or-nothing and serialised against other writers (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

from app.errors import NotAWorkspaceError, WorkspaceError, WrongPassphraseError
from app.i18n import _
from app.storage.crypto import SessionKey
from app.text import sort_key

log = logging.getLogger(__name__)

Connection = dbapi2.Connection
DatabaseError = dbapi2.DatabaseError
IntegrityError = dbapi2.IntegrityError

PAGE_CACHE_KIB = 65_536  # 64 MiB; encrypted reads were measured 3-9x slower at the 8 MiB default
BUSY_TIMEOUT_MS = 10_000
SQLITE_PLAINTEXT_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096

CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    f"PRAGMA cache_size = -{PAGE_CACHE_KIB}",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


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
            uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
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
    except DatabaseError:
        conn.close()
        if create:
            raise
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
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read_snapshot(conn: Connection) -> Iterator[Connection]:
    """A consistent view over several queries (e.g. count + first page, or a backup copy)."""
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
