"""Large workspaces for the benchmarks, built once and cached under bench/results/."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from app.areas.organisation.registers import PEOPLE
from app.demo import DEPARTMENT_ROWS, GIVEN_NAMES, SURNAMES, build_demo_workspace
from app.registers.records import insert_validated
from app.storage.database import write_transaction
from app.storage.workspace import Workspace

PASSPHRASE = "bench-passphrase-quiet-harbour"
RESULTS = Path(__file__).resolve().parent / "results"
EMPLOYMENT = ("regular", "contract", "parttime", "arbeit", "dispatched", "activist")


def large_people_workspace(rows: int = 200_000) -> Path:
    """A demo co-op plus ``rows`` people (cached: built only when missing)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"people-{rows}.mamori"
    if path.exists():
        return path
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    workspace = build_demo_workspace(partial, PASSPHRASE, people=300)
    rng = random.Random(7)
    conn = workspace.conn
    department_ids = [row[0] for row in conn.execute("SELECT id FROM department")]
    assert len(department_ids) == len(DEPARTMENT_ROWS)
    start = date(1990, 4, 1)
    with write_transaction(conn):
        # Generated rows are clean by construction, so they skip per-row validation queries;
        # they still go through the audited insert, like an import does.
        for number in range(1, rows + 1):
            surname, surname_kana = rng.choice(SURNAMES)
            given, given_kana = rng.choice(GIVEN_NAMES)
            values = {
                "staff_no": f"B{number:07d}",
                "name": f"{surname} {given}",
                "kana": f"{surname_kana} {given_kana}",
                "department": rng.choice(department_ids),
                "employment_type": rng.choice(EMPLOYMENT),
                "pms_roles": ["handler"],
                "hire_date": start + timedelta(days=rng.randint(0, 12_000)),
                "leave_date": None,
                "email": None,
                "is_handler": True,
                "active": True,
                "notes": None,
            }
            insert_validated(conn, PEOPLE, values)
    workspace.close()
    partial.rename(path)
    return path


def open_large(rows: int = 200_000) -> Workspace:
    return Workspace.open(large_people_workspace(rows), PASSPHRASE)
