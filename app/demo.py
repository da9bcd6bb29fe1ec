"""A realistic demo co-op, built from every area's demo steps.

Deterministic (fixed seed) so screenshots and tests see the same data. Each area hands its steps
over in ``Area.demo``; a step is ``(conn, rng, today, people)`` and runs in its own write
transaction, in area order (the organisation and its staff come first).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from app.areas import all_areas
from app.areas.organisation.demo import (
    DEPARTMENT_ROWS,
    GIVEN_NAMES,
    ORGANISATION_VALUES,
    SURNAMES,
)
from app.storage.database import write_transaction
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
    """Create ``path`` as a demo workspace (replacing nothing: the file must not exist)."""
    today = today or date.today()
    rng = random.Random(SEED)
    workspace = Workspace.create(Path(path), passphrase, {"name": ORGANISATION_VALUES["name"]})
    conn = workspace.conn
    for area in all_areas():
        for step in area.demo:
            with write_transaction(conn):
                step(conn, rng, today, people)
    return workspace
