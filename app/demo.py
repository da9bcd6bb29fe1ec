"""A realistic demo co-op, built from every area's demo steps.

Deterministic (fixed seed) so screenshots and tests see the same data. Each area hands its steps
over in ``Area.demo``; a step is ``(conn, rng, today, people)`` and runs in its own write
transaction, in area order (the organisation and its staff come first).
"""

from __future__ import annotations

import os
import random
import tempfile
from datetime import date
from pathlib import Path

from app.areas import all_areas
from app.areas.organisation.demo import (
    DEPARTMENT_ROWS,
    GIVEN_NAMES,
    ORGANISATION_VALUES,
    SURNAMES,
)
from app.errors import WorkspaceError
from app.i18n import _
from app.storage.database import Connection, write_transaction
from app.storage.workspace import Workspace

DEMO_PASSPHRASE = "mamori-demo-passphrase"
SEED = 20261123

__all__ = [
    "DEMO_PASSPHRASE",
    "DEPARTMENT_ROWS",
    "GIVEN_NAMES",
    "ORGANISATION_VALUES",
    "SURNAMES",
    "build_demo_workspace",
]


def build_demo_workspace(
    path: Path, passphrase: str, *, people: int = 300, today: date | None = None
) -> Workspace:
    """Create ``path`` as a demo workspace (replacing nothing: the file must not exist).

    The workspace is built under a temporary name beside ``path`` and moved into place only when
    every step has succeeded, so a failure leaves nothing behind.
    """
    path = Path(path)
    if path.exists():
        raise WorkspaceError(
            _("{path} already exists; choose another name or open it.").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".mamori-demo-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    partial = Path(temp_name)
    partial.unlink()
    workspace = Workspace.create(partial, passphrase, {"name": ORGANISATION_VALUES["name"]})
    try:
        _fill_demo(workspace.conn, people, today or date.today())
        workspace.move_to(path)
    except BaseException:
        workspace.close()
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return workspace


def _fill_demo(conn: Connection, people: int, today: date) -> None:
    rng = random.Random(SEED)
    for area in all_areas():
        for step in area.demo:
            with write_transaction(conn):
                step(conn, rng, today, people)
