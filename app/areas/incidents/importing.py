"""Importing a co-op's incident log (事故報告一覧, often kept in Excel) into the incident register.

The shared register import matches each row to a record by its incident number; a log rarely
has one, so rows without a number are numbered first, as a save would number them
(INC-<year known>-NNN, continuing after the numbers already used), then planned as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from app.areas.incidents.derive import next_incident_no
from app.areas.incidents.registers import INCIDENTS
from app.importing.register_import import RegisterImportSpec
from app.importing.spec import MappedRow
from app.storage.database import Connection


class IncidentImportSpec(RegisterImportSpec):
    def __init__(self) -> None:
        super().__init__(INCIDENTS)

    def plan(
        self,
        conn: Connection,
        rows: Sequence[MappedRow],
        *,
        file: Path | str,
        sheet: str | None,
        skip_invalid: bool = False,
    ) -> Any:
        numbered, taken = [], {}
        for row in rows:
            known = row.values.get("known_on")
            if row.values.get("incident_no") or not isinstance(known, date):
                numbered.append(row)
                continue
            number = taken.get(known.year) or next_incident_no(conn, known.year)
            prefix, serial = number.rsplit("-", 1)
            taken[known.year] = f"{prefix}-{int(serial) + 1:03d}"
            numbered.append(replace(row, values={**row.values, "incident_no": number}))
        return super().plan(conn, numbered, file=file, sheet=sheet, skip_invalid=skip_invalid)
