"""The assurance area's data part of schema step 8 (run inside the upgrade transaction, audited).

Earlier releases shipped the corrective-action source "management review" under the code
``mgmt_review``; the use case other areas call names it ``management_review``. No record could use
the old code (there was no corrective-action register), so the old item is removed; the catalogue
sync that follows the upgrade adds the new one.
"""

from __future__ import annotations

from typing import Any

from app.storage.database import Connection
from app.storage.rebuild import UpgradeLog

MIGRATION_USER = "mamori-upgrade"
OLD_CODES = {"CA_SOURCE": ("mgmt_review",)}


def upgrade_assurance_v8(conn: Connection, _state: Any, _log: UpgradeLog) -> None:
    from app.areas.organisation.registers import CATALOGUE_ITEMS
    from app.registers.records import delete_in_transaction

    for catalogue, codes in OLD_CODES.items():
        for code in codes:
            row = conn.execute(
                "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
                "WHERE c.code = ? AND i.code = ?",
                (catalogue, code),
            ).fetchone()
            if row is not None:
                delete_in_transaction(conn, CATALOGUE_ITEMS, row[0], user=MIGRATION_USER)
