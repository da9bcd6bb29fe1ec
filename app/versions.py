"""Versions of the storage components, for the About dialog and support requests."""

from __future__ import annotations

import contextlib

import sqlcipher3

from app.storage.database import Connection


def sqlcipher_version(conn: Connection | None = None) -> str | None:
    """SQLCipher's version, asked of ``conn`` (an open workspace) or of a throw-away connection."""
    if conn is not None:
        with contextlib.suppress(Exception):  # a locked or closed workspace: ask a fresh one
            row = conn.execute("PRAGMA cipher_version").fetchone()
            if row and row[0]:
                return str(row[0])
    fresh = sqlcipher3.connect(":memory:")
    try:
        row = fresh.execute("PRAGMA cipher_version").fetchone()
    finally:
        fresh.close()
    return str(row[0]) if row and row[0] else None


def sqlite_version() -> str:
    return str(sqlcipher3.sqlite_version)
