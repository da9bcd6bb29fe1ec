"""The review area at scale: change-driven document reviews over a long audit trail, the
operation-check figures of five years of quarterly checks, chapters 13–15 and the management
review's prefill.

    python bench/review_bench.py                 # 20,000 changes to watched registers
    python bench/review_bench.py --changes 5000

The demo co-op is built, then five years of quarterly checks for every department (14 answered
items each) and ``--changes`` audited updates of control statuses (a watched register). Best of 5
for each measurement; targets: dashboard reminders and each chapter <= 200 ms, the prefill (the
whole board snapshot) <= 5 s. Prints a table and writes bench/results/review.json.
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

from bench.data import RESULTS  # noqa: E402

RUNS = 5
TARGET_S = 0.200
TARGET_PREFILL_S = 5.0


def _best(function) -> float:
    times = []
    for _run in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def build(folder: Path, changes: int, today: date):
    from app.areas.assets.registers import CONTROL_STATUS
    from app.areas.review.opchecks import checklist_items
    from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from app.registers.records import insert_validated, row_values, update_validated, validate
    from app.storage.database import write_transaction

    workspace = build_demo_workspace(folder / "review.mamori", DEMO_PASSPHRASE, today=today)
    conn = workspace.conn
    rng = random.Random(7)
    departments = [row[0] for row in conn.execute("SELECT id FROM department")]
    items = checklist_items(conn)
    with write_transaction(conn):
        for quarter in range(20):
            start = date(today.year - 5, 1, 5) + timedelta(days=91 * quarter)
            for department in departments:
                values = validate(conn, OPERATION_CHECKS, {
                    "department": department, "period_start": start,
                    "period_end": start + timedelta(days=90), "status": "confirmed",
                    "checked_on": start + timedelta(days=95)})  # fmt: skip
                check = insert_validated(conn, OPERATION_CHECKS, values)
                for code in items:
                    answer = "no" if rng.random() < 0.05 else "yes"
                    row = validate(conn, OPERATION_CHECK_ITEMS,
                                   {"check": check, "item": code, "answer": answer})  # fmt: skip
                    insert_validated(conn, OPERATION_CHECK_ITEMS, row)
    statuses = [row[0] for row in conn.execute("SELECT id FROM control_status")]
    with write_transaction(conn):
        for number in range(changes):
            record = statuses[number % len(statuses)]
            before = row_values(conn, CONTROL_STATUS, record)
            values = validate(conn, CONTROL_STATUS, {"evidence": f"確認記録 {number}"}, record)
            update_validated(conn, CONTROL_STATUS, record, values, before)
    return workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20_000)
    args = parser.parse_args()
    from app.areas.review.board_checks import operation_check_lines
    from app.areas.review.mr_inputs import prefill_review
    from app.areas.review.reminders import review_items
    from app.board.report import build_snapshot, date_range_period, fiscal_year_period

    today = date(2026, 12, 4)
    folder = Path(tempfile.mkdtemp(prefix="mamori-review-bench-"))
    started = time.perf_counter()
    workspace = build(folder, args.changes, today)
    conn = workspace.conn
    built = time.perf_counter() - started
    period = fiscal_year_period(conn, 2026, "ja")
    six_years = date_range_period(conn, date(2021, 1, 1), today, "ja")  # every generated check
    review = conn.execute("SELECT id FROM management_review").fetchone()[0]
    results = {
        "audit_entries": conn.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        "operation_check_items": conn.execute(
            "SELECT count(*) FROM operation_check_item"
        ).fetchone()[0],
        "build_s": round(built, 1),
        "dashboard_reminders_s": _best(lambda: list(review_items(conn, today))),
        "chapter_12_lines_s": _best(lambda: operation_check_lines(conn, period, "ja")),
        "chapter_12_lines_6_years_s": _best(lambda: operation_check_lines(conn, six_years, "ja")),
    }
    for key in ("management_review", "external", "plan"):
        results[f"chapter_{key}_s"] = _best(
            lambda key=key: build_snapshot(conn, period, language="ja", sections=[key])
        )
    start = time.perf_counter()
    prefill_review(conn, review, today=today)
    results["prefill_s"] = time.perf_counter() - start
    workspace.close()
    width = max(map(len, results))
    for key, value in results.items():
        target = TARGET_PREFILL_S if key == "prefill_s" else TARGET_S
        mark = "" if not key.endswith("_s") or key == "build_s" else (
            "  ok" if value <= target else "  SLOW")  # fmt: skip
        shown = f"{value * 1000:8.1f} ms" if key.endswith("_s") and key != "build_s" else value
        print(f"{key:<{width}}  {shown}{mark}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "review.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
