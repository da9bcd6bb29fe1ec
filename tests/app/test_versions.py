"""The component versions the About dialog shows."""

from __future__ import annotations

import sqlcipher3

from app.versions import sqlcipher_version, sqlite_version


def test_sqlcipher_version_from_the_workspace_or_a_fresh_connection(workspace):
    fresh = sqlcipher3.connect(":memory:")
    expected = fresh.execute("PRAGMA cipher_version").fetchone()[0]
    fresh.close()
    assert sqlcipher_version(workspace.conn) == expected
    assert sqlcipher_version(None) == expected
    closed = sqlcipher3.connect(":memory:")
    closed.close()
    assert sqlcipher_version(closed) == expected  # a closed connection falls back
    assert sqlite_version().count(".") == 2
