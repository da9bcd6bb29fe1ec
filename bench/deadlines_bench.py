"""Deadline engine timings on a large workspace: 2,000 assets and 2,000 risk assessments.

    python bench/deadlines_bench.py            # 2,000 assets
    python bench/deadlines_bench.py --assets 500

Measures: the calculator (``compute``, rolled rule), one asset save with its deadlines recomputed
in the same transaction, ``recompute_all`` (what the schema-5 upgrade and a holiday import do),
the dashboard's gather, the open-deadline list and the Excel export. Best of 5 where repeatable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

from bench.data import PASSPHRASE, RESULTS  # noqa: E402


def _best(function, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=2000)
    args = parser.parse_args()

    from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS
    from app.areas.organisation.registers import DEPARTMENTS
    from app.dashboard import gather
    from app.deadlines.engine import compute
    from app.deadlines.listing import export_deadlines, open_deadlines
    from app.deadlines.store import recompute_all
    from app.registers.records import insert_validated, update_record, validate
    from app.storage.database import write_transaction
    from app.storage.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="mamori-deadlines-bench-"))
    ws = Workspace.create(folder / "bench.mamori", PASSPHRASE)
    conn = ws.conn
    today = date(2026, 6, 1)
    start = time.perf_counter()
    with write_transaction(conn):
        dept = insert_validated(
            conn, DEPARTMENTS, validate(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"})
        )
        for number in range(args.assets):
            reviewed = date(2025, 1, 1) + timedelta(days=number % 500)
            asset = insert_validated(
                conn,
                ASSETS,
                validate(
                    conn,
                    ASSETS,
                    {
                        "asset_no": f"A{number:05d}",
                        "name": f"台帳{number}",
                        "owner_department": dept,
                        "last_reviewed": reviewed,
                    },
                ),
            )
            insert_validated(
                conn,
                RISK_ASSESSMENTS,
                validate(conn, RISK_ASSESSMENTS, {"asset": asset, "assessed_at": reviewed}),
            )
    build = time.perf_counter() - start
    deadlines = conn.execute("SELECT count(*) FROM deadline").fetchone()[0]
    results = {
        "assets": args.assets,
        "deadline records": deadlines,
        "build (assets + assessments, s)": round(build, 2),
        "compute() R-LEAK-FINAL-30 (µs)": round(
            _best(lambda: [compute("R-LEAK-FINAL-30", date(2025, 12, 1)) for _ in range(1000)])
            * 1000,
            1,
        ),
    }
    asset_id = conn.execute("SELECT id FROM asset ORDER BY id LIMIT 1").fetchone()[0]
    counter = iter(range(10_000))

    def save() -> None:
        day = date(2026, 1, 1) + timedelta(days=next(counter))
        update_record(conn, ASSETS, asset_id, {"last_reviewed": day})

    results["one asset save with its deadlines (ms)"] = round(_best(save) * 1000, 1)

    def recompute() -> None:
        with write_transaction(conn):
            recompute_all(conn)

    results["recompute_all (s)"] = round(_best(recompute, 3), 2)
    results["dashboard gather (ms)"] = round(_best(lambda: gather(conn, today)) * 1000, 1)
    results["open_deadlines, all (ms)"] = round(
        _best(lambda: open_deadlines(conn, today)) * 1000, 1
    )
    results["export to xlsx (s)"] = round(
        _best(lambda: export_deadlines(conn, folder / "d.xlsx", today), 3), 2
    )
    ws.close()
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "deadlines.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
