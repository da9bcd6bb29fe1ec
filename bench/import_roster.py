"""Importing a 20,000-row training roster, end to end, against reading the same file alone.

    python bench/import_roster.py              # 20,000 rows
    python bench/import_roster.py --rows 5000

The roster is bench/import_read.py's file (an .xlsx as Excel saves it). The workspace already holds
the 20,000 staff (a roster matches people; it rarely creates them), cached under bench/results/.
Each measurement runs in a fresh process on a fresh copy of the workspace: the read alone
(python-calamine, the reader Mamori uses), then the whole import — read, headings, mapping,
parsing, plan and apply (validation, 20,000 attendance records, audit entries, one transaction).
Peak memory is the process's peak resident set (ru_maxrss, interpreter included). Besides the
wall-clock time, the CPU time of the process is measured: on a machine shared with other work it
is the steadier figure, and the ratio is reported for both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

from bench.import_read import DEPARTMENTS as DEPARTMENT_NAMES  # noqa: E402
from bench.import_read import RESULTS, roster_rows, write_files  # noqa: E402

PASSPHRASE = "bench-roster-passphrase-harbour"
RUNS = 3


def staff_workspace(count: int) -> Path:
    """A workspace with the roster's staff, built once (generated rows skip per-row validation)."""
    from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
    from app.registers.records import insert_validated
    from app.storage.database import write_transaction

    path = RESULTS / f"roster-staff-{count}.mamori"
    if path.exists():
        return path
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    from app.storage.workspace import Workspace

    workspace = Workspace.create(partial, PASSPHRASE, {"name": "ベンチマーク生協"})
    conn = workspace.conn
    with write_transaction(conn):
        departments = {
            name: insert_validated(
                conn,
                DEPARTMENTS,
                {
                    "code": f"D{number}",
                    "name": name,
                    "unit_type": None,
                    "parent": None,
                    "manager": None,
                    "location": None,
                    "active": True,
                    "notes": None,
                },
            )
            for number, name in enumerate(DEPARTMENT_NAMES, start=1)
        }
        for row in roster_rows(count):
            staff_no, name, kana, department, _employment, hired = row[:6]
            insert_validated(
                conn,
                PEOPLE,
                {
                    "staff_no": staff_no,
                    "name": name,
                    "kana": kana,
                    "department": departments.get(department),
                    "employment_type": "parttime",
                    "pms_roles": None,
                    "hire_date": hired,
                    "leave_date": None,
                    "email": None,
                    "is_handler": True,
                    "active": True,
                    "notes": None,
                },
            )
    workspace.close()
    partial.rename(path)
    return path


def child(step: str, roster: Path, staff: Path) -> None:
    import resource

    timings, cpu, detail = [], [], {}
    for _ in range(RUNS):
        if step == "read":
            from app.importing.reader import open_workbook

            start, start_cpu = time.perf_counter(), time.process_time()
            with open_workbook(roster) as book:
                rows = len(book.read().rows)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            detail = {"rows": rows}
            continue
        from app.areas.training.roster_import import RosterImportSpec
        from app.importing.engine import load_for_import
        from app.jobs import never_cancelled, no_progress
        from app.storage.workspace import Workspace

        copy = Path(tempfile.mkdtemp(prefix="mamori-bench-")) / "w.mamori"
        shutil.copyfile(staff, copy)
        workspace = Workspace.open(copy, PASSPHRASE)  # key derivation is not part of the import
        spec = RosterImportSpec()
        start, start_cpu = time.perf_counter(), time.process_time()
        prepared = load_for_import(roster, spec, conn=workspace.conn)
        loaded = time.perf_counter()
        plan = spec.plan(workspace.conn, prepared.rows, file=roster, sheet=None, skip_invalid=True)
        planned = time.perf_counter()
        spec.apply(workspace.conn, plan, progress=no_progress, cancelled=never_cancelled)
        applied = time.perf_counter()
        cpu.append(time.process_time() - start_cpu)
        prepared.workbook.close()
        timings.append(applied - start)
        detail = {
            "load_s": loaded - start,
            "plan_s": planned - loaded,
            "apply_s": applied - planned,
            "counts": plan.counts,
        }
        workspace.close()
        shutil.rmtree(copy.parent)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": min(timings), "cpu": min(cpu), "peak_mib": peak, **detail}))


def run_child(step: str, roster: Path, staff: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", step, str(roster), str(staff)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    roster, _csv = write_files(args.rows)
    staff = staff_workspace(args.rows)
    read = run_child("read", roster, staff)
    full = run_child("import", roster, staff)
    ratio = full["seconds"] / read["seconds"]
    cpu_ratio = full["cpu"] / read["cpu"]
    print(f"\nRoster import: {args.rows:,} rows; best of {RUNS}, fresh process and workspace copy")
    print(f"{'step':44} {'time':>10} {'peak RSS':>10}")
    print(
        f"{'read alone (python-calamine via our reader)':44} {read['seconds'] * 1000:7.0f} ms {read['peak_mib']:7.0f} MiB"
    )
    print(f"{'whole import':44} {full['seconds'] * 1000:7.0f} ms {full['peak_mib']:7.0f} MiB")
    for key in ("load_s", "plan_s", "apply_s"):
        print(f"{'  ' + key[:-2]:44} {full[key] * 1000:7.0f} ms")
    print(f"{'import / read':44} {ratio:9.2f}x  (target 1.5x; peak target 200 MiB)")
    print(
        f"{'CPU time: read / import / ratio':44} {read['cpu'] * 1000:7.0f} ms "
        f"{full['cpu'] * 1000:7.0f} ms {cpu_ratio:6.2f}x"
    )
    print(f"counts: {full['counts']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_roster.json").write_text(
        json.dumps(
            {
                "rows": args.rows,
                "read": read,
                "import": full,
                "ratio": ratio,
                "cpu_ratio": cpu_ratio,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
