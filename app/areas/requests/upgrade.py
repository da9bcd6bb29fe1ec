"""The requests area's data part of schema step 8 (inside the upgrade transaction, audited).

Step 8 adds the retention years to the organisation settings. Step 7 synced every deadline, but it
had to pass over registers whose tables step 8 widens (the organisation's Pマーク renewal), so
their deadlines are synced here, once the columns exist.
"""

from __future__ import annotations

from typing import Any

from app.storage.database import Connection
from app.storage.rebuild import UpgradeLog

MIGRATION_USER = "mamori-upgrade"


def upgrade_requests_v8(conn: Connection, _state: Any, _log: UpgradeLog) -> None:
    from app.deadlines.store import recompute_all

    recompute_all(conn, user=MIGRATION_USER)
