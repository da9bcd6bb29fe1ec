"""Files written whole or not at all: a temporary file beside the target, renamed over it.

Every file Mamori writes for the officer (exports, the 台帳 workbook, reports) goes through here, so
a failed or cancelled write never leaves a half-written file or replaces a good one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.storage.temporaries import remember_folder, temp_prefix


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yields a temporary path in ``target``'s folder; renamed to ``target`` if the block succeeds,
    deleted if it raises."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remember_folder(target.parent)
    fd, name = tempfile.mkstemp(prefix=temp_prefix(), suffix=target.suffix, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> Path:
    """``data`` written to ``target`` atomically, flushed to disk before the rename."""
    with replacing(target) as temp, temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(target)
