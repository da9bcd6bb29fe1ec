"""Incidents with a few years of history: saving, the dashboard, board chapter 11, the PPC draft.

    python bench/incidents_bench.py                 # 1,000 incidents over three years
    python bench/incidents_bench.py --incidents 3000

Builds the demo co-op plus the generated incidents (every one validated, derived, audited and its
deadlines synced, as a save does; a fifth reportable, each with reports sent), then measures best
of 5: one incident saved (derive, reports refreshed, deadlines synced), the dashboard's items,
chapter 11 for one fiscal year, and the PPC draft as text and as a PDF. Prints a table and writes
bench/results/incidents.json. No target is set in the issue; these are measurements.
"""

from __future__ import annotations

import argparse
import json
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

from bench.data import PASSPHRASE, RESULTS  # noqa: E402

RUNS = 5
TYPES = ("misdelivery_goods", "misdelivery_post", "email_misaddress", "fax_misdial", "loss_paper")
CAUSES = ("check_missed", "procedure_not_followed", "carelessness", "procedure_gap")


def build(incidents: int, folder: Path) -> tuple[object, float]:
    from app.areas.incidents.registers import INCIDENT_REPORTS, INCIDENTS
    from app.demo import build_demo_workspace
    from app.registers.records import insert_validated, validate
    from app.storage.database import write_transaction

    workspace = build_demo_workspace(folder / "bench.mamori", PASSPHRASE, today=date(2026, 12, 4))
    conn = workspace.conn
    departments = [row[0] for row in conn.execute("SELECT id FROM department")]
    rng = random.Random(13)
    start = time.perf_counter()
    with write_transaction(conn):
        for number in range(incidents):
            known = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1060))
            reportable = number % 5 == 0
            values = {
                "title": f"事案 {number}",
                "incident_type": rng.choice(TYPES),
                "cause": rng.choice(CAUSES),
                "department": rng.choice(departments),
                "known_on": known,
                "subject_count": rng.randrange(1, 30),
                "sensitive": reportable,
                "near_miss": number % 7 == 3,
                "recurrence_prevention": "照合の徹底" if number % 2 else None,
                "closed_on": known + timedelta(days=20),
            }
            incident = insert_validated(conn, INCIDENTS, validate(conn, INCIDENTS, values))
            if reportable:
                for kind, days in (("prelim", 3), ("final", 25)):
                    raw = {
                        "incident": incident,
                        "kind": kind,
                        "reported_on": known + timedelta(days),
                    }
                    insert_validated(conn, INCIDENT_REPORTS, validate(conn, INCIDENT_REPORTS, raw))
    return workspace, time.perf_counter() - start


def best(function) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _run in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=1000)
    args = parser.parse_args()
    from app.areas.incidents.ppc_report import build_draft, draft_text
    from app.areas.incidents.registers import INCIDENTS
    from app.board.report import build_snapshot, fiscal_year_period
    from app.dashboard import gather
    from app.i18n import set_language
    from app.registers.records import update_record
    from reports.incident_pdf import render_ppc_draft

    set_language("ja")
    folder = Path(tempfile.mkdtemp(prefix="mamori-incidents-bench-"))
    workspace, built = build(args.incidents, folder)
    conn = workspace.conn  # type: ignore[attr-defined]
    reportable = conn.execute(
        "SELECT id FROM incident WHERE reportable = 1 ORDER BY id DESC LIMIT 1"
    ).fetchone()[0]
    counter = iter(range(1000))
    period = fiscal_year_period(conn, 2025, "ja")
    results = {
        "incidents": args.incidents,
        "build_per_incident_ms": round(built * 1000 / args.incidents, 2),
        "save_one_incident_ms": best(
            lambda: update_record(conn, INCIDENTS, reportable, {"subject_count": next(counter)})
        )
        * 1000,
        "dashboard_ms": best(lambda: gather(conn, date(2026, 12, 4))) * 1000,
        "chapter_11_ms": best(
            lambda: build_snapshot(conn, period, language="ja", sections=["incidents"])
        )
        * 1000,
        "ppc_draft_text_ms": best(lambda: draft_text(build_draft(conn, reportable, "final")))
        * 1000,
        "ppc_draft_pdf_ms": best(lambda: render_ppc_draft(build_draft(conn, reportable, "final")))
        * 1000,
    }
    workspace.close()  # type: ignore[attr-defined]
    for key, value in results.items():
        print(f"{key:>24}: {value:.1f}" if isinstance(value, float) else f"{key:>24}: {value}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "incidents.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
