"""Chapter 12 and the audit coverage with a large assurance record: 200 departments, 400 audits,
2,000 findings and about 1,000 corrective actions (some redone after a failed check).

    python bench/assurance_bench.py
    python bench/assurance_bench.py --audits 100

Builds a throw-away workspace through the area's use cases (audited writes, deadlines synced),
then times ``audit_coverage`` (the coverage page, the C-AUDIT reminder) and the chapter 12
provider (the board report), best of 5. Issue 15 names no target; both stay far below the 200 ms
the register pages aim for.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

from app.areas.assurance.audits import raise_action_for_finding  # noqa: E402
from app.areas.assurance.board import assurance_section  # noqa: E402
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS  # noqa: E402
from app.areas.assurance.coverage import audit_coverage  # noqa: E402
from app.areas.assurance.loop import record_effectiveness  # noqa: E402
from app.areas.assurance.registers import AUDITS, FINDINGS  # noqa: E402
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE  # noqa: E402
from app.board.period import fiscal_year_period  # noqa: E402
from app.registers.records import insert_validated, update_in_transaction, validate  # noqa: E402
from app.storage.database import write_transaction  # noqa: E402
from app.storage.workspace import Workspace  # noqa: E402

SEVERITIES = ("major_nc", "minor_nc", "observation")


def build(conn, audits: int, rng: random.Random) -> None:
    def add(defn, raw):
        return insert_validated(conn, defn, validate(conn, defn, raw))

    with write_transaction(conn):
        departments = [
            add(DEPARTMENTS, {"code": f"D{n:03d}", "name": f"部署{n}"}) for n in range(200)
        ]
        auditor = add(PEOPLE, {"staff_no": "A1", "name": "監査 太郎"})
        for number in range(audits):
            scope = rng.sample(departments, 3)
            day = date(2026, 4, 1) + timedelta(days=rng.randint(0, 300))
            audit = add(AUDITS, {"title": f"監査{number}", "departments": scope,
                                 "lead_auditor": auditor, "started_on": day, "ended_on": day})  # fmt: skip
            for _finding in range(5):
                finding = add(FINDINGS, {"audit": audit, "severity": rng.choice(SEVERITIES),
                                         "department": scope[0], "description": "指摘"})  # fmt: skip
                if rng.random() < 0.5:
                    continue
                try:
                    action = raise_action_for_finding(conn, finding).action_id
                except Exception:  # an observation needs no action
                    continue
                if rng.random() < 0.6:
                    update_in_transaction(conn, CORRECTIVE_ACTIONS, action,
                                          {"completed_on": day + timedelta(days=20), "action": "是正"})  # fmt: skip
                    if rng.random() < 0.7:
                        record_effectiveness(conn, action,
                                             result=rng.choice(("effective", "not_effective")),
                                             checked_on=day + timedelta(days=60))  # fmt: skip


def best_ms(function, rounds: int = 5) -> float:
    times = []
    for _round in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=400)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mamori-assurance-bench-"))
    with Workspace.create(folder / "bench.mamori", "assurance-bench-passphrase") as ws:
        conn = ws.conn
        started = time.perf_counter()
        build(conn, args.audits, random.Random(15))
        counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("audit", "finding", "corrective_action")]  # fmt: skip
        print(f"built {counts[0]} audits, {counts[1]} findings, {counts[2]} actions "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        period = fiscal_year_period(conn, 2026, "ja")
        print(f"audit_coverage      {best_ms(lambda: audit_coverage(conn, 2026)):7.1f} ms")
        chapter = best_ms(lambda: assurance_section(conn, period, "ja"))
        print(f"chapter 12 provider {chapter:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
