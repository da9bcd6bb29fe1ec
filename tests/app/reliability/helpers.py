"""Changing a workspace behind Mamori's back, as someone holding the passphrase and any SQLCipher 4
client could: the tests then show that Mamori notices."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

PAGE_SIZE = 4096


def tamper(path: Path, passphrase: str, *statements: str) -> None:
    """Run SQL on the file with a plain SQLCipher connection (no Mamori code involved)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = '{passphrase}'")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def flip_bytes(path: Path, page_from_end: int = 1, count: int = 64) -> int:
    """Flip ``count`` bytes in a data page (1-based page number returned); page 1 stays intact."""
    data = bytearray(path.read_bytes())
    page = len(data) // PAGE_SIZE - page_from_end
    start = (page - 1) * PAGE_SIZE + 200
    for offset in range(count):
        data[start + offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return page
