"""The board report for a large co-op: 20,000 staff, 200,000 attendance records, 2,000 assets and
20,000 risk items.

    python bench/board_bench.py                      # build (cached) and time build_snapshot
    python bench/board_bench.py --staff 2000 --attendance 20000 --assets 200   # a quick run

The workspace is built once and cached under bench/results/ (the demo co-op plus generated staff,
two fiscal years of training with attendance and pledges, assets with one assessment and ten risk
items each). Generated rows are clean by construction, so they skip per-row validation but still
go through the audited insert (``insert_validated``), as bench/data.py and bench/assets_bench.py do.

Each measurement runs in a fresh process, best of RUNS: ``build_snapshot`` for fiscal year 2026
(Japanese), each section alone, and the snapshot's JSON size. Renderers are timed through
``RENDERERS``: the PDF and Excel builders (``reports.pdf_report.write_pdf``,
``reports.xlsx_report.write_xlsx``) are measured when they are importable; ``BASELINES`` is the
hook for the same tables built with bare reportlab / openpyxl, to report the ratio (target: PDF
<= 10 s and XLSX <= 10 s). Prints a table and writes bench/results/board.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

from bench.data import EMPLOYMENT, PASSPHRASE, RESULTS  # noqa: E402

RUNS = 3
TODAY = date(2026, 11, 25)
FISCAL_YEAR = 2026
TARGET_SNAPSHOT_S = 2.0  # building the model; the 10 s targets are for the rendered files
TARGET_RENDER_S = 10.0
ITEMS_PER_ASSET = 10
PROGRAMMES_PER_YEAR = 5
SESSIONS_PER_PROGRAMME = 20
MEDIA = ("paper_doc", "core_system", "saas", "file_server", "laptop", "email", "handy_terminal")
SUBJECTS = ("member", "member_household", "staff_regular", "staff_parttime", "prospect")
VOLUMES = ("le_100", "101_1000", "1001_5000", "5001_50000", "gt_50000")
CLASSES = ("strictly_secret", "secret", "internal")
PHASES = ("acquire", "transfer", "use", "store", "dispose", "entrust_provide")
TREATMENTS = ("reduce", "reduce", "reduce", "accept", "avoid", None)
CONTROL_STATUSES = ("implemented",) * 8 + ("partial", "planned")

# name -> (module, function name); called as function(snapshot, path). Builders land in reports/.
RENDERERS: dict[str, tuple[str, str, str]] = {
    "PDF (reports.pdf_report.write_pdf)": ("reports.pdf_report", "write_pdf", "pdf"),
    "XLSX (reports.xlsx_report.write_xlsx)": ("reports.xlsx_report", "write_xlsx", "xlsx"),
}
# name -> (module, function name) of a bare reportlab / openpyxl build of the same tables, for the
# ratio column: function(snapshot, path). To be filled in with the builders' baselines.
BASELINES: dict[str, tuple[str, str, str]] = {}


def board_workspace(staff: int, attendance: int, assets: int) -> Path:
    """The demo co-op plus generated staff, training, assets and risks (cached)."""
    from app.areas.assets.registers import (
        ASSETS,
        CONTROL_STATUS,
        RISK_ASSESSMENTS,
        RISK_ITEMS,
        risk_scores,
    )
    from app.areas.organisation.registers import PEOPLE
    from app.areas.training.registers import (
        ATTENDANCE,
        PLEDGES,
        TRAINING_PROGRAMMES,
        TRAINING_SESSIONS,
    )
    from app.demo import GIVEN_NAMES, SURNAMES, build_demo_workspace
    from app.registers.records import defaults, insert_validated
    from app.storage.database import write_transaction

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"board-{staff}-{attendance}-{assets}.mamori"
    if path.exists():
        return path
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    workspace = build_demo_workspace(partial, PASSPHRASE, people=300, today=TODAY)
    conn = workspace.conn
    rng = random.Random(17)
    departments = [row[0] for row in conn.execute("SELECT id FROM department")]
    threats = [row[0] for row in conn.execute(
        "SELECT i.code FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'THREAT'")]  # fmt: skip
    person_defaults = defaults(PEOPLE)
    with write_transaction(conn):
        start = date(1990, 4, 1)
        for number in range(1, max(0, staff - 300) + 1):
            surname, surname_kana = rng.choice(SURNAMES)
            given, given_kana = rng.choice(GIVEN_NAMES)
            insert_validated(
                conn,
                PEOPLE,
                {
                    **person_defaults,
                    "staff_no": f"L{number:06d}",
                    "name": f"{surname} {given}",
                    "kana": f"{surname_kana} {given_kana}",
                    "department": rng.choice(departments),
                    "employment_type": rng.choice(EMPLOYMENT),
                    "pms_roles": ["handler"],
                    "hire_date": start + timedelta(days=rng.randint(0, 13_000)),
                    "is_handler": True,
                    "active": True,
                },
                label=f"L{number:06d}",
            )
    people = [row[0] for row in conn.execute("SELECT id FROM person ORDER BY id")]
    sessions: list[tuple[int, int]] = []  # (session id, pass mark)
    with write_transaction(conn):
        programme_defaults = defaults(TRAINING_PROGRAMMES)
        session_defaults = defaults(TRAINING_SESSIONS)
        for year in (FISCAL_YEAR - 1, FISCAL_YEAR):
            for index in range(PROGRAMMES_PER_YEAR):
                title = f"{year}年度 ベンチ教育 {index + 1}"
                programme = insert_validated(
                    conn,
                    TRAINING_PROGRAMMES,
                    {**programme_defaults, "fiscal_year": year, "title": title,
                     "training_type": "annual_all", "planned_month": 5 + index, "required": True},
                    label=title,
                )  # fmt: skip
                for number in range(SESSIONS_PER_PROGRAMME):
                    held = date(year, 5 + index, 1 + number)
                    sessions.append(
                        (
                            insert_validated(
                                conn,
                                TRAINING_SESSIONS,
                                {
                                    **session_defaults,
                                    "title": f"{title} 第{number + 1}回",
                                    "programme": programme,
                                    "held_on": held,
                                    "has_test": True,
                                    "pass_mark": 70,
                                },
                                label=title,
                            ),
                            70,
                        )
                    )
    attendance_defaults = defaults(ATTENDANCE)
    per_programme = len(sessions) // (2 * PROGRAMMES_PER_YEAR) or 1
    slots = [(p, s) for p in range(2 * PROGRAMMES_PER_YEAR) for s in range(len(people))]
    rng.shuffle(slots)
    with write_transaction(conn):
        for programme, person_index in slots[:attendance]:
            session, pass_mark = sessions[programme * per_programme + rng.randrange(per_programme)]
            score = rng.choice((55, 65, 75, 80, 85, 90, 95, 100))
            insert_validated(
                conn,
                ATTENDANCE,
                {**attendance_defaults, "session": session, "person": people[person_index],
                 "status": "attended", "score": score, "passed": score >= pass_mark,
                 "retake_needed": score < pass_mark},
                label=str(person_index),
            )  # fmt: skip
        pledge_defaults = defaults(PLEDGES)
        for person in people:
            if rng.random() < 0.95:
                insert_validated(
                    conn,
                    PLEDGES,
                    {**pledge_defaults, "person": person, "pledge_type": "hire",
                     "signed_on": date(2020, 4, 1)},
                    label=str(person),
                )  # fmt: skip
    asset_defaults = defaults(ASSETS)
    item_defaults = defaults(RISK_ITEMS)
    assessment_defaults = defaults(RISK_ASSESSMENTS)
    status_defaults = defaults(CONTROL_STATUS)
    controls = [row[0] for row in conn.execute("SELECT id FROM control")]
    begin = date(2025, 4, 1)
    with write_transaction(conn):
        for number in range(1, assets + 1):
            reviewed = begin + timedelta(days=rng.randint(0, 540))
            values = {
                **asset_defaults,
                "asset_no": f"L{number:05d}",
                "name": f"ベンチ資産 {number}",
                "owner_department": rng.choice(departments),
                "responsible": rng.choice(people[:300]),
                "subject_categories": rng.sample(SUBJECTS, 2),
                "media": rng.sample(MEDIA, 2),
                "volume_band": rng.choice(VOLUMES),
                "classification": rng.choice(CLASSES),
                "special_care": rng.choice(("none", "none", "none", "possible", "yes")),
                "contains_my_number": rng.random() < 0.05,
                "contains_financial": rng.random() < 0.2,
                "retention_until": reviewed + timedelta(days=rng.randint(-200, 3000)),
                "last_reviewed": reviewed,
                "next_review_due": reviewed + timedelta(days=365),
            }
            asset_id = insert_validated(conn, ASSETS, values, label=values["asset_no"])
            assessment = insert_validated(
                conn,
                RISK_ASSESSMENTS,
                {**assessment_defaults, "asset": asset_id, "assessed_at": reviewed},
                label=values["asset_no"],
            )
            for index in range(ITEMS_PER_ASSET):
                impact, likelihood = rng.randint(1, 3), rng.randint(1, 3)
                item = {
                    **item_defaults,
                    "assessment": assessment,
                    "phase": PHASES[index % len(PHASES)],
                    "threat": rng.choice(threats),
                    "inherent_impact": impact,
                    "inherent_likelihood": likelihood,
                    "residual_impact": impact,
                    "residual_likelihood": max(1, likelihood - 1),
                    "treatment": rng.choice(TREATMENTS),
                    "planned_controls": "T01" if index % 3 == 0 else None,
                    "planned_due": reviewed + timedelta(days=180) if index % 3 == 0 else None,
                }
                item.update(risk_scores(item))
                insert_validated(conn, RISK_ITEMS, item, label=values["asset_no"])
            if number % 4 == 0:
                insert_validated(
                    conn,
                    CONTROL_STATUS,
                    {**status_defaults, "control": rng.choice(controls), "scope": "asset",
                     "asset": asset_id, "status": rng.choice(CONTROL_STATUSES),
                     "due": reviewed + timedelta(days=200)},
                    label=values["asset_no"],
                )  # fmt: skip
    workspace.close()
    partial.rename(path)
    return path


def best_of(function: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - began)
    return min(timings), result


def _callable(spec: tuple[str, str, str]) -> Callable[..., Any] | None:
    module, name, _suffix = spec
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def child(path: Path, *, render: bool = True) -> None:
    """Runs in a fresh process: unlock (not timed), then each measurement best of RUNS."""
    from app.board.report import build_snapshot, fiscal_year_period
    from app.board.sections import all_sections
    from app.storage.workspace import Workspace

    workspace = Workspace.open(path, PASSPHRASE)
    conn = workspace.conn
    period = fiscal_year_period(conn, FISCAL_YEAR, "ja")
    results: dict[str, dict[str, Any]] = {}
    seconds, snapshot = best_of(lambda: build_snapshot(conn, period, language="ja", today=TODAY))
    results["build_snapshot (all sections)"] = {
        "seconds": seconds,
        "json_kib": round(len(snapshot.to_json().encode()) / 1024),
        "appendix_rows": sum(len(t.rows) for s in snapshot.sections for t in s.appendix),
    }
    for definition in all_sections():
        seconds, _ = best_of(
            lambda key=definition.key: build_snapshot(
                conn, period, language="ja", sections=[key], today=TODAY
            )
        )
        results[f"  section {definition.key}"] = {"seconds": seconds}
    seconds, _ = best_of(lambda: snapshot.content_hash())
    results["content_hash"] = {"seconds": seconds}
    out = Path(tempfile.mkdtemp(prefix="mamori-board-bench-"))
    for group in (RENDERERS, BASELINES) if render else ():
        for name, spec in group.items():
            function = _callable(spec)
            if function is None:
                results[name] = {"seconds": None, "note": "not available"}
                continue
            target = out / f"board.{spec[2]}"
            seconds, _ = best_of(lambda f=function, t=target: f(snapshot, t), runs=1)
            results[name] = {"seconds": seconds, "kib": round(target.stat().st_size / 1024)}
    workspace.close()
    print(json.dumps(results, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=20_000)
    parser.add_argument("--attendance", type=int, default=200_000)
    parser.add_argument("--assets", type=int, default=2_000)
    parser.add_argument(
        "--no-render", action="store_true", help="time the snapshot only, not the PDF/XLSX files"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, render=not args.no_render)
        return 0
    began = time.perf_counter()
    name = f"board-{args.staff}-{args.attendance}-{args.assets}.mamori"
    cached = (RESULTS / name).exists()
    path = board_workspace(args.staff, args.attendance, args.assets)
    built_in = time.perf_counter() - began
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(path)]
        + (["--no-render"] if args.no_render else []),
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    results = json.loads(output.strip().splitlines()[-1])
    print(
        f"\nBoard report: {args.staff:,} staff, {args.attendance:,} attendance records, "
        f"{args.assets:,} assets, {args.assets * ITEMS_PER_ASSET:,} risk items (+ the demo "
        f"co-op's); best of {RUNS}, fresh process"
    )
    print(f"{'measurement':40} {'time':>10}  detail")
    for key, result in results.items():
        shown = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                          for k, v in result.items() if k != "seconds")  # fmt: skip
        seconds = result["seconds"]
        time_text = "—" if seconds is None else f"{seconds * 1000:7.1f} ms"
        print(f"{key:40} {time_text:>10}  {shown}")
    print(f"(workspace {'cached' if cached else f'built in {built_in:.0f} s'}: {path.name})")
    (RESULTS / "board.json").write_text(
        json.dumps(
            {
                "staff": args.staff,
                "attendance": args.attendance,
                "assets": args.assets,
                "risk_items": args.assets * ITEMS_PER_ASSET,
                "targets_s": {"snapshot": TARGET_SNAPSHOT_S, "render": TARGET_RENDER_S},
                "runs": RUNS,
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
