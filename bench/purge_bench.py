"""The retention purge on a workspace with many closed requests and a long audit trail.

    python bench/purge_bench.py              # 1,000 closed requests, 3 edits and a clock row each
    python bench/purge_bench.py --requests 200

Builds a fresh workspace (not cached: the purge changes it), then times ``purge_candidates`` and
``purge_records`` for every candidate in one transaction, and ``verify_workspace`` after it.
Prints the timings and writes bench/results/purge.json.
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    from app.areas.requests import clock
    from app.areas.requests.registers import DATA_REQUESTS
    from app.registers.purge import purge_candidates, purge_records
    from app.registers.records import create_record, update_record
    from app.storage.workspace import Workspace
    from app.verify import verify_workspace

    today = date(2026, 12, 4)
    folder = Path(tempfile.mkdtemp(prefix="mamori-purge-bench-"))
    with Workspace.create(folder / "purge.mamori", "purge-bench-passphrase-42") as ws:
        conn = ws.conn
        started = time.perf_counter()
        for number in range(args.requests):
            received = date(2020, 1, 6) + timedelta(days=number % 700)
            request_id = create_record(
                conn,
                DATA_REQUESTS,
                {
                    "received_on": received,
                    "request_type": "disclosure",
                    "requester_name": f"請求者 {number:05d}",
                    "request_detail": "注文履歴の開示",
                    "requester_contact": "090-0000-0000",
                },
            ).record_id
            clock.suspend(
                conn,
                request_id,
                stopped_on=received + timedelta(days=1),
                reason="identity_documents",
                note="本人確認書類待ち",
            )
            clock.restart(conn, request_id, stopped_until=received + timedelta(days=3))
            update_record(
                conn,
                DATA_REQUESTS,
                request_id,
                {
                    "decision": "full",
                    "decided_on": received + timedelta(days=8),
                    "responded_on": received + timedelta(days=9),
                },
            )
        built = time.perf_counter() - started
        entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        started = time.perf_counter()
        candidates = purge_candidates(conn, today)
        listed = time.perf_counter() - started
        started = time.perf_counter()
        purge_records(conn, "data_requests", [c.record_id for c in candidates], today)
        purged = time.perf_counter() - started
        started = time.perf_counter()
        ok = verify_workspace(conn).ok
        verified = time.perf_counter() - started
    result = {
        "requests": args.requests,
        "audit_entries_before": entries,
        "build_s": round(built, 2),
        "candidates": len(candidates),
        "list_s": round(listed, 3),
        "purge_s": round(purged, 2),
        "verify_s": round(verified, 2),
        "verify_ok": ok,
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "purge.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
